"""A phone in Welsh: the browser asks for Welsh, the pages and the phone's own words come
in Welsh, refusals too, and the person can switch language at any time."""
import re

from busy_room import AGENDA, BusyRoom
from playwright.sync_api import expect

from e2e_steps import (BUSY_ROOM_TYPED, CONNECTED, MINE_IN, catalogue_of, create_workshop,
                       english_left, running)


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


def test_a_welsh_phone_sees_every_activity_type_in_welsh(server, people):
    """The phone is one of the busy room's forty, so each screen has its own answers,
    everyone else's and the results; each activity is seen before and after the reveal."""
    room = BusyRoom(server.url)
    phone = people.phone(locale="cy-GB")
    phone.goto(f"{server.url}/j/{room.code}")
    phone.get_by_role("button", name="Ymuno â’r gweithdy").click()
    phone.wait_for_selector(CONNECTED)
    catalogue = catalogue_of(phone, server.url)
    cookie = next(c for c in phone.context.cookies() if c["name"] == f"rt_p_{room.code}")
    room.join(cookies=[f"{cookie['name']}={cookie['value']}"])
    try:
        room.fill()
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
            here = f'.activity[data-activity="{room.ids[name]}"]'
            expect(phone.locator(f"#screen {here}")).to_have_count(1)
            phone.wait_for_function(
                "document.querySelector('#screen .activity').textContent.length > 20")
            # What the busy room's people typed is theirs, in English.
            left = english_left(phone, catalogue, theirs=BUSY_ROOM_TYPED)
            assert left == [], f"{name}: {left}"
            room.control("reveal")
            expect(phone.locator(f"#screen {here}")).to_have_attribute("data-revealed", "true")
            left = english_left(phone, catalogue, theirs=BUSY_ROOM_TYPED)
            assert left == [], f"{name}, revealed: {left}"
        assert not phone.errors, phone.errors
    finally:
        room.close()


def test_a_facilitator_who_chooses_cymraeg_runs_every_activity_type_in_welsh(server, people):
    """A facilitator whose browser asks for English chooses Cymraeg on the console, as on
    any page: the console comes back in Welsh, and its running parts (each activity's
    part, the agenda, the step, the counts, the people) speak Welsh for every type of the
    busy room, with its answers in."""
    room = BusyRoom(server.url)
    room.join()
    try:
        room.fill()
        console = people.facilitator(locale="en-GB")
        console.goto(room.made["facilitator_url"])
        console.wait_for_selector(CONNECTED)
        expect(console.locator("html")).to_have_attribute("lang", "en-GB")
        console.get_by_role("button", name="Cymraeg").click()
        expect(console.locator("html")).to_have_attribute("lang", "cy")
        console.wait_for_selector(CONNECTED)
        catalogue = catalogue_of(console, server.url)
        parts = "#current, #agenda, #step, #counts, #people"
        for name in AGENDA:
            room.show(name)
            position = AGENDA.index(name) + 1
            expect(console.locator("#step")).to_contain_text(f"Cam {position} o {len(AGENDA)}")
            here = f'.activity[data-activity="{room.ids[name]}"]'
            expect(console.locator(f"#current {here}")).to_have_count(1)
            console.wait_for_function(
                "document.querySelector('#current .activity').textContent.length > 40")
            # Left out: the prompts the busy room typed in English (the activity's heading,
            # the agenda's labels, which its buttons name too) and what participants wrote
            # (answers, terms, partners' names).
            leave_out = "#current h2, .agenda-label, .agenda-actions .visually-hidden, .answer-text"
            left = english_left(console, catalogue, parts, leave_out, BUSY_ROOM_TYPED)
            assert left == [], f"{name}: {left}"
        assert not console.errors, console.errors
    finally:
        room.close()


def test_switching_language_mid_activity_loses_nothing_and_counts_in_welsh(server, people):
    """A Welsh phone half-way through an open question: one answer sent, the next typed.
    It switches to English and back: the answer sent is still listed, the one typed is
    still in its box, and the counts read right in each language."""
    made = running(server.url, "question", {"prompt": "Beth sy’n helpu?", "max_answers": 3})
    phone = people.phone(locale="cy-GB")
    phone.goto(made["join_url"])
    phone.get_by_role("button", name="Ymuno â’r gweithdy").click()
    phone.wait_for_selector(CONNECTED)
    sent = phone.locator(f"{MINE_IN} .answer-text")
    phone.locator("#answer").fill("Cyswllt penodol ym mhob ysgol")
    phone.get_by_role("button", name="Anfon", exact=True).click()
    expect(sent).to_have_text(["Cyswllt penodol ym mhob ysgol"])
    expect(phone.locator(".activity-state")).to_have_text("Gallwch roi 2 ateb arall.")
    phone.locator("#answer").fill("Hanner ateb, heb ei anfon")

    phone.get_by_role("button", name="English").click()
    phone.wait_for_selector(CONNECTED)
    expect(phone.locator("html")).to_have_attribute("lang", "en-GB")
    expect(phone.locator("#answer")).to_have_value("Hanner ateb, heb ei anfon")
    expect(sent).to_have_text(["Cyswllt penodol ym mhob ysgol"])
    expect(phone.locator(".activity-state")).to_have_text("You can give 2 more answers.")

    phone.get_by_role("button", name="Cymraeg").click()
    phone.wait_for_selector(CONNECTED)
    expect(phone.locator("html")).to_have_attribute("lang", "cy")
    expect(phone.locator("#answer")).to_have_value("Hanner ateb, heb ei anfon")
    phone.get_by_role("button", name="Anfon", exact=True).click()
    expect(sent).to_have_text(["Cyswllt penodol ym mhob ysgol", "Hanner ateb, heb ei anfon"])
    expect(phone.locator(".activity-state")).to_have_text("Gallwch roi 1 ateb arall.")

    # Welsh counts take six forms: the phone's own words pick them by CLDR's rules.
    counted = phone.evaluate("""async () => {
        const page = document.querySelector("script[type=module]").src;
        const { tn } = await import(new URL("../core/i18n.js", page));
        return [0, 1, 2, 3, 6, 11].map((n) =>
            tn("%(num)d person connected", "%(num)d people connected", n));
    }""")
    assert counted == ["Neb wedi cysylltu", "1 person wedi cysylltu", "2 berson wedi cysylltu",
                       "3 pherson wedi cysylltu", "6 pherson wedi cysylltu",
                       "11 o bobl wedi cysylltu"]
    assert not phone.errors, phone.errors
