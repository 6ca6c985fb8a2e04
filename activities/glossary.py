"""Shared language: partners say the terms they use at work and what they mean by them.

Two organisations once lost two months arguing "information sharing agreement" against
"information sharing contract" before someone saw they meant the same thing. The
glossary groups definitions by term, lets the facilitator link terms that mean the same
and mark terms that mean different things to different partners, and people +1 the
definitions they recognise."""
from dataclasses import dataclass, field

from .base import (FACILITATOR, OTHER, PARTICIPANT, Field, Rejected, linked_root, name_from,
                   name_key, plural, text_from)
from .contributions import MODERATION, find, fold_authors, mine, moderate, own, visible

type_id = "glossary"
title = "Shared language"
description = ("Participants add the terms they use and what they mean; you link terms "
               "that mean the same and mark those that mean different things.")

TERM_LIMIT = 80
MEANING_LIMIT = 280
ENTRIES_PER_PERSON = 10

config_fields = [
    Field("prompt", "Question", required=True, max_length=200,
          default="Which words do you use for sharing information, and what do you mean?"),
    Field("hide_results", "Hide the glossary from the room until I reveal it", kind="bool",
          default=False),
]

allowed = {"define": {PARTICIPANT, FACILITATOR}, "edit": {PARTICIPANT},
           "withdraw": {PARTICIPANT}, "plus_one": {PARTICIPANT},
           "link": {FACILITATOR}, "unlink": {FACILITATOR}, "mark": {FACILITATOR},
           **MODERATION}

STATUSES = ("open", "agreed", "contested")


@dataclass
class Entry:
    id: int
    author: int | None
    organisation: str | None
    term: str
    meaning: str
    plus: set = field(default_factory=set)
    hidden: bool = False


@dataclass
class State:
    config: dict
    entries: dict = field(default_factory=dict)  # id -> Entry
    same_as: dict = field(default_factory=dict)  # term key -> the term key it is linked to
    status: dict = field(default_factory=dict)  # group key -> "agreed" | "contested"


def initial_state(config):
    return State(config=config)


def handle(state, action, payload, ctx):
    actor = ctx.actor
    if action == "define":
        term = _term(payload)
        meaning = text_from(payload, "meaning", "What it means", MEANING_LIMIT)
        if actor.role == PARTICIPANT and sum(
                1 for e in state.entries.values()
                if e.author == actor.participant_id) >= ENTRIES_PER_PERSON:
            raise Rejected(f"You have added {ENTRIES_PER_PERSON} terms, the most one person can.")
        by_facilitator = actor.role == FACILITATOR
        state.entries[ctx.seq] = Entry(ctx.seq, None if by_facilitator else actor.participant_id,
                                       None if by_facilitator else actor.organisation,
                                       term, meaning)
        return {"id": ctx.seq}
    if action in ("edit", "withdraw"):
        entry = own(_entry(state, payload), actor.participant_id,
                    "You can only change your own definitions.")
        if action == "withdraw":
            del state.entries[entry.id]
        else:
            entry.term, entry.meaning = _term(payload), text_from(
                payload, "meaning", "What it means", MEANING_LIMIT)
        return {"id": entry.id}
    if action == "plus_one":
        entry = _entry(state, payload)
        if entry.hidden or entry.author == actor.participant_id:
            raise Rejected("+1 other people's definitions.")
        if actor.participant_id in entry.plus:
            raise Rejected("You have already given that definition a +1.")
        entry.plus.add(actor.participant_id)
        return {"id": entry.id, "plus": len(entry.plus)}
    if action in MODERATION:
        return moderate(_entry(state, payload), action)
    if action == "link":
        term, other = _known(state, payload, "term"), _known(state, payload, "same_as")
        root, other_root = linked_root(state.same_as, term), linked_root(state.same_as, other)
        if root == other_root:
            raise Rejected("Those terms are already linked.")
        state.same_as[root] = other_root
        if root in state.status:  # the merged group keeps the stronger judgement
            state.status.setdefault(other_root, state.status.pop(root))
        return {"term": root, "same_as": other_root}
    if action == "unlink":
        # Takes this one term out of its group; the rest of the group stays linked.
        term = _known(state, payload, "term")
        linked_here = [k for k, v in state.same_as.items() if v == term]
        if term not in state.same_as and not linked_here:
            raise Rejected("That term is not linked to another.")
        target = state.same_as.pop(term, None)
        if target is None:  # it held the group together: the first linked to it does now
            target = linked_here.pop(0)
            del state.same_as[target]
            if term in state.status:
                state.status[target] = state.status.pop(term)
        for other in linked_here:
            state.same_as[other] = target
        return {"term": term}
    if action == "mark":
        root = linked_root(state.same_as, _known(state, payload, "term"))
        status = payload.get("status")
        if status not in STATUSES:
            raise Rejected("Mark a term open, agreed or contested.")
        if status == "open":
            state.status.pop(root, None)
        else:
            state.status[root] = status
        return {"term": root, "status": status}
    raise Rejected(f"Shared language has no action called '{action}'.")


def _term(payload):
    return name_from(payload, "term", TERM_LIMIT, "Give the term you use.",
                     f"Keep the term to {TERM_LIMIT} characters.")


def _entry(state, payload):
    return find(state.entries, payload, "The definition's id",
                "That definition is no longer there.")


def _known(state, payload, name):
    value = payload.get(name)
    if not isinstance(value, str) or name_key(value) not in {name_key(e.term)
                                                        for e in state.entries.values()}:
        raise Rejected("Choose a term from the glossary.")
    return name_key(value)


# ---------------------------------------------------------------------- views
def _groups(state, with_hidden=False):
    """Terms grouped with their synonyms; each group with its definitions."""
    entries = list(state.entries.values()) if with_hidden else visible(state.entries.values())
    groups = {}
    for entry in entries:
        root = linked_root(state.same_as, name_key(entry.term))
        group = groups.setdefault(root, {"key": root, "terms": [], "definitions": [],
                                         "status": state.status.get(root, "open")})
        if entry.term not in group["terms"] and name_key(entry.term) not in \
                {name_key(t) for t in group["terms"]}:
            group["terms"].append(entry.term)
        group["definitions"].append(entry)
    shown = fold_authors(entries)
    result = []
    for group in sorted(groups.values(), key=lambda g: g["terms"][0].casefold()):
        result.append({
            "key": group["key"], "terms": group["terms"], "status": group["status"],
            "definitions": [
                {"id": e.id, "term": e.term, "meaning": e.meaning, "plus": len(e.plus),
                 "organisation": shown.get(e.organisation, OTHER) if e.author is not None
                 else "", **({"hidden": e.hidden} if with_hidden else {})}
                for e in sorted(group["definitions"], key=lambda e: -len(e.plus))],
        })
    return result


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"],
            "count": len(visible(state.entries.values()))}
    if role == FACILITATOR:
        view["groups"] = _groups(state, with_hidden=True)
    elif revealed:
        view["groups"] = _groups(state)
    return view


def own_view(state, participant_id):
    return {"entries": [{"id": e.id, "term": e.term, "meaning": e.meaning}
                        for e in mine(state.entries.values(), participant_id)],
            "plus": [e.id for e in state.entries.values() if participant_id in e.plus]}


def items(state):
    """The terms, for a later vote (e.g. which to agree first)."""
    return [{"id": g["key"], "text": " = ".join(g["terms"]), "group": g["status"]}
            for g in _groups(state)]


def summary(state):
    groups = _groups(state)
    return {"prompt": state.config["prompt"],
            "agreed": [g for g in groups if g["status"] == "agreed"],
            "contested": [g for g in groups if g["status"] == "contested"],
            "open": [g for g in groups if g["status"] == "open"]}


def report(state):
    groups = _groups(state)
    definitions = sum(len(g["definitions"]) for g in groups)
    blocks = [{"kind": "text", "text": f"{plural(len(groups), 'term')}, "
                                       f"{plural(definitions, 'definition')}."}]
    for status, caption in (("agreed", "Agreed terms"),
                            ("contested", "Terms that mean different things to different partners"),
                            ("open", "Terms not yet settled")):
        chosen = [g for g in groups if g["status"] == status]
        if chosen:
            blocks.append({"kind": "table", "caption": caption,
                           "columns": ["Term and synonyms", "What partners mean by it"],
                           "rows": [[" = ".join(g["terms"]),
                                     [f"{d['meaning']} ({d['organisation'] or 'facilitator'}"
                                      f"{', +' + str(d['plus']) if d['plus'] else ''})"
                                      for d in g["definitions"]]] for g in chosen],
                           "header_column": True})
    return blocks


def export_rows(state):
    rows = []
    for group in _groups(state, with_hidden=True):
        for d in group["definitions"]:
            rows.append({"term_group": " = ".join(group["terms"]), "status": group["status"],
                         "term": d["term"], "meaning": d["meaning"], "plus_ones": d["plus"],
                         "organisation": d["organisation"], "hidden": d["hidden"]})
    return rows
