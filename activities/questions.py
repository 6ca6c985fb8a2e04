"""Questions from the room: participants ask questions and upvote the ones they want
answered (once each, and they can take it back); the screen shows them with the most
wanted first; the facilitator marks the one being answered, then answered.

Anonymous by default: the room never sees who asked, and sees their organisation only
if the facilitator chooses so, folded like every breakdown. An upvote is a +1 of the
shared contribution model (one per person, never on one's own question), so a resent
upvote or a second tab changes nothing."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext, ngettext

from .actions import Action
from .base import N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected
from .contributions import (REVIEW, Contribution, Contributions, PlusOneRefusals,
                            approved, check_limit, find, id_field, mine, moderation, on_phone, own,
                            plus_one, plussed, shown_organisations, take_back_plus_one,
                            visible)

type_id = "questions"
title = _l("Questions from the room")
description = _l("Participants ask questions and upvote each other's; the screen shows the "
                 "most wanted first, and you mark the one being answered.")

QUESTION_LIMIT = 280
WALL_LIMIT = 200  # questions a presenter receives, most wanted first (a phone: on_phone)
STATUSES = {"open": _l("Not answered yet"), "answering": _l("Being answered now"),
            "answered": _l("Answered")}

config_fields = [
    Field("prompt", _l("Title"), translatable=True, required=True, max_length=200,
          default=N_("What would you like to ask?"),
          help=_l("e.g. ‘Your questions for the panel’")),
    Field("max_questions", _l("Questions per person"), kind="number", default=3, minimum=1,
          maximum=10),
    Field("show_organisation", _l("Show the room which organisation asked"), kind="bool",
          default=False, help=_l("Organisations of fewer than three people are shown as "
                                 "Other. Names are never shown.")),
    Field("hide_results", _l("Hide the questions from the room until I reveal them"),
          kind="bool", default=False),
    REVIEW,
]


@dataclass(kw_only=True)
class Question(Contribution):
    TEXTS = ("text",)
    text: str
    status: str = "open"


@dataclass
class State:
    config: dict
    questions: Contributions = field(default_factory=Contributions)  # in the order asked


def initial_state(config):
    return State(config=config)


def contributions(state):
    return state.questions.values()


def _ask(state, payload, ctx):
    limit = state.config["max_questions"]
    check_limit(state.questions, ctx, limit,
                lazy_ngettext("You have asked %(num)d question, the most one person can. "
                              "You can change or withdraw it.",
                              "You have asked %(num)d questions, the most one person can. "
                              "You can change or withdraw one of them.", limit))
    question = Question.made(ctx, state.config, text=payload["text"])
    state.questions[question.id] = question
    return {"id": question.id}


def _edit(state, payload, ctx):
    question = _own(state, payload, ctx)
    if question.status != "open":
        raise Rejected(_l("That question is being answered, or has been: it can no longer "
                          "change."))
    question.change(ctx, state.config, text=payload["text"])
    return {"id": question.id}


def _withdraw(state, payload, ctx):
    question = _own(state, payload, ctx)
    del state.questions[question.id]
    return {"id": question.id}


def _upvote(state, payload, ctx):
    question = _find(state, payload)
    if question.status == "answered":
        raise Rejected(_l("That question has been answered."))
    return plus_one(question, ctx, PlusOneRefusals(
        _l("That question is no longer there."),
        _l("That is your own question: upvote other people's."),
        _l("You have already upvoted that question.")))


def _unvote(state, payload, ctx):
    return take_back_plus_one(_find(state, payload), ctx,
                              _l("You have not upvoted that question."))


def _mark(state, payload, ctx):
    """Being answered now (only one at a time: the one before goes back to the list),
    answered, or back to not answered yet."""
    question, status = _find(state, payload), payload["status"]
    if status == "answering" and (question.hidden or question.held):
        raise Rejected(_l("Approve that question, or restore it, before answering it."))
    if status == "answering":
        for other in state.questions.values():
            if other.status == "answering":
                other.status = "open"
    question.status = status
    return {"id": question.id, "status": status}


def _find(state, payload):
    return find(state.questions, payload["id"], _l("That question is no longer there."))


def _own(state, payload, ctx):
    return own(_find(state, payload), ctx.actor.participant_id,
               _l("You can only change your own questions."))


def _off_the_screen(state, question):
    """A hidden question is no longer being answered."""
    if question.hidden and question.status == "answering":
        question.status = "open"


TEXT = Field("text", _l("Your question"), kind="textarea", required=True,
             max_length=QUESTION_LIMIT)
ID = id_field("question")

actions = {
    "ask": Action(_ask, (PARTICIPANT, FACILITATOR), [TEXT], reply={"id": 40},
                  doc="Asks a question. From the facilitator it is marked `by_facilitator` "
                      "(for someone without a phone)."),
    "edit": Action(_edit, (PARTICIPANT,), [ID, TEXT], reply={"id": 40},
                   doc="Changes one of their own questions, while it is not being "
                       "answered or answered."),
    "withdraw": Action(_withdraw, (PARTICIPANT,), [ID], reply={"id": 40},
                       doc="Withdraws one of their own questions."),
    "upvote": Action(_upvote, (PARTICIPANT,), [ID], reply={"id": 41, "plus": 3},
                     doc="Upvotes someone else's question, once; not one answered. `plus` "
                         "is how many upvotes it now has."),
    "unvote": Action(_unvote, (PARTICIPANT,), [ID], reply={"id": 41, "plus": 2},
                     doc="Takes their upvote back."),
    "mark": Action(_mark, (FACILITATOR,), [ID, Field(
        "status", _l("Where it stands"), kind="choice", required=True,
        choices=tuple(STATUSES), error=_l("Mark a question open, answering or answered."))],
        reply={"id": 41, "status": "answering"},
        doc="Marks a question being answered now (one at a time: the one before goes back "
            "to `open`), answered, or open again."),
    **moderation(_find, "question", contributions, then=_off_the_screen),
}


# ---------------------------------------------------------------------- views
def ranked(questions):
    """Being answered first, then the most upvoted (the earlier asked on a tie), then those
    answered."""
    order = {"answering": 0, "open": 1, "answered": 2}
    return sorted(questions, key=lambda q: (order[q.status], -len(q.plus), q.id))


def public_view(state, role, revealed):
    shown = visible(state.questions.values())
    view = {
        "prompt": state.config["prompt"],
        "count": len(shown),
        "people": len({q.author for q in shown if q.author is not None}),
        "answered": sum(1 for q in shown if q.status == "answered"),
    }
    if role == FACILITATOR:
        view["questions"] = [{"id": q.id, "text": q.text, "plus": len(q.plus),
                              "status": q.status, **q.described()}
                             for q in ranked(state.questions.values())]
    elif revealed:
        organisations = shown_organisations(shown) if state.config["show_organisation"] \
            else {}
        view["questions"] = [{"id": q.id, "text": q.text, "plus": len(q.plus),
                              "status": q.status,
                              **({"organisation": organisations[q.id]} if organisations
                                 else {})}
                             for q in ranked(shown)][:WALL_LIMIT if role == PRESENTER
                                                     else on_phone(len(shown))]
    return view


def own_view(state, participant_id):
    asked = mine(state.questions, participant_id)
    return {
        "questions": [{"id": q.id, "text": q.text, "status": q.status, "plus": len(q.plus),
                       "waiting": q.held} for q in asked],
        "upvoted": plussed(visible(state.questions.values()), participant_id),
        "remaining": max(0, state.config["max_questions"] - len(asked)),
    }


def items(state):
    """The questions the room may see, most upvoted first: e.g. which to take up later."""
    return [{"id": q.id, "text": q.text}
            for q in sorted(visible(state.questions.values()), key=lambda q: -len(q.plus))]


def summary(state):
    shown = visible(state.questions.values())
    return {
        "prompt": state.config["prompt"],
        "questions": [{"text": q.text, "plus": len(q.plus), "status": q.status}
                      for q in ranked(shown)],
        "people": len({q.author for q in shown if q.author is not None}),
    }


def report(state):
    """The report's section: every question the room saw, most wanted first, with where it
    stands."""
    shown = ranked(visible(state.questions.values()))
    people = len({q.author for q in shown if q.author is not None})
    answered = sum(1 for q in shown if q.status == "answered")
    return [
        {"kind": "text", "text": ngettext("%(num)d question from %(people)s; %(answered)d "
                                          "answered.",
                                          "%(num)d questions from %(people)s; %(answered)d "
                                          "answered.", len(shown), answered=answered,
                                          people=ngettext("%(num)d person", "%(num)d people",
                                                          people))},
        {"kind": "table", "caption": _("Questions, most upvoted first"),
         "columns": [_("Question"), _("Upvotes"), _("Where it stands")],
         "rows": [[q.text, len(q.plus), str(STATUSES[q.status])] for q in shown]},
    ]


def export_rows(state):
    """Every question under its author's anonymous number; organisations folded so that
    nobody can be singled out."""
    questions = approved(state.questions.values())
    shown = shown_organisations(questions)
    return [
        {"question": q.id, "text": q.text, "upvotes": len(q.plus), "status": q.status,
         "participant": q.number, "organisation": shown[q.id],
         "entered_by_facilitator": q.by_facilitator, "hidden": q.hidden}
        for q in questions
    ]
