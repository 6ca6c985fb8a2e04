"""Sharing checklist: what an information-sharing agreement must say that the other
activities do not already hold: its purpose, the data items, special category data, each
partner's lawful basis, people's rights, security, retention and a review date. Phones
propose answers and +1 others'; the facilitator marks the answer the room agrees for each
question (for the lawful basis, one for each partner).

The questions follow the ICO's checklist for a data sharing agreement (each names the
heading it answers, activities/guidance.py); the agreement pack puts the agreed answers
in their places. An agreed answer is the facilitator's to change: its author can no
longer edit or withdraw it."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext, ngettext

from . import guidance
from .actions import Action
from .base import (N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, iso_date,
                   name_key)
from .contributions import (REVIEW, Contribution, Contributions, PlusOneRefusals, approved,
                            check_limit, find, id_field, mine, moderation, on_phone, own, plus_one,
                            plussed, shown_organisations, visible)

type_id = "checklist"
title = _l("Sharing checklist")
description = _l("What the agreement must say: purpose, data items, special category data, "
                 "each partner's lawful basis, rights, security, retention and review date, "
                 "each answered and agreed in the room.")

TEXT_LIMIT = 280
PARTNER_LIMIT = 80
ANSWERS_PER_QUESTION = 3  # per person and question
# What a presenter is sent of each question: the agreed answers (a lawful basis for each
# partner), at most this many, and the answers with most +1s of those not agreed
AGREED_ON_SCREEN = 12
PROPOSED_ON_SCREEN = 2

# key: (label, what the room is asked, kind, the ICO checklist heading it answers); the
# label and the question go to every screen in English, which shows them in its language.
QUESTIONS = {
    "purpose": (N_("Purpose"), N_("What is the sharing for, and what will it achieve?"),
                "text", "purpose"),
    "data": (N_("Data items"), N_("Which data items will be shared? Only what the purpose "
                                  "needs."), "text", "items"),
    "special": (N_("Special category data"), N_("Is any special category or criminal offence "
                                                 "data shared? Which, and why is it needed?"),
                "text", "special"),
    "basis": (N_("Lawful basis, per partner"), N_("Each partner's lawful basis for sharing, "
                                                  "and the law or power it rests on."),
              "basis", "basis"),
    "rights": (N_("People's rights"), N_("How are people told about the sharing, and how do "
                                         "they ask for access, correction or objection?"),
               "text", "rights"),
    "security": (N_("Security"), N_("How is the data sent, stored and kept safe, and who may "
                                    "see it?"), "text", "governance"),
    "retention": (N_("Retention"), N_("How long does each partner keep it, and how is it "
                                      "destroyed?"), "text", "governance"),
    "review": (N_("Review date"), N_("When will the partners review the agreement?"), "date",
               "governance"),
}
HEADINGS = dict(guidance.ICO_CHECKLIST)

config_fields = [
    Field("prompt", _l("Title"), translatable=True, required=True, max_length=200,
          default=N_("What will our information-sharing agreement say?")),
    Field("hide_results", _l("Hide the answers from the room until I reveal them"),
          kind="bool", default=False),
    REVIEW,
]


@dataclass(kw_only=True)
class Answer(Contribution):
    TEXTS = ("text", "partner")
    question: str
    text: str = ""
    partner: str | None = None  # the lawful basis: whose it is
    basis: str | None = None  # the lawful basis: a key of guidance.LAWFUL_BASES
    date: str | None = None  # the review date, YYYY-MM-DD


@dataclass
class State:
    config: dict
    answers: Contributions = field(default_factory=Contributions)  # id -> Answer
    agreed: dict = field(default_factory=dict)  # slot -> answer id; see _slot


def initial_state(config):
    return State(config=config)


def _slot(answer):
    """What one agreed answer settles: a question, or one partner's lawful basis."""
    return f"basis:{name_key(answer.partner)}" if answer.question == "basis" \
        else answer.question


def _content(payload):
    """An answer's content, as its question's kind needs it."""
    question = payload["question"]
    kind = QUESTIONS[question][2]
    content = {"text": payload["text"] or "", "partner": None, "basis": None, "date": None}
    if kind == "text" and not content["text"]:
        raise Rejected(_l("Your answer: please write something first."))
    if kind == "basis":
        if not payload["partner"] or not payload["basis"]:
            raise Rejected(_l("Say which partner, and choose its lawful basis."))
        content.update(partner=payload["partner"], basis=payload["basis"])
    if kind == "date":
        if payload["date"] is None:
            raise Rejected(_l("Give the review date."))
        content["date"] = payload["date"]
    return content


def _answer(state, payload, ctx):
    question = payload["question"]
    check_limit([a for a in state.answers.of(ctx.actor.participant_id)
                 if a.question == question], ctx,
                ANSWERS_PER_QUESTION,
                lazy_ngettext("You have given %(num)d answer to this question, the most one "
                              "person can. You can change or withdraw it.",
                              "You have given %(num)d answers to this question, the most one "
                              "person can. You can change or withdraw one of them.",
                              ANSWERS_PER_QUESTION))
    answer = Answer.made(ctx, state.config, question=question, **_content(payload))
    state.answers[answer.id] = answer
    return {"id": answer.id}


def _edit(state, payload, ctx):
    answer = _own(state, payload, ctx)
    if payload["question"] != answer.question:
        raise Rejected(_l("An answer stays with its question: withdraw it and answer the "
                          "other."))
    answer.change(ctx, state.config, **_content(payload))
    return {"id": answer.id}


def _withdraw(state, payload, ctx):
    answer = _own(state, payload, ctx)
    del state.answers[answer.id]
    return {"id": answer.id}


def _plus_one(state, payload, ctx):
    return plus_one(_find(state, payload), ctx, PlusOneRefusals(
        _l("That answer is no longer there."), _l("That is your own answer: +1 other people's."),
        _l("You have already given that answer a +1.")))


def _agree(state, payload, ctx):
    answer = _find(state, payload)
    if answer.hidden:
        raise Rejected(_l("That answer is hidden: restore it first."))
    if answer.held:
        raise Rejected(_l("That answer waits for your review: approve it first."))
    state.agreed[_slot(answer)] = answer.id
    return {"id": answer.id, "agreed": True}


def _unagree(state, payload, ctx):
    answer = _find(state, payload)
    if state.agreed.get(_slot(answer)) != answer.id:
        raise Rejected(_l("That answer is not the agreed one."))
    del state.agreed[_slot(answer)]
    return {"id": answer.id, "agreed": False}


def _unagree_hidden(state, answer):
    """A hidden answer is no longer the room's agreed one."""
    if answer.hidden and state.agreed.get(_slot(answer)) == answer.id:
        del state.agreed[_slot(answer)]


def contributions(state):
    return state.answers.values()


def _find(state, payload):
    return find(state.answers, payload["id"], _l("That answer is no longer there."))


def _own(state, payload, ctx):
    answer = own(_find(state, payload), ctx.actor.participant_id,
                 _l("You can only change your own answers."))
    if state.agreed.get(_slot(answer)) == answer.id:
        raise Rejected(_l("The room has agreed that answer: ask the facilitator to change "
                          "it."))
    return answer


def _date(value):
    return None if value in (None, "") else iso_date(value, _l("The review date"))


FIELDS = [
    Field("question", _l("The question"), kind="choice", required=True,
          choices=tuple(QUESTIONS), error=_l("Choose one of the checklist's questions.")),
    Field("text", _l("Your answer"), kind="textarea", max_length=TEXT_LIMIT, default="",
          help="required, except for the lawful basis (the law or power, if known) and the "
               "review date (a note)"),
    Field("partner", _l("The partner"), max_length=PARTNER_LIMIT, default="",
          help="`basis` only: the organisation whose lawful basis it is"),
    Field("basis", _l("The lawful basis"), kind="choice", choices=tuple(guidance.LAWFUL_BASES),
          error=_l("Choose one of the six lawful bases."),
          help="`basis` only: one of " + ", ".join(f"`{k}`" for k in guidance.LAWFUL_BASES)),
    Field("date", _l("The review date"), kind="data", check=_date, example="2027-09-30",
          help="`review` only: `YYYY-MM-DD`"),
]
ID = id_field("answer")

actions = {
    "answer": Action(_answer, (PARTICIPANT, FACILITATOR), FIELDS, reply={"id": 40},
                     doc=f"Answers one question. Up to {ANSWERS_PER_QUESTION} per participant "
                         "and question; the facilitator's are marked `by_facilitator`."),
    "edit": Action(_edit, (PARTICIPANT,), [ID, *FIELDS], reply={"id": 40},
                   doc="Changes one of their own answers (same question), until the room "
                       "agrees it."),
    "withdraw": Action(_withdraw, (PARTICIPANT,), [ID], reply={"id": 40},
                       doc="Withdraws one of their own answers, until the room agrees it."),
    "plus_one": Action(_plus_one, (PARTICIPANT,), [ID], reply={"id": 41, "plus": 2},
                       doc="Agrees with someone else's answer, once."),
    "agree": Action(_agree, (FACILITATOR,), [ID], reply={"id": 40, "agreed": True},
                    doc="Marks the answer the room agrees for its question (for the lawful "
                        "basis, for its partner), in place of any agreed before."),
    "unagree": Action(_unagree, (FACILITATOR,), [ID], reply={"id": 40, "agreed": False},
                      doc="Takes the agreement back: the question is open again."),
    **moderation(_find, "answer", contributions, then=_unagree_hidden),
}


# ---------------------------------------------------------------------- views
def _shown(state, answer, organisations):
    return {"id": answer.id, "text": answer.text, "partner": answer.partner,
            "basis": answer.basis, "date": answer.date, "plus": len(answer.plus),
            "agreed": state.agreed.get(_slot(answer)) == answer.id,
            "organisation": organisations[answer.id]}


def _questions(state, with_hidden=False):
    """Each question with its answers, agreed ones first, then most +1s."""
    answers = list(state.answers.values()) if with_hidden else visible(state.answers.values())
    organisations = shown_organisations(answers)
    result = []
    for key, (label, ask, kind, heading) in QUESTIONS.items():
        given = [a for a in answers if a.question == key]
        shown = [{**_shown(state, a, organisations), **(a.described() if with_hidden else {})}
                 for a in given]
        shown.sort(key=lambda a: (not a["agreed"], -a["plus"], a["id"]))
        result.append({"key": key, "label": label, "ask": ask, "kind": kind,
                       "heading": HEADINGS[heading], "answers": shown,
                       "agreed": sum(1 for a in shown if a["agreed"])})
    return result


def _on_screen(question):
    """What a presenter's card can show of a question: what was agreed, then the answers
    with most +1s (for the lawful basis, of partners with none agreed), and `count`, how
    many answers there are in all."""
    answers = question["answers"]
    agreed = [a for a in answers if a["agreed"]]
    settled = {name_key(a["partner"]) for a in agreed if a["partner"]}
    proposed = [a for a in answers if not a["agreed"]
                and not (a["partner"] and name_key(a["partner"]) in settled)]
    return {**question, "answers": agreed[:AGREED_ON_SCREEN] + proposed[:PROPOSED_ON_SCREEN],
            "count": len(answers)}


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"], "bases": guidance.LAWFUL_BASES,
            "count": len(visible(state.answers.values())), "agreed": len(state.agreed),
            "questions": [{"key": k, "label": q[0], "ask": q[1], "kind": q[2]}
                          for k, q in QUESTIONS.items()]}
    if role == FACILITATOR:
        view["questions"] = _questions(state, with_hidden=True)
    elif revealed:
        questions = _questions(state)
        if role == PRESENTER:
            view["questions"] = [_on_screen(q) for q in questions]
        else:
            shown = on_phone(sum(len(q["answers"]) for q in questions), ANSWERS_ON_PHONE)
            view["questions"] = [_on_phone(q, shown) for q in questions]
    return view


ANSWERS_ON_PHONE = 3


def _on_phone(question, shown):
    """What a phone lists of a question: its first `shown` answers (agreed, then most
    +1s) and how many it has in all."""
    return {**question, "answers": question["answers"][:shown],
            "count": len(question["answers"])}


def own_view(state, participant_id):
    return {"answers": [{"id": a.id, "question": a.question, "text": a.text,
                         "partner": a.partner, "basis": a.basis, "date": a.date,
                         "agreed": state.agreed.get(_slot(a)) == a.id, "waiting": a.held}
                        for a in mine(state.answers, participant_id)],
            "plus": plussed(state.answers.values(), participant_id)}


def agreed_answers(state):
    """What the room agreed, by question key: [answers] (several for the lawful basis,
    one per partner), each {text, partner, basis, date}; a question with none is
    missing."""
    found = {}
    for question in _questions(state):
        chosen = [{k: a[k] for k in ("text", "partner", "basis", "date")}
                  for a in question["answers"] if a["agreed"]]
        if chosen:
            found[question["key"]] = chosen
    return found


def said(answer):
    """An answer in words, as the report and the agreement pack write it."""
    if answer.get("basis"):
        words = _("%(partner)s: %(basis)s", partner=answer["partner"],
                  basis=_(guidance.LAWFUL_BASES[answer["basis"]]))
    elif answer.get("date"):
        words = answer["date"]
    else:
        return answer["text"]
    return _("%(answer)s (%(note)s)", answer=words, note=answer["text"]) if answer.get("text") \
        else words


def items(state):
    """The answers not yet agreed: e.g. to vote on which to settle first."""
    return [{"id": a["id"], "text": said(a), "group": q["label"]}
            for q in _questions(state) for a in q["answers"] if not a["agreed"]]


def summary(state):
    return {"prompt": state.config["prompt"], "questions": _questions(state)}


def report(state):
    questions = _questions(state)
    settled = sum(1 for q in questions if q["agreed"])
    given = sum(len(q["answers"]) for q in questions)
    blocks = [{"kind": "text", "text": ngettext(
                  "%(settled)d of %(total)d questions agreed; %(num)d answer given.",
                  "%(settled)d of %(total)d questions agreed; %(num)d answers given.", given,
                  settled=settled, total=len(questions))},
              {"kind": "table", "caption": _("What the room agreed, question by question"),
               "columns": [_("Question"), _("Agreed"), _("Other answers given (+N: agreed by N)")],
               "rows": [[_(q["label"]), [said(a) for a in q["answers"] if a["agreed"]]
                         or _("Not agreed yet"),
                         [said(a) + (f" (+{a['plus']})" if a["plus"] else "")
                          for a in q["answers"] if not a["agreed"]]] for q in questions],
               "header_column": True}]
    return blocks


def export_rows(state):
    """Every answer but those waiting for review."""
    answers = approved(state.answers.values())
    organisations = shown_organisations(answers)
    return [{"answer": a.id, "question": QUESTIONS[a.question][0], "text": a.text,
             "partner": a.partner or "", "lawful_basis": guidance.LAWFUL_BASES.get(a.basis, ""),
             "date": a.date or "", "agreed": state.agreed.get(_slot(a)) == a.id,
             "plus_ones": len(a.plus), "participant": a.number,
             "organisation": organisations[a.id], "entered_by_facilitator": a.by_facilitator,
             "hidden": a.hidden}
            for a in answers]
