"""axe-core on every screen, each at the size it is used at and in the state people see it:
no serious or critical violations.

One tour of a workshop scans each screen at the right moment; a test per screen reports it.
The contexts bypass the pages' Content-Security-Policy only so that axe can be injected.
"""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, LAPTOP, PHONE, PROJECTOR, WAIT_MS, add_question,
                       axe_problems, create_workshop, describe, join, moderation_item,
                       open_presenter, send_answer, wall)

pytestmark = pytest.mark.browser

SCREENS = ["home", "home with a wrong join code", "unknown workshop code (error page)",
           "join page", "participant waiting", "participant answering",
           "presenter join slide", "presenter activity", "facilitator console"]


@pytest.fixture(scope="module")
def scans(server, browser):
    found = {}
    contexts = []

    def person(size):
        # Reduced motion: the wall's arrival glow would leave axe judging a colour mid-fade.
        context = browser.new_context(**size, bypass_csp=True, reduced_motion="reduce")
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    try:
        base = server.url
        console = person(LAPTOP)
        console.goto(base + "/")
        found["home"] = axe_problems(console)

        console.goto(base + "/join?code=ZZZZZZ")
        expect(console.locator("#code-error")).to_be_visible()
        found["home with a wrong join code"] = axe_problems(console)

        console.goto(base + "/j/ZZZZZZ")
        expect(console.get_by_role("heading", level=1)).to_have_text("Not Found")
        found["unknown workshop code (error page)"] = axe_problems(console)

        made = create_workshop(console, base, "Sharing information about families",
                               ["City Council", "Police"])
        add_question(console, "What gets in the way of sharing information well?")

        screen = person(PROJECTOR)
        open_presenter(screen, made["presenter_url"])
        phone = person(PHONE)
        phone.goto(made["join_url"])
        expect(phone.get_by_role("button", name="Join the workshop")).to_be_visible()
        found["join page"] = axe_problems(phone)

        join(phone, made["join_url"], organisation="Police")
        expect(screen.locator("#join-slide [data-joined]")).to_have_text("1")
        found["participant waiting"] = axe_problems(phone)
        found["presenter join slide"] = axe_problems(screen)

        console.get_by_role("button", name="Start", exact=True).click()
        send_answer(phone, "Different words for the same agreement")
        send_answer(phone, "Nobody is sure what consent covers")
        found["participant answering"] = axe_problems(phone)

        expect(wall(screen)).to_have_count(2)
        found["presenter activity"] = axe_problems(screen)

        moderation_item(console, "consent").get_by_role("button", name=re.compile(r"^Hide")).click()
        expect(moderation_item(console, "consent").locator(".badge")).to_be_visible()
        console.wait_for_selector(CONNECTED)
        found["facilitator console"] = axe_problems(console)
        yield found
    finally:
        for context in contexts:
            context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_no_serious_accessibility_problems(scans, screen):
    assert screen in scans, f"the tour did not reach the {screen}"
    problems = scans[screen]
    assert not problems, f"axe-core found on the {screen}:\n{describe(problems)}"
