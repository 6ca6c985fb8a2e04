"""The report printed on A4 after a busy workshop: five organisations (two with 60-character
names, one Welsh), 280-character answers, notes and meanings, 42 notes in one journey
cell, twenty dot-vote options, thirty partners.

Printed to PDF by Chromium as a person would from the report's own print settings: every
page is A4, no table runs past the margins, no column of a table is squeezed to a word's
width, and a row taller than what is left of a page splits across pages rather than
being pushed whole onto the next one or cut."""
import io

import pytest
import requests
import socketio
from pypdf import PdfReader

from e2e_steps import axe_problems, describe

pytestmark = pytest.mark.browser

WAIT = 10  # seconds for one request or acknowledgement on loopback
A4_POINTS = (595.28, 841.89)  # 210 x 297 mm in PDF points
MARGIN_MM = 15
PRINTABLE_PX = round((210 - 2 * MARGIN_MM) / 25.4 * 96)  # the page's width inside its margins
ORGANISATIONS = [
    "Cyngor Sir Ynys Môn / Isle of Anglesey County Council Services",
    "North Wales Police and Crime Commissioner's Safeguarding Unit",
    "Betsi Cadwaladr University Health Board",
    "Heddlu Gogledd Cymru",
    "Schools",
]
NOTE = ("Nobody at the front door knows which consent the family gave, so the referral waits "
        "while the school, the GP practice and the council's early help team each ask the "
        "same questions again and write them down in three different systems that cannot "
        "talk to each other; the family gives up before anyone")[:280]
WELSH = "Rhannu gwybodaeth yn ddiogel rhwng partneriaid: caniatâd, cyfrinachedd a phwrpas"


class Phone:
    """A participant: the join form over HTTP for the cookie, then Socket.IO."""

    def __init__(self, base, code, organisation):
        session = requests.Session()
        joined = session.post(f"{base}/j/{code}", data={"organisation": organisation},
                              allow_redirects=False, timeout=WAIT)
        assert joined.status_code == 303, joined.text[:300]
        token = session.cookies.get(f"rt_p_{code}")
        self.sio = socketio.Client(reconnection=False, handle_sigint=False,
                                   request_timeout=WAIT)
        self.sio.connect(base, auth={"code": code, "role": "participant"},
                         headers={"Cookie": f"rt_p_{code}={token}"},
                         transports=["websocket"], wait_timeout=WAIT)
        self.sent = 0

    def act(self, activity_id, action, **payload):
        self.sent += 1
        reply = self.sio.call("act", {"activity_id": activity_id, "action": action,
                                      "payload": payload, "cid": f"{id(self)}-{self.sent}"},
                              timeout=WAIT)
        assert reply.get("ok") is True, (action, reply)
        return reply


class Facilitator:
    def __init__(self, base):
        self.base = base
        made = requests.post(f"{base}/api/workshops", timeout=WAIT, json={
            "title": "Rhannu gwybodaeth: sharing information about families",
            "organisations": ORGANISATIONS})
        assert made.status_code == 201, made.text
        self.code, self.key = made.json()["code"], made.json()["facilitator_key"]

    def api(self, method, path, **kwargs):
        answer = requests.request(method, f"{self.base}/api/workshops/{self.code}{path}",
                                  headers={"Authorization": f"Bearer {self.key}"},
                                  timeout=WAIT, **kwargs)
        assert answer.status_code in (200, 201), answer.text[:300]
        return answer

    def add(self, type_id, **config):
        return self.api("post", "/activities", json={"type": type_id, "config": config}) \
            .json()["activity"]["id"]

    def control(self, command, **args):
        self.api("post", "/control", json={"command": command, **args})


@pytest.fixture
def busy_report(server, tmp_path):
    base = server.url
    facilitator = Facilitator(base)
    question = facilitator.add("question", prompt="What gets in the way of sharing information?",
                               max_answers=3)
    journey = facilitator.add("journey", prompt="A referral from school to early help")
    vote = facilitator.add("dotvote", prompt="Which barrier should we tackle first?", dots=5,
                           options="\n".join(f"Barrier {n}: {NOTE[:40 + 10 * n]}"
                                             for n in range(20)))
    health = facilitator.add("healthcheck", prompt="How healthy is our partnership?")
    partners = facilitator.add("partnermap", prompt="Who holds what we need?")
    glossary = facilitator.add("glossary", prompt="Which words do we use?")
    phones = [Phone(base, facilitator.code, ORGANISATIONS[n % 5]) for n in range(15)]
    try:
        facilitator.control("start")
        for n, phone in enumerate(phones):
            for k in range(3):
                phone.act(question, "answer", text=f"{n}.{k} {NOTE}"[:280])
        facilitator.control("next")
        for n, phone in enumerate(phones):
            for k in range(3):  # 45 notes in the first cell
                phone.act(journey, "add_note", stage=0, lane=0, text=f"{n}.{k} {NOTE}"[:280])
            phone.act(journey, "add_note", stage=n % 6, lane=1 + n % 4,
                      text=WELSH if n % 2 else "مشاركة المعلومات بين الشركاء تحتاج إلى ثقة")
            phone.act(journey, "feel", stage=n % 6, value=n % 5 - 2)
        facilitator.control("next")
        options = [item["id"] for item in
                   facilitator.api("get", f"/activities/{vote}/items").json()["items"]]
        for n, phone in enumerate(phones):
            for k in range(5):
                phone.act(vote, "add", option=options[(n + 3 * k) % len(options)])
        facilitator.control("reveal")
        facilitator.control("next")
        for n, phone in enumerate(phones):
            for element in range(6):
                phone.act(health, "rate", element=element, score=1 + (n + element) % 5)
        facilitator.control("reveal")
        facilitator.control("next")
        for n, phone in enumerate(phones):
            phone.act(partners, "name", name=f"{ORGANISATIONS[n % 5][:50]} team {n}",
                      place=("room", "involved", "missing")[n % 3])
            phone.act(partners, "name", name=f"Partner {n} with a long name",
                      place=("missing", "room", "involved")[n % 3])
        facilitator.control("next")
        for n, phone in enumerate(phones):
            phone.act(glossary, "define", term=f"Information sharing agreement {n}",
                      meaning=NOTE)
    finally:
        for phone in phones:
            phone.sio.disconnect()
    path = tmp_path / "report.html"
    path.write_bytes(facilitator.api("get", "/export", params={"format": "html"}).content)
    return path


def test_the_busy_report_prints_on_a4_with_tables_that_fit(people, busy_report, tmp_path):
    page = people.facilitator()
    page.set_viewport_size({"width": PRINTABLE_PX, "height": 1000})
    page.goto(busy_report.as_uri(), wait_until="load")
    # The printer's default paper is Letter here: the report's own @page makes it A4.
    pdf = page.pdf(format="Letter", prefer_css_page_size=True)
    (tmp_path / "report.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 6, f"{len(pages)} pages"
    for number, printed in enumerate(pages, 1):
        size = (float(printed.mediabox.width), float(printed.mediabox.height))
        assert abs(size[0] - A4_POINTS[0]) < 1 and abs(size[1] - A4_POINTS[1]) < 1, \
            f"page {number} is {size[0]} x {size[1]} points, not A4"
    # The journey's first cell holds 45 notes, far more than a page: its row starts on the
    # page of the grid's heading and splits, rather than leaving that page empty.
    texts = [" ".join(printed.extract_text().split()) for printed in pages]
    grid = next(n for n, text in enumerate(texts) if "A referral from school to early help" in text)
    assert "0.0 Nobody at the front door" in texts[grid], texts[grid][:600]
    assert "14.2 Nobody at the front door" in texts[grid + 1] + texts[grid + 2]

    # The page as printed, at the width inside A4's margins.
    page.emulate_media(media="print")
    tables = page.evaluate("""() => [...document.querySelectorAll('table')].map((table) => {
        const box = table.getBoundingClientRect();
        const em = parseFloat(getComputedStyle(table).fontSize);
        const cells = [...table.tBodies].flatMap((body) => [...body.rows])
            .flatMap((row) => [...row.cells])
            .filter((cell) => cell.getClientRects().length)  // an empty grid cell is left out
            .map((cell) => ({ text: cell.innerText.trim().length,
                              width: cell.getBoundingClientRect().width / em,
                              overflows: cell.scrollWidth > cell.clientWidth + 1 }));
        return { caption: table.caption?.textContent || '', left: box.left, right: box.right,
                 overflows: table.scrollWidth > box.width + 0.5,
                 squeezed: Math.min(...cells.filter((c) => c.text > 40).map((c) => c.width)),
                 spilling: cells.filter((c) => c.overflows).length };
    })""")
    assert len(tables) >= 8
    for table in tables:
        name = table["caption"]
        # Its border included: a collapsed border reaches half a pixel past the box.
        assert table["left"] >= 1 and table["right"] <= PRINTABLE_PX - 1, \
            f"the table “{name}” runs past the margin: {table}"
        assert not table["overflows"] and not table["spilling"], f"“{name}” overflows: {table}"
        # A cell of more than 40 characters (a note, an option, a name) is at least 12 em
        # wide: some twenty-five characters a line, never a word a line. (The column
        # headings over numbers, organisations' names, may wrap.)
        assert table["squeezed"] >= 12, f"“{name}” has a text squeezed to one word a line: {table}"

    problems = axe_problems(page)
    assert not problems, f"axe-core found in the report:\n{describe(problems)}"
