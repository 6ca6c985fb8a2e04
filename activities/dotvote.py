"""Dot voting: each person spends a budget of dots on options; results stay hidden until
the facilitator reveals them, so nobody follows the crowd.

Options are typed by the facilitator (or taken from an earlier activity's items in the
console), or proposed by participants in a first phase that the facilitator ends with
`start_voting`. An option's id is derived from its text, so options can be added or
reordered mid-vote without moving anybody's dots."""
import hashlib
from dataclasses import dataclass, field


from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_babel import gettext as _
from flask_babel import ngettext

from .actions import Action
from .base import (FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, clean_text, fold_groups,
                   fold_people, group_order, is_int)
from .contributions import (REVIEW, Contribution, Contributions, check_limit, find, id_field,
                            mine, moderation, visible)

type_id = "dotvote"
title = _l("Dot voting")
description = (_l("Everyone places a budget of dots on the options; results stay hidden "
               "until you reveal them, then show ranked and by organisation."))

OPTION_LIMIT = 280  # as long as a note or an answer, so either can become an option
MAX_OPTIONS = 60
PROPOSALS_PER_PERSON = 3
PROPOSALS_ON_SCREEN = 200  # the newest, that a presenter is sent for its wall

config_fields = [
    Field("prompt", _l("Question"), translatable=True, required=True, max_length=200,
          help=_l("e.g. ‘Which barrier should we tackle first?’")),
    Field("options", _l("Options, one per line"), translatable=True, kind="textarea",
          max_length=MAX_OPTIONS * 290,
          help=_l("Type or paste them, or take them from an earlier activity."), picker=True),
    Field("propose_first", _l("Let participants propose options first"), kind="bool",
          default=False, help=_l("Their proposals join the options when you start the vote.")),
    Field("dots", _l("Dots per person"), kind="number", default=5, minimum=1, maximum=20),
    Field("cap", _l("Most dots one person may put on one option (0: no limit)"), kind="number",
          default=0, minimum=0, maximum=20),
    Field("hide_results", _l("Hide results until I reveal them"), kind="bool", default=True),
    REVIEW,
]

def option_id(text):
    return "o" + hashlib.blake2s(text.casefold().encode(), digest_size=5).hexdigest()


def parse_options(text):
    """The facilitator's lines as options: trimmed, blank lines and repeats dropped."""
    return clean_options((text or "").splitlines())


def clean_options(lines):
    """Texts as options: each on one line, trimmed; blanks and repeats dropped."""
    options, seen = [], set()
    for line in lines:
        line = clean_text(line.lstrip("-•* \t"))
        if not line:
            continue
        if len(line) > OPTION_LIMIT:
            raise Rejected(_l("Options: please keep each to %(most)d characters "
                              "(“%(start)s…” has %(length)d).", most=OPTION_LIMIT,
                              start=line[:30], length=len(line)))
        if line.casefold() not in seen:
            seen.add(line.casefold())
            options.append(line)
    if len(options) > MAX_OPTIONS:
        raise Rejected(_l("Options: a vote can have up to %(most)d options.", most=MAX_OPTIONS))
    return options


def check_config(config):
    options = parse_options(config["options"])
    if not config["propose_first"] and len(options) < 2:
        raise Rejected(_l("Options: give at least two, one per line, or let participants "
                       "propose them first."))
    if config["cap"] > config["dots"]:
        raise Rejected(_l("The most dots on one option cannot be more than the dots per person."))
    return {**config, "options": "\n".join(options)}


@dataclass(kw_only=True)
class Proposal(Contribution):
    TEXTS = ("text",)
    text: str


@dataclass
class Ballot:
    """One voter's dots. A ballot the facilitator entered for someone without a phone
    has no participant and is numbered F1, F2 ..."""

    key: object  # participant id, or "F<n>" for an entered ballot
    number: object
    organisation: str | None
    dots: dict = field(default_factory=dict)  # option id -> dots
    by_facilitator: bool = False

    @property
    def spent(self):
        return sum(self.dots.values())


@dataclass
class Tally:
    """The counts the views show, kept as dots come and go: a view ten times a second
    must not count every ballot again when thousands have voted. Only voters with a dot
    placed count; organisations are as given (None for none), folded when shown."""

    dots: dict = field(default_factory=dict)  # option id -> dots
    by_organisation: dict = field(default_factory=dict)  # organisation -> {option: dots}
    voters_by_organisation: dict = field(default_factory=dict)  # organisation -> voters
    voters: int = 0
    placed: int = 0
    used_all: int = 0

    def count(self, ballot, sign, budget):
        """Add (sign 1) or take away (sign -1) what one ballot holds."""
        spent = ballot.spent
        if not spent:
            return
        self.voters += sign
        self.placed += sign * spent
        self.used_all += sign * (spent >= budget)
        organisation = ballot.organisation
        self.voters_by_organisation[organisation] = (
            self.voters_by_organisation.get(organisation, 0) + sign)
        row = self.by_organisation.setdefault(organisation, {})
        for option, dots in ballot.dots.items():
            self.dots[option] = self.dots.get(option, 0) + sign * dots
            row[option] = row.get(option, 0) + sign * dots


@dataclass
class State:
    config: dict
    phase: str  # "proposing" or "voting"
    options: dict  # option id -> text, in order
    proposals: Contributions = field(default_factory=Contributions)  # id -> Proposal
    ballots: dict = field(default_factory=dict)  # key -> Ballot
    entered: int = 0  # ballots entered by the facilitator so far
    tally: Tally = field(default_factory=Tally)

    def recount(self, ballot, change):
        """Change one ballot (`change(ballot)`) and keep the tally true."""
        budget = self.config["dots"]
        self.tally.count(ballot, -1, budget)
        change(ballot)
        self.tally.count(ballot, 1, budget)


def initial_state(config):
    texts = parse_options(config["options"])
    return State(config=config, phase="proposing" if config["propose_first"] else "voting",
                 options={option_id(t): t for t in texts})


def items(state):
    """What a later activity may take from this one: the options, best first."""
    return [{"id": r["id"], "text": r["text"]} for r in _results(state)]


# ---------------------------------------------------------------------- actions
def _propose(state, payload, ctx):
    _need(state, "proposing", _l("Proposals are closed: voting has started."))
    check_limit(state.proposals, ctx, PROPOSALS_PER_PERSON,
                lazy_ngettext("You can propose up to %(num)d option.",
                              "You can propose up to %(num)d options.", PROPOSALS_PER_PERSON))
    proposal = Proposal.made(ctx, state.config, text=payload["text"])
    state.proposals[proposal.id] = proposal
    return {"id": proposal.id}


def _withdraw_proposal(state, payload, ctx):
    _need(state, "proposing", _l("Voting has started: proposals can no longer change."))
    proposal = _proposal(state, payload)
    if proposal.author != ctx.actor.participant_id:
        raise Rejected(_l("You can only withdraw your own proposals."))
    del state.proposals[proposal.id]
    return {"id": proposal.id}


def _add_options(state, payload, ctx):
    added = {option_id(t): t for t in payload["texts"] if option_id(t) not in state.options}
    if len(state.options) + len(added) > MAX_OPTIONS:
        raise Rejected(_l("A vote can have up to %(most)d options.", most=MAX_OPTIONS))
    state.options.update(added)  # new options never move anybody's dots
    return {"added": len(added)}


def _start_voting(state, payload, ctx):
    _need(state, "proposing", _l("Voting has already started."))
    options = dict(state.options)  # changed only once the start is accepted
    for proposal in visible(state.proposals.values()):  # none that waits for review
        if len(options) < MAX_OPTIONS:
            options.setdefault(option_id(proposal.text), proposal.text)
    if len(options) < 2:
        raise Rejected(_l("A vote needs at least two options: add some, or wait for "
                       "more proposals."))
    state.options = options
    state.phase = "voting"
    return {"options": len(state.options)}


def _add(state, payload, ctx):
    _need(state, "voting", _l("Voting has not started yet."))
    option, actor = _option(state, payload), ctx.actor
    ballot = state.ballots.get(actor.participant_id) or Ballot(
        actor.participant_id, actor.number, actor.organisation)
    _check_room(state, ballot, {option: ballot.dots.get(option, 0) + 1})
    state.recount(ballot, lambda b: b.dots.__setitem__(option, b.dots.get(option, 0) + 1))
    state.ballots[ballot.key] = ballot
    return {"option": option, "dots": ballot.dots[option]}


def _remove(state, payload, ctx):
    _need(state, "voting", _l("Voting has not started yet."))
    option = _option(state, payload)
    ballot = state.ballots.get(ctx.actor.participant_id)
    if ballot is None or not ballot.dots.get(option):
        raise Rejected(_l("You have no dot on that option to take back."))
    state.recount(ballot, lambda b: _take_one(b.dots, option))
    return {"option": option, "dots": ballot.dots.get(option, 0)}


def _take_one(dots, option):
    dots[option] -= 1
    if not dots[option]:
        del dots[option]


def _enter_ballot(state, payload, ctx):
    _need(state, "voting", _l("Start the vote before entering dots."))
    if any(option not in state.options for option in payload["dots"]):
        raise Rejected(_l("One of those options is not in this vote."))
    wanted = {option: count for option, count in payload["dots"].items() if count}
    if not wanted:
        raise Rejected(_l("Put at least one dot on an option."))
    number = f"F{state.entered + 1}"
    ballot = Ballot(number, number, None, by_facilitator=True)
    _check_room(state, ballot, wanted)
    state.recount(ballot, lambda b: b.dots.update(wanted))
    state.entered += 1
    state.ballots[number] = ballot
    return {"ballot": number}


def _withdraw_ballot(state, payload, ctx):
    key = payload["ballot"]
    ballot = state.ballots.get(key)
    if ballot is None or not ballot.by_facilitator:
        raise Rejected(_l("That entered ballot is no longer there."))
    state.recount(ballot, lambda b: b.dots.clear())
    del state.ballots[key]
    return {"ballot": key}


def _need(state, phase, message):
    if state.phase != phase:
        raise Rejected(message)


def _option(state, payload):
    if payload["option"] not in state.options:
        raise Rejected(_l("That option is not in this vote."))
    return payload["option"]


def contributions(state):
    return state.proposals.values()


def _proposal(state, payload):
    return find(state.proposals, payload["id"], _l("That proposal is no longer there."))


def _texts(texts):
    """The facilitator's options to add: texts, tidied like the options setting."""
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise Rejected(_l("Give the options as a list of texts."))
    return clean_options(texts)


def _dots(dots):
    """An entered ballot: {option id: dots}, whole numbers, 0 or more."""
    if not isinstance(dots, dict) or not dots:
        raise Rejected(_l("Give the dots as option: number."))
    if not all(is_int(count) and count >= 0 for count in dots.values()):
        raise Rejected(_l("Dots must be whole numbers, 0 or more."))
    return dots


OPTION = Field("option", _l("The option"), kind="key", required=True, max_length=40,
               error=_l("That option is not in this vote."), help="an option's `id`")
actions = {
    "propose": Action(_propose, (PARTICIPANT,), [
        Field("text", _l("Your proposal"), required=True, max_length=OPTION_LIMIT)],
        reply={"id": 12}, before_reveal=(PRESENTER,),
        doc=f"In the proposing phase: proposes an option, on one line; up to "
            f"{PROPOSALS_PER_PERSON} per person. The presenter shows proposals as they come."),
    "withdraw_proposal": Action(_withdraw_proposal, (PARTICIPANT,), [id_field("proposal")],
                                reply={"id": 12}, doc="In the proposing phase: withdraws one "
                                                      "of their own proposals."),
    **moderation(_proposal, "proposal", contributions),
    "add_options": Action(_add_options, (FACILITATOR,), [
        Field("texts", _l("The options"), kind="data", required=True, check=_texts,
              help="a list of texts, tidied like the `options` setting",
              example=["Consent unclear", "Systems do not talk"])],
        reply={"added": 2},
        doc=f"In either phase: adds options; those already there (ignoring case) are "
            f"skipped. Up to {MAX_OPTIONS} options in all. Dots stay where they are."),
    "start_voting": Action(_start_voting, (FACILITATOR,), reply={"options": 4},
                           doc="Ends the proposing phase: every proposal neither hidden nor "
                               "waiting for review becomes an option (the same words as an "
                               "existing option make one option), and the vote starts. "
                               "Needs at least two options."),
    "add": Action(_add, (PARTICIPANT,), [OPTION], reply={"option": "o7f7be64ed7", "dots": 2},
                  doc="In the voting phase: puts one more dot on an option; `dots` is how "
                      "many of theirs it now holds."),
    "remove": Action(_remove, (PARTICIPANT,), [OPTION],
                     reply={"option": "o7f7be64ed7", "dots": 1},
                     doc="In the voting phase: takes one of their dots back."),
    "enter_ballot": Action(_enter_ballot, (FACILITATOR,), [
        Field("dots", _l("The dots"), kind="data", required=True, check=_dots,
              help="`{option id: dots}`", example={"ob686d709e5": 2, "o297b38858f": 1})],
        reply={"ballot": "F1"},
        doc="In the voting phase: enters the dots of someone without a phone, as one "
            "ballot, numbered `F1`, `F2` … The same budget and cap apply."),
    "withdraw_ballot": Action(_withdraw_ballot, (FACILITATOR,), [
        Field("ballot", _l("The ballot"), kind="key", required=True, max_length=20,
              error=_l("That entered ballot is no longer there."), help="an entered ballot's "
                                                                "number, e.g. `F1`")],
        reply={"ballot": "F1"}, doc="Removes an entered ballot."),
}


def _check_room(state, ballot, changes):
    """Refuse dots beyond the budget or the cap, saying which."""
    budget, cap = state.config["dots"], state.config["cap"]
    after = {**ballot.dots, **changes}
    if sum(after.values()) > budget:
        raise Rejected(lazy_ngettext(
            "You have used your %(num)d dot. Take it back to move it.",
            "You have used all %(num)d of your dots. Take one back to move it.", budget))
    if cap and any(count > cap for count in changes.values()):
        raise Rejected(lazy_ngettext("Each option takes at most %(num)d dot from one person.",
                                     "Each option takes at most %(num)d dots from one person.",
                                     cap))


# ---------------------------------------------------------------------- results
def _voters(state):
    return [b for b in state.ballots.values() if b.spent]


def _results(state):
    """Options ranked by dots; equal dots share a rank (1, 2, 2, 4)."""
    totals = {option: state.tally.dots.get(option, 0) for option in state.options}
    ordered = sorted(state.options, key=lambda o: -totals[o])
    return [{"id": o, "text": state.options[o], "dots": totals[o],
             "rank": 1 + sum(1 for other in totals.values() if other > totals[o])}
            for o in ordered]


def _breakdown(state):
    tally = state.tally
    people = {organisation: n for organisation, n in tally.voters_by_organisation.items() if n}
    shown = fold_groups(people)
    per_group = {}
    for organisation, n in people.items():
        per_group[shown[organisation]] = per_group.get(shown[organisation], 0) + n
    groups = group_order(per_group)
    rows = {}
    for organisation, dots in tally.by_organisation.items():
        for option, count in dots.items():
            if count:
                row = rows.setdefault(option, {})
                group = shown[organisation]
                row[group] = row.get(group, 0) + count
    return {"groups": groups,
            "voters": {g: per_group[g] for g in groups},
            "options": [{"id": o, "by": rows.get(o, {})} for o in state.options]}


def _folded(voters):
    """Each voter's organisation as it may be shown; an entered ballot counts as one person
    who gave none."""
    return fold_people({b.key: b.organisation for b in voters})


def _progress(state):
    tally = state.tally
    return {"voters": tally.voters, "dots_placed": tally.placed, "used_all": tally.used_all}


# ---------------------------------------------------------------------- views
def public_view(state, role, revealed):
    view = {
        "prompt": state.config["prompt"],
        "phase": state.phase,
        "dots": state.config["dots"],
        "cap": state.config["cap"],
        "options": [{"id": o, "text": t} for o, t in state.options.items()],
    }
    if state.phase == "proposing":
        proposals = visible(state.proposals.values())
        view["proposal_count"] = len(proposals)
        if role == FACILITATOR:
            view["proposals"] = [{"id": p.id, "text": p.text, **p.marks()}
                                 for p in state.proposals.values()]
        elif role == PRESENTER:  # a phone lists its own proposals only (own_view)
            view["proposals"] = [{"id": p.id, "text": p.text}
                                 for p in proposals[-PROPOSALS_ON_SCREEN:]]
    if role in (PRESENTER, FACILITATOR):
        view.update(_progress(state))
    if revealed or role == FACILITATOR:
        view["results"] = _results(state)
        if role != PARTICIPANT:
            view["breakdown"] = _breakdown(state)
    if role == FACILITATOR:
        view["entered"] = [{"ballot": b.key, "dots": b.dots}
                           for b in state.ballots.values() if b.by_facilitator]
    return view


def own_view(state, participant_id):
    ballot = state.ballots.get(participant_id)
    dots = dict(ballot.dots) if ballot else {}
    return {
        "dots": dots,
        "remaining": state.config["dots"] - sum(dots.values()),
        "proposals": [{"id": p.id, "text": p.text, "waiting": p.held}
                      for p in mine(state.proposals, participant_id)],
    }


def summary(state):
    return {"prompt": state.config["prompt"], **_progress(state),
            "results": _results(state), "breakdown": _breakdown(state)}


def report(state):
    """The report's section: the ranked result and who gave what, by organisation."""
    progress, results, breakdown = _progress(state), _results(state), _breakdown(state)
    blocks = [
        {"kind": "text", "text": ngettext(
            "%(people)s placed %(num)d dot (%(each)d each).",
            "%(people)s placed %(num)d dots (%(each)d each).", progress["dots_placed"],
            people=ngettext("%(num)d person", "%(num)d people", progress["voters"]),
            each=state.config["dots"])},
        {"kind": "bars", "caption": _("Dots per option, ranked (equal dots share a rank)"),
         "rows": [{"label": r["text"], "value": r["dots"], "rank": r["rank"]} for r in results]},
    ]
    if breakdown["groups"]:
        by_option = {o["id"]: o["by"] for o in breakdown["options"]}
        blocks.append({
            "kind": "table",
            "caption": _("Dots by organisation (organisations of fewer than three voters "
                       "are counted as Other)"),
            "columns": [_("Option")] + [f"{g} ({breakdown['voters'][g]})"
                                     for g in breakdown["groups"]],
            "rows": [[r["text"]] + [by_option.get(r["id"], {}).get(g, 0)
                                    for g in breakdown["groups"]] for r in results],
        })
    return blocks


def export_rows(state):
    """One row per ballot and option with dots: the ballot under its anonymous number,
    its organisation folded as in the breakdown."""
    voters = _voters(state)
    shown = _folded(voters)
    return [
        {"ballot": ballot.number, "organisation": shown[ballot.organisation],
         "entered_by_facilitator": ballot.by_facilitator, "option": state.options[option],
         "dots": count}
        for ballot in voters for option, count in ballot.dots.items()
    ]
