"""The console says so when a limit turns people away from its workshop: here a script
joining far faster than a room arrives, from the one address every test client has."""
import time

import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import axe_problems, create_workshop, describe, no_script_errors
from workshop.config import DEFAULTS
from workshop.views.pages import TOO_MANY_JOINS

pytestmark = pytest.mark.browser

WAIT = 10  # seconds for one request on loopback
SCRIPT_FOR = 30  # seconds the script may go on before the notice must have come


def test_the_console_tells_the_facilitator_when_joins_are_turned_away(server, people):
    console = people.facilitator(bypass_csp=True)  # lets axe-core's script run on the page
    made = create_workshop(console, server.url, "Sharing information well")
    notice = console.locator("#limit-notice")
    expect(notice).to_be_hidden()

    # A script with the join link of the QR code joins until the console says so. It is
    # told at once; were that notice lost (the console reconnecting just then), the next
    # comes after alerts.EVERY seconds, as long as the script goes on.
    answers = []
    deadline = time.monotonic() + SCRIPT_FOR
    while not notice.is_visible():
        assert time.monotonic() < deadline, [a.status_code for a in answers]
        answers.append(requests.post(made["join_url"], data={}, timeout=WAIT,
                                     allow_redirects=False))
    statuses = [a.status_code for a in answers]
    assert statuses[:DEFAULTS["JOIN_BURST"]] == [303] * DEFAULTS["JOIN_BURST"]
    assert all(str(TOO_MANY_JOINS) in a.text for a in answers if a.status_code == 429)
    assert 429 in statuses

    expect(notice).to_contain_text("people joining from one network were turned away: more "
                                   "than 60 at once, or 120 a minute after that")
    expect(notice).to_contain_text("someone may be joining by script")
    expect(notice).to_have_attribute("role", "status")
    assert not (problems := axe_problems(console)), describe(problems)
    no_script_errors(console)
