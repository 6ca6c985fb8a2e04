"""Dot voting over Socket.IO: many phones at once, one person on two connections, retried
submissions, what each screen is sent while results are hidden and after the reveal,
taking options from an earlier question, and what only the facilitator may do."""
import random

import pytest

from tests.conftest import cid
from tests.live.helpers import (add_activity, as_text, at_once, received, refused_in_words,
                                snapshot)
from workshop.extensions import socketio
from workshop.grouping import GATHER

PROMPT = "Which barrier should we tackle first?"
OPTIONS = ["Housing", "Schools", "Health", "Transport"]
DOTS = 4
PEOPLE_AT_ONCE = 12


def add_vote(room, **config):
    """The facilitator adds a dot vote to the agenda over the API."""
    return add_activity(room, "dotvote", **{"prompt": PROMPT, "options": "\n".join(OPTIONS),
                                             **config})




def activity_view(view):
    return view["activity"]["view"]


def option_ids(room):
    """Option text -> id, as the facilitator's console has them."""
    return {o["text"]: o["id"] for o in activity_view(snapshot(room.console))["options"]}


def totals(room):
    """Dots per option text, as the facilitator's console shows them."""
    return {r["text"]: r["dots"] for r in activity_view(snapshot(room.console))["results"]}


def act(client, room, action, submission=None, **payload):
    """What a phone (or the console) sends; answers the acknowledgement."""
    return client.emit("act", {"activity_id": room.vote, "action": action, "payload": payload,
                               "cid": submission or cid()}, callback=True)


def tap(phone, room, text, action="add", submission=None):
    """A tap on an option's button (add) or its minus button (remove)."""
    return act(phone, room, action, submission, option=room.options[text])


def dots_by_text(room, own):
    """A phone's own dots (from an ack's `own` or a `mine` event) by option text."""
    names = {i: t for t, i in room.options.items()}
    return {names[o]: n for o, n in own["mine"]["dots"].items()}


@pytest.fixture
def voting(room):
    """A running dot vote (four dots each, no cap, results hidden) and its console."""
    room.vote = add_vote(room, dots=DOTS)
    room.control("start")
    room.console = room.facilitator()
    room.options = option_ids(room)
    return room


# ---------------------------------------------------------------------- many at once
def test_many_people_voting_at_once_are_all_counted(voting):
    organisations = ["Council", "Police", "Health", None]
    phones = [voting.phone(organisation=organisations[n % 4] or "")
              for n in range(PEOPLE_AT_ONCE)]
    rng = random.Random(7)
    plans = [[rng.choice(OPTIONS) for _ in range(DOTS + 2)] for _ in phones]

    def voter(phone, plan):
        return lambda: [(text, tap(phone, voting, text)) for text in plan]

    acks = at_once([voter(phone, plan) for phone, plan in zip(phones, plans)])

    placed = {text: 0 for text in OPTIONS}
    for taps in acks:
        accepted = [(text, ack) for text, ack in taps if ack["ok"]]
        refused = [ack for _text, ack in taps if not ack["ok"]]
        # Each phone taps six times in turn: the first four are placed, then the budget.
        assert [ack["ok"] for _text, ack in taps] == [True] * DOTS + [False] * 2, taps
        assert all("used all 4 of your dots" in refused_in_words(ack) for ack in refused)
        mine = {}
        for text, ack in accepted:
            mine[text] = ack["dots"]  # the phone's own count on that option after the tap
        last_own = accepted[-1][1]["own"]
        assert dots_by_text(voting, last_own) == mine
        assert last_own["mine"]["remaining"] == 0
        for text, count in mine.items():
            placed[text] += count

    assert sum(placed.values()) == DOTS * PEOPLE_AT_ONCE
    assert totals(voting) == placed
    view = activity_view(snapshot(voting.console))
    assert (view["voters"], view["dots_placed"], view["used_all"]) == (
        PEOPLE_AT_ONCE, DOTS * PEOPLE_AT_ONCE, PEOPLE_AT_ONCE)


def test_taking_dots_back_at_the_same_time_keeps_the_totals_right(voting):
    phones = [voting.phone() for _ in range(6)]
    for phone in phones:
        for text in ("Housing", "Schools", "Schools"):
            assert tap(phone, voting, text)["ok"]

    def move(phone):  # take one dot back from Schools and put it on Health
        return lambda: (tap(phone, voting, "Schools", "remove"), tap(phone, voting, "Health"))

    for removed, added in at_once([move(phone) for phone in phones]):
        assert removed["ok"] and removed["dots"] == 1
        assert added["ok"] and added["dots"] == 1
    assert totals(voting) == {"Housing": 6, "Schools": 6, "Health": 6, "Transport": 0}


# ---------------------------------------------------------------------- one person, two tabs
def test_one_person_on_two_connections_cannot_spend_more_than_their_dots(voting):
    http = voting.join(organisation="Council")
    first, second = voting.phone(http), voting.phone(http)

    def spend(phone, texts):
        return lambda: [tap(phone, voting, text) for text in texts]

    acks = at_once([spend(first, OPTIONS + OPTIONS), spend(second, OPTIONS[::-1] * 2)])
    answered = acks[0] + acks[1]
    assert sum(1 for ack in answered if ack["ok"]) == DOTS
    for ack in answered:
        if not ack["ok"]:
            assert "used all 4" in refused_in_words(ack)

    mine = snapshot(second)["activity"]["mine"]
    assert sum(mine["dots"].values()) == DOTS
    assert mine["remaining"] == 0
    assert snapshot(first)["activity"]["mine"] == mine
    assert sum(totals(voting).values()) == DOTS
    assert activity_view(snapshot(voting.console))["voters"] == 1


def test_a_tap_on_one_connection_shows_on_the_other(voting):
    http = voting.join()
    first, second = voting.phone(http), voting.phone(http)
    second.get_received()
    assert tap(first, voting, "Health")["ok"]
    pushed = received(second).get("mine")
    assert pushed, "the other tab was not told about the new dot"
    assert dots_by_text(voting, pushed[-1]) == {"Health": 1}


# ---------------------------------------------------------------------- retries
def test_a_retried_tap_with_the_same_id_is_stored_once(voting):
    http = voting.join()
    phone, other_tab = voting.phone(http), voting.phone(http)
    first = tap(phone, voting, "Schools", submission="tap-1")
    again = tap(phone, voting, "Schools", submission="tap-1")
    from_other_tab = tap(other_tab, voting, "Schools", submission="tap-1")
    assert first["ok"] and first["dots"] == 1 and not first.get("duplicate")
    for ack in (again, from_other_tab):
        assert ack["ok"] is True and ack["duplicate"] is True
        assert ack["dots"] == 1
        assert dots_by_text(voting, ack["own"]) == {"Schools": 1}
    assert totals(voting)["Schools"] == 1

    someone_else = voting.phone()  # the same id from another person is their own tap
    assert not tap(someone_else, voting, "Schools", submission="tap-1").get("duplicate")
    assert totals(voting)["Schools"] == 2

    engine = voting.engine
    with engine.store.transaction() as tx:
        stored = [a for a in tx.actions(engine.workshop(voting.code).id)
                  if a.client_id == "tap-1"]
    assert len(stored) == 2
    assert len({a.participant_id for a in stored}) == 2


def test_a_retried_tap_arriving_at_once_on_two_connections_is_stored_once(voting):
    http = voting.join()
    first, second = voting.phone(http), voting.phone(http)
    acks = at_once([lambda: tap(first, voting, "Health", submission="race"),
                    lambda: tap(second, voting, "Health", submission="race")])
    assert all(ack["ok"] for ack in acks), acks
    assert sorted(bool(ack.get("duplicate")) for ack in acks) == [False, True]
    assert totals(voting)["Health"] == 1


# ---------------------------------------------------------------------- hidden results
def test_while_hidden_screens_are_sent_no_totals_and_no_one_elses_dots(voting):
    screen = voting.presenter()
    zoe = voting.phone(organisation="Council")
    others = [voting.phone(organisation="Police") for _ in range(3)]
    for client in (screen, zoe):
        client.get_received()

    assert tap(zoe, voting, "Housing")["ok"]
    for phone in others:
        assert tap(phone, voting, "Schools")["ok"]
        assert tap(phone, voting, "Transport")["ok"]
    assert tap(zoe, voting, "Housing")["ok"]
    # Mid-vote the facilitator adds an option: every screen is sent the new list.
    added = voting.console.emit("control", {"command": "update_activity", "args": {
        "activity_id": voting.vote,
        "config": {"prompt": PROMPT, "dots": DOTS, "options": "\n".join(OPTIONS + ["Parking"])}}},
        callback=True)
    assert added["ok"] is True, added

    presenter_sent = received(screen)
    assert presenter_sent.get("view"), "the presenter was sent no updates"
    for view in presenter_sent["view"]:
        shown = view["activity"]["view"]
        assert "results" not in shown and "breakdown" not in shown
        assert all(set(option) == {"id", "text"} for option in shown["options"])
    last = activity_view(presenter_sent["view"][-1])
    assert (last["voters"], last["dots_placed"]) == (4, 8)
    assert [o["text"] for o in last["options"]] == OPTIONS + ["Parking"]

    phone_sent = received(zoe)
    assert phone_sent.get("view") and phone_sent.get("mine"), phone_sent.keys()
    assert [o["text"] for o in activity_view(phone_sent["view"][-1])["options"]] == \
        OPTIONS + ["Parking"]
    for view in phone_sent["view"]:
        shown = view["activity"]["view"]
        assert set(shown) == {"prompt", "phase", "dots", "cap", "options"}, shown
        assert "mine" not in view["activity"]  # the room's view holds nobody's dots
    for own in phone_sent["mine"]:
        assert set(dots_by_text(voting, own)) <= {"Housing"}, own
    assert dots_by_text(voting, phone_sent["mine"][-1]) == {"Housing": 2}
    for message in phone_sent["view"] + phone_sent["mine"]:
        assert "Police" not in as_text(message)


def test_after_the_reveal_the_presenter_gets_ranked_results_with_small_groups_as_other(voting):
    screen = voting.presenter()
    council = [voting.phone(organisation="Council") for _ in range(3)]
    police = voting.phone(organisation="Police")
    unaffiliated = [voting.phone() for _ in range(2)]
    for phone in council:
        for text in ("Housing", "Housing", "Schools"):
            assert tap(phone, voting, text)["ok"]
    assert tap(police, voting, "Health")["ok"]
    for phone in unaffiliated:
        assert tap(phone, voting, "Schools")["ok"]
        assert tap(phone, voting, "Health")["ok"]
    assert "results" not in activity_view(snapshot(screen))
    screen.get_received()

    answer = voting.console.emit("control", {"command": "reveal"}, callback=True)
    assert answer["ok"] is True, answer

    views = received(screen).get("view")
    assert views, "the presenter was not sent the results"
    shown = views[-1]["activity"]
    assert shown["revealed"] is True
    ranked = [(r["rank"], r["text"], r["dots"]) for r in shown["view"]["results"]]
    assert ranked == [(1, "Housing", 6), (2, "Schools", 5), (3, "Health", 3),
                      (4, "Transport", 0)]
    breakdown = shown["view"]["breakdown"]
    assert breakdown["groups"] == ["Council", "Other"]
    assert breakdown["voters"] == {"Council": 3, "Other": 3}
    by = {o["id"]: o["by"] for o in breakdown["options"]}
    assert by[voting.options["Housing"]] == {"Council": 6}
    assert by[voting.options["Schools"]] == {"Council": 3, "Other": 2}
    assert by[voting.options["Health"]] == {"Other": 3}
    assert "Police" not in as_text(views[-1])


def test_hiding_the_results_again_takes_them_off_the_screen(voting):
    screen = voting.presenter()
    assert tap(voting.phone(), voting, "Housing")["ok"]
    assert voting.console.emit("control", {"command": "reveal"}, callback=True)["ok"]
    assert activity_view(snapshot(screen))["results"][0]["text"] == "Housing"
    assert voting.console.emit("control", {"command": "hide_results"}, callback=True)["ok"]
    assert "results" not in activity_view(snapshot(screen))


# ---------------------------------------------------------------------- options from a question
def test_options_can_be_taken_from_an_earlier_question(room):
    question = room.add_question("What gets in the way?")
    room.control("start")
    console = room.facilitator()
    texts = ["Old IT systems", "Consent is unclear", "Something rude", "No shared budget"]
    for text in texts:
        reply = room.phone().emit("act", {"activity_id": question, "action": "answer",
                                          "payload": {"text": text}, "cid": cid()},
                                  callback=True)
        assert reply["ok"], reply
    rude = next(a["id"] for a in activity_view(snapshot(console))["answers"]
                if a["text"] == "Something rude")
    assert console.emit("act", {"activity_id": question, "action": "hide",
                                "payload": {"id": rude}}, callback=True)["ok"]

    by_socket = console.emit("items", {"activity_id": question}, callback=True)
    assert by_socket["ok"] is True, by_socket
    offered = sorted(item["text"] for item in by_socket["items"])
    assert offered == ["Consent is unclear", "No shared budget", "Old IT systems"]

    by_http = room.api("get", f"/api/workshops/{room.code}/activities/{question}/items")
    assert by_http.status_code == 200, by_http.get_json()
    assert by_http.get_json()["items"] == by_socket["items"]
    refused = room.api("get", f"/api/workshops/{room.code}/activities/{question}/items",
                       key=False)
    assert refused.status_code == 401

    added = console.emit("control", {"command": "add_activity", "args": {
        "type": "dotvote",
        "config": {"prompt": PROMPT,
                   "options": "\n".join(i["text"] for i in by_socket["items"])}}},
        callback=True)
    assert added["ok"] is True, added
    assert console.emit("control", {"command": "next"}, callback=True)["ok"]
    vote = activity_view(snapshot(room.phone()))
    assert sorted(o["text"] for o in vote["options"]) == offered


def test_a_vote_offers_its_options_best_first(voting):
    phone = voting.phone()
    for text in ("Health", "Health", "Transport"):
        assert tap(phone, voting, text)["ok"]
    items = voting.console.emit("items", {"activity_id": voting.vote}, callback=True)
    assert [i["text"] for i in items["items"]][:2] == ["Health", "Transport"]


@pytest.mark.parametrize("activity_id", [None, "1", True, 999_999])
def test_items_of_an_activity_that_is_not_there_are_refused_in_words(voting, activity_id):
    answer = voting.console.emit("items", {"activity_id": activity_id}, callback=True)
    refused_in_words(answer)


# ---------------------------------------------------------------------- facilitator only
@pytest.fixture
def proposing(room):
    room.vote = add_vote(room, options="", propose_first=True)
    room.control("start")
    room.console = room.facilitator()
    return room


def test_participants_cannot_take_items_start_the_vote_or_enter_ballots(proposing):
    phone = proposing.phone()
    for text in ("Shared case notes", "One contact point"):
        assert act(phone, proposing, "propose", text=text)["ok"]

    assert "Only the facilitator" in refused_in_words(
        phone.emit("items", {"activity_id": proposing.vote}, callback=True))
    assert "Only the facilitator" in refused_in_words(act(phone, proposing, "start_voting"))
    assert activity_view(snapshot(proposing.console))["phase"] == "proposing"

    assert act(proposing.console, proposing, "start_voting")["ok"]
    proposing.options = option_ids(proposing)
    ballot = {proposing.options["Shared case notes"]: 2}
    assert "Only the facilitator" in refused_in_words(
        act(phone, proposing, "enter_ballot", dots=ballot))
    assert "Only the facilitator" in refused_in_words(
        act(phone, proposing, "withdraw_ballot", ballot="F1"))
    view = activity_view(snapshot(proposing.console))
    assert view["entered"] == [] and view["dots_placed"] == 0

    entered = act(proposing.console, proposing, "enter_ballot", dots=ballot)
    assert entered["ok"] is True and entered["ballot"] == "F1"
    assert totals(proposing)["Shared case notes"] == 2


def test_the_presenter_screen_cannot_vote_or_take_items(voting):
    screen = voting.presenter()
    assert "only shows" in refused_in_words(tap(screen, voting, "Housing"))
    assert "Only the facilitator" in refused_in_words(
        screen.emit("items", {"activity_id": voting.vote}, callback=True))
    assert sum(totals(voting).values()) == 0


def test_the_facilitator_cannot_place_dots_as_a_participant(voting):
    assert "for participants" in refused_in_words(tap(voting.console, voting, "Housing"))
    assert sum(totals(voting).values()) == 0


def test_votes_in_a_busy_room_are_gathered_through_the_runtimes_sleep(voting, monkeypatch):
    """The group commit waits for more votes to join only through socketio.sleep (the
    runtime's), never a sleep of its own: the rule outside run.py."""
    slept = []
    real = socketio.server.sleep
    monkeypatch.setattr(socketio.server, "sleep",
                        lambda seconds=0: slept.append(seconds) or real(seconds))
    # The group commit's clock stands still, so the second vote comes within BUSY of the
    # first however long a loaded machine takes between them: the room is busy.
    monkeypatch.setattr(voting.engine._groups, "clock", lambda: 0.0)
    phone = voting.phone()
    for _n in range(2):
        assert tap(phone, voting, "Health")["ok"] is True
    assert GATHER in slept
