"""The main flow, from the home page to closing submissions, with a facilitator, a
projector and three phones."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, add_question, create_workshop, join, moderation_item,
                       no_script_errors, open_presenter, participant_number, send_answer, wall)

pytestmark = pytest.mark.browser

QUESTION = "What gets in the way of sharing information well?"
ANSWERS = ["Different words for the same agreement",
           "Nobody is sure what consent covers",
           "Systems that do not talk to each other"]


def test_a_workshop_from_start_to_closing_submissions(server, people):
    console = people.facilitator()
    made = create_workshop(console, server.url, "Sharing information about families",
                           ["City Council", "Police", "Health"])
    add_question(console, QUESTION)
    expect(console.locator("#step")).to_have_text("Not started: the screen shows how to join.")

    screen = people.presenter()
    assert f"/s/{made['code']}?p=" in made["presenter_url"]  # with the join link's pass
    open_presenter(screen, made["presenter_url"])
    expect(screen.locator(".join-code")).to_contain_text(made["code"])
    expect(screen.locator("#join-slide [data-joined]")).to_have_text("0")

    phones = [people.phone() for _ in range(3)]
    numbers = [
        join(phones[0], made["join_url"], organisation="Police"),
        join(phones[1], made["join_url"], name="Sam"),
        join(phones[2], made["join_url"]),
    ]
    assert len(set(numbers)) == 3, numbers
    expect(screen.locator("#join-slide [data-joined]")).to_have_text("3")
    expect(screen.locator("#join-slide [data-joined-label]")).to_have_text("people have joined")
    listed = console.locator("#people li")
    expect(listed).to_have_count(3)
    expect(listed.filter(has_text=f"Participant {numbers[0]} · Police")).to_have_count(1)
    expect(listed.filter(has_text=f"Participant {numbers[1]} · Sam")).to_have_count(1)
    expect(listed.filter(has_text="· connected")).to_have_count(3)
    for phone in phones:
        expect(phone.locator("#screen h1")).to_contain_text("The workshop will start soon")

    console.get_by_role("button", name="Start", exact=True).click()
    expect(console.locator("#step")).to_have_text(f"Step 1 of 1: {QUESTION}")
    expect(screen.locator("#join-slide")).to_be_hidden()
    expect(screen.locator("#stage .prompt")).to_have_text(QUESTION)
    for phone in phones:
        expect(phone.locator("#question-prompt")).to_have_text(QUESTION)

    for phone, text in zip(phones, ANSWERS):
        send_answer(phone, text)
    expect(wall(screen)).to_have_text(list(reversed(ANSWERS)))  # newest first
    expect(screen.locator("#stage .tally")).to_have_text("3 answers from 3 people")
    expect(phones[2].locator(".wall-phone li")).to_have_count(3)

    # The facilitator hides the first answer: it leaves the wall and every phone's wall,
    # and stays in the console, marked hidden, with a way to restore it.
    hidden = moderation_item(console, ANSWERS[0])
    expect(hidden.locator(".who")).to_have_text(f"participant {numbers[0]} · Police")
    hidden.get_by_role("button", name=re.compile(r"^Hide")).click()
    expect(wall(screen)).to_have_text([ANSWERS[2], ANSWERS[1]])
    expect(screen.locator("#stage .tally")).to_have_text("2 answers from 2 people")
    expect(hidden).to_have_class(re.compile(r"\bis-hidden\b"))
    expect(hidden.locator(".badge")).to_have_text("hidden")
    expect(hidden.get_by_role("button", name=re.compile(r"^Restore"))).to_be_visible()
    expect(console.locator(".moderation li")).to_have_count(3)
    expect(phones[0].locator(".my-answers li")).to_have_count(0)  # its author sees it gone
    for phone in phones[1:]:
        expect(phone.locator(".wall-phone li")).to_have_count(2)
        expect(phone.locator(".wall-phone li", has_text=ANSWERS[0])).to_have_count(0)

    # A phone reloads: it is still the same participant, with its answer.
    phone = phones[1]
    phone.reload()
    phone.wait_for_selector(CONNECTED)
    assert participant_number(phone) == numbers[1]
    expect(phone.locator(".my-answers li .answer-text")).to_have_text([ANSWERS[1]])
    expect(phone.locator("#question-prompt")).to_have_text(QUESTION)

    console.get_by_role("button", name="Close submissions").click()
    expect(console.get_by_role("button", name="Open submissions")).to_be_visible()
    for phone in phones:
        expect(phone.locator(".activity-state")).to_have_text("Answers are closed for now.")
        expect(phone.locator("#answer")).to_be_hidden()
    expect(wall(screen)).to_have_count(2)

    # The list of people follows who is connected: a phone closed is shown as gone.
    expect(listed.filter(has_text="· connected")).to_have_count(3)
    third = listed.filter(has_text=re.compile(rf"^Participant {numbers[2]}( ·|$)"))
    expect(third).to_have_text(f"Participant {numbers[2]} · connected")
    no_script_errors(console, screen, *phones)
    phones[2].close()
    expect(third).to_have_text(f"Participant {numbers[2]}")
    expect(listed.filter(has_text="· connected")).to_have_count(2)
