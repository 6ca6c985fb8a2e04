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

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from . import guidance
from .actions import Action
from .base import N_, FACILITATOR, PARTICIPANT, Field, Rejected, fold_people, group_order

type_id = "dpia"
title = _l("DPIA screening")
description = _l("The ICO's DPIA screening questions, answered yes, no or not sure on the "
                 "phones; the result says whether a full DPIA is indicated, and why.")

# Roundtable's own words (the headlines, the answers) go to the screens in English and
# each shows them in its language; the ICO's questions and quotations stay as the ICO
# wrote them, in English, marked as such on every screen.
ANSWERS = {"yes": N_("Yes"), "no": N_("No"), "unsure": N_("Not sure")}
ALWAYS, CONSIDER = "always", "consider"

config_fields = [
    Field("prompt", _l("Title"), translatable=True, required=True, max_length=200,
          default=N_("Does this sharing need a full DPIA?")),
    Field("plan", _l("The sharing being screened"), kind="textarea", translatable=True,
          max_length=280,
          help=_l("One or two sentences the phones show above the questions, e.g. ‘Schools "
                  "share attendance concerns with the early help team.’")),
    Field("consider", _l("Also ask the questions for which the ICO says to consider a DPIA"),
          kind="bool", default=True),
    Field("hide_results", _l("Hide the answers until I reveal them"), kind="bool",
          default=True),
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


QUESTION = Field("question", _l("The question"), kind="number", required=True,
                 error=_l("Choose one of the screening questions."),
                 help="a question's place, 0-based")
actions = {
    "answer": Action(_answer, (PARTICIPANT,), [QUESTION, Field(
        "answer", _l("The answer"), kind="choice", choices=tuple(ANSWERS),
        error=_l("Answer yes, no or not sure."), help="`null` takes it back")],
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


# Each outcome's headline and what "yes" means for it, marked where the module is read
# (N_ collects them for the browser's catalogue).
OUTCOME_WORDS = {
    "unanswered": (N_("Nobody has answered yet."), ""),
    "required": (
        N_("A full DPIA is indicated: the room answered yes to processing "
           "for which the ICO always carries out a DPIA."),
        N_("“Yes” here means at least half of those who answered said yes.")),
    "unsettled": (
        N_("Not settled: some of the room said yes or not sure to "
           "processing for which the ICO always carries out a DPIA."),
        N_("Settle these questions before deciding: until they are answered "
           "no, treat a full DPIA as needed.")),
    "consider": (
        N_("Consider a full DPIA: the room said yes or not sure to "
           "processing for which the ICO considers whether to do one."),
        N_("If the partners decide not to carry out a DPIA, write down why.")),
    "not_indicated": (
        N_("The screening does not indicate a full DPIA: the room answered no "
           "to every question it answered."),
        N_("Questions nobody answered are not counted; check that each was "
           "discussed.")),
}


def outcome(rows):
    """Whether a full DPIA is indicated and why, with the ICO's words that say so."""
    def texts(part, said):
        return [r["text"] for r in rows if r["part"] == part and r["reading"] in said]

    def said(key, because=(), quotes=()):
        headline, ours = OUTCOME_WORDS[key]
        return {"key": key, "headline": headline, "because": list(because),
                "quotes": list(quotes), "ours": ours}

    always_yes, always_open = texts(ALWAYS, ("yes",)), texts(ALWAYS, ("unsettled",))
    consider = texts(CONSIDER, ("yes", "unsettled"))
    if not any(r["reading"] for r in rows):
        return said("unanswered")
    if always_yes:
        return said("required", always_yes, [guidance.DPIA_ALWAYS_LEAD, guidance.DPIA_MUST,
                                             guidance.DPIA_CONSULT])
    if always_open:
        return said("unsettled", always_open, [guidance.DPIA_ALWAYS_LEAD, guidance.DPIA_MUST])
    if consider:
        return said("consider", consider, [guidance.DPIA_CONSIDER_LEAD,
                                           guidance.DPIA_GOOD_PRACTICE])
    return said("not_indicated", quotes=[guidance.DPIA_GOOD_PRACTICE])


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
    blocks = [{"kind": "text", "text": ngettext(
        "%(num)d person answered the ICO's DPIA screening questions.",
        "%(num)d people answered the ICO's DPIA screening questions.", found["people"])}]
    if state.config["plan"]:
        blocks.append({"kind": "text", "text": _("The sharing screened: %(plan)s",
                                                 plan=state.config["plan"])})
    blocks.append({"kind": "text", "text": _(result["headline"])})
    if result["because"]:
        blocks.append({"kind": "list", "items": result["because"]})
    blocks += [{"kind": "quote", "text": q.text, "source": q.source.cite()}
               for q in result["quotes"]]
    if result["ours"]:
        blocks.append({"kind": "text", "text": _("%(reading)s (%(whose)s.)",
                                                 reading=_(result["ours"]),
                                                 whose=_(guidance.OURS))})
    groups = found["groups"]
    blocks.append({
        "kind": "table", "header_column": True,
        "caption": _("Answers to each question: yes / no / not sure, and by organisation "
                     "(organisations of fewer than three people are counted as Other)"),
        "columns": [_("Question"), _("Yes"), _("No"), _("Not sure"), _("Reads as")]
                   + (groups if len(groups) > 1 else []) + [_("Partners disagree")],
        "rows": [[q["text"], q["counts"]["yes"], q["counts"]["no"], q["counts"]["unsure"],
                  _(READINGS[q["reading"]])]
                 + ([_short(q["by_group"][g]) for g in groups] if len(groups) > 1 else [])
                 + [_("yes") if q["disagree"] else ""] for q in found["questions"]]})
    blocks.append({"kind": "text", "text": _("Questions from: %(source)s",
                                             source=guidance.ICO_DPIA.cite())})
    return blocks


READINGS = {"yes": N_("Yes"), "no": N_("No"), "unsettled": N_("Not settled"),
            None: N_("Not answered")}


def _short(counts):
    """'2 yes, 1 no' for a group's answers."""
    said = {"yes": lambda n: ngettext("%(num)d yes", "%(num)d yes", n),
            "no": lambda n: ngettext("%(num)d no", "%(num)d no", n),
            "unsure": lambda n: ngettext("%(num)d not sure", "%(num)d not sure", n)}
    return ", ".join(said[key](n) for key, n in counts.items() if n) or "–"


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
