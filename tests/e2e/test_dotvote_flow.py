"""A dot vote in real browsers: three phones from three organisations tap options, each
sees its dots left go down; the projector shows how many have voted but no totals until
the facilitator reveals them, then the options ranked. axe-core checks the vote screens."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (add_question, axe_problems, create_workshop, describe, join,
                       no_script_errors, open_presenter, send_answer)

pytestmark = pytest.mark.browser
VOTE_IN = "Your vote is in: all 3 dots placed. Take one back to move it."

PROMPT = "Which barrier should we tackle first?"
OPTIONS = ["Housing", "Schools", "Health visits"]
ORGANISATIONS = ["City Council", "Police", "NHS Trust"]
DOTS = 3

# axe is injected into the page, so these contexts bypass its Content-Security-Policy; with
# reduced motion nothing is judged mid-transition.
SCANNABLE = {"bypass_csp": True, "reduced_motion": "reduce"}


def add_dot_vote(console, prompt, options, dots):
    """The console's "Add an activity" form, filled in for a dot vote."""
    form = console.locator("#activity-form")
    expect(form.locator("#activity-form-heading")).to_have_text("Add an activity")
    form.get_by_label("Type").select_option(label="Dot voting")
    form.get_by_label("Question").fill(prompt)
    form.get_by_label("Options, one per line").fill("\n".join(options))
    form.get_by_label("Dots per person").fill(str(dots))
    expect(form.get_by_label("Hide results until I reveal them")).to_be_checked()
    form.get_by_role("button", name="Add to the agenda").click()
    expect(console.locator("#agenda .agenda-label", has_text=prompt)).to_have_count(1)


def dots_left(phone):
    return phone.locator(".dots-left")


def option_button(phone, option):
    """The big button of an option: its name starts with the option's words."""
    return phone.get_by_role("button", name=re.compile(rf"^{re.escape(option)}\b"))


def add_dot(phone, option):
    option_button(phone, option).click()


def take_dot_back(phone, option):
    phone.get_by_role("button", name=f"Take a dot back from {option}").click()


def stat(screen, label):
    """A number in the presenter's row of counts, by the words next to it."""
    return screen.locator("#stage .stats li", has_text=label).locator(".stat")


def test_a_dot_vote_from_tapping_to_the_ranked_reveal(server, people):
    console = people.facilitator()
    made = create_workshop(console, server.url, "Choosing priorities", ORGANISATIONS)
    add_dot_vote(console, PROMPT, OPTIONS, DOTS)
    expect(console.locator("#agenda .agenda-state")).to_have_text("open · results hidden")

    screen = people.presenter(**SCANNABLE)
    open_presenter(screen, made["presenter_url"])
    phones = [people.phone(**SCANNABLE) for _ in ORGANISATIONS]
    for phone, organisation in zip(phones, ORGANISATIONS):
        join(phone, made["join_url"], organisation=organisation)
    expect(screen.locator("#join-slide [data-joined]")).to_have_text("3")

    console.get_by_role("button", name="Start", exact=True).click()
    expect(screen.locator("#stage .prompt")).to_have_text(PROMPT)
    for phone in phones:
        expect(phone.locator(".prompt")).to_have_text(PROMPT)
        expect(phone.locator(".option-text")).to_have_text(OPTIONS)
        expect(dots_left(phone)).to_have_text("3 of 3 dots left")
        expect(phone.get_by_role("button", name=re.compile("^Take a dot back"))).to_have_count(0)

    council, police, nhs = phones
    add_dot(council, "Housing")
    expect(dots_left(council)).to_have_text("2 of 3 dots left")
    add_dot(council, "Housing")
    expect(dots_left(council)).to_have_text("1 of 3 dots left")
    add_dot(council, "Schools")
    expect(dots_left(council)).to_have_text(VOTE_IN)
    # With no dots left, no option takes another.
    for button in council.locator(".option-add").all():
        expect(button).to_be_disabled()

    add_dot(police, "Housing")
    add_dot(police, "Housing")
    expect(dots_left(police)).to_have_text("1 of 3 dots left")
    add_dot(police, "Health visits")
    expect(dots_left(police)).to_have_text(VOTE_IN)

    add_dot(nhs, "Schools")
    add_dot(nhs, "Health visits")
    add_dot(nhs, "Health visits")
    expect(dots_left(nhs)).to_have_text(VOTE_IN)
    take_dot_back(nhs, "Health visits")  # changes their mind about one dot
    expect(dots_left(nhs)).to_have_text("1 of 3 dots left")
    expect(option_button(nhs, "Schools")).to_be_enabled()
    expect(option_button(nhs, "Schools")).to_have_accessible_name(
        re.compile(r"^Schools\W+1 dot of yours\. Tap to add another\.$"))
    expect(option_button(nhs, "Housing")).to_have_accessible_name(
        re.compile(r"^Housing\W+Tap to add a dot$"))

    # The projector counts voters and dots but shows no totals while results are hidden.
    expect(stat(screen, "voted")).to_have_text("3")
    expect(stat(screen, "placed")).to_have_text("8")
    expect(stat(screen, "used all")).to_have_text("2")
    expect(screen.locator("#stage .tally")).to_have_text(
        "Results are hidden until the facilitator reveals them.")
    expect(screen.locator(".results-big")).to_have_count(0)
    expect(screen.locator("#stage")).not_to_contain_text("Housing")
    for phone in phones:
        expect(phone.locator(".results")).to_have_count(0)

    problems = {"phone vote screen": axe_problems(nhs),
                "presenter while results are hidden": axe_problems(screen)}

    # A phone that reloads still has its own dots, and only its own.
    nhs.reload()
    expect(dots_left(nhs)).to_have_text("1 of 3 dots left")
    expect(nhs.locator(".option.has-dots .option-text")).to_have_text(
        ["Schools", "Health visits"])

    console.get_by_role("button", name="Reveal results").click()
    expect(console.get_by_role("button", name="Hide results")).to_be_visible()
    results = screen.locator(".results-big li.result")
    expect(results.locator(".result-text")).to_have_text(["Housing", "Schools", "Health visits"])
    expect(results.locator(".result-dots")).to_have_text(["4 dots", "2 dots", "2 dots"])
    expect(results.locator(".rank")).to_have_text(["1", "=2", "=2"])
    expect(screen.locator("#stage .tally")).to_have_text("3 people voted · 8 dots")
    # One person from each organisation: too few to show any of them by name.
    for organisation in ORGANISATIONS:
        expect(screen.locator("#stage")).not_to_contain_text(organisation)
    for phone in phones:
        expect(phone.locator(".results li.result .result-text")).to_have_text(
            ["Housing", "Schools", "Health visits"])

    problems["presenter with results"] = axe_problems(screen)
    found = {screen_name: p for screen_name, p in problems.items() if p}
    assert not found, "axe-core found:\n" + "\n".join(
        f"on the {name}:\n{describe(p)}" for name, p in found.items())
    no_script_errors(console, screen, *phones)


def test_options_taken_from_an_earlier_question_in_the_console(server, people):
    console = people.facilitator()
    made = create_workshop(console, server.url, "From ideas to priorities")
    add_question(console, "What gets in the way?")
    phone = people.phone()
    join(phone, made["join_url"])
    console.get_by_role("button", name="Start", exact=True).click()
    for text in ("Old IT systems", "Consent is unclear"):
        send_answer(phone, text)

    form = console.locator("#activity-form")
    form.get_by_label("Type").select_option(label="Dot voting")
    form.get_by_label("Question").fill(PROMPT)
    form.get_by_role("button", name="Show its items").click()
    expect(form.locator(".picker-items label")).to_have_text(
        ["Old IT systems", "Consent is unclear"])
    form.get_by_role("button", name="Take the ticked ones").click()
    expect(form.get_by_label("Options, one per line")).to_have_value(
        "Old IT systems\nConsent is unclear")
    form.get_by_role("button", name="Add to the agenda").click()
    expect(console.locator("#agenda .agenda-label", has_text=PROMPT)).to_have_count(1)

    console.get_by_role("button", name="Next", exact=True).click()
    expect(phone.locator(".option-text")).to_have_text(["Old IT systems", "Consent is unclear"])
    expect(dots_left(phone)).to_have_text("5 of 5 dots left")
    no_script_errors(console, phone)
