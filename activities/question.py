"""Open question: everyone writes short answers; the screen shows them as a wall."""
from dataclasses import dataclass, field

from .base import FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, plural, text_from
from .contributions import MODERATION, find, fold_authors, mine, moderate, own, visible

type_id = "question"
title = "Open question"
description = "Participants write short answers; the screen shows them as a wall."

ANSWER_LIMIT = 280
WALL_LIMIT = 200  # newest answers a presenter or phone receives; the facilitator gets all

config_fields = [
    Field("prompt", "Question", required=True, max_length=200,
          help="What you ask the room, e.g. 'What stops us sharing information today?'"),
    Field("max_answers", "Answers per person", kind="number", default=3, minimum=1, maximum=10),
    Field("hide_results", "Hide answers from the room until I reveal them", kind="bool",
          default=False),
]

allowed = {
    "answer": {PARTICIPANT, FACILITATOR},
    "edit": {PARTICIPANT},
    "withdraw": {PARTICIPANT},
    **MODERATION,
}


@dataclass
class Answer:
    id: int
    author: int | None  # participant id; None when the facilitator typed it for someone
    number: int | None
    organisation: str | None
    text: str
    at: float
    by_facilitator: bool = False
    hidden: bool = False


@dataclass
class State:
    config: dict
    answers: dict[int, Answer] = field(default_factory=dict)  # in the order given


def initial_state(config):
    return State(config=config)


def handle(state, action, payload, ctx):
    if action == "answer":
        return _answer(state, payload, ctx)
    if action == "edit":
        answer = _own(state, payload, ctx)
        answer.text = text_from(payload, "text", "Your answer", ANSWER_LIMIT)
        return {"id": answer.id}
    if action == "withdraw":
        answer = _own(state, payload, ctx)
        del state.answers[answer.id]
        return {"id": answer.id}
    if action in MODERATION:
        return moderate(_find(state, payload), action)
    raise Rejected(f"An open question has no action called '{action}'.")


def _answer(state, payload, ctx):
    text = text_from(payload, "text", "Your answer", ANSWER_LIMIT)
    actor = ctx.actor
    by_facilitator = actor.role == FACILITATOR
    if not by_facilitator:
        limit = state.config["max_answers"]
        if len(mine(state.answers.values(), actor.participant_id)) >= limit:
            raise Rejected(f"You have given {limit} answers, the most this question takes. "
                           "You can change or remove one of them.")
    answer = Answer(
        id=ctx.seq,
        author=None if by_facilitator else actor.participant_id,
        number=None if by_facilitator else actor.number,
        organisation=None if by_facilitator else actor.organisation,
        text=text,
        at=ctx.at,
        by_facilitator=by_facilitator,
    )
    state.answers[answer.id] = answer
    return {"id": answer.id}


def _find(state, payload):
    return find(state.answers, payload, "The answer's id", "That answer is no longer there.")


def _own(state, payload, ctx):
    return own(_find(state, payload), ctx.actor.participant_id,
               "You can only change your own answers.")


def public_view(state, role, revealed):
    answers = visible(state.answers.values())
    view = {
        "prompt": state.config["prompt"],
        "count": len(answers),
        "people": len({a.author for a in answers if a.author is not None}),
    }
    if role == FACILITATOR:
        view["answers"] = [
            {"id": a.id, "text": a.text, "number": a.number, "organisation": a.organisation,
             "by_facilitator": a.by_facilitator, "hidden": a.hidden}
            for a in reversed(state.answers.values())
        ]
    elif revealed and role in (PRESENTER, PARTICIPANT):
        view["answers"] = [{"id": a.id, "text": a.text} for a in reversed(answers)][:WALL_LIMIT]
    return view


def own_view(state, participant_id):
    answers = mine(state.answers.values(), participant_id)
    return {
        "answers": [{"id": a.id, "text": a.text} for a in answers],
        "remaining": max(0, state.config["max_answers"] - len(answers)),
    }


def items(state):
    """The visible answers, for a later activity to take as options."""
    return [{"id": a.id, "text": a.text} for a in visible(state.answers.values())]


def summary(state):
    answers = visible(state.answers.values())
    return {
        "prompt": state.config["prompt"],
        "answers": len(answers),
        "people": len({a.author for a in answers if a.author is not None}),
        "texts": [a.text for a in answers],
    }


def report(state):
    """The report's section: every visible answer."""
    answers = visible(state.answers.values())
    people = len({a.author for a in answers if a.author is not None})
    return [
        {"kind": "text", "text": f"{plural(len(answers), 'answer')} from "
                                 f"{plural(people, 'person', 'people')}."},
        {"kind": "list", "items": [a.text for a in answers]},
    ]


def export_rows(state):
    """Every answer under its author's anonymous number; organisations folded so that
    nobody can be singled out."""
    shown = fold_authors(state.answers.values())
    return [
        {"answer": a.id, "participant": a.number,
         "organisation": shown.get(a.organisation, "") if a.author is not None else "",
         "text": a.text, "entered_by_facilitator": a.by_facilitator, "hidden": a.hidden}
        for a in state.answers.values()
    ]
