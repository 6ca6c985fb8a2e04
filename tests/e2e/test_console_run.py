"""Running a workshop from the console at a laptop's size, 1366x768, in a room of forty.

The run controls stay in view while the facilitator moderates a long list; the keyboard
focus stays where it was through every change to the agenda; a presentation clicker (Page
Down / Page Up, the arrows) and R run the workshop, but never while someone types in a
box; and at creation the console asks the facilitator to keep the link that opens it."""
import re

import pytest
import requests
import socketio
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, axe_problems, create_workshop, describe, join, name_partner,
                       no_script_errors, running)

pytestmark = pytest.mark.browser

WAIT = 10  # seconds for one request or acknowledgement on loopback
SCANNABLE = {"bypass_csp": True}  # lets axe-core's script run on the page
LONG = ("Consent forms differ between the council, the health board and the police, so a "
        "referral from a school can wait a week while three teams ask the family the same "
        "questions again; nobody owns the whole picture and the child falls between us. ")
STEP = re.compile(r"^Step (\d+) of \d+")


def open_console(console, made):
    console.goto(made["facilitator_url"])
    console.wait_for_selector(CONNECTED)


def api(base, made, method, path, **kwargs):
    answer = requests.request(method, f"{base}/api/workshops/{made['code']}{path}", timeout=WAIT,
                              headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                              **kwargs)
    assert answer.status_code in (200, 201), answer.text[:300]
    return answer.json()


def add(base, made, type_id, **config):
    return api(base, made, "post", "/activities", json={"type": type_id, "config": config})


def answers_for_the_room(base, made, count):
    """`count` answers of 280 characters, entered over facilitator sockets: twenty each,
    within what one connection may send at once."""
    activity_id = api(base, made, "get", "")["agenda"][0]["id"]
    for first in range(0, count, 20):
        sio = socketio.Client(reconnection=False, handle_sigint=False, request_timeout=WAIT)
        sio.connect(base, auth={"code": made["code"], "role": "facilitator",
                                "key": made["facilitator_key"]}, transports=["websocket"],
                    wait_timeout=WAIT)
        try:
            for n in range(first, min(first + 20, count)):
                reply = sio.call("act", {"activity_id": activity_id, "action": "answer",
                                         "payload": {"text": f"{n + 1}. {LONG}"[:280]},
                                         "cid": f"long-list-{n}"}, timeout=WAIT)
                assert reply.get("ok") is True, reply
        finally:
            sio.disconnect()


def in_view_and_on_top(page, locator):
    """The element lies wholly inside the window and nothing is drawn over its middle."""
    return page.evaluate("""(el) => {
        const box = el.getBoundingClientRect();
        if (box.top < 0 || box.left < 0) return false;
        if (box.bottom > innerHeight || box.right > innerWidth) return false;
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit === el || el.contains(hit);
    }""", locator.element_handle())


def step_number(console):
    expect(console.locator("#step")).to_have_text(STEP)
    return int(STEP.match(console.locator("#step").inner_text()).group(1))


def agenda_labels(console):
    return console.locator("#agenda .agenda-label")


def focus_is_on(console, locator):
    return console.evaluate("(el) => el === document.activeElement", locator.element_handle())


# ---------------------------------------------------------------------- in view
def test_the_run_controls_stay_in_view_while_moderating_a_long_list(server, people):
    base = server.url
    made = running(base, "question", {"prompt": "What gets in the way of sharing?",
                                      "max_answers": 3, "hide_results": True})
    add(base, made, "question", prompt="And what helps?")
    answers_for_the_room(base, made, 45)
    console = people.facilitator(**SCANNABLE)
    open_console(console, made)
    rows = console.locator(".moderation li")
    expect(rows).to_have_count(45)
    assert console.evaluate("document.documentElement.scrollHeight") > 3 * 768

    controls = [console.get_by_role("button", name="Next", exact=True),
                console.get_by_role("button", name="Previous", exact=True),
                console.get_by_role("button", name="Close submissions"),
                console.get_by_role("button", name="Reveal results"),
                console.get_by_label("Timer (minutes)"),
                console.get_by_role("button", name="Start timer")]
    # Down at the oldest answer, at the foot of the list, and at the agenda form beside it.
    for far in (rows.last.get_by_role("button", name=re.compile(r"^Hide")),
                console.get_by_role("button", name="Add to the agenda")):
        far.scroll_into_view_if_needed()
        assert console.evaluate("scrollY") > 768 / 2
        for control in controls:
            assert in_view_and_on_top(console, control), \
                f"{control} is out of view or covered after scrolling down"
    # The bar leaves room for the list: most of the window is the page under it.
    bar = console.locator(".run-bar").bounding_box()
    assert bar["height"] < 768 / 4, bar

    rows.last.get_by_role("button", name=re.compile(r"^Hide")).click()
    expect(rows.last.locator(".badge")).to_be_visible()
    assert in_view_and_on_top(console, controls[0])
    controls[0].click()
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 2 of 2"))
    problems = axe_problems(console)
    assert not problems, describe(problems)
    no_script_errors(console)


# ---------------------------------------------------------------------- focus
def test_the_focus_stays_put_through_every_change_to_the_agenda(server, people):
    base = server.url
    made = running(base, "question", {"prompt": "First question", "hide_results": False})
    for prompt in ("Second question", "Third question", "Fourth question"):
        add(base, made, "question", prompt=prompt)
    api(base, made, "post", "/control", json={"command": "goto", "position": -1})
    console = people.facilitator(**SCANNABLE)
    open_console(console, made)
    labels = agenda_labels(console)
    expect(labels).to_have_text(["First question", "Second question", "Third question",
                                 "Fourth question"])

    def button(word, label):
        return console.locator("#agenda li", has_text=label).get_by_role(
            "button", name=re.compile(rf"^{word}\W+{label}$"))

    # Start goes away once the workshop runs: the focus moves on to Next.
    console.get_by_role("button", name="Start", exact=True).focus()
    console.keyboard.press("Enter")
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 1 of 4"))
    assert focus_is_on(console, console.get_by_role("button", name="Next", exact=True))

    # Show now: the item becomes the current one and keeps the focus on its button.
    button("Show now", "Third question").focus()
    console.keyboard.press("Enter")
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 3 of 4: Third question"))
    assert focus_is_on(console, button("Showing now", "Third question"))

    # Up and Down move the item, and the focus with it, even to the top where Up can do
    # no more.
    button("Up", "Third question").focus()
    console.keyboard.press("Enter")
    expect(labels).to_have_text(["First question", "Third question", "Second question",
                                 "Fourth question"])
    assert focus_is_on(console, button("Up", "Third question"))
    console.keyboard.press("Enter")
    expect(labels.first).to_have_text("Third question")
    assert focus_is_on(console, button("Up", "Third question"))
    button("Down", "Fourth question").focus()  # already last: nothing to do, focus kept
    console.keyboard.press("Enter")
    assert focus_is_on(console, button("Down", "Fourth question"))
    button("Down", "First question").focus()
    console.keyboard.press("Enter")
    expect(labels).to_have_text(["Third question", "Second question", "First question",
                                 "Fourth question"])
    assert focus_is_on(console, button("Down", "First question"))

    # Edit, save: back on the item's Edit button. Edit, cancel: the same.
    button("Edit", "Second question").focus()
    console.keyboard.press("Enter")
    expect(console.locator("#activity-form-heading")).to_have_text("Edit: Second question")
    console.get_by_label("Question").fill("Second question, reworded")
    console.get_by_role("button", name="Save changes").click()
    expect(labels.nth(1)).to_have_text("Second question, reworded")
    assert focus_is_on(console, button("Edit", "Second question, reworded"))
    console.keyboard.press("Enter")
    console.get_by_role("button", name="Cancel").click()
    expect(console.locator("#activity-form-heading")).to_have_text("Add an activity")
    assert focus_is_on(console, button("Edit", "Second question, reworded"))

    # Remove: the focus goes to the same button of the item that takes its place.
    console.once("dialog", lambda dialog: dialog.accept())
    button("Remove", "First question").focus()
    console.keyboard.press("Enter")
    expect(labels).to_have_text(["Third question", "Second question, reworded",
                                 "Fourth question"])
    assert focus_is_on(console, button("Remove", "Fourth question"))
    problems = axe_problems(console)
    assert not problems, describe(problems)
    no_script_errors(console)


# ---------------------------------------------------------------------- the clicker
def test_a_presentation_clicker_runs_the_workshop_but_not_while_typing(server, people):
    base = server.url
    made = running(base, "question", {"prompt": "First question", "hide_results": True})
    for prompt in ("Second question", "Third question"):
        add(base, made, "question", prompt=prompt, hide_results=True)
    console = people.facilitator(**SCANNABLE)
    open_console(console, made)
    expect(console.locator("#keys")).to_contain_text("Page Down")
    expect(console.locator("#keys")).to_contain_text("Page Up")
    expect(console.locator("#keys")).to_contain_text("reveal or hide results")
    assert step_number(console) == 1

    console.keyboard.press("PageDown")
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 2 of 3"))
    console.keyboard.press("ArrowRight")
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 3 of 3"))
    console.keyboard.press("PageDown")  # the last: said in words, nothing moves
    expect(console.locator("#notice")).to_have_text("This is the last activity of the agenda.")
    console.keyboard.press("PageUp")
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 2 of 3"))
    console.keyboard.press("ArrowLeft")
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 1 of 3"))
    reveal = console.locator("#toggle-reveal")
    expect(reveal).to_have_text("Reveal results")
    console.keyboard.press("r")
    expect(reveal).to_have_text("Hide results")
    console.keyboard.press("r")
    expect(reveal).to_have_text("Reveal results")

    # Typing in a box: the keys are the typist's. The moderation box, the timer and the
    # agenda form each take them and nothing runs.
    proxy = console.get_by_label("Add an answer for someone without a phone")
    proxy.click()
    proxy.press_sequentially("Rural areas")
    for key in ("ArrowLeft", "ArrowRight", "PageDown", "PageUp", "End", "r"):
        proxy.press(key)
    expect(proxy).to_have_value("Rural areasr")
    minutes = console.get_by_label("Timer (minutes)")
    minutes.click()
    for key in ("PageDown", "ArrowRight", "r"):
        minutes.press(key)
    console.locator("#activity-type").focus()
    console.keyboard.press("ArrowRight")
    # Then one press of the Next button: had any key above run a command, the step would
    # be past 2 now, and the results shown.
    console.get_by_role("button", name="Next", exact=True).click()
    expect(console.locator("#step")).to_have_text(re.compile(r"^Step 2 of 3"))
    assert api(base, made, "get", "")["agenda"][0]["revealed"] is False
    problems = axe_problems(console)
    assert not problems, describe(problems)
    no_script_errors(console)


# ---------------------------------------------------------------------- merging partners
def test_merging_two_partners_needs_a_choice_and_a_yes(server, people):
    made = running(server.url, "partnermap", {"prompt": "Who holds what we need?",
                                                       "hide_results": False})
    console, phone = people.facilitator(**SCANNABLE), people.phone()
    open_console(console, made)
    join(phone, made["join_url"])
    name_partner(phone, "GP practices", "missing")
    name_partner(phone, "Police", "room")
    tally = console.locator("#current .tally-small")
    expect(tally).to_have_text("2 mentions of 2 partners")

    into = console.get_by_label("Merge “Police” into")
    merge = console.get_by_role("button", name=re.compile(r"^Merge\W+Police$"))
    expect(into).to_have_value("")  # nothing chosen for the facilitator
    asked, replies = [], ["dismiss", "accept"]

    def reply(dialog):
        asked.append(dialog.message)
        getattr(dialog, replies.pop(0))()

    console.on("dialog", reply)
    merge.click()  # no partner chosen: the list asks for one, and nothing is asked
    assert focus_is_on(console, into)
    into.select_option("GP practices")
    merge.click()  # the question, answered "no"
    name_partner(phone, "Schools", "room")
    expect(tally).to_have_text("3 mentions of 3 partners")  # merged, it would say 2 partners
    merge.click()  # answered "yes"
    expect(tally).to_have_text("3 mentions of 2 partners")
    expect(console.locator(".moderation li .answer-text", has_text=" = ")).to_have_text(
        re.compile(r"^(Police = GP practices|GP practices = Police)$"))
    question = ("Merge “Police” into “GP practices”? They will count as one partner on the "
                "screen and in the report. This cannot be undone.")
    assert asked == [question, question]
    problems = axe_problems(console)
    assert not problems, describe(problems)
    no_script_errors(console, phone)


# ---------------------------------------------------------------------- the timer
def test_when_the_timer_runs_out_the_console_says_submissions_stay_open(server, people):
    base = server.url
    made = running(base, "question", {"prompt": "What gets in the way?", "hide_results": False})
    console = people.facilitator()
    open_console(console, made)
    api(base, made, "post", "/control", json={"command": "timer", "seconds": 2})
    said = console.locator("#time-up")
    expect(said).to_have_text("Time’s up. Submissions stay open until you close them.")
    console.get_by_role("button", name="Close submissions").click()
    expect(said).to_have_text("Time’s up.")
    console.get_by_role("button", name="Stop timer").click()
    expect(said).to_be_hidden()
    no_script_errors(console)


# ---------------------------------------------------------------------- the link
def test_a_new_workshop_asks_to_keep_its_facilitator_link(server, people):
    base = server.url
    console = people.facilitator(permissions=["clipboard-read", "clipboard-write"], **SCANNABLE)
    made = create_workshop(console, base, "Sharing information about families")
    assert console.url == f"{base}/f/{made['code']}"  # a reload or a bookmark asks no more
    keep = console.get_by_role("region", name="Keep your facilitator link")
    expect(keep).to_be_visible()
    expect(keep).to_contain_text("Nobody can recover it for you")
    link = keep.get_by_label("Your facilitator link")
    expect(link).to_have_value(made["facilitator_url"])
    assert in_view_and_on_top(console, keep.get_by_role("button", name="Copy the link"))
    problems = axe_problems(console)
    assert not problems, describe(problems)

    keep.get_by_role("button", name="Copy the link").click()
    expect(keep.get_by_role("status")).to_have_text("Copied. Paste it somewhere safe and private.")
    assert console.evaluate("navigator.clipboard.readText()") == made["facilitator_url"]
    # The same link in "Screens and links", with its own button.
    console.evaluate("navigator.clipboard.writeText('')")
    console.locator(".setup").get_by_role("button", name="Copy", exact=True).click()
    assert console.evaluate("navigator.clipboard.readText()") == made["facilitator_url"]

    keep.get_by_role("button", name="I have kept it").click()
    expect(keep).to_be_hidden()
    console.reload()
    console.wait_for_selector(CONNECTED)
    expect(console.get_by_role("region", name="Keep your facilitator link")).to_have_count(0)
    # Coming back by the link later is not a creation: nothing to ask.
    console.goto(made["facilitator_url"])
    console.wait_for_selector(CONNECTED)
    expect(console.get_by_role("region", name="Keep your facilitator link")).to_have_count(0)
    no_script_errors(console)
