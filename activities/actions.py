"""Actions: the one table through which everything a person does in an activity passes.

Each activity type declares `actions = {name: Action(...)}`: for each action, the roles
that may send it, its payload fields and its handler. Everything else reads that table:
the engine (who may act, what is stored), the import (the same checks, replayed),
`/api/types` and the browser's input limits (`activities.limits()`), and docs/api.md's
action tables (`activities.reference`).

A payload is validated field by field before the handler sees it, and the handler sees
only the declared fields: a field nobody declared is dropped, so it is never stored
(a phone cannot make the server keep 60 KB it never reads), and the stored payload is
bounded by what the fields allow, and in any case by MAX_PAYLOAD_BYTES. Dropping rather
than refusing keeps every archive exported by earlier releases importable.
"""
import json
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .base import FACILITATOR, PAYLOAD_KINDS, Rejected, clean_text, is_int

MAX_PAYLOAD_BYTES = 64 * 1024  # one stored payload, as JSON: the largest drawing fits


def stored_size(payload):
    """The bytes `payload` takes in the database: its JSON as the store writes it."""
    return len(json.dumps(payload))


@dataclass(frozen=True)
class Action:
    """One thing people can do in an activity.

    run(state, payload, ctx) -> reply: `payload` holds exactly the declared `fields`,
    validated (a field not given is its default, None unless said). `reply` is an example
    reply and `doc` a sentence on what it does, both for docs/api.md. `before_reveal`
    names the roles that see what this action adds before the facilitator reveals the
    results (the presenter sees dot-vote proposals, say); for every other role, before the
    reveal, what participants add shows only as counts (the contract test holds each type
    to it).

    An action that `reads` answers a question about the state and changes nothing: a
    phone asking for one journey cell's notes, which its view has no room for. It is sent
    as `read`, never `act`: the engine neither stores nor replays it, and tells it in
    `ctx.revealed` whether the room may see the results now (a read answers only what
    its asker may see: what waits for review or is hidden never)."""

    run: object
    roles: frozenset
    fields: tuple = ()
    reply: object = None
    doc: str = ""
    before_reveal: frozenset = frozenset()
    reads: bool = False

    def __post_init__(self):
        # Written as tuples or sets in the modules; kept as frozensets and a tuple.
        object.__setattr__(self, "roles", frozenset(self.roles))
        object.__setattr__(self, "fields", tuple(self.fields))
        object.__setattr__(self, "before_reveal", frozenset(self.before_reveal))

    def perform(self, state, raw, ctx, fits=None):
        """Validate `raw` (the payload as sent) and carry the action out on `state`.
        Returns (stored, reply): the payload as it is to be stored (the declared fields
        the sender gave, as validated), and the reply. `fits(size)`, if given, may refuse
        what would be stored for its size in bytes, before anything changes."""
        raw = {} if raw is None else raw
        payload = validate_payload(self.fields, raw)
        stored = {name: value for name, value in payload.items() if name in raw}
        size = stored_size(stored)
        if size > MAX_PAYLOAD_BYTES:
            raise Rejected(_l("That is more than one action can hold. Send less at once."))
        if fits is not None:
            fits(size)
        return stored, self.run(state, payload, ctx)


def action_for(module, name, role):
    """The action `name` of an activity type, if `role` may send it; refused in words."""
    action = module.actions.get(name) if isinstance(name, str) else None
    if action is None:
        raise Rejected(_l("%(type)s has no action called '%(name)s'.",
                          type=module.title, name=str(name)[:40]))
    if role not in action.roles:
        raise Rejected(_l("Only the facilitator can do that.") if FACILITATOR in action.roles
                       else _l("That is for participants to do."))
    return action


def perform(module, state, name, raw, ctx):
    """Carry out one action by ctx.actor: the same checks live, replayed and imported.
    Returns (payload as stored, reply)."""
    return action_for(module, name, ctx.actor.role).perform(state, raw, ctx)


def validate_payload(fields, raw):
    """The payload an action declares: each field checked in words, undeclared ones left
    out."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise Rejected(_l("The action’s details must be an object."))
    return {f.name: payload_value(f, raw.get(f.name)) for f in fields}


def payload_value(f, value):
    """One payload field's value, validated and cleaned, or Rejected in words: the field's
    own `error` where it has one, otherwise a sentence made from its label."""
    if f.kind not in PAYLOAD_KINDS:
        raise Rejected(_l("%(label)s: unknown kind of field.", label=f.label))  # a mistake in code
    if value is None and not (f.required and f.kind == "data"):  # data: its check says why
        if f.required:
            raise Rejected(f.error or _wrong(f))
        return f.default
    if f.kind in ("text", "textarea"):
        if not isinstance(value, str):
            raise Rejected(f.error or _wrong(f))
        value = clean_text(value, multiline=f.kind == "textarea")
        if f.required and not value:
            raise Rejected(f.error or _l("%(label)s: please write something first.",
                                         label=f.label))
        if len(value) > f.max_length:
            raise Rejected(_l("%(label)s: please keep it to %(most)d characters (it has "
                              "%(length)d).", label=f.label, most=f.max_length,
                              length=len(value)))
        return value
    if f.kind == "key":
        value = clean_text(value) if isinstance(value, str) else ""
        if not value or len(value) > f.max_length:
            raise Rejected(f.error or _wrong(f))
        return value
    if f.kind == "number":
        if not is_int(value):
            raise Rejected(f.error or _wrong(f))
        if (f.minimum is not None and value < f.minimum) or \
                (f.maximum is not None and value > f.maximum):
            raise Rejected(f.error or _l("%(label)s: please give a number from %(least)s to "
                                         "%(most)s.", label=f.label, least=f.minimum,
                                         most=f.maximum))
        return value
    if f.kind == "bool":
        if not isinstance(value, bool):
            raise Rejected(f.error or _wrong(f))
        return value
    if f.kind == "choice":
        if not isinstance(value, str) or value not in f.choices:
            raise Rejected(f.error or _wrong(f))
        return value
    if f.check is None:  # kind "data" with nothing to check it: refused, never stored
        raise Rejected(_l("%(label)s: nothing checks this field.", label=f.label))
    return f.check(value)


def _wrong(f):
    """The refusal of a value of the wrong kind, or of none where one is needed."""
    if f.kind in ("text", "textarea"):
        return _l("%(label)s: please write some text.", label=f.label)
    if f.kind == "key":
        return _l("Choose: %(label)s.", label=f.label)
    if f.kind == "number":
        return _l("%(label)s is missing or not a number.", label=f.label)
    if f.kind == "bool":
        return _l("%(label)s: please answer yes or no.", label=f.label)
    return _l("%(label)s: please choose one of %(choices)s.", label=f.label,
              choices=", ".join(f.choices))
