"""Questions from the room in real browsers: two phones ask, a third upvotes (and takes
one back), the projector shows the most upvoted first, the console marks one being
answered and the projector puts it on top, then answered; axe-core on the phone, the
projector and the console."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (axe_problems, create_workshop, describe, join, no_script_errors,
                       open_presenter)
from test_journey_flow import ACCESSIBLE

pytestmark = pytest.mark.browser

ASKED = ["Who owns the shared data once it is shared?", "What does consent cover?"]


def ask(phone, text):
    phone.get_by_label("Your question", exact=True).fill(text)
    phone.get_by_role("button", name="Ask", exact=True).click()
    expect(phone.locator(".my-questions li", has_text=text)).to_have_count(1)


def upvote_button(phone, text):
    return phone.locator(".room-questions li", has_text=text).get_by_role(
        "button", name=re.compile("^(Upvote|Upvoted)"))


def test_questions_are_asked_upvoted_shown_most_wanted_first_and_answered(people, server):
    console = people.facilitator(**ACCESSIBLE)
    made = create_workshop(console, server.url, "Panel", ["City Council", "Health"])
    form = console.locator("#activity-form")
    form.get_by_label("Type").select_option(label="Questions from the room")
    form.get_by_label("Title", exact=True).fill("Your questions for the panel")
    form.get_by_role("button", name="Add to the agenda").click()
    expect(console.locator("#agenda .agenda-label", has_text="for the panel")).to_have_count(1)
    screen = people.presenter(**ACCESSIBLE)
    open_presenter(screen, made["presenter_url"])
    phones = [people.phone(**ACCESSIBLE) for _ in range(3)]
    for phone in phones:
        join(phone, made["join_url"])
    console.get_by_role("button", name="Start", exact=True).click()

    ask(phones[0], ASKED[0])
    ask(phones[1], ASKED[1])
    voter = phones[2]
    expect(voter.locator(".room-questions li")).to_have_count(2)
    upvote_button(voter, ASKED[0]).click()
    expect(upvote_button(voter, ASKED[0])).to_have_attribute("aria-pressed", "true")
    upvote_button(voter, ASKED[1]).click()
    expect(upvote_button(voter, ASKED[1])).to_have_attribute("aria-pressed", "true")
    upvote_button(phones[0], ASKED[1]).click()  # two votes for the second
    expect(screen.locator(".question-list li").first).to_contain_text(ASKED[1])
    # Taking one back: the first has no votes again.
    upvote_button(voter, ASKED[0]).click()
    expect(upvote_button(voter, ASKED[0])).to_have_attribute("aria-pressed", "false")
    expect(screen.locator(".question-list li").nth(1).locator(".votes strong")).to_have_text("0")
    expect(phones[0].locator(".room-questions li", has_text=ASKED[0])
           .get_by_role("button")).to_have_count(0)  # no upvote on one's own
    found = axe_problems(voter)
    assert not found, f"axe-core on the phone:\n{describe(found)}"

    row = console.locator(".moderation li", has_text=ASKED[0])
    row.get_by_role("button", name=re.compile("^Answer now")).click()
    expect(screen.locator(".answering .question-text")).to_have_text(ASKED[0])
    expect(screen.locator(".question-list li")).to_have_count(1)
    found = axe_problems(screen)
    assert not found, f"axe-core on the projector:\n{describe(found)}"
    found = axe_problems(console)
    assert not found, f"axe-core on the console:\n{describe(found)}"
    row.get_by_role("button", name=re.compile("^Answered")).click()
    expect(screen.locator(".answering")).to_have_count(0)
    expect(screen.locator(".tally")).to_have_text("2 questions from 2 people · 1 answered")
    expect(phones[0].locator(".my-questions li", has_text=ASKED[0])).to_contain_text("Answered")
    no_script_errors(console, screen, *phones)
