"""The word cloud in real browsers: three phones answer an open question, the console puts
the answers on the screen as a word cloud and takes it off again; the projector shows the
words said more than once, the list behind them for screen readers; axe-core on the
console and the projector."""
import pytest
from playwright.sync_api import expect

from e2e_steps import (axe_problems, create_workshop, describe, join, no_script_errors,
                       open_presenter)
from test_journey_flow import ACCESSIBLE

pytestmark = pytest.mark.browser

ANSWERS = ["Consent is unclear", "Nobody is sure about consent", "Unclear who decides"]


def test_the_console_puts_the_answers_on_the_screen_as_a_word_cloud(people, server):
    console = people.facilitator(**ACCESSIBLE)
    made = create_workshop(console, server.url, "Cloud")
    form = console.locator("#activity-form")
    form.get_by_label("Type").select_option(label="Open question")
    form.get_by_label("Question", exact=True).fill("What gets in the way?")
    form.get_by_role("button", name="Add to the agenda").click()
    expect(console.locator("#agenda .agenda-label", has_text="in the way")).to_have_count(1)
    screen = people.presenter(**ACCESSIBLE)
    open_presenter(screen, made["presenter_url"])
    phones = [people.phone() for _ in ANSWERS]
    for phone in phones:
        join(phone, made["join_url"])
    console.get_by_role("button", name="Start", exact=True).click()
    for phone, text in zip(phones, ANSWERS):
        phone.get_by_label("Your answer").fill(text)
        phone.get_by_role("button", name="Send", exact=True).click()
    expect(screen.locator("#stage .wall li")).to_have_count(len(ANSWERS))

    toggle = console.get_by_role("button", name="Word cloud on the screen")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(screen.locator("#stage .cloud .cloud-word")).to_have_text(["consent", "unclear"])
    expect(screen.locator("#stage .cloud-box ul li")).to_have_text(
        ["consent: 2 times", "unclear: 2 times"])
    expect(screen.locator("#stage .cloud")).to_have_attribute("aria-hidden", "true")
    expect(console.locator("#cloud-said")).to_have_text(
        "On the screen as a word cloud: consent (2), unclear (2)")
    found = axe_problems(screen) + axe_problems(console)
    assert not found, f"axe-core:\n{describe(found)}"

    toggle.click()
    expect(screen.locator("#stage .wall li")).to_have_count(len(ANSWERS))
    expect(screen.locator("#stage .cloud")).to_have_count(0)
    no_script_errors(console, screen, *phones)
