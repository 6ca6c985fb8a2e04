"""Take the screenshots of every screen from a running server.

    python docs/screenshots.py http://127.0.0.1:5000

Creates a workshop on the ready-made partnership agenda with an open question in front,
and nine people from three organisations: one phone in Chromium, eight Socket.IO clients.
It runs each activity with the room's contributions, reveals it, and photographs:

    home, join, presenter-join          the home page, the join page, the join slide
    participant, presenter, console     the open question on a phone, projector, console
    participant-<type>, <type>          each activity on the phone and the projector
    console-outputs, report             the console's Outputs panel and the HTML report

into docs/screenshots/. It uses Chromium at /usr/bin/chromium.
"""
import sys
from pathlib import Path

import requests
import socketio
from playwright.sync_api import expect, sync_playwright

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

TITLE = "Sharing information about families"
ORGANISATIONS = ["City Council", "Police", "Health", "Youth charity"]
PEOPLE = ["City Council", "Police", "Health"] * 3  # the first is the phone in Chromium
QUESTION = "What gets in the way of sharing information well?"
ANSWERS = ["Different words for the same agreement", "Nobody is sure what consent covers",
           "Systems that do not talk to each other", "Fear of getting it wrong",
           "No shared contact list of who to ask"]
RATINGS = [  # each person's score for the six elements, and how the partnership came about
    ([3, 2, 4, 2, 3, 3], "reactive"), ([4, 2, 4, 3, 4, 2], "reactive"),
    ([2, 1, 3, 2, 2, 3], "both"), ([3, 2, 5, 3, 3, 4], "reactive"),
    ([4, 3, 4, 2, 3, 2], "proactive"), ([2, 2, 3, 1, 2, 3], "reactive"),
    ([3, 1, 4, 2, 4, 3], "both"), ([4, 2, 5, 3, 3, 2], "reactive"),
    ([3, 2, 4, 2, 2, 3], "both")]
SENTENCES = {(1, 1): "We say agreement, they say contract",
             (3, 3): "Decisions wait for the next board meeting"}
TERMS = [(0, "Information sharing agreement", "What we share, with whom and why"),
         (1, "Information sharing contract", "The signed paper about sharing"),
         (2, "Consent", "The person said yes, in writing"),
         (4, "Consent", "One lawful basis among several"),
         (5, "Early help", "Support before a crisis, not after"),
         (7, "Safeguarding", "Keeping children safe from harm")]
PARTNERS = [(0, "Schools", "room"), (1, "GP practices", "missing"), (2, "GP practices", "missing"),
            (3, "Housing", "involved"), (4, "Police", "room"), (5, "Voluntary sector", "involved"),
            (6, "GP practices", "missing"), (7, "Adult social care", "missing")]
NOTES = [  # (person, stage, lane, text); lanes: what, who, basis, barriers, enablers
    (0, 0, 0, "Teacher notices the child is often hungry"),
    (1, 0, 3, "Not sure if it meets the threshold"),
    (2, 1, 2, "Consent from the parent, or public task"),
    (3, 1, 3, "Nobody is sure what consent covers"),
    (4, 2, 1, "School to early help team"),
    (5, 2, 3, "Secure email does not reach schools"),
    (6, 3, 4, "A named contact in each partner"),
    (7, 4, 3, "Families never hear what happened next"),
    (8, 5, 0, "Outcome recorded in both systems")]
PLUS = [(1, 3), (2, 3), (4, 3), (6, 3), (8, 3), (0, 5), (3, 5), (7, 5)]  # (person, note index)
FEELINGS = [[0, -1, -1, 1, -2, 1], [1, -1, -2, 0, -1, 1], [0, -2, -1, 1, -1, 2]]
TAPS = {0: [0, 0, 1], 1: [0, 1, 2], 2: [0, 0, 3], 3: [1, 1, 0], 4: [2, 0, 0],
        5: [1, 3, 0], 6: [0, 1, 1], 7: [2, 2, 3], 8: [0, 3, 1]}  # option indexes, 3 dots each
HOUSE = [[4, 10, 4, 1, 0], [8, 10, 4, 1, 0], [4, 11, 4, 1, 4], [8, 11, 4, 1, 4],
         [4, 12, 4, 1, 0], [8, 12, 4, 1, 0], [5, 8, 2, 2, 6], [7, 8, 2, 2, 6], [9, 8, 2, 2, 6],
         [7, 6, 2, 2, 6]]
TABLE = [[6, 8, 4, 1, 6], [10, 8, 4, 1, 6], [14, 8, 4, 1, 6], [7, 9, 1, 4, 5], [16, 9, 1, 4, 5],
         [9, 6, 2, 2, 1], [13, 6, 2, 2, 3]]
BRIDGE = [[2, 12, 2, 2, 3], [4, 12, 2, 2, 3], [26, 12, 2, 2, 3], [28, 12, 2, 2, 3],
          [6, 10, 4, 1, 1], [10, 9, 4, 1, 1], [14, 8, 4, 1, 1], [18, 9, 4, 1, 1], [22, 10, 4, 1, 1]]
PICTURES = [
    (1, {"kind": "bricks", "bricks": HOUSE, "title": "A home everyone can see into",
         "meaning": "One record of the family that every partner can read"}),
    (2, {"kind": "bricks", "bricks": TABLE, "title": "One table",
         "meaning": "Partners meet as equals"}),
    (3, {"kind": "drawing", "title": "Trust going up",
         "meaning": "Each share makes the next easier",
         "strokes": [{"colour": 3, "width": 10,
                      "points": [80, 560, 300, 420, 460, 460, 700, 220, 920, 90]}]}),
    (4, {"kind": "bricks", "bricks": BRIDGE, "title": "A bridge between systems",
         "meaning": "Information crosses without being typed twice"})]


class Person:
    """A participant (or the facilitator) on a Socket.IO connection."""

    def __init__(self, base, auth, cookie=None):
        self.sio = socketio.Client()
        self.sio.connect(base, auth=auth, transports=["websocket"],
                         headers={"Cookie": cookie} if cookie else {}, wait_timeout=10)

    def act(self, activity_id, action, **payload):
        answer = self.sio.call("act", {"activity_id": activity_id, "action": action,
                                       "payload": payload}, timeout=10)
        assert answer.get("ok"), f"{action} {payload}: {answer}"
        return answer

    def view(self):
        return self.sio.call("sync", {}, timeout=10)["view"]


def join(base, code, organisation):
    session = requests.Session()
    session.post(f"{base}/j/{code}", data={"name": "", "organisation": organisation},
                 allow_redirects=False, timeout=10).raise_for_status()
    return f"rt_p_{code}={session.cookies.get(f'rt_p_{code}')}"


def main(base):
    made = requests.post(f"{base}/api/workshops", timeout=10, json={
        "title": TITLE, "organisations": ORGANISATIONS, "agenda": "partnership"}).json()
    code, key = made["code"], made["facilitator_key"]
    auth = {"Authorization": f"Bearer {key}"}
    api = f"{base}/api/workshops/{code}"

    def control(command, **args):
        requests.post(f"{api}/control", headers=auth, timeout=10,
                      json={"command": command, **args}).raise_for_status()

    added = requests.post(f"{api}/activities", headers=auth, timeout=10, json={
        "type": "question", "config": {"prompt": QUESTION}}).json()
    question_id = (added.get("activity") or added)["id"]
    requests.post(f"{api}/activities/{question_id}/move", headers=auth, timeout=10,
                  json={"position": 0}).raise_for_status()
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
                      if c["name"] == f"rt_p_{code}")
        people = [Person(base, {"code": code, "role": "participant"}, cookie)]
        people += [Person(base, {"code": code, "role": "participant"}, join(base, code, org))
                   for org in PEOPLE[1:]]
        facilitator = Person(base, {"code": code, "role": "facilitator", "key": key})
        expect(screen.locator("[data-joined]")).to_have_text(str(len(PEOPLE)))
        screen.screenshot(path=OUT / "presenter-join.png")

        def show(number, *expected):
            """Run step `number` and wait until phone and projector show it."""
            control("goto", position=number)
            view = facilitator.view()
            prompt = view["activity"]["view"]["prompt"]
            for page in (phone, screen):
                expect(page.locator(".prompt")).to_have_text(prompt)
            return view["activity"]

        def photograph(name, phone_name=None):
            screen.wait_for_timeout(1200)  # let arrival highlights settle for the picture
            screen.screenshot(path=OUT / f"{name}.png")
            phone.screenshot(path=OUT / f"{phone_name or 'participant-' + name}.png",
                             full_page=True)

        # ----- the open question
        activity = show(0)
        for i, text in enumerate(ANSWERS):
            people[i % 3].act(activity["id"], "answer", text=text)
        expect(screen.locator(".wall li")).to_have_count(len(ANSWERS))
        photograph("presenter", "participant")
        console = browser.new_context(**LAPTOP).new_page()
        console.goto(made["facilitator_url"])
        console.wait_for_selector(".moderation li")
        console.screenshot(path=OUT / "console.png", full_page=True)

        # ----- the health check
        activity = show(1)
        for person, (scores, origin) in zip(people, RATINGS):
            for element, score in enumerate(scores):
                person.act(activity["id"], "rate", element=element, score=score)
            person.act(activity["id"], "origin", origin=origin)
        for (person, element), text in SENTENCES.items():
            people[person].act(activity["id"], "comment", element=element, text=text)
        control("reveal")
        expect(screen.locator(".health-row")).to_have_count(6)
        photograph("healthcheck")

        # ----- shared language
        activity = show(2)
        for n, term, meaning in TERMS:
            people[n].act(activity["id"], "define", term=term, meaning=meaning)
        facilitator.act(activity["id"], "link", term="Information sharing contract",
                        same_as="Information sharing agreement")
        facilitator.act(activity["id"], "mark", term="Consent", status="contested")
        groups = facilitator.view()["activity"]["view"]["groups"]
        first = next(g for g in groups if g["terms"][0] == "Early help")["definitions"][0]["id"]
        for n in (2, 3, 6):
            people[n].act(activity["id"], "plus_one", id=first)
        control("reveal")
        expect(screen.locator(".glossary-big .term-group")).to_have_count(4)
        photograph("glossary")

        # ----- the partner map
        activity = show(3)
        for n, name, place in PARTNERS:
            people[n].act(activity["id"], "name", name=name, place=place)
        control("reveal")
        expect(screen.locator("svg.rings")).to_have_count(1)
        photograph("partnermap")

        # ----- the journey
        activity = show(4)
        ids = [people[n].act(activity["id"], "add_note", stage=s, lane=lane, text=t)["id"]
               for n, s, lane, t in NOTES]
        for n, index in PLUS:
            people[n].act(activity["id"], "plus_one", id=ids[index])
        for n, person in enumerate(people):
            for stage, value in enumerate(FEELINGS[n % 3]):
                person.act(activity["id"], "feel", stage=stage, value=value)
        control("reveal")
        expect(screen.locator(".journey-grid .cell li")).to_have_count(len(NOTES))
        phone.locator("#journey-lane").select_option(index=3)  # the barriers lane
        photograph("journey")

        # ----- the dot vote on the barriers
        activity = show(5)
        barriers = [t for _n, _s, lane, t in NOTES if lane == 3]
        facilitator.act(activity["id"], "add_options", texts=barriers)
        facilitator.act(activity["id"], "start_voting")
        options = [o["id"] for o in facilitator.view()["activity"]["view"]["options"]]
        for n, taps in TAPS.items():
            if n == 0:
                continue  # the phone in Chromium taps below
            for index in taps:
                people[n].act(activity["id"], "add", option=options[index])
        for text in [barriers[i] for i in TAPS[0]]:
            phone.locator(".option-add", has_text=text).click()
        expect(phone.locator(".dots-left")).to_have_text(
            "Your vote is in: all 3 dots placed. Take one back to move it.")
        expect(screen.locator(".stats .stat").first).to_have_text(str(len(PEOPLE)))
        phone.screenshot(path=OUT / "participant-dotvote.png", full_page=True)
        control("reveal")
        expect(screen.locator(".results-big li")).to_have_count(len(barriers))
        screen.wait_for_timeout(1200)
        screen.screenshot(path=OUT / "dotvote.png")

        # ----- build the picture
        activity = show(6)
        for n, picture in PICTURES:
            people[n].act(activity["id"], "submit", **picture)
        phone.evaluate("""([id, bricks]) => localStorage.setItem(`roundtable:picture:${id}`,
            JSON.stringify({kind: "bricks", bricks, title: "Every door open", meaning: ""}))""",
                       [activity["id"], [[3, 3, 4, 1, 1], [8, 3, 4, 1, 3], [13, 3, 4, 1, 0],
                                         [3, 4, 1, 4, 5]]])
        phone.reload()
        phone.wait_for_selector(CONNECTED)
        control("reveal")
        expect(screen.locator(".gallery li")).to_have_count(len(PICTURES))
        photograph("picture")

        # ----- the console's outputs, and the report
        console.reload()
        console.wait_for_selector(CONNECTED)
        console.locator(".panel.outputs").screenshot(path=OUT / "console-outputs.png")
        report = requests.get(f"{api}/export", params={"format": "html"}, headers=auth,
                              timeout=30)
        report.raise_for_status()
        page = browser.new_context(**LAPTOP).new_page()
        page.set_content(report.text)
        page.screenshot(path=OUT / "report.png")
        for person in [*people, facilitator]:
            person.sio.disconnect()
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:5000")
