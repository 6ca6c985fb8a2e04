"""The facilitator's console keeps its controls while the room's contributions arrive.

In a busy workshop the console is updated several times a second. Its controls must stay
the same elements through those updates: the button the keyboard is on keeps the focus and
acts on the right contribution, a click that starts before an update and ends after it
still counts, and a choice made in a select is still there when the facilitator presses
the button next to it."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, MINE_IN, axe_problems, describe, focused, join, moderation_item,
                       name_partner, no_script_errors, press_across_an_update, running, send_answer,
                       still_focused)

pytestmark = pytest.mark.browser


SCANNABLE = {"bypass_csp": True}  # lets axe-core's script run on the page


def open_console(console, made):
    console.goto(made["facilitator_url"])
    console.wait_for_selector(CONNECTED)


def hide_button(console, text):
    return moderation_item(console, text).get_by_role(
        "button", name=re.compile(r"^(Hide|Restore)\W"))


def question_with_two_phones(server, people):
    """An open question with its answers shown, the console open, two phones joined."""
    made = running(server.url, "question", {
        "prompt": "What gets in the way?", "max_answers": 3, "hide_results": False})
    console, mine, other = people.facilitator(), people.phone(), people.phone()
    open_console(console, made)
    for phone in (mine, other):
        join(phone, made["join_url"])
    return console, mine, other


def test_hide_keeps_the_keyboard_focus_while_answers_arrive(server, people):
    console, mine, other = question_with_two_phones(server, people)
    send_answer(mine, "Old IT systems")
    expect(moderation_item(console, "Old IT systems")).to_have_count(1)

    # The keyboard is on "Hide" for one answer when another answer arrives.
    hide = focused(console, hide_button(console, "Old IT systems"))
    send_answer(other, "Consent is unclear")
    expect(console.locator(".moderation li")).to_have_count(2)
    assert still_focused(console, hide), "the focused Hide button was replaced by the update"
    console.keyboard.press("Enter")
    expect(moderation_item(console, "Old IT systems").locator(".badge")).to_be_visible()
    expect(hide_button(console, "Old IT systems")).to_have_text(re.compile(r"^Restore"))
    expect(moderation_item(console, "Consent is unclear").locator(".badge")).to_be_hidden()
    expect(other.locator(".wall-phone li")).to_have_text(["Consent is unclear"])
    assert still_focused(console, hide)

    no_script_errors(console, mine, other)


def test_a_click_on_hide_counts_when_an_answer_arrives_above_it(server, people):
    console, mine, other = question_with_two_phones(server, people)
    send_answer(mine, "Old IT systems")
    send_answer(other, "Consent is unclear")
    expect(console.locator(".moderation li")).to_have_count(2)
    # Newest first: the next answer arrives above the row being pressed, while it is pressed.
    press_across_an_update(console, hide_button(console, "Old IT systems"),
                           lambda: send_answer(other, "Nobody to ask"),
                           lambda: expect(console.locator(".tally-small", has_text="answers from"))
                           .to_have_text(re.compile(r"^3 answers")))
    expect(console.locator(".moderation li")).to_have_count(3)
    expect(moderation_item(console, "Old IT systems").locator(".badge")).to_be_visible()
    expect(console.locator(".moderation li .badge:visible")).to_have_count(1)
    no_script_errors(console, mine, other)


def test_a_click_on_hide_counts_when_a_proposal_arrives_during_it(server, people):
    made = running(server.url, "dotvote", {
        "prompt": "Which barrier first?", "options": "", "propose_first": True, "dots": 3,
        "hide_results": False})
    console, mine, other = people.facilitator(**SCANNABLE), people.phone(), people.phone()
    open_console(console, made)
    for phone in (mine, other):
        join(phone, made["join_url"])

    def propose(phone, text):
        phone.get_by_label("Your proposal").fill(text)
        phone.get_by_role("button", name="Propose").tap()
        expect(phone.locator(MINE_IN, has_text=text)).to_have_count(1)

    propose(mine, "Old IT systems")
    propose(other, "Consent is unclear")
    expect(console.locator(".moderation li")).to_have_count(2)
    # The mouse goes down on "Hide", the next proposal arrives and is shown, the mouse comes up.
    press_across_an_update(console, hide_button(console, "Old IT systems"),
                           lambda: propose(mine, "Nobody to ask"),
                           lambda: expect(console.locator(".moderation li")).to_have_count(3))
    expect(moderation_item(console, "Old IT systems").locator(".badge")).to_be_visible()
    expect(console.locator(".moderation li .badge:visible")).to_have_count(1)
    expect(hide_button(console, "Old IT systems")).to_have_text(re.compile(r"^Restore"))
    problems = axe_problems(console)
    assert not problems, describe(problems)
    no_script_errors(console, mine, other)


def test_the_partner_maps_merge_keeps_its_choice_while_partners_arrive(server, people):
    made = running(server.url, "partnermap", {
        "prompt": "Who holds what we need?", "hide_results": False})
    console, phone = people.facilitator(), people.phone()
    open_console(console, made)
    join(phone, made["join_url"])
    for name, place in (("Schools", "room"), ("GP practices", "missing"), ("Housing", "involved")):
        name_partner(phone, name, place)
    tally = console.locator("#current .tally-small")
    expect(tally).to_have_text("3 mentions of 3 partners")

    into = console.get_by_label("Merge “Schools” into")
    expect(into.locator("option")).to_have_text(["Choose a partner…", "GP practices", "Housing"])
    into.select_option("Housing")
    merge = focused(console, console.get_by_role("button", name=re.compile(r"^Merge\W+Schools$")))
    name_partner(phone, "Police", "room")
    expect(tally).to_have_text("4 mentions of 4 partners")
    expect(into).to_have_value("Housing")
    assert still_focused(console, merge), "the focused Merge button was replaced by the update"
    console.once("dialog", lambda dialog: dialog.accept())  # "Merge “Schools” into “Housing”?"
    console.keyboard.press("Enter")
    expect(tally).to_have_text("4 mentions of 3 partners")
    expect(console.locator(".moderation li .answer-text", has_text=" = ")).to_have_text(
        re.compile(r"^(Schools = Housing|Housing = Schools)$"))
    no_script_errors(console, phone)


def test_a_journey_notes_move_keeps_its_cell_while_notes_arrive(server, people):
    made = running(server.url, "journey",
                   {"prompt": "The family's journey", "hide_results": False})
    console, phone = people.facilitator(**SCANNABLE), people.phone()
    open_console(console, made)
    join(phone, made["join_url"])

    def add_note(text):
        phone.locator("#journey-note").fill(text)
        phone.get_by_role("button", name="Add the note").tap()
        expect(phone.locator(MINE_IN, has_text=text)).to_have_count(1)

    add_note("Teacher notices the child is hungry")  # in the first cell
    stages = phone.locator("#journey-stage option").all_inner_texts()
    lanes = phone.locator("#journey-lane option").all_inner_texts()
    target = console.get_by_label("Move “Teacher notices the child is hungry” to")
    elsewhere = f"{stages[1]} / {lanes[1]}"
    target.select_option(label=elsewhere)
    move = focused(console, console.get_by_role(
        "button", name=re.compile(r"^Move\W+Teacher notices the child is hungry$")))
    add_note("Not sure it meets the threshold")
    expect(console.locator(".moderation li")).to_have_count(2)
    expect(target.locator("option:checked")).to_have_text(elsewhere)
    assert still_focused(console, move), "the focused Move button was replaced by the update"
    console.keyboard.press("Enter")
    moved = console.locator(".console-stage").nth(1)
    expect(moved.locator("h3")).to_have_text(f"{stages[1]} (1 note)")
    expect(moved.locator(".moderation li .answer-text")).to_have_text(
        ["Teacher notices the child is hungry"])
    expect(moved.locator("h4:visible")).to_have_text([lanes[1]])
    problems = axe_problems(console)
    assert not problems, describe(problems)
    no_script_errors(console, phone)
