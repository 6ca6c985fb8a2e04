"""A made-up activity type, for the test that a new type needs only its module and its
line in the registry: a quick poll, one choice per person, counted once revealed."""
from dataclasses import dataclass, field

from activities.actions import Action
from flask_babel import ngettext

from activities.base import FACILITATOR, PARTICIPANT, Field, Rejected

type_id = "poll"
title = "Quick poll"
description = "Everyone picks one answer; the screen shows how many picked each."

config_fields = [
    Field("prompt", "Question", required=True, max_length=200),
    Field("answers", "Answers, one per line", kind="textarea", max_length=500,
          default="Yes\nNo"),
    Field("hide_results", "Hide results until I reveal them", kind="bool", default=True),
]


@dataclass
class State:
    config: dict
    picks: dict = field(default_factory=dict)  # participant id -> answer


def initial_state(config):
    return State(config)


def _answers(state):
    return [line for line in state.config["answers"].splitlines() if line.strip()]


def _pick(state, payload, ctx):
    if payload["answer"] not in _answers(state):
        raise Rejected("Choose one of the answers.")
    state.picks[ctx.actor.participant_id] = payload["answer"]
    return {"answer": payload["answer"]}


def _clear(state, payload, ctx):
    state.picks.clear()
    return {}


actions = {
    "pick": Action(_pick, (PARTICIPANT,), [
        Field("answer", "Your answer", kind="key", required=True, max_length=100,
              error="Choose one of the answers.")], reply={"answer": "Yes"},
        doc="Picks an answer, or changes theirs."),
    "clear": Action(_clear, (FACILITATOR,), reply={}, doc="Starts the poll again."),
}


def _counts(state):
    return {a: sum(1 for p in state.picks.values() if p == a) for a in _answers(state)}


def public_view(state, role, revealed):
    view = {"prompt": state.config["prompt"], "answers": _answers(state),
            "people": len(state.picks)}
    if revealed or role == FACILITATOR:
        view["counts"] = _counts(state)
    return view


def own_view(state, participant_id):
    return {"answer": state.picks.get(participant_id)}


def summary(state):
    return {"prompt": state.config["prompt"], "counts": _counts(state)}


def export_rows(state):
    return [{"answer": a, "people": n} for a, n in _counts(state).items()]


def report(state):
    return [{"kind": "text", "text": ngettext("%(num)d person answered.",
                                              "%(num)d people answered.", len(state.picks))}]
