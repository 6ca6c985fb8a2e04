"""The outputs a partnership keeps: the report (HTML, Word, PDF), the spreadsheets (a ZIP
of CSVs, or one Excel workbook), the agreement pack (pack.py) and all the data, and
`FORMATS`, the one registry of them.

The HTML report is one file (inline CSS and SVG, no scripts, no external requests) that
prints cleanly; the Word and A4 PDF versions are made from the same contents (contents.py)
by word.py and pdf.py. The spreadsheets are one CSV per activity in a ZIP, with a
byte-order mark so Excel reads accents, and each picture as SVG; or one workbook with a
sheet per activity. Every formula-like cell is neutralised in both. All the data is the
JSON archive (archive.py).

The console's downloads, the API's `?format=` and `flask export --format` offer what
`FORMATS` holds: adding a format is one line there, and the function that makes it.

The libraries that write documents (openpyxl, python-docx, fpdf2) are imported where they
are first used: loading them takes longer than the rest of the server's start, and a
server may never make a document."""
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from functools import partial
from datetime import UTC, datetime

from flask import render_template
from flask_babel import force_locale, format_date
from flask_babel import lazy_gettext as _l

from activities.base import Rejected

from . import archive, columns, i18n, pack
from .contents import own_words, report_documents, report_parts, title_in
from .offload import off_the_loop

# What a spreadsheet may read as the start of a formula (OWASP's list), after any
# whitespace it skips: a text starting with a line feed then "=" is a formula too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """A cell a spreadsheet will show as text, never run as a formula: every output in
    a spreadsheet format (the CSVs, and any other) writes its cells through this,
    whatever the text's origin (a phone, the facilitator, an imported file)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "activity"


def csv_text(rows, language=i18n.SOURCE, own=None):
    """One activity's rows as a CSV in `language` (columns.py): headings and the product's
    words in it; `own`: the facilitator's words in it (i18n.content_words)."""
    out = io.StringIO()
    if rows:
        keys = list(rows[0])
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([columns.heading(key, language, keyed=True) for key in keys])
        for row in rows:
            writer.writerow([safe_cell(columns.cell(key, row.get(key), language, own))
                             for key in keys])
    return "\ufeff" + out.getvalue()


def spreadsheets_zip(engine, code):
    """The ZIP: one CSV per activity, numbered in agenda order, and the pictures. In the
    workshop's first language (Welsh first in a bilingual workshop in Wales): a CSV has one
    row of headings, and a column is sorted and filtered by words in one language."""
    live = engine.workshop(code)
    language = live.languages[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for position, activity in enumerate(live.activities, 1):
            module = activity.module
            stem = f"{position:02d}-{_slug(title_in(activity, language))}"
            own = own_words(activity.type_id, activity.config, language)
            archive.writestr(f"{stem}.csv",
                             csv_text(module.export_rows(activity.state), language, own))
            files = getattr(module, "svg_files", None)
            for name, svg in (files(activity.state) if files else {}).items():
                archive.writestr(f"{stem}/{name}", svg)
    return buffer.getvalue()


def report_html(engine, code):
    """The report, rendered from each activity's blocks."""
    live = engine.workshop(code)
    editions = []
    for language in live.languages:  # one edition per language, the first shown first
        with force_locale(language):
            parts = report_parts(engine, code)
            editions.append({"lang": i18n.tag(language), "parts": parts,
                             "html": render_template("report.html", fragment=True, **parts)})
    first = editions[0]
    return render_template("report.html", editions=editions, lang=first["lang"],
                           **first["parts"])


def report_docx(engine, code):
    from .word import docx_bytes

    return off_the_loop(docx_bytes, report_documents(engine, code))


def report_pdf(engine, code):
    from .pdf import pdf_bytes

    return off_the_loop(pdf_bytes, report_documents(engine, code))


def workbook(engine, code):
    """The spreadsheets as one Excel workbook: a sheet about the workshop, then a sheet
    per activity in agenda order with the same rows as its CSV. Pictures stay in the ZIP
    of CSVs. In a workshop of two languages every heading and every word the product
    writes in a cell says itself in both, the first first ("ie / yes"): one sheet per
    activity still, so that a column sorts and filters as one."""
    live = engine.workshop(code)
    languages = live.languages

    def said(make, between=" / "):  # make(language)
        return columns.in_languages(languages, make, between)

    def sheet(activity):
        rows = activity.module.export_rows(activity.state)
        own = {language: own_words(activity.type_id, activity.config, language)
               for language in languages}
        keys = list(rows[0]) if rows else []
        return (title_in(activity, languages[0]),
                [said(partial(columns.heading, key)) for key in keys]
                or [said(partial(_in, NOTHING_YET))],
                [[said(partial(_cell, key, row.get(key), own)) for key in keys] for row in rows],
                said(partial(title_in, activity)), said(partial(_in, activity.module.title)))

    about = [[said(partial(_in, ABOUT_WORKSHOP)), live.title],
             [said(partial(_in, ABOUT_MADE)), said(_today)],
             [said(partial(_in, ABOUT_PEOPLE_LABEL)), said(partial(_in, ABOUT_PEOPLE))], [],
             [said(partial(_in, words)) for words in ABOUT_COLUMNS]]
    return off_the_loop(_workbook_bytes, said(partial(_in, ABOUT), " – "), about,
                        [sheet(activity) for activity in live.activities])


ABOUT = _l("About")
ABOUT_WORKSHOP, ABOUT_MADE, ABOUT_PEOPLE_LABEL = _l("Workshop"), _l("Made on"), _l("People")
ABOUT_PEOPLE = _l("by anonymous number; organisations of fewer than three people are shown "
                  "as Other")
ABOUT_COLUMNS = (_l("Sheet"), _l("Activity"), _l("Type"))
NOTHING_YET = _l("Nothing yet.")


def _in(words, language):
    """`words` (a lazy message) in `language`."""
    with force_locale(language):
        return str(words)


def _today(language):
    with force_locale(language):
        return format_date(datetime.now(UTC).date(), "long")


def _cell(key, value, own, language):
    return columns.cell(key, value, language, own[language])


def _workbook_bytes(about_name, about_rows, sheets):
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    about.title = _sheet_name(None, about_name)
    for row in about_rows:
        _append(about, row)
    _bold(about[about.max_row])
    for position, (title, headings, rows, activity, kind) in enumerate(sheets, 1):
        name = _sheet_name(position, title)
        _append(about, [name, activity, kind])
        sheet = book.create_sheet(name)
        _append(sheet, headings)
        _bold(sheet[1])
        sheet.freeze_panes = "A2"
        for row in rows:
            _append(sheet, row)
        _fit(sheet)
    _fit(about)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _append(sheet, values):
    """A row, each cell through safe_cell (never a formula), without the few control
    characters a workbook cannot hold (an imported file may carry them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell
                  for cell in map(safe_cell, values)])


def _sheet_name(position, title):
    """A sheet's name: its place in the agenda (so each is unique; None: the About sheet)
    and its title, as Excel allows: 31 characters, none of []:*?/\\, not ending in '."""
    named = title if position is None else f"{position:02d} {title}"
    return re.sub(r"[\[\]:*?/\\]", " ", named)[:31].strip().rstrip("'")


def _bold(row):
    from openpyxl.styles import Font

    for cell in row:
        cell.font = Font(bold=True)


def _fit(sheet):
    """Columns wide enough to read (up to 60 characters), long texts wrapped."""
    from openpyxl.styles import Alignment

    for column in sheet.iter_cols():
        longest = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, longest + 2))
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def archive_json(engine, code):
    """All the data, as the JSON archive."""
    document = archive.export_document(engine, code)
    # A lone surrogate stored before `storable` existed cannot be UTF-8: write it as the
    # JSON escape it came in as rather than fail the whole download.
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8", "backslashreplace")


# The report carries its own inline CSS and no script at all.
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " \
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


@dataclass(frozen=True)
class Format:
    """One output, as the console, the API and the command line offer it."""

    name: str  # ?format=<name>, /f/<code>/export/<name>, flask export --format <name>
    label: str  # the console's link (marked for translation)
    about: str  # what it is, in a few words (marked for translation)
    mimetype: str
    filename: str  # with {code}
    make: object  # make(engine, code) -> the file, bytes or text
    headers: tuple = ()  # (name, value) pairs the download carries besides

    def file_name(self, code):
        return self.filename.format(code=code)


FORMATS = {f.name: f for f in (
    Format("html", _l("The report"), _l("one HTML file: open it, print it to PDF"), "text/html",
           "roundtable-{code}-report.html", report_html,
           (("Content-Security-Policy", REPORT_POLICY),)),
    Format("docx", _l("The report in Word"), _l("a DOCX file to edit and share"), WORD,
           "roundtable-{code}-report.docx", report_docx),
    Format("pdf", _l("The report as a PDF"), _l("A4 pages, ready to print or send"), PDF,
           "roundtable-{code}-report.pdf", report_pdf),
    Format("csv", _l("Spreadsheets"), _l("a ZIP of CSV files, one per activity, and the pictures"),
           "application/zip", "roundtable-{code}-spreadsheets.zip", spreadsheets_zip),
    Format("xlsx", _l("The spreadsheets as one workbook"),
           _l("an Excel file, a sheet per activity"), EXCEL, "roundtable-{code}-workbook.xlsx",
           workbook),
    Format("pack", _l("The agreement pack"), _l("a first draft of an information-sharing "
           "agreement, filled in from the workshop: one HTML file"), "text/html",
           "roundtable-{code}-agreement.html", pack.pack_html,
           (("Content-Security-Policy", REPORT_POLICY),)),
    Format("pack-docx", _l("The agreement pack in Word"),
           _l("the draft as a DOCX file to complete"), WORD, "roundtable-{code}-agreement.docx",
           pack.pack_docx),
    Format("pack-pdf", _l("The agreement pack as a PDF"), _l("the draft on A4 pages"), PDF,
           "roundtable-{code}-agreement.pdf", pack.pack_pdf),
    Format("json", _l("All the data"), _l("JSON: keep it, or import it to run the workshop again"),
           "application/json", "roundtable-{code}.json", archive_json),
)}
DEFAULT = "json"


def choose(name):
    """The format called `name`, or a refusal in words naming those on offer."""
    chosen = FORMATS.get(name) if isinstance(name, str) else None
    if chosen is None:
        *others, last = FORMATS
        raise Rejected(_l("Choose a format: %(formats)s or %(last)s.",
                          formats=", ".join(others), last=last))
    return chosen
