"""Partner map: who is at the table, and who is missing. Participants name the
organisations or roles that hold information, skills or knowledge the partnership needs,
and say for each whether it is in the room, involved elsewhere, or missing. The screen
draws three rings; a name grows with the number of people who named it."""
from dataclasses import dataclass, field

from .base import (FACILITATOR, PARTICIPANT, Field, Rejected, linked_root, name_from,
                   name_key, plural)
from .contributions import MODERATION, find, mine, moderate, own, visible

type_id = "partnermap"
title = "Partner map"
description = ("Who holds what the partnership needs: in the room, involved elsewhere, or "
               "missing. Missing partners can become the options of a later vote.")

NAME_LIMIT = 80
NAMES_PER_PERSON = 12
PLACES = {"room": "In the room", "involved": "Involved elsewhere", "missing": "Missing"}

config_fields = [
    Field("prompt", "Question", required=True, max_length=200,
          default="Who holds information, skills or knowledge this partnership needs?"),
    Field("hide_results", "Hide the map from the room until I reveal it", kind="bool",
          default=False),
]

allowed = {"name": {PARTICIPANT, FACILITATOR}, "withdraw": {PARTICIPANT},
           "merge": {FACILITATOR}, **MODERATION}


@dataclass
class Mention:
    id: int
    author: int | None
    name: str
    place: str
    hidden: bool = False


@dataclass
class State:
    config: dict
    mentions: dict = field(default_factory=dict)  # id -> Mention
    merged: dict = field(default_factory=dict)  # name key -> the name key it joined


def initial_state(config):
    return State(config=config)


def handle(state, action, payload, ctx):
    actor = ctx.actor
    if action == "name":
        name = name_from(payload, "name", NAME_LIMIT, "Name the organisation or role.",
                         f"Keep the name to {NAME_LIMIT} characters.")
        place = payload.get("place")
        if not isinstance(place, str) or place not in PLACES:  # a list is no place
            raise Rejected("Say whether they are in the room, involved elsewhere, or missing.")
        named = [m for m in state.mentions.values() if m.author == actor.participant_id
                 and actor.role == PARTICIPANT]  # hidden ones count towards the most
        if len(named) >= NAMES_PER_PERSON:
            raise Rejected(f"You have named {NAMES_PER_PERSON}, the most one person can.")
        if any(name_key(m.name) == name_key(name) for m in named):
            raise Rejected("You have named them already. Remove it first to change where "
                           "they are.")
        state.mentions[ctx.seq] = Mention(
            ctx.seq, actor.participant_id if actor.role == PARTICIPANT else None, name, place)
        return {"id": ctx.seq}
    if action == "withdraw":
        mention = own(_mention(state, payload), actor.participant_id,
                      "You can only remove the names you gave.")
        del state.mentions[mention.id]
        return {"id": mention.id}
    if action in MODERATION:
        return moderate(_mention(state, payload), action)
    if action == "merge":
        names = {name_key(m.name) for m in state.mentions.values()}
        name, into = payload.get("name"), payload.get("into")
        if not isinstance(name, str) or not isinstance(into, str) or \
                name_key(name) not in names or name_key(into) not in names:
            raise Rejected("Choose two names from the map.")
        root = linked_root(state.merged, name_key(name))
        target = linked_root(state.merged, name_key(into))
        if root == target:
            raise Rejected("Those are already one.")
        state.merged[root] = target
        return {"name": root, "into": target}
    raise Rejected(f"The partner map has no action called '{action}'.")


def _mention(state, payload):
    return find(state.mentions, payload, "The name's id", "That name is no longer on the map.")


def _partners(state):
    """Each partner once (merged names together), where most people put them, how many
    named them, and the spread of answers."""
    partners = {}
    for mention in visible(state.mentions.values()):
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
        partner["name"] = max(partner["names"], key=lambda n: sum(
            1 for m in visible(state.mentions.values()) if m.name == n))
    return sorted(partners.values(), key=lambda p: (-p["count"], p["name"].casefold()))


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"], "places": PLACES,
            "count": len(visible(state.mentions.values()))}
    if role == FACILITATOR:
        view["partners"] = _partners(state)
        view["mentions"] = [{"id": m.id, "name": m.name, "place": m.place,
                             "hidden": m.hidden} for m in state.mentions.values()]
    elif revealed:
        view["partners"] = _partners(state)
    return view


def own_view(state, participant_id):
    return {"mentions": [{"id": m.id, "name": m.name, "place": m.place}
                         for m in mine(state.mentions.values(), participant_id)]}


def items(state):
    """Partners, missing ones first: 'whom do we invite first'."""
    order = {"missing": 0, "involved": 1, "room": 2}
    return [{"id": p["key"], "text": p["name"], "group": PLACES[p["place"]]}
            for p in sorted(_partners(state), key=lambda p: order[p["place"]])]


def summary(state):
    return {"prompt": state.config["prompt"], "partners": _partners(state)}


def report(state):
    partners = _partners(state)
    blocks = [{"kind": "text", "text": f"{plural(len(partners), 'partner')} named."}]
    for place, label in PLACES.items():
        chosen = [p for p in partners if p["place"] == place]
        if chosen:
            blocks.append({"kind": "table", "caption": label,
                           "columns": ["Partner", "Named by", "In the room",
                                       "Involved elsewhere", "Missing"],
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
