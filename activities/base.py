"""The activity contract: what every activity type provides, and shared helpers.

An activity type is a module with:

    type_id, title, description        identity, shown in the console
    config_fields                       list of Field: the facilitator's form, and validation
    actions                             {name: Action}: the type's one action table. Each
        action names the roles that may send it, its payload fields (Field, validated
        before the handler runs; a field not declared is dropped, never stored) and its
        handler, run(state, payload, ctx) -> reply dict, which raises Rejected("why, in
        words") without changing anything, or changes `state` in place. No I/O: the
        engine stores the action and rebuilds state by replaying actions, so a handler
        must be deterministic in (state, payload, ctx). See actions.py.
    initial_state(config) -> state      any Python object
    public_view(state, role, revealed) -> dict   what every screen of a role sees
    own_view(state, participant_id) -> dict      what one participant sees of their own
    summary(state) -> dict; export_rows(state) -> list[dict]   for the data and CSV
    report(state) -> list of blocks     the report's section, in a small vocabulary:
        {"kind": "text", "text"}, {"kind": "list", "items"},
        {"kind": "table", "caption", "columns", "rows", "header_column"?} (a cell may be a
        list of texts), {"kind": "bars", "caption", "rows": [{"label", "value", "rank"}]},
        {"kind": "figure", "svg", "caption", "text"?} (svg made by the module from data),
        {"kind": "quote", "text", "source"} (words quoted exactly, and where from)
    svg_files(state) -> {name: svg}    optional: pictures to put in the spreadsheet ZIP
    items(state) -> list[{id, text}]   optional: what a later activity may take as
                                        options (e.g. a vote on the answers)
    check_config(config) -> config     optional: checks across fields

Views, summaries and rows are JSON-safe. Hidden (moderated) content appears only in
the facilitator's view, and before the reveal the room sees counts, not contributions;
contributions.py holds what the types share to keep it so.
"""
import datetime
import math
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

PARTICIPANT = "participant"
FACILITATOR = "facilitator"
PRESENTER = "presenter"
ROLES = (PARTICIPANT, FACILITATOR, PRESENTER)


class Rejected(Exception):
    """A command that cannot be carried out; the message is shown to the person."""


@dataclass(frozen=True)
class Actor:
    role: str
    participant_id: int | None = None  # internal; never leaves the server
    number: int | None = None  # the anonymous number shown to the facilitator
    organisation: str | None = None


@dataclass(frozen=True)
class Context:
    """What handle may know beyond the payload: who acts, the action's sequence number
    (unique in the workshop, used as the id of anything it creates) and its time; for an
    action that only reads (Action.reads), whether the room sees the results now."""

    actor: Actor
    seq: int
    at: float
    revealed: bool = False


# What a setting may be (the console's form builder draws each), and what an action's
# payload field may be besides: "key" names something that exists (an option, a term) and
# is refused in the field's own words; "data" is a structure its `check` validates.
CONFIG_KINDS = ("text", "textarea", "number", "bool", "choice")
PAYLOAD_KINDS = (*CONFIG_KINDS, "key", "data")


def is_int(value):
    """A whole number as JSON gives it: an int, and not a bool (True == 1 in Python)."""
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Field:
    """A facilitator's setting, or a field of an action's payload (see actions.py)."""

    name: str
    label: str
    kind: str = "text"  # one of CONFIG_KINDS; in a payload, one of PAYLOAD_KINDS
    default: object = None
    required: bool = False
    max_length: int = 200
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple = ()
    help: str = ""
    picker: bool = False  # the console offers to fill it from an earlier activity's items
    error: str = ""  # payloads: the refusal of a missing or unusable value, in the type's words
    check: object = None  # kind "data": check(value) -> the value to keep, or raises Rejected
    example: object = None  # kind "data": a value `check` accepts, for the docs and tests
    # Settings: words the room reads (a question, options, stages), which the facilitator
    # may also give in each other language (activities.translated_fields adds those).
    translatable: bool = False
    language: str = ""  # a translation's: the language it is in (the console shows it then)

    def describe(self):
        """The field as the console's form builder and the API's type list see it."""
        return {
            "name": self.name,
            "label": str(self.label),
            "kind": self.kind,
            "default": self.default,
            "required": self.required,
            "max_length": self.max_length,
            "min": self.minimum,
            "max": self.maximum,
            "choices": list(self.choices),
            "help": str(self.help),
            "picker": self.picker,
            "language": self.language or None,
        }


def validate_config(fields, raw):
    """Check a facilitator's settings against the fields; fill in defaults."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise Rejected(_l("Settings must be an object of named values."))
    known = {f.name for f in fields}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise Rejected(_l("Unknown setting: %(names)s.", names=", ".join(map(str, unknown))))
    config = {}
    for f in fields:
        value = raw.get(f.name, f.default)
        config[f.name] = _validate_field(f, value)
    return config


def _validate_field(f, value):
    if f.kind in ("text", "textarea"):
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise Rejected(_l("%(label)s: please give text.", label=f.label))
        value = clean_text(value, multiline=f.kind == "textarea")
        if f.required and not value:
            raise Rejected(_l("%(label)s: please fill this in.", label=f.label))
        if len(value) > f.max_length:
            raise Rejected(_l("%(label)s: please keep it to %(most)d characters.",
                              label=f.label, most=f.max_length))
        return value
    if f.kind == "number":
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            try:
                value = int(value)
            except ValueError:  # "--3", "2²": digits int() does not read
                pass
        if not is_int(value):
            raise Rejected(_l("%(label)s: please give a whole number.", label=f.label))
        if (f.minimum is not None and value < f.minimum) or (
            f.maximum is not None and value > f.maximum
        ):
            raise Rejected(_l("%(label)s: please give a number from %(least)s to %(most)s.",
                              label=f.label, least=f.minimum, most=f.maximum))
        return value
    if f.kind == "bool":
        if not isinstance(value, bool):
            raise Rejected(_l("%(label)s: please answer yes or no.", label=f.label))
        return value
    if f.kind == "choice":
        if value not in f.choices:
            raise Rejected(_l("%(label)s: please choose one of %(choices)s.",
                              label=f.label, choices=", ".join(f.choices)))
        return value
    raise Rejected(_l("%(label)s: unknown kind of setting.", label=f.label))  # a programming error


# Control characters (C0, DEL, C1: Unicode's Cc) other than tab and line feed, and lone
# surrogates (Cs), which no database or screen can store or show. One pattern, not a test
# of every character's category: every vote's option goes through here.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value, multiline=False):
    """Strip control characters and surrounding space; keep line breaks if asked."""
    value = _UNWANTED.sub("", value)
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MAX_DEPTH = 32  # levels of lists and objects in one message's details


def storable(value, depth=0):
    """A JSON value as a database can store it and any JSON reader read it back: lone
    surrogates and NUL dropped from every text and name (text fields lose them to
    clean_text anyway), NaN, infinities and absurd nesting refused in words."""
    if depth > MAX_DEPTH:
        raise Rejected(_l("The details are nested too deeply to read."))
    if isinstance(value, str):
        return _UNSTORABLE.sub("", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise Rejected(_l("The details hold NaN or infinity, which are not numbers."))
    if isinstance(value, list):
        return [storable(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {storable(key, depth + 1): storable(item, depth + 1)
                for key, item in value.items()}
    return value




def name_key(name):
    """How names are compared where people may type the same one differently: case and
    spacing do not count ("Data  sharing" is "data sharing")."""
    return " ".join(name.casefold().split())


def linked_root(links, key):
    """The key a group of linked names goes by (terms that mean the same, partners merged
    into one): follow {key: the key it was linked to} to its end. The types never link a
    group into itself, so the chain ends."""
    while key in links:
        key = links[key]
    return key


# Every text N_() has marked: the browser's catalogue carries them (workshop/i18n.py).
VIEW_WORDS = set()


def N_(text):
    """Marks the product's own words that are kept or sent in English and shown in each
    screen's language: what a workshop starts with (a template's stages, a default
    question; see workshop/i18n.py content_words), and the fixed words of a type's views
    (a checklist's questions, a status), which the browser translates with t()."""
    VIEW_WORDS.add(text)
    return text


SMALL_GROUP = 3  # organisations with fewer people are shown as "Other"
OTHER = "Other"


def fold_groups(people_by_group, small=SMALL_GROUP):
    """Map each organisation to what may be shown of it. Groups of fewer than `small`
    people, and people who gave none, become "Other"; if "Other" would then hold fewer
    than `small`, the smallest named groups join it until it holds enough, so that no
    one can be singled out."""
    shown = {g: (g if g and n >= small else OTHER) for g, n in people_by_group.items()}
    while True:
        other = sum(n for g, n in people_by_group.items() if shown[g] == OTHER)
        named = sorted((n, g) for g, n in people_by_group.items() if shown[g] != OTHER)
        if other == 0 or other >= small or not named:
            return shown
        shown[named[0][1]] = OTHER


def count_people(organisation_by_person):
    """How many people each organisation has, from {person: organisation} (None for those
    who gave none), in the order the organisations first appear."""
    counts = {}
    for organisation in organisation_by_person.values():
        counts[organisation] = counts.get(organisation, 0) + 1
    return counts


def fold_people(organisation_by_person, small=SMALL_GROUP):
    """fold_groups over people, each counted once: a group is large enough to show by the
    people in it, never by how much they wrote, or one busy person could be singled out."""
    return fold_groups(count_people(organisation_by_person), small)


def group_order(groups):
    """Folded organisations in the order a breakdown shows them: named ones
    alphabetically, "Other" last; each once."""
    return sorted(set(groups), key=lambda g: (g == OTHER, g))


def iso_date(value, label=None):
    """A calendar date written as YYYY-MM-DD (as a browser's date field sends it), from
    the year 2000 to 2100; refused in words otherwise. Kept as that text."""
    if isinstance(value, str):
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            day = None
        if day is not None and 2000 <= day.year <= 2100 and len(value.strip()) == 10:
            return day.isoformat()
    raise Rejected(_l("%(label)s: give a date as year-month-day, e.g. 2027-03-31.",
                      label=label or _l("The date")))
