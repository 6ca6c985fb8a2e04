"""A phone refused because the room is full, in a real browser on a real server: the
page says why in the server's words, and once a place frees it connects by itself (the
server marks this refusal as one that can pass; Socket.IO alone would never try again)."""
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.e2e.e2e_steps import CHROMIUM, CHROMIUM_ARGS, PHONE, WAIT_MS, send_answer
from tests.realserver.realclient import Workshop
from tests.serverproc import DEFAULT_MODE

pytestmark = [pytest.mark.browser, pytest.mark.realserver]

FULL = "This workshop is full: no more screens can join it."
RETRY_WITHIN_MS = 10_000 + WAIT_MS  # the page tries again after 5 to 10 seconds


def in_own_thread(function, timeout=120):
    """Run `function` in a new thread and return its result or raise its error.

    Playwright's sync API will not start in a thread where another instance runs (the
    browser tests' session-wide browser, when they ran first); a new thread has none."""
    outcome = {}

    def run():
        try:
            outcome["result"] = function()
        except BaseException as exc:  # handed to the test's own thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="browser", daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), f"the browser steps did not finish within {timeout}s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def answers_on(view):
    return [a["text"] for a in (view.get("activity") or {}).get("view", {}).get("answers", [])]


def test_a_phone_refused_for_a_full_room_says_so_and_joins_when_a_place_frees(start_server):
    server = start_server(DEFAULT_MODE, env={"MAX_CONNECTIONS_PER_WORKSHOP": 2})
    workshop = Workshop(server)
    try:
        workshop.add_question("What would help?")
        workshop.control("start")
        presenter = workshop.screen("presenter")
        holder = workshop.screen("participant", workshop.join())  # the room is now full

        def in_the_browser():
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=CHROMIUM_ARGS)
                try:
                    phone = browser.new_context(**PHONE).new_page()
                    errors = []
                    phone.on("pageerror", lambda error: errors.append(str(error)))
                    phone.goto(f"{server.url}/j/{workshop.code}")
                    phone.get_by_role("button", name="Join the workshop").click()

                    status = phone.locator("#connection")
                    expect(status).to_have_text(FULL, timeout=WAIT_MS)
                    expect(status).to_have_attribute("data-status", "refused")

                    holder.close()  # a place frees
                    expect(status).to_have_attribute("data-status", "connected",
                                                      timeout=RETRY_WITHIN_MS)
                    expect(status).to_have_text("Connected")
                    send_answer(phone, "Let in at last")
                    presenter.next_event("view", lambda v: "Let in at last" in answers_on(v))
                    assert errors == [], errors
                finally:
                    browser.close()

        in_own_thread(in_the_browser)
    finally:
        workshop.close()
