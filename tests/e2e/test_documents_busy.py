"""The documents of a busy room (tests/busy_room.py: forty people from five organisations,
Welsh, Arabic and Hebrew, 280-character texts, every activity type), downloaded the way a
facilitator does, from the console's links in Chromium, then opened with the library made
for each format and checked for what the facilitator would look for: every activity, the
room's words whole, nothing hidden, no formula."""
import io

import pytest
import requests
from openpyxl import load_workbook

from busy_room import AGENDA, BusyRoom
from busy_room_content import ANSWERS, CHECKLIST_ANSWERS, DEFINITIONS
from e2e_steps import CONNECTED

pytestmark = pytest.mark.browser

# The room's words a facilitator would look for, whole: Welsh, Arabic, Hebrew, 280
# characters (the longest answer).
WELSH = ANSWERS[6]
ARABIC = ANSWERS[10]
HEBREW = ANSWERS[24]
LONGEST = max(ANSWERS, key=len)
HIDDEN = "Staff turnover: the person who knew has left"


@pytest.fixture(scope="module")
def room(server):
    busy = BusyRoom(server.url)
    busy.join()
    busy.fill()
    question = busy.ids["question"]
    answers = requests.get(f"{busy.api}/activities/{question}/items", headers=busy.auth,
                           timeout=20).json()["items"]
    hidden = next(a["id"] for a in answers if a["text"] == HIDDEN)
    busy.facilitator.act(question, "hide", id=hidden)
    yield busy
    busy.close()


@pytest.fixture(scope="module")
def downloads(room, browser, tmp_path_factory):
    """Each output the console offers, clicked and saved as the browser saves it: {label:
    bytes}."""
    folder = tmp_path_factory.mktemp("downloads")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(room.made["facilitator_url"])
    page.wait_for_selector(CONNECTED)
    saved = {}
    links = page.locator(".downloads a")
    for label in links.all_inner_texts():
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("link", name=label, exact=True).click()
        path = folder / download.value.suggested_filename
        download.value.save_as(path)
        saved[label] = path.read_bytes()
    context.close()
    return saved


def test_the_console_offers_every_format(downloads):
    assert list(downloads) == ["The report", "Spreadsheets", "The spreadsheets as one workbook",
                               "All the data"]


def test_the_workbook_holds_every_activity_whole_and_no_formula(downloads):
    book = load_workbook(io.BytesIO(downloads["The spreadsheets as one workbook"]))
    assert len(book.sheetnames) == 1 + len(AGENDA)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert len(LONGEST) == 280
    for words in (WELSH, ARABIC, HEBREW, LONGEST, CHECKLIST_ANSWERS[3][1], DEFINITIONS[0][1]):
        assert words in texts, words
    question = [[c.value for c in row] for row in book[book.sheetnames[1]].iter_rows()]
    hidden = question[0].index("hidden")
    assert [row[hidden] for row in question if HIDDEN in row] == ["yes"], \
        "a hidden answer is kept in the spreadsheets, marked as hidden, as in the CSVs"
