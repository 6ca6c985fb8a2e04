"""Closing the door in real browsers: the console's Joining panel counts who joined in the
last minute and closes the door; the join slide and a new phone's join page then say in
words that nobody new can join, and a phone that joined before reloads straight back in.
axe-core on the closed join page and the console."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, add_question, axe_problems, create_workshop, describe, join,
                       no_script_errors, open_presenter)
from test_journey_flow import ACCESSIBLE

pytestmark = pytest.mark.browser

CLOSED = "The facilitator has closed this workshop to new people."


def test_closing_the_door_keeps_new_people_out_and_lets_known_phones_back(people, server):
    console = people.facilitator(**ACCESSIBLE)
    made = create_workshop(console, server.url, "Referrals", ["City Council", "Health"])
    add_question(console, "What gets in the way?")
    screen = people.presenter()
    open_presenter(screen, made["presenter_url"])
    phones = [people.phone() for _ in range(2)]
    for phone in phones:
        join(phone, made["join_url"])
    panel = console.locator("#joining")
    expect(panel.locator("#joining-recent")).to_have_text(
        "2 joined in the last minute, 2 in all.")
    expect(panel.locator("#joining-state")).to_have_text(re.compile("^Open: "))

    panel.get_by_role("button", name="Close the door to new people").click()
    expect(panel.locator("#joining-state")).to_have_text(re.compile("^Closed: nobody new"))
    expect(panel.get_by_role("button", name="Open the door again")).to_be_visible()
    found = axe_problems(console)
    assert not found, f"axe-core on the console's Joining panel:\n{describe(found)}"

    # The join slide says so in words, in place of the code and the QR code.
    expect(screen.locator("#join-slide .join-closed")).to_have_text(
        re.compile("^This workshop is closed to new people."))
    expect(screen.locator("#join-slide .join-qr")).to_be_hidden()
    expect(screen.locator("#join-slide .join-code")).to_be_hidden()

    # A new phone is told, with no form to fill in.
    late = people.phone(**ACCESSIBLE)
    late.goto(made["join_url"])
    expect(late.locator(".closed-door")).to_have_text(re.compile(f"^{re.escape(CLOSED)}"))
    expect(late.get_by_role("button", name="Join the workshop")).to_have_count(0)
    found = axe_problems(late)
    assert not found, f"axe-core on the closed join page:\n{describe(found)}"

    # A phone that joined reloads and is back in, and the activity reaches it.
    phones[0].reload()
    phones[0].wait_for_selector(CONNECTED)
    console.get_by_role("button", name="Start", exact=True).click()
    expect(phones[0].locator("#answer")).to_be_visible()
    expect(screen.locator(".corner-closed")).to_have_text("Closed to new people")

    panel.get_by_role("button", name="Open the door again").click()
    late.reload()
    expect(late.get_by_role("button", name="Join the workshop")).to_be_visible()
    no_script_errors(console, screen, *phones, late)
