"""Action plan: what the partnership will do next, who owns it and by when. Actions are
proposed from phones or by the facilitator (or start from an earlier activity's items,
such as the barriers that got most dots); each has an owner organisation, a due date and
a status, and the room agrees them on the projector.

A workshop started from an earlier one's file brings that workshop's open actions back
(`review` in the settings, one per line), so that the room says where each stands: done,
in progress or stuck. The report says what changed since.

An action the room has agreed is the facilitator's to change: its proposer can no longer
edit or withdraw it, so what was agreed stays what was agreed."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext, ngettext

from .actions import Action
from .base import N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, clean_text, iso_date
from .contributions import (REVIEW, Contribution, Contributions, PlusOneRefusals,
                            approved, check_limit, find, id_field, mine, moderation, on_phone, own,
                            plus_one, plussed, shown_organisations, visible)

type_id = "actionplan"
title = _l("Action plan")
description = _l("Actions proposed from phones or by you, each with an owner organisation, a "
                 "due date and a status; the room agrees them on the screen. Can review the "
                 "open actions of an earlier workshop.")

TEXT_LIMIT = 280
OWNER_LIMIT = 80  # as long as an organisation's name (workshop/text.py)
PROPOSALS_PER_PERSON = 5
# What a presenter is sent: the agreed actions due first, and the proposals most supported
AGREED_ON_SCREEN = 60
PROPOSED_ON_SCREEN = 20
MAX_LINES = 60
# In English in the views and the `review` setting (which reads them back); each screen
# shows them in its language.
STATUSES = {"open": N_("Not started"), "progress": N_("In progress"), "done": N_("Done"),
            "stuck": N_("Stuck")}
REVIEW_STATUSES = ("done", "progress", "stuck")  # what the review step asks of each

config_fields = [
    Field("prompt", _l("Title"), translatable=True, required=True, max_length=200,
          default=N_("What will we do, who will do it, and by when?")),
    Field("starting", _l("Actions to start from, one per line"), kind="textarea",
          max_length=MAX_LINES * (TEXT_LIMIT + 1), picker=True,
          help=_l("Type them, or take them from an earlier activity (the barriers that got "
                  "most dots, say). The room gives each an owner and a date.")),
    Field("review", _l("Actions from an earlier workshop to review, one per line: "
                       "action | owner | due date | status"), kind="textarea",
          max_length=MAX_LINES * (TEXT_LIMIT + OWNER_LIMIT + 40),
          help=_l("Filled in when a workshop is started from an earlier one's file. The room "
                  "says whether each is done, in progress or stuck.")),
    Field("proposals", _l("Let participants propose actions"), kind="bool", default=True),
    Field("hide_results", _l("Hide the actions from the room until I reveal them"),
          kind="bool", default=False),
    REVIEW,
]


def _lines(text):
    lines = [clean_text(line.lstrip("-•* \t")) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > MAX_LINES:
        raise Rejected(lazy_ngettext("An action plan can start from up to %(num)d action.",
                                     "An action plan can start from up to %(num)d actions.",
                                     MAX_LINES))
    return lines


def _text(text, where):
    if len(text) > TEXT_LIMIT:
        raise Rejected(_l("%(where)s: please keep each action to %(limit)d characters "
                          "(“%(start)s…” has %(length)d).", where=where, limit=TEXT_LIMIT,
                          start=text[:30], length=len(text)))
    return text


def parse_review(text):
    """The review lines as {text, owner, due, status}: `action | owner | due | status`,
    everything after the action optional."""
    carried = []
    for line in _lines(text):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 4:
            raise Rejected(_l("Actions to review: “%(start)s…” has more than four parts; "
                              "write it as action | owner | due date | status.",
                              start=line[:30]))
        words, owner, due, status = (parts + [""] * 4)[:4]
        if not words:
            raise Rejected(_l("Actions to review: each line starts with the action."))
        if len(owner) > OWNER_LIMIT:
            raise Rejected(_l("Actions to review: keep each owner to %(limit)d characters.",
                              limit=OWNER_LIMIT))
        carried.append({"text": _text(words, _l("Actions to review")), "owner": owner or None,
                        "due": iso_date(due, _l("Actions to review: a due date")) if due
                        else None,
                        "status": _status_named(status) if status else "open"})
    return carried


def _status_named(words):
    """A status from its key or its words ("in progress"), any case."""
    for key, label in STATUSES.items():
        if words.casefold() in (key, label.casefold()):
            return key
    raise Rejected(_l("Actions to review: “%(words)s” is not a status; use %(statuses)s.",
                      words=words[:30], statuses=", ".join(s.lower() for s in STATUSES.values())))


def review_line(action):
    """An action as a line of the `review` setting (what parse_review reads)."""
    parts = [action["text"], action.get("owner") or "", action.get("due") or "",
             STATUSES[action.get("status") or "open"].lower()]
    return " | ".join(parts)


def check_config(config):
    starting = [_text(line, _l("Actions to start from")) for line in _lines(config["starting"])]
    review = [review_line(a) for a in parse_review(config["review"])]
    return {**config, "starting": "\n".join(starting), "review": "\n".join(review)}


@dataclass(kw_only=True)
class Item(Contribution):
    TEXTS = ("text", "owner")
    text: str
    owner: str | None = None
    due: str | None = None  # YYYY-MM-DD
    status: str = "open"
    agreed: bool = False
    origin: str = "proposed"  # "proposed", "starting" (from the settings), "review"
    was: str | None = None  # a reviewed action's status at the earlier workshop
    reviewed: bool = False  # its status has been said in this workshop


@dataclass
class State:
    config: dict
    items: Contributions = field(default_factory=Contributions)  # in the order they came


def initial_state(config):
    """The settings' actions come first, with ids below zero so that they never meet an
    action's sequence number: reviewed ones (agreed at the earlier workshop), then the
    ones to start from."""
    items = Contributions()
    for n, carried in enumerate(parse_review(config["review"]), 1):
        items[-1000 - n] = Item(id=-1000 - n, text=carried["text"], owner=carried["owner"],
                                due=carried["due"], status=carried["status"], agreed=True,
                                origin="review", was=carried["status"])
    for n, text in enumerate(config["starting"].splitlines(), 1):
        items[-n] = Item(id=-n, text=text, origin="starting")
    return State(config=config, items=items)


# ---------------------------------------------------------------------- actions
def _propose(state, payload, ctx):
    if ctx.actor.role == PARTICIPANT and not state.config["proposals"]:
        raise Rejected(_l("This action plan takes no proposals from phones."))
    check_limit(state.items, ctx, PROPOSALS_PER_PERSON,
                lazy_ngettext("You have proposed %(num)d action, the most one person can. "
                              "You can change or withdraw it.",
                              "You have proposed %(num)d actions, the most one person can. "
                              "You can change or withdraw one of them.", PROPOSALS_PER_PERSON))
    item = Item.made(ctx, state.config, text=payload["text"], owner=payload["owner"] or None,
                     due=payload["due"])
    state.items[item.id] = item
    return {"id": item.id}


def _edit(state, payload, ctx):
    item = _own(state, payload, ctx)
    item.change(ctx, state.config, text=payload["text"], owner=payload["owner"] or None,
                due=payload["due"])
    return {"id": item.id}


def _withdraw(state, payload, ctx):
    item = _own(state, payload, ctx)
    del state.items[item.id]
    return {"id": item.id}


def _support(state, payload, ctx):
    item = _item(state, payload)
    if item.origin == "review":
        raise Rejected(_l("That action is from the earlier workshop: say where it stands "
                          "instead."))
    return plus_one(item, ctx, PlusOneRefusals(
        _l("That action is no longer there."),
        _l("That is your own action: support other people's."),
        _l("You have already supported that action.")))


def _update(state, payload, ctx):
    item = _item(state, payload)
    item.change(ctx, state.config, text=payload["text"], owner=payload["owner"] or None,
                due=payload["due"])
    if item.agreed:
        _check_agreeable(item)
    return {"id": item.id}


def _agree(state, payload, ctx):
    item = _item(state, payload)
    if item.hidden:
        raise Rejected(_l("That action is hidden: restore it first."))
    if item.held:
        raise Rejected(_l("That action waits for your review: approve it first."))
    _check_agreeable(item)
    item.agreed = True
    return {"id": item.id, "agreed": True}


def _unagree(state, payload, ctx):
    item = _item(state, payload)
    if item.origin == "review":
        raise Rejected(_l("That action was agreed at the earlier workshop: say where it "
                          "stands instead."))
    item.agreed = False
    return {"id": item.id, "agreed": False}


def _status(state, payload, ctx):
    item = _item(state, payload)
    if not item.agreed:
        raise Rejected(_l("Agree the action first: only agreed actions have a status."))
    item.status = payload["status"]
    item.reviewed = item.origin == "review"
    return {"id": item.id, "status": item.status}


def _check_agreeable(item):
    if not item.owner or not item.due:
        raise Rejected(_l("An agreed action needs an owner and a due date: give it both."))


def contributions(state):
    return state.items.values()


def _item(state, payload):
    return find(state.items, payload["id"], _l("That action is no longer there."))


def _own(state, payload, ctx):
    item = own(_item(state, payload), ctx.actor.participant_id,
               _l("You can only change the actions you proposed."))
    if item.agreed:
        raise Rejected(_l("The room has agreed that action: ask the facilitator to change "
                          "it."))
    return item


def _due(value):
    return None if value in (None, "") else iso_date(value, _l("The due date"))


TEXT = Field("text", _l("The action"), kind="textarea", required=True, max_length=TEXT_LIMIT,
             error=_l("Say what the action is."))
OWNER = Field("owner", _l("Owner"), max_length=OWNER_LIMIT, default="",
              help="the organisation that owns it; `\"\"` for none yet")
DUE = Field("due", _l("Due date"), kind="data", check=_due, example="2027-03-31",
            help="`YYYY-MM-DD`, or `null` for none yet")
ITEM = id_field("action")

actions = {
    "propose": Action(_propose, (PARTICIPANT, FACILITATOR), [TEXT, OWNER, DUE],
                      reply={"id": 31},
                      doc=f"Proposes an action, with an owner and a due date if known. Up to "
                          f"{PROPOSALS_PER_PERSON} per participant, when `proposals` is on; "
                          "the facilitator's are marked `by_facilitator`."),
    "edit": Action(_edit, (PARTICIPANT,), [ITEM, TEXT, OWNER, DUE], reply={"id": 31},
                   doc="Changes one of their own proposals, until the room agrees it."),
    "withdraw": Action(_withdraw, (PARTICIPANT,), [ITEM], reply={"id": 31},
                       doc="Withdraws one of their own proposals, until the room agrees it."),
    "support": Action(_support, (PARTICIPANT,), [ITEM], reply={"id": 31, "plus": 4},
                      doc="Supports someone else's proposed action, once (+1)."),
    "update": Action(_update, (FACILITATOR,), [ITEM, TEXT, OWNER, DUE], reply={"id": 31},
                     doc="Sets an action's words, owner and due date (all three: `\"\"` and "
                         "`null` for none). An agreed action keeps an owner and a date."),
    "agree": Action(_agree, (FACILITATOR,), [ITEM], reply={"id": 31, "agreed": True},
                    doc="The room agrees the action. It needs an owner and a due date."),
    "unagree": Action(_unagree, (FACILITATOR,), [ITEM], reply={"id": 31, "agreed": False},
                      doc="Takes the agreement back (not for an earlier workshop's actions)."),
    "status": Action(_status, (FACILITATOR,), [ITEM, Field(
        "status", _l("The status"), kind="choice", required=True, choices=tuple(STATUSES),
        error=_l("Choose a status: %(statuses)s.", statuses=", ".join(STATUSES)))],
        reply={"id": 31, "status": "progress"},
        doc="Sets an agreed action's status. For an action from an earlier workshop, this "
            "is the review: done, in progress or stuck."),
    **moderation(_item, "action", contributions),
}


# ---------------------------------------------------------------------- views
def _shown(state, item):
    return {"id": item.id, "text": item.text, "owner": item.owner, "due": item.due,
            "status": item.status, "agreed": item.agreed, "origin": item.origin,
            "plus": len(item.plus)}


def _ordered(items):
    """Agreed actions by due date, then proposals, most supported first; otherwise in
    the order they came."""
    return sorted(items, key=lambda i: (not i.agreed, i.due or "9999" if i.agreed else "",
                                        -len(i.plus)))


def _reviewed(state):
    return [{"id": i.id, "text": i.text, "owner": i.owner, "due": i.due, "was": i.was,
             "status": i.status, "reviewed": i.reviewed}
            for i in visible(state.items.values()) if i.origin == "review"]


def _plan(state):
    return [i for i in visible(state.items.values()) if i.origin != "review"]


def public_view(state, role, revealed):
    plan = _plan(state)
    view = {"prompt": state.config["prompt"], "statuses": STATUSES,
            "proposals": state.config["proposals"], "count": len(plan),
            "agreed": sum(1 for i in plan if i.agreed), "review": _reviewed(state)}
    if role == FACILITATOR:
        view["items"] = [{**_shown(state, i), **i.described()}
                         for i in _ordered(i for i in state.items.values()
                                           if i.origin != "review")]
    elif revealed and role == PRESENTER:
        ordered = _ordered(plan)
        agreed = [i for i in ordered if i.agreed][:AGREED_ON_SCREEN]
        proposed = [i for i in ordered if not i.agreed][:PROPOSED_ON_SCREEN]
        view["items"] = [_shown(state, i) for i in [*agreed, *proposed]]
    elif revealed:  # a phone: a room's plan whole, a conference's first; `count` says all
        view["items"] = [_shown(state, i) for i in _ordered(plan)[:on_phone(len(plan))]]
    return view


def own_view(state, participant_id):
    items = mine(state.items, participant_id)
    return {"items": [{"id": i.id, "text": i.text, "owner": i.owner, "due": i.due,
                       "agreed": i.agreed, "waiting": i.held} for i in items],
            "plus": plussed(state.items.values(), participant_id),
            "remaining": max(0, PROPOSALS_PER_PERSON - len(items))}


def items(state):
    """The actions, agreed first: e.g. to vote on which to do first."""
    return [{"id": i.id, "text": i.text, "group": N_("Agreed") if i.agreed else N_("Proposed")}
            for i in _ordered(_plan(state))]


def agreed_actions(state):
    """The agreed actions of this plan, and the reviewed ones, as the agreement pack and
    the report list them: {text, owner, due, status, was, reviewed, origin}."""
    return [{"text": i.text, "owner": i.owner, "due": i.due, "status": i.status,
             "was": i.was, "reviewed": i.reviewed, "origin": i.origin}
            for i in _ordered(visible(state.items.values())) if i.agreed]


def open_actions(state):
    """What a later workshop reviews: agreed actions (its own, and those it reviewed)
    that are not done."""
    return [a for a in agreed_actions(state) if a["status"] != "done"]


def summary(state):
    plan = _plan(state)
    return {"prompt": state.config["prompt"],
            "agreed": [_shown(state, i) for i in _ordered(plan) if i.agreed],
            "proposed": [_shown(state, i) for i in _ordered(plan) if not i.agreed],
            "review": _reviewed(state)}


def changes(state):
    """What changed for the earlier workshop's actions, in words: ['2 done', …]."""
    review = _reviewed(state)
    counts = {}
    for r in review:
        key = r["status"] if r["reviewed"] else None
        counts[key] = counts.get(key, 0) + 1
    words = {"done": lambda n: ngettext("%(num)d done", "%(num)d done", n),
             "progress": lambda n: ngettext("%(num)d in progress", "%(num)d in progress", n),
             "stuck": lambda n: ngettext("%(num)d stuck", "%(num)d stuck", n),
             "open": lambda n: ngettext("%(num)d not started", "%(num)d not started", n),
             None: lambda n: ngettext("%(num)d not reviewed", "%(num)d not reviewed", n)}
    return [words[s](counts[s]) for s in REVIEW_STATUSES + ("open", None) if counts.get(s)]


def report(state):
    plan = _ordered(_plan(state))
    agreed = [i for i in plan if i.agreed]
    proposed = [i for i in plan if not i.agreed]
    blocks = [{"kind": "text", "text": ngettext(
        "%(num)d action agreed, %(proposed)d proposed and not agreed.",
        "%(num)d actions agreed, %(proposed)d proposed and not agreed.", len(agreed),
        proposed=len(proposed))}]
    if agreed:
        blocks.append({"kind": "table", "caption": _("Agreed actions, by due date"),
                       "columns": [_("Action"), _("Owner"), _("Due"), _("Status")],
                       "rows": [[i.text, i.owner, i.due, _(STATUSES[i.status])]
                                for i in agreed],
                       "header_column": True})
    if proposed:
        blocks.append({"kind": "table", "caption": _("Proposed, not agreed (+N: supported by N)"),
                       "columns": [_("Action"), _("Owner suggested"), _("Due suggested"),
                                   _("Support")],
                       "rows": [[i.text, i.owner or "", i.due or "",
                                 f"+{len(i.plus)}" if i.plus else ""] for i in proposed],
                       "header_column": True})
    review = _reviewed(state)
    if review:
        blocks.append({"kind": "text", "text": _("Actions from the earlier workshop: %(changes)s.",
                                                 changes=", ".join(changes(state)))})
        blocks.append({"kind": "table",
                       "caption": _("Actions from the earlier workshop: then and now"),
                       "columns": [_("Action"), _("Owner"), _("Due"), _("Then"), _("Now")],
                       "rows": [[r["text"], r["owner"] or "", r["due"] or "",
                                 _(STATUSES[r["was"]]),
                                 _(STATUSES[r["status"]]) if r["reviewed"]
                                 else _("Not reviewed")]
                                for r in review], "header_column": True})
    return blocks


def export_rows(state):
    """Every action but those waiting for review, with its proposer's anonymous number and
    organisation (folded so that nobody can be singled out)."""
    kept = approved(state.items.values())
    shown = shown_organisations(kept)
    return [{"action": i.id, "origin": i.origin, "text": i.text, "owner": i.owner or "",
             "due": i.due or "", "agreed": i.agreed, "status": STATUSES[i.status],
             "status_at_earlier_workshop": STATUSES[i.was] if i.was else "",
             "reviewed": i.reviewed, "support": len(i.plus), "participant": i.number,
             "organisation": shown[i.id], "entered_by_facilitator": i.by_facilitator,
             "hidden": i.hidden}
            for i in kept]
