"""Phones in a busy room, at 360x740 and at 200% zoom (180 CSS pixels wide): nothing
scrolls sideways, the note box comes before a cell's 42 notes, revealed dot-vote results
come before 47 options and say they are in, a spent budget says the vote is in, the
partner map's place starts afresh for each name, and the facilitator's timer counts down
on the phone and says in words what its end means."""
import re

import pytest
import requests
import socketio
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, MINE_IN, PHONE, axe_problems, describe, join, no_script_errors,
                       running)

pytestmark = pytest.mark.browser

WAIT = 10  # seconds for one request or acknowledgement on loopback
ZOOMED = {**PHONE, "viewport": {"width": 180, "height": 370}, "device_scale_factor": 4}
SIZES = {"360x740": PHONE, "200% zoom": ZOOMED}
NOTE = ("Nobody at the front door knows which consent the family gave, so the referral waits "
        "while the school, the GP practice and the council's early help team each ask the "
        "same questions again and write them down in three different systems that cannot "
        "talk to each other; the family gives up before anyone")[:280]
OPTIONS = [f"Option {n}: {NOTE[:20 + 5 * (n % 30)]}" for n in range(47)]


def api(base, made, method, path, **kwargs):
    answer = requests.request(method, f"{base}/api/workshops/{made['code']}{path}", timeout=WAIT,
                              headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                              **kwargs)
    assert answer.status_code in (200, 201), answer.text[:300]
    return answer.json()


class Others:
    """Other people in the room, over Socket.IO, each with their own cookie."""

    def __init__(self, base, code, count):
        self.sockets = []
        for _ in range(count):
            session = requests.Session()
            joined = session.post(f"{base}/j/{code}", data={}, allow_redirects=False,
                                  timeout=WAIT)
            assert joined.status_code == 303, joined.text[:300]
            token = session.cookies.get(f"rt_p_{code}")
            sio = socketio.Client(reconnection=False, handle_sigint=False, request_timeout=WAIT)
            sio.connect(base, auth={"code": code, "role": "participant"},
                        headers={"Cookie": f"rt_p_{code}={token}"}, transports=["websocket"],
                        wait_timeout=WAIT)
            self.sockets.append(sio)
        self.sent = 0

    def act(self, who, activity_id, action, **payload):
        self.sent += 1
        reply = self.sockets[who].call("act", {"activity_id": activity_id, "action": action,
                                               "payload": payload, "cid": f"o-{self.sent}"},
                                       timeout=WAIT)
        assert reply.get("ok") is True, (action, reply)

    def close(self):
        for sio in self.sockets:
            sio.disconnect()


@pytest.fixture
def others():
    made = []
    yield lambda *args: made.append(Others(*args)) or made[-1]
    for crowd in made:
        crowd.close()


def phone_at(people, size):
    return people.phone(SIZES[size], bypass_csp=True)  # bypass: lets axe-core run


def no_sideways_scroll(phone):
    wide = phone.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert wide <= 0, f"the page scrolls {wide} px sideways"


def page_top(phone, locator):
    """Where the element starts, from the top of the page."""
    return phone.evaluate("(el) => el.getBoundingClientRect().top + scrollY",
                          locator.element_handle())


@pytest.mark.parametrize("size", SIZES)
def test_the_note_box_comes_before_a_cells_many_notes(server, people, others, size):
    base = server.url
    made = running(base, "journey", {"prompt": "A referral from school to early help",
                                     "hide_results": False})
    journey = api(base, made, "get", "")["agenda"][0]["id"]
    room = others(base, made["code"], 3)
    for n in range(42):  # all in the first cell, the one a phone opens on
        room.act(n % 3, journey, "add_note", stage=0, lane=0, text=f"{n + 1}. {NOTE}"[:280])
    phone = phone_at(people, size)
    join(phone, made["join_url"])
    notes = phone.locator(".cell-notes li")  # a room's worth: every one, to read and +1
    expect(notes).to_have_count(42)
    expect(phone.locator(".cell-heading")).to_contain_text(": 42 notes")
    expect(phone.locator(".cell-notes + .hint")).to_have_text("")
    no_sideways_scroll(phone)
    box = phone.get_by_label("Your note for this cell")
    assert page_top(phone, box) < page_top(phone, notes.first), "the box is under the notes"
    assert page_top(phone, box) < 3 * phone.viewport_size["height"]
    box.fill("The form asks for the child's NHS number, which the school does not hold")
    phone.get_by_role("button", name="Add the note").tap()
    expect(phone.locator(MINE_IN, has_text="NHS number")).to_have_count(1)
    expect(phone.locator(".cell-heading")).to_contain_text(": 43 notes")
    expect(notes).to_have_count(43)
    problems = axe_problems(phone)
    assert not problems, describe(problems)
    no_script_errors(phone)


@pytest.mark.parametrize("size", SIZES)
def test_revealed_results_come_first_and_a_spent_budget_says_the_vote_is_in(
        server, people, others, size):
    base = server.url
    made = running(base, "dotvote", {"prompt": "Which barrier should we tackle first?",
                                     "options": "\n".join(OPTIONS), "dots": 3,
                                     "hide_results": True})
    phone = phone_at(people, size)
    join(phone, made["join_url"])
    status = phone.get_by_role("status").filter(has_text="dot")
    expect(status).to_have_text(re.compile(r"3 of 3 dots left"))
    options = phone.locator(".option-add")
    expect(options).to_have_count(47)
    no_sideways_scroll(phone)
    options.nth(5).tap()
    expect(status).to_have_text(re.compile(r"2 of 3 dots left"))
    options.nth(5).tap()
    options.nth(40).tap()
    expect(status).to_have_text(re.compile(
        r"Your vote is in: all 3 dots placed\. Take one back to move it\."))

    api(base, made, "post", "/control", json={"command": "reveal"})
    heading = phone.get_by_role("heading", name="The results are in")
    expect(heading).to_be_visible()
    first_result = phone.locator(".results li").first
    expect(first_result).to_contain_text(OPTIONS[5])
    assert page_top(phone, first_result) < page_top(phone, options.first)
    assert page_top(phone, heading) < phone.viewport_size["height"] * 2
    no_sideways_scroll(phone)
    problems = axe_problems(phone)
    assert not problems, describe(problems)
    no_script_errors(phone)


def test_each_partner_named_starts_with_no_place_chosen(server, people):
    made = running(server.url, "partnermap", {"prompt": "Who holds what we need?",
                                                       "hide_results": False})
    phone = people.phone()
    join(phone, made["join_url"])
    phone.get_by_label("An organisation or role").fill("GP practices")
    phone.get_by_label("Missing").check()
    phone.get_by_role("button", name="Add to the map").tap()
    expect(phone.locator(MINE_IN, has_text="GP practices")).to_have_count(1)
    for place in ("In the room", "Involved elsewhere", "Missing"):
        expect(phone.get_by_label(place, exact=True)).not_to_be_checked()
    phone.get_by_label("An organisation or role").fill("Police")
    phone.get_by_role("button", name="Add to the map").tap()
    expect(phone.get_by_role("status").filter(has_text="Say where they are")).to_be_visible()
    expect(phone.locator(".my-answers li")).to_have_count(1)
    no_script_errors(phone)


@pytest.mark.parametrize("size", SIZES)
def test_the_timer_counts_down_on_the_phone_and_says_what_its_end_means(
        server, people, size):
    base = server.url
    made = running(base, "question", {"prompt": "What gets in the way?", "hide_results": False})
    phone = phone_at(people, size)
    join(phone, made["join_url"])
    timer = phone.locator("#phone-timer")
    expect(timer).to_be_hidden()
    api(base, made, "post", "/control", json={"command": "timer", "seconds": 60})
    clock = timer.get_by_role("timer")
    expect(clock).to_have_text(re.compile(r"^(1:00|0:[0-5]\d)$"))  # a minute, counting down
    expect(timer).to_have_text(re.compile(r"^\s*(1:00|0:[0-5]\d)\s+left\s*$"))
    problems = axe_problems(phone)
    assert not problems, describe(problems)
    api(base, made, "post", "/control", json={"command": "timer", "seconds": 1})
    expect(clock).to_have_text("Time’s up")
    expect(timer.get_by_role("status")).to_have_text(
        "You can still send until the facilitator closes submissions.")
    no_sideways_scroll(phone)
    # And so they can: the answer goes in after the end.
    phone.locator("#answer").fill("Nobody knows who may see what")
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator(f"{MINE_IN} .answer-text")).to_have_text(
        ["Nobody knows who may see what"])
    api(base, made, "post", "/control", json={"command": "close"})
    expect(timer.get_by_role("status")).to_have_count(0)
    expect(clock).to_have_text("Time’s up")
    api(base, made, "post", "/control", json={"command": "timer", "seconds": 0})
    expect(timer).to_be_hidden()
    phone.wait_for_selector(CONNECTED)
    no_script_errors(phone)
