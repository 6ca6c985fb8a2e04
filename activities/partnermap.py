"""Partner map: who is at the table, and who is missing. Participants name the
organisations or roles that hold information, skills or knowledge the partnership needs,
and say for each whether it is in the room, involved elsewhere, or missing. The screen
draws three rings; a name grows with the number of people who named it."""
from dataclasses import dataclass, field

from .base import FACILITATOR, PARTICIPANT, Field, Rejected, clean_text, int_from, plural

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
           "merge": {FACILITATOR}, "hide": {FACILITATOR}, "restore": {FACILITATOR}}


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


def key(name):
    return " ".join(name.casefold().split())


def initial_state(config):
    return State(config=config)


def _root(state, name_key):
    while name_key in state.merged:
        name_key = state.merged[name_key]
    return name_key


def handle(state, action, payload, ctx):
    actor = ctx.actor
    if action == "name":
        name = payload.get("name")
        if not isinstance(name, str) or not clean_text(name):
            raise Rejected("Name the organisation or role.")
        name = clean_text(name)
        if len(name) > NAME_LIMIT:
            raise Rejected(f"Keep the name to {NAME_LIMIT} characters.")
        place = payload.get("place")
        if not isinstance(place, str) or place not in PLACES:  # a list is no place
            raise Rejected("Say whether they are in the room, involved elsewhere, or missing.")
        mine = [m for m in state.mentions.values() if m.author == actor.participant_id
                and actor.role == PARTICIPANT]
        if len(mine) >= NAMES_PER_PERSON:
            raise Rejected(f"You have named {NAMES_PER_PERSON}, the most one person can.")
        if any(key(m.name) == key(name) for m in mine):
            raise Rejected("You have named them already. Remove it first to change where "
                           "they are.")
        state.mentions[ctx.seq] = Mention(
            ctx.seq, actor.participant_id if actor.role == PARTICIPANT else None, name, place)
        return {"id": ctx.seq}
    if action == "withdraw":
        mention = _mention(state, payload)
        if mention.author != actor.participant_id or mention.hidden:
            raise Rejected("You can only remove the names you gave.")
        del state.mentions[mention.id]
        return {"id": mention.id}
    if action in ("hide", "restore"):
        mention = _mention(state, payload)
        mention.hidden = action == "hide"
        return {"id": mention.id}
    if action == "merge":
        names = {key(m.name) for m in state.mentions.values()}
        name, into = payload.get("name"), payload.get("into")
        if not isinstance(name, str) or not isinstance(into, str) or \
                key(name) not in names or key(into) not in names:
            raise Rejected("Choose two names from the map.")
        root, target = _root(state, key(name)), _root(state, key(into))
        if root == target:
            raise Rejected("Those are already one.")
        state.merged[root] = target
        return {"name": root, "into": target}
    raise Rejected(f"The partner map has no action called '{action}'.")


def _mention(state, payload):
    mention = state.mentions.get(int_from(payload, "id", "The name's id"))
    if mention is None:
        raise Rejected("That name is no longer on the map.")
    return mention


def _partners(state):
    """Each partner once (merged names together), where most people put them, how many
    named them, and the spread of answers."""
    partners = {}
    for mention in state.mentions.values():
        if mention.hidden:
            continue
        root = _root(state, key(mention.name))
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
            1 for m in state.mentions.values() if m.name == n and not m.hidden))
    return sorted(partners.values(), key=lambda p: (-p["count"], p["name"].casefold()))


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"], "places": PLACES,
            "count": sum(1 for m in state.mentions.values() if not m.hidden)}
    if role == FACILITATOR:
        view["partners"] = _partners(state)
        view["mentions"] = [{"id": m.id, "name": m.name, "place": m.place,
                             "hidden": m.hidden} for m in state.mentions.values()]
    elif revealed:
        view["partners"] = _partners(state)
    return view


def own_view(state, participant_id):
    return {"mentions": [{"id": m.id, "name": m.name, "place": m.place}
                         for m in state.mentions.values()
                         if m.author == participant_id and not m.hidden]}


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
