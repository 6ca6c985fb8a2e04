"""A phone on venue wi-fi. Its traffic goes through a proxy that can stall: bytes held
for longer than the phone waits for an answer, the connection kept. Every kind of
submission settles, is stored once however often the person presses, and the phone says
what happened in words. Offline, what waits on the phone is shown and counted.

How long the link stalls is the situation being tested, not a wait for a result: the
test holds the proxy for that long, then waits (with deadlines) for what the phone shows.
"""
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import requests
from playwright.sync_api import expect
from serverproc import ServerProcess
from stallproxy import StallingProxy

from e2e_steps import (CONNECTED, MINE_IN, join, no_script_errors, prepared, running,
                       start_workshop)
from e2e_steps import Phone as OtherPhone

pytestmark = pytest.mark.browser

STALL_S = 9  # longer than a phone waits for an answer before it says the link is slow
LONG_STALL_S = 15  # longer too than it takes a phone to notice a dead link (10 s)
SETTLE_MS = 25_000  # after the stall: a reconnection (backoff up to 5 s) and the resend

SAID_DURING_A_STALL = re.compile(r"the connection is slow|waiting to send")


@pytest.fixture
def proxy(server):
    with StallingProxy(server.port) as stalling:
        yield stalling


def export(server, made):
    answer = requests.get(f"{server.url}/api/workshops/{made['code']}/export?format=json",
                          headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                          timeout=10)
    answer.raise_for_status()
    return answer.json()


def stored(server, made, name):
    """How many `name` actions participants have had accepted."""
    return sum(1 for a in export(server, made)["actions"] if a["name"] == name and a["by"])


def phone_through(proxy, people, made):
    """A phone joins through the proxy and is shown the running activity (its prompt):
    on a busy machine its view and code may take more than the usual deadline to come."""
    phone = people.phone()
    join(phone, f"{proxy.url}/j/{made['code']}")
    expect(phone.locator("#screen .activity .prompt")).to_have_text(re.compile(r"\S"),
                                                                      timeout=SETTLE_MS)
    return phone


class Stall:
    """The link stops (`with Stall(proxy, seconds) as stalled:`) and comes back after
    `seconds`; within, the test submits, and `stalled.lasts(phone, meanwhile)` checks the
    phone says so in words while whatever the person presses (each of `meanwhile`) makes
    no second copy, until the stall is over."""

    def __init__(self, proxy, seconds):
        self.proxy, self.seconds = proxy, seconds

    def __enter__(self):
        self.proxy.hold()
        self.started = time.monotonic()
        return self

    def lasts(self, phone, meanwhile=()):
        for press in meanwhile:
            press()
        expect(phone.locator("#sending")).to_have_text(SAID_DURING_A_STALL,
                                                       timeout=self.seconds * 1000)
        for press in meanwhile:
            press()
        left = self.seconds - (time.monotonic() - self.started)
        if left > 0:
            phone.wait_for_timeout(left * 1000)  # the rest of the stall: the situation

    def __exit__(self, *exc):
        self.proxy.release()


def settled(phone):
    """Nothing left to send, and the phone no longer says anything is on its way. (The
    line says nothing for a moment's grace while a last send is answered: the outbox
    itself is waited for.)"""
    phone.wait_for_function("""() => Object.keys(localStorage)
        .filter((k) => k.startsWith('roundtable:outbox:'))
        .every((k) => JSON.parse(localStorage.getItem(k)).length === 0)""", timeout=SETTLE_MS)
    expect(phone.locator(".waiting-word:visible")).to_have_count(0)
    expect(phone.locator("#sending")).not_to_contain_text(re.compile("sending|waiting", re.I))


# ------------------------------------------------------------------ each kind, stalled
def test_an_answer_sent_into_a_stall_is_stored_once_and_the_phone_says_what_happened(
        server, proxy, people):
    made = running(server.url, "question", {"prompt": "What helps?", "max_answers": 3})
    phone = phone_through(proxy, people, made)
    send = phone.get_by_role("button", name="Send", exact=True)
    phone.locator("#answer").fill("A named contact")
    mine = phone.locator(".my-answers li", has_text="A named contact")
    with Stall(proxy, LONG_STALL_S) as stalled:
        send.click()
        # On its way: out of the box (no second copy to send), listed, counted, said.
        expect(phone.locator("#answer")).to_have_value("")
        expect(mine.locator(".waiting-word")).to_have_text(re.compile("Sending|Waiting to send"))
        expect(phone.locator(".activity-state")).to_have_text("You can give 2 more answers.")
        stalled.lasts(phone, meanwhile=[lambda: send.click(force=True)] * 2)

    settled(phone)
    expect(mine.locator(".answer-text")).to_have_text("A named contact")
    expect(phone.locator(".my-answers li")).to_have_count(1)
    expect(phone.locator(".activity-state")).to_have_text("You can give 2 more answers.")
    assert stored(server, made, "answer") == 1
    no_script_errors(phone)


def test_a_note_sent_into_a_stall_is_stored_once_and_shown_as_ones_own(server, proxy,
                                                                     people):
    made = running(server.url, "journey", {"prompt": "A referral"})
    phone = phone_through(proxy, people, made)
    add = phone.get_by_role("button", name="Add the note")
    phone.locator("#journey-note").fill("Forms go missing")
    with Stall(proxy, STALL_S) as stalled:
        add.click()
        expect(phone.locator("#journey-note")).to_have_value("")
        stalled.lasts(phone, meanwhile=[add.click] * 3)

    settled(phone)
    expect(phone.locator(".my-answers li .answer-text")).to_have_text(["Forms go missing"])
    # The room's copy of the note is the person's own: nothing to +1.
    in_cell = phone.locator(".cell-notes li", has_text="Forms go missing")
    expect(in_cell).to_have_count(1)
    expect(in_cell.get_by_role("button")).to_have_count(0)
    assert stored(server, made, "add_note") == 1
    no_script_errors(phone)


def test_a_dot_placed_into_a_stall_counts_at_once_and_is_stored_once(server, proxy,
                                                                   people):
    made = running(server.url, "dotvote", {
        "prompt": "Which first?", "options": "Housing\nSchools", "dots": 3})
    phone = phone_through(proxy, people, made)
    with Stall(proxy, STALL_S) as stalled:
        phone.get_by_role("button", name=re.compile("^Housing")).click()
        expect(phone.locator(".dots-left")).to_have_text("2 of 3 dots left (1 dot not sent yet)")
        housing = phone.locator(".option", has_text="Housing")
        expect(housing.locator(".waiting-word")).to_be_visible()
        stalled.lasts(phone)

    settled(phone)
    expect(phone.locator(".dots-left")).to_have_text("2 of 3 dots left")
    assert stored(server, made, "add") == 1
    no_script_errors(phone)


def test_a_rating_made_into_a_stall_is_kept_and_stored_once(server, proxy, people):
    made = running(server.url, "healthcheck", {"prompt": "How healthy are we?"})
    phone = phone_through(proxy, people, made)
    score = phone.locator("label[for=score-0-4]")
    with Stall(proxy, STALL_S) as stalled:
        score.click()
        expect(phone.locator("#score-0-4")).to_be_checked()
        stalled.lasts(phone, meanwhile=[score.click])

    settled(phone)
    expect(phone.locator("#score-0-4")).to_be_checked()
    expect(phone.locator(".activity-state")).to_have_text(
        "1 of 6 rated. Change them until it closes.")
    assert stored(server, made, "rate") == 1
    no_script_errors(phone)


def test_a_term_sent_into_a_stall_is_stored_once(server, proxy, people):
    made = running(server.url, "glossary", {"prompt": "Our words"})
    phone = phone_through(proxy, people, made)
    add = phone.get_by_role("button", name="Add to the glossary")
    phone.locator("#term").fill("Consent")
    phone.locator("#meaning").fill("Agreeing to share, in writing")
    with Stall(proxy, STALL_S) as stalled:
        add.click()
        expect(phone.locator("#term")).to_have_value("")
        stalled.lasts(phone, meanwhile=[add.click])

    settled(phone)
    expect(phone.locator(".my-answers li")).to_have_count(1)
    expect(phone.locator(".my-answers li")).to_contain_text("Consent")
    assert stored(server, made, "define") == 1
    no_script_errors(phone)


def test_a_partner_named_into_a_stall_is_stored_once(server, proxy, people):
    made = running(server.url, "partnermap", {"prompt": "Who holds what?"})
    phone = phone_through(proxy, people, made)
    add = phone.get_by_role("button", name="Add to the map")
    phone.locator("#partner-name").fill("GP practices")
    phone.locator("label[for=place-missing]").click()
    with Stall(proxy, STALL_S) as stalled:
        add.click()
        expect(phone.locator("#partner-name")).to_have_value("")
        stalled.lasts(phone, meanwhile=[add.click])

    settled(phone)
    expect(phone.locator(".my-answers li .answer-text")).to_have_text(["GP practices"])
    assert stored(server, made, "name") == 1
    no_script_errors(phone)


def test_a_picture_sent_into_a_stall_is_stored_once(server, proxy, people):
    made = running(server.url, "picture", {"prompt": "What are we building?"})
    phone = phone_through(proxy, people, made)
    phone.get_by_text("Place a brick by column and row").click()
    phone.get_by_role("button", name="Place here").click()
    phone.locator("#picture-title").fill("A bridge")
    send = phone.get_by_role("button", name="Send my picture")
    with Stall(proxy, STALL_S) as stalled:
        send.click()
        expect(send).to_be_disabled()  # one copy on its way at a time
        stalled.lasts(phone, meanwhile=[lambda: send.click(force=True)])

    settled(phone)
    expect(phone.locator(".activity-state")).to_contain_text("Sent: it is on the wall")
    assert stored(server, made, "submit") == 1
    no_script_errors(phone)


# ------------------------------------------------------------------ every other kind
class Room:
    """The workshop around the phone: the activity as the facilitator sees it, and one
    other person (over Socket.IO, as a phone would) whose contribution the phone can +1."""

    def __init__(self, server, made):
        self.server, self.made = server, made
        self.api = f"{server.url}/api/workshops/{made['code']}"
        self.someone = None

    def activity(self):
        answer = requests.get(self.api, timeout=10,
                              headers={"Authorization": f"Bearer {self.made['facilitator_key']}"})
        answer.raise_for_status()
        return answer.json()["activity"]

    def first(self, what):
        """The id of the activity's first stage or lane (the phone's first cell)."""
        return self.activity()["view"][what][0]["id"]

    def other(self, action, **payload):
        """Someone else in the room does `action`."""
        if self.someone is None:
            self.someone = OtherPhone(self.server.url, self.made["code"], "", "")
        self.someone.act(self.activity()["id"], action, **payload)

    def close(self):
        if self.someone is not None:
            self.someone.sio.disconnect()


def fill_and_press(box, text, button):
    def press(phone, room):
        phone.locator(box).fill(text)
        phone.get_by_role("button", name=button, exact=True).click()
    return press


def press_again(button):
    """The same button pressed again (a disabled one too); a hidden one cannot be."""
    def again(phone, room):
        control = phone.get_by_role("button", name=button, exact=True)
        if control.is_visible():
            control.click(force=True)
    return again


OWN = ".my-answers:not(.plan-list) li"  # the person's own list (not the plan's)


def own_item(phone, text):
    return phone.locator(OWN, has_text=text)


def listed_once_while_sending(box, text):
    """A typed submission on its way: out of its box, listed once among the person's own,
    marked as sending."""
    def sending(phone, room):
        expect(phone.locator(box)).to_have_value("")
        expect(phone.locator(OWN)).to_have_count(1)
        expect(own_item(phone, text).locator(".waiting-word")).to_have_text(
            re.compile("Sending|Waiting to send"))
    return sending


def listed_once(text):
    def sent(phone, room):
        expect(phone.locator(OWN)).to_have_count(1)
        expect(own_item(phone, text)).to_have_count(1)
    return sent


# +1s: someone else's contribution, the phone's +1 on it.
def plus_one_on(row, text):
    return lambda phone: phone.locator(row, has_text=text).get_by_role("button")


def plus_one_press(row, text):
    return lambda phone, room: plus_one_on(row, text)(phone).click()


def plus_one_again(row, text):
    return lambda phone, room: plus_one_on(row, text)(phone).click(force=True)


def plus_one_sending(row, text, words="+1 sending"):
    def sending(phone, room):
        button = plus_one_on(row, text)(phone)
        expect(button).to_be_disabled()
        expect(button).to_contain_text(re.compile(f"{re.escape(words)}|waiting to send"))
    return sending


def plus_one_given(row, text, words="+1 given"):
    def sent(phone, room):
        button = plus_one_on(row, text)(phone)
        expect(button).to_contain_text(words)
        expect(button).to_be_disabled()
    return sent


# Edits of one's own: sent first, then changed into the stall.
def send_own(box, text, button):
    def before(phone, room):
        fill_and_press(box, text, button)(phone, room)
        expect(own_item(phone, text)).to_have_count(1)
        expect(own_item(phone, text)).not_to_have_class(re.compile("is-waiting"))
    return before


def change_own(old, field, new):
    def press(phone, room):
        own_item(phone, old).get_by_role("button", name=re.compile("^Change")).click()
        phone.locator(field).fill(new)
        phone.get_by_role("button", name="Save").click()
    return press


def change_again(new):
    def again(phone, room):
        item = own_item(phone, new)
        for button in item.get_by_role("button").all():
            button.click(force=True)
    return again


def changing(new):
    def sending(phone, room):
        item = own_item(phone, new)
        expect(item.locator(".waiting-word")).to_have_text(
            re.compile("Sending the change|Change waiting"))
        for button in item.get_by_role("button").all():
            expect(button).to_be_disabled()
    return sending


def changed(new):
    def sent(phone, room):
        expect(phone.locator(f"{OWN} .answer-text")).to_have_text([new])
        change = own_item(phone, new).get_by_role("button", name=re.compile("^Change"))
        expect(change).to_be_enabled()
    return sent


# Removals of one's own: sent first, then taken back into the stall.
def remove_own(text, button):
    def press(phone, room):
        own_item(phone, text).get_by_role("button", name=re.compile(f"^{button}")).click()
    return press


def removing(text):
    def sending(phone, room):
        item = own_item(phone, text)
        expect(item.locator(".waiting-word")).to_have_text(re.compile("Removing|Removal waiting"))
        for button in item.get_by_role("button").all():
            expect(button).to_be_disabled()
    return sending


def removed(text):
    def sent(phone, room):
        expect(own_item(phone, text)).to_have_count(0)
    return sent


# A health check sentence: written, then sent as the person leaves the box.
def write_sentence(text):
    def press(phone, room):
        phone.locator("#sentence-0").fill(text)
        phone.locator("#sentence-0").blur()
    return press


def sentence_sending(text):
    def sending(phone, room):
        expect(phone.locator("#sentence-0")).to_have_value(text)
        expect(phone.locator(".health-element").first.locator(".waiting-word")).to_have_text(
            re.compile("Sending|Waiting to send"))
    return sending


def sentence_sent(text):
    def sent(phone, room):
        expect(phone.locator("#sentence-0")).to_have_value(text)
        expect(phone.locator(".health-element").first.locator(".waiting-word")).to_be_hidden()
    return sent


# Choices (a feeling, a screening answer): the tap shows as chosen at once.
def choose(label):
    def press(phone, room):
        phone.locator(f"label[for={label(room)}]").click()
    return press


def chosen(label):
    def shown(phone, room):
        expect(phone.locator(f"#{label(room)}")).to_be_checked()
    return shown


def feeling(room):
    return f"feel-{room.first('stages')}-1"


def place_a_brick(phone, room):
    if phone.locator("details.typed").get_attribute("open") is None:
        phone.get_by_text("Place a brick by column and row").click()
    phone.get_by_role("button", name="Place here").click()


def bricks_said(count):
    return re.compile(rf"{count} bricks? from")


@dataclass
class Kind:
    type: str
    config: dict
    action: str  # stored once
    press: Callable  # (phone, room): the submission
    again: Callable  # (phone, room): the person presses again, while it is on its way
    sending: Callable  # (phone, room): what the phone shows while it is on its way
    sent: Callable  # (phone, room): what it shows once it is in
    before: Callable = None  # (phone, room): the person's own earlier step
    others: Callable = None  # (room): what others did first


JOURNEY_NOTE = ".cell-notes li"
DEFINITION = ".glossary .definitions li"
PLAN_ITEM = ".plan-list li"
KINDS = {
    "+1 on a journey note": Kind(
        "journey", {"prompt": "A referral"}, "plus_one",
        others=lambda room: room.other("add_note", stage=room.first("stages"),
                                       lane=room.first("lanes"), text="Forms go missing"),
        press=plus_one_press(JOURNEY_NOTE, "Forms go missing"),
        again=plus_one_again(JOURNEY_NOTE, "Forms go missing"),
        sending=plus_one_sending(JOURNEY_NOTE, "Forms go missing"),
        sent=plus_one_given(JOURNEY_NOTE, "Forms go missing")),
    "+1 on a glossary meaning": Kind(
        "glossary", {"prompt": "Our words"}, "plus_one",
        others=lambda room: room.other("define", term="Consent", meaning="Agreeing in writing"),
        press=plus_one_press(DEFINITION, "Agreeing in writing"),
        again=plus_one_again(DEFINITION, "Agreeing in writing"),
        sending=plus_one_sending(DEFINITION, "Agreeing in writing"),
        sent=plus_one_given(DEFINITION, "Agreeing in writing")),
    "+1 on a checklist answer": Kind(
        "checklist", {}, "plus_one",
        others=lambda room: room.other("answer", question="purpose", text="Safer children"),
        press=plus_one_press(DEFINITION, "Safer children"),
        again=plus_one_again(DEFINITION, "Safer children"),
        sending=plus_one_sending(DEFINITION, "Safer children"),
        sent=plus_one_given(DEFINITION, "Safer children")),
    "support for a proposed action": Kind(
        "actionplan", {}, "support",
        others=lambda room: room.other("propose", text="Write the agreement", owner="", due=None),
        press=plus_one_press(PLAN_ITEM, "Write the agreement"),
        again=plus_one_again(PLAN_ITEM, "Write the agreement"),
        sending=plus_one_sending(PLAN_ITEM, "Write the agreement", "Sending support"),
        sent=plus_one_given(PLAN_ITEM, "Write the agreement", "Supported")),
    "a feeling on the journey": Kind(
        "journey", {"prompt": "A referral"}, "feel",
        press=choose(feeling), again=choose(feeling),
        sending=chosen(feeling), sent=chosen(feeling)),
    "a change to one's answer": Kind(
        "question", {"prompt": "What helps?"}, "edit",
        before=send_own("#answer", "A named contact", "Send"),
        press=change_own("A named contact", ".my-answers input", "A named contact in each team"),
        again=change_again("A named contact in each team"),
        sending=changing("A named contact in each team"),
        sent=changed("A named contact in each team")),
    "a change to one's journey note": Kind(
        "journey", {"prompt": "A referral"}, "edit_note",
        before=send_own("#journey-note", "Forms go missing", "Add the note"),
        press=change_own("Forms go missing", "#journey-edit", "Forms go missing at triage"),
        again=change_again("Forms go missing at triage"),
        sending=changing("Forms go missing at triage"),
        sent=changed("Forms go missing at triage")),
    "withdrawing one's answer": Kind(
        "question", {"prompt": "What helps?"}, "withdraw",
        before=send_own("#answer", "A named contact", "Send"),
        press=remove_own("A named contact", "Remove"),
        again=change_again("A named contact"),
        sending=removing("A named contact"),
        sent=removed("A named contact")),
    "removing one's journey note": Kind(
        "journey", {"prompt": "A referral"}, "delete_note",
        before=send_own("#journey-note", "Forms go missing", "Add the note"),
        press=remove_own("Forms go missing", "Delete"),
        again=change_again("Forms go missing"),
        sending=removing("Forms go missing"),
        sent=removed("Forms go missing")),
    "a health check sentence": Kind(
        "healthcheck", {"prompt": "How healthy are we?"}, "comment",
        press=write_sentence("We rarely meet"), again=write_sentence("We rarely meet"),
        sending=sentence_sending("We rarely meet"), sent=sentence_sent("We rarely meet")),
    "how the partnership came about": Kind(
        "healthcheck", {"prompt": "How healthy are we?"}, "origin",
        press=choose(lambda room: "origin-both"), again=choose(lambda room: "origin-both"),
        sending=chosen(lambda room: "origin-both"), sent=chosen(lambda room: "origin-both")),
    "a dot-vote proposal": Kind(
        "dotvote", {"prompt": "Which first?", "propose_first": True}, "propose",
        press=fill_and_press("#proposal", "Housing", "Propose"), again=press_again("Propose"),
        sending=listed_once_while_sending("#proposal", "Housing"), sent=listed_once("Housing")),
    "a dot taken back": Kind(
        "dotvote", {"prompt": "Which first?", "options": "Housing\nSchools", "dots": 3}, "remove",
        before=lambda phone, room: (
            phone.get_by_role("button", name=re.compile("^Housing")).click(),
            expect(phone.locator(".dots-left")).to_have_text("2 of 3 dots left")),
        press=lambda phone, room: phone.get_by_role(
            "button", name="Take a dot back from Housing").click(),
        again=press_again("Take a dot back from Housing"),
        sending=lambda phone, room: (
            expect(phone.locator(".dots-left")).to_have_text("3 of 3 dots left"),
            expect(phone.locator(".option", has_text="Housing").locator(".waiting-word"))
            .to_have_text(re.compile("Removing|Removal waiting"))),
        sent=lambda phone, room: expect(phone.locator(".dots-left")).to_have_text(
            "3 of 3 dots left")),
    "a brick on the shared baseplate": Kind(
        "picture", {"prompt": "What are we building?", "mode": "together"}, "place",
        press=place_a_brick, again=place_a_brick,
        sending=lambda phone, room: (
            expect(phone.locator(".board-holder .brick.is-waiting")).to_have_count(1),
            expect(phone.locator(".activity-state")).to_contain_text(
                re.compile("1 brick not sent yet|A brick of yours is on its way there"))),
        sent=lambda phone, room: (
            expect(phone.locator(".board-holder .brick")).to_have_count(1),
            expect(phone.locator(".activity-state")).to_contain_text(bricks_said(1)))),
    "a brick taken off the shared baseplate": Kind(
        "picture", {"prompt": "What are we building?", "mode": "together"}, "remove",
        before=lambda phone, room: (
            place_a_brick(phone, room),
            expect(phone.locator(".activity-state")).to_contain_text(bricks_said(1))),
        press=lambda phone, room: phone.get_by_role("button", name="Undo my last brick").click(),
        again=press_again("Undo my last brick"),
        sending=lambda phone, room: (
            expect(phone.get_by_role("button", name="Undo my last brick")).to_be_disabled(),
            expect(phone.locator(".board-holder .brick.is-waiting")).to_have_count(1)),
        sent=lambda phone, room: (
            expect(phone.locator(".board-holder .brick")).to_have_count(0),
            expect(phone.locator(".activity-state")).to_contain_text(bricks_said(0)))),
    "a sharing checklist answer": Kind(
        "checklist", {}, "answer",
        press=fill_and_press("#checklist-text", "Safer children", "Send"),
        again=press_again("Send"),
        sending=listed_once_while_sending("#checklist-text", "Safer children"),
        sent=listed_once("Safer children")),
    "a DPIA screening answer": Kind(
        "dpia", {}, "answer",
        press=choose(lambda room: "dpia-0-yes"), again=choose(lambda room: "dpia-0-yes"),
        sending=chosen(lambda room: "dpia-0-yes"),
        sent=lambda phone, room: (
            chosen(lambda room: "dpia-0-yes")(phone, room),
            expect(phone.locator(".activity-state")).to_contain_text("1 of "))),
    "a proposed action": Kind(
        "actionplan", {}, "propose",
        press=fill_and_press("#action-text", "Write the agreement", "Propose"),
        again=press_again("Propose"),
        sending=listed_once_while_sending("#action-text", "Write the agreement"),
        sent=listed_once("Write the agreement")),
}

# What the phone says at its foot and in its notices, as it says it.
RECORD_WHAT_IS_SAID = """() => {
    window.said = {sending: [], notice: []};
    for (const id of ["sending", "notice"]) {
        const element = document.getElementById(id);
        new MutationObserver(() => {
            const text = element.hidden ? "" : element.textContent;
            if (text && window.said[id].at(-1) !== text) window.said[id].push(text);
        }).observe(element, {childList: true, characterData: true, subtree: true,
                             attributes: true});
    }
}"""


@pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())
def test_each_kind_sent_into_a_stall_is_stored_once_and_the_phone_says_what_happened(
        server, proxy, people, kind):
    made = running(server.url, kind.type, kind.config)
    room = Room(server, made)
    try:
        if kind.others:
            kind.others(room)
        phone = phone_through(proxy, people, made)
        if kind.before:
            kind.before(phone, room)
        phone.evaluate(RECORD_WHAT_IS_SAID)
        with Stall(proxy, STALL_S) as stalled:
            kind.press(phone, room)
            kind.sending(phone, room)
            stalled.lasts(phone, meanwhile=[lambda: kind.again(phone, room)] * 2)
            kind.sending(phone, room)  # still: no second copy, nothing inviting one

        settled(phone)
        kind.sent(phone, room)
        said = phone.evaluate("window.said")
        assert said["notice"] == [], f"the phone refused something: {said['notice']}"
        assert "Sent." in said["sending"], f"the phone never said it went: {said['sending']}"
        assert stored(server, made, kind.action) == 1
        no_script_errors(phone)
    finally:
        room.close()


# ------------------------------------------------------------------ the activity's code
# A phone fetches each activity type's code the first time it shows one. On bad wi-fi
# that fetch can fail or hang; the phone tries again, says meanwhile that the activity is
# loading, and shows it once the code comes, without a reload.
ACTIVITY_LOADING = ["Loading the activity…",
                    "Still loading the activity: the connection is slow."]
RECORD_THE_SCREEN = """() => {
    window.screenSaid = [];
    const screen = document.getElementById("screen");
    new MutationObserver(() => {
        const text = screen.textContent.trim();
        if (window.screenSaid.at(-1) !== text) window.screenSaid.push(text);
    }).observe(screen, {childList: true, characterData: true, subtree: true});
}"""


def fail_three_times(route, tries):
    if len(tries) <= 3:
        route.abort("connectionreset")
    else:
        route.continue_()


def hang_once(route, tries):
    if len(tries) > 1:
        route.continue_()
    # the first is left unanswered: the connection stays open, nothing comes


@pytest.mark.parametrize("link", [fail_three_times, hang_once], ids=["fails", "hangs"])
def test_an_activity_whose_code_does_not_come_at_first_is_shown_once_it_does(
        server, people, link):
    made = prepared(server.url, "question", {"prompt": "What helps?"})
    phone = people.phone()
    join(phone, made["join_url"])  # before it starts: the question's code is not fetched
    expect(phone.locator("#screen")).to_contain_text("The workshop will start soon")
    tries = []

    def question_code(route):
        tries.append(route.request.url)
        link(route, tries)

    phone.route(lambda url: "/activities/question/participant.js" in url, question_code)
    phone.evaluate(RECORD_THE_SCREEN)
    start_workshop(server.url, made)

    phone.locator("#answer").fill("A named contact", timeout=SETTLE_MS)
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator(f"{MINE_IN} .answer-text")).to_have_text("A named contact")
    said = phone.evaluate("window.screenSaid")
    assert [text for text in said if text in ACTIVITY_LOADING] == ACTIVITY_LOADING, \
        f"the phone did not say the activity was loading: {said}"
    assert len(tries) > 1  # the phone's first fetch was the one that failed or hung
    no_script_errors(phone)


# ------------------------------------------------------------------ offline
def test_dots_placed_offline_count_against_the_budget_and_show_as_waiting(server,
                                                                          people):
    made = running(server.url, "dotvote", {
        "prompt": "Which first?", "options": "Housing\nSchools\nHealth visits", "dots": 3})
    phone = people.phone()
    join(phone, made["join_url"])
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_attribute("data-status", "reconnecting")
    housing = phone.get_by_role("button", name=re.compile("^Housing"))
    housing.click()
    expect(phone.locator(".dots-left")).to_have_text("2 of 3 dots left (1 dot not sent yet)")
    housing.click()
    phone.get_by_role("button", name=re.compile("^Schools")).click()
    expect(phone.locator(".dots-left")).to_have_text("0 of 3 dots left (3 dots not sent yet)")
    for text in ("Housing", "Schools", "Health visits"):  # no fourth dot
        expect(phone.get_by_role("button", name=re.compile(f"^{text}"))).to_be_disabled()
    expect(phone.locator(".option", has_text="Housing").locator(".waiting-word")).to_have_text(
        "Waiting to send: kept on this phone")
    expect(phone.locator(".option", has_text="Housing").locator(".dot.is-waiting")).to_have_count(2)
    expect(phone.locator("#sending")).to_have_text(
        "3 things waiting to send: kept on this phone until the connection is back.")

    phone.context.set_offline(False)
    phone.wait_for_selector(CONNECTED, timeout=SETTLE_MS)
    settled(phone)
    expect(phone.locator(".dots-left")).to_have_text(
        "Your vote is in: all 3 dots placed. Take one back to move it.")
    assert stored(server, made, "add") == 3
    expect(phone.locator("#notice")).to_be_hidden()  # nothing refused
    no_script_errors(phone)


# ------------------------------------------------------------------ the header at 390 px
def test_reconnecting_leaves_the_workshop_title_whole_on_a_narrow_phone(server, people):
    made = running(server.url, "question", {"prompt": "What helps?"})
    phone = people.phone()
    phone.set_viewport_size({"width": 390, "height": 844})
    join(phone, made["join_url"])
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_text("Reconnecting… your work is kept")
    title = phone.locator(".phone-title")
    assert title.evaluate("(el) => el.scrollWidth <= el.clientWidth"), \
        f"the title is cut: {title.evaluate('(el) => [el.scrollWidth, el.clientWidth]')}"
    status = phone.locator("#connection").bounding_box()
    assert status["x"] + status["width"] <= 390, "the status runs off the screen"
    phone.context.set_offline(False)


# ------------------------------------------------------------------ a refused origin
@pytest.fixture
def misconfigured_server(tmp_path):
    """Behind a proxy that names another host than the one phones use (PROXY_HOPS=1 and a
    wrong X-Forwarded-Host): the server takes the phones' pages for another site's."""
    server = ServerProcess("gevent", tmp_path / "roundtable.db", env={"PROXY_HOPS": "1"},
                           log_path=tmp_path / "server.log").start()
    yield server
    server.stop()


def test_a_page_from_a_refused_origin_says_why_instead_of_retrying(misconfigured_server, people):
    made = running(misconfigured_server.url, "question", {"prompt": "What helps?"})
    phone = people.phone(extra_http_headers={"X-Forwarded-Host": "workshop.example.org"})
    phone.goto(made["join_url"])
    phone.get_by_role("button", name="Join the workshop").click()
    status = phone.locator("#connection")
    expect(status).to_have_attribute("data-status", "refused")
    expect(status).to_have_text(
        f"This server does not accept connections from pages at {misconfigured_server.url}. "
        "Open the workshop at the address the organiser gave, or ask them to add this one "
        "to the server's ALLOWED_ORIGINS or PUBLIC_URL.")
