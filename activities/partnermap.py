"""Partner map: who is at the table, and who is missing. Participants name the
organisations or roles that hold information, skills or knowledge the partnership needs,
and say for each whether it is in the room, involved elsewhere, or missing. The screen
draws three rings; a name grows with the number of people who named it."""
from collections import Counter
from dataclasses import dataclass, field


from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_babel import gettext as _
from flask_babel import ngettext

from .actions import Action
from .base import (N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, linked_root,
                   name_key)
from .contributions import (REVIEW, Contribution, Contributions, check_limit, find, id_field,
                            mine, moderation, own, visible)

type_id = "partnermap"
title = _l("Partner map")
description = (_l("Who holds what the partnership needs: in the room, involved elsewhere, or "
               "missing. Missing partners can become the options of a later vote."))

NAME_LIMIT = 80
NAMES_PER_PERSON = 12
PLACES = {"room": N_("In the room"), "involved": N_("Involved elsewhere"), "missing": N_("Missing")}
NAMES_ON_SCREEN = 40  # partners a presenter is sent of each ring, the most named

config_fields = [
    Field("prompt", _l("Question"), translatable=True, required=True, max_length=200,
          default=N_("Who holds information, skills or knowledge this partnership needs?")),
    Field("hide_results", _l("Hide the map from the room until I reveal it"), kind="bool",
          default=False),
    REVIEW,
]

@dataclass(kw_only=True)
class Mention(Contribution):
    TEXTS = ("name",)
    name: str
    place: str


@dataclass
class State:
    config: dict
    mentions: Contributions = field(default_factory=Contributions)  # id -> Mention
    merged: dict = field(default_factory=dict)  # name key -> the name key it joined


def initial_state(config):
    return State(config=config)


def _name(state, payload, ctx):
    name = payload["name"]
    check_limit(state.mentions, ctx, NAMES_PER_PERSON,
                lazy_ngettext("You have named %(num)d, the most one person can.",
                              "You have named %(num)d, the most one person can.",
                              NAMES_PER_PERSON))
    if ctx.actor.role == PARTICIPANT and any(
            name_key(m.name) == name_key(name)
            for m in mine(state.mentions, ctx.actor.participant_id)):
        raise Rejected(_l("You have named them already. Remove it first to change where "
                       "they are."))
    mention = Mention.made(ctx, state.config, name=name, place=payload["place"])
    state.mentions[mention.id] = mention
    return {"id": mention.id}


def _withdraw(state, payload, ctx):
    mention = own(_mention(state, payload), ctx.actor.participant_id,
                  _l("You can only remove the names you gave."))
    del state.mentions[mention.id]
    return {"id": mention.id}


def _merge(state, payload, ctx):
    names = {name_key(m.name) for m in state.mentions.values()}
    name, into = name_key(payload["name"]), name_key(payload["into"])
    if name not in names or into not in names:
        raise Rejected(ON_THE_MAP)
    root, target = linked_root(state.merged, name), linked_root(state.merged, into)
    if root == target:
        raise Rejected(_l("Those are already one."))
    state.merged[root] = target
    return {"name": root, "into": target}


def contributions(state):
    return state.mentions.values()


def _mention(state, payload):
    return find(state.mentions, payload["id"], _l("That name is no longer on the map."))


ON_THE_MAP = _l("Choose two names from the map.")
actions = {
    "name": Action(_name, (PARTICIPANT, FACILITATOR), [
        Field("name", _l("The name"), required=True, max_length=NAME_LIMIT,
              error=_l("Name the organisation or role.")),
        Field("place", _l("Where they are"), kind="choice", required=True, choices=tuple(PLACES),
              error=_l("Say whether they are in the room, involved elsewhere, or missing."))],
        reply={"id": 35},
        doc=f"Names a partner and where they are. A participant may name up to "
            f"{NAMES_PER_PERSON}, each once; to change where one is, withdraw it and name it "
            f"again."),
    "withdraw": Action(_withdraw, (PARTICIPANT,), [id_field("name")], reply={"id": 35},
                       doc="Removes a name they gave."),
    "merge": Action(_merge, (FACILITATOR,), [
        Field("name", _l("The name"), kind="key", required=True, max_length=NAME_LIMIT,
              error=ON_THE_MAP, help="a name on the map"),
        Field("into", _l("The name to keep"), kind="key", required=True, max_length=NAME_LIMIT,
              error=ON_THE_MAP, help="another name on the map")],
        reply={"name": "gps", "into": "gp practices"},
        doc="Counts one name as another partner from now on. The reply gives the keys (the "
            "names in lower case)."),
    **moderation(_mention, "name", contributions),
}


def _partners(state):
    """Each partner once (merged names together), where most people put them, how many
    named them, and the spread of answers."""
    partners = {}
    mentions = visible(state.mentions.values())
    said = Counter(m.name for m in mentions)
    for mention in mentions:
        root = linked_root(state.merged, name_key(mention.name))
        partner = partners.setdefault(root, {"key": root, "names": [], "count": 0,
                                             "places": {p: 0 for p in PLACES}})
        if mention.name not in partner["names"]:
            partner["names"].append(mention.name)
        partner["count"] += 1
        partner["places"][mention.place] += 1
    for partner in partners.values():
        # the most common answer; on a tie, the more worrying one (missing first)
        partner["place"] = max(("missing", "involved", "room"),
                               key=lambda p: partner["places"][p])
        partner["name"] = max(partner["names"], key=lambda n: said[n])
    return sorted(partners.values(), key=lambda p: (-p["count"], p["name"].casefold()))


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"], "places": PLACES,
            "count": len(visible(state.mentions.values()))}
    if role == FACILITATOR:
        view["partners"] = _partners(state)
        view["mentions"] = [{"id": m.id, "name": m.name, "place": m.place, **m.marks()}
                            for m in state.mentions.values()]
    elif revealed and role == PRESENTER:  # a phone lists its own names only (own_view)
        view["rings"], view["partners"] = _on_screen(_partners(state))
    return view


def _on_screen(partners):
    """How many partners each ring has, and what the presenter shows of them: the most
    named of each ring, in the order of `partners`."""
    rings = dict.fromkeys(PLACES, 0)
    kept = []
    for partner in partners:
        rings[partner["place"]] += 1
        if rings[partner["place"]] <= NAMES_ON_SCREEN:
            kept.append(partner)
    return rings, kept


def own_view(state, participant_id):
    return {"mentions": [{"id": m.id, "name": m.name, "place": m.place, "waiting": m.held}
                         for m in mine(state.mentions, participant_id)]}


def items(state):
    """Partners, missing ones first: 'whom do we invite first'."""
    order = {"missing": 0, "involved": 1, "room": 2}
    return [{"id": p["key"], "text": p["name"], "group": PLACES[p["place"]]}
            for p in sorted(_partners(state), key=lambda p: order[p["place"]])]


def summary(state):
    return {"prompt": state.config["prompt"], "partners": _partners(state)}


def report(state):
    partners = _partners(state)
    blocks = [{"kind": "text", "text": ngettext("%(num)d partner named.",
                                                "%(num)d partners named.", len(partners))}]
    for place, label in PLACES.items():
        chosen = [p for p in partners if p["place"] == place]
        if chosen:
            blocks.append({"kind": "table", "caption": _(label),
                           "columns": [_("Partner"), _("Named by"), _("In the room"),
                                       _("Involved elsewhere"), _("Missing")],
                           "rows": [[" = ".join(p["names"]), p["count"]]
                                    + [p["places"][k] for k in PLACES] for p in chosen],
                           "header_column": True})
    return blocks


def export_rows(state):
    return [{"partner": p["name"], "also_called": " = ".join(n for n in p["names"]
                                                             if n != p["name"]),
             "where": PLACES[p["place"]], "named_by": p["count"],
             **{PLACES[k].lower(): v for k, v in p["places"].items()}}
            for p in _partners(state)]
