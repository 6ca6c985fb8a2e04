"""The helpers the activity types share: for contributions, finding one by id,
moderating it, what its author may still change, and what the room and the author see;
counting people by organisation before folding small ones into "Other"; and short names
that people may type differently, and groups of names linked as one."""
from dataclasses import dataclass

import pytest

import activities
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Rejected, count_people,
                             fold_people, group_order, linked_root, name_from, name_key)
from activities.contributions import (MODERATION, find, fold_authors, mine, moderate, own,
                                      visible)
from tests.unit.helpers import ANN, FAC, Question


@dataclass
class Note:
    id: int
    author: int | None
    organisation: str | None = None
    hidden: bool = False


def notes(*items):
    return {n.id: n for n in items}


# ---------------------------------------------------------------------- finding
def test_find_returns_the_contribution_the_id_names():
    board = notes(Note(1, 11), Note(2, 12))
    assert find(board, {"id": 2}, "The note's id", "That note is no longer there.") is board[2]


@pytest.mark.parametrize("payload", [{}, {"id": None}, {"id": "2"}, {"id": 2.0},
                                     {"id": True}, {"id": [2]}])
def test_find_refuses_a_missing_or_non_numeric_id_in_the_words_given(payload):
    board = notes(Note(1, 11), Note(2, 12))
    with pytest.raises(Rejected, match="^The note's id is missing or not a number.$"):
        find(board, payload, "The note's id", "That note is no longer there.")


def test_find_refuses_an_unknown_id_as_gone():
    with pytest.raises(Rejected, match="^That note is no longer there.$"):
        find(notes(Note(1, 11)), {"id": 7}, "The note's id", "That note is no longer there.")


# ---------------------------------------------------------------------- moderation
def test_only_the_facilitator_may_hide_or_restore():
    assert set(MODERATION) == {"hide", "restore"}
    assert all(set(roles) == {FACILITATOR} for roles in MODERATION.values())


@pytest.mark.parametrize("module", list(activities.TYPES.values()), ids=lambda m: m.type_id)
def test_every_type_moderates_with_the_same_two_actions(module):
    for action in MODERATION:
        assert set(module.allowed[action]) == {FACILITATOR}


def test_hide_then_restore_and_the_reply_names_the_contribution():
    note = Note(5, 11)
    assert moderate(note, "hide") == {"id": 5}
    assert note.hidden
    assert moderate(note, "hide") == {"id": 5}  # hiding twice changes nothing
    assert note.hidden
    assert moderate(note, "restore") == {"id": 5}
    assert not note.hidden


def test_what_the_room_sees_leaves_out_hidden_contributions_in_order():
    a, b, c = Note(1, 11), Note(2, 12, hidden=True), Note(3, 11)
    assert visible([a, b, c]) == [a, c]
    assert visible(iter([c, b, a])) == [c, a]
    assert visible([]) == []


def test_a_phone_shows_its_own_contributions_without_hidden_ones():
    a, b, c, d = Note(1, 11), Note(2, 12), Note(3, 11, hidden=True), Note(4, 11)
    assert mine([a, b, c, d], 11) == [a, d]
    assert mine([a, b, c, d], 12) == [b]
    assert mine([a, b, c, d], 13) == []
    assert mine([Note(5, None)], 11) == []  # typed by the facilitator: nobody's


def test_an_author_may_change_their_own_contribution():
    note = Note(1, 11)
    assert own(note, 11, "You can only change your own notes.") is note


def test_nobody_may_change_someone_elses_contribution():
    with pytest.raises(Rejected, match="^You can only change your own notes.$"):
        own(Note(1, 11), 12, "You can only change your own notes.")
    with pytest.raises(Rejected, match="^You can only change your own notes.$"):
        own(Note(1, None), 12, "You can only change your own notes.")


def test_an_author_may_not_change_what_the_facilitator_hid():
    note = Note(1, 11, hidden=True)
    with pytest.raises(Rejected, match="^You can only change your own notes.$"):
        own(note, 11, "You can only change your own notes.")
    assert note.hidden


# ---------------------------------------------------------------------- organisations
def test_people_are_counted_by_organisation_once_each():
    people = {1: "Council", 2: "Police", 3: "Council", 4: None, 5: "Council"}
    assert count_people(people) == {"Council": 3, "Police": 1, None: 1}
    assert list(count_people(people)) == ["Council", "Police", None]
    assert count_people({}) == {}


def test_fold_people_folds_groups_of_fewer_than_three_people():
    people = {1: "Council", 2: "Council", 3: "Council", 4: "Police", 5: "Police", 6: None,
              7: "Health", 8: "Health", 9: "Health"}
    assert fold_people(people) == {"Council": "Council", "Police": OTHER, None: OTHER,
                                   "Health": "Health"}


def test_fold_people_never_leaves_other_with_fewer_than_three():
    people = {1: "Council", 2: "Council", 3: "Council", 4: "Police", 5: "Police",
              6: "Police", 7: "Police", 8: None}
    # one person in Other alone could be picked out: the smallest named group joins it
    assert fold_people(people) == {"Council": OTHER, "Police": "Police", None: OTHER}


def test_fold_people_takes_the_size_to_fold_below():
    people = {1: "Council", 2: "Council", 3: "Council", 4: "Police", 5: "Police"}
    assert fold_people(people) == {"Council": OTHER, "Police": OTHER}
    assert fold_people(people, small=2) == {"Council": "Council", "Police": "Police"}


def test_fold_authors_counts_an_author_once_however_much_they_wrote():
    # one busy person with five notes does not make Police large enough to show
    busy = [Note(i, 11, "Police") for i in range(5)]
    council = [Note(10 + i, 20 + i, "Council") for i in range(3)]
    health = [Note(20, 30, "Health"), Note(21, 31, "Health")]
    assert fold_authors(busy + council + health) == {"Police": OTHER, "Council": "Council",
                                                     "Health": OTHER}


def test_fold_authors_leaves_out_what_the_facilitator_typed():
    typed = [Note(i, None, None) for i in range(5)]
    council = [Note(10 + i, 20 + i, "Council") for i in range(3)]
    assert fold_authors(typed + council) == {"Council": "Council"}


def test_fold_authors_counts_an_author_under_their_latest_organisation():
    notes_ = [Note(1, 11, "Police"), Note(2, 12, "Council"), Note(3, 13, "Council"),
              Note(4, 11, "Council")]  # 11 moved to Council
    assert fold_authors(notes_) == {"Council": "Council"}


def test_a_breakdown_shows_named_organisations_alphabetically_and_other_last():
    assert group_order(["Police", OTHER, "Council", "Police", "Health"]) == \
        ["Council", "Health", "Police", OTHER]
    assert group_order(iter([OTHER])) == [OTHER]
    assert group_order([]) == []


# ---------------------------------------------------------------------- names
def stage_name(payload):
    return name_from(payload, "name", 20, "Give the stage a name.",
                     "Keep stage names to 20 characters.")


def test_a_name_is_kept_on_one_line_with_its_spaces_collapsed():
    assert stage_name({"name": "  First\n  contact\t "}) == "First contact"
    assert stage_name({"name": "Referral\x07"}) == "Referral"
    assert stage_name({"name": "x" * 20}) == "x" * 20


@pytest.mark.parametrize("payload", [{}, {"name": None}, {"name": 3}, {"name": ["a"]},
                                     {"name": ""}, {"name": " \n\t"}, {"name": "\x00\x1b"}])
def test_a_missing_or_blank_name_is_refused_in_the_words_given(payload):
    with pytest.raises(Rejected, match="^Give the stage a name.$"):
        stage_name(payload)


def test_a_long_name_is_refused_not_cut_short():
    with pytest.raises(Rejected, match="^Keep stage names to 20 characters.$"):
        stage_name({"name": "x" * 21})
    assert stage_name({"name": "  " + "x" * 20 + "  "}) == "x" * 20  # spaces do not count


def test_names_typed_differently_are_the_same_name():
    assert name_key("Data  Sharing ") == name_key("data sharing") == "data sharing"
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("data sharing") != name_key("datasharing")


def test_a_linked_name_goes_by_the_key_at_the_end_of_its_links():
    links = {"contract": "agreement", "deal": "contract", "isa": "deal"}
    assert linked_root(links, "isa") == "agreement"
    assert linked_root(links, "contract") == "agreement"
    assert linked_root(links, "agreement") == "agreement"
    assert linked_root(links, "consent") == "consent"
    assert linked_root({}, "consent") == "consent"


# ---------------------------------------------------------------------- through the types
def test_a_hidden_answer_leaves_every_screen_but_the_facilitators_and_comes_back():
    q = Question()
    first = q.answer(ANN, "Budgets")
    q.answer(ANN, "Trust")
    q.do(FAC, "hide", id=first)
    assert q.wall(PRESENTER) == ["Trust"] and q.wall(PARTICIPANT) == ["Trust"]
    assert q.mine(ANN) == ["Trust"]
    assert [(a["text"], a["hidden"]) for a in q.view(FACILITATOR)["answers"]] == \
        [("Trust", False), ("Budgets", True)]
    with pytest.raises(Rejected, match="You can only change your own answers."):
        q.do(ANN, "edit", id=first, text="Money")
    q.do(FAC, "restore", id=first)
    assert q.wall(PRESENTER) == ["Trust", "Budgets"]
    assert q.mine(ANN) == ["Budgets", "Trust"]
