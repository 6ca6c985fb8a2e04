"""Take the README's screenshots of every screen from a running server.

    python docs/screenshots.py http://127.0.0.1:5000

Creates a workshop over the API, joins three phones, answers, and photographs the
home page, the join page, a phone, the presenter screen and the console.
"""
import sys
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

OUT = Path(__file__).parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
LAPTOP = {"viewport": {"width": 1440, "height": 900}}


def main(base):
    made = requests.post(f"{base}/api/workshops", json={
        "title": "Sharing information about families",
        "organisations": ["City Council", "Police", "Health", "Youth charity"]}).json()
    code, key = made["code"], made["facilitator_key"]
    auth = {"Authorization": f"Bearer {key}"}
    api = f"{base}/api/workshops/{code}"
    requests.post(f"{api}/activities", headers=auth, json={"type": "question", "config": {
        "prompt": "What gets in the way of sharing information well?"}})
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(**LAPTOP).new_page()
        page.goto(base)
        page.screenshot(path=OUT / "home.png")

        screen = browser.new_context(**PROJECTOR).new_page()
        screen.goto(made["presenter_url"])
        screen.wait_for_selector("#connection[data-status=connected]")

        phones = []
        for organisation in ["City Council", "Police", "Health"]:
            phone = browser.new_context(**PHONE).new_page()
            phone.goto(made["join_url"])
            if not phones:
                phone.screenshot(path=OUT / "join.png", full_page=True)
            phone.select_option("#organisation", organisation)
            phone.click("text=Join the workshop")
            phone.wait_for_selector("#connection[data-status=connected]")
            phones.append(phone)
        screen.wait_for_selector("[data-joined]:text('3')")
        screen.screenshot(path=OUT / "presenter-join.png")

        requests.post(f"{api}/control", headers=auth, json={"command": "start"})
        answers = ["Different words for the same agreement",
                   "Nobody is sure what consent covers",
                   "Systems that do not talk to each other",
                   "Fear of getting it wrong", "No shared contact list of who to ask"]
        for i, text in enumerate(answers):
            phone = phones[i % 3]
            phone.fill("#answer", text)
            phone.click("button:text('Send')")
            phone.wait_for_selector(f".my-answers li:has-text('{text[:20]}')")
        screen.wait_for_selector(f".wall li:has-text('{answers[-1][:20]}')")
        phones[0].screenshot(path=OUT / "participant.png", full_page=True)
        screen.wait_for_timeout(1800)  # let the arrival highlight fade for the picture
        screen.screenshot(path=OUT / "presenter.png")

        console = browser.new_context(**LAPTOP).new_page()
        console.goto(made["facilitator_url"])
        console.wait_for_selector(".moderation li")
        console.screenshot(path=OUT / "console.png", full_page=True)
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:5000")
