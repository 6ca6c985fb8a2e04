"""A venue behind one network address, on a real server with the shipped limits.

A hosted server sees every phone of a room through the venue's NAT as one address; here
that address is 127.0.0.1, where every client of these tests comes from. Each test starts
its own server with the default settings (the point is what ships), and checks what a
person in that room would: who gets in, who is turned away, and in what words.
"""
import json
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import websocket

from tests.realserver.realclient import WAIT, Screen, Workshop, next_packet
from tests.serverproc import DEFAULT_MODE
from workshop.config import DEFAULTS
from workshop.security import CODE_ALPHABET, CODE_LENGTH

pytestmark = pytest.mark.realserver

PHONES = 16  # phones arriving through the join link, and phones already in the room
GUESS_EVERY = 0.5  # seconds between the guesser's wrong codes once it is over its allowance
SCAN_INSTEAD = "Scan the QR code"
JOIN_BURST = DEFAULTS["JOIN_BURST"]
JOINS_PER_SECOND = DEFAULTS["JOINS_PER_MINUTE"] / 60
MAX_PRESENTERS = DEFAULTS["MAX_PRESENTERS_PER_WORKSHOP"]


def random_code(rng):
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Guesser(threading.Thread):
    """Somebody on the venue's network trying join codes: as fast as the server answers
    until it is refused, then one every GUESS_EVERY seconds until told to stop."""

    def __init__(self, server, avoid):
        super().__init__(name="guesser", daemon=True)
        self.url, self.avoid = server.url, avoid
        self.rng = random.Random(15)
        self.answers = []  # (status, text) of every guess
        self.refused_once = threading.Event()
        self.stopping = threading.Event()

    def run(self):
        http = requests.Session()
        while not self.stopping.is_set():
            code = random_code(self.rng)
            if code in self.avoid:
                continue
            answer = http.get(f"{self.url}/j/{code}", timeout=WAIT, allow_redirects=False)
            self.answers.append((answer.status_code, answer.text))
            if answer.status_code == 429:
                self.refused_once.set()
            if self.refused_once.is_set():
                self.stopping.wait(GUESS_EVERY)

    def stop(self):
        self.stopping.set()
        self.join(timeout=WAIT)


def join_by_link(link):
    """A phone that scanned the QR code: opens the link, sends the join form (to the
    page's own address, as a form without an action does), follows on to the page."""
    http = requests.Session()
    page = http.get(link, timeout=WAIT)
    assert page.status_code == 200, (page.status_code, page.text[:300])
    assert "Join the workshop" in page.text
    joined = http.post(page.url, data={"name": "", "organisation": ""}, timeout=WAIT,
                       allow_redirects=False)
    assert joined.status_code == 303, (joined.status_code, joined.text[:300])
    landed = http.get(requests.compat.urljoin(page.url, joined.headers["Location"]),
                      timeout=WAIT)
    assert landed.status_code == 200, (landed.status_code, landed.text[:300])
    assert 'data-role="participant"' in landed.text
    return http


def cookie_header(http):
    return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


def phone_screen(workshop, http):
    screen = Screen(workshop.url, {"code": workshop.code, "role": "participant"},
                    cookie=cookie_header(http))
    workshop.screens.append(screen)
    return screen.connect()


def test_a_guesser_at_the_venue_keeps_out_nobody_who_scanned_the_code_or_had_joined(
        start_server, record_figure):
    """Before: 13 of 16 phones opening the right join link got 429, and 13 of 16 phones
    that had joined were refused when they reconnected."""
    server = start_server(DEFAULT_MODE)
    workshop = Workshop(server)
    question = workshop.add_question("What gets in the way?")
    workshop.control("start")
    link = workshop.created["join_url"]  # what the QR code and the console carry
    in_the_room = [join_by_link(link) for _ in range(PHONES)]
    screens = [phone_screen(workshop, http) for http in in_the_room]

    guesser = Guesser(server, avoid={workshop.code})
    guesser.start()
    try:
        assert guesser.refused_once.wait(60), "the guesser was never refused"
        allowance = sum(1 for status, _ in guesser.answers if status == 404)

        # Phones scanning the QR code while the guesser carries on.
        for n in range(PHONES):
            arrived = join_by_link(link)
            phone = phone_screen(workshop, arrived)
            assert phone.answer(question, f"Arrived during the guessing {n}")["ok"] is True

        # Phones already in the room lose their connection (a phone sleeps, the wi-fi
        # drops) and come back: the page reloads and the live connection opens again.
        for n, (http, screen) in enumerate(zip(in_the_room, screens)):
            screen.close()
            reloaded = http.get(f"{server.url}/j/{workshop.code}", timeout=WAIT)
            assert reloaded.status_code == 200, (n, reloaded.status_code, reloaded.text[:300])
            assert 'data-role="participant"' in reloaded.text
            again = phone_screen(workshop, http)
            assert again.answer(question, f"Back after a reconnect {n}")["ok"] is True

        # A code typed by hand from the guesser's network is refused whether it is right
        # or wrong, in the same words, which send people to the QR code.
        typed_right = requests.get(f"{server.url}/j/{workshop.code}", timeout=WAIT)
        typed_wrong = requests.get(f"{server.url}/j/{random_code(random.Random(1))}",
                                   timeout=WAIT)
    finally:
        guesser.stop()

    assert typed_right.status_code == typed_wrong.status_code == 429
    assert text_of(typed_right) == text_of(typed_wrong)
    assert SCAN_INSTEAD in typed_right.text
    after = guesser.answers[allowance:]
    assert {status for status, _ in after} == {429}, "over its allowance, guesses are refused"
    answers = [row["text"] for row in workshop.results()[0]["rows"]]
    assert len(answers) == 2 * PHONES
    record_figure(f"guesser: {allowance} wrong codes answered, then {len(after)} refused; "
                  f"{PHONES} phones through the join link and {PHONES} reconnections: "
                  f"all in")


def text_of(response):
    """The words of a page, without its markup."""
    main = re.search(r"<main.*?</main>", response.text, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.group(0))).strip()


def open_presenter(server, code):
    """A bare WebSocket asking to be a presenter screen with the join code alone, as a
    script would: (socket, None) when let in, (None, the server's words) when refused."""
    ws = websocket.create_connection(server.ws_url, timeout=WAIT, origin=server.url)
    assert ws.recv().startswith("0{")
    ws.send("40" + json.dumps({"code": code, "role": "presenter"}))
    reply = next_packet(ws, lambda p: p.startswith(("40", "44")))
    if reply.startswith("40"):
        return ws, None
    ws.close()
    return None, json.loads(reply[2:])["message"]


def test_five_hundred_presenter_screens_leave_the_phones_their_places(
        start_server, record_figure):
    """Before: a script opened 500 presenter connections with only the join code, then a
    phone from the same address was refused ("Too many connections from your network").

    The script's bare sockets answer no pings: the server's pings are slowed down here so
    that it does not let them go, freeing their places, while the script opens more."""
    server = start_server(DEFAULT_MODE, env={"PING_INTERVAL": 60, "PING_TIMEOUT": 60})
    workshop = Workshop(server)
    workshop.add_question("What would help?")
    workshop.control("start")
    held, refusals = [], []
    started = time.monotonic()
    try:
        for _ in range(500):
            ws, refused = open_presenter(server, workshop.code)
            if ws is not None:
                held.append(ws)
            else:
                refusals.append(refused)
        seconds = time.monotonic() - started

        phone = workshop.screen("participant", workshop.join())
        assert phone.connected
        assert phone.ask("sync")["ok"] is True
        # The facilitator's own projector, opened from the console, gets in too.
        projector = Screen(workshop.url, {"code": workshop.code, "role": "presenter"},
                           cookie=f"rt_f_{workshop.code}={workshop.key}")
        workshop.screens.append(projector)
        assert projector.connect().ask("sync")["ok"] is True
    finally:
        for ws in held:
            ws.close()

    assert len(held) == MAX_PRESENTERS
    assert len(refusals) == 500 - MAX_PRESENTERS
    assert set(refusals) == {f"This workshop already has {MAX_PRESENTERS} presenter screens "
                             "open: close one, or open the presenter screen from the "
                             "facilitator's console."}
    record_figure(f"500 presenter connections in {seconds:.1f} s: {len(held)} let in, "
                  f"{len(refusals)} refused; then a phone and the console's projector: in")


def post_join(url):
    """One join from a fresh browser, as the join form sends it."""
    return requests.post(url, data={"name": "", "organisation": ""}, timeout=WAIT,
                         allow_redirects=False)


def joined_count(workshop):
    console = requests.get(f"{workshop.url}/api/workshops/{workshop.code}",
                           headers=workshop.bearer, timeout=WAIT)
    return console.json()["workshop"]["joined"]


class JoinScript(threading.Thread):
    """Somebody on the venue's network making participants with a script, two joins in
    flight at a time, for as long as the test lets it."""

    def __init__(self, url):
        super().__init__(name="join script", daemon=True)
        self.url = url
        self.answers = []  # (status, text)
        self.stopping = threading.Event()

    def run(self):
        with ThreadPoolExecutor(2) as pool:
            while not self.stopping.is_set():
                for answer in pool.map(lambda _: post_join(self.url), range(2)):
                    self.answers.append((answer.status_code, answer.text))

    def stop(self):
        self.stopping.set()
        self.join(timeout=WAIT)


def test_a_join_script_is_held_to_the_documented_rate_while_a_room_joins_freely(
        start_server, record_figure):
    """Before: one address made 115 participants in 5 s, each with its own vote budget.
    Meanwhile, from the same address, a room arrives in another workshop: all 60 at once
    (faster than a room arrives), then a latecomer every second after that. None is
    refused."""
    server = start_server(DEFAULT_MODE)
    targeted, room = Workshop(server), Workshop(server)
    targeted_console, room_console = targeted.screen("facilitator"), room.screen("facilitator")
    script = JoinScript(f"{server.url}/j/{targeted.code}")
    started = time.monotonic()
    script.start()
    try:
        link = room.created["join_url"]
        with ThreadPoolExecutor(12) as pool:
            rush = [a.status_code for a in pool.map(lambda _: post_join(link), range(60))]
        rushed = time.monotonic()
        latecomers = []
        for n in range(1, 11):  # the n-th latecomer arrives n seconds after the rush
            time.sleep(max(0.0, rushed + n - time.monotonic()))  # the pace, not a wait
            latecomers.append(post_join(link).status_code)
    finally:
        script.stop()
    seconds = time.monotonic() - started

    assert rush == [303] * 60
    assert latecomers == [303] * 10
    assert joined_count(room) == 70

    made = sum(1 for status, _ in script.answers if status == 303)
    refused = [text for status, text in script.answers if status == 429]
    assert made + len(refused) == len(script.answers), {s for s, _ in script.answers}
    assert JOIN_BURST <= made <= JOIN_BURST + JOINS_PER_SECOND * seconds + 1
    assert all("Many people have just joined from your network" in text for text in refused)
    assert joined_count(targeted) == made  # each refused join made nobody

    told = targeted_console.next_event("limited")
    assert told == {"kind": "joins", "burst": JOIN_BURST,
                    "per_minute": DEFAULTS["JOINS_PER_MINUTE"]}
    assert all(event != "limited" for event, _ in list(room_console.received.queue))
    record_figure(f"join script: {len(script.answers)} joins in {seconds:.1f} s, {made} "
                  f"made, {len(refused)} refused, the console told; meanwhile a room of 60 "
                  f"at once and 10 latecomers in another workshop: all joined")
