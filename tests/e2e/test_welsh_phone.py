"""A phone in Welsh: the browser asks for Welsh, the pages and the phone's own words come
in Welsh, refusals too, and the person can switch language at any time."""
import re

from playwright.sync_api import expect

from e2e_steps import CONNECTED, create_workshop


def test_a_welsh_phone_joins_and_takes_part_in_welsh_and_can_switch(server, people):
    console = people.facilitator()
    workshop = create_workshop(console, server.url, "Rhannu gwybodaeth")
    phone = people.phone(locale="cy-GB")

    phone.goto(workshop["join_url"])
    expect(phone.locator("html")).to_have_attribute("lang", "cy")
    phone.get_by_role("button", name="Ymuno â’r gweithdy").click()
    phone.wait_for_selector(CONNECTED)
    expect(phone.locator("#connection")).to_have_text("Wedi cysylltu")
    expect(phone.locator("#screen")).to_have_text(
        "Rydych chi i mewn. Bydd y gweithdy’n dechrau cyn bo hir: cadwch y dudalen hon ar agor.")

    phone.get_by_role("button", name="English").click()
    phone.wait_for_selector(CONNECTED)
    expect(phone.locator("html")).to_have_attribute("lang", "en-GB")
    expect(phone.locator("#screen")).to_have_text(
        "You’re in. The workshop will start soon: keep this page open.")
    expect(phone.locator("#connection")).to_have_text("Connected")
    expect(phone.get_by_role("button", name="Cymraeg")).to_have_attribute("lang", "cy")
    assert re.search(r"/j/[A-Z0-9]{6}$", phone.url), phone.url  # the same page
    assert not phone.errors, phone.errors
