"""What people do on the screens, in the words of the pages (labels and button names)."""
import re
from pathlib import Path

import busy_room_content
import requests
import socketio
from playwright.sync_api import expect

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}

WAIT_MS = 10_000  # default deadline for every expect() and wait_for_selector

CONNECTED = "#connection[data-status=connected]"
# One's own items on a phone once the server has them. Items on their way, or waiting
# for the connection, are listed too, marked .is-waiting until they are in.
MINE_IN = ".my-answers li:not(.is-waiting)"


def create_workshop(console, base, title, organisations=()):
    """The facilitator starts a workshop from the home page and lands in the console.
    Answers the code, the facilitator key and the links the console shows."""
    console.goto(base + "/")
    console.get_by_label("Title").fill(title)
    console.get_by_label("Partner organisations").fill("\n".join(organisations))
    console.get_by_role("button", name="Start a workshop").click()
    expect(console).to_have_url(re.compile(r"/f/[A-Z0-9]{6}$"))
    console.wait_for_selector(CONNECTED)
    code = console.url.rstrip("/").rsplit("/", 1)[-1]
    facilitator_url = console.locator("#facilitator-link").input_value()
    key = facilitator_url.rsplit("/", 1)[-1]
    assert key and key != code and key not in console.url, \
        f"the console's address still holds the secret key: {console.url}"
    return {
        "code": code,
        "key": key,
        "facilitator_url": facilitator_url,
        "presenter_url": console.get_by_role("link", name="Open the presenter screen")
                                .get_attribute("href"),
        "join_url": console.locator(".setup a", has_text="/j/").get_attribute("href"),
    }


def add_question(console, prompt, hide_results=False, max_answers=None):
    """The console's "Add an activity" form."""
    form = console.locator("#activity-form")
    expect(form.locator("#activity-form-heading")).to_have_text("Add an activity")
    form.get_by_label("Type").select_option("question")
    form.get_by_label("Question").fill(prompt)
    if max_answers is not None:
        form.get_by_label("Answers per person").fill(str(max_answers))
    if hide_results:
        form.get_by_label("Hide answers from the room until I reveal them").check()
    form.get_by_role("button", name="Add to the agenda").click()
    expect(console.locator("#agenda .agenda-label", has_text=prompt)).to_have_count(1)


def open_presenter(presenter, url):
    presenter.goto(url)
    presenter.wait_for_selector(CONNECTED)


def join(phone, join_url, name=None, organisation=None):
    """A phone joins; answers the participant number the page shows."""
    phone.goto(join_url)
    expect(phone.get_by_role("button", name="Join the workshop")).to_be_visible()
    if name:
        phone.get_by_label("Your name").fill(name)
    if organisation:
        phone.locator("#organisation").select_option(organisation)
    phone.get_by_role("button", name="Join the workshop").click()
    phone.wait_for_selector(CONNECTED)
    return participant_number(phone)


def participant_number(phone):
    you_are = phone.locator(".you-are")
    expect(you_are).to_have_text(re.compile(r"^You are participant \d+\.$"))
    return int(re.search(r"\d+", you_are.inner_text()).group())


def send_answer(phone, text):
    phone.locator("#answer").fill(text)
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator(f"{MINE_IN} .answer-text", has_text=text)).to_have_count(1)


def wall(presenter):
    return presenter.locator("#stage .wall li")


def name_partner(phone, name, place):
    """The partner map on a phone: a name, where they are, and send."""
    phone.locator("#partner-name").fill(name)
    phone.locator(f"label[for=place-{place}]").tap()
    phone.get_by_role("button", name="Add to the map").tap()
    expect(phone.locator(MINE_IN, has_text=name)).to_have_count(1)


def dots_left(left, dots=3):
    """What a phone's dot vote says while voting is open."""
    return (f"{left} of {dots} dots left" if left
            else f"Your vote is in: all {dots} dots placed. Take one back to move it.")


def moderation_item(console, text):
    return console.locator(".moderation li", has_text=text)


def prepared(base, activity_type, config):
    """A workshop with one activity, not started yet, made over the API. Answers its
    links."""
    made = requests.post(f"{base}/api/workshops", json={"title": "Live updates"}, timeout=10)
    made.raise_for_status()
    made = made.json()
    requests.post(f"{base}/api/workshops/{made['code']}/activities", timeout=10,
                  headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                  json={"type": activity_type, "config": config}).raise_for_status()
    return made


def start_workshop(base, made):
    """The facilitator starts the workshop (its first activity)."""
    requests.post(f"{base}/api/workshops/{made['code']}/control", timeout=10,
                  headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                  json={"command": "start"}).raise_for_status()


def running(base, activity_type, config):
    """A workshop with one activity, started, made over the API. Answers its links."""
    made = prepared(base, activity_type, config)
    start_workshop(base, made)
    return made


def focused(page, locator):
    """Puts the keyboard on the element and answers a handle on that very element."""
    locator.focus()
    handle = locator.element_handle()
    assert page.evaluate("(el) => el === document.activeElement", handle)
    return handle


def still_focused(page, handle):
    """The same element as before, still on the page, still holding the focus."""
    return page.evaluate("(el) => el.isConnected && el === document.activeElement", handle)


def press_across_an_update(page, locator, update, updated):
    """The mouse goes down on the element, someone else's update arrives and is shown
    (`updated` waits for it), then the mouse comes up."""
    box = locator.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    update()
    updated()
    page.mouse.up()


def axe_problems(page):
    """axe-core's serious and critical findings on the page as it stands: violations, and
    results it could not decide ("needs review"), except colour contrast, which it cannot
    decide over some backgrounds and which a violation reports when it can."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations", "incomplete"]});
        const brief = (kind) => (v) => ({
            kind, id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map((n) => n.target.join(" ")),
        });
        return result.violations.map(brief("violation"))
            .concat(result.incomplete.map(brief("needs review")));
    }""")
    return [f for f in found if f["impact"] in ("serious", "critical")
            and not (f["kind"] == "needs review" and f["id"] == "color-contrast")]


def describe(problems):
    return "\n".join(f"  {p['id']} ({p['impact']} {p['kind']}): {p['help']} at "
                     f"{', '.join(p['targets'])}" for p in problems)


def no_script_errors(*pages):
    for page in pages:
        assert not page.errors, f"script errors on {page.url}: {page.errors}"


# ---------------------------------------------------------------- without a browser
WAIT = 10  # seconds for any one request or acknowledgement on loopback


class Phone:
    """A participant: the join form over HTTP for the cookie, then Socket.IO as the page
    would connect."""

    def __init__(self, base, code, name, organisation):
        session = requests.Session()
        joined = session.post(f"{base}/j/{code}", data={"name": name,
                                                         "organisation": organisation},
                              allow_redirects=False, timeout=WAIT)
        assert joined.status_code == 303, joined.text[:300]
        token = session.cookies.get(f"rt_p_{code}")
        assert token
        self.sio = connect(base, {"code": code, "role": "participant"},
                           {"Cookie": f"rt_p_{code}={token}"})
        self.sent = 0

    def act(self, activity_id, action, **payload):
        self.sent += 1
        return acted(self.sio, activity_id, action, payload, f"report-{id(self)}-{self.sent}")


def connect(base, auth, headers=None):
    sio = socketio.Client(reconnection=False, handle_sigint=False, request_timeout=WAIT)
    sio.connect(base, auth=auth, headers=headers or {}, transports=["websocket"],
                wait_timeout=WAIT)
    return sio


def acted(sio, activity_id, action, payload, submission):
    reply = sio.call("act", {"activity_id": activity_id, "action": action,
                             "payload": payload, "cid": submission}, timeout=WAIT)
    assert isinstance(reply, dict) and reply.get("ok") is True, (action, reply)
    return reply


class Facilitator:
    """The facilitator's key, used as a script would: the JSON API."""

    def __init__(self, base):
        self.base = base
        made = requests.post(f"{base}/api/workshops", timeout=WAIT,
                             json={"title": "Sharing well", "organisations": ["Council",
                                                                             "Police"]})
        assert made.status_code == 201, made.text
        self.code = made.json()["code"]
        self.key = made.json()["facilitator_key"]

    def api(self, method, path, **kwargs):
        answer = requests.request(method, f"{self.base}/api/workshops/{self.code}{path}",
                                  headers={"Authorization": f"Bearer {self.key}"},
                                  timeout=WAIT, **kwargs)
        assert answer.status_code in (200, 201), answer.text[:300]
        return answer

    def add(self, type_id, **config):
        return self.api("post", "/activities", json={"type": type_id, "config": config}) \
            .json()["activity"]["id"]

    def control(self, command):
        self.api("post", "/control", json={"command": command})


def _texts(value):
    """Every text in `value`, however deep in lists, tuples and dicts."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    return set().union(*map(_texts, value)) if isinstance(value, (list, tuple, set)) else set()


# What the busy room's people and facilitator type (tests/busy_room_content.py): theirs,
# in English, whatever the screen's language.
BUSY_ROOM_TYPED = frozenset(_texts([value for name, value in vars(busy_room_content).items()
                                    if name.isupper()]))


def catalogue_of(page, base):
    """The browser catalogue the page loaded (its first language's): {"messages": ...}."""
    url = page.locator("link[data-catalogue]").first.get_attribute("href")
    return requests.get(base + url, timeout=10).json()


def english_left(page, catalogue, within="main", leave_out=".prompt", theirs=frozenset()):
    """The English the page still shows where the catalogue has other words: every text
    and aria-label shown in `within` that is a message of the catalogue word for word
    (its singular, for a count), and every message of two words or more (up to its first
    value) found in the texts (not in aria-labels: on a bilingual screen they hold both
    languages, "Welsh / English", as an attribute cannot mark each with its lang).
    Left out: what is marked as English on purpose (the ICO's words quoted as published,
    the English half of a bilingual screen); what matches `leave_out` (the facilitator's
    own words: the busy room's prompts are typed in English only); the words in `theirs`
    (what people typed, which may be a message too, such as a glossary term "Public
    task"); and messages Welsh says the same way (a name, "%(ring)s %(num)d")."""
    texts, labels = page.evaluate("""([within, leaveOut]) => {
        const texts = [];
        const labels = [];
        for (const root of document.querySelectorAll(within)) {
            for (const el of [root, ...root.querySelectorAll("*")]) {
                if (el.closest(`[lang|=en], ${leaveOut}`) || !el.checkVisibility()) continue;
                for (const node of el.childNodes) {
                    if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
                        texts.push(node.textContent.trim());
                    }
                }
                const label = el.getAttribute("aria-label");
                if (label) labels.push(label.trim());
            }
        }
        return [texts, labels];
    }""", [within, leave_out])
    whole, joined = set(texts) | set(labels), "\n".join(texts)
    for text in sorted(theirs, key=len, reverse=True):
        joined = joined.replace(text, "")
    found = []
    for english, welsh in catalogue["messages"].items():
        if english in theirs or welsh == english or (
                isinstance(welsh, list) and all(w == english for w in welsh)):
            continue
        words = re.split(r"%\(\w+\)\w", english)[0].strip()
        if english in whole or (" " in words and words in joined):
            found.append(english)
    return sorted(found)
