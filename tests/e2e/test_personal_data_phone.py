"""Personal data in real browsers: a phone about to send a journey note holding an NHS
number is warned in words and may change it or send it anyway; sent, it waits for the
facilitator, flagged in the console, and the projector is never sent it. The phone's
check and the server's agree on one table of examples. axe-core on the phone with the
warning open and on the console with the note held."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (axe_problems, create_workshop, describe, join, no_script_errors,
                       open_presenter)
from personal_data_examples import FOUND, NOT_FOUND
from test_journey_flow import ACCESSIBLE, add_journey, choose_cell, grid_cell

from activities.personal_data import find

pytestmark = pytest.mark.browser

NHS = "943 476 5919"
NHS_DIGITS = re.compile(r"943\D{0,3}476\D{0,3}5919")
NOTE = f"Sam's NHS number is {NHS}, ask the GP"
PLAIN = "Nobody is sure what consent covers"
WARNING = ("This looks like an NHS number. Workshops should not hold personal data. "
           "Send anyway?")


def test_the_phones_check_finds_what_the_servers_finds(people, server):
    console = people.facilitator()
    create_workshop(console, server.url, "Checks")
    texts = [text for text, _kinds in FOUND] + NOT_FOUND
    found = console.evaluate("""async (texts) => {
        const { findPersonal } = await import("/static/js/core/personal.js");
        return Promise.all(texts.map((text) => findPersonal(text)));
    }""", texts)
    assert [tuple(kinds) for kinds in found] == [find(text) for text in texts]
    assert [tuple(kinds) for kinds in found[:len(FOUND)]] == [kinds for _t, kinds in FOUND]
    no_script_errors(console)


def frames_seen(page):
    """Every message the page's live connection receives, from now on, as text."""
    frames = []
    page.on("websocket", lambda socket: socket.on(
        "framereceived", lambda frame: frames.append(frame if isinstance(frame, str)
                                                     else frame.decode("utf-8", "replace"))))
    return frames


def test_a_note_with_an_nhs_number_is_warned_held_flagged_and_never_shown(people, server):
    console = people.facilitator(**ACCESSIBLE)
    made = create_workshop(console, server.url, "Referrals", ["City Council", "Health"])
    add_journey(console, "A referral from school to early help")
    screen = people.presenter()
    seen = frames_seen(screen)
    open_presenter(screen, made["presenter_url"])
    phone = people.phone(**ACCESSIBLE)
    join(phone, made["join_url"], organisation="Health")
    console.get_by_role("button", name="Start", exact=True).click()

    choose_cell(phone, "Decision to share", "Barriers")
    box = phone.get_by_label("Your note for this cell")
    box.fill(NOTE)
    phone.get_by_role("button", name="Add the note").click()
    warning = phone.get_by_role("dialog")
    expect(warning).to_be_visible()
    expect(warning).to_have_text(re.compile(re.escape(WARNING)))
    found = axe_problems(phone)
    assert not found, f"axe-core on the phone's warning:\n{describe(found)}"

    # Going back keeps the note in its box, unsent.
    warning.get_by_role("button", name="Go back and change it").click()
    expect(warning).to_be_hidden()
    expect(box).to_have_value(NOTE)
    expect(phone.locator(".my-answers li")).to_have_count(0)

    # Sent anyway: it waits for the facilitator, and says so on the phone.
    phone.get_by_role("button", name="Add the note").click()
    warning.get_by_role("button", name="Send anyway").click()
    mine = phone.locator(".my-answers li", has_text=NOTE)
    expect(mine).to_have_count(1)
    expect(mine.locator(".review-note")).to_have_text("Waiting for the facilitator")
    expect(box).to_have_value("")

    # An ordinary note is not asked about and goes on the screen at once.
    box.fill(PLAIN)
    phone.get_by_role("button", name="Add the note").click()
    expect(phone.locator(".my-answers li", has_text=PLAIN)).to_have_count(1)
    expect(grid_cell(screen, "Decision to share", "Barriers")).to_contain_text(PLAIN)

    # The console shows it held and flagged, and says what waits.
    held = console.locator(".moderation li", has_text=NHS)
    expect(held.locator(".waiting-badge")).to_have_text("waiting for you")
    expect(held.locator(".flags")).to_have_text("This looks like an NHS number.")
    expect(console.locator("#review-said")).to_have_text(
        "Review before showing is off. 1 contribution waits for you. 1 looks like personal "
        "data: look at it below, and approve or hide it.")
    expect(console.locator("#approve-all")).to_be_hidden()
    found = axe_problems(console)
    assert not found, f"axe-core on the console with a held note:\n{describe(found)}"

    # The facilitator hides it; the screen was never sent it, and never showed it.
    held.get_by_role("button", name=re.compile("^Hide")).click()
    expect(held.locator(".badge", has_text="hidden")).to_be_visible()
    expect(console.locator("#review-said")).to_have_text(
        "Review before showing is off. Nothing waits for you.")
    expect(phone.locator(".my-answers li", has_text=NOTE)).to_have_count(0)
    assert any(PLAIN in frame for frame in seen), "the screen's messages were not seen"
    # The number in any spacing, and the note's words: a frame's clock and session ids
    # are digits and letters at random, so a bare "943" in them proves nothing.
    assert not [frame for frame in seen if NHS_DIGITS.search(frame) or "ask the GP" in frame]
    expect(screen.locator("body")).not_to_contain_text(NHS)
    no_script_errors(console, screen, phone)
