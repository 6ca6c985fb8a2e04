"""DPIA screening: the ICO's screening questions, answered yes, no or not sure from the
phones, before the partners decide whether the sharing needs a full data protection
impact assessment.

The screen shows each question's answers by organisation (small groups folded into
"Other", as everywhere), which questions the partners disagree on, and what the answers
indicate, in the ICO's words with their source (activities/guidance.py). A question
counts as answered "yes" when at least half of those who answered it said yes, as "no"
only when everybody who answered said no, and as not settled otherwise: one partner's
"not sure" about, say, special category data is worth the room's attention, not an
average. That reading is Roundtable's, not the ICO's, and the results say so."""
from dataclasses import dataclass, field

from . import guidance
from .actions import Action
from .base import (FACILITATOR, PARTICIPANT, Field, Rejected, fold_people, group_order,
                   plural)

type_id = "dpia"
title = "DPIA screening"
description = ("The ICO's DPIA screening questions, answered yes, no or not sure on the "
               "phones; the result says whether a full DPIA is indicated, and why.")

ANSWERS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
ALWAYS, CONSIDER = "always", "consider"

config_fields = [
    Field("prompt", "Title", required=True, max_length=200,
          default="Does this sharing need a full DPIA?"),
    Field("plan", "The sharing being screened", kind="textarea", max_length=280,
          help="One or two sentences the phones show above the questions, e.g. 'Schools "
               "share attendance concerns with the early help team.'"),
    Field("consider", "Also ask the questions for which the ICO says to consider a DPIA",
          kind="bool", default=True),
    Field("hide_results", "Hide the answers until I reveal them", kind="bool", default=True),
]


def questions(config):
    """The questions asked, in order: [{text, part, source}]."""
    asked = [{"text": text, "part": ALWAYS, "source": guidance.ICO_DPIA}
             for text in guidance.DPIA_ALWAYS]
    if config["consider"]:
        asked += [{"text": text, "part": CONSIDER, "source": source}
                  for text, source in guidance.DPIA_CONSIDER]
    return asked


@dataclass
class Response:
    organisation: str | None
    answers: dict = field(default_factory=dict)  # question index -> "yes" | "no" | "unsure"


@dataclass
class State:
    config: dict
    questions: list
    responses: dict = field(default_factory=dict)  # participant id -> Response


def initial_state(config):
    return State(config=config, questions=questions(config))


def _answer(state, payload, ctx):
    index = payload["question"]
    if not 0 <= index < len(state.questions):
        raise Rejected(QUESTION.error)
    who = ctx.actor.participant_id
    response = state.responses.get(who) or Response(ctx.actor.organisation)
    if payload["answer"] is None:
        response.answers.pop(index, None)
    else:
        response.answers[index] = payload["answer"]
    state.responses[who] = response
    return {"question": index, "answer": payload["answer"]}


QUESTION = Field("question", "The question", kind="number", required=True,
                 error="Choose one of the screening questions.",
                 help="a question's place, 0-based")
actions = {
    "answer": Action(_answer, (PARTICIPANT,), [QUESTION, Field(
        "answer", "The answer", kind="choice", choices=tuple(ANSWERS),
        error="Answer yes, no or not sure.", help="`null` takes it back")],
        reply={"question": 3, "answer": "unsure"},
        doc="Answers one screening question for the sharing being screened: `yes`, `no` "
            "or `unsure`; `null` takes the answer back."),
}


# ---------------------------------------------------------------------- results
def _counts(answers):
    return {key: answers.count(key) for key in ANSWERS}


def reading(counts):
    """What the room's answers to one question come to (see the module's docstring):
    "yes", "no", "unsettled", or None when nobody answered."""
    total = sum(counts.values())
    if not total:
        return None
    if counts["yes"] * 2 >= total:
        return "yes"
    return "no" if counts["no"] == total else "unsettled"


def _majority(counts):
    """A group's most common answer, or "split" when two tie."""
    best = max(counts.values())
    top = [key for key, n in counts.items() if n == best]
    return top[0] if len(top) == 1 else "split"


def _answered(state):
    return {who: r for who, r in state.responses.items() if r.answers}


def results(state):
    answered = _answered(state)
    shown = fold_people({who: r.organisation for who, r in answered.items()})
    groups = group_order(shown[r.organisation] for r in answered.values())
    rows = []
    for index, question in enumerate(state.questions):
        given = [(shown[r.organisation], r.answers[index]) for r in answered.values()
                 if index in r.answers]
        counts = _counts([answer for _group, answer in given])
        by_group = {g: _counts([a for group, a in given if group == g]) for g in groups}
        majorities = {_majority(c) for c in by_group.values() if sum(c.values())}
        rows.append({"index": index, "text": question["text"], "part": question["part"],
                     "counts": counts, "by_group": by_group, "reading": reading(counts),
                     "disagree": len(majorities) > 1})
    return {"people": len(answered), "groups": groups, "questions": rows,
            "outcome": outcome(rows)}


def outcome(rows):
    """Whether a full DPIA is indicated and why, with the ICO's words that say so."""
    def texts(part, said):
        return [r["text"] for r in rows if r["part"] == part and r["reading"] in said]

    always_yes, always_open = texts(ALWAYS, ("yes",)), texts(ALWAYS, ("unsettled",))
    consider = texts(CONSIDER, ("yes", "unsettled"))
    if not any(r["reading"] for r in rows):
        return {"key": "unanswered", "headline": "Nobody has answered yet.", "because": [],
                "quotes": [], "ours": ""}
    if always_yes:
        return {"key": "required", "because": always_yes,
                "headline": "A full DPIA is indicated: the room answered yes to processing "
                            "for which the ICO always carries out a DPIA.",
                "quotes": [guidance.DPIA_ALWAYS_LEAD, guidance.DPIA_MUST,
                           guidance.DPIA_CONSULT],
                "ours": "“Yes” here means at least half of those who answered said yes."}
    if always_open:
        return {"key": "unsettled", "because": always_open,
                "headline": "Not settled: some of the room said yes or not sure to processing "
                            "for which the ICO always carries out a DPIA.",
                "quotes": [guidance.DPIA_ALWAYS_LEAD, guidance.DPIA_MUST],
                "ours": "Settle these questions before deciding: until they are answered no, "
                        "treat a full DPIA as needed."}
    if consider:
        return {"key": "consider", "because": consider,
                "headline": "Consider a full DPIA: the room said yes or not sure to "
                            "processing for which the ICO considers whether to do one.",
                "quotes": [guidance.DPIA_CONSIDER_LEAD, guidance.DPIA_GOOD_PRACTICE],
                "ours": "If the partners decide not to carry out a DPIA, write down why."}
    return {"key": "not_indicated", "because": [],
            "headline": "The screening does not indicate a full DPIA: the room answered no to "
                        "every question it answered.",
            "quotes": [guidance.DPIA_GOOD_PRACTICE],
            "ours": "Questions nobody answered are not counted; check that each was "
                    "discussed."}


def _quotes(found):
    return {**found, "quotes": [{"text": q.text, "source": q.source.cite()}
                                for q in found["quotes"]]}


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"], "plan": state.config["plan"],
            "answers": ANSWERS, "people": len(_answered(state)),
            "questions": [{"text": q["text"], "part": q["part"]} for q in state.questions],
            "parts": {ALWAYS: guidance.DPIA_ALWAYS_LEAD.text,
                      CONSIDER: guidance.DPIA_CONSIDER_LEAD.text},
            "source": guidance.ICO_DPIA.cite()}
    if role == FACILITATOR or revealed:
        found = results(state)
        view["results"] = {**found, "outcome": _quotes(found["outcome"])}
    return view


def own_view(state, participant_id):
    response = state.responses.get(participant_id)
    return {"answers": {str(i): a for i, a in response.answers.items()} if response else {}}


def summary(state):
    found = results(state)
    return {"prompt": state.config["prompt"], "plan": state.config["plan"],
            **found, "outcome": _quotes(found["outcome"])}


def report(state):
    found = results(state)
    result = found["outcome"]
    blocks = [{"kind": "text", "text": f"{plural(found['people'], 'person', 'people')} "
                                       "answered the ICO's DPIA screening questions."}]
    if state.config["plan"]:
        blocks.append({"kind": "text", "text": f"The sharing screened: {state.config['plan']}"})
    blocks.append({"kind": "text", "text": result["headline"]})
    if result["because"]:
        blocks.append({"kind": "list", "items": result["because"]})
    blocks += [{"kind": "quote", "text": q.text, "source": q.source.cite()}
               for q in result["quotes"]]
    if result["ours"]:
        blocks.append({"kind": "text", "text": f"{result['ours']} ({guidance.OURS}.)"})
    groups = found["groups"]
    blocks.append({
        "kind": "table", "header_column": True,
        "caption": "Answers to each question: yes / no / not sure, and by organisation "
                   "(organisations of fewer than three people are counted as Other)",
        "columns": ["Question", "Yes", "No", "Not sure", "Reads as"]
                   + (groups if len(groups) > 1 else []) + ["Partners disagree"],
        "rows": [[q["text"], q["counts"]["yes"], q["counts"]["no"], q["counts"]["unsure"],
                  READINGS[q["reading"]]]
                 + ([_short(q["by_group"][g]) for g in groups] if len(groups) > 1 else [])
                 + ["yes" if q["disagree"] else ""] for q in found["questions"]]})
    blocks.append({"kind": "text", "text": f"Questions from: {guidance.ICO_DPIA.cite()}"})
    return blocks


READINGS = {"yes": "Yes", "no": "No", "unsettled": "Not settled", None: "Not answered"}


def _short(counts):
    """'2 yes, 1 no' for a group's answers."""
    return ", ".join(f"{n} {ANSWERS[key].lower()}" for key, n in counts.items() if n) or "–"


def export_rows(state):
    """One row per person and question answered, under an anonymous response number,
    with the organisation folded."""
    answered = _answered(state)
    shown = fold_people({who: r.organisation for who, r in answered.items()})
    return [{"response": n, "organisation": shown[r.organisation], "question": index + 1,
             "part": state.questions[index]["part"], "text": state.questions[index]["text"],
             "answer": ANSWERS[answer]}
            for n, r in enumerate(answered.values(), 1)
            for index, answer in sorted(r.answers.items())]
