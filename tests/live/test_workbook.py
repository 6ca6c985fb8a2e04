"""The spreadsheets as one Excel workbook, read back with openpyxl as a facilitator would
open it: a sheet per activity in agenda order, holding the same rows as the ZIP of CSVs
(hidden answers marked, as there), the room's words whole (Welsh, Arabic, Hebrew, 280
characters) and not one cell a formula."""
import io

import pytest
from openpyxl import load_workbook

from tests.live.test_outputs import (HIDDEN, HOSTILE, TITLES, act, export, run_every_activity,
                                     sheets)

WELSH = "Mae pob asiantaeth yn defnyddio system wahanol: ŵyr, ŷd a’r cyngor"
ARABIC = "لا نعرف من يملك المعلومات عن العائلة"
HEBREW = "אין לנו שפה משותפת בין השירותים"
LONG = ("Our data-sharing agreement was signed in 2017 by people who have all moved on. "
        "Nobody now knows what it allows, so every request goes to the information "
        "governance team, two people covering the whole county, and the answer comes back "
        "after the meeting that needed it, far too late")
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def used(room):
    """Every activity type used (tests/live/test_outputs.py), then a second question
    answered in Welsh, Arabic and Hebrew, once at the 280-character limit."""
    used = run_every_activity(room)
    answer = room.api("post", f"/api/workshops/{room.code}/activities",
                      {"type": "question", "config": {"prompt": "Who should sign it?",
                                                      "max_answers": 5}})
    question = answer.get_json()["activity"]["id"]
    room.control("next")
    for text in (WELSH, ARABIC, HEBREW, LONG):
        act(used.phones[1], question, "answer", text=text)
    return used


def rows(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_workbook_has_a_sheet_per_activity_with_the_rows_of_its_csv(used):
    answer = export(used.room, "xlsx")
    assert answer.mimetype == EXCEL
    assert answer.headers["Content-Disposition"] == \
        f'attachment; filename="roundtable-{used.room.code}-workbook.xlsx"'
    book = load_workbook(io.BytesIO(answer.data))
    titles = [*TITLES, "Who should sign it?"]
    # Excel allows 31 characters and no "?" in a sheet's name
    assert book.sheetnames == ["About"] + [f"{n:02d} {t}"[:31].replace("?", " ").strip()
                                           for n, t in enumerate(titles, 1)]
    about = rows(book["About"])
    assert about[0][:2] == ["Workshop", "Sharing well"]
    assert [row[1] for row in about[5:]] == titles
    csvs = sheets(export(used.room, "csv").data)
    for sheet, csv in zip(book.sheetnames[1:], csvs):
        header, *body = rows(book[sheet])
        assert header == [column.replace("_", " ") for column in csv[0]], sheet
        assert [[("" if v is None else str(v)) for v in row] for row in body] == \
            [list(row.values()) for row in csv], sheet
    question = {row[header_index(book, 1, "text")]: row[header_index(book, 1, "hidden")]
                for row in rows(book[book.sheetnames[1]])[1:]}
    assert question[HIDDEN] == "yes" and question["'" + HOSTILE] == "no"


def header_index(book, sheet, column):
    return rows(book[book.sheetnames[sheet]])[0].index(column)


def test_no_cell_is_a_formula_and_every_word_is_whole(used):
    book = load_workbook(io.BytesIO(export(used.room, "xlsx").data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'" + HOSTILE in texts and "'=SUM(A1:A3) referrals lost between teams" in texts
    assert len(LONG) == 280
    assert {WELSH, ARABIC, HEBREW, LONG} <= texts


def test_the_export_command_writes_the_workbook(used, tmp_path):
    path = tmp_path / "workbook.xlsx"
    result = used.room.app.test_cli_runner().invoke(
        args=["export", used.room.code, "--format", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert len(load_workbook(path).sheetnames) == 6
