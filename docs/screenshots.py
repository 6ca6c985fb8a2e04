"""Take the screenshots of every screen from a running server, in a busy room.

    python docs/screenshots.py http://127.0.0.1:5000

Makes the busy room of the browser tests (tests/busy_room.py): the ready-made
partnership agenda with an open question in front, forty people from five organisations
(two with 60-character names, one Welsh), one of them a phone in Chromium and the rest
Socket.IO clients, with a real workshop's volume of words in English, Welsh, Arabic and
Hebrew. It runs each activity with the room's contributions, reveals it, and photographs:

    home, join, presenter-join          the home page, the join page, the join slide
    participant, presenter, console     the open question on a phone, projector, console
    participant-<type>, <type>          each activity on the phone and the projector
    dotvote-hidden                      the projector during the vote, before the reveal
    console-partnermap                  the console's partner map of sixty partners
    console-outputs, report             the console's Outputs panel and the HTML report

into docs/screenshots/: the projector at 1920x1080, phones as their screen shows them
(360x740), the console and report at 1440x900. It uses Chromium at /usr/bin/chromium.
"""
import sys
from pathlib import Path

import requests
from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from busy_room import PEOPLE, BusyRoom  # from the tests folder, added above

OUT = Path(__file__).parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "reduced_motion": "reduce"}
LAPTOP = {"viewport": {"width": 1440, "height": 900}}
WAIT_MS = 15_000
CONNECTED = "#connection[data-status=connected]"
DRAFT = [[3, 3, 4, 1, 1], [8, 3, 4, 1, 3], [13, 3, 4, 1, 0], [3, 4, 1, 4, 5]]  # the phone's


def main(base):
    room = BusyRoom(base)
    made = room.made
    OUT.mkdir(exist_ok=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        expect.set_options(timeout=WAIT_MS)
        home = browser.new_context(**LAPTOP).new_page()
        home.goto(base)
        home.screenshot(path=OUT / "home.png", full_page=True)

        screen = browser.new_context(**PROJECTOR).new_page()
        screen.goto(made["presenter_url"])
        screen.wait_for_selector(CONNECTED)

        phone_context = browser.new_context(**PHONE)
        phone = phone_context.new_page()
        phone.goto(made["join_url"])
        phone.screenshot(path=OUT / "join.png", full_page=True)
        phone.select_option("#organisation", PEOPLE[0])
        phone.click("text=Join the workshop")
        phone.wait_for_selector(CONNECTED)
        cookie = next(f"{c['name']}={c['value']}" for c in phone_context.cookies()
                      if c["name"] == f"rt_p_{room.code}")
        room.join(cookies=[cookie])  # the phone is the first of the forty
        expect(screen.locator("[data-joined]")).to_have_text(str(len(PEOPLE)))
        screen.screenshot(path=OUT / "presenter-join.png")

        def shown(ready):
            """Wait until phone and projector show the running activity, and the
            projector `ready`."""
            prompt = room.view()["activity"]["view"]["prompt"]
            for page in (phone, screen):
                expect(page.locator(".prompt")).to_have_text(prompt)
            expect(screen.locator(ready).first).to_be_visible()

        def photograph(name, phone_name=None):
            screen.wait_for_timeout(1200)  # let arrival highlights settle for the picture
            screen.screenshot(path=OUT / f"{name}.png")
            phone.screenshot(path=OUT / f"{phone_name or 'participant-' + name}.png")

        room.fill_question()
        shown("#stage .wall li")
        photograph("presenter", "participant")
        console = browser.new_context(**LAPTOP).new_page()
        console.goto(made["facilitator_url"])
        console.wait_for_selector(".moderation li")
        console.screenshot(path=OUT / "console.png")  # the top: what the facilitator sees

        room.fill_healthcheck()
        shown(".health-rows")
        photograph("healthcheck")

        room.fill_glossary()
        shown(".glossary-big .term-group")
        photograph("glossary")

        room.fill_partnermap()
        shown(".partner-map > *")
        photograph("partnermap")
        named = room.view()["activity"]["view"]
        expect(console.get_by_text(f"{named['count']} mentions of {len(named['partners'])} "
                                   "partners", exact=True)).to_be_visible()
        expect(console.locator(".console-rings.listed .ring-list").first).to_be_visible()
        # The whole page's picture, clipped to the map: the sticky run bar stays at the top
        # of the page instead of covering the map. Scrolled to the top, the map's box on
        # the screen is its box on the page.
        console.evaluate("window.scrollTo(0, 0)")
        box = console.locator(".console-rings").bounding_box()
        console.screenshot(path=OUT / "console-partnermap.png", full_page=True, clip=box)

        room.fill_journey()
        shown(".journey-grid .cell li")
        phone.locator("#journey-stage").select_option(index=2)  # the busy cell: decision to
        phone.locator("#journey-lane").select_option(index=3)  # share, barriers
        photograph("journey")

        room.fill_dotvote(reveal=False)
        shown(".stats")
        expect(phone.locator(".dots-left")).to_have_text(
            "Your vote is in: all 3 dots placed. Take one back to move it.")
        phone.screenshot(path=OUT / "participant-dotvote.png")
        screen.screenshot(path=OUT / "dotvote-hidden.png")  # before the reveal
        room.control("reveal")
        shown(".results-big")
        screen.wait_for_timeout(1200)
        screen.screenshot(path=OUT / "dotvote.png")

        room.fill_picture()
        shown(".gallery figure")
        phone.evaluate("""([id, bricks]) => localStorage.setItem(`roundtable:picture:${id}`,
            JSON.stringify({kind: "bricks", bricks, title: "Every door open", meaning: ""}))""",
                       [room.ids["picture"], DRAFT])
        phone.reload()
        phone.wait_for_selector(CONNECTED)
        photograph("picture")

        console.reload()
        console.wait_for_selector(CONNECTED)
        console.locator(".panel.outputs").screenshot(path=OUT / "console-outputs.png")
        report = requests.get(f"{room.api}/export", params={"format": "html"},
                              headers=room.auth, timeout=30)
        report.raise_for_status()
        page = browser.new_context(**LAPTOP).new_page()
        page.set_content(report.text)
        page.screenshot(path=OUT / "report.png")
        room.close()
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:5000")
