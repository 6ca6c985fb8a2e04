"""Reading the documents back as their readers' software does: a Word file with
python-docx, a PDF with pypdf, a workbook with openpyxl."""
import io
import re

from docx import Document as Word
from openpyxl import load_workbook
from pypdf import PdfReader

A4_UPRIGHT, A4_ON_ITS_SIDE = (595, 842), (842, 595)  # in points, rounded
A4 = {A4_UPRIGHT, A4_ON_ITS_SIDE}


def word_sections(data):
    """A Word file's text under each heading: {heading: [paragraph texts, and each table
    row as its cells joined by " | "]}, in the file's order."""
    word = Word(io.BytesIO(data))
    paragraphs = {p._p: p for p in word.paragraphs}
    tables = {t._tbl: t for t in word.tables}
    found, current = {}, None
    for child in word.element.body.iterchildren():
        if child in paragraphs:
            paragraph = paragraphs[child]
            if paragraph.style.name.startswith("Heading"):
                current = paragraph.text
                found[current] = []
            elif current and paragraph.text:
                found[current].append(paragraph.text)
        elif child in tables and current:
            found[current] += [" | ".join(c.text for c in row.cells)
                               for row in tables[child].rows]
    return found


def word_text(data):
    """Every paragraph and table cell of a Word file, as one text."""
    return "\n".join(line for lines in word_sections(data).values() for line in lines)


def pdf_pages(data):
    """A PDF's pages: [((width, height) in points, rounded, text)], each text with every
    run of white space as one space (lines wrap where the page ends them)."""
    reader = PdfReader(io.BytesIO(data))
    return [((round(float(p.mediabox.width)), round(float(p.mediabox.height))),
             flat(p.extract_text())) for p in reader.pages]


def pdf_text(data):
    """A PDF's page sizes, and its whole text (pdf_pages)."""
    pages = pdf_pages(data)
    return [size for size, _text in pages], " ".join(text for _size, text in pages)


def flat(words):
    return re.sub(r"\s+", " ", words)


def workbook_cells(data):
    """Every cell of a workbook."""
    book = load_workbook(io.BytesIO(data))
    return book, [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def english_only(language="cy"):
    """The words of the catalogue that `language` says otherwise: each message as English
    writes it (both forms of a count), with its placeholders left out, so that a heading
    or a label a document shows can be checked against them."""
    from babel.messages.pofile import read_po

    from workshop.i18n import TRANSLATIONS

    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as file:
        catalogue = read_po(file)
    found = set()
    for message in catalogue:
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        for english in ids:
            if english and english not in strings:
                found.add(english)
    return found


def word_xml(data):
    """The XML of a Word file's body, headers and footers, as one text."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        return "".join(parts.read(name).decode("utf-8") for name in parts.namelist()
                       if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name))
