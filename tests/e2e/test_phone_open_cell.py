"""A phone in a conference journey (tests/conference_room.py: 2,000 people, a note each, 30
cells of about 67): the phone is sent each cell's count and its top note; the person opens
a busy cell with a button that names it and counts its notes, reads notes the phone was
not sent, asks for more, sees their own among them, and the open cell keeps up with the
room (another phone's +1, from a phone in Welsh, shows without a tap). On bad wi-fi, a
read that failed (offline, or the connection lost while asking) is read again by itself
once the connection is back, once; one the server refused in words that may pass, after a
pause that grows, not at each view meanwhile. At 360x740, one hand: nothing wider than the screen;
axe-core clean."""
import json
import os
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from stallproxy import StallingProxy

from activities import journey
from conference_room import PEOPLE, cell, conference, note
from e2e_steps import CONNECTED, PHONE, axe_problems, describe, join
from e2e_steps import Phone as OtherPhone
from test_phone_conference import imported, more

pytestmark = pytest.mark.browser

TEMPLATE = journey.TEMPLATES["information-sharing"]
BUSY = (0, 0)
# Its notes, oldest first: nobody gave a +1, so the oldest are the most agreed.
IN_BUSY = [n for n in range(1, PEOPLE + 1) if cell(n) == BUSY]
PLACE = f"{TEMPLATE['stages'][0]} / {TEMPLATE['lanes'][0]}"
# A phone notices a dead link within PING_INTERVAL + PING_TIMEOUT (10 s) and reconnects
# with a backoff of up to 5 s; generous on a busy machine.
LOST_MS = 30_000
# The pauses before a refused read is asked again are 2 s, then 5 s, give or take a
# quarter (participant.js READ_RETRY_MS): at least this long, with room for the time a
# message takes to reach the test.
FIRST_PAUSE_S, SECOND_PAUSE_S = 1.0, 3.0
REFUSED = {"ok": False, "error": "That was a lot at once: wait a moment, then try again.",
           "retry": True}


def choose_busy_cell(page, count):
    page.locator("#journey-stage").select_option(str(BUSY[0]))
    page.locator("#journey-lane").select_option(str(BUSY[1]))
    expect(page.locator(".cell-heading")).to_have_text(f"Already in {PLACE}: {count} notes")


def listed(page, n):
    """Person n's note in the cell's list."""
    return page.locator(".cell-notes li").filter(has_text=note(n))


def test_a_phone_opens_a_busy_cell_of_a_conference_and_reads_what_it_was_not_sent(
        server, people, tmp_path):
    hall = imported(server, conference())
    phone = people.phone(PHONE, bypass_csp=True)  # for axe-core
    join(phone, hall["join_url"])
    choose_busy_cell(phone, len(IN_BUSY))
    expect(phone.locator(".cell-notes li")).to_have_count(1)  # the cell's top note
    expect(listed(phone, IN_BUSY[0])).to_be_visible()
    expect(listed(phone, IN_BUSY[5])).to_have_count(0)  # not sent to the phone
    assert more(phone, ".cell-notes + .hint") == len(IN_BUSY) - 1

    opener = phone.get_by_role("button", name=f"Read all {len(IN_BUSY)} notes in {PLACE}")
    opener.click()
    notes = phone.locator(".cell-notes li")
    expect(notes).to_have_count(journey.CELL_PAGE)
    expect(listed(phone, IN_BUSY[5])).to_be_visible()
    beyond = IN_BUSY[journey.CELL_PAGE]  # the first note of the second page
    expect(listed(phone, beyond)).to_have_count(0)
    expect(phone.locator(".cell-notes + .hint")).to_have_text(
        f"and {len(IN_BUSY) - journey.CELL_PAGE} more notes")
    phone.get_by_role("button", name="Show more notes").click()
    expect(listed(phone, beyond)).to_be_visible()
    expect(notes).to_have_count(min(len(IN_BUSY), 2 * journey.CELL_PAGE))

    # One's own note is among them, however far down the cell it would come.
    phone.locator("#journey-note").fill("My note: the consent form nobody reads")
    phone.get_by_role("button", name="Add the note").click()
    mine = phone.locator(".cell-notes li").filter(has_text="My note: the consent form")
    expect(mine).to_be_visible()
    expect(phone.locator(".cell-heading")).to_have_text(
        f"Already in {PLACE}: {len(IN_BUSY) + 1} notes")

    # Another phone's +1 on a note this phone reads shows on it, untouched. That phone is
    # in Welsh: its button counts the notes in Welsh's form for 67 ("other").
    other = people.phone(PHONE, locale="cy-GB")
    other.goto(hall["join_url"])
    other.get_by_role("button", name="Ymuno â’r gweithdy").click()
    other.wait_for_selector(CONNECTED)
    other.locator("#journey-stage").select_option(str(BUSY[0]))
    other.locator("#journey-lane").select_option(str(BUSY[1]))
    other.get_by_role("button", name=re.compile(
        rf"^Darllen y {len(IN_BUSY) + 1} o nodiadau i gyd yn ")).click()
    expect(listed(other, IN_BUSY[5])).to_be_visible()
    listed(other, IN_BUSY[5]).get_by_role("button", name="+1").click()
    expect(listed(phone, IN_BUSY[5]).locator(".plus-count")).to_have_text("+1")
    expect(notes.first).to_contain_text(note(IN_BUSY[5]))  # now the most agreed

    problems = {"open cell": axe_problems(phone)}
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"], f"the page is {width}px wide"
    shots = os.environ.get("ROUNDTABLE_SHOT_DIR", str(tmp_path))
    phone.locator(".cell-heading").scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, document.querySelector('.cell-heading')"
                   ".getBoundingClientRect().top - 8)")
    phone.screenshot(path=f"{shots}/phone-open-cell.png")
    phone.get_by_role("button", name="Show more notes").scroll_into_view_if_needed()
    phone.screenshot(path=f"{shots}/phone-open-cell-foot.png")

    phone.get_by_role("button", name=f"Show only the top notes of {PLACE}").click()
    expect(notes).to_have_count(1)
    expect(phone.get_by_role("button", name=f"Read all {len(IN_BUSY) + 1} notes in {PLACE}")) \
        .to_be_visible()
    problems["closed again"] = axe_problems(phone)
    assert not any(problems.values()), describe(problems)
    assert not phone.errors and not other.errors, (phone.errors, other.errors)
    expect(phone.locator(CONNECTED)).to_be_visible()


def someone_else_adds(server, hall, phone, text):
    """Another participant, connected as a page is, adds `text` to the busy cell of the
    activity `phone` shows."""
    activity = int(phone.locator("#screen .activity").get_attribute("data-activity"))
    someone = OtherPhone(server.url, hall["code"], "", "")
    try:
        someone.act(activity, "add_note", stage=BUSY[0], lane=BUSY[1], text=text)
    finally:
        someone.sio.disconnect()


def test_an_open_cell_whose_read_failed_is_read_again_when_the_connection_is_back(
        server, people):
    hall = imported(server, conference())
    with StallingProxy(server.port) as proxy:
        phone = people.phone(PHONE, bypass_csp=True)  # for axe-core
        link = urlsplit(hall["join_url"])
        join(phone, f"{proxy.url}{link.path}?{link.query}")
        choose_busy_cell(phone, len(IN_BUSY))
        phone.get_by_role("button", name=f"Read all {len(IN_BUSY)} notes in {PLACE}").click()
        notes = phone.locator(".cell-notes li")
        said = phone.locator("#journey-open-cell + [role=status]")
        expect(notes).to_have_count(journey.CELL_PAGE)
        further = phone.get_by_role("button", name="Show more notes")

        # Offline, the person asks for more: the phone says why they do not come. Nothing
        # changes in the room meanwhile; back online, they come without a tap.
        phone.context.set_offline(True)
        expect(phone.locator("#connection")).to_have_attribute("data-status", "reconnecting")
        further.click()
        expect(said).to_have_text("Not connected just now. Waiting for the connection…")
        problems = {"read failed": axe_problems(phone)}
        phone.context.set_offline(False)
        second_page = listed(phone, IN_BUSY[journey.CELL_PAGE])
        expect(second_page).to_be_visible(timeout=LOST_MS)
        expect(notes).to_have_count(2 * journey.CELL_PAGE)
        expect(said).to_have_text("")

        # The link stops while the phone asks for the rest, and someone else adds a note to
        # the cell; the phone says the connection was lost. When the link is back, the
        # rest comes with the new note, asked for once.
        proxy.hold()
        further.click()
        late = "Added while the phone had lost its connection"
        someone_else_adds(server, hall, phone, late)
        expect(said).to_have_text("The connection was lost.", timeout=LOST_MS)
        reads = []
        phone.on("websocket", lambda ws: ws.on(
            "framesent", lambda frame: reads.append(frame) if "open_cell" in str(frame) else None))
        proxy.release()
        expect(phone.locator(".cell-notes li").filter(has_text=late)).to_be_visible(
            timeout=LOST_MS)
        expect(notes).to_have_count(len(IN_BUSY) + 1)
        expect(said).to_have_text("")
        expect(phone.locator(".cell-notes + .hint")).to_be_hidden()
        expect(further).to_be_hidden()
        expect(phone.locator(".cell-heading")).to_have_text(
            f"Already in {PLACE}: {len(IN_BUSY) + 1} notes")
        expect(phone.locator(CONNECTED)).to_be_visible()
        assert len(reads) == 1, reads

        problems["read again"] = axe_problems(phone)
        assert not any(problems.values()), describe(problems)
        assert not phone.errors, phone.errors


def refusing_reads(phone, refusals):
    """The phone's Socket.IO traffic goes to the server, but its first `refusals` reads
    of a cell are answered with a refusal that may pass, as a busy server's. Answers the
    list of times the phone asked, each read as it reaches the test."""
    asked = []

    def route(socket):
        server = socket.connect_to_server()

        def from_page(message):
            read = re.match(r'42(\d+)\["read",', message) if isinstance(message, str) else None
            if read:
                asked.append(time.monotonic())
            if read and len(asked) <= refusals:
                socket.send(f"43{read.group(1)}{json.dumps([REFUSED])}")
            else:
                server.send(message)
        socket.on_message(from_page)
    phone.route_web_socket(re.compile(r"/socket\.io/"), route)
    return asked


def test_a_read_refused_while_connected_is_asked_again_after_a_growing_pause(
        server, people):
    hall = imported(server, conference())
    phone = people.phone(PHONE, bypass_csp=True)  # for axe-core
    asked = refusing_reads(phone, refusals=2)
    join(phone, hall["join_url"])
    choose_busy_cell(phone, len(IN_BUSY))
    phone.get_by_role("button", name=f"Read all {len(IN_BUSY)} notes in {PLACE}").click()
    said = phone.locator("#journey-open-cell + [role=status]")
    expect(said).to_have_text(REFUSED["error"])

    # Someone else adds a note: the view says the cell changed, but the phone waits out
    # its pause rather than asking at once.
    someone_else_adds(server, hall, phone, "Added while the server was refusing reads")
    expect(phone.locator(".cell-heading")).to_have_text(
        f"Already in {PLACE}: {len(IN_BUSY) + 1} notes")
    problems = {"read refused": axe_problems(phone)}

    # Refused once more, then answered, each after a longer pause: the notes come, with
    # the room's count, and the words go.
    expect(listed(phone, IN_BUSY[5])).to_be_visible(timeout=LOST_MS)
    expect(said).to_have_text("")
    expect(phone.locator(".cell-notes li")).to_have_count(journey.CELL_PAGE)
    expect(phone.locator(".cell-notes + .hint")).to_have_text(
        f"and {len(IN_BUSY) + 1 - journey.CELL_PAGE} more notes")
    assert len(asked) == 3, asked
    pauses = [later - earlier for earlier, later in zip(asked, asked[1:])]
    assert pauses[0] >= FIRST_PAUSE_S and pauses[1] >= SECOND_PAUSE_S, pauses
    problems["read again"] = axe_problems(phone)
    assert not any(problems.values()), describe(problems)
    assert not phone.errors, phone.errors
