"""Hypothesis strategies for fuzzing Roundtable: JSON of every shape, text that trips up
naive code, and details that look like each activity type's actions and settings, so
that random input gets past the first checks and reaches the rules behind them."""
import json
import re
import string

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

import activities
from activities.picture import SIZES, STROKE_WIDTHS
from workshop.controls import CONTROLS

# Reproducible in CI, and no example database written into the repository.
FUZZ = dict(deadline=None, derandomize=True, database=None, print_blob=False,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                   HealthCheck.large_base_example,
                                   HealthCheck.filter_too_much])


def fuzz_settings(max_examples, **extra):
    return settings(max_examples=max_examples, **FUZZ, **extra)


def server_settings(max_examples):
    """For a real server: no shrinking, which would replay dozens of examples against a
    server whose state each of them changed; a failure is reported as first found,
    every draw labelled."""
    return fuzz_settings(max_examples, phases=[Phase.explicit, Phase.generate])


TYPES = sorted(activities.TYPES)
ACTIONS = sorted({name for module in activities.TYPES.values() for name in module.actions})
COMMANDS = sorted(CONTROLS)
EVENTS = ["sync", "act", "read", "control", "items"]
# Names python-socketio gives a meaning of its own, and ones the server only sends.
# Not "*": python-socketio hands an event of that very name to the catch-all handler
# without its name, and Flask-SocketIO then takes the first argument for the session id,
# so it never reaches Roundtable's code (and is answered, if at all, by the library).
RESERVED = ["connect", "disconnect", "message", "json", "view", "mine", "ended",
            "connect_error", ""]
NOT_ROUNDTABLES = {"*"}

TRICKY_TEXT = [
    "", " ", "\t\n\r", "\x00", "\x1b[31m", "\x7f\x85", "\ud800", "\udfff", "a\ud83d", "\ud83db",
    "\u202e\u200b\ufeff", "\ufffe\uffff", "\u2028\u2029", "NaN", "null", "true", "0", "-1",
    "1e309", "<script>alert(1)</script>", "</title><svg onload=alert(1)>", '"quoted"',
    "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "'); DROP TABLE action;--",
    "../../etc/passwd", "%s%n%x", "{{7*7}}", "${7*7}", "😀", "👩‍👩‍👧", "ß", "İ", "ǅ",
    "e\u0301\u0301\u0301", "Ω" * 81, "x" * 281, "\n".join(["line"] * 20),
]


def text(max_size=30):
    """Short text of any kind: ordinary, invisible, lone surrogates, markup, formulas."""
    return st.one_of(
        st.text(max_size=max_size),
        st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]),
                max_size=8),
        st.sampled_from(TRICKY_TEXT),
    )


# Long text, cheap to make: a unit repeated. Kept ASCII so that it stays well under the
# 64 KiB message limit once encoded as JSON.
HUGE_TEXT = st.builds(lambda unit, n: (unit * n)[:n],
                      st.sampled_from(["x", "word ", "line\n", " ", "-", "<b>"]),
                      st.integers(min_value=250, max_value=20_000))

# Python reads integers of any size; the Socket.IO server refuses a message with one of
# more than 100 digits as malformed (no answer), so these stay below that.
ODD_NUMBERS = [2 ** 31 - 1, 2 ** 31, 2 ** 53 + 1, 2 ** 63 - 1, 2 ** 63, 2 ** 64, -2 ** 63 - 1,
               10 ** 30, -(10 ** 30), 10 ** 99, 10 ** 120, -(10 ** 400)]

NUMBERS = st.one_of(
    st.integers(min_value=-3, max_value=40),
    st.integers(),
    st.sampled_from(ODD_NUMBERS),
    st.floats(),  # NaN, infinities, -0.0, 5e-324 and 1e308 included
)

SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, text())

JSON_KEYS = st.one_of(st.sampled_from(["text", "id", "option", "stage", "lane", "position",
                                       "activity_id", "command", "type", "config", "__proto__",
                                       "constructor", ""]), text(10))


def nested(depth, leaf=1, kind="list"):
    """`leaf` inside `depth` lists (or objects): deep nesting without recursion."""
    value = leaf
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


# Deep, but within what the Socket.IO client can encode (it recurses per level).
DEEP = st.builds(nested, st.integers(min_value=20, max_value=300), st.just(1),
                 st.sampled_from(["list", "object"]))

JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(JSON_KEYS, inner, max_size=4)),
    max_leaves=10,
)

# The wrong type, in its plainest forms: unhashable ones, numbers as text, booleans
# where whole numbers are expected, numbers out of range.
WRONG_TYPE = st.sampled_from([None, True, False, 0, -1, 1.5, -0.0, 2 ** 63, 10 ** 30, "", "1",
                              "0", [], [0], [1, 2], {}, {"id": 1}, [[]]])

JUNK = st.one_of(WRONG_TYPE, JSON, HUGE_TEXT, DEEP)


def either(plausible):
    """Mostly something of the right shape; sometimes anything at all."""
    return st.one_of(plausible, plausible, JUNK)


# ---------------------------------------------------------------------- known values
class Ref:
    """Stands for a value known only while the test runs (an id the server gave out, an
    activity of this workshop), so that strategies can be built once. `resolve` puts
    the real value in before sending."""

    def __init__(self, kind, index):
        self.kind, self.index = kind, index

    def __repr__(self):
        return f"Ref({self.kind!r}, {self.index})"


def known(kind):
    return st.integers(0, 1000).map(lambda index: Ref(kind, index))


def resolve(value, known_values):
    """`value` with each Ref replaced by one of `known_values[kind]` (or, when there
    are none of that kind, by its index)."""
    if isinstance(value, Ref):
        choices = known_values.get(value.kind) or []
        return choices[value.index % len(choices)] if choices else value.index
    if isinstance(value, list):
        return [resolve(item, known_values) for item in value]
    if isinstance(value, tuple):
        return tuple(resolve(item, known_values) for item in value)
    if isinstance(value, dict):
        return {resolve(key, known_values): resolve(item, known_values)
                for key, item in value.items()}
    return value


def harvest(value, found=None):
    """Ids, keys and names a view shows, to aim random details at things that exist:
    {"int": [...], "text": [...]}."""
    found = found if found is not None else {"int": set(), "text": set()}
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("id", "key", "ballot", "stage", "lane", "term", "name", "index",
                       "option", "text", "terms", "names") or key.endswith("_id"):
                for leaf in item if isinstance(item, list) else [item]:
                    if isinstance(leaf, bool):
                        continue
                    if isinstance(leaf, int):
                        found["int"].add(leaf)
                    elif isinstance(leaf, str) and len(leaf) <= 300:
                        found["text"].add(leaf)
            harvest(item, found)
    elif isinstance(value, list):
        for item in value:
            harvest(item, found)
    return {"int": sorted(found["int"]), "text": sorted(found["text"])}


# ---------------------------------------------------------------------- act payloads
def brick():
    valid = st.builds(lambda x, y, size, colour: [x, y, *size, colour],
                      st.integers(0, 31), st.integers(0, 19), st.sampled_from(sorted(SIZES)),
                      st.integers(0, 7))
    near = st.lists(st.integers(-2, 34), min_size=5, max_size=5)
    return st.one_of(valid, near)


def strokes():
    stroke = st.fixed_dictionaries({
        "colour": either(st.integers(-1, 8)),
        "width": either(st.sampled_from([*STROKE_WIDTHS, 5, 0])),
        "points": either(st.lists(st.integers(-5, 1005), max_size=12)),
    })
    return st.lists(either(stroke), max_size=5)


def payload_values():
    """For each name an action reads, values of the right kind and near the limits."""
    ids = st.one_of(known("int"), st.integers(-2, 60))
    small = st.integers(-2, 14)
    words = st.one_of(text(), known("text"))
    return {
        "text": st.one_of(text(), HUGE_TEXT),
        "meaning": st.one_of(text(), HUGE_TEXT),
        "title": text(90),
        "term": words,
        "name": words,
        "into": st.one_of(ids, known("text")),
        "id": ids,
        "same_as": words,
        "option": words,
        "stage": st.one_of(small, known("int")),
        "lane": small,
        "pages": small,
        "position": small,
        "element": small,
        "score": st.one_of(st.integers(-1, 7), st.none(), st.floats(0, 6)),
        "value": st.one_of(st.integers(-3, 3), st.none()),
        "place": st.sampled_from(["room", "involved", "missing", "Room"]),
        "status": st.sampled_from(["open", "agreed", "contested", "closed", "progress", "done",
                                   "stuck", "answering", "answered"]),
        "origin": st.sampled_from(["reactive", "proactive", "both", None, "neither"]),
        "kind": st.sampled_from(["bricks", "drawing", "photo"]),
        "bricks": st.lists(either(brick()), max_size=6),
        "brick": brick(),
        "strokes": strokes(),
        "dots": st.dictionaries(words, either(st.integers(-1, 6)), max_size=4),
        "texts": st.lists(either(text()), max_size=6),
        "ballot": st.one_of(st.sampled_from(["F1", "F2", "F3"]), words),
        "owner": words,
        "due": st.one_of(st.sampled_from(["2027-03-31", "2027-02-30", "31/03/2027", ""]),
                         text(12)),
        "date": st.sampled_from(["2027-09-30", "1999-01-01", "2027-13-01", None]),
        "question": st.one_of(st.sampled_from(["purpose", "basis", "review", "Purpose"]),
                              small),
        "partner": words,
        "basis": st.sampled_from(["public_task", "consent", "legal obligation", None]),
        "answer": st.sampled_from(["yes", "no", "unsure", "maybe", None]),
    }


# The names each action reads, whatever the type (several types share action names).
ACTION_FIELDS = {
    "answer": ["text", "question", "partner", "basis", "date", "answer"],
    "edit": ["id", "text", "term", "meaning", "question", "owner", "due", "partner", "basis",
             "date"], "withdraw": ["id"],
    "hide": ["id"], "restore": ["id"], "propose": ["text", "owner", "due"],
    "withdraw_proposal": ["id"],
    "start_voting": [], "add": ["option"], "remove": ["option", "id"], "enter_ballot": ["dots"],
    "withdraw_ballot": ["ballot"], "add_options": ["texts"],
    "add_note": ["stage", "lane", "text"], "edit_note": ["id", "text"], "delete_note": ["id"],
    "plus_one": ["id"], "feel": ["stage", "value"], "move_note": ["id", "stage", "lane"],
    "merge_notes": ["id", "into"], "add_stage": ["name", "position"],
    "rename_stage": ["stage", "name"], "move_stage": ["stage", "position"],
    "remove_stage": ["stage"], "focus": ["stage"], "open_cell": ["stage", "lane", "pages"],
    "submit": ["kind", "bricks", "strokes", "title", "meaning"], "place": ["brick"],
    "spotlight": ["id"], "rate": ["element", "score"], "comment": ["element", "text"],
    "origin": ["origin"], "define": ["term", "meaning"], "link": ["term", "same_as"],
    "unlink": ["term"], "mark": ["term", "id", "status"], "name": ["name", "place"],
    "merge": ["name", "into"], "support": ["id"], "update": ["id", "text", "owner", "due"],
    "agree": ["id"], "unagree": ["id"], "status": ["id", "status"],
    "ask": ["text"], "upvote": ["id"], "unvote": ["id"], "approve": ["id"], "approve_all": [],
}
assert set(ACTION_FIELDS) == set(ACTIONS), set(ACTIONS) ^ set(ACTION_FIELDS)

_VALUES = payload_values()

# Any of the names actions read, each filled plausibly or not, and names none reads.
PAYLOAD = st.fixed_dictionaries({}, optional={
    **{name: either(value) for name, value in _VALUES.items()},
    "unknown": JSON, "__class__": JSON})

# Exactly what one action reads, each mostly plausible: these get past the first checks,
# and then a single odd value meets the rule behind them.
FOCUSED = {action: st.fixed_dictionaries(
    {name: st.one_of(_VALUES[name], _VALUES[name], _VALUES[name], JUNK) for name in names},
    optional={"unknown": JSON}) for action, names in ACTION_FIELDS.items()}

CID = st.one_of(text(70), st.uuids().map(str))


def act_messages(actions):
    """What an `act` event carries, for these actions: mostly well formed and aimed at
    the running activity ("current" ref) or another ("activity" ref), sometimes not an
    object at all. Ids and names come from "int" and "text" refs."""
    activity = st.one_of(known("current"), known("current"), known("activity"))
    focused = [st.fixed_dictionaries(
        {"activity_id": activity, "action": st.just(action), "payload": FOCUSED[action]},
        optional={"cid": CID}) for action in actions]
    loose = st.fixed_dictionaries(
        {"activity_id": either(activity), "action": either(st.sampled_from(ACTIONS)),
         "payload": either(PAYLOAD)},
        optional={"cid": either(CID), "extra": JSON})
    return st.one_of(*focused, loose, loose, JUNK)


ACT_BY_TYPE = {type_id: act_messages(sorted(module.actions))
               for type_id, module in activities.TYPES.items()}
ACT_MESSAGE = act_messages(ACTIONS)


# ---------------------------------------------------------------------- settings, commands
def config_value(field):
    if field.kind in ("text", "textarea"):
        lines = st.lists(st.one_of(text(), st.sampled_from(["alpha", "beta", "gamma"])),
                         max_size=8).map("\n".join)
        return st.one_of(text(), lines, HUGE_TEXT)
    if field.kind == "number":
        low, high = field.minimum or 0, field.maximum or 100
        return st.one_of(st.integers(low - 2, high + 2),
                         st.integers(low, high).map(str), st.sampled_from(["٣", "²", "--3"]))
    if field.kind == "bool":
        return st.one_of(st.booleans(), st.sampled_from([0, 1, "true", "yes"]))
    if field.kind == "choice":
        return st.one_of(st.sampled_from(field.choices), text())
    return JSON


def config(type_id):
    """Settings for one activity type: some of its fields, maybe an unknown one."""
    module = activities.get(type_id)
    fields = {f.name: either(config_value(f)) for f in module.config_fields}
    return st.fixed_dictionaries({}, optional={**fields, "colour": JSON})


ANY_TYPE = st.one_of(st.sampled_from(TYPES), text(12))
CONFIGS = {type_id: config(type_id) for type_id in TYPES}
ANY_CONFIG = st.one_of(*CONFIGS.values())
ACTIVITY_SPEC = st.sampled_from(TYPES).flatmap(lambda type_id: st.fixed_dictionaries(
    {"type": either(st.one_of(st.just(type_id), ANY_TYPE)),
     "config": either(CONFIGS[type_id])}))


def _command_args():
    values = {
        "position": st.integers(-3, 12),
        "activity_id": st.one_of(known("activity"), st.integers(-2, 10 ** 6)),
        "seconds": st.one_of(st.integers(-5, 4 * 3600), st.sampled_from([10800, 10801])),
        "type": ANY_TYPE,
        "config": ANY_CONFIG,
        "agenda": st.sampled_from(["partnership", "Partnership", "nope"]),
        "organisations": st.one_of(st.lists(text(), max_size=6), text(),
                                   st.lists(st.text(string.ascii_letters, max_size=5),
                                            min_size=38, max_size=45)),
        "title": st.one_of(text(130), HUGE_TEXT),
        "open": st.one_of(st.booleans(), st.sampled_from(["false", 0, None])),
        "as": st.sampled_from(["cloud", "standard", "Cloud", None]),
        "group": st.one_of(st.none(), st.sampled_from(["Barriers", "Agreed", ""]), text(210)),
    }
    return st.fixed_dictionaries({}, optional={name: either(value)
                                               for name, value in values.items()})


# Arguments a facilitator's command may read, each plausible or not ("activity" refs).
COMMAND_ARGS = _command_args()
_CONTROL = st.fixed_dictionaries({"command": either(st.sampled_from(COMMANDS))},
                                 optional={"args": either(COMMAND_ARGS)})
CONTROL_MESSAGE = st.one_of(_CONTROL, _CONTROL, _CONTROL, JUNK)


# ---------------------------------------------------------------------- checks
WORDS = re.compile(r"[^\W\d_]{2,}")


def in_words(error):
    """An error a person can read: text with at least two words, no traceback."""
    return (isinstance(error, str) and len(WORDS.findall(error)) >= 2
            and "Traceback" not in error and "Exception" not in error)


def encoded_size(*args):
    """Roughly the size of a Socket.IO message carrying these arguments."""
    return len(json.dumps(list(args)))
