"""The documents of a workshop held in Welsh, or in Welsh and English, read back as their
readers' software does (tests/documents.py): the agreement pack and the report as Word and
PDF, the spreadsheets as one workbook and as CSVs. In Welsh, not one heading or label is
left in English (checked against the catalogue: no English message that Welsh says
otherwise); in both languages, the Welsh edition first, then the English one; in English,
as before (tests/live/test_agreement_pack.py)."""
import csv
import io
import re
import zipfile

import pytest
from docx import Document as Word

from tests.documents import (english_only, pdf_text, word_sections, word_xml,
                             workbook_cells)
from tests.live.helpers import snapshot
from tests.live.test_agreement_pack import STEPS, act, download, workshop  # noqa: F401

ENGLISH = english_only("cy")
# A Welsh answer the room agrees, with the letters a font without Welsh would drop.
KEPT = "Cadw am ddwy flynedd yn y tŷ cofnodion; y ŵyr a’r nain yn cael gwybod"


def numberless(heading):
    """'4. Sail gyfreithlon dros rannu' -> 'Sail gyfreithlon dros rannu'."""
    return re.sub(r"^\d+\. ", "", heading)


@pytest.fixture
def welsh(workshop):  # noqa: F811
    """The agreement workshop, its retention answered in Welsh and agreed, held in Welsh."""
    room = workshop
    room.control("goto", position=STEPS.index("checklist"))
    kept = act(room.phone(organisation="Council"), room, "checklist", "answer",
               question="retention", text=KEPT)["id"]
    act(room.console, room, "checklist", "agree", id=kept)
    assert room.control("set_languages", languages=["cy"])["ok"]
    return room


@pytest.fixture
def bilingual(welsh):
    assert welsh.control("set_languages", languages=["cy", "en_GB"])["ok"]
    return welsh


def test_the_agreement_pack_in_welsh_has_no_english_heading_and_welsh_words(welsh):
    data = download(welsh, "pack-docx").data
    found = word_sections(data)
    left = [h for h in found if numberless(h) in ENGLISH]
    assert not left, f"English headings: {left}"
    assert "Rhan 1. Protocol Rhannu Gwybodaeth" in found
    assert "4. Sail gyfreithlon dros rannu" in found
    assert "Atodiad A – Geirfa" in found
    basis = "\n".join(found["4. Sail gyfreithlon dros rannu"])
    assert "Police | Tasg gyhoeddus | Common law policing purposes" in basis  # their words kept
    assert "Council | I’W YSGRIFENNU" in basis and "TO BE WRITTEN" not in basis
    assert "Partner | Sail gyfreithlon (Erthygl 6(1) GDPR y DU) | Y gyfraith neu’r pŵer y " \
           "mae’n dibynnu arno" in basis
    records = "\n".join(found["9. Rheoli cofnodion"])
    assert KEPT in records and "Yn seiliedig ar: Rhestr wirio rhannu" in records
    checklist = "\n".join(found["Rhan 2. Rhestr wirio’r ICO ar gyfer cytundeb rhannu data"])
    assert "Beth yw diben y cynllun rhannu data? | Rhan 1, adran 1 | Wedi’i ateb" in checklist
    actions = "\n".join(found["Cynllun gweithredu"])
    assert "Book the DPOs | Health | 31 Ionawr 2027 | Heb ddechrau" in actions
    xml = word_xml(data)
    assert "DRAFFT I’W DRAFOD – NID I’W LOFNODI" in xml and "Tudalen " in xml
    assert 'w:val="cy-GB"' in xml and "Page " not in xml
    # Every table's header row in Welsh too.
    for table in Word(io.BytesIO(data)).tables:
        headers = [cell.text for cell in table.rows[0].cells]
        assert not [h for h in headers if h in ENGLISH], headers


def test_the_report_in_welsh_as_word_and_pdf(welsh):
    word = Word(io.BytesIO(download(welsh, "docx").data))
    assert word.paragraphs[0].text == "ADRODDIAD Y GWEITHDY"
    meta = word.paragraphs[2].text
    assert meta.startswith("Wedi’i wneud ar ") and "Cymerodd 10 o bobl ran." in meta
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert not [h for h in headings if numberless(h) in ENGLISH], headings
    assert len([h for h in headings if re.match(r"\d+\. ", h)]) == len(STEPS)
    notes = [p.text for p in word.paragraphs if p.text in ENGLISH]
    assert not notes, f"English lines: {notes}"
    sizes, text = pdf_text(download(welsh, "pdf").data)
    assert "ADRODDIAD Y GWEITHDY" in text and "Tudalen 1 o" in text
    assert "Workshop report" not in text and "Page 1 of" not in text


def test_the_agreement_pack_in_welsh_as_pdf_keeps_the_welsh_letters(welsh):
    sizes, text = pdf_text(download(welsh, "pack-pdf").data)
    assert "Rhan 1. Protocol Rhannu Gwybodaeth" in text
    assert "I’W YSGRIFENNU" in text and "TO BE WRITTEN" not in text
    assert "Tudalen 1 o" in text and "DRAFFT I’W DRAFOD" in text
    assert "tŷ cofnodion" in text and "ŵyr" in text and "pŵer" in text
    assert "Drawn from" not in text and "Part 1." not in text


def test_the_spreadsheets_in_welsh(welsh):
    book, cells = workbook_cells(download(welsh, "xlsx").data)
    assert book.sheetnames[0] == "Ynghylch"
    assert book.sheetnames[8].startswith("08 ")
    headings = [c.value for sheet in book.worksheets[1:] for c in sheet[1]]
    assert not [h for h in headings if h in ENGLISH or h.replace(" ", "_") in ENGLISH], headings
    about = [[c.value for c in row] for row in book["Ynghylch"].iter_rows()]
    assert about[0] == ["Gweithdy", "Sharing well", None]
    assert about[4] == ["Dalen", "Gweithgaredd", "Math"]
    assert [row[2] for row in about[5:]] == [
        "Gwiriad iechyd y bartneriaeth", "Map partneriaid", "Iaith gyffredin", "Map taith",
        "Pleidleisio â dotiau", "Sgrinio DPIA", "Rhestr wirio rhannu", "Cynllun gweithredu"]
    plan = [[c.value for c in row] for row in book.worksheets[8].iter_rows()]
    header = plan[0]
    assert header[:8] == ["cam gweithredu", "tarddiad", "testun", "perchennog", "erbyn",
                          "wedi’i gytuno", "statws", "statws yn y gweithdy cynharach"]
    by = {row[2]: dict(zip(header, row)) for row in plan[1:]}
    assert by["Draft the ISP from this pack"]["statws"] == "Ar y gweill"
    assert by["Draft the ISP from this pack"]["wedi’i gytuno"] == "ie"
    assert by["Ask the GP practices again"]["wedi’i gytuno"] == "na"
    assert by["Ask the GP practices again"]["tarddiad"] == "wedi’i gynnig"
    checklist = [[c.value for c in row] for row in book.worksheets[7].iter_rows()]
    assert "Tasg gyhoeddus" in [v for row in checklist for v in row]
    assert "Public task" not in [v for row in checklist for v in row]
    # The CSVs: one language, the workshop's first, so that each column sorts as one.
    with zipfile.ZipFile(io.BytesIO(download(welsh, "csv").data)) as files:
        plan_csv = next(n for n in files.namelist() if n.startswith("08-"))
        rows = list(csv.reader(io.StringIO(files.read(plan_csv).decode("utf-8-sig"))))
    assert rows[0] == header
    assert [row for row in rows[1:] if row[2] == "Draft the ISP from this pack"][0][6] == \
        "Ar y gweill"


def test_a_bilingual_workshops_documents_say_each_thing_in_welsh_then_english(bilingual):
    found = word_sections(download(bilingual, "pack-docx").data)
    headings = list(found)
    welsh = headings.index("Rhan 1. Protocol Rhannu Gwybodaeth")
    english = headings.index("Part 1. Information Sharing Protocol")
    assert welsh < english
    assert headings.index("Part 2. The ICO's checklist for a data sharing agreement") > welsh
    word = Word(io.BytesIO(download(bilingual, "docx").data))
    titles = [p.text for p in word.paragraphs if p.style.name == "Title"]
    assert titles == ["Sharing well", "Sharing well"]  # one edition per language
    kinds = [p.text for p in word.paragraphs if p.text in ("ADRODDIAD Y GWEITHDY",
                                                           "WORKSHOP REPORT")]
    assert kinds == ["ADRODDIAD Y GWEITHDY", "WORKSHOP REPORT"]
    sizes, text = pdf_text(download(bilingual, "pack-pdf").data)
    assert text.index("I’W YSGRIFENNU") < text.index("TO BE WRITTEN")
    page = download(bilingual, "pack").get_data(as_text=True)
    assert page.index('<article lang="cy">') < page.index('<article lang="en-GB">')
    assert "<strong>I’w ysgrifennu:</strong>" in page.split('<article lang="en-GB">')[0]
    assert "<strong>To be written:</strong>" in page.split('<article lang="en-GB">')[1]
    book, cells = workbook_cells(download(bilingual, "xlsx").data)
    assert book.sheetnames[0] == "Ynghylch – About"
    plan = [[c.value for c in row] for row in book.worksheets[8].iter_rows()]
    assert plan[0][6] == "statws / status"
    assert "Ar y gweill / In progress" in [row[6] for row in plan[1:]]
    with zipfile.ZipFile(io.BytesIO(download(bilingual, "csv").data)) as files:
        first = files.read(sorted(files.namelist())[0]).decode("utf-8-sig")
    assert first.splitlines()[0].startswith("ymateb,sefydliad,elfen")  # Welsh, the first


def test_the_facilitators_own_welsh_words_name_the_options_in_the_welsh_pack(bilingual):
    room = bilingual
    made = room.api("post", f"/api/workshops/{room.code}/activities", {
        "type": "dotvote", "config": {"prompt": "What first?", "prompt_cy": "Beth yn gyntaf?",
                                      "options": "Shared email\nOne form",
                                      "options_cy": "E-bost a rennir\nUn ffurflen"}})
    vote = made.get_json()["activity"]["id"]
    room.control("goto", position=len(STEPS))
    phone = room.phone(organisation="Police")
    option = next(o["id"] for o in snapshot(room.console)["activity"]["view"]["options"]
                  if o["text"] == "One form")
    room.steps["vote"] = vote
    act(phone, room, "vote", "add", option=option)
    found = word_sections(download(room, "pack-docx").data)
    assert "1 | Un ffurflen | 1" in "\n".join(found["Blaenoriaethau"])
    assert "1 | One form | 1" in "\n".join(found["Priorities"])
