"""Open question: everyone writes short answers; the screen shows them as a wall."""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_babel import ngettext

from .actions import Action
from .base import FACILITATOR, PARTICIPANT, PRESENTER, Field
from .contributions import (REVIEW, Contribution, Contributions, approved,
                            check_limit, find, id_field, mine, moderation, on_phone, own,
                            shown_organisations, visible)

type_id = "question"
title = _l("Open question")
description = _l("Participants write short answers; the screen shows them as a wall.")

ANSWER_LIMIT = 280
WALL_LIMIT = 200  # newest answers a presenter receives; the facilitator gets all

config_fields = [
    Field("prompt", _l("Question"), translatable=True, required=True, max_length=200,
          help=_l("What you ask the room, e.g. ‘What stops us sharing information today?’")),
    Field("max_answers", _l("Answers per person"), kind="number", default=3, minimum=1,
          maximum=10),
    Field("hide_results", _l("Hide answers from the room until I reveal them"), kind="bool",
          default=False),
    REVIEW,
]


@dataclass(kw_only=True)
class Answer(Contribution):
    TEXTS = ("text",)
    text: str


@dataclass
class State:
    config: dict
    answers: Contributions = field(default_factory=Contributions)  # id -> Answer


def initial_state(config):
    return State(config=config)


def _answer(state, payload, ctx):
    limit = state.config["max_answers"]
    check_limit(state.answers, ctx, limit,
                lazy_ngettext("You have given %(num)d answer, the most this question takes. "
                              "You can change or remove it.",
                              "You have given %(num)d answers, the most this question takes. "
                              "You can change or remove one of them.", limit))
    answer = Answer.made(ctx, state.config, text=payload["text"])
    state.answers[answer.id] = answer
    return {"id": answer.id}


def _edit(state, payload, ctx):
    _own(state, payload, ctx).change(ctx, state.config, text=payload["text"])
    return {"id": payload["id"]}


def _withdraw(state, payload, ctx):
    answer = _own(state, payload, ctx)
    del state.answers[answer.id]
    return {"id": answer.id}


def contributions(state):
    return state.answers.values()


def _find(state, payload):
    return find(state.answers, payload["id"], _l("That answer is no longer there."))


def _own(state, payload, ctx):
    return own(_find(state, payload), ctx.actor.participant_id,
               _l("You can only change your own answers."))


TEXT = Field("text", _l("Your answer"), kind="textarea", required=True, max_length=ANSWER_LIMIT)
ID = id_field("answer")

actions = {
    "answer": Action(_answer, (PARTICIPANT, FACILITATOR), [TEXT], reply={"id": 25},
                     doc="Adds an answer. From the facilitator it is marked `by_facilitator` "
                         "(for someone without a phone) and has no participant number."),
    "edit": Action(_edit, (PARTICIPANT,), [ID, TEXT], reply={"id": 25},
                   doc="Changes one of their own answers."),
    "withdraw": Action(_withdraw, (PARTICIPANT,), [ID], reply={"id": 25},
                       doc="Removes one of their own answers."),
    **moderation(_find, "answer", contributions),
}


def public_view(state, role, revealed):
    answers = visible(state.answers.values())
    view = {
        "prompt": state.config["prompt"],
        "count": len(answers),
        "people": len({a.author for a in answers if a.author is not None}),
    }
    if role == FACILITATOR:
        view["answers"] = [{"id": a.id, "text": a.text, **a.described()}
                           for a in reversed(state.answers.values())]
    elif revealed and role in (PRESENTER, PARTICIPANT):
        newest = WALL_LIMIT if role == PRESENTER else on_phone(len(answers))  # and `count`
        view["answers"] = [{"id": a.id, "text": a.text} for a in reversed(answers[-newest:])]
    return view


def own_view(state, participant_id):
    answers = mine(state.answers, participant_id)
    return {
        "answers": [{"id": a.id, "text": a.text, "waiting": a.held} for a in answers],
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
        {"kind": "text", "text": ngettext("%(num)d answer from %(people)s.",
                                          "%(num)d answers from %(people)s.", len(answers),
                                          people=ngettext("%(num)d person", "%(num)d people",
                                                          people))},
        {"kind": "list", "items": [a.text for a in answers]},
    ]


def export_rows(state):
    """Every answer under its author's anonymous number; organisations folded so that
    nobody can be singled out."""
    answers = approved(state.answers.values())
    shown = shown_organisations(answers)
    return [
        {"answer": a.id, "participant": a.number, "organisation": shown[a.id],
         "text": a.text, "entered_by_facilitator": a.by_facilitator, "hidden": a.hidden}
        for a in answers
    ]
