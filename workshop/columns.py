"""The spreadsheets' words in the workshop's languages: each column's heading, and the
words in cells that the product writes (a status, yes or no, a lawful basis, an answer,
a partner map's place, Other, a template's stage), never what people typed.

An activity's export_rows() names its columns with keys ("plus_ones") and writes the
product's words in English. In English the CSVs keep those keys as their headings (a
script may read them) and the workbook shows them with spaces, as before; in another
language both show the heading in that language. What a bilingual workshop gets is
export.py's choice (the workbook says each word in both languages, the CSVs in the
first).
"""
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from activities.base import OTHER, VIEW_WORDS

from . import i18n

# i18n: the column headings of the spreadsheets (CSV and Excel), lower case as there
HEADINGS = {
    "action": _l("action"), "agreed": _l("agreed"), "also_called": _l("also called"),
    "answer": _l("answer"), "ballot": _l("ballot"), "bricks": _l("bricks"),
    "date": _l("date"), "dots": _l("dots"), "due": _l("due"), "element": _l("element"),
    "entered_by_facilitator": _l("entered by facilitator"), "hidden": _l("hidden"),
    "kind": _l("kind"), "lane": _l("lane"), "lawful_basis": _l("lawful basis"),
    "meaning": _l("meaning"), "named_by": _l("named by"), "note": _l("note"),
    "option": _l("option"), "organisation": _l("organisation"), "origin": _l("origin"),
    "owner": _l("owner"), "part": _l("part"), "participant": _l("participant"),
    "partner": _l("partner"), "picture": _l("picture"), "plus_ones": _l("plus ones"),
    "question": _l("question"), "rating": _l("rating"), "response": _l("response"),
    "reviewed": _l("reviewed"), "sentence": _l("sentence"), "stage": _l("stage"),
    "status": _l("status"), "status_at_earlier_workshop": _l("status at earlier workshop"),
    "strokes": _l("strokes"), "support": _l("support"), "term": _l("term"),
    "term_group": _l("term group"), "text": _l("text"), "title": _l("title"),
    "upvotes": _l("upvotes"), "where": _l("where"),
}

# Words kept in cells as ids, by column: shown as words in each language.
IDS = {
    "status": {"open": _l("open"), "agreed": _l("agreed"), "contested": _l("contested")},
    "origin": {"proposed": _l("proposed"), "starting": _l("starting"),
               "review": _l("review")},
    "kind": {"bricks": _l("bricks"), "drawing": _l("drawing")},
    "part": {"always": _l("always"), "consider": _l("consider")},
}
YES, NO = _l("yes"), _l("no")

# Columns whose cells may hold the product's own words (or the facilitator's settings,
# which they may have given in each language); the others hold what people typed.
WORDS = frozenset({"status", "status_at_earlier_workshop", "question", "lawful_basis",
                   "answer", "where", "organisation", "stage", "lane", "element", "option",
                   "origin", "kind", "part"})


def heading(column, language, keyed=False):
    """A column's heading in `language` (current locale's catalogue); `keyed`: in English,
    the key itself (the CSVs' headings)."""
    if language == i18n.SOURCE:
        return column if keyed else column.replace("_", " ")
    with force_locale(language):
        if column in HEADINGS:
            return str(HEADINGS[column])
        place = next((w for w in VIEW_WORDS if w.lower() == column), None)  # the map's places
        return gettext(place).lower() if place else column.replace("_", " ")


def cell(column, value, language, own=None):
    """A cell's value in `language`: yes or no, an id as a word, the product's word (or the
    facilitator's own translation, `own`: content_words()'s for that language) in a
    column that holds such words; anything else as it is."""
    with force_locale(language):
        if isinstance(value, bool):
            return str(YES if value else NO)
        if isinstance(value, LazyString):
            return str(value)
        if column not in WORDS or not isinstance(value, str) or not value:
            return value
        if value in IDS.get(column, {}):
            return str(IDS[column][value])
        if own and value in own:
            return own[value]
        if value in VIEW_WORDS or value == OTHER:
            return gettext(value)
        return value


def in_languages(languages, words, between=" / "):
    """`words(language)` in each of `languages`, joined as "Cymraeg / English"; a value
    that is the same in each (a number, a name) once, as it is."""
    said = []
    for language in languages:
        value = words(language)
        if value not in said:
            said.append(value)
    return said[0] if len(said) == 1 else between.join(map(str, said))
