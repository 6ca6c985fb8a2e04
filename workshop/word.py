"""A document (document.py) as a Word file, with python-docx: A4, real headings (so Word
builds a table of contents and a navigation pane from them), tables whose header row
repeats on every page, quotations in Word's Quote style, and the marking in every page's
header. Pictures drawn as SVG cannot go into a Word file without a renderer the server
does not have: the file gives each one's caption and words, and says the drawing is in
the PDF and HTML versions."""
import io
import re

from docx import Document as Word
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .document import bars_table, cell_text, column_shares, landscape, right_to_left, stacked

MUTED = RGBColor(0x4A, 0x55, 0x68)
WARNING = RGBColor(0x8A, 0x1C, 0x1C)
TEXT_MM, LANDSCAPE_TEXT_MM = 170, 257  # the text's width on A4 with 20 mm margins


def docx_bytes(documents):
    """One Word file of `documents` (one per language, document.py), each from a new
    page with its own header and footer, and its words marked as in its language so
    that Word checks the spelling of each in its own."""
    word = Word()
    first = documents[0]
    word.core_properties.title = first.file_title or first.title
    word.core_properties.subject = first.kind
    word.core_properties.author = "Roundtable"
    word.core_properties.language = _language(first.lang)
    styles = word.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    body = word.element.body
    for index, document in enumerate(documents):
        if index:
            word.add_section(WD_SECTION.NEW_PAGE)
        _page(word.sections[-1], document)
        start = len(body) - 1  # before the body's closing section properties
        kind = word.add_paragraph(document.kind.upper())
        kind.runs[0].font.color.rgb = MUTED
        kind.runs[0].font.size = Pt(9)
        word.add_heading(document.title, level=0)
        for line in document.meta:
            _paragraph(word, line).runs[0].font.color.rgb = MUTED
        for block in document.blocks:
            _block(word, block, document.words)
        section = word.sections[-1]
        _speak([*body[start:], *section.header._element, *section.footer._element],
               document.lang)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _language(lang):
    """Word's name for a language: cy-GB for cy."""
    return lang if "-" in lang else f"{lang}-GB"


def _speak(elements, lang):
    """Marks every run in `elements` as in `lang`, but those already marked (a quotation
    in its source's language)."""
    for element in elements:
        for run in element.iter(qn("w:r")):
            if run.rPr is not None and run.rPr.find(qn("w:lang")) is not None:
                continue
            marked = OxmlElement("w:lang")
            marked.set(qn("w:val"), _language(lang))
            run.get_or_add_rPr().append(marked)


def _page(section, document):
    """A4 upright, the document's marking and title in the header, its page numbers in the
    footer (its own, not the previous section's)."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    section.header.is_linked_to_previous = section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = " · ".join(part for part in (document.marking, document.title) if part)
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = WARNING if document.marking else MUTED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "Page %(page)s of %(pages)s" in the document's language, each number a field
    for piece in re.split(r"(%\(\w+\)s)", document.words["page"]):
        if piece in FIELDS:
            _field(footer, FIELDS[piece])
        elif piece:
            footer.add_run(piece).font.size = Pt(8)


FIELDS = {"%(page)s": "PAGE", "%(pages)s": "NUMPAGES"}


def _field(paragraph, name):
    """A page-number field Word fills in."""
    run = paragraph.add_run()
    run.font.size = Pt(8)
    for kind, value in (("begin", None), (None, f" {name} "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run._r.append(element)


def _paragraph(word, words, style=None):
    paragraph = word.add_paragraph(style=style)
    paragraph.add_run(words)
    if right_to_left(words):
        _bidi(paragraph)
    return paragraph


def _bidi(paragraph):
    """Sets a paragraph right to left, as Word does for Hebrew and Arabic."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run.font.rtl = True


def _block(word, block, words):
    kind = block["kind"]
    if kind == "heading":
        word.add_heading(block["text"], level=block.get("level", 2))
    elif kind == "text":
        _paragraph(word, block["text"])
    elif kind == "list":
        for item in block["items"]:
            listed = _paragraph(word, str(item), "List Bullet")
            if block.get("lang"):  # quoted from a source in its language
                _speak([listed._p], block["lang"])
    elif kind == "quote":
        quoted = _paragraph(word, f"“{block['text']}”", "Quote")
        quoted.paragraph_format.keep_with_next = True
        _speak([quoted._p], block.get("lang", "en-GB"))  # the language of its source
        _paragraph(word, words["source"] % {"source": block["source"]}).runs[0].font.size = Pt(8)
    elif kind == "source":
        paragraph = _paragraph(word, words["drawn"] % {"source": block["text"]})
        paragraph.paragraph_format.keep_with_next = True  # with what it introduces
        run = paragraph.runs[0]
        run.font.size, run.font.color.rgb, run.italic = Pt(9), MUTED, True
    elif kind == "missing":
        paragraph = word.add_paragraph()
        label = paragraph.add_run(words["missing"].upper() + " ")
        label.bold, label.font.color.rgb = True, WARNING
        paragraph.add_run(block["text"]).font.color.rgb = WARNING
    elif kind == "note":
        paragraph = _paragraph(word, block["text"])
        paragraph.paragraph_format.keep_with_next = True  # a heading's note, with what follows
        paragraph.runs[0].font.size, paragraph.runs[0].font.color.rgb = Pt(9), MUTED
    elif kind == "table" and stacked(block):
        _stacked(word, block)
    elif kind == "table":
        _table(word, block)
    elif kind == "bars":
        _table(word, bars_table(block, words))
    elif kind == "figure":
        _paragraph(word, block.get("caption") or words["picture"]).runs[0].bold = True
        if block.get("text"):
            _paragraph(word, block["text"])
        _paragraph(word, words["elsewhere"]).runs[0].font.color.rgb = MUTED


def _stacked(word, block):
    """A grid of notes, a block per row (document.stacked)."""
    if block.get("caption"):
        _paragraph(word, block["caption"]).runs[0].bold = True
    for row in block["rows"]:
        if not any(row[1:]):
            continue
        word.add_heading(cell_text(row[0]), level=4)
        for column, cell in zip(block["columns"][1:], row[1:]):
            if cell:
                label = _paragraph(word, str(column))
                label.runs[0].bold, label.runs[0].font.color.rgb = True, MUTED
                for item in (cell if isinstance(cell, (list, tuple)) else [cell]):
                    _paragraph(word, str(item), "List Bullet")


def _table(word, block):
    caption, columns, rows = block.get("caption"), block["columns"], block["rows"]
    wide = landscape(block)
    if wide:  # in a section of its own, on its side, then upright again
        _section(word, landscape=True)
    if caption:
        paragraph = _paragraph(word, caption)
        paragraph.runs[0].bold = True
        paragraph.paragraph_format.keep_with_next = True
    table = word.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    _repeat_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, columns):
        _cell(cell, str(name), bold=True)
    for row in rows:
        added = table.add_row()
        if block.get("row_mm"):
            added.height, added.height_rule = Mm(block["row_mm"]), WD_ROW_HEIGHT_RULE.AT_LEAST
        for i, (cell, value) in enumerate(zip(added.cells, row)):
            _cell(cell, cell_text(value), bold=block.get("header_column") and i == 0)
    across = (LANDSCAPE_TEXT_MM if wide else TEXT_MM)
    for column, share in zip(table.columns, column_shares(block)):
        column.width = Mm(across * share)
        for cell in column.cells:  # Word reads each cell's width, LibreOffice the grid's
            cell.width = Mm(across * share)
    if wide:
        _section(word, landscape=False)
    else:
        word.add_paragraph()


def _section(word, landscape):
    """A new section from a new page, A4 upright or on its side; its header and footer
    are the first section's."""
    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    a4 = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = a4


def _cell(cell, words, bold=False):
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(words)
    run.bold, run.font.size = bold, Pt(9)
    if right_to_left(words):
        _bidi(paragraph)


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)
