"""A document (document.py) as an A4 PDF, with fpdf2.

Why fpdf2: it is pure Python on top of Pillow and fontTools (both with wheels for every
common platform), so `make run` on a fresh machine makes PDFs with no system package;
it embeds TrueType fonts, lays out tables that break across pages with their header
row repeated, draws SVG, and with HarfBuzz (uharfbuzz, also a wheel) shapes Arabic and
sets right-to-left text in the right order. ReportLab's platypus would do the layout as
well, but sets right-to-left scripts only with extra native libraries. WeasyPrint and a
headless browser need system libraries or a browser on the server.

The text is set in DejaVu Sans (workshop/fonts, with its licence), which has the letters
of Welsh (ŵ, ŷ), Arabic and Hebrew, so that no participant's words come out as boxes."""
import io
import logging
from pathlib import Path

from fpdf import FPDF, XPos, YPos
from fpdf.fonts import FontFace

from .document import (bars_table, cell_text, column_shares, complex_script, landscape,
                       right_to_left, stacked)

FONTS = Path(__file__).parent / "fonts"
# fpdf2 says so at every SVG <title> (a picture's words for screen readers, which a PDF's
# drawing does not need) and fontTools at every font it subsets: not news for the log.
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.WARNING)
INK, MUTED, WARNING, RULE = (27, 34, 48), (74, 85, 104), (138, 28, 28), (10, 92, 138)
PICTURE_MM = 120  # the width of a figure on the page
BOLD = FontFace(emphasis="BOLD")


class Pages(FPDF):
    """A4 pages; `document` is the one being set (each language's in turn), whose marking
    and title head each page and whose words number it."""

    def __init__(self, document):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document
        self.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
        self.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()
        self.set_title(document.file_title or document.title)
        self.set_subject(document.kind)
        self.set_creator("Roundtable")
        self.set_lang(document.lang)

    def header(self):
        self.numbering = self.document.words["page"]  # this page's, for its footer
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*(WARNING if self.document.marking else MUTED))
        words = " · ".join(p for p in (self.document.marking, self.document.title) if p)
        self.set_y(9)
        self.cell(0, 4, words, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(20)
        self.set_text_color(*INK)

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.numbering % {"page": self.page_no(), "pages": "{nb}"}, align="C")
        self.set_text_color(*INK)


def pdf_bytes(documents):
    """One PDF of `documents` (one per language, document.py), each from a new page."""
    pdf = Pages(documents[0])
    for document in documents:
        pdf.document = document
        pdf.add_page()
        _words(pdf, document.kind.upper(), 8, colour=MUTED)
        _words(pdf, document.title, 20, bold=True, height=9)
        for line in document.meta:
            _words(pdf, line, 9.5, colour=MUTED)
        pdf.ln(2)
        for block in document.blocks:
            _block(pdf, block)
    return bytes(pdf.output())


def _shaping(pdf, *texts):
    """HarfBuzz shaping for the texts that need it (Arabic joins its letters, Hebrew and
    Arabic run right to left); the rest is set without it, several times faster."""
    pdf.set_text_shaping(any(complex_script(text) for text in texts))


def _words(pdf, words, size, bold=False, colour=INK, height=None, after=1.5):
    _shaping(pdf, words)
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, height or size * 0.5, words, align="R" if right_to_left(words) else "L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(after)


def _block(pdf, block):
    kind, words = block["kind"], pdf.document.words
    if kind == "heading":
        level = block.get("level", 2)
        if level <= 1 or pdf.get_y() > pdf.h - 60:  # a heading never ends a page
            if pdf.get_y() > 40:
                pdf.add_page()
        pdf.start_section(block["text"], level=max(0, level - 1))
        _words(pdf, block["text"], {1: 16, 2: 13.5}.get(level, 11.5), bold=True,
               height={1: 8, 2: 7}.get(level, 6))
        if level <= 2:
            pdf.set_draw_color(*RULE)
            pdf.line(pdf.l_margin, pdf.get_y() - 1, pdf.w - pdf.r_margin, pdf.get_y() - 1)
            pdf.ln(1.5)
    elif kind == "text":
        _words(pdf, block["text"], 10)
    elif kind == "list":
        for item in block["items"]:
            _words(pdf, f"•  {item}", 10, after=0.5)
        pdf.ln(1)
    elif kind == "quote":
        if pdf.get_y() > pdf.h - 50:  # a quotation and its source on one page
            pdf.add_page()
        x = pdf.get_x()
        pdf.set_x(x + 5)
        pdf.set_font("DejaVu", "", 10)
        top = pdf.get_y()
        _shaping(pdf, block["text"])
        pdf.multi_cell(pdf.epw - 5, 5, f"“{block['text']}”", align="L", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        pdf.set_x(x + 5)
        pdf.set_font("DejaVu", "", 7.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(pdf.epw - 5, 3.6, words["source"] % {"source": block["source"]}, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.set_draw_color(*MUTED)
        if pdf.get_y() > top:  # the rule beside it, unless it broke across a page
            pdf.line(x + 1.5, top, x + 1.5, pdf.get_y())
        pdf.ln(2)
    elif kind == "source":
        _words(pdf, words["drawn"] % {"source": block["text"]}, 8.5, colour=MUTED)
    elif kind == "missing":
        _words(pdf, f"{words['missing'].upper()} {block['text']}", 10, bold=True,
               colour=WARNING)
    elif kind == "note":
        _words(pdf, block["text"], 8.5, colour=MUTED)
    elif kind == "table" and stacked(block):
        _stacked(pdf, block)
    elif kind == "table":
        _table(pdf, block)
    elif kind == "bars":
        _table(pdf, bars_table(block, words))
    elif kind == "figure":
        _figure(pdf, block)


def _table(pdf, block):
    caption, columns, rows = block.get("caption"), block["columns"], block["rows"]
    wide = landscape(block)
    if wide:  # on pages of its own, on their side, then upright again
        pdf.add_page(orientation="L")
    if caption:
        if pdf.get_y() > pdf.h - 45:
            pdf.add_page()
        _words(pdf, caption, 9.5, bold=True, after=1)
    pdf.set_font("DejaVu", "", 8.5 if len(columns) < 6 else 7.5)
    pdf.set_draw_color(*MUTED)
    heading = FontFace(emphasis="BOLD", fill_color=(243, 245, 248))
    _shaping(pdf, *map(str, columns), *(cell_text(cell) for row in rows for cell in row))
    with pdf.table(col_widths=column_shares(block), text_align="LEFT",
                   line_height=4.2, headings_style=heading, first_row_as_headings=True,
                   padding=1.2, repeat_headings=1) as table:
        heads = table.row()
        for name in columns:
            heads.cell(str(name))
        for values in rows:
            row = table.row(min_height=block.get("row_mm"))
            for i, value in enumerate(values):
                words = cell_text(value)
                row.cell(words, align="RIGHT" if right_to_left(words) else "LEFT",
                         style=BOLD if block.get("header_column") and i == 0 else None)
    pdf.ln(3)
    if wide:
        pdf.add_page(orientation="P")


def _stacked(pdf, block):
    """A grid of notes, a block per row (document.stacked)."""
    if block.get("caption"):
        _words(pdf, block["caption"], 9.5, bold=True, after=1)
    for row in block["rows"]:
        if not any(row[1:]):
            continue
        _words(pdf, cell_text(row[0]), 10, bold=True, after=0.5)
        for column, cell in zip(block["columns"][1:], row[1:]):
            if cell:
                _words(pdf, str(column), 8.5, bold=True, colour=MUTED, after=0.2)
                for item in (cell if isinstance(cell, (list, tuple)) else [cell]):
                    _words(pdf, f"•  {item}", 9, after=0.3)
        pdf.ln(2)


def _figure(pdf, block):
    if pdf.get_y() > pdf.h - 100:
        pdf.add_page()
    try:
        pdf.image(io.BytesIO(block["svg"].encode("utf-8")), w=PICTURE_MM)
    except Exception:  # a drawing fpdf2 cannot read: its words stand
        _words(pdf, pdf.document.words["html_only"], 8.5, colour=MUTED)
    _words(pdf, block.get("caption") or "", 9.5, bold=True, after=0.5)
    if block.get("text"):
        _words(pdf, block["text"], 9.5)
