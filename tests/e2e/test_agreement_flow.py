"""The agreement activities in real browsers: phones, the projector and the console.

A workshop on the ready-made "Information-sharing agreement workshop" agenda; three
phones from three organisations. The DPIA screening: phones tap yes, no or not sure, the
projector shows only how many answered until the console reveals it, then what the answers
indicate in the ICO's words. The sharing checklist: phones propose a purpose and a lawful
basis, the console agrees them, the projector marks them agreed. The action plan: a phone
proposes an action with an owner and a date, the console agrees it, the projector shows it
with its owner and due date and the phone can no longer withdraw it. axe-core checks each
screen of each step."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, axe_problems, describe, join, no_script_errors,
                       open_presenter)

pytestmark = pytest.mark.browser

ORGANISATIONS = ["City Council", "Police", "Health"]
SCANNABLE = {"bypass_csp": True, "reduced_motion": "reduce"}
STEPS = ["healthcheck", "partnermap", "glossary", "journey", "dotvote", "dpia", "checklist",
         "actionplan"]
PROMPTS = {"dpia": "Does this sharing need a full DPIA?",
           "checklist": "What will our information-sharing agreement say?",
           "actionplan": "Who will do what, and by when, to get it signed?"}


@pytest.fixture
def room(server, people):
    console = people.facilitator(**SCANNABLE)
    console.goto(server.url + "/")
    console.get_by_label("Title").fill("Sharing for early help")
    console.get_by_label("Partner organisations").fill("\n".join(ORGANISATIONS))
    console.get_by_role("group", name="Agenda").get_by_label(
        "Information-sharing agreement workshop").check()
    console.get_by_role("button", name="Start a workshop").click()
    expect(console).to_have_url(re.compile(r"/f/[A-Z0-9]{6}$"))
    console.wait_for_selector(CONNECTED)
    expect(console.locator("#agenda .agenda-item")).to_have_count(len(STEPS))
    screen = people.presenter(**SCANNABLE)
    open_presenter(screen, console.get_by_role("link", name="Open the presenter screen")
                   .get_attribute("href"))
    join_url = console.locator(".setup a", has_text="/j/").get_attribute("href")
    phones = [people.phone(**SCANNABLE) for _ in ORGANISATIONS]
    for phone, organisation in zip(phones, ORGANISATIONS):
        join(phone, join_url, organisation=organisation)
    return console, screen, phones


def show(console, step, screens):
    """The console's "Show now" on a step; every screen follows."""
    item = console.locator("#agenda .agenda-item").nth(STEPS.index(step))
    item.get_by_role("button", name=re.compile("^Show now")).click()
    expect(console.locator("#step")).to_have_text(
        f"Step {STEPS.index(step) + 1} of {len(STEPS)}: {PROMPTS[step]}")
    for page in screens:
        expect(page.locator("#stage .prompt, #screen .prompt")).to_have_text(PROMPTS[step])


def accessible(problems, step, **pages):
    for name, page in pages.items():
        found = axe_problems(page)
        if found:
            problems[f"{step} on the {name}"] = describe(found)


def test_the_agreement_steps_on_phones_projector_and_console(room):
    console, screen, phones = room
    problems = {}

    # ----- the DPIA screening: hidden until revealed
    show(console, "dpia", [screen, *phones])
    for n, phone in enumerate(phones):
        phone.locator(f"label[for=dpia-1-{'yes' if n == 0 else 'no'}]").tap()
        phone.locator("label[for=dpia-7-no]").tap()
        expect(phone.locator(".activity-state")).to_have_text(
            "2 of 20 answered. Change them until it closes.")
    expect(screen.locator("#stage .tally")).to_have_text(
        "3 people have answered · the answers are hidden until the facilitator reveals them")
    expect(screen.locator(".dpia-outcome")).to_have_count(0)
    accessible(problems, "DPIA screening, hidden", phone=phones[0], projector=screen,
               console=console)
    console.get_by_role("button", name="Reveal results").click()
    outcome = screen.locator(".dpia-outcome")
    expect(outcome.locator(".outcome-headline")).to_have_text(re.compile(r"^Not settled: "))
    expect(outcome.locator("blockquote p").first).to_have_text(
        "“We always carry out a DPIA if we plan to:”")
    first = screen.locator(".dpia-row").first
    expect(first.locator(".dpia-text")).to_have_text(
        "Process special category data or criminal offence data on a large scale.")
    expect(console.locator(".dpia-outcome footer").first).to_contain_text("ico.org.uk")
    accessible(problems, "DPIA screening, revealed", phone=phones[0], projector=screen,
               console=console)

    # ----- the sharing checklist: answers proposed on phones, agreed on the console
    show(console, "checklist", [screen, *phones])
    phones[0].get_by_label("Question").select_option(label="Purpose")
    phones[0].get_by_label("Your answer").fill("Families get help before a crisis")
    phones[0].get_by_role("button", name="Send", exact=True).tap()
    expect(phones[0].locator(".my-answers li", has_text="before a crisis")).to_have_count(1)
    phones[1].get_by_label("Question").select_option(label="Lawful basis, per partner")
    phones[1].get_by_label("Which partner?").fill("Police")
    phones[1].get_by_label("Its lawful basis").select_option(label="Legal obligation")
    phones[1].get_by_role("button", name="Send", exact=True).tap()
    expect(phones[1].locator(".my-answers li", has_text="Police: Legal obligation")) \
        .to_have_count(1)
    for words in ("before a crisis", "Police: Legal obligation"):
        console.locator(".checklist .moderation li", has_text=words) \
            .get_by_role("button", name=re.compile("^Agree")).click()
    purpose = screen.locator(".check-card", has_text="Purpose")
    expect(purpose.locator(".check-state")).to_have_text("Agreed")
    expect(purpose.locator(".check-answers li")).to_have_text(
        ["Families get help before a crisis"])
    expect(screen.locator(".check-card", has_text="Lawful basis")
           .locator(".check-answers li")).to_have_text(["Police: Legal obligation"])
    expect(phones[0].locator(".my-answers li", has_text="before a crisis")) \
        .to_contain_text("agreed by the room")
    expect(phones[0].locator(".my-answers li").get_by_role("button")).to_have_count(0)
    accessible(problems, "sharing checklist", phone=phones[0], projector=screen,
               console=console)

    # ----- the action plan: proposed with an owner and a date, agreed on the console
    show(console, "actionplan", [screen, *phones])
    phones[2].get_by_label("An action").fill("Draft the information sharing protocol")
    phones[2].get_by_label(re.compile("^Which organisation could own it")).fill("City Council")
    phones[2].get_by_label(re.compile("^By when")).fill("2027-02-28")
    phones[2].get_by_role("button", name="Propose").tap()
    mine = phones[2].locator(".my-answers:not(.plan-list) li",
                             has_text="Draft the information sharing")
    expect(mine).to_contain_text("Owner: City Council · due 28 Feb 2027")
    expect(mine.get_by_role("button", name=re.compile("^Withdraw"))).to_have_count(1)
    row = console.locator(".plan-items li", has_text="participant")
    expect(row.get_by_label("Owner")).to_have_value("City Council")
    row.get_by_role("button", name=re.compile("^Agree")).click()
    agreed = screen.locator(".plan-row[data-kind=agreed]")
    expect(agreed.locator(".plan-text")).to_have_text("Draft the information sharing protocol")
    expect(agreed.locator(".plan-meta")).to_have_text(
        "Owner: City Council · due 28 Feb 2027 · Not started")
    row.get_by_label("Status").select_option(label="In progress")
    expect(agreed.locator(".plan-meta")).to_have_text(
        "Owner: City Council · due 28 Feb 2027 · In progress")
    expect(mine).to_contain_text("agreed by the room")
    expect(mine.get_by_role("button")).to_have_count(0)
    expect(phones[0].locator(".plan-list li[data-agreed=yes]")).to_contain_text(
        "Agreed · In progress")
    accessible(problems, "action plan", phone=phones[2], projector=screen, console=console)

    assert not problems, "axe-core found:\n" + "\n".join(
        f"{where}:\n{found}" for where, found in problems.items())
    no_script_errors(console, screen, *phones)
