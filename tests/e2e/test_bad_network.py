"""A phone on venue wi-fi. Its traffic goes through a proxy that can stall: bytes held
for longer than the phone waits for an answer, the connection kept. Every kind of
submission settles, is stored once however often the person presses, and the phone says
what happened in words. Offline, what waits on the phone is shown and counted.

How long the link stalls is the situation being tested, not a wait for a result: the
test holds the proxy for that long, then waits (with deadlines) for what the phone shows.
"""
import re
import time

import pytest
import requests
from playwright.sync_api import expect
from serverproc import ServerProcess
from stallproxy import StallingProxy

from e2e_steps import CONNECTED, join, no_script_errors, running

pytestmark = pytest.mark.browser

STALL_S = 9  # longer than a phone waits for an answer before it says the link is slow
LONG_STALL_S = 15  # longer too than it takes a phone to notice a dead link (10 s)
SETTLE_MS = 25_000  # after the stall: a reconnection (backoff up to 5 s) and the resend

SAID_DURING_A_STALL = re.compile(r"the connection is slow|waiting to send")


@pytest.fixture
def proxy(server):
    with StallingProxy(server.port) as stalling:
        yield stalling


def export(server, made):
    answer = requests.get(f"{server.url}/api/workshops/{made['code']}/export?format=json",
                          headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                          timeout=10)
    answer.raise_for_status()
    return answer.json()


def stored(server, made, name):
    """How many `name` actions participants have had accepted."""
    return sum(1 for a in export(server, made)["actions"] if a["name"] == name and a["by"])


def phone_through(proxy, people, made):
    phone = people.phone()
    join(phone, f"{proxy.url}/j/{made['code']}")
    return phone


class Stall:
    """The link stops (`with Stall(proxy, seconds) as stalled:`) and comes back after
    `seconds`; within, the test submits, and `stalled.lasts(phone, meanwhile)` checks the
    phone says so in words while whatever the person presses (each of `meanwhile`) makes
    no second copy, until the stall is over."""

    def __init__(self, proxy, seconds):
        self.proxy, self.seconds = proxy, seconds

    def __enter__(self):
        self.proxy.hold()
        self.started = time.monotonic()
        return self

    def lasts(self, phone, meanwhile=()):
        for press in meanwhile:
            press()
        expect(phone.locator("#sending")).to_have_text(SAID_DURING_A_STALL,
                                                       timeout=self.seconds * 1000)
        for press in meanwhile:
            press()
        left = self.seconds - (time.monotonic() - self.started)
        if left > 0:
            phone.wait_for_timeout(left * 1000)  # the rest of the stall: the situation

    def __exit__(self, *exc):
        self.proxy.release()


def settled(phone):
    """Nothing left to send, and the phone said it went."""
    expect(phone.locator(".waiting-word:visible")).to_have_count(0, timeout=SETTLE_MS)
    expect(phone.locator("#sending")).not_to_contain_text("waiting", timeout=SETTLE_MS)
    expect(phone.locator("#sending")).not_to_contain_text("Sending", timeout=SETTLE_MS)
    # The line says nothing for a moment's grace while a last send is answered: wait for
    # the outbox itself to empty.
    phone.wait_for_function("""() => Object.keys(localStorage)
        .filter((k) => k.startsWith('roundtable:outbox:'))
        .every((k) => JSON.parse(localStorage.getItem(k)).length === 0)""", timeout=SETTLE_MS)


# ------------------------------------------------------------------ each kind, stalled
def test_an_answer_sent_into_a_stall_is_stored_once_and_the_phone_says_what_happened(
        server, proxy, people):
    made = running(server.url, "question", {"prompt": "What helps?", "max_answers": 3})
    phone = phone_through(proxy, people, made)
    send = phone.get_by_role("button", name="Send", exact=True)
    phone.locator("#answer").fill("A named contact")
    mine = phone.locator(".my-answers li", has_text="A named contact")
    with Stall(proxy, LONG_STALL_S) as stalled:
        send.click()
        # On its way: out of the box (no second copy to send), listed, counted, said.
        expect(phone.locator("#answer")).to_have_value("")
        expect(mine.locator(".waiting-word")).to_have_text(re.compile("Sending|Waiting to send"))
        expect(phone.locator(".activity-state")).to_have_text("You can give 2 more answers.")
        stalled.lasts(phone, meanwhile=[lambda: send.click(force=True)] * 2)

    settled(phone)
    expect(mine.locator(".answer-text")).to_have_text("A named contact")
    expect(phone.locator(".my-answers li")).to_have_count(1)
    expect(phone.locator(".activity-state")).to_have_text("You can give 2 more answers.")
    assert stored(server, made, "answer") == 1
    no_script_errors(phone)


def test_a_note_sent_into_a_stall_is_stored_once_and_shown_as_ones_own(server, proxy,
                                                                     people):
    made = running(server.url, "journey", {"prompt": "A referral"})
    phone = phone_through(proxy, people, made)
    add = phone.get_by_role("button", name="Add the note")
    phone.locator("#journey-note").fill("Forms go missing")
    with Stall(proxy, STALL_S) as stalled:
        add.click()
        expect(phone.locator("#journey-note")).to_have_value("")
        stalled.lasts(phone, meanwhile=[add.click] * 3)

    settled(phone)
    expect(phone.locator(".my-answers li .answer-text")).to_have_text(["Forms go missing"])
    # The room's copy of the note is the person's own: nothing to +1.
    in_cell = phone.locator(".cell-notes li", has_text="Forms go missing")
    expect(in_cell).to_have_count(1)
    expect(in_cell.get_by_role("button")).to_have_count(0)
    assert stored(server, made, "add_note") == 1
    no_script_errors(phone)


def test_a_dot_placed_into_a_stall_counts_at_once_and_is_stored_once(server, proxy,
                                                                   people):
    made = running(server.url, "dotvote", {
        "prompt": "Which first?", "options": "Housing\nSchools", "dots": 3})
    phone = phone_through(proxy, people, made)
    with Stall(proxy, STALL_S) as stalled:
        phone.get_by_role("button", name=re.compile("^Housing")).click()
        expect(phone.locator(".dots-left")).to_have_text("2 of 3 dots left (1 dot not sent yet)")
        housing = phone.locator(".option", has_text="Housing")
        expect(housing.locator(".waiting-word")).to_be_visible()
        stalled.lasts(phone)

    settled(phone)
    expect(phone.locator(".dots-left")).to_have_text("2 of 3 dots left")
    assert stored(server, made, "add") == 1
    no_script_errors(phone)


def test_a_rating_made_into_a_stall_is_kept_and_stored_once(server, proxy, people):
    made = running(server.url, "healthcheck", {"prompt": "How healthy are we?"})
    phone = phone_through(proxy, people, made)
    score = phone.locator("label[for=score-0-4]")
    with Stall(proxy, STALL_S) as stalled:
        score.click()
        expect(phone.locator("#score-0-4")).to_be_checked()
        stalled.lasts(phone, meanwhile=[score.click])

    settled(phone)
    expect(phone.locator("#score-0-4")).to_be_checked()
    expect(phone.locator(".activity-state")).to_have_text(
        "1 of 6 rated. Change them until it closes.")
    assert stored(server, made, "rate") == 1
    no_script_errors(phone)


def test_a_term_sent_into_a_stall_is_stored_once(server, proxy, people):
    made = running(server.url, "glossary", {"prompt": "Our words"})
    phone = phone_through(proxy, people, made)
    add = phone.get_by_role("button", name="Add to the glossary")
    phone.locator("#term").fill("Consent")
    phone.locator("#meaning").fill("Agreeing to share, in writing")
    with Stall(proxy, STALL_S) as stalled:
        add.click()
        expect(phone.locator("#term")).to_have_value("")
        stalled.lasts(phone, meanwhile=[add.click])

    settled(phone)
    expect(phone.locator(".my-answers li")).to_have_count(1)
    expect(phone.locator(".my-answers li")).to_contain_text("Consent")
    assert stored(server, made, "define") == 1
    no_script_errors(phone)


def test_a_partner_named_into_a_stall_is_stored_once(server, proxy, people):
    made = running(server.url, "partnermap", {"prompt": "Who holds what?"})
    phone = phone_through(proxy, people, made)
    add = phone.get_by_role("button", name="Add to the map")
    phone.locator("#partner-name").fill("GP practices")
    phone.locator("label[for=place-missing]").click()
    with Stall(proxy, STALL_S) as stalled:
        add.click()
        expect(phone.locator("#partner-name")).to_have_value("")
        stalled.lasts(phone, meanwhile=[add.click])

    settled(phone)
    expect(phone.locator(".my-answers li .answer-text")).to_have_text(["GP practices"])
    assert stored(server, made, "name") == 1
    no_script_errors(phone)


def test_a_picture_sent_into_a_stall_is_stored_once(server, proxy, people):
    made = running(server.url, "picture", {"prompt": "What are we building?"})
    phone = phone_through(proxy, people, made)
    phone.get_by_text("Place a brick by column and row").click()
    phone.get_by_role("button", name="Place here").click()
    phone.locator("#picture-title").fill("A bridge")
    send = phone.get_by_role("button", name="Send my picture")
    with Stall(proxy, STALL_S) as stalled:
        send.click()
        expect(send).to_be_disabled()  # one copy on its way at a time
        stalled.lasts(phone, meanwhile=[lambda: send.click(force=True)])

    settled(phone)
    expect(phone.locator(".activity-state")).to_contain_text("Sent: it is on the wall")
    assert stored(server, made, "submit") == 1
    no_script_errors(phone)


# ------------------------------------------------------------------ offline
def test_dots_placed_offline_count_against_the_budget_and_show_as_waiting(server,
                                                                          people):
    made = running(server.url, "dotvote", {
        "prompt": "Which first?", "options": "Housing\nSchools\nHealth visits", "dots": 3})
    phone = people.phone()
    join(phone, made["join_url"])
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_attribute("data-status", "reconnecting")
    housing = phone.get_by_role("button", name=re.compile("^Housing"))
    housing.click()
    expect(phone.locator(".dots-left")).to_have_text("2 of 3 dots left (1 dot not sent yet)")
    housing.click()
    phone.get_by_role("button", name=re.compile("^Schools")).click()
    expect(phone.locator(".dots-left")).to_have_text("0 of 3 dots left (3 dots not sent yet)")
    for text in ("Housing", "Schools", "Health visits"):  # no fourth dot
        expect(phone.get_by_role("button", name=re.compile(f"^{text}"))).to_be_disabled()
    expect(phone.locator(".option", has_text="Housing").locator(".waiting-word")).to_have_text(
        "Waiting to send: kept on this phone")
    expect(phone.locator(".option", has_text="Housing").locator(".dot.is-waiting")).to_have_count(2)
    expect(phone.locator("#sending")).to_have_text(
        "3 things waiting to send: kept on this phone until the connection is back.")

    phone.context.set_offline(False)
    phone.wait_for_selector(CONNECTED, timeout=SETTLE_MS)
    settled(phone)
    expect(phone.locator(".dots-left")).to_have_text(
        "Your vote is in: all 3 dots placed. Take one back to move it.")
    assert stored(server, made, "add") == 3
    expect(phone.locator("#notice")).to_be_hidden()  # nothing refused
    no_script_errors(phone)


# ------------------------------------------------------------------ the header at 390 px
def test_reconnecting_leaves_the_workshop_title_whole_on_a_narrow_phone(server, people):
    made = running(server.url, "question", {"prompt": "What helps?"})
    phone = people.phone()
    phone.set_viewport_size({"width": 390, "height": 844})
    join(phone, made["join_url"])
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_text("Reconnecting… your work is kept")
    title = phone.locator(".phone-title")
    assert title.evaluate("(el) => el.scrollWidth <= el.clientWidth"), \
        f"the title is cut: {title.evaluate('(el) => [el.scrollWidth, el.clientWidth]')}"
    status = phone.locator("#connection").bounding_box()
    assert status["x"] + status["width"] <= 390, "the status runs off the screen"
    phone.context.set_offline(False)


# ------------------------------------------------------------------ a refused origin
@pytest.fixture
def misconfigured_server(tmp_path):
    """Behind a proxy that names another host than the one phones use (PROXY_HOPS=1 and a
    wrong X-Forwarded-Host): the server takes the phones' pages for another site's."""
    server = ServerProcess("gevent", tmp_path / "roundtable.db", env={"PROXY_HOPS": "1"},
                           log_path=tmp_path / "server.log").start()
    yield server
    server.stop()


def test_a_page_from_a_refused_origin_says_why_instead_of_retrying(misconfigured_server, people):
    made = running(misconfigured_server.url, "question", {"prompt": "What helps?"})
    phone = people.phone(extra_http_headers={"X-Forwarded-Host": "workshop.example.org"})
    phone.goto(made["join_url"])
    phone.get_by_role("button", name="Join the workshop").click()
    status = phone.locator("#connection")
    expect(status).to_have_attribute("data-status", "refused")
    expect(status).to_have_text(
        f"This server does not accept connections from pages at {misconfigured_server.url}. "
        "Open the workshop at the address the organiser gave, or ask them to add this one "
        "to the server's ALLOWED_ORIGINS or PUBLIC_URL.")
