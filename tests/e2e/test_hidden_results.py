"""An open question whose answers stay hidden from the room until the facilitator
reveals them: the projector shows only the count, the phones only their own answers."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (add_question, create_workshop, join, no_script_errors, open_presenter,
                       send_answer, wall)

pytestmark = pytest.mark.browser

QUESTION = "Which partner should be at the table and is not?"


def test_answers_stay_hidden_until_revealed(server, people):
    console = people.facilitator()
    made = create_workshop(console, server.url, "Who is missing")
    add_question(console, QUESTION, hide_results=True)
    expect(console.locator("#agenda .agenda-state")).to_have_text("open · results hidden")

    screen = people.presenter()
    open_presenter(screen, made["presenter_url"])
    phones = [people.phone(), people.phone()]
    for phone in phones:
        join(phone, made["join_url"])
    expect(screen.locator("#join-slide [data-joined]")).to_have_text("2")
    console.get_by_role("button", name="Start", exact=True).click()
    expect(console.get_by_role("button", name="Reveal results")).to_be_visible()

    send_answer(phones[0], "Housing")
    send_answer(phones[1], "Schools")
    send_answer(phones[1], "The person themselves")

    tally = screen.locator("#stage .tally")
    expect(tally).to_have_text(
        "3 answers from 2 people · answers are hidden until the facilitator reveals them")
    expect(wall(screen)).to_have_count(0)
    for phone in phones:
        expect(phone.locator(".wall-phone li")).to_have_count(0)
        expect(phone.get_by_role("heading", name="Everyone’s answers")).to_be_hidden()
    # Phones never receive other people's answers before the reveal, not only hide them.
    expect(phones[0].locator("#screen")).not_to_contain_text("Schools")
    expect(console.locator(".moderation li")).to_have_count(3)

    console.get_by_role("button", name="Reveal results").click()
    expect(console.get_by_role("button", name="Hide results")).to_be_visible()
    expect(tally).to_have_text("3 answers from 2 people")
    expect(wall(screen)).to_have_text(["The person themselves", "Schools", "Housing"])
    for phone in phones:
        expect(phone.get_by_role("heading", name="Everyone’s answers")).to_be_visible()
        expect(phone.locator(".wall-phone li")).to_have_count(3)
    expect(console.locator("#agenda .agenda-state")).to_have_text(re.compile("results shown"))

    # Hidden again: the room goes back to the count alone.
    console.get_by_role("button", name="Hide results").click()
    expect(tally).to_contain_text("answers are hidden until the facilitator reveals them")
    expect(wall(screen)).to_have_count(0)
    for phone in phones:
        expect(phone.locator(".wall-phone li")).to_have_count(0)

    no_script_errors(console, screen, *phones)
