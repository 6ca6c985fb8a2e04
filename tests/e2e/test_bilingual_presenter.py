"""The presenter of a bilingual workshop: its own words in Welsh, then English, each part
marked with its language; a Welsh phone and an English phone in the same room each see
their own language; axe-core finds nothing serious."""
import requests
from playwright.sync_api import expect

from e2e_steps import AXE, CONNECTED, PROJECTOR, WAIT_MS, axe_problems, describe


def test_the_bilingual_presenter_shows_both_languages_with_their_lang(server, browser, people):
    made = requests.post(f"{server.url}/api/workshops", timeout=10, json={
        "title": "Rhannu gwybodaeth / Sharing information", "agenda": "partnership",
        "languages": ["cy", "en_GB"]}).json()
    api = f"{server.url}/api/workshops/{made['code']}"
    auth = {"Authorization": f"Bearer {made['facilitator_key']}"}
    context = browser.new_context(**PROJECTOR, bypass_csp=True, reduced_motion="reduce")
    context.set_default_timeout(WAIT_MS)
    try:
        screen = context.new_page()
        errors = []
        screen.on("pageerror", lambda error: errors.append(str(error)))
        screen.goto(made["presenter_url"])
        screen.wait_for_selector(CONNECTED)
        expect(screen.locator("html")).to_have_attribute("lang", "cy")
        expect(screen.locator("html")).to_have_attribute("data-languages", "cy en-GB")
        status = screen.locator("#connection")
        expect(status.locator('span[lang="cy"]')).to_have_text("Wedi cysylltu")
        expect(status.locator('span[lang="en-GB"]')).to_have_text("Connected")
        assert AXE.exists()
        problems = axe_problems(screen)
        assert not problems, describe(problems)

        requests.post(f"{api}/control", headers=auth, timeout=10,
                      json={"command": "start"}).raise_for_status()
        step = screen.locator("#step")
        expect(step.locator('span[lang="cy"]')).to_have_text(
            "1 o 6 · Gwiriad iechyd y bartneriaeth")
        expect(step.locator('span[lang="en-GB"]')).to_have_text(
            "1 of 6 · Partnership health check")
        # Welsh first, then English: in the page's order too.
        assert step.locator("span[lang]").evaluate_all(
            "spans => spans.map((s) => s.lang)") == ["cy", "en-GB"]
        problems = axe_problems(screen)
        assert not problems, describe(problems)

        welsh, english = people.phone(locale="cy-GB"), people.phone(locale="en-GB")
        for phone in (welsh, english):
            phone.goto(made["join_url"])
            phone.locator("form.join-form button[type=submit]").click()
            phone.wait_for_selector(CONNECTED)
        expect(welsh.locator("html")).to_have_attribute("lang", "cy")
        expect(english.locator("html")).to_have_attribute("lang", "en-GB")
        expect(welsh.locator("#connection")).to_have_text("Wedi cysylltu")
        expect(english.locator("#connection")).to_have_text("Connected")
        assert not errors and not welsh.errors and not english.errors
    finally:
        context.close()
