"""Phones keep their controls while other people's contributions arrive.

Updates reach every phone several times a second while the room takes part. A phone's
controls must stay the same elements through them: the button the keyboard is on keeps
the focus, and a press that starts before an update and ends after it still counts."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (MINE_IN, focused, join, no_script_errors, press_across_an_update, running,
                       still_focused)

pytestmark = pytest.mark.browser

OPTIONS = ["Housing", "Schools", "Health visits"]


def option(phone, text):
    return phone.get_by_role("button", name=re.compile(rf"^{re.escape(text)}\b"))


def result_dots(phone, text):
    return phone.locator(".results .result", has_text=text).locator(".result-dots")


def test_a_dot_vote_keeps_the_focused_option_and_the_press_as_others_vote(server, people):
    made = running(server.url, "dotvote", {
        "prompt": "Which barrier first?", "options": "\n".join(OPTIONS), "dots": 3,
        "hide_results": False})
    mine, other = people.phone(), people.phone()
    for phone in (mine, other):
        join(phone, made["join_url"])
        expect(phone.locator(".option-text")).to_have_text(OPTIONS)

    housing = focused(mine, option(mine, "Housing"))
    option(other, "Schools").click()
    expect(result_dots(mine, "Schools")).to_have_text("1 dot")
    assert still_focused(mine, housing), "the focused option was replaced by the update"
    mine.keyboard.press("Enter")
    expect(mine.locator(".dots-left")).to_have_text("2 of 3 dots left")
    expect(result_dots(mine, "Housing")).to_have_text("1 dot")
    assert still_focused(mine, housing)

    # Taking the dot back: the − button keeps the focus too while others vote.
    back = focused(mine, mine.get_by_role("button", name="Take a dot back from Housing"))
    option(other, "Health visits").click()
    expect(result_dots(mine, "Health visits")).to_have_text("1 dot")
    assert still_focused(mine, back)

    press_across_an_update(mine, option(mine, "Schools"),
                           lambda: option(other, "Health visits").click(),
                           lambda: expect(result_dots(mine, "Health visits"))
                           .to_have_text("2 dots"))
    expect(mine.locator(".dots-left")).to_have_text("1 of 3 dots left")
    expect(result_dots(mine, "Schools")).to_have_text("2 dots")
    no_script_errors(mine, other)


def test_a_health_check_keeps_the_focused_score_and_the_press_as_others_rate(server,
                                                                             people):
    made = running(server.url, "healthcheck", {"prompt": "How healthy are we?"})
    mine, second, third = people.phone(), people.phone(), people.phone()
    for phone in (mine, second, third):
        join(phone, made["join_url"])
        expect(phone.locator(".prompt")).to_have_text("How healthy are we?")
    room = mine.locator(".room-count")

    score = focused(mine, mine.locator("#score-0-3"))
    second.locator("label[for=score-0-5]").tap()
    expect(room).to_have_text("1 person has answered so far.")
    assert still_focused(mine, score), "the focused score was replaced by the update"
    mine.keyboard.press("Space")
    expect(mine.locator("#score-0-3")).to_be_checked()
    expect(mine.locator(".activity-state")).to_have_text(
        "1 of 6 rated. Change them until it closes.")
    expect(room).to_have_text("2 people have answered so far.")
    assert still_focused(mine, score)

    press_across_an_update(mine, mine.locator("label[for=score-1-2]"),
                           lambda: third.locator("label[for=score-1-4]").tap(),
                           lambda: expect(room).to_have_text("3 people have answered so far."))
    expect(mine.locator("#score-1-2")).to_be_checked()
    expect(mine.locator(".activity-state")).to_have_text(
        "2 of 6 rated. Change them until it closes.")
    no_script_errors(mine, second, third)


def test_an_open_question_keeps_the_focused_change_button_as_others_answer(server, people):
    made = running(server.url, "question", {
        "prompt": "What gets in the way?", "max_answers": 3, "hide_results": False})
    mine, other = people.phone(), people.phone()
    for phone in (mine, other):
        join(phone, made["join_url"])
    for phone, text in ((mine, "Old IT systems"), (other, "Consent is unclear")):
        phone.locator("#answer").fill(text)
        phone.get_by_role("button", name="Send", exact=True).click()
        expect(phone.locator(f"{MINE_IN} .answer-text")).to_have_text([text])

    change = focused(mine, mine.get_by_role("button",
                                            name=re.compile(r"^Change\W+Old IT systems$")))
    other.locator("#answer").fill("Nobody to ask")
    other.get_by_role("button", name="Send", exact=True).click()
    expect(mine.locator(".wall-phone li")).to_have_count(3)
    assert still_focused(mine, change), "the focused Change button was replaced by the update"
    mine.keyboard.press("Enter")
    expect(mine.get_by_label("Change your answer")).to_be_focused()
    no_script_errors(mine, other)
