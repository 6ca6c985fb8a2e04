"""The HTML report as a partnership keeps it: downloaded from a real server after a workshop
that used every activity type, then opened from a file in Chromium. It loads nothing but
itself, runs no script, prints to PDF, and axe-core finds nothing serious in it."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import Facilitator, Phone, acted, axe_problems, connect, describe, no_script_errors

pytestmark = pytest.mark.browser

TITLES = ["What gets in the way of sharing information?",
          "Which barrier should we tackle first?",
          "A referral from school to early help",
          "Build what this partnership will have built in a year"]
HOSTILE = '=HYPERLINK("http://evil.example","x")'
ACCENT = "Le café du coin : on s'y parle mieux qu'en réunion"
HIDDEN = "The Henderson family's case notes were emailed to everyone"
BRICK_TITLE = "Our bridge <script>alert(1)</script>"
PEOPLE = [("Amélie Durand", "Council"), ("", "Council"), ("", "Council"), ("", "Police")]


@pytest.fixture
def sockets():
    opened = []
    yield opened
    for sio in opened:
        sio.disconnect()


@pytest.fixture
def report_file(server, sockets, tmp_path):
    """A workshop that used every activity type, and its report downloaded to a file."""
    base = server.url
    facilitator = Facilitator(base)
    ids = [facilitator.add("question", prompt=TITLES[0]),
           facilitator.add("dotvote", prompt=TITLES[1], dots=3,
                           options="Consent rules\nDifferent IT systems\nTrust between teams"),
           facilitator.add("journey", prompt=TITLES[2], stages="Referral\nAssessment\nSupport",
                           lanes="What happens\nBarriers"),
           facilitator.add("picture", prompt=TITLES[3])]
    console = connect(base, {"code": facilitator.code, "role": "facilitator",
                             "key": facilitator.key})
    sockets.append(console)
    phones = [Phone(base, facilitator.code, name, organisation)
              for name, organisation in PEOPLE]
    sockets.extend(phone.sio for phone in phones)

    facilitator.control("start")
    for phone, text in zip(phones, [HOSTILE, ACCENT, "+44 numbers differ", "@everyone"]):
        phone.act(ids[0], "answer", text=text)
    hidden = phones[3].act(ids[0], "answer", text=HIDDEN)["id"]
    acted(console, ids[0], "hide", {"id": hidden}, "hide-1")

    facilitator.control("next")
    options = [item["id"] for item in
               facilitator.api("get", f"/activities/{ids[1]}/items").json()["items"]]
    for phone, picks in zip(phones, [[0, 0, 1], [0, 2], [0, 1, 1], [2]]):
        for pick in picks:
            phone.act(ids[1], "add", option=options[pick])
    facilitator.control("reveal")

    facilitator.control("next")
    note = phones[0].act(ids[2], "add_note", stage=0, lane=0,
                         text="School nurse calls early help")["id"]
    phones[1].act(ids[2], "add_note", stage=1, lane=1, text="Six pages of consent form")
    phones[2].act(ids[2], "plus_one", id=note)
    for phone, stage, value in [(phones[0], 0, 1), (phones[1], 1, -2), (phones[2], 2, 2)]:
        phone.act(ids[2], "feel", stage=stage, value=value)

    facilitator.control("next")
    phones[0].act(ids[3], "submit", kind="bricks", title=BRICK_TITLE,
                  meaning="Both banks meet in the middle",
                  bricks=[[0, 0, 2, 2, 0], [4, 4, 1, 4, 1], [10, 2, 4, 1, 3]])
    phones[1].act(ids[3], "submit", kind="drawing", title="Paths that finally cross",
                  strokes=[{"colour": 1, "width": 10, "points": [10, 10, 200, 300, 420, 90]}])

    download = facilitator.api("get", "/export", params={"format": "html"})
    assert download.headers["Content-Type"].startswith("text/html")
    path = tmp_path / f"roundtable-{facilitator.code}-report.html"
    path.write_bytes(download.content)
    return path


def test_the_report_opens_from_a_file_prints_and_is_accessible(people, report_file):
    page = people.facilitator()
    asked, console_errors, dialogs = [], [], []
    page.on("request", lambda request: asked.append(request.url))
    page.on("console", lambda message: message.type == "error" and
            console_errors.append(message.text))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(report_file.as_uri(), wait_until="load")
    headings = page.get_by_role("heading", level=2)
    expect(headings).to_have_text(TITLES)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sharing well")
    expect(page.locator("figcaption", has_text="Our bridge")).to_have_text(BRICK_TITLE)
    expect(page.get_by_role("img", name=BRICK_TITLE)).to_have_count(1)
    expect(page.locator("ol.bars li").first).to_contain_text("Consent rules")
    expect(page.get_by_text(ACCENT)).to_have_count(1)
    expect(page.get_by_text(HIDDEN)).to_have_count(0)
    expect(page.get_by_text("Amélie")).to_have_count(0)

    assert asked == [report_file.as_uri()], f"the report asked for more than itself: {asked}"
    assert not console_errors, console_errors
    assert not dialogs, f"a script ran in the report: {dialogs}"
    no_script_errors(page)
    assert page.evaluate("document.scripts.length") == 0

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 4  # a page per activity at least

    problems = axe_problems(page)
    assert not problems, f"axe-core found in the report:\n{describe(problems)}"
    assert asked == [report_file.as_uri()], f"the report asked for more than itself: {asked}"
