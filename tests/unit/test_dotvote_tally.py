"""Dot voting keeps its counts as dots come and go (a view must not count every ballot
again, ten times a second, when thousands have voted): after any mix of dots placed,
taken back, entered and withdrawn, what every role is shown equals a count from scratch."""
import random

from activities import dotvote
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Actor, Context,
                             Rejected, count_people, fold_people, group_order)
from tests.unit.test_dotvote import Vote

ORGANISATIONS = ["Council", "Police", "Health board", None]


def counted_from_scratch(state):
    """Results, breakdown and progress counted from every ballot."""
    voters = [b for b in state.ballots.values() if b.spent]
    totals = {option: 0 for option in state.options}
    for ballot in voters:
        for option, count in ballot.dots.items():
            totals[option] += count
    ordered = sorted(state.options, key=lambda o: -totals[o])
    results = [{"id": o, "text": state.options[o], "dots": totals[o],
                "rank": 1 + sum(1 for other in totals.values() if other > totals[o])}
               for o in ordered]
    shown = fold_people({b.key: b.organisation for b in voters})
    per_group = count_people({b.key: shown[b.organisation] for b in voters})
    groups = group_order(per_group)
    rows = {}
    for ballot in voters:
        for option, count in ballot.dots.items():
            row = rows.setdefault(option, {})
            row[shown[ballot.organisation]] = row.get(shown[ballot.organisation], 0) + count
    breakdown = {"groups": groups, "voters": {g: per_group[g] for g in groups},
                 "options": [{"id": o, "by": rows.get(o, {})} for o in state.options]}
    progress = {"voters": len(voters), "dots_placed": sum(b.spent for b in voters),
                "used_all": sum(1 for b in voters if b.spent >= state.config["dots"])}
    return results, breakdown, progress


def test_the_counts_kept_as_dots_come_and_go_equal_a_count_from_scratch():
    rng = random.Random(16)
    vote = Vote(dots=4, cap=3)
    people = [Actor(PARTICIPANT, participant_id=900 + n, number=n,
                    organisation=rng.choice(ORGANISATIONS)) for n in range(1, 13)]
    options = list(vote.state.options)
    entered = []
    for step in range(600):
        choice = rng.random()
        try:
            if choice < 0.6:
                vote.do(rng.choice(people), "add", option=rng.choice(options))
            elif choice < 0.9:
                vote.do(rng.choice(people), "remove", option=rng.choice(options))
            elif choice < 0.96 or not entered:
                dots = {rng.choice(options): rng.randint(1, 3)}
                entered.append(vote.do(Actor(FACILITATOR), "enter_ballot", dots=dots)["ballot"])
            else:
                vote.do(Actor(FACILITATOR), "withdraw_ballot",
                        ballot=entered.pop(rng.randrange(len(entered))))
        except Rejected:
            pass  # over the budget, the cap, or nothing to take back: nothing changed
        if step % 20 == 0 or step == 599:
            results, breakdown, progress = counted_from_scratch(vote.state)
            facilitator = vote.view(FACILITATOR)
            assert facilitator["results"] == results
            assert facilitator["breakdown"] == breakdown
            assert {k: facilitator[k] for k in progress} == progress
            assert vote.view(PRESENTER, revealed=True)["results"] == results
            assert vote.view(PARTICIPANT, revealed=True)["results"] == results
    assert OTHER in breakdown["groups"] and progress["voters"] > 5  # the mix was real


def test_a_replayed_vote_has_the_same_counts():
    """The counts live in memory: a restarted server rebuilds them by replaying."""
    vote = Vote(dots=3)
    ann = Actor(PARTICIPANT, participant_id=901, number=1, organisation="Council")
    vote.add(ann, "Housing", times=2)
    vote.remove(ann, "Housing")
    again = dotvote.initial_state(vote.config)
    for seq, (action, payload) in enumerate([("add", "Housing"), ("add", "Housing"),
                                            ("remove", "Housing")], start=1):
        dotvote.actions[action].perform(again, {"option": vote.option(payload)},
                                        Context(ann, seq, 1.0))
    assert again.tally == vote.state.tally
