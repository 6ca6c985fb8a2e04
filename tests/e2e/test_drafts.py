"""Nothing a participant types is lost: not when the facilitator moves on while they type,
not on a reload, not when the phone sleeps, and not when something they sent while
offline is refused once it arrives."""
import re

import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import CONNECTED, join, running

pytestmark = pytest.mark.browser

RECONNECT_MS = 25_000  # back online: Socket.IO's reconnection backoff tops out at 5 s
CLOSED = "This activity is closed for now."


class Facilitator:
    """The facilitator's commands, over the API."""

    def __init__(self, server, made):
        self.url = f"{server.url}/api/workshops/{made['code']}"
        self.auth = {"Authorization": f"Bearer {made['facilitator_key']}"}

    def control(self, command, **args):
        requests.post(f"{self.url}/control", headers=self.auth, timeout=10,
                      json={"command": command, **args}).raise_for_status()

    def add(self, activity_type, config):
        requests.post(f"{self.url}/activities", headers=self.auth, timeout=10,
                      json={"type": activity_type, "config": config}).raise_for_status()


def two_questions(server):
    made = running(server.url, "question", {"prompt": "What helps?", "max_answers": 3})
    facilitator = Facilitator(server, made)
    facilitator.add("question", {"prompt": "What gets in the way?"})
    return made, facilitator


def test_typing_survives_the_facilitator_moving_on_and_back(server, people):
    made, facilitator = two_questions(server)
    phone = people.phone()
    join(phone, made["join_url"])
    phone.locator("#answer").fill("A shared inbox for referrals")
    facilitator.control("next")
    expect(phone.locator(".prompt")).to_have_text("What gets in the way?")
    expect(phone.locator("#answer")).to_have_value("")  # each activity has its own box
    phone.locator("#answer").fill("Nobody owns the data")
    facilitator.control("previous")
    expect(phone.locator(".prompt")).to_have_text("What helps?")
    expect(phone.locator("#answer")).to_have_value("A shared inbox for referrals")
    expect(phone.locator("#answer-count")).to_have_text("28 of 280 characters")
    facilitator.control("next")
    expect(phone.locator("#answer")).to_have_value("Nobody owns the data")


def test_typing_survives_a_reload(server, people):
    made = running(server.url, "journey", {"prompt": "A referral"})
    phone = people.phone()
    join(phone, made["join_url"])
    phone.locator("#journey-stage").select_option(index=2)
    phone.locator("#journey-lane").select_option(index=3)
    stage, lane = (phone.locator(f"#journey-{x}").input_value() for x in ("stage", "lane"))
    phone.locator("#journey-note").fill("Two forms ask the same thing")
    phone.reload()
    phone.wait_for_selector(CONNECTED)
    expect(phone.locator("#journey-note")).to_have_value("Two forms ask the same thing")
    expect(phone.locator("#journey-stage")).to_have_value(stage)
    expect(phone.locator("#journey-lane")).to_have_value(lane)


def test_a_change_being_typed_survives_a_reload(server, people):
    made = running(server.url, "question", {"prompt": "What helps?", "max_answers": 3})
    phone = people.phone()
    join(phone, made["join_url"])
    phone.locator("#answer").fill("Shared training")
    phone.get_by_role("button", name="Send", exact=True).click()
    phone.get_by_role("button", name=re.compile(r"^Change\W+Shared training$")).click()
    phone.get_by_label("Change your answer").fill("Shared training days, twice a year")
    phone.reload()
    phone.wait_for_selector(CONNECTED)
    expect(phone.get_by_label("Change your answer")).to_have_value(
        "Shared training days, twice a year")


def test_typing_survives_the_phone_sleeping(server, people):
    """Asleep, the phone loses its connection and its page is frozen; on waking, the
    browser may load the page afresh (phones discard pages they are short of memory for)."""
    made = running(server.url, "glossary", {"prompt": "Our words"})
    phone = people.phone()
    join(phone, made["join_url"])
    phone.locator("#term").fill("Data controller")
    phone.locator("#meaning").fill("Who decides why and how data is used")
    cdp = phone.context.new_cdp_session(phone)
    phone.context.set_offline(True)
    cdp.send("Page.setWebLifecycleState", {"state": "frozen"})
    cdp.send("Page.setWebLifecycleState", {"state": "active"})
    phone.context.set_offline(False)
    phone.reload()
    phone.wait_for_selector(CONNECTED, timeout=RECONNECT_MS)
    expect(phone.locator("#term")).to_have_value("Data controller")
    expect(phone.locator("#meaning")).to_have_value("Who decides why and how data is used")


def offline_answer(phone, text):
    """The phone sends an answer with no connection: it waits on the phone, listed."""
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_attribute("data-status", "reconnecting")
    phone.locator("#answer").fill(text)
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator("#answer")).to_have_value("")
    expect(phone.locator(".my-answers li", has_text=text).locator(".waiting-word")).to_have_text(
        "Waiting to send: kept on this phone")
    expect(phone.locator(".activity-state")).to_have_text("You can give 2 more answers.")


def test_an_answer_refused_after_waiting_offline_stays_until_read_then_goes_back_in_its_box(
        server, people):
    made, facilitator = two_questions(server)
    phone = people.phone()
    join(phone, made["join_url"])
    offline_answer(phone, "Meet before the data moves")
    facilitator.control("close")
    phone.context.set_offline(False)
    phone.wait_for_selector(CONNECTED, timeout=RECONNECT_MS)

    returned = phone.locator("#returned")
    expect(returned).to_contain_text("“Meet before the data moves”")
    expect(returned).to_contain_text(CLOSED)
    expect(phone.locator(".my-answers li")).to_have_count(0)
    # Not a passing notice: it is still there once the notices have gone.
    expect(phone.locator("#notice")).to_be_hidden(timeout=15_000)
    expect(returned).to_be_visible()
    phone.reload()
    phone.wait_for_selector(CONNECTED)
    expect(returned).to_contain_text("“Meet before the data moves”")

    # Open again: the answer is back in its box, with the reason, to send again.
    facilitator.control("open")
    expect(phone.locator("#answer")).to_have_value("Meet before the data moves")
    expect(phone.locator(".answer-form .given-back")).to_have_text(f"Not sent: {CLOSED}")
    expect(returned).to_be_hidden()
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator(".my-answers li .answer-text")).to_have_text(
        ["Meet before the data moves"])
    expect(phone.locator(".answer-form .given-back")).to_be_hidden()


def test_an_answer_refused_because_the_facilitator_moved_on_is_kept_for_when_it_is_back(
        server, people):
    made, facilitator = two_questions(server)
    phone = people.phone()
    join(phone, made["join_url"])
    offline_answer(phone, "One contact per team")
    facilitator.control("next")
    phone.context.set_offline(False)
    phone.wait_for_selector(CONNECTED, timeout=RECONNECT_MS)
    expect(phone.locator(".prompt")).to_have_text("What gets in the way?")
    returned = phone.locator("#returned")
    expect(returned).to_contain_text("“One contact per team”")
    expect(returned).to_contain_text("That activity is not running now.")

    facilitator.control("previous")
    expect(phone.locator(".prompt")).to_have_text("What helps?")
    expect(phone.locator("#answer")).to_have_value("One contact per team")
    expect(returned).to_be_hidden()


def test_a_refused_answer_can_be_let_go(server, people):
    made, facilitator = two_questions(server)
    phone = people.phone()
    join(phone, made["join_url"])
    offline_answer(phone, "Not needed after all")
    facilitator.control("close")
    phone.context.set_offline(False)
    phone.wait_for_selector(CONNECTED, timeout=RECONNECT_MS)
    phone.get_by_role("button", name=re.compile(r"^Discard\W+Not needed after all")).click()
    expect(phone.locator("#returned")).to_be_hidden()
    facilitator.control("open")
    expect(phone.locator(".answer-form")).to_be_visible()
    expect(phone.locator("#answer")).to_have_value("")
