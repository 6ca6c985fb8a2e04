"""The workshop as one JSON document: complete, versioned and re-importable.

The document holds the agenda, the participants (by anonymous number; a name only if
they typed one) and every accepted action in order. Importing replays those actions
through each activity's rules, so a restored workshop is exactly the one exported and
a file that breaks a rule is refused rather than half-loaded. `results` is derived, for
people reading the file, and ignored on import: each activity's summary (what the room
may see), and what still waits for the facilitator's review (`held_for_review`, with
its texts and what personal data it seems to hold), which the summary leaves out.
"""
import time
from datetime import UTC, datetime

import activities
from activities.base import FACILITATOR, PARTICIPANT, Actor, Context, Rejected, storable
from activities.contributions import held_for_review

from flask_babel import lazy_gettext as _l

from . import followup, security
from .i18n import gettext_noop
from .shapes import Shape
from .text import NAME_LIMIT, ORGANISATION_LIMIT, clean_organisations, clean_title

SCHEMA = "roundtable.workshop"
VERSION = 1
# The work one import may cause: every action is replayed, here (in slices that give
# way to other connections) and again when the workshop is first opened (in one go).
# A day of 40 people is about 4,000 actions (docs/security.md).
MAX_ACTIONS = 20_000
LARGEST = 10 ** 9  # participant and sequence numbers: the database's whole numbers, with room
LATEST = 10 ** 10  # action times, in seconds since 1970 (the year 2286)


def _iso(moment):
    return moment.replace(tzinfo=UTC).isoformat() if moment else None


def export_document(engine, code):
    live = engine.workshop(code)
    with engine.store.transaction() as tx:
        row = tx.workshop(live.id)
        participants = tx.participants(live.id)
        actions = tx.actions(live.id)
    numbers = {p.id: p.number for p in participants}
    index = {a.id: i for i, a in enumerate(live.activities)}
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "workshop": {
            "title": live.title,
            "code": live.code,
            "organisations": live.organisations,
            "current": live.current,
            "created_at": _iso(row.created_at),
            "last_used_at": _iso(row.last_used_at),
        },
        "agenda": [{"type": a.type_id, "config": a.config, "is_open": a.is_open,
                    "revealed": a.revealed} for a in live.activities],
        "participants": [{"number": p.number, "name": p.name, "organisation": p.organisation}
                         for p in participants],
        "actions": [{"activity": index[a.activity_id], "seq": a.seq,
                     "by": numbers.get(a.participant_id), "name": a.name,
                     "payload": a.payload, "reply": a.reply, "at": a.at}
                    for a in actions if a.activity_id in index],
        "results": [{"type": a.type_id, "summary": a.module.summary(a.state),
                     **({"held_for_review": held_for_review(a.module.contributions(a.state))}
                        if hasattr(a.module, "contributions") else {})}
                    for a in live.activities],
    }


def import_document(engine, document, agenda_only=False, give_way=None, follow_up=False):
    """A new workshop from an exported document; returns (code, facilitator key).
    Everything is checked before anything is written. `give_way()`, when given, is
    called every few milliseconds of checking, so that a server keeps answering others
    (the runtime's `sleep(0)`). `follow_up`: the agenda afresh, opening with a review of
    the actions the earlier workshop left open (followup.py)."""
    plan = _check(document, agenda_only and not follow_up, Slices(give_way))
    if follow_up:
        plan = followup.plan(plan)

    def fill(tx, row):
        activity_ids = [tx.add_activity(row.id, i, a["type"], a["config"], a["revealed"]).id
                        for i, a in enumerate(plan["agenda"])]
        for i, a in enumerate(plan["agenda"]):
            tx.update_activity(activity_ids[i], is_open=a["is_open"])
        # Each with a fresh random token nobody holds: the old phones cannot act here.
        people = tx.add_participants(row.id, [
            {"number": p["number"], "token_hash": security.digest(security.new_secret()),
             "name": p["name"], "organisation": p["organisation"]}
            for p in plan["participants"]])
        tx.add_actions([
            {"workshop_id": row.id, "activity_id": activity_ids[a["activity"]],
             "seq": a["seq"], "actor": f"p{people[a['by']]}" if a["by"] is not None
             else "facilitator", "participant_id": people.get(a["by"]), "client_id": None,
             "name": a["name"], "payload": a["payload"], "reply": a["reply"], "at": a["at"]}
            for a in plan["actions"]])
        tx.update_workshop(row.id, current=plan["current"],
                           participant_count=max(people, default=0),
                           version=max([a["seq"] for a in plan["actions"]], default=0) + 1)

    return engine.create_workshop(plan["title"], plan["organisations"], fill=fill)


class Slices:
    """Calls `give_way()` once every SLICE seconds of work."""

    SLICE = 0.01

    def __init__(self, give_way):
        self.give_way = give_way
        self.since = time.monotonic()

    def tick(self):
        if self.give_way is not None and time.monotonic() - self.since >= self.SLICE:
            self.give_way()
            self.since = time.monotonic()


def _described(kind, description, values=None, **rules):
    """A property of a schema and what it must be, in words (shapes.py says them in the
    reader's language, with `values` put in)."""
    return {"type": kind, "description": description, "values": values or {}, **rules}


WHOLE = gettext_noop("a whole number from 1 to %(most)s")
BIG = {"most": f"{LARGEST:,}"}
SHORT_TEXT = gettext_noop("text of at most %(most)s characters, or null")
ROLE_NAMES = {PARTICIPANT: _l("participant"), FACILITATOR: _l("facilitator")}
FILE_SHAPE = Shape({
    "type": "object",
    "description": gettext_noop("a Roundtable workshop file, a JSON object"),
    "required": ["version", "workshop", "agenda"],
    "properties": {
        "version": _described("integer", gettext_noop("the number %(version)s"),
                              {"version": VERSION}, const=VERSION),
        "workshop": {
            "type": "object", "description": gettext_noop("an object with the workshop's title"),
            "properties": {
                "title": _described("string", gettext_noop("the workshop's title, as text")),
                "organisations": _described("array", gettext_noop("a list of names, as text"),
                                            items={"type": "string",
                                                   "description": gettext_noop("a name, as text")}),
                "current": _described("integer", gettext_noop("the position of the activity "
                                                              "running, a whole number from "
                                                              "-1 up")),
            },
        },
        "agenda": _described("array", gettext_noop("a list of activities"), items={
            "type": "object", "description": gettext_noop("an activity, an object"),
            "required": ["type"],
            "properties": {
                "type": _described("string", gettext_noop("an activity type's name, as text")),
                "config": _described("object", gettext_noop("the activity's settings, an object")),
                "is_open": _described("boolean", gettext_noop("true or false")),
                "revealed": _described("boolean", gettext_noop("true or false")),
            },
        }),
        "participants": _described("array", gettext_noop("a list of participants")),
        "actions": _described("array", gettext_noop("a list of at most %(most)s actions"),
                              {"most": f"{MAX_ACTIONS:,}"}, maxItems=MAX_ACTIONS),
    },
})
PARTICIPANT_SHAPE = Shape({
    "type": "object", "description": gettext_noop("an object with the participant's number"),
    "required": ["number"],
    "properties": {
        "number": _described("integer", WHOLE, BIG, minimum=1, maximum=LARGEST),
        "name": _described(["string", "null"], SHORT_TEXT, {"most": NAME_LIMIT},
                           maxLength=NAME_LIMIT),
        "organisation": _described(["string", "null"], SHORT_TEXT, {"most": ORGANISATION_LIMIT},
                                   maxLength=ORGANISATION_LIMIT),
    },
})
ACTION_SHAPE = Shape({
    "type": "object", "description": gettext_noop("an action, an object"),
    "required": ["activity", "seq", "name", "payload", "at"],
    "properties": {
        "activity": _described("integer", gettext_noop("the activity's position on the "
                                                       "agenda, a whole number from 0 up"),
                              minimum=0),
        "seq": _described("integer", WHOLE, BIG, minimum=1, maximum=LARGEST),
        "by": _described(["integer", "null"],
                         gettext_noop("a participant's number (a whole number from 1 to "
                                      "%(most)s), or null for the facilitator"), BIG,
                         minimum=1, maximum=LARGEST),
        "name": _described("string", gettext_noop("the action's name, as text")),
        "payload": _described("object", gettext_noop("the action's details, an object")),
        "at": _described("number", gettext_noop("a time in seconds since 1970, from 0 to "
                                                "%(most)s"), {"most": f"{LATEST:,}"},
                         minimum=0, maximum=LATEST),
    },
})


def _check(document, agenda_only, slices):
    """Validate the whole document, replaying its actions in memory."""
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise Rejected(_l("This is not a Roundtable workshop file."))
    if document.get("version") != VERSION or isinstance(document.get("version"), bool):
        raise Rejected(_l("This file is version %(version)s; this Roundtable reads version "
                          "%(readable)s.", version=str(document.get("version"))[:20],
                          readable=VERSION))
    # No text the database cannot hold, no NaN or infinity; the actions one at a time.
    actions = document.get("actions") or []
    document = storable({**document, "actions": [], "results": None})
    FILE_SHAPE.check({**document, "actions": actions}, _l("In the file"))
    workshop, agenda = document["workshop"], document["agenda"]
    plan = {"title": clean_title(workshop.get("title")),
            "organisations": clean_organisations(workshop.get("organisations")),
            "agenda": [], "participants": [], "actions": [], "current": -1}
    states = []
    for position, item in enumerate(agenda):
        module = activities.get(item["type"])
        if module is None:
            raise Rejected(_l("Agenda item %(n)d is not a known activity type.", n=position + 1))
        config = activities.configure(module, item.get("config"))
        hidden_by_default = bool(config.get("hide_results", False))
        plan["agenda"].append({
            "type": module.type_id, "config": config,
            "is_open": True if agenda_only else item.get("is_open") is not False,
            "revealed": (not hidden_by_default) if agenda_only else item.get("revealed") is True,
        })
        states.append((module, module.initial_state(config)))
    plan["states"] = states  # replayed below: what a follow-up reads (followup.py)
    if agenda_only:
        return plan

    current = workshop.get("current", -1)
    if -1 <= current < len(agenda):
        plan["current"] = int(current)
    people = {}
    for n, item in enumerate(document.get("participants") or [], 1):
        PARTICIPANT_SHAPE.check(item, _l("Participant %(n)d in the file", n=n))
        number = int(item["number"])
        if number in people:
            raise Rejected(_l("Participant %(n)d in the file has the number %(number)d, "
                              "which another participant has too.", n=n, number=number))
        people[number] = Actor(PARTICIPANT, -number, number, item.get("organisation"))
        plan["participants"].append({"number": number, "name": item.get("name"),
                                     "organisation": item.get("organisation")})
        slices.tick()
    last = 0
    for n, item in enumerate(actions, 1):
        item = ACTION_SHAPE.check(storable(item), _l("Action %(n)d in the file", n=n))
        position, seq, by = int(item["activity"]), int(item["seq"]), item.get("by")
        if position >= len(states):
            raise Rejected(_l("Action %(n)d is for an activity that is not on the agenda.", n=n))
        if seq <= last:
            raise Rejected(_l("Action %(n)d is out of order.", n=n))
        last = seq
        by = None if by is None else int(by)
        actor = Actor(FACILITATOR) if by is None else people.get(by)
        if actor is None:
            raise Rejected(_l("Action %(n)d is by participant %(by)d, who is not in the file.",
                              n=n, by=by))
        module, state = states[position]
        name, payload, at = item["name"], item["payload"], float(item["at"])
        if name not in module.actions or actor.role not in module.actions[name].roles \
                or module.actions[name].reads:  # a read is never stored: not in an archive
            raise Rejected(_l("Action %(n)d is not something the %(role)s can do in "
                              "%(activity)s.", n=n, role=ROLE_NAMES[actor.role],
                              activity=module.title))
        try:
            # Stored as the action declares it: fields it does not declare are dropped.
            payload, reply = module.actions[name].perform(state, payload,
                                                          Context(actor, seq, at))
        except Rejected as exc:
            raise Rejected(_l("Action %(n)d breaks the activity's rules: %(why)s", n=n,
                              why=exc)) from None
        plan["actions"].append({"activity": position, "seq": seq, "by": by, "name": name,
                                "payload": payload, "reply": reply, "at": at})
        slices.tick()
    return plan
