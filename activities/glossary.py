"""Shared language: partners say the terms they use at work and what they mean by them.

Two organisations once lost two months arguing "information sharing agreement" against
"information sharing contract" before someone saw they meant the same thing. The
glossary groups definitions by term, lets the facilitator link terms that mean the same
and mark terms that mean different things to different partners, and people +1 the
definitions they recognise."""
import heapq
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_babel import gettext as _
from flask_babel import ngettext

from .actions import Action
from .base import (N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, linked_root,
                   name_key)
from .contributions import (REVIEW, WHOLE_ROOM, Contribution, Contributions, PlusOneRefusals,
                            approved, check_limit, find, id_field, mine, moderation, own, plus_one,
                            plussed, shown_organisations, visible)

type_id = "glossary"
title = _l("Shared language")
description = (_l("Participants add the terms they use and what they mean; you link terms "
               "that mean the same and mark those that mean different things."))

TERM_LIMIT = 80
MEANING_LIMIT = 280
ENTRIES_PER_PERSON = 10
# What a presenter is sent: the terms with most definitions (pages of them turn by
# themselves) and, of each, the meanings with most +1s that its card shows.
TERMS_ON_SCREEN = 60
MEANINGS_ON_SCREEN = 3
TERMS_ON_PHONE = 12  # a phone scrolls; it is sent these, and how many terms there are
MEANINGS_ON_PHONE = 2

config_fields = [
    Field("prompt", _l("Question"), translatable=True, required=True, max_length=200,
          default=N_("Which words do you use for sharing information, and what do you mean?")),
    Field("hide_results", _l("Hide the glossary from the room until I reveal it"), kind="bool",
          default=False),
    REVIEW,
]

STATUSES = ("open", "agreed", "contested")


@dataclass(kw_only=True)
class Entry(Contribution):
    TEXTS = ("term", "meaning")
    term: str
    meaning: str


@dataclass
class State:
    config: dict
    entries: Contributions = field(default_factory=Contributions)  # id -> Entry
    same_as: dict = field(default_factory=dict)  # term key -> the term key it is linked to
    status: dict = field(default_factory=dict)  # group key -> "agreed" | "contested"


def initial_state(config):
    return State(config=config)


def _define(state, payload, ctx):
    check_limit(state.entries, ctx, ENTRIES_PER_PERSON,
                lazy_ngettext("You have added %(num)d term, the most one person can.",
                              "You have added %(num)d terms, the most one person can.",
                              ENTRIES_PER_PERSON))
    entry = Entry.made(ctx, state.config, term=payload["term"], meaning=payload["meaning"])
    state.entries[entry.id] = entry
    return {"id": entry.id}


def _edit(state, payload, ctx):
    _own(state, payload, ctx).change(ctx, state.config, term=payload["term"],
                                     meaning=payload["meaning"])
    return {"id": payload["id"]}


def _withdraw(state, payload, ctx):
    entry = _own(state, payload, ctx)
    del state.entries[entry.id]
    return {"id": entry.id}


def _plus_one(state, payload, ctx):
    return plus_one(_entry(state, payload), ctx, PlusOneRefusals(
        _l("That definition is no longer there."),
        _l("That is your own definition: +1 other people's."),
        _l("You have already given that definition a +1.")))


def _link(state, payload, ctx):
    term, other = _known(state, payload, "term"), _known(state, payload, "same_as")
    root, other_root = linked_root(state.same_as, term), linked_root(state.same_as, other)
    if root == other_root:
        raise Rejected(_l("Those terms are already linked."))
    state.same_as[root] = other_root
    if root in state.status:  # the merged group keeps the stronger judgement
        state.status.setdefault(other_root, state.status.pop(root))
    return {"term": root, "same_as": other_root}


def _unlink(state, payload, ctx):
    """Takes this one term out of its group; the rest of the group stays linked."""
    term = _known(state, payload, "term")
    linked_here = [k for k, v in state.same_as.items() if v == term]
    if term not in state.same_as and not linked_here:
        raise Rejected(_l("That term is not linked to another."))
    target = state.same_as.pop(term, None)
    if target is None:  # it held the group together: the first linked to it does now
        target = linked_here.pop(0)
        del state.same_as[target]
        if term in state.status:
            state.status[target] = state.status.pop(term)
    for other in linked_here:
        state.same_as[other] = target
    return {"term": term}


def _mark(state, payload, ctx):
    root = linked_root(state.same_as, _known(state, payload, "term"))
    status = payload["status"]
    if status == "open":
        state.status.pop(root, None)
    else:
        state.status[root] = status
    return {"term": root, "status": status}


def contributions(state):
    return state.entries.values()


def _entry(state, payload):
    return find(state.entries, payload["id"], _l("That definition is no longer there."))


def _own(state, payload, ctx):
    return own(_entry(state, payload), ctx.actor.participant_id,
               _l("You can only change your own definitions."))


def _known(state, payload, name):
    if name_key(payload[name]) not in {name_key(e.term) for e in state.entries.values()}:
        raise Rejected(CHOSEN.error)
    return name_key(payload[name])


TERM = Field("term", _l("The term"), required=True, max_length=TERM_LIMIT,
             error=_l("Give the term you use."))
MEANING = Field("meaning", _l("What it means"), kind="textarea", required=True,
                max_length=MEANING_LIMIT)
ENTRY = id_field("definition")
CHOSEN = Field("term", _l("The term"), kind="key", required=True, max_length=TERM_LIMIT,
               error=_l("Choose a term from the glossary."), help="a term in the glossary")

actions = {
    "define": Action(_define, (PARTICIPANT, FACILITATOR), [TERM, MEANING], reply={"id": 21},
                     doc=f"Adds a term and what they mean by it. Up to {ENTRIES_PER_PERSON} "
                         "per participant; the facilitator's have no organisation."),
    "edit": Action(_edit, (PARTICIPANT,), [ENTRY, TERM, MEANING], reply={"id": 21},
                   doc="Changes one of their own definitions."),
    "withdraw": Action(_withdraw, (PARTICIPANT,), [ENTRY], reply={"id": 21},
                       doc="Removes one of their own definitions."),
    "plus_one": Action(_plus_one, (PARTICIPANT,), [ENTRY], reply={"id": 22, "plus": 1},
                       doc="Recognises someone else's definition, once."),
    "link": Action(_link, (FACILITATOR,), [CHOSEN, Field(
        "same_as", _l("The other term"), kind="key", required=True, max_length=TERM_LIMIT,
        error=CHOSEN.error, help="another term in the glossary")],
        reply={"term": "information sharing contract",
               "same_as": "information sharing agreement"},
        doc="Links two terms that mean the same: their groups become one. The reply gives "
            "the keys (the terms in lower case)."),
    "unlink": Action(_unlink, (FACILITATOR,), [CHOSEN],
                     reply={"term": "information sharing contract"},
                     doc="Takes one term out of its group; the rest stays linked."),
    "mark": Action(_mark, (FACILITATOR,), [CHOSEN, Field(
        "status", _l("The mark"), kind="choice", required=True, choices=STATUSES,
        error=_l("Mark a term open, agreed or contested."))],
        reply={"term": "information sharing agreement", "status": "agreed"},
        doc="Marks a term's group agreed, contested (it means different things to "
            "different partners) or open again."),
    **moderation(_entry, "definition", contributions),
}


# ---------------------------------------------------------------------- views
def _groups(state, entries=visible, marked=False):
    """Terms grouped with their synonyms; each group with its definitions: `entries`
    chooses which (those the room may see, unless said), `marked` adds their marks."""
    entries = entries(state.entries.values())
    groups = {}
    for entry in entries:
        root = linked_root(state.same_as, name_key(entry.term))
        group = groups.setdefault(root, {"key": root, "terms": [], "definitions": [],
                                         "status": state.status.get(root, "open")})
        if entry.term not in group["terms"] and name_key(entry.term) not in \
                {name_key(t) for t in group["terms"]}:
            group["terms"].append(entry.term)
        group["definitions"].append(entry)
    shown = shown_organisations(entries)
    result = []
    for group in sorted(groups.values(), key=lambda g: g["terms"][0].casefold()):
        result.append({
            "key": group["key"], "terms": group["terms"], "status": group["status"],
            "definitions": [
                {"id": e.id, "term": e.term, "meaning": e.meaning, "plus": len(e.plus),
                 "organisation": shown[e.id], **(e.marks() if marked else {})}
                for e in sorted(group["definitions"], key=lambda e: -len(e.plus))],
        })
    return result


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"],
            "count": len(visible(state.entries.values()))}
    if role == FACILITATOR:
        view["groups"] = _groups(state, entries=list, marked=True)
    elif revealed:
        view["groups"] = _groups(state)
        view["terms"] = len(view["groups"])
        view["groups"] = _on_screen(view["groups"], *(
            (TERMS_ON_SCREEN, MEANINGS_ON_SCREEN) if role == PRESENTER
            else _on_phone(view["groups"])))
    return view


def _on_phone(groups):
    """How many terms, and meanings of each, a phone is sent: all of a room's worth,
    else TERMS_ON_PHONE with MEANINGS_ON_PHONE each."""
    meanings = [len(g["definitions"]) for g in groups]
    return ((len(groups), max(meanings, default=0)) if sum(meanings) <= WHOLE_ROOM
            else (TERMS_ON_PHONE, MEANINGS_ON_PHONE))


def _on_screen(groups, terms, meanings):
    """What a screen shows of the glossary, in its order: the `terms` with most
    definitions, each with its top `meanings` (the groups list them by +1s) and how many
    meanings it has."""
    kept = {g["key"] for g in heapq.nlargest(terms, groups,
                                             key=lambda g: len(g["definitions"]))}
    return [{**g, "definitions": g["definitions"][:meanings],
             "meanings": len(g["definitions"])} for g in groups if g["key"] in kept]


def own_view(state, participant_id):
    return {"entries": [{"id": e.id, "term": e.term, "meaning": e.meaning, "waiting": e.held}
                        for e in mine(state.entries, participant_id)],
            "plus": plussed(state.entries.values(), participant_id)}


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
    blocks = [{"kind": "text", "text": ngettext(
        "%(terms)s, %(num)d definition.", "%(terms)s, %(num)d definitions.", definitions,
        terms=ngettext("%(num)d term", "%(num)d terms", len(groups)))}]
    for status, caption in (("agreed", _("Agreed terms")),
                            ("contested",
                             _("Terms that mean different things to different partners")),
                            ("open", _("Terms not yet settled"))):
        chosen = [g for g in groups if g["status"] == status]
        if chosen:
            blocks.append({"kind": "table", "caption": caption,
                           "columns": [_("Term and synonyms"), _("What partners mean by it")],
                           "rows": [[" = ".join(g["terms"]),
                                     [f"{d['meaning']} ({d['organisation'] or 'facilitator'}"
                                      f"{', +' + str(d['plus']) if d['plus'] else ''})"
                                      for d in g["definitions"]]] for g in chosen],
                           "header_column": True})
    return blocks


def export_rows(state):
    rows = []
    for group in _groups(state, entries=approved, marked=True):
        for d in group["definitions"]:
            rows.append({"term_group": " = ".join(group["terms"]), "status": group["status"],
                         "term": d["term"], "meaning": d["meaning"], "plus_ones": d["plus"],
                         "organisation": d["organisation"], "hidden": d["hidden"]})
    return rows
