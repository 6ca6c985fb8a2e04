"""The activity contract: what every activity type provides, and shared helpers.

An activity type is a module with:

    type_id, title, description        identity, shown in the console
    config_fields                       list of Field: the facilitator's form, and validation
    allowed                             {action: {roles}}: who may do what
    initial_state(config) -> state      any Python object
    handle(state, action, payload, ctx) -> reply dict
        Validates first and raises Rejected("why, in words") without changing anything;
        otherwise changes `state` in place. No I/O: the engine stores the action and
        rebuilds state by replaying actions, so handle must be deterministic in
        (state, action, payload, ctx).
    public_view(state, role, revealed) -> dict   what every screen of a role sees
    own_view(state, participant_id) -> dict      what one participant sees of their own
    summary(state) -> dict; export_rows(state) -> list[dict]   for reports and CSV

Views, summaries and rows are JSON-safe. Hidden (moderated) content appears only in
the facilitator's view.
"""
from dataclasses import dataclass

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
    (unique in the workshop, used as the id of anything it creates) and its time."""

    actor: Actor
    seq: int
    at: float


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text | textarea | number | bool | choice
    default: object = None
    required: bool = False
    max_length: int = 200
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple = ()
    help: str = ""

    def describe(self):
        """The field as the console's form builder and the API's type list see it."""
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "default": self.default,
            "required": self.required,
            "max_length": self.max_length,
            "min": self.minimum,
            "max": self.maximum,
            "choices": list(self.choices),
            "help": self.help,
        }


def validate_config(fields, raw):
    """Check a facilitator's settings against the fields; fill in defaults."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise Rejected("Settings must be an object of named values.")
    known = {f.name for f in fields}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise Rejected(f"Unknown setting: {', '.join(map(str, unknown))}.")
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
            raise Rejected(f"{f.label}: please give text.")
        value = clean_text(value, multiline=f.kind == "textarea")
        if f.required and not value:
            raise Rejected(f"{f.label}: please fill this in.")
        if len(value) > f.max_length:
            raise Rejected(f"{f.label}: please keep it to {f.max_length} characters.")
        return value
    if f.kind == "number":
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise Rejected(f"{f.label}: please give a whole number.")
        if (f.minimum is not None and value < f.minimum) or (
            f.maximum is not None and value > f.maximum
        ):
            raise Rejected(f"{f.label}: please give a number from {f.minimum} to {f.maximum}.")
        return value
    if f.kind == "bool":
        if not isinstance(value, bool):
            raise Rejected(f"{f.label}: please answer yes or no.")
        return value
    if f.kind == "choice":
        if value not in f.choices:
            raise Rejected(f"{f.label}: please choose one of {', '.join(f.choices)}.")
        return value
    raise Rejected(f"{f.label}: unknown kind of setting.")  # a programming error, said plainly


_CONTROL = {c for c in range(32)} - {9, 10}


def clean_text(value, multiline=False):
    """Strip control characters and surrounding space; keep line breaks if asked."""
    value = "".join(ch for ch in value if ord(ch) not in _CONTROL and ord(ch) != 127)
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


def text_from(payload, key, label, limit, required=True):
    """A participant's text from a payload, validated, with errors in words."""
    value = payload.get(key)
    if not isinstance(value, str):
        raise Rejected(f"{label}: please write some text.")
    value = clean_text(value, multiline=True)
    if required and not value:
        raise Rejected(f"{label}: please write something first.")
    if len(value) > limit:
        raise Rejected(f"{label}: please keep it to {limit} characters (it has {len(value)}).")
    return value


def int_from(payload, key, label):
    value = payload.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected(f"{label} is missing or not a number.")
    return value

