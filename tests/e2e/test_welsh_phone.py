"""A phone in Welsh: the browser asks for Welsh, the pages and the phone's own words come
in Welsh, refusals too, and the person can switch language at any time."""
import re

import requests
from busy_room import AGENDA, BusyRoom
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


def english_left(page, catalogue):
    """The browser catalogue's English messages (those Welsh says differently, of two
    words or more, up to their first value) that the page shows as text, leaving out what
    is marked as English on purpose (the ICO's words, quoted as published) and the
    facilitator's own words (the busy room's prompts are typed in English only)."""
    shown = page.evaluate("""() => [...document.querySelectorAll("main *")]
        .filter((el) => !el.closest("[lang|=en], .prompt") && el.checkVisibility())
        .flatMap((el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE))
        .map((n) => n.textContent).join("\\n")""")
    found = []
    for english, welsh in catalogue["messages"].items():
        words = re.split(r"%\(\w+\)\w", english)[0].strip()
        if " " in words and welsh != english and words in shown:
            found.append(words)
    return found


def test_a_welsh_phone_sees_every_activity_type_in_welsh(server, people):
    room = BusyRoom(server.url)
    phone = people.phone(locale="cy-GB")
    phone.goto(f"{server.url}/j/{room.code}")
    phone.get_by_role("button", name="Ymuno â’r gweithdy").click()
    phone.wait_for_selector(CONNECTED)
    url = phone.locator("link[data-catalogue]").get_attribute("href")
    catalogue = requests.get(server.url + url, timeout=10).json()
    room.show("question")
    expect(phone.get_by_role("button", name="Anfon")).to_be_visible()
    expect(phone.get_by_label("Eich ateb")).to_be_visible()
    # The ready-made agenda's own words come in Welsh too, from the catalogue.
    room.show("healthcheck")
    expect(phone.locator("#screen .prompt")).to_have_text("Pa mor iach yw ein partneriaeth?")
    expect(phone.locator("#screen legend").first).to_have_text("Cyfathrebu")
    room.show("journey")
    expect(phone.get_by_label("Cam")).to_contain_text("Penderfyniad i rannu")
    for name in AGENDA:
        room.show(name)
        expect(phone.locator("#screen .activity")).to_have_count(1)
        phone.wait_for_function(
            "document.querySelector('#screen .activity').textContent.length > 20")
        assert english_left(phone, catalogue) == [], name
        room.control("reveal")
        assert english_left(phone, catalogue) == [], f"{name}, revealed"
    assert not phone.errors, phone.errors
