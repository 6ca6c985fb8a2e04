"""The console says so when a limit turns people away from its workshop: here a script
joining far faster than a room arrives, from the one address every test client has."""
import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import axe_problems, create_workshop, describe, no_script_errors
from workshop.config import DEFAULTS

pytestmark = pytest.mark.browser

WAIT = 10  # seconds for one request on loopback


def test_the_console_tells_the_facilitator_when_joins_are_turned_away(server, people):
    console = people.facilitator(bypass_csp=True)  # lets axe-core's script run on the page
    made = create_workshop(console, server.url, "Sharing information well")
    notice = console.locator("#limit-notice")
    expect(notice).to_be_hidden()

    statuses = [requests.post(f"{server.url}/j/{made['code']}", data={}, timeout=WAIT,
                              allow_redirects=False).status_code
                for _ in range(DEFAULTS["JOIN_BURST"] + 5)]
    assert statuses.count(303) >= DEFAULTS["JOIN_BURST"] and 429 in statuses

    expect(notice).to_be_visible()
    expect(notice).to_contain_text("People joining from one network were turned away")
    expect(notice).to_contain_text("someone may be joining by script")
    expect(notice).to_have_attribute("role", "status")
    assert not (problems := axe_problems(console)), describe(problems)
    no_script_errors(console)
