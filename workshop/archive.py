"""The workshop as one JSON document: complete, versioned and re-importable.

The document holds the agenda, the participants (by anonymous number; a name only if
they typed one) and every accepted action in order. Importing replays those actions
through each activity's rules, so a restored workshop is exactly the one exported and
a file that breaks a rule is refused rather than half-loaded. `results` is derived, for
people reading the file, and ignored on import.
"""
from datetime import UTC, datetime

import activities
from activities.base import Actor, Context, Rejected, FACILITATOR, PARTICIPANT, storable

from . import security
from .engine import (NAME_LIMIT, ORGANISATION_LIMIT, _configure, clean_organisations,
                     _clean_title)

SCHEMA = "roundtable.workshop"
VERSION = 1
MAX_ACTIONS = 200_000
LARGEST = 10 ** 9  # participant and sequence numbers: the database's whole numbers, with room


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
        "results": [{"type": a.type_id, "summary": a.module.summary(a.state)}
                    for a in live.activities],
    }


def import_document(engine, document, agenda_only=False):
    """A new workshop from an exported document; returns (code, facilitator key).
    Everything is checked before anything is written."""
    plan = _check(document, agenda_only)

    def fill(tx, row):
        activity_ids = [tx.add_activity(row.id, i, a["type"], a["config"], a["revealed"]).id
                        for i, a in enumerate(plan["agenda"])]
        for i, a in enumerate(plan["agenda"]):
            tx.update_activity(activity_ids[i], is_open=a["is_open"])
        people = {}
        for p in plan["participants"]:
            # A fresh random token nobody holds: the old phones cannot act here.
            participant = tx.add_participant(row.id, p["number"],
                                             security.digest(security.new_secret()),
                                             p["name"], p["organisation"])
            people[p["number"]] = participant.id
        for a in plan["actions"]:
            participant_id = people.get(a["by"])
            tx.add_action(workshop_id=row.id, activity_id=activity_ids[a["activity"]],
                          seq=a["seq"], actor=f"p{participant_id}" if participant_id
                          else "facilitator", participant_id=participant_id, client_id=None,
                          name=a["name"], payload=a["payload"], reply=a["reply"], at=a["at"])
        tx.update_workshop(row.id, current=plan["current"],
                           participant_count=max(people, default=0),
                           version=max([a["seq"] for a in plan["actions"]], default=0) + 1)

    return engine.create_workshop(plan["title"], plan["organisations"], fill=fill)


def _check(document, agenda_only):
    """Validate the whole document, replaying its actions in memory."""
    document = storable(document)  # no text the database cannot hold, no NaN or infinity
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise Rejected("This is not a Roundtable workshop file.")
    if document.get("version") != VERSION:
        raise Rejected(f"This file is version {document.get('version')}; this Roundtable "
                       f"reads version {VERSION}.")
    workshop = document.get("workshop")
    agenda = document.get("agenda")
    if not isinstance(workshop, dict) or not isinstance(agenda, list):
        raise Rejected("The file has no workshop or no agenda.")
    plan = {"title": _clean_title(workshop.get("title")),
            "organisations": clean_organisations(workshop.get("organisations")),
            "agenda": [], "participants": [], "actions": [], "current": -1}
    states = []
    for position, item in enumerate(agenda):
        module = activities.get(item.get("type")) if isinstance(item, dict) else None
        if module is None:
            raise Rejected(f"Agenda item {position + 1} is not a known activity type.")
        config = _configure(module, item.get("config"))
        hidden_by_default = bool(config.get("hide_results", False))
        plan["agenda"].append({
            "type": module.type_id, "config": config,
            "is_open": True if agenda_only else item.get("is_open") is not False,
            "revealed": (not hidden_by_default) if agenda_only else item.get("revealed") is True,
        })
        states.append((module, module.initial_state(config)))
    if agenda_only:
        return plan

    current = workshop.get("current", -1)
    if isinstance(current, int) and not isinstance(current, bool) and \
            -1 <= current < len(agenda):
        plan["current"] = current
    people = {}
    for item in document.get("participants") or []:
        number = item.get("number") if isinstance(item, dict) else None
        if isinstance(number, bool) or not isinstance(number, int) or \
                not 1 <= number <= LARGEST or number in people:
            raise Rejected("Each participant needs a different number, 1 or more.")
        name, organisation = item.get("name"), item.get("organisation")
        # The limits of the join form, which are the database columns' sizes.
        for value, limit in ((name, NAME_LIMIT), (organisation, ORGANISATION_LIMIT)):
            if value is not None and (not isinstance(value, str) or len(value) > limit):
                raise Rejected(f"Participant {number}'s name or organisation is not text "
                               f"of at most {limit} characters.")
        people[number] = Actor(PARTICIPANT, -number, number, organisation)
        plan["participants"].append({"number": number, "name": name,
                                     "organisation": organisation})
    actions = document.get("actions") or []
    if not isinstance(actions, list) or len(actions) > MAX_ACTIONS:
        raise Rejected("The file's actions are not a list, or there are too many.")
    last = 0
    for n, item in enumerate(actions, 1):
        if not isinstance(item, dict):
            raise Rejected(f"Action {n} is not an object.")
        position, seq, by = item.get("activity"), item.get("seq"), item.get("by")
        if not isinstance(position, int) or not 0 <= position < len(states):
            raise Rejected(f"Action {n} is for an activity that is not on the agenda.")
        if isinstance(seq, bool) or not isinstance(seq, int) or not last < seq <= LARGEST:
            raise Rejected(f"Action {n} is out of order.")
        last = seq
        actor = Actor(FACILITATOR) if by is None else \
            people.get(by) if isinstance(by, int) and not isinstance(by, bool) else None
        if actor is None:
            raise Rejected(f"Action {n} is by participant {by}, who is not in the file.")
        at = item.get("at")
        if not isinstance(at, (int, float)) or isinstance(at, bool):
            raise Rejected(f"Action {n} has no time.")
        module, state = states[position]
        name, payload = item.get("name"), item.get("payload")
        if not isinstance(name, str) or name not in module.allowed or \
                actor.role not in module.allowed[name] or not isinstance(payload, dict):
            raise Rejected(f"Action {n} is not something a {actor.role} can do in "
                           f"{module.title}.")
        try:
            reply = module.handle(state, name, payload, Context(actor, seq, float(at)))
        except Rejected as exc:
            raise Rejected(f"Action {n} breaks the activity's rules: {exc}") from None
        plan["actions"].append({"activity": position, "seq": seq, "by": by, "name": name,
                                "payload": payload, "reply": reply, "at": float(at)})
    return plan
