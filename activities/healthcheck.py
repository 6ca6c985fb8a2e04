"""Partnership health check: everyone rates the partnership on the six elements of a good
information-sharing partnership, 1 to 5, with a sentence if they like; and says whether
the partnership was set up in reaction to a gap or to build something better.

The screen shows the spread of ratings for each element, not only the mean: a
partnership where half say 1 and half say 5 has a problem an average of 3 hides."""
from dataclasses import dataclass, field


from flask_babel import lazy_gettext as _l
from flask_babel import gettext as _
from flask_babel import ngettext

from .actions import Action
from .base import (N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, clean_text,
                   fold_people, group_order)
from .contributions import REVIEW, Contribution, find, moderation, visible

type_id = "healthcheck"
title = _l("Partnership health check")
description = (_l("Everyone rates the partnership on the six elements, 1 to 5; the screen "
               "shows the spread, and where organisations see it differently."))

ELEMENTS = [
    (N_("Communication"),
     N_("Discussion flows; channels inside and between partners are kept open, with an "
        "independent chair where that helps.")),
    (N_("Shared language"), N_("Partners use words the same way, so terms do not become barriers: "
                        "an 'agreement' to one is not a 'contract' to another.")),
    (N_("Partners"),
     N_("The right organisations are at the table, bringing the information, skills and "
        "knowledge the partnership needs.")),
    (N_("Decision making"), N_("Partners can make decisions and solve problems together, and each "
                        "one's aims are understood.")),
    (N_("Creativity"), N_("There is room to think beyond 'we need to achieve this', and to see the "
                   "knock-on effects of the work.")),
    (N_("Environment"), N_("Partners understand the pressures, reasons and asks on them, and are "
                    "recognised for the partnership's work.")),
]
SCORES = (1, 2, 3, 4, 5)
SENTENCE_LIMIT = 200
ORIGINS = {"reactive": N_("Set up in reaction to a gap, issue or breakdown"),
           "proactive": N_("Set up to build something better"),
           "both": N_("Some of both")}

config_fields = [
    Field("prompt", _l("Title"), translatable=True, required=True, max_length=200,
          default=N_("How healthy is our partnership?")),
    Field("elements", _l("Elements: one per line, 'Name: what it means'"), translatable=True,
          kind="textarea",
          max_length=3000, default="\n".join(f"{n}: {d}" for n, d in ELEMENTS),
          help=_l("The six elements of a good information-sharing partnership; edit the words "
               "to suit the room.")),
    Field("ask_origin", _l("Also ask whether the partnership is reactive or proactive"),
          kind="bool", default=True),
    Field("hide_results", _l("Hide the results until I reveal them"), kind="bool", default=True),
    REVIEW,
]

def parse_elements(text):
    elements = []
    for line in (text or "").splitlines():
        line = clean_text(line)
        if not line:
            continue
        name, _, meaning = line.partition(":")
        name, meaning = name.strip(), meaning.strip()
        if not name or len(name) > 60:
            raise Rejected(_l("Elements: give each a name of up to 60 characters, then a colon."))
        if len(meaning) > 300:
            raise Rejected(_l("Elements: keep what '%(name)s' means to 300 characters.",
                              name=name))
        if name.casefold() in {e[0].casefold() for e in elements}:
            raise Rejected(_l("Elements: '%(name)s' is there twice.", name=name))
        elements.append((name, meaning))
    if not 1 <= len(elements) <= 12:
        raise Rejected(_l("Elements: give from 1 to 12, one per line."))
    return elements


def check_config(config):
    elements = parse_elements(config["elements"])
    return {**config, "elements": "\n".join(f"{n}: {d}" if d else n for n, d in elements)}


@dataclass(kw_only=True)
class Comment(Contribution):
    TEXTS = ("text",)
    text: str


@dataclass
class Response:
    organisation: str | None
    scores: dict = field(default_factory=dict)  # element index -> 1..5
    comments: dict = field(default_factory=dict)  # element index -> Comment
    origin: str | None = None


@dataclass
class State:
    config: dict
    elements: list
    responses: dict = field(default_factory=dict)  # participant id -> Response


def initial_state(config):
    return State(config=config, elements=parse_elements(config["elements"]))


def _response(state, ctx):
    """The participant's response so far, or a new one (kept once the action is accepted)."""
    return state.responses.get(ctx.actor.participant_id) or Response(ctx.actor.organisation)


def _rate(state, payload, ctx):
    response, element, score = _response(state, ctx), _element(state, payload), payload["score"]
    if score is None:
        response.scores.pop(element, None)
    else:
        response.scores[element] = score
    state.responses[ctx.actor.participant_id] = response
    return {"element": element, "score": score}


def _comment_on(state, payload, ctx):
    response, element, text = _response(state, ctx), _element(state, payload), payload["text"]
    if text is None:
        raise Rejected(_l("Your sentence: please write some text."))
    earlier = response.comments.get(element)
    if earlier is not None and earlier.hidden:
        raise Rejected(_l("The facilitator has hidden your sentence on this element."))
    if text:
        comment = Comment.made(ctx, state.config, text=text)
        if earlier is not None:  # a changed sentence keeps its id
            comment.id = earlier.id
        response.comments[element] = comment
    else:
        response.comments.pop(element, None)
    state.responses[ctx.actor.participant_id] = response
    return {"element": element}


def _origin(state, payload, ctx):
    if not state.config["ask_origin"]:
        raise Rejected(_l("This health check does not ask that."))
    response = _response(state, ctx)
    response.origin = payload["origin"]
    state.responses[ctx.actor.participant_id] = response
    return {"origin": response.origin}


def _element(state, payload):
    if not 0 <= payload["element"] < len(state.elements):
        raise Rejected(ELEMENT.error)
    return payload["element"]


def contributions(state):
    return [c for r in state.responses.values() for c in r.comments.values()]


def _comment(state, payload):
    comments = {c.id: c for c in contributions(state)}
    return find(comments, payload["id"], _l("That sentence is no longer there."))


ELEMENT = Field("element", _l("The element"), kind="number", required=True,
                error=_l("Choose one of the elements."), help="an element's place, 0-based")
actions = {
    "rate": Action(_rate, (PARTICIPANT,), [ELEMENT, Field(
        "score", _l("The rating"), kind="number", minimum=min(SCORES), maximum=max(SCORES),
        error=_l("Rate from 1 (poor) to 5 (strong)."), help="`null` takes it back")],
        reply={"element": 0, "score": 4}, doc="Rates one element."),
    "comment": Action(_comment_on, (PARTICIPANT,), [ELEMENT, Field(
        "text", _l("Your sentence"), kind="textarea", max_length=SENTENCE_LIMIT,
        help="`\"\"` takes it back")], reply={"element": 0},
        doc="A sentence on one element: sets or replaces theirs (keeping its id)."),
    "origin": Action(_origin, (PARTICIPANT,), [Field(
        "origin", _l("The answer"), kind="choice", choices=tuple(ORIGINS),
        error=_l("Choose reactive, proactive or both."), help="`null` takes it back")],
        reply={"origin": "both"},
        doc="Whether the partnership was set up in reaction to a gap, to build something "
            "better, or both. Only when `ask_origin` is on."),
    **moderation(_comment, "sentence", contributions),
}


# ---------------------------------------------------------------------- results
def _answered(state):
    """Everyone who gave a rating, an origin or a sentence, by participant. A sentence
    alone counts: it must reach the console (to be moderated), the report and the export."""
    return {who: r for who, r in state.responses.items() if r.scores or r.origin or r.comments}


def _folded(answered):
    """Each person's organisation as it may be shown."""
    return fold_people({who: r.organisation for who, r in answered.items()})


def _results(state, with_hidden=False):
    answered = _answered(state)
    shown = _folded(answered)
    groups = group_order(shown[r.organisation] for r in answered.values())
    elements = []
    for index, (name, meaning) in enumerate(state.elements):
        scores = [r.scores[index] for r in answered.values() if index in r.scores]
        by_group = {}
        for r in answered.values():
            if index in r.scores:
                by_group.setdefault(shown[r.organisation], []).append(r.scores[index])
        comments = [c for r in answered.values() for i, c in r.comments.items() if i == index
                    and (with_hidden or visible([c]))]
        elements.append({
            "index": index, "name": name, "meaning": meaning, "count": len(scores),
            "mean": round(sum(scores) / len(scores), 2) if scores else None,
            "spread": {str(s): scores.count(s) for s in SCORES},
            "by_group": {g: round(sum(v) / len(v), 2) for g, v in by_group.items()},
            "comments": [{"id": c.id, "text": c.text, **c.marks()} if with_hidden
                         else c.text for c in comments],
        })
    origins = {key: sum(1 for r in answered.values() if r.origin == key) for key in ORIGINS}
    return {"people": len(answered), "groups": groups, "elements": elements,
            "origins": origins if state.config["ask_origin"] else None}


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"],
            "elements": [{"name": n, "meaning": m} for n, m in state.elements],
            "ask_origin": state.config["ask_origin"],
            "origin_choices": ORIGINS if state.config["ask_origin"] else {},
            "people": len(_answered(state))}
    if role == FACILITATOR:
        view["results"] = _results(state, with_hidden=True)
    elif revealed and role == PRESENTER:  # a phone shows its own answers (own_view)
        view["results"] = _results(state)
    return view


def own_view(state, participant_id):
    response = state.responses.get(participant_id)
    if response is None:
        return {"scores": {}, "comments": {}, "waiting": [], "origin": None}
    return {"scores": {str(i): s for i, s in response.scores.items()},
            "comments": {str(i): c.text for i, c in response.comments.items() if not c.hidden},
            "waiting": [str(i) for i, c in response.comments.items() if c.held and not c.hidden],
            "origin": response.origin}


def summary(state):
    return {"prompt": state.config["prompt"], **_results(state)}


def report(state):
    results = _results(state)
    groups = results["groups"]
    blocks = [{"kind": "text", "text": ngettext("%(num)d person rated the partnership.",
                                                "%(num)d people rated the partnership.",
                                                results["people"])},
              {"kind": "table", "caption": _("Ratings from 1 (poor) to 5 (strong): how many "
                                           "chose each, and the average"),
               "columns": [_("Element"), "1", "2", "3", "4", "5", _("Average")],
               "rows": [[e["name"]] + [e["spread"][str(s)] for s in SCORES]
                        + ["" if e["mean"] is None else e["mean"]] for e in results["elements"]],
               "header_column": True}]
    if len(groups) > 1:
        blocks.append({"kind": "table",
                       "caption": _("Average by organisation (organisations of fewer than three "
                                  "people are counted as Other)"),
                       "columns": [_("Element")] + groups,
                       "rows": [[e["name"]] + [e["by_group"].get(g, "") for g in groups]
                                for e in results["elements"]], "header_column": True})
    if results["origins"] is not None:
        blocks.append({"kind": "table", "caption": _("How the partnership came about"),
                       "columns": [_("Answer"), _("People")],
                       "rows": [[_(ORIGINS[k]), v] for k, v in results["origins"].items()]})
    for e in results["elements"]:
        if e["comments"]:
            blocks.append({"kind": "text",
                           "text": _("What people said about %(element)s:", element=e["name"])})
            blocks.append({"kind": "list", "items": e["comments"]})
    return blocks


def export_rows(state):
    """One row per person and element: their rating and sentence, under an anonymous
    row number, with the organisation folded."""
    answered = _answered(state)
    shown = _folded(answered)
    rows = []
    for n, r in enumerate(answered.values(), 1):
        for index, (name, _meaning) in enumerate(state.elements):
            comment = r.comments.get(index)
            rows.append({"response": n, "organisation": shown[r.organisation],
                         "element": name, "rating": r.scores.get(index, ""),
                         "sentence": comment.text if comment and visible([comment]) else "",
                         "origin": r.origin or ""})
    return rows
