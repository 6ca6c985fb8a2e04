"""The documents of a busy room (tests/busy_room.py: forty people from five organisations,
Welsh, Arabic and Hebrew, 280-character texts, every activity type), downloaded the way a
facilitator does, from the console's links in Chromium, then opened with the library made
for each format (tests/documents.py) and checked for what the facilitator would look for:
every activity, the agreement's sections, each partner's lawful basis, the actions with
owners and dates, the room's words whole, nothing the facilitator hid, no formula."""
import io
import re
from datetime import date
from html import unescape
from zipfile import ZipFile

import pytest
import requests
from docx import Document as Word
from babel.dates import format_date
from docx.oxml.ns import qn

from busy_room import AGENDA, BusyRoom
from busy_room_content import (ACTIONS, AGREED_ACTIONS, ANSWERS, CHECKLIST_ANSWERS,
                               CHECKLIST_BASES, LONG_ACTION, ORGANISATIONS,
                               PERSONAL_ANSWERS)
from e2e_steps import CONNECTED

from activities.guidance import LAWFUL_BASES
from tests.documents import (A4, A4_ON_ITS_SIDE, A4_UPRIGHT, english_only, flat, pdf_pages,
                             pdf_text, word_sections, word_text, workbook_cells)

pytestmark = pytest.mark.browser

# The room's words a facilitator would look for, whole: Welsh, Arabic, Hebrew, and the
# longest answer (280 characters).
WELSH, ARABIC, HEBREW = ANSWERS[6], ANSWERS[10], ANSWERS[24]
LONGEST = max(ANSWERS, key=len)
# What the facilitator hides after the room is done: an answer (given once, to the first
# question), an agreed checklist answer (the only agreed one on security) and an agreed
# action.
HIDDEN_ANSWER = "Records are kept on paper in some teams"
HIDDEN_SECURITY = CHECKLIST_ANSWERS[12][1]
HIDDEN_ACTION = ACTIONS[6]
# What phones sent that is held for the facilitator's review and never approved: answers
# with personal data typed in by mistake (the busy room's reviewed question), and one to
# the checklist.
HELD = [*PERSONAL_ANSWERS, "Ring 01248 752000 to be added to the secure email list"]
LABELS = {"html": "The report", "docx": "The report in Word", "pdf": "The report as a PDF",
          "csv": "Spreadsheets", "xlsx": "The spreadsheets as one workbook",
          "pack": "The agreement pack", "pack-docx": "The agreement pack in Word",
          "pack-pdf": "The agreement pack as a PDF", "json": "All the data"}


@pytest.fixture(scope="module")
def room(server):
    busy = BusyRoom(server.url)
    busy.join()
    busy.fill()
    question, checklist, plan = (busy.ids[name] for name in ("question", "checklist",
                                                            "actionplan"))
    answers = requests.get(f"{busy.api}/activities/{question}/items", headers=busy.auth,
                           timeout=20).json()["items"]
    busy.facilitator.act(question, "hide", id=next(a["id"] for a in answers
                                                   if a["text"] == HIDDEN_ANSWER))
    busy.show("checklist")
    busy.people[1].act(checklist, "answer", question="security", text=HELD[-1])
    agreed = [a for q in busy.view()["activity"]["view"]["questions"] for a in q["answers"]
              if a["agreed"]]
    busy.facilitator.act(checklist, "hide", id=next(a["id"] for a in agreed
                                                    if a["text"] == HIDDEN_SECURITY))
    actions = requests.get(f"{busy.api}/activities/{plan}/items", headers=busy.auth,
                           timeout=20).json()["items"]
    busy.facilitator.act(plan, "hide", id=next(a["id"] for a in actions
                                               if a["text"] == HIDDEN_ACTION))
    yield busy
    busy.close()


@pytest.fixture(scope="module")
def downloads(room, browser, tmp_path_factory):
    """Each output the console offers, its link clicked and the file saved as the browser
    saves it: {link's words: bytes}."""
    return save_downloads(room, browser, tmp_path_factory.mktemp("downloads"))


@pytest.fixture(scope="module")
def in_welsh_and_english(room, downloads, browser, tmp_path_factory):
    """The same outputs once the facilitator has made the workshop Welsh and English (after
    the English ones)."""
    assert room.control("set_languages", languages=["cy", "en_GB"])["ok"]
    return save_downloads(room, browser, tmp_path_factory.mktemp("bilingual"))


def save_downloads(room, browser, folder):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(room.made["facilitator_url"])
    page.wait_for_selector(CONNECTED)
    saved = {}
    for label in page.locator(".downloads a").all_inner_texts():
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("link", name=label, exact=True).click()
        path = folder / download.value.suggested_filename
        download.value.save_as(path)
        saved[label] = path.read_bytes()
    context.close()
    return saved


def the(downloads, name):
    return downloads[LABELS[name]]


def day(iso):
    return f"{date.fromisoformat(iso).day} {date.fromisoformat(iso):%B %Y}"


def test_the_console_offers_every_format(downloads):
    assert list(downloads) == list(LABELS.values())


def test_the_workbook_holds_every_activity_whole_and_no_formula(downloads):
    book, cells = workbook_cells(the(downloads, "xlsx"))
    assert len(book.sheetnames) == 1 + len(AGENDA)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert len(LONGEST) == 280
    for words in (WELSH, ARABIC, HEBREW, LONGEST, CHECKLIST_ANSWERS[3][1], LONG_ACTION):
        assert words in texts, words
    question = [[c.value for c in row] for row in book[book.sheetnames[1]].iter_rows()]
    hidden = question[0].index("hidden")
    assert [row[hidden] for row in question if HIDDEN_ANSWER in row] == ["yes"], \
        "a hidden answer is kept in the spreadsheets, marked as hidden, as in the CSVs"
    for unseen in HELD:
        assert unseen not in texts, unseen


def test_the_report_in_word_and_pdf_has_every_activity_and_the_words_whole(downloads):
    sections = word_sections(the(downloads, "docx"))
    numbered = [h for h in sections if re.match(r"\d+\. ", h)]
    assert len(numbered) == len(AGENDA)
    words = word_text(the(downloads, "docx"))
    sizes, printed = pdf_text(the(downloads, "pdf"))
    assert set(sizes) <= A4 and len(sizes) > 10
    for text in (WELSH, ARABIC, HEBREW, LONGEST):
        assert text in words, text
        assert flat(text) in printed, text
    for heading in numbered:
        assert flat(heading) in printed
    for unseen in (HIDDEN_ANSWER, *HELD):
        assert unseen not in words and unseen not in printed, unseen


def test_a_table_too_wide_for_an_upright_page_is_on_its_side_in_word_and_pdf(downloads):
    """The DPIA screening by organisation: eleven columns, five of them long names."""
    wide = "Answers to each question: yes / no / not sure, and by organisation"
    header = "Question Yes No Not sure Reads as Betsi Cadwaladr University Health Board"
    pages = pdf_pages(the(downloads, "pdf"))
    assert [header in text for _size, text in pages] == \
        [size == A4_ON_ITS_SIDE for size, _text in pages], "the table's pages, and only they"
    assert any(wide in text for _size, text in pages)
    word = Word(io.BytesIO(the(downloads, "docx")))
    across = [round(s.page_width.mm) for s in word.sections]
    assert across.count(297) == 1 and across[0] == across[-1] == 210
    on_its_side = next(i for i, s in enumerate(word.sections) if s.page_width.mm > 290)
    assert wide in word_text_of_section(word, on_its_side)


def word_text_of_section(word, index):
    """The paragraphs and table cells of one section of a Word file."""
    found, section = [], 0
    paragraphs = {p._p: p for p in word.paragraphs}
    tables = {t._tbl: t for t in word.tables}
    for child in word.element.body.iterchildren():
        if child in paragraphs:
            if section == index:
                found.append(paragraphs[child].text)
            if child.find(qn("w:pPr")) is not None and \
                    child.find(qn("w:pPr")).find(qn("w:sectPr")) is not None:
                section += 1
        elif child in tables and section == index:
            found += [cell.text for row in tables[child].rows for cell in row.cells]
    return "\n".join(found)


def pack_checks(text, table_row):
    """What the agreement pack holds of the busy room, in a text of the whole file;
    `table_row(cells)` is how a row of a table reads in it."""
    for organisation, count in ORGANISATIONS:  # the parties, with how many came
        assert table_row([organisation, str(count), "In the room"]) in text, organisation
    for partner, basis, law, agreed in CHECKLIST_BASES:
        if agreed:  # each partner's lawful basis as the room agreed it
            assert table_row([partner, LAWFUL_BASES[basis], law]) in text, partner
    for organisation, _count in ORGANISATIONS[3:]:  # none agreed for these two
        assert table_row([organisation, "TO BE WRITTEN"]) in text, organisation
    for index, (owner, due, _status) in AGREED_ACTIONS.items():  # owners and dates
        if ACTIONS[index] != HIDDEN_ACTION:
            assert table_row([ACTIONS[index], ORGANISATIONS[owner][0], day(due)]) in text, \
                ACTIONS[index]
    for unseen in (HIDDEN_ACTION, HIDDEN_SECURITY, *HELD):
        assert unseen not in text, unseen
    assert ACTIONS[9] not in text, "proposed, never agreed: not in the plan"
    assert LONG_ACTION in text and CHECKLIST_ANSWERS[0][1] in text


def test_the_agreement_pack_in_word_holds_what_the_room_agreed(downloads):
    data = the(downloads, "pack-docx")
    assert Word(io.BytesIO(data)).sections[0].header.paragraphs[0].text.startswith(
        "DRAFT FOR DISCUSSION")
    sections = word_sections(data)
    pack_checks("\n".join(line for lines in sections.values() for line in lines),
                lambda cells: " | ".join(cells))
    security = "\n".join(sections["8. Information security"])
    assert "TO BE WRITTEN" in security, "its only agreed answer was hidden"


def test_the_agreement_pack_as_pdf_and_html_holds_the_same(downloads):
    sizes, printed = pdf_text(the(downloads, "pack-pdf"))
    assert set(sizes) == {A4_UPRIGHT}
    assert printed.count("DRAFT FOR DISCUSSION – NOT FOR SIGNATURE") == len(sizes)
    # a table's cells are read left to right, each wrapped where its column ends
    pack_checks(printed, lambda cells: " ".join(flat(cell) for cell in cells))
    page = unescape(re.sub(r"\s*<[^>]+>\s*", "|", the(downloads, "pack").decode()))
    pack_checks(re.sub(r"\|+", "|", page), lambda cells: "|".join(cells))


# ---------------------------------------------------------------- in Welsh and English
ENGLISH = english_only("cy")  # the catalogue's English that Welsh says otherwise
WELSH_BASES = {"consent": "Cydsyniad", "contract": "Contract",
               "legal_obligation": "Rhwymedigaeth gyfreithiol",
               "vital_interests": "Buddiannau hanfodol", "public_task": "Tasg gyhoeddus",
               "legitimate_interests": "Buddiannau dilys"}


def numberless(heading):
    return re.sub(r"^\d+\. ", "", heading)


def editions(data, first_heading, kind):
    """A Word file's Welsh headings, then its text split where its English edition starts
    (its first heading; the line above its title, `kind`)."""
    headings = list(word_sections(data))
    text = word_text(data)
    return (headings[:headings.index(first_heading)], text[:text.index(kind)],
            text[text.index(kind):])


def test_a_bilingual_rooms_agreement_pack_is_in_welsh_then_english(in_welsh_and_english):
    data = the(in_welsh_and_english, "pack-docx")
    headings, welsh, english = editions(data, "About this draft",
                                        "INFORMATION-SHARING AGREEMENT: FIRST DRAFT")
    assert headings[0] == "Am y drafft hwn" and "Rhan 1. Protocol Rhannu Gwybodaeth" in headings
    assert not [h for h in headings if numberless(h) in ENGLISH], headings
    pack_checks(english, lambda cells: " | ".join(cells))  # the English edition as before
    for organisation, count in ORGANISATIONS:
        assert f"{organisation} | {count} | Yn yr ystafell" in welsh, organisation
    for partner, basis, law, agreed in CHECKLIST_BASES:
        if agreed:
            assert f"{partner} | {WELSH_BASES[basis]} | {law}" in welsh, partner
    for organisation, _count in ORGANISATIONS[3:]:
        assert f"{organisation} | I’W YSGRIFENNU" in welsh, organisation
    for index, (owner, due, _status) in AGREED_ACTIONS.items():
        if ACTIONS[index] != HIDDEN_ACTION:
            when = format_date(date.fromisoformat(due), "long", locale="cy")
            assert f"{ACTIONS[index]} | {ORGANISATIONS[owner][0]} | {when}" in welsh
    for unseen in (HIDDEN_ACTION, HIDDEN_SECURITY, *HELD):
        assert unseen not in welsh, unseen
    header = Word(io.BytesIO(data)).sections[0].header.paragraphs[0].text
    assert header.startswith("DRAFFT I’W DRAFOD – NID I’W LOFNODI")
    sizes, printed = pdf_text(the(in_welsh_and_english, "pack-pdf"))
    assert set(sizes) <= A4
    assert printed.index("Rhan 1. Protocol Rhannu Gwybodaeth") < \
        printed.index("Part 1. Information Sharing Protocol")
    assert "pŵer" in printed and "Tudalen 1 o" in printed  # Welsh letters set, not dropped


def test_a_bilingual_rooms_report_is_in_welsh_then_english(in_welsh_and_english):
    data = the(in_welsh_and_english, "docx")
    word = Word(io.BytesIO(data))
    kinds = [p.text for p in word.paragraphs if p.text in ("ADRODDIAD Y GWEITHDY",
                                                           "WORKSHOP REPORT")]
    assert kinds == ["ADRODDIAD Y GWEITHDY", "WORKSHOP REPORT"]
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    welsh = headings[:len(headings) // 2]
    assert len([h for h in welsh if re.match(r"\d+\. ", h)]) == len(AGENDA)
    assert not [h for h in welsh if numberless(h) in ENGLISH], welsh
    sizes, printed = pdf_text(the(in_welsh_and_english, "pdf"))
    assert set(sizes) <= A4
    assert printed.index("ADRODDIAD Y GWEITHDY") < printed.index("WORKSHOP REPORT")
    assert flat(WELSH) in printed and "siŵr" in printed


def test_a_bilingual_rooms_spreadsheets(in_welsh_and_english):
    book, cells = workbook_cells(the(in_welsh_and_english, "xlsx"))
    assert book.sheetnames[0] == "Ynghylch – About"
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    question = [[c.value for c in row] for row in book[book.sheetnames[1]].iter_rows()]
    assert question[0][:3] == ["ateb / answer", "cyfranogwr / participant",
                               "sefydliad / organisation"]
    hidden = question[0].index("wedi’i guddio / hidden")
    assert [row[hidden] for row in question if HIDDEN_ANSWER in row] == ["ie / yes"]
    with ZipFile(io.BytesIO(the(in_welsh_and_english, "csv"))) as files:
        first = files.read(sorted(files.namelist())[0]).decode("utf-8-sig")
    assert first.splitlines()[0] == \
        "ateb,cyfranogwr,sefydliad,testun,wedi’i roi gan yr hwylusydd,wedi’i guddio"
