"""Bad wi-fi and a crashed server: screens reconnect by themselves, nothing is lost, and a
phone's answer made offline is sent when the connection is back."""
import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, add_question, create_workshop, join, moderation_item,
                       no_script_errors, open_presenter, send_answer, wall)

pytestmark = pytest.mark.browser

QUESTION = "What would help you share information?"
RECONNECT_MS = 20_000  # Socket.IO's reconnection backoff tops out at 5 s between attempts


def test_screens_reconnect_after_a_crash_and_an_offline_answer_arrives(own_server, people):
    console = people.facilitator()
    made = create_workshop(console, own_server.url, "Resilience")
    add_question(console, QUESTION)
    screen = people.presenter()
    open_presenter(screen, made["presenter_url"])
    phone = people.phone()
    number = join(phone, made["join_url"])
    console.get_by_role("button", name="Start", exact=True).click()
    send_answer(phone, "A named contact in each team")
    expect(wall(screen)).to_have_text(["A named contact in each team"])
    expect(screen.locator("#connected-count")).to_have_text("1 person connected")

    own_server.kill()
    for page in (phone, screen, console):
        expect(page.locator("#connection")).to_have_attribute("data-status", "reconnecting")
        expect(page.locator("#connection")).to_contain_text("Reconnecting")

    own_server.start()  # same port, same database
    for page in (phone, screen, console):
        page.wait_for_selector(CONNECTED, timeout=RECONNECT_MS)
        expect(page.locator("#connection")).to_have_text("Connected")
    expect(wall(screen)).to_have_text(["A named contact in each team"])
    expect(screen.locator("#connected-count")).to_have_text("1 person connected")
    expect(moderation_item(console, "A named contact")).to_have_count(1)
    expect(phone.locator(".my-answers li .answer-text")).to_have_text(
        ["A named contact in each team"])
    expect(phone.locator(".you-are")).to_have_text(f"You are participant {number}.")

    # The phone loses its connection and answers anyway: the answer waits on the phone.
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_attribute("data-status", "reconnecting")
    phone.locator("#answer").fill("Time to meet in person")
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator("#sending")).to_have_text(
        "1 thing waiting to send: kept on this phone until the connection is back.")
    waiting = phone.locator(".my-answers li", has_text="Time to meet in person")
    expect(waiting.locator(".waiting-word")).to_have_text("Waiting to send: kept on this phone")
    key = f"roundtable:outbox:{made['code']}:participant"
    outbox = f"JSON.parse(localStorage.getItem('{key}') || '[]')"
    assert phone.evaluate(f"{outbox}.length") == 1, "the answer should wait in the outbox"
    expect(wall(screen)).to_have_count(1)

    phone.context.set_offline(False)
    phone.wait_for_selector(CONNECTED, timeout=RECONNECT_MS)
    expect(wall(screen)).to_have_text(["Time to meet in person", "A named contact in each team"])
    expect(phone.locator(".my-answers li .answer-text")).to_have_text(
        ["A named contact in each team", "Time to meet in person"])
    expect(moderation_item(console, "Time to meet in person")).to_have_count(1)
    assert phone.evaluate(f"{outbox}.length") == 0, \
        "the outbox should be empty once the server has the answer"
    no_script_errors(console, screen, phone)
