"""A workshop driven by random steps, in process (Flask-SocketIO test clients on a
SQLite file): people join from random organisations, answer, place and take back dots,
add journey notes and reconnect; the facilitator moves through the agenda, opens and
closes, reveals and hides results, hides and restores contributions and enters ballots;
the server restarts (a fresh app on the same database).

After every step: nobody's dots exceed the budget or the cap; the totals the facilitator
sees are the sum of the dots that were acknowledged and not taken back; no phone or
presenter is sent hidden content or anybody's number, name or organisation; and a
restart changes no screen's view."""
import shutil
import string
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, initialize, invariant, precondition,
                                 rule)

from activities.dotvote import option_id
from tests.conftest import ROOMY_LIMITS
from tests.fuzz.payloads import FUZZ, in_words
from workshop import create_app
from workshop.extensions import socketio

ORGANISATIONS = ["Council", "Police", "Health"]
QUESTION, VOTE, JOURNEY = 0, 1, 2
MAX_ANSWERS, DOTS, CAP = 2, 4, 2
OPTIONS = ["more time", "shared data", "clear consent"]
STAGES, LANES = 6, 5  # the default information-sharing template
NOTES_PER_PERSON = 40
WORDS = ["barrier", "trust", "time", "data", "consent", "forms", "meetings", "referral",
         "budget", "language", "fax", "duty"]
# Keys that say who someone is; only the facilitator's screens may carry them.
IDENTIFYING = {"number", "organisation", "author", "participant", "by_facilitator", "hidden"}

# Organisations and names are capitalised and content is lower case, so a leak of one
# into the other cannot be mistaken for a contribution that happens to say the same.
ORGANISATION = st.one_of(st.sampled_from([*ORGANISATIONS, None]),
                         st.text(string.ascii_uppercase, min_size=2, max_size=4)
                         .map(lambda letters: f"Org {letters}"))
NAME = st.one_of(st.none(), st.text(string.ascii_uppercase, min_size=2, max_size=4)
                 .map(lambda letters: f"Name {letters}"))
TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
FIRST = st.sampled_from([None, "bring up", "and reveal"])  # what the facilitator does first


@dataclass
class Person:
    key: int  # this test's own numbering, in order of joining
    name: str | None
    organisation: str | None
    token: str
    http: object = None
    screen: object = None
    dots: dict = field(default_factory=dict)  # option id -> acknowledged dots


@dataclass
class Contribution:
    activity: int  # position in the agenda
    id: int
    author: int
    text: str
    hidden: bool = False


def ack_of(reply, what):
    """A documented acknowledgement: ok true, or ok false with an error in words."""
    assert isinstance(reply, dict) and reply.get("ok") in (True, False), (what, reply)
    if reply["ok"] is False:
        assert in_words(reply.get("error")), (what, reply)
    return reply


def strings_in(value, skip=()):
    """Every text (keys included) inside a JSON value, leaving out subtrees under the
    keys in `skip`."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            if key not in skip:
                yield from strings_in(item, skip)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item, skip)


def keys_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys_in(item)


def without_now(view):
    return {key: value for key, value in view.items() if key != "now"}


class WorkshopMachine(RuleBasedStateMachine):
    """One workshop: a question, a dot vote (results hidden) and a journey map."""

    def __init__(self):
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="roundtable-stateful-"))
        self.database = f"sqlite:///{self.directory / 'roundtable.db'}"
        self.app = self.console = self.presenter = None
        self.people = []
        self.contributions = []
        self.ballots = {}  # entered ballot -> {option id: dots}
        self.current = -1
        self.open = [True, True, True]
        self.revealed = [True, False, True]
        self.seen = []  # what phones and the presenter were sent since the last check
        self.texts = 0
        self.restarts = 0

    # ------------------------------------------------------------------ plumbing
    def start_app(self):
        self.app = create_app({"DATABASE_URL": self.database,
                               "ROUNDTABLE_ASYNC_MODE": "threading",
                               "BROADCAST_INTERVAL": 0, **ROOMY_LIMITS})

    def stop_app(self):
        for screen in self.screens():
            if screen.is_connected():
                screen.disconnect()
        self.app.extensions["roundtable"].store.engine.dispose()

    def screens(self):
        return [screen for screen in [self.console, self.presenter, *(p.screen for p in
                                                                      self.people)] if screen]

    def api(self, method, path, json=None):
        headers = {"Authorization": f"Bearer {self.key}"}
        return getattr(self.app.test_client(), method)(path, json=json, headers=headers)

    def connect_console_and_presenter(self):
        http = self.app.test_client()
        assert http.get(f"/f/{self.code}/{self.key}").status_code == 303
        self.console = socketio.test_client(self.app, flask_test_client=http,
                                            auth={"code": self.code, "role": "facilitator"})
        self.presenter = socketio.test_client(self.app, auth={"code": self.code,
                                                              "role": "presenter"})
        assert self.console.is_connected() and self.presenter.is_connected()

    def connect_phone(self, person):
        if person.http is None or person.http.application is not self.app:
            person.http = self.app.test_client()
            person.http.set_cookie(f"rt_p_{self.code}", person.token)
        person.screen = socketio.test_client(self.app, flask_test_client=person.http,
                                             auth={"code": self.code, "role": "participant"})
        assert person.screen.is_connected()

    def ask(self, screen, event, data, who):
        reply = ack_of(screen.emit(event, data, callback=True), (who, event, data))
        if screen is not self.console:
            self.seen.append((f"{who}'s acknowledgement of {event}", reply))
        return reply

    def expect(self, reply, accepted, what):
        assert reply["ok"] is accepted, (what, "expected", accepted, reply)

    def sync(self, screen, who):
        return self.ask(screen, "sync", None, who)["view"]

    def unique_text(self, words):
        self.texts += 1
        return f"{words} n{self.texts}"

    def bring_up(self, position, how):
        """Maybe the facilitator first moves to this activity and opens it, as before
        asking the room to take part, and maybe reveals its results as well."""
        if how:
            self.control("goto", position)
            self.control("open", position)
        if how == "and reveal":
            self.control("reveal", position)

    def visible_answers(self, person):
        return [c for c in self.contributions
                if c.activity == QUESTION and c.author == person.key and not c.hidden]

    # ------------------------------------------------------------------ set-up
    @initialize(people=st.lists(st.tuples(ORGANISATION, st.booleans(), NAME), min_size=2,
                                max_size=4))
    def create_workshop(self, people):
        """The facilitator makes the workshop, and the first few people join."""
        self.start_app()
        http = self.app.test_client()
        created = http.post("/api/workshops", json={"title": "Sharing well",
                                                     "organisations": ORGANISATIONS})
        assert created.status_code == 201, created.get_json()
        self.code = created.get_json()["code"]
        self.key = created.get_json()["facilitator_key"]
        agenda = [
            ("question", {"prompt": "what gets in the way?", "max_answers": MAX_ANSWERS}),
            ("dotvote", {"prompt": "which first?", "options": "\n".join(OPTIONS),
                         "dots": DOTS, "cap": CAP, "hide_results": True}),
            ("journey", {"prompt": "a referral", "feelings": False}),
        ]
        self.activity_ids = []
        for type_id, config in agenda:
            added = self.api("post", f"/api/workshops/{self.code}/activities",
                             {"type": type_id, "config": config})
            assert added.status_code == 201, added.get_json()
            self.activity_ids.append(added.get_json()["activity"]["id"])
        self.connect_console_and_presenter()
        for organisation, other, name in people:
            self.join(organisation, other, name)

    def teardown(self):
        if self.app is not None:
            self.stop_app()
        shutil.rmtree(self.directory, ignore_errors=True)

    # ------------------------------------------------------------------ participants
    @precondition(lambda self: len(self.people) < 7)
    @rule(organisation=ORGANISATION, other=st.booleans(), name=NAME)
    def join(self, organisation, other, name):
        """Someone joins from the join page, naming an organisation from the list or
        typing another, and opens their phone screen."""
        http = self.app.test_client()
        form = {"name": name or ""}
        if other and organisation:
            form.update(organisation="__other__", organisation_other=organisation)
        else:
            form["organisation"] = organisation or ""
        answer = http.post(f"/j/{self.code}", data=form)
        assert answer.status_code == 303
        token = http.get_cookie(f"rt_p_{self.code}").value
        person = Person(len(self.people), name, organisation, token, http)
        self.people.append(person)
        self.connect_phone(person)
        self.sync(person.screen, f"person {person.key}")

    @precondition(lambda self: self.people)
    @rule(data=st.data(), words=TEXT, first=FIRST)
    def answer(self, data, words, first):
        """A participant answers the question (which takes two answers each), maybe
        just after the facilitator brought it up."""
        self.bring_up(QUESTION, first)
        person = data.draw(st.sampled_from(self.people), label="person")
        text = self.unique_text(words)
        reply = self.ask(person.screen, "act", {
            "activity_id": self.activity_ids[QUESTION], "action": "answer",
            "payload": {"text": text}, "cid": f"answer-{self.texts}"}, f"person {person.key}")
        accepted = self.current == QUESTION and self.open[QUESTION] and \
            len(self.visible_answers(person)) < MAX_ANSWERS
        self.expect(reply, accepted, "answer")
        if accepted:
            self.contributions.append(Contribution(QUESTION, reply["id"], person.key, text))

    @precondition(lambda self: self.people)
    @rule(data=st.data(), option=st.sampled_from(OPTIONS), add=st.booleans(),
          first=FIRST)
    def vote(self, data, option, add, first):
        """A participant places a dot on an option, or takes one back, maybe just after
        the facilitator brought the vote up."""
        self.bring_up(VOTE, first)
        person = data.draw(st.sampled_from(self.people), label="person")
        chosen = option_id(option)
        reply = self.ask(person.screen, "act", {
            "activity_id": self.activity_ids[VOTE], "action": "add" if add else "remove",
            "payload": {"option": chosen}}, f"person {person.key}")
        running = self.current == VOTE and self.open[VOTE]
        has = person.dots.get(chosen, 0)
        if add:
            accepted = running and sum(person.dots.values()) < DOTS and has < CAP
        else:
            accepted = running and has > 0
        self.expect(reply, accepted, ("add" if add else "remove", option, person.dots))
        if accepted:
            person.dots[chosen] = has + (1 if add else -1)
            if not person.dots[chosen]:
                del person.dots[chosen]

    @precondition(lambda self: self.people)
    @rule(data=st.data(), stage=st.integers(0, STAGES - 1), lane=st.integers(0, LANES - 1),
          words=TEXT, first=FIRST)
    def add_note(self, data, stage, lane, words, first):
        """A participant adds a note to a cell of the journey map, maybe just after the
        facilitator brought it up."""
        self.bring_up(JOURNEY, first)
        person = data.draw(st.sampled_from(self.people), label="person")
        text = self.unique_text(words)
        reply = self.ask(person.screen, "act", {
            "activity_id": self.activity_ids[JOURNEY], "action": "add_note",
            "payload": {"stage": stage, "lane": lane, "text": text}}, f"person {person.key}")
        mine = sum(1 for c in self.contributions  # hidden notes free a place
                   if c.activity == JOURNEY and c.author == person.key and not c.hidden)
        accepted = self.current == JOURNEY and self.open[JOURNEY] and mine < NOTES_PER_PERSON
        self.expect(reply, accepted, "add_note")
        if accepted:
            self.contributions.append(Contribution(JOURNEY, reply["id"], person.key, text))

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def reconnect(self, data):
        """A phone loses its connection and comes back with the same cookie: it sees
        what it saw before."""
        person = data.draw(st.sampled_from(self.people), label="person")
        before = self.sync(person.screen, f"person {person.key}")
        self.collect(person.screen, f"person {person.key}")
        person.screen.disconnect()
        self.connect_phone(person)
        after = self.sync(person.screen, f"person {person.key}")
        assert (before["activity"] or {}).get("mine") == (after["activity"] or {}).get("mine")
        assert before["workshop"] == after["workshop"]

    # ------------------------------------------------------------------ facilitator
    @rule(command=st.sampled_from(["next", "previous", "goto", "open", "close", "reveal",
                                   "hide_results"]),
          position=st.integers(-2, 3))
    def control(self, command, position):
        """The facilitator moves through the agenda, opens or closes the running
        activity, or reveals or hides its results."""
        args = {"position": position} if command == "goto" else {}
        reply = self.ask(self.console, "control", {"command": command, "args": args},
                         "facilitator")
        if command == "next":
            accepted, to = self.current < 2, self.current + 1
        elif command == "previous":
            accepted, to = self.current >= 0, self.current - 1
        elif command == "goto":
            accepted, to = -1 <= position < 3, position
        else:
            accepted, to = self.current >= 0, self.current
        self.expect(reply, accepted, (command, position, self.current))
        if not accepted:
            return
        if command in ("open", "close"):
            self.open[self.current] = command == "open"
        elif command in ("reveal", "hide_results"):
            self.revealed[self.current] = command == "reveal"
        else:
            self.current = to

    @precondition(lambda self: self.contributions)
    @rule(data=st.data(), hide=st.booleans())
    def moderate(self, data, hide):
        """The facilitator hides an answer or a note, or restores it."""
        item = data.draw(st.sampled_from(self.contributions), label="contribution")
        reply = self.ask(self.console, "act", {
            "activity_id": self.activity_ids[item.activity],
            "action": "hide" if hide else "restore", "payload": {"id": item.id}},
            "facilitator")
        self.expect(reply, True, ("hide" if hide else "restore", item))
        item.hidden = hide

    @rule(dots=st.dictionaries(st.sampled_from(OPTIONS), st.integers(0, 3), max_size=3))
    def enter_ballot(self, dots):
        """The facilitator enters the dots of someone without a phone."""
        wanted = {option_id(option): count for option, count in dots.items()}
        reply = self.ask(self.console, "act", {
            "activity_id": self.activity_ids[VOTE], "action": "enter_ballot",
            "payload": {"dots": wanted}}, "facilitator")
        placed = {option: count for option, count in wanted.items() if count}
        accepted = bool(placed) and sum(placed.values()) <= DOTS and \
            all(count <= CAP for count in placed.values())
        self.expect(reply, accepted, ("enter_ballot", wanted))
        if accepted:
            self.ballots[reply["ballot"]] = placed

    @precondition(lambda self: self.restarts < 2)  # a restart or two per run is plenty
    @rule()
    def restart(self):
        """The server restarts on the same database; every screen reconnects and sees
        exactly what it saw before."""
        screens = [(self.console, "facilitator"), (self.presenter, "presenter")] + \
            [(p.screen, f"person {p.key}") for p in self.people]
        before = [without_now(self.sync(screen, who)) for screen, who in screens]
        read_before = self.api("get", f"/api/workshops/{self.code}").get_json()
        self.check_what_they_were_sent()
        self.stop_app()
        self.start_app()
        self.restarts += 1
        self.connect_console_and_presenter()
        for person in self.people:
            self.connect_phone(person)
        screens = [(self.console, "facilitator"), (self.presenter, "presenter")] + \
            [(p.screen, f"person {p.key}") for p in self.people]
        after = [without_now(self.sync(screen, who)) for screen, who in screens]
        for (_, who), old, new in zip(screens, before, after):
            assert old == new, (who, old, new)
        read_after = self.api("get", f"/api/workshops/{self.code}").get_json()
        assert without_now(read_before) == without_now(read_after)

    # ------------------------------------------------------------------ invariants
    def collect(self, screen, who):
        """Keep what this phone or presenter screen was sent, to be checked."""
        for message in screen.get_received():
            for arg in message["args"]:
                self.seen.append((f"{who}'s '{message['name']}' event", arg))

    def check_what_they_were_sent(self):
        self.collect(self.presenter, "presenter")
        for person in self.people:
            self.collect(person.screen, f"person {person.key}")
        hidden = {c.text for c in self.contributions if c.hidden}
        names = {p.name for p in self.people if p.name}
        organisations = {p.organisation for p in self.people if p.organisation}
        for what, payload in self.seen:
            leaked = IDENTIFYING.intersection(keys_in(payload))
            assert not leaked, (what, leaked, payload)
            texts = list(strings_in(payload, skip=("breakdown",)))
            assert not hidden.intersection(texts), (what, hidden.intersection(texts))
            for text in texts:
                for secret in names | organisations:
                    assert secret not in text, (what, secret, text)
            self.check_breakdown(what, payload)
        self.seen = []

    def check_breakdown(self, what, payload):
        """A presenter may see dots by organisation, but only for organisations with at
        least three voters; smaller ones are folded into Other."""
        if isinstance(payload, dict):
            breakdown = payload.get("breakdown")
            if isinstance(breakdown, dict):
                for group in breakdown["groups"]:
                    if group == "Other":
                        continue
                    voters = [p for p in self.people if p.organisation == group and p.dots]
                    assert len(voters) >= 3 and breakdown["voters"][group] >= 3, \
                        (what, group, breakdown)
            for item in payload.values():
                self.check_breakdown(what, item)
        elif isinstance(payload, list):
            for item in payload:
                self.check_breakdown(what, item)

    @invariant()
    def nobody_sees_what_they_should_not(self):
        if self.app is None:
            return
        self.sync(self.presenter, "presenter")
        for person in self.people:
            self.sync(person.screen, f"person {person.key}")
        self.check_what_they_were_sent()

    @invariant()
    def dots_stay_within_the_budget_and_the_cap(self):
        if self.app is None:
            return
        for person in self.people:
            assert sum(person.dots.values()) <= DOTS and all(
                0 < n <= CAP for n in person.dots.values()), person.dots
            if self.current == VOTE:
                view = self.ask(person.screen, "sync", None, f"person {person.key}")["view"]
                mine = view["activity"]["mine"]
                assert mine["dots"] == person.dots, (person.key, mine, person.dots)
                assert mine["remaining"] == DOTS - sum(person.dots.values()), mine

    @invariant()
    def the_facilitator_sees_the_acknowledged_totals(self):
        if self.app is None:
            return
        expected = {option_id(option): 0 for option in OPTIONS}
        for dots in [p.dots for p in self.people] + list(self.ballots.values()):
            for option, count in dots.items():
                expected[option] += count
        read = self.api("get", f"/api/workshops/{self.code}")
        assert read.status_code == 200, read.get_json()
        summary = read.get_json()["results"][VOTE]["summary"]
        assert {r["id"]: r["dots"] for r in summary["results"]} == expected, summary
        assert summary["dots_placed"] == sum(expected.values()), summary
        if self.current == VOTE:
            view = self.sync(self.console, "facilitator")["activity"]["view"]
            assert {r["id"]: r["dots"] for r in view["results"]} == expected, view
        note(f"totals {expected}")


WorkshopMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=40,
                                             **FUZZ)
TestWorkshopMachine = WorkshopMachine.TestCase
