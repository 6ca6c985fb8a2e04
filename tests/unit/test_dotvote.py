"""Dot voting on its own: the budget and the cap, taking dots back, proposals, ballots the
facilitator enters, ranking with ties, organisations folded into "Other", what each role
sees, the settings; then through the engine: closing, reopening, replay and editing."""
import itertools

import pytest

from activities import dotvote
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Actor, Context,
                             Rejected, fold_groups, validate_config)
from tests.unit.helpers import handle, open_engine

OPTIONS = ["Housing", "Schools", "Health"]
PROMPT = "Which barrier should we tackle first?"
FAC = Actor(FACILITATOR)


def person(number, organisation=None):
    return Actor(PARTICIPANT, participant_id=500 + number, number=number,
                 organisation=organisation)


ANN = person(1, "Council")
BEN = person(2, "Police")
CAT = person(3, None)


def settings(**changes):
    """A dot vote's settings as the console would send them, checked as the engine does."""
    raw = {"prompt": PROMPT, "options": "\n".join(OPTIONS), **changes}
    return dotvote.check_config(validate_config(dotvote.config_fields, raw))


class Vote:
    """One dot vote's state, each action numbered as the engine would number it."""

    def __init__(self, **changes):
        self.config = settings(**changes)
        self.state = dotvote.initial_state(self.config)
        self.seq = 100

    def do(self, actor, action, **payload):
        self.seq += 1
        return handle(dotvote, self.state, action, payload,
                      Context(actor, self.seq, 1_700_000_000.0 + self.seq))

    def option(self, text):
        [found] = [o for o, t in self.state.options.items() if t == text]
        return found

    def add(self, actor, text, times=1):
        for _ in range(times):
            self.do(actor, "add", option=self.option(text))

    def remove(self, actor, text):
        return self.do(actor, "remove", option=self.option(text))

    def enter(self, **dots_by_text):
        dots = {self.option(text): n for text, n in dots_by_text.items()}
        return self.do(FAC, "enter_ballot", dots=dots)["ballot"]

    def propose(self, actor, text):
        return self.do(actor, "propose", text=text)["id"]

    def view(self, role, revealed=False):
        return dotvote.public_view(self.state, role, revealed)

    def mine(self, actor):
        """This person's dots as their phone shows them: option text -> dots."""
        own = dotvote.own_view(self.state, actor.participant_id)
        return {self.state.options[o]: n for o, n in own["dots"].items()}

    def left(self, actor):
        return dotvote.own_view(self.state, actor.participant_id)["remaining"]

    def totals(self):
        """Dots per option text, as the facilitator's console shows them."""
        return {r["text"]: r["dots"] for r in self.view(FACILITATOR)["results"]}

    def ranking(self, role=FACILITATOR, revealed=False):
        return [(r["rank"], r["text"], r["dots"]) for r in self.view(role, revealed)["results"]]

    def option_texts(self, role=PRESENTER):
        return [o["text"] for o in self.view(role)["options"]]


# ---------------------------------------------------------------------- the budget
def test_a_person_can_spend_exactly_their_dots_and_not_one_more():
    vote = Vote(dots=3)
    assert vote.left(ANN) == 3
    vote.add(ANN, "Housing")
    vote.add(ANN, "Schools")
    assert vote.left(ANN) == 1
    vote.add(ANN, "Health")
    assert vote.left(ANN) == 0
    with pytest.raises(Rejected, match="used all 3 of your dots"):
        vote.add(ANN, "Housing")
    assert vote.mine(ANN) == {"Housing": 1, "Schools": 1, "Health": 1}
    assert vote.totals() == {"Housing": 1, "Schools": 1, "Health": 1}


def test_the_budget_is_each_persons_own():
    vote = Vote(dots=2)
    vote.add(ANN, "Housing", times=2)
    vote.add(BEN, "Housing", times=2)
    with pytest.raises(Rejected, match="used all 2"):
        vote.add(BEN, "Schools")
    assert vote.mine(ANN) == {"Housing": 2}
    assert vote.mine(BEN) == {"Housing": 2}
    assert vote.totals()["Housing"] == 4


def test_the_reply_says_how_many_of_ones_dots_the_option_now_has():
    vote = Vote()
    schools = vote.option("Schools")
    assert vote.do(ANN, "add", option=schools) == {"option": schools, "dots": 1}
    assert vote.do(ANN, "add", option=schools) == {"option": schools, "dots": 2}
    assert vote.do(ANN, "remove", option=schools) == {"option": schools, "dots": 1}


@pytest.mark.parametrize("payload", [{}, {"option": None}, {"option": 3},
                                     {"option": "Housing"}, {"option": "o0000000000"},
                                     {"option": ["x"]}])
def test_a_dot_on_an_option_that_is_not_in_the_vote_is_refused(payload):
    vote = Vote()
    with pytest.raises(Rejected, match="not in this vote"):
        vote.do(ANN, "add", **payload)
    assert vote.left(ANN) == 5
    assert vote.view(FACILITATOR)["dots_placed"] == 0


# ---------------------------------------------------------------------- the cap
def test_a_cap_of_one_allows_one_dot_per_option():
    vote = Vote(dots=3, cap=1)
    vote.add(ANN, "Housing")
    with pytest.raises(Rejected, match="at most 1 dot from one person"):
        vote.add(ANN, "Housing")
    vote.add(ANN, "Schools")
    vote.add(ANN, "Health")
    assert vote.mine(ANN) == {"Housing": 1, "Schools": 1, "Health": 1}
    vote.add(BEN, "Housing")  # the cap is per person, not per option
    assert vote.totals()["Housing"] == 2


def test_a_cap_of_two_stops_the_third_dot():
    vote = Vote(dots=5, cap=2)
    vote.add(ANN, "Housing", times=2)
    with pytest.raises(Rejected, match="at most 2 dots from one person"):
        vote.add(ANN, "Housing")
    assert vote.mine(ANN) == {"Housing": 2}
    assert vote.left(ANN) == 3


def test_a_cap_of_zero_means_all_dots_may_go_on_one_option():
    vote = Vote(dots=5, cap=0)
    vote.add(ANN, "Health", times=5)
    assert vote.mine(ANN) == {"Health": 5}
    with pytest.raises(Rejected, match="used all 5"):
        vote.add(ANN, "Health")


# ---------------------------------------------------------------------- taking back, moving
def test_taking_a_dot_back_gives_it_back_to_spend():
    vote = Vote(dots=2)
    vote.add(ANN, "Housing", times=2)
    assert vote.left(ANN) == 0
    vote.remove(ANN, "Housing")
    assert vote.left(ANN) == 1
    assert vote.mine(ANN) == {"Housing": 1}
    vote.remove(ANN, "Housing")
    assert vote.mine(ANN) == {}
    assert vote.left(ANN) == 2
    assert vote.totals()["Housing"] == 0


def test_taking_back_a_dot_one_never_placed_is_refused():
    vote = Vote()
    with pytest.raises(Rejected, match="no dot on that option"):
        vote.remove(ANN, "Housing")
    vote.add(BEN, "Housing")
    with pytest.raises(Rejected, match="no dot on that option"):
        vote.remove(ANN, "Housing")  # Ben's dot is not Ann's to take
    vote.add(ANN, "Schools")
    with pytest.raises(Rejected, match="no dot on that option"):
        vote.remove(ANN, "Housing")
    assert vote.totals() == {"Housing": 1, "Schools": 1, "Health": 0}


def test_someone_who_took_back_every_dot_is_no_longer_counted_as_a_voter():
    vote = Vote()
    vote.add(ANN, "Housing")
    vote.add(BEN, "Schools")
    vote.remove(ANN, "Housing")
    view = vote.view(PRESENTER)
    assert (view["voters"], view["dots_placed"]) == (1, 1)


def test_a_dot_is_moved_by_taking_it_back_and_placing_it_elsewhere():
    vote = Vote(dots=2, cap=1)
    vote.add(ANN, "Housing")
    vote.add(ANN, "Schools")
    with pytest.raises(Rejected):
        vote.add(ANN, "Health")  # no dots left: it has to be moved
    vote.remove(ANN, "Schools")
    vote.add(ANN, "Health")
    assert vote.mine(ANN) == {"Housing": 1, "Health": 1}
    assert vote.totals() == {"Housing": 1, "Schools": 0, "Health": 1}
    assert vote.view(PRESENTER)["dots_placed"] == 2


def test_used_all_counts_the_people_with_no_dots_left():
    vote = Vote(dots=2)
    vote.add(ANN, "Housing", times=2)
    vote.add(BEN, "Housing")
    view = vote.view(PRESENTER)
    assert (view["voters"], view["dots_placed"], view["used_all"]) == (2, 3, 1)


# ---------------------------------------------------------------------- proposals
def proposing(**changes):
    return Vote(options="", propose_first=True, **changes)


def test_a_vote_with_proposals_starts_in_the_proposing_phase_with_no_options():
    vote = proposing()
    view = vote.view(PRESENTER)
    assert view["phase"] == "proposing"
    assert view["options"] == []
    assert view["proposal_count"] == 0


def test_a_proposal_shows_on_the_screen_and_as_ones_own():
    vote = proposing()
    reply = vote.do(ANN, "propose", text="  Shared   case notes ")
    assert reply == {"id": vote.seq}
    assert [p["text"] for p in vote.view(PRESENTER)["proposals"]] == ["Shared case notes"]
    assert vote.view(PRESENTER)["proposal_count"] == 1
    assert dotvote.own_view(vote.state, ANN.participant_id)["proposals"] == [
        {"id": reply["id"], "text": "Shared case notes", "waiting": False}]
    assert dotvote.own_view(vote.state, BEN.participant_id)["proposals"] == []


@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": "   "}, {"text": 7}])
def test_an_empty_proposal_is_refused(payload):
    vote = proposing()
    with pytest.raises(Rejected, match="Your proposal"):
        vote.do(ANN, "propose", **payload)
    assert vote.view(FACILITATOR)["proposals"] == []


def test_a_proposal_longer_than_an_option_may_be_is_refused():
    vote = proposing()
    limit = dotvote.OPTION_LIMIT
    with pytest.raises(Rejected, match=f"{limit} characters"):
        vote.propose(ANN, "x" * (limit + 1))
    vote.propose(ANN, "x" * limit)
    assert vote.view(PRESENTER)["proposal_count"] == 1


def test_each_person_may_propose_up_to_three_options():
    vote = proposing()
    for text in ("One", "Two", "Three"):
        vote.propose(ANN, text)
    with pytest.raises(Rejected, match="up to 3 options"):
        vote.propose(ANN, "Four")
    vote.propose(BEN, "Ben's")  # the limit is per person
    assert [p["text"] for p in vote.view(PRESENTER)["proposals"]] == [
        "One", "Two", "Three", "Ben's"]


def test_withdrawing_a_proposal_frees_a_place():
    vote = proposing()
    first = vote.propose(ANN, "One")
    vote.propose(ANN, "Two")
    vote.propose(ANN, "Three")
    assert vote.do(ANN, "withdraw_proposal", id=first) == {"id": first}
    vote.propose(ANN, "Four")
    assert [p["text"] for p in dotvote.own_view(vote.state, ANN.participant_id)["proposals"]] \
        == ["Two", "Three", "Four"]


def test_only_the_author_can_withdraw_a_proposal():
    vote = proposing()
    anns = vote.propose(ANN, "Ann's idea")
    with pytest.raises(Rejected, match="only withdraw your own"):
        vote.do(BEN, "withdraw_proposal", id=anns)
    with pytest.raises(Rejected, match="no longer there"):
        vote.do(ANN, "withdraw_proposal", id=anns + 1000)
    with pytest.raises(Rejected, match="^The id is missing or not a number.$"):
        vote.do(ANN, "withdraw_proposal", id=str(anns))
    assert [p["text"] for p in vote.view(PRESENTER)["proposals"]] == ["Ann's idea"]


def test_proposals_become_the_options_when_voting_starts():
    vote = proposing()
    vote.propose(ANN, "Shared case notes")
    vote.propose(BEN, "One contact point")
    assert vote.do(FAC, "start_voting") == {"options": 2}
    assert vote.view(PRESENTER)["phase"] == "voting"
    assert vote.option_texts() == ["Shared case notes", "One contact point"]
    vote.add(ANN, "One contact point")
    assert vote.mine(ANN) == {"One contact point": 1}


def test_a_proposal_is_one_line_like_a_typed_option():
    vote = Vote(options="Shared case notes\nSchools", propose_first=True)
    vote.propose(ANN, "Shared\ncase   notes")
    vote.propose(BEN, "One\tcontact point")
    vote.do(FAC, "start_voting")
    assert vote.option_texts() == ["Shared case notes", "Schools", "One contact point"]


def test_proposals_join_the_typed_options_and_repeats_merge():
    vote = Vote(options="Housing\nSchools", propose_first=True)
    vote.propose(ANN, "housing")  # the same as a typed option, in other letters
    vote.propose(BEN, "Transport")
    vote.propose(CAT, "TRANSPORT")
    vote.do(FAC, "start_voting")
    assert vote.option_texts() == ["Housing", "Schools", "Transport"]


def test_hidden_proposals_do_not_become_options():
    vote = proposing()
    vote.propose(ANN, "Shared case notes")
    rude = vote.propose(BEN, "Something rude")
    vote.propose(CAT, "One contact point")
    vote.do(FAC, "hide", id=rude)
    assert [p["text"] for p in vote.view(PRESENTER)["proposals"]] == [
        "Shared case notes", "One contact point"]
    assert vote.view(PRESENTER)["proposal_count"] == 2
    assert {p["text"]: p["hidden"] for p in vote.view(FACILITATOR)["proposals"]} == {
        "Shared case notes": False, "Something rude": True, "One contact point": False}
    vote.do(FAC, "start_voting")
    assert vote.option_texts() == ["Shared case notes", "One contact point"]


def test_a_restored_proposal_becomes_an_option_again():
    vote = proposing()
    vote.propose(ANN, "Shared case notes")
    second = vote.propose(BEN, "One contact point")
    vote.do(FAC, "hide", id=second)
    vote.do(FAC, "restore", id=second)
    vote.do(FAC, "start_voting")
    assert vote.option_texts() == ["Shared case notes", "One contact point"]


def test_voting_cannot_start_with_fewer_than_two_options():
    vote = proposing()
    with pytest.raises(Rejected, match="at least two options"):
        vote.do(FAC, "start_voting")
    vote.propose(ANN, "Only one idea")
    with pytest.raises(Rejected, match="at least two options"):
        vote.do(FAC, "start_voting")
    view = vote.view(PRESENTER)
    assert view["phase"] == "proposing"
    assert view["options"] == []


def test_a_refused_start_leaves_nothing_behind():
    """A start that was refused must not turn proposals into options: a proposal withdrawn
    (or hidden) afterwards would otherwise still be voted on."""
    vote = proposing()
    withdrawn = vote.propose(ANN, "Withdrawn later")
    with pytest.raises(Rejected, match="at least two options"):
        vote.do(FAC, "start_voting")
    vote.do(ANN, "withdraw_proposal", id=withdrawn)
    hidden = vote.propose(BEN, "Hidden later")
    vote.propose(CAT, "Kept")
    vote.do(FAC, "hide", id=hidden)
    with pytest.raises(Rejected, match="at least two options"):
        vote.do(FAC, "start_voting")
    vote.do(FAC, "restore", id=hidden)
    vote.do(FAC, "hide", id=hidden)  # the facilitator changes their mind twice
    vote.propose(ANN, "Also kept")
    vote.do(FAC, "start_voting")
    assert vote.option_texts() == ["Kept", "Also kept"]


def test_nobody_can_vote_before_the_vote_starts():
    vote = Vote(options="Housing\nSchools", propose_first=True)
    with pytest.raises(Rejected, match="Voting has not started"):
        vote.add(ANN, "Housing")
    with pytest.raises(Rejected, match="Voting has not started"):
        vote.remove(ANN, "Housing")
    with pytest.raises(Rejected, match="Start the vote"):
        vote.enter(Housing=1)
    assert vote.mine(ANN) == {}
    assert vote.view(FACILITATOR)["dots_placed"] == 0


def test_once_voting_starts_proposals_are_closed():
    vote = proposing()
    first = vote.propose(ANN, "One")
    vote.propose(BEN, "Two")
    vote.do(FAC, "start_voting")
    with pytest.raises(Rejected, match="Proposals are closed"):
        vote.propose(ANN, "Late")
    with pytest.raises(Rejected, match="can no longer change"):
        vote.do(ANN, "withdraw_proposal", id=first)
    with pytest.raises(Rejected, match="already started"):
        vote.do(FAC, "start_voting")
    assert vote.option_texts() == ["One", "Two"]


def test_a_vote_with_typed_options_starts_in_the_voting_phase():
    vote = Vote()
    with pytest.raises(Rejected, match="already started"):
        vote.do(FAC, "start_voting")
    with pytest.raises(Rejected, match="Proposals are closed"):
        vote.propose(ANN, "Late")


# ---------------------------------------------------------------------- entered ballots
def test_the_facilitator_enters_ballots_numbered_f1_f2():
    vote = Vote(dots=3)
    assert vote.enter(Housing=2, Schools=1) == "F1"
    assert vote.enter(Health=3) == "F2"
    assert vote.totals() == {"Housing": 2, "Schools": 1, "Health": 3}
    assert vote.view(FACILITATOR)["entered"] == [
        {"ballot": "F1", "dots": {vote.option("Housing"): 2, vote.option("Schools"): 1}},
        {"ballot": "F2", "dots": {vote.option("Health"): 3}}]
    view = vote.view(PRESENTER)
    assert (view["voters"], view["dots_placed"], view["used_all"]) == (2, 6, 2)


def test_zero_dots_in_an_entered_ballot_are_left_out():
    vote = Vote()
    vote.enter(Housing=2, Schools=0)
    assert vote.view(FACILITATOR)["entered"] == [
        {"ballot": "F1", "dots": {vote.option("Housing"): 2}}]


def test_an_entered_ballot_keeps_to_the_budget():
    vote = Vote(dots=3)
    with pytest.raises(Rejected, match="all 3 of your dots"):
        vote.enter(Housing=2, Schools=2)
    with pytest.raises(Rejected, match="all 3 of your dots"):
        vote.enter(Housing=4)
    vote.enter(Housing=1, Schools=1, Health=1)
    assert vote.totals() == {"Housing": 1, "Schools": 1, "Health": 1}
    assert [b["ballot"] for b in vote.view(FACILITATOR)["entered"]] == ["F1"]


def test_an_entered_ballot_keeps_to_the_cap():
    vote = Vote(dots=3, cap=1)
    with pytest.raises(Rejected, match="at most 1 dot"):
        vote.enter(Housing=2)
    vote.enter(Housing=1, Schools=1)
    assert vote.totals() == {"Housing": 1, "Schools": 1, "Health": 0}


@pytest.mark.parametrize("dots", [None, {}, [], "Housing", {"o123": 1}, {"Housing": 1}])
def test_an_entered_ballot_must_name_options_of_the_vote(dots):
    vote = Vote()
    with pytest.raises(Rejected):
        vote.do(FAC, "enter_ballot", dots=dots)
    assert vote.view(FACILITATOR)["entered"] == []


@pytest.mark.parametrize("count", [-1, 1.5, "2", True, None])
def test_an_entered_ballot_takes_whole_numbers_of_dots(count):
    vote = Vote()
    with pytest.raises(Rejected, match="whole numbers"):
        vote.do(FAC, "enter_ballot", dots={vote.option("Housing"): count})
    assert vote.totals()["Housing"] == 0


def test_an_entered_ballot_needs_at_least_one_dot():
    vote = Vote()
    with pytest.raises(Rejected, match="at least one dot"):
        vote.enter(Housing=0, Schools=0)
    assert vote.enter(Housing=1) == "F1"  # the refused one used up no number


def test_withdrawing_an_entered_ballot_takes_its_dots_away_and_its_number_is_not_reused():
    vote = Vote()
    vote.enter(Housing=2)
    vote.enter(Schools=1)
    assert vote.do(FAC, "withdraw_ballot", ballot="F1") == {"ballot": "F1"}
    assert vote.totals() == {"Housing": 0, "Schools": 1, "Health": 0}
    assert [b["ballot"] for b in vote.view(FACILITATOR)["entered"]] == ["F2"]
    assert vote.enter(Health=1) == "F3"
    with pytest.raises(Rejected, match="no longer there"):
        vote.do(FAC, "withdraw_ballot", ballot="F1")


def test_a_participants_ballot_cannot_be_withdrawn_as_an_entered_one():
    vote = Vote()
    vote.add(ANN, "Housing")
    for key in (ANN.participant_id, str(ANN.participant_id), None, ANN.number):
        with pytest.raises(Rejected, match="no longer there"):
            vote.do(FAC, "withdraw_ballot", ballot=key)
    assert vote.mine(ANN) == {"Housing": 1}


def test_export_rows_mark_entered_ballots_and_show_participants_by_number():
    vote = Vote()
    vote.add(ANN, "Housing", times=2)
    vote.add(BEN, "Schools")
    vote.enter(Health=3)
    rows = sorted(dotvote.export_rows(vote.state), key=lambda r: str(r["ballot"]))
    assert rows == sorted([
        {"ballot": 1, "organisation": OTHER, "entered_by_facilitator": False,
         "option": "Housing", "dots": 2},
        {"ballot": 2, "organisation": OTHER, "entered_by_facilitator": False,
         "option": "Schools", "dots": 1},
        {"ballot": "F1", "organisation": OTHER, "entered_by_facilitator": True,
         "option": "Health", "dots": 3},
    ], key=lambda r: str(r["ballot"]))


def test_export_rows_name_organisations_of_three_or_more():
    vote = Vote()
    council = [person(n, "Council") for n in (1, 2, 3)]
    for actor in council:
        vote.add(actor, "Housing")
    vote.add(person(4, "Police"), "Schools")
    vote.add(person(5, None), "Schools")
    vote.enter(Health=1)
    by_ballot = {r["ballot"]: r["organisation"] for r in dotvote.export_rows(vote.state)}
    assert by_ballot == {1: "Council", 2: "Council", 3: "Council", 4: OTHER, 5: OTHER,
                         "F1": OTHER}
    assert "Police" not in str(dotvote.export_rows(vote.state))


def test_the_summary_has_the_ranking_and_the_counts():
    vote = Vote()
    vote.add(ANN, "Schools", times=2)
    vote.add(BEN, "Housing")
    summary = dotvote.summary(vote.state)
    assert summary["prompt"] == PROMPT
    assert (summary["voters"], summary["dots_placed"]) == (2, 3)
    assert [(r["rank"], r["text"], r["dots"]) for r in summary["results"]] == [
        (1, "Schools", 2), (2, "Housing", 1), (3, "Health", 0)]


# ---------------------------------------------------------------------- ranking
def test_options_are_ranked_by_dots():
    vote = Vote()
    vote.add(ANN, "Health", times=3)
    vote.add(BEN, "Schools", times=2)
    assert vote.ranking() == [(1, "Health", 3), (2, "Schools", 2), (3, "Housing", 0)]


def test_equal_dots_share_a_rank_and_the_next_rank_is_skipped():
    vote = Vote(options="Housing\nSchools\nHealth\nTransport")
    vote.add(ANN, "Schools", times=3)
    vote.add(BEN, "Health", times=3)
    vote.add(CAT, "Transport")
    assert vote.ranking() == [(1, "Schools", 3), (1, "Health", 3), (3, "Transport", 1),
                              (4, "Housing", 0)]


def test_a_tie_below_the_top_shares_its_rank_too():
    vote = Vote(options="Housing\nSchools\nHealth\nTransport")
    vote.add(ANN, "Transport", times=3)
    vote.add(BEN, "Housing", times=2)
    vote.add(CAT, "Health", times=2)
    assert vote.ranking() == [(1, "Transport", 3), (2, "Housing", 2), (2, "Health", 2),
                              (4, "Schools", 0)]


def test_options_nobody_voted_for_all_share_the_last_rank():
    vote = Vote()
    assert vote.ranking() == [(1, "Housing", 0), (1, "Schools", 0), (1, "Health", 0)]


def test_items_offer_the_options_best_first():
    vote = Vote()
    vote.add(ANN, "Health", times=2)
    vote.add(BEN, "Schools")
    assert [i["text"] for i in dotvote.items(vote.state)] == ["Health", "Schools", "Housing"]
    assert all(set(i) == {"id", "text"} for i in dotvote.items(vote.state))


# ---------------------------------------------------------------------- organisations
def test_organisations_of_three_or_more_are_shown_by_name():
    assert fold_groups({"Council": 3, "Police": 4}) == {"Council": "Council", "Police": "Police"}


def test_a_group_of_two_becomes_other_when_other_then_has_enough():
    shown = fold_groups({"Council": 3, "Police": 3, "Health": 2, "Fire": 1})
    assert shown == {"Council": "Council", "Police": "Police", "Health": OTHER, "Fire": OTHER}


def test_other_with_fewer_than_three_pulls_in_the_smallest_named_group():
    shown = fold_groups({"Council": 5, "Police": 3, "Health": 2})
    assert shown == {"Council": "Council", "Police": OTHER, "Health": OTHER}


def test_when_the_smallest_named_groups_are_equal_the_choice_does_not_depend_on_order():
    one = fold_groups({"Police": 3, "Council": 3, "Health": 2})
    other = fold_groups({"Health": 2, "Council": 3, "Police": 3})
    assert one == other
    assert sorted(one.values()) == sorted(["Police", OTHER, OTHER])


def test_people_without_an_organisation_are_never_shown_by_name():
    assert fold_groups({None: 3, "Council": 3}) == {None: OTHER, "Council": "Council"}
    assert fold_groups({None: 1, "Council": 4}) == {None: OTHER, "Council": OTHER}
    assert fold_groups({"": 4}) == {"": OTHER}


def test_folding_never_leaves_a_small_group_that_could_single_someone_out():
    """Every mix of up to four groups of 0 to 4 people: no named group under three, none
    without an organisation named, and "Other" either empty, at least three, or everybody."""
    names = ["Council", "Police", "Health", None]
    for sizes in itertools.product(range(5), repeat=len(names)):
        groups = {g: n for g, n in zip(names, sizes) if n}
        shown = fold_groups(groups)
        assert set(shown) == set(groups)
        assert shown.get(None, OTHER) == OTHER
        for group, label in shown.items():
            assert label in (group, OTHER), (groups, shown)
            if label != OTHER:
                assert groups[group] >= 3, (groups, shown)
        in_other = sum(n for g, n in groups.items() if shown[g] == OTHER)
        everybody = sum(groups.values())
        assert in_other == 0 or in_other >= 3 or in_other == everybody, (groups, shown)


def test_the_breakdown_counts_dots_by_folded_organisation():
    vote = Vote()
    council = [person(n, "Council") for n in (1, 2, 3)]
    for actor in council:
        vote.add(actor, "Housing", times=2)
    vote.add(person(4, "Police"), "Schools", times=3)
    vote.add(person(5, None), "Housing")
    vote.add(person(6, "Health"), "Schools")
    breakdown = vote.view(FACILITATOR)["breakdown"]
    assert breakdown["groups"] == ["Council", OTHER]
    assert breakdown["voters"] == {"Council": 3, OTHER: 3}
    by = {vote.state.options[o["id"]]: o["by"] for o in breakdown["options"]}
    assert by == {"Housing": {"Council": 6, OTHER: 1}, "Schools": {OTHER: 4}, "Health": {}}
    for secret in ("Police", "Health"):
        assert secret not in str(breakdown["groups"]) + str(breakdown["voters"])


def test_people_who_took_back_every_dot_do_not_count_towards_an_organisation():
    vote = Vote()
    council = [person(n, "Council") for n in (1, 2, 3)]
    for actor in council:
        vote.add(actor, "Housing")
    vote.add(person(4, None), "Schools")
    vote.add(person(5, None), "Schools")
    vote.add(person(6, None), "Schools")
    vote.remove(council[0], "Housing")
    breakdown = vote.view(FACILITATOR)["breakdown"]
    # Two Council voters left: too few to be named, so they join "Other".
    assert breakdown["groups"] == [OTHER]
    assert breakdown["voters"] == {OTHER: 5}


# ---------------------------------------------------------------------- views per role
def a_busy_vote():
    vote = Vote(options="Housing\nSchools\nHealth\nTransport")
    vote.add(ANN, "Housing", times=2)
    vote.add(BEN, "Schools", times=3)
    vote.add(CAT, "Health")
    vote.enter(Transport=4)
    return vote


@pytest.mark.parametrize("role", [PRESENTER, PARTICIPANT])
def test_while_hidden_the_room_gets_no_results_and_no_totals_per_option(role):
    vote = a_busy_vote()
    view = vote.view(role, revealed=False)
    assert "results" not in view
    assert "breakdown" not in view
    assert "entered" not in view
    assert [set(o) for o in view["options"]] == [{"id", "text"}] * 4
    assert view["dots"] == 5  # the budget, not a total


def test_while_hidden_the_presenter_gets_only_how_many_voted():
    view = a_busy_vote().view(PRESENTER, revealed=False)
    assert (view["voters"], view["dots_placed"], view["used_all"]) == (4, 10, 0)


def test_a_participant_is_not_told_how_far_the_room_has_got():
    view = a_busy_vote().view(PARTICIPANT, revealed=False)
    assert set(view) == {"prompt", "phase", "dots", "cap", "options"}


@pytest.mark.parametrize("revealed", [False, True])
def test_the_facilitator_always_sees_the_results(revealed):
    vote = a_busy_vote()
    view = vote.view(FACILITATOR, revealed=revealed)
    assert [(r["rank"], r["text"], r["dots"]) for r in view["results"]] == [
        (1, "Transport", 4), (2, "Schools", 3), (3, "Housing", 2), (4, "Health", 1)]
    assert view["breakdown"]["groups"] == [OTHER]
    assert [b["ballot"] for b in view["entered"]] == ["F1"]


def test_once_revealed_the_presenter_gets_the_ranking_and_the_breakdown():
    vote = a_busy_vote()
    view = vote.view(PRESENTER, revealed=True)
    assert vote.ranking(PRESENTER, revealed=True) == [
        (1, "Transport", 4), (2, "Schools", 3), (3, "Housing", 2), (4, "Health", 1)]
    assert view["breakdown"]["groups"] == [OTHER]
    assert "entered" not in view


def test_once_revealed_participants_get_the_ranking_but_no_breakdown():
    vote = a_busy_vote()
    view = vote.view(PARTICIPANT, revealed=True)
    assert vote.ranking(PARTICIPANT, revealed=True)[0] == (1, "Transport", 4)
    assert "breakdown" not in view
    assert "voters" not in view


def test_ones_own_view_holds_only_ones_own_dots():
    vote = a_busy_vote()
    ann = dotvote.own_view(vote.state, ANN.participant_id)
    assert ann["dots"] == {vote.option("Housing"): 2}
    assert ann["remaining"] == 3
    assert vote.mine(BEN) == {"Schools": 3}
    assert vote.mine(CAT) == {"Health": 1}
    nobody = dotvote.own_view(vote.state, 999)
    assert nobody == {"dots": {}, "remaining": 5, "proposals": []}


def test_ones_own_view_cannot_be_changed_through_what_it_returned():
    vote = a_busy_vote()
    dotvote.own_view(vote.state, ANN.participant_id)["dots"][vote.option("Housing")] = 99
    assert vote.mine(ANN) == {"Housing": 2}


def test_while_proposing_participants_see_only_their_own_proposals():
    vote = proposing()
    vote.propose(ANN, "Ann's idea")
    vote.propose(BEN, "Ben's idea")
    view = vote.view(PARTICIPANT, revealed=False)
    assert "proposals" not in view
    assert view["proposal_count"] == 2
    assert [p["text"] for p in dotvote.own_view(vote.state, ANN.participant_id)["proposals"]] \
        == ["Ann's idea"]


def test_a_hidden_proposal_reaches_the_facilitator_only():
    vote = proposing()
    vote.propose(ANN, "Fine idea")
    rude = vote.propose(BEN, "Something rude")
    vote.do(FAC, "hide", id=rude)
    for role in (PRESENTER, PARTICIPANT):
        assert "Something rude" not in str(vote.view(role, revealed=True))
    assert "Something rude" in str(vote.view(FACILITATOR))


# ---------------------------------------------------------------------- settings
def test_options_are_trimmed_and_blank_lines_and_bullets_dropped():
    text = "\n  - Housing  \n\n• Schools\n* Health   services\n\t\n-   \n"
    assert dotvote.parse_options(text) == ["Housing", "Schools", "Health services"]


def test_repeated_options_are_kept_once_in_their_first_spelling():
    assert dotvote.parse_options("Housing\nhousing\n- HOUSING\nSchools\nHousing") == [
        "Housing", "Schools"]


def test_nothing_typed_gives_no_options():
    assert dotvote.parse_options("") == []
    assert dotvote.parse_options(None) == []
    assert dotvote.parse_options("\n \n- \n") == []


def test_an_option_over_the_limit_is_refused_and_named():
    limit = dotvote.OPTION_LIMIT
    with pytest.raises(Rejected, match=rf"{limit} characters .*has {limit + 1}"):
        dotvote.parse_options("Housing\n" + "y" * (limit + 1))
    assert dotvote.parse_options("x" * limit) == ["x" * limit]


def test_a_vote_can_have_up_to_sixty_options():
    assert len(dotvote.parse_options("\n".join(f"Option {n}" for n in range(60)))) == 60
    with pytest.raises(Rejected, match="up to 60 options"):
        dotvote.parse_options("\n".join(f"Option {n}" for n in range(61)))


def test_the_checked_settings_hold_the_cleaned_options():
    config = settings(options="- Housing\n\nhousing\n• Schools ")
    assert config["options"] == "Housing\nSchools"
    assert dotvote.initial_state(config).options == {
        dotvote.option_id("Housing"): "Housing", dotvote.option_id("Schools"): "Schools"}


@pytest.mark.parametrize("options", ["", "Housing", "Housing\nhousing\n- Housing", "\n\n"])
def test_a_vote_needs_at_least_two_options(options):
    with pytest.raises(Rejected, match="at least two"):
        settings(options=options)


@pytest.mark.parametrize("options", ["", "Housing"])
def test_fewer_options_are_fine_when_participants_propose_first(options):
    assert settings(options=options, propose_first=True)["options"] == options


def test_the_cap_cannot_exceed_the_dots():
    with pytest.raises(Rejected, match="cannot be more than the dots per person"):
        settings(dots=3, cap=4)
    assert settings(dots=3, cap=3)["cap"] == 3
    assert settings(dots=3, cap=0)["cap"] == 0


@pytest.mark.parametrize("dots", [0, 21, -1, "many", 2.5])
def test_dots_per_person_is_a_whole_number_from_1_to_20(dots):
    with pytest.raises(Rejected, match="Dots per person"):
        settings(dots=dots)


def test_the_defaults_are_five_dots_no_cap_and_hidden_results():
    config = settings()
    assert (config["dots"], config["cap"], config["hide_results"], config["propose_first"]) \
        == (5, 0, True, False)


def test_an_option_keeps_its_id_whatever_its_letters_case():
    assert dotvote.option_id("Housing") == dotvote.option_id("HOUSING")
    assert dotvote.option_id("Housing") != dotvote.option_id("Schools")


# ---------------------------------------------------------------------- through the engine
def add_vote(session, **changes):
    raw = {"prompt": PROMPT, "options": "\n".join(OPTIONS), **changes}
    return session.control("add_activity", type="dotvote", config=raw)["activity"]["id"]


def option_of(session, text):
    view = session.view(FACILITATOR)["activity"]["view"]
    [found] = [o["id"] for o in view["options"] if o["text"] == text]
    return found


def vote_for(session, actor, activity_id, text, action="add"):
    return session.act(actor, activity_id, action, option=option_of(session, text))


def totals_seen(engine, code, role=FACILITATOR):
    view = engine.view(code, role)["activity"]["view"]
    return {r["text"]: r["dots"] for r in view["results"]}


def totals_seen_of(session, activity_id):
    [summary] = [a["summary"] for a in session.engine.export(session.code)
                 if a["id"] == activity_id]
    return {r["text"]: r["dots"] for r in summary["results"]}


@pytest.fixture
def voting(session):
    session.vote = add_vote(session, dots=3)
    session.control("start")
    session.ann = session.join(organisation="Council")
    session.ben = session.join(organisation="Police")
    return session


def test_a_closed_vote_refuses_dots_and_reopening_allows_them(voting):
    vote, ann = voting.vote, voting.ann
    vote_for(voting, ann, vote, "Housing")
    voting.control("close")
    with pytest.raises(Rejected, match="closed for now"):
        vote_for(voting, ann, vote, "Schools")
    with pytest.raises(Rejected, match="closed for now"):
        vote_for(voting, ann, vote, "Housing", action="remove")
    assert totals_seen(voting.engine, voting.code) == {"Housing": 1, "Schools": 0, "Health": 0}
    voting.control("open")
    vote_for(voting, ann, vote, "Schools")
    vote_for(voting, ann, vote, "Housing", action="remove")
    assert totals_seen(voting.engine, voting.code) == {"Housing": 0, "Schools": 1, "Health": 0}


def test_a_vote_that_is_not_running_refuses_dots(voting):
    housing = option_of(voting, "Housing")
    voting.add_question("Anything else?")
    voting.control("next")
    with pytest.raises(Rejected, match="not running now"):
        voting.act(voting.ann, voting.vote, "add", option=housing)
    assert totals_seen_of(voting, voting.vote) == {"Housing": 0, "Schools": 0, "Health": 0}


def test_the_presenter_cannot_see_totals_through_the_engine_while_hidden(voting):
    vote_for(voting, voting.ann, voting.vote, "Housing")
    presenter = voting.view(PRESENTER)["activity"]
    assert presenter["revealed"] is False
    assert "results" not in presenter["view"]
    voting.control("reveal")
    assert voting.view(PRESENTER)["activity"]["view"]["results"][0]["text"] == "Housing"


def test_a_fresh_engine_on_the_same_database_rebuilds_the_same_totals(voting, db_url):
    vote, ann, ben = voting.vote, voting.ann, voting.ben
    cat = voting.join()
    for actor, text in ((ann, "Housing"), (ann, "Housing"), (ann, "Schools"),
                        (ben, "Health"), (ben, "Schools"), (cat, "Health")):
        vote_for(voting, actor, vote, text)
    vote_for(voting, ann, vote, "Housing", action="remove")
    vote_for(voting, ann, vote, "Health")
    voting.act(FAC, vote, "enter_ballot", dots={option_of(voting, "Schools"): 3})
    voting.act(FAC, vote, "enter_ballot", dots={option_of(voting, "Health"): 1})
    voting.act(FAC, vote, "withdraw_ballot", ballot="F1")
    before = voting.view(FACILITATOR)["activity"]
    mine_before = {a.number: voting.engine.own(voting.code, a.participant_id)["mine"]
                   for a in (ann, ben, cat)}

    fresh = open_engine(db_url)
    after = fresh.view(voting.code, FACILITATOR)["activity"]
    assert after["view"] == before["view"]
    assert totals_seen(fresh, voting.code) == {"Housing": 1, "Schools": 2, "Health": 4}
    assert {a.number: fresh.own(voting.code, a.participant_id)["mine"]
            for a in (ann, ben, cat)} == mine_before
    # The rebuilt engine carries on where the first left off.
    with pytest.raises(Rejected, match="used all 3"):
        fresh.act(voting.code, fresh.workshop(voting.code).people[ann.participant_id], vote,
                  "add", {"option": option_of(voting, "Schools")})
    assert fresh.act(voting.code, FAC, vote, "enter_ballot",
                     {"dots": {option_of(voting, "Housing"): 1}}) == {"ballot": "F3"}


def test_a_refused_start_is_not_remembered_differently_after_a_restart(session, db_url):
    vote = add_vote(session, options="", propose_first=True)
    session.control("start")
    ann, ben = session.join(), session.join()
    withdrawn = session.act(ann, vote, "propose", text="Withdrawn later")["id"]
    with pytest.raises(Rejected, match="at least two"):
        session.act(FAC, vote, "start_voting")
    session.act(ann, vote, "withdraw_proposal", id=withdrawn)
    session.act(ben, vote, "propose", text="Kept")
    session.act(ann, vote, "propose", text="Also kept")
    session.act(FAC, vote, "start_voting")
    options = [o["text"] for o in session.view(PRESENTER)["activity"]["view"]["options"]]
    rebuilt = open_engine(db_url).view(session.code, PRESENTER)["activity"]["view"]
    assert options == ["Kept", "Also kept"]
    assert [o["text"] for o in rebuilt["options"]] == options


def test_options_that_hold_someones_dots_cannot_be_edited_away(voting):
    vote_for(voting, voting.ben, voting.vote, "Schools")
    before = voting.view(FACILITATOR)["activity"]
    with pytest.raises(Rejected, match="would drop contributions"):
        voting.control("update_activity", activity_id=voting.vote,
                       config={"prompt": PROMPT, "options": "Housing\nHealth", "dots": 3})
    after = voting.view(FACILITATOR)["activity"]
    assert after["view"] == before["view"]
    assert [o["text"] for o in after["view"]["options"]] == OPTIONS


def test_fewer_dots_than_someone_has_placed_cannot_be_set(voting):
    for _ in range(3):
        vote_for(voting, voting.ann, voting.vote, "Health")
    with pytest.raises(Rejected, match="would drop contributions"):
        voting.control("update_activity", activity_id=voting.vote,
                       config={"prompt": PROMPT, "options": "\n".join(OPTIONS), "dots": 2})
    assert voting.view(FACILITATOR)["activity"]["view"]["dots"] == 3


def test_adding_an_option_mid_vote_keeps_everyones_dots(voting, db_url):
    vote_for(voting, voting.ann, voting.vote, "Schools")
    vote_for(voting, voting.ben, voting.vote, "Health")
    voting.control("update_activity", activity_id=voting.vote,
                   config={"prompt": PROMPT, "dots": 3,
                           "options": "Transport\nHousing\nSchools\nHealth"})
    view = voting.view(FACILITATOR)["activity"]["view"]
    assert [o["text"] for o in view["options"]] == ["Transport", "Housing", "Schools", "Health"]
    assert totals_seen(voting.engine, voting.code) == {
        "Transport": 0, "Housing": 0, "Schools": 1, "Health": 1}
    vote_for(voting, voting.ann, voting.vote, "Transport")
    assert totals_seen(open_engine(db_url), voting.code) == {
        "Transport": 1, "Housing": 0, "Schools": 1, "Health": 1}


def test_an_option_nobody_voted_for_can_be_edited_away(voting):
    vote_for(voting, voting.ann, voting.vote, "Housing")
    voting.control("update_activity", activity_id=voting.vote,
                   config={"prompt": PROMPT, "options": "Housing\nSchools", "dots": 3})
    assert totals_seen(voting.engine, voting.code) == {"Housing": 1, "Schools": 0}
