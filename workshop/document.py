"""A document as data: the report and the agreement pack are built once as a `Document`
and written out as DOCX (word.py), A4 PDF (pdf.py) or HTML (templates/document.html, and
the report's own template).

A document is a title, lines about it (`meta`), an optional `marking` printed on every
page (a draft's status, say) and a list of blocks, in the report's vocabulary
(activities/base.py: text, list, table, bars, figure, quote) and a few more:

    {"kind": "heading", "text", "level": 1 | 2 | 3}
    {"kind": "source", "text"}     where a section's content was drawn from
    {"kind": "missing", "text"}    what is still to be written: marked, never invented
    {"kind": "note", "text"}       small print

Cells of a table are text, numbers, None (empty) or a list of texts. A table may say how
to share the page between its columns ("widths": fractions; otherwise column_shares()
does) and how tall a row is at least ("row_mm", room to sign, say).
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _


def page_words():
    """The words a document's pages add around its blocks, in the current language: made
    with the document, as word.py and pdf.py write it off the request (offload.py)."""
    return {"drawn": _("Drawn from: %(source)s"), "source": _("Source: %(source)s"),
            "missing": _("To be written:"),
            # i18n: a page's footer; %(pages)s is the number of pages
            "page": _("Page %(page)s of %(pages)s"),
            "picture": _("A picture"),
            "elsewhere": _("The drawing is in the PDF and HTML versions."),
            "html_only": _("(This drawing is in the HTML version.)"),
            "bars": [_("Rank"), _("Option"), _("Count")]}


@dataclass
class Document:
    """A document in one language (`lang`, as HTML's lang attribute writes it); a
    workshop of two languages gets one of each, written one after the other."""

    title: str
    kind: str  # what it is, above the title: "Workshop report"
    meta: list = field(default_factory=list)  # lines under the title
    blocks: list = field(default_factory=list)
    marking: str = ""  # on every page's header, e.g. "Draft for discussion"
    file_title: str = ""  # the document's title in its properties
    lang: str = "en-GB"
    words: dict = field(default_factory=page_words)

    def add(self, *blocks):
        self.blocks.extend(blocks)
        return self


def heading(text, level=2):
    return {"kind": "heading", "text": text, "level": level}


def text(words):
    return {"kind": "text", "text": words}


def source(words):
    return {"kind": "source", "text": words}


def missing(words):
    return {"kind": "missing", "text": words}


def note(words):
    return {"kind": "note", "text": words}


def stacked(block):
    """Whether a table is a grid of notes (lists in more than three columns), set as one
    block per row, each cell under its column's name, as the report prints it: on A4,
    seven columns of notes would leave a word a line, and a busy row would not fit on one
    page."""
    return len(block["columns"]) > 3 and any(
        isinstance(cell, (list, tuple)) and cell for row in block["rows"] for cell in row)


def bars_table(block, words):
    """A bar chart (a ranked count) as a table, for a page that draws no bars; `words`:
    the document's (page_words)."""
    return {"kind": "table", "caption": block.get("caption"), "widths": [0.1, 0.75, 0.15],
            "columns": words["bars"],
            "rows": [[row.get("rank", ""), row["label"], row["value"]] for row in block["rows"]]}


def cell_text(cell):
    """A table cell as one text: a list's items on lines of their own."""
    if cell is None:
        return ""
    if isinstance(cell, (list, tuple)):
        return "\n".join(f"• {item}" for item in cell)
    return str(cell)


# Characters across an A4 page in a table's small type (bold and wide letters allowed for),
# upright and on its side.
PORTRAIT_LINE, LANDSCAPE_LINE = 85, 120


def _lines(block, i):
    return [str(block["columns"][i])] + [line for row in block["rows"] if i < len(row)
                                         for line in cell_text(row[i]).splitlines()]


def _longest_words(block):
    """How many characters each column needs so that no word in it is broken."""
    return [max(len(word) for line in _lines(block, i) for word in line.split() or [""]) + 3
            for i in range(len(block["columns"]))]


def landscape(block):
    """Whether a table needs a page on its side: its columns' longest words do not fit
    across an upright page (the DPIA screening by organisation, say)."""
    return not block.get("widths") and sum(_longest_words(block)) > PORTRAIT_LINE


def column_shares(block):
    """The share of the page's width each column of a table gets: the block's own
    "widths", or in proportion to the longest line each holds (up to 60 characters), the
    first column (the name of what a row is, unless it is a number such as a rank) a
    third at least when there are more than two, and no column narrower than its longest
    word, so that no word is broken (on a page on its side if need be)."""
    if block.get("widths"):
        return list(block["widths"])
    count = len(block["columns"])
    want = [min(max(max(map(len, _lines(block, i))), 3), 60) for i in range(count)]
    if count > 2 and not all(isinstance(row[0], (int, float)) for row in block["rows"] if row):
        want[0] = max(want[0], sum(want[1:]) / 2)
    line = LANDSCAPE_LINE if landscape(block) else PORTRAIT_LINE
    least = [min(chars, line / count) / line for chars in _longest_words(block)]
    narrow = set()
    while len(narrow) < count:  # widen what is too narrow for its longest word
        room = 1 - sum(least[i] for i in narrow)
        rest = sum(want[i] for i in range(count) if i not in narrow)
        shares = [least[i] if i in narrow else want[i] * room / rest for i in range(count)]
        more = {i for i in range(count) if shares[i] < least[i]} - narrow
        if not more:
            return shares
        narrow |= more
    return [share / sum(least) for share in least]


# Letters of the scripts written right to left (Hebrew, Arabic and their presentation
# forms): a paragraph that starts with one is set right to left.
_RTL = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def complex_script(words):
    """Whether `words` hold letters that need shaping to be set: anything past the Latin,
    Greek, Cyrillic and Armenian alphabets (Hebrew, Arabic, the Indian scripts …)."""
    return any(ord(ch) >= 0x0590 and ch.isalpha() for ch in words)


def right_to_left(words):
    """Whether the first letter of `words` is of a right-to-left script."""
    for ch in words:
        if ch.isalpha():
            return any(low <= ord(ch) <= high for low, high in _RTL)
    return False
