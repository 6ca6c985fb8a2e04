"""The helpers the activity types share: for contributions, who made one, finding one by
id, moderating it, what its author may still change, the per-person limit, +1s, and what
the room and the author see; counting people by organisation before folding small ones
into "Other"; and short names that people may type differently, and groups of names
linked as one."""
import unicodedata
from dataclasses import dataclass

import pytest

import activities
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Context, Rejected,
                             clean_text, count_people, fold_people, group_order, linked_root,
                             name_key)
from activities.contributions import (Contribution, Contributions, PlusOneRefusals,
                                      check_limit, find, fold_authors, mine, moderation, own,
                                      plus_one, shown_organisations, visible)
from tests.unit.helpers import ANN, BEN, FAC, Question, handle


@dataclass
class Note:
    id: int
    author: int | None
    organisation: str | None = None
    hidden: bool = False
    held: bool = False


def notes(*items):
    return {n.id: n for n in items}


# ---------------------------------------------------------------------- finding
def test_find_returns_the_contribution_the_id_names():
    board = notes(Note(1, 11), Note(2, 12))
    assert find(board, 2, "That note is no longer there.") is board[2]


def test_find_refuses_an_unknown_id_as_gone():
    with pytest.raises(Rejected, match="^That note is no longer there.$"):
        find(notes(Note(1, 11)), 7, "That note is no longer there.")


# ---------------------------------------------------------------------- who made it
@dataclass(kw_only=True)
class Remark(Contribution):
    TEXTS = ("text",)
    text: str


OPEN = {"review_first": False}  # an activity's settings: contributions show at once
REVIEWED = {"review_first": True}


def test_a_contribution_is_made_by_the_participant_acting():
    remark = Remark.made(Context(ANN, 41, 1.0), OPEN, text="Hello")
    assert (remark.id, remark.author, remark.number, remark.organisation) == \
        (41, ANN.participant_id, ANN.number, ANN.organisation)
    assert not remark.by_facilitator and not remark.hidden and remark.plus == set()


def test_what_the_facilitator_enters_for_someone_is_nobodys():
    remark = Remark.made(Context(FAC, 42, 1.0), OPEN, text="For someone without a phone")
    assert (remark.author, remark.number, remark.organisation) == (None, None, None)
    assert remark.by_facilitator
    assert remark.described() == {"number": None, "organisation": None,
                                  "by_facilitator": True, "hidden": False, "held": False,
                                  "flags": []}


def test_exports_show_the_folded_organisation_and_nothing_for_the_facilitators():
    remarks = [Remark.made(Context(ANN, 1, 1.0), OPEN, text="a"),
               Remark.made(Context(FAC, 2, 1.0), OPEN, text="b")]
    assert shown_organisations(remarks) == {1: OTHER, 2: ""}


# ---------------------------------------------------------------------- the limit
def test_the_per_person_limit_counts_what_is_not_hidden():
    remarks = [Remark.made(Context(ANN, n, 1.0), OPEN, text="x") for n in range(2)]
    with pytest.raises(Rejected, match="^Two at most.$"):
        check_limit(remarks, Context(ANN, 9, 1.0), 2, "Two at most.")
    check_limit(remarks, Context(BEN, 9, 1.0), 2, "Two at most.")  # Ben has none
    remarks[0].hidden = True  # a hidden one frees a place
    check_limit(remarks, Context(ANN, 9, 1.0), 2, "Two at most.")


def test_the_facilitator_entering_for_people_has_no_limit():
    remarks = [Remark.made(Context(FAC, n, 1.0), OPEN, text="x") for n in range(5)]
    check_limit(remarks, Context(FAC, 9, 1.0), 2, "Two at most.")


@pytest.mark.parametrize("module", [activities.get(t) for t in
                                    ("question", "journey", "glossary", "partnermap")],
                         ids=lambda m: m.type_id)
def test_in_every_type_a_hidden_contribution_frees_a_place(module):
    """The one rule: the limit counts what the author's own phone shows."""
    made = {"question": ("answer", {"text": "x"}),
            "journey": ("add_note", {"stage": 0, "lane": 0, "text": "x"}),
            "glossary": ("define", {"term": "x", "meaning": "y"}),
            "partnermap": ("name", {"name": "x", "place": "room"})}
    action, payload = made[module.type_id]
    config = activities.configure(module, {"prompt": "Why?", "max_answers": 1})\
        if module.type_id == "question" else activities.configure(module, {})
    state, seq = module.initial_state(config), 0
    while True:
        seq += 1
        try:
            handle(module, state, action, {**payload, **_fresh(module, seq)},
                   Context(ANN, seq, 1.0))
        except Rejected:
            break
    full = seq
    first = next(iter(module.own_view(state, ANN.participant_id).values()))[0]["id"]
    handle(module, state, "hide", {"id": first}, Context(FAC, full + 1, 1.0))
    handle(module, state, action, {**payload, **_fresh(module, full + 2)},
           Context(ANN, full + 2, 1.0))


def _fresh(module, n):
    """A payload change that makes each contribution new (a partner map names each once)."""
    return {"name": f"Partner {n}"} if module.type_id == "partnermap" else {}


def test_contributions_keep_each_authors_apart_as_they_come_and_go():
    board = Contributions()
    for n, actor in enumerate((ANN, BEN, ANN, FAC), 1):
        board[n] = Remark.made(Context(actor, n, 1.0), OPEN, text=str(n))
    assert list(board) == [1, 2, 3, 4]
    assert [r.id for r in board.of(ANN.participant_id)] == [1, 3]
    assert [r.id for r in board.of(None)] == [4]  # entered by the facilitator
    board[3] = Remark.made(Context(ANN, 3, 1.0), OPEN, text="changed")
    assert list(board) == [1, 2, 3, 4]  # replaced where it stood
    del board[1]
    assert [r.text for r in board.of(ANN.participant_id)] == ["changed"]
    with pytest.raises(TypeError):
        board.pop(3)  # would leave Ann's list behind
    assert [r.id for r in mine(board, ANN.participant_id)] == [3]
    assert board.of(99) == []
    assert [r.id for r in mine(dict(board), ANN.participant_id)] == [3]  # a plain dict too


class Untouchable:
    """Someone else's contribution, which may not be looked at once `armed`."""

    def __init__(self, n):
        self.id, self._author, self.armed = n, BEN.participant_id, False

    @property
    def author(self):
        assert not self.armed, "looked at someone else's contribution"
        return self._author


def test_the_limit_and_a_phones_own_list_look_only_at_that_persons_contributions():
    """A conference's question holds tens of thousands of answers: counting one person's
    must not go through everybody's."""
    board = Contributions()
    board[1] = Remark.made(Context(ANN, 1, 1.0), OPEN, text="mine")
    others = [Untouchable(n) for n in range(2, 50)]
    for other in others:
        board[other.id] = other
        other.armed = True
    check_limit(board, Context(ANN, 99, 1.0), 2, "Two at most.")
    assert [r.text for r in mine(board, ANN.participant_id)] == ["mine"]


# ---------------------------------------------------------------------- +1
REMARK = PlusOneRefusals("That remark is no longer there.",
                         "That is your own remark: +1 other people's.",
                         "You have already given that remark a +1.")


def test_a_plus_one_is_for_someone_elses_visible_contribution_once():
    remark = Remark.made(Context(ANN, 1, 1.0), OPEN, text="x")
    with pytest.raises(Rejected, match="^That is your own remark: \\+1 other people's.$"):
        plus_one(remark, Context(ANN, 2, 1.0), REMARK)
    assert plus_one(remark, Context(BEN, 3, 1.0), REMARK) == {"id": 1, "plus": 1}
    with pytest.raises(Rejected, match="^You have already given that remark a \\+1.$"):
        plus_one(remark, Context(BEN, 4, 1.0), REMARK)
    remark.hidden = True
    with pytest.raises(Rejected, match="^That remark is no longer there.$"):
        plus_one(remark, Context(BEN, 5, 1.0), REMARK)


# ---------------------------------------------------------------------- moderation
def test_moderation_is_two_facilitator_actions_naming_the_contribution():
    board = notes(Note(5, 11))
    actions = moderation(lambda state, payload: find(state, payload["id"], "Gone."), "note",
                         lambda state: state.values())
    assert set(actions) == {"hide", "restore", "approve", "approve_all"}
    assert all(a.roles == {FACILITATOR} and [f.name for f in a.fields] == ["id"]
               for name, a in actions.items() if name != "approve_all")
    assert actions["hide"].perform(board, {"id": 5}, Context(FAC, 1, 1.0))[1] == {"id": 5}
    assert board[5].hidden
    actions["hide"].perform(board, {"id": 5}, Context(FAC, 2, 1.0))  # twice changes nothing
    assert board[5].hidden
    actions["restore"].perform(board, {"id": 5}, Context(FAC, 3, 1.0))
    assert not board[5].hidden


TYPED = [m for m in activities.TYPES.values() if any(
    PARTICIPANT in action.roles and any(f.kind in ("text", "textarea") for f in action.fields)
    for action in m.actions.values())]


def test_only_a_type_where_people_type_nothing_has_nothing_to_moderate():
    assert [m.type_id for m in activities.TYPES.values() if m not in TYPED] == ["dpia"]
    assert "hide" not in activities.TYPES["dpia"].actions  # yes, no or not sure: no words


@pytest.mark.parametrize("module", TYPED, ids=lambda m: m.type_id)
def test_every_type_where_people_type_moderates_with_the_same_actions(module):
    for action in ("hide", "restore", "approve"):
        assert module.actions[action].roles == {FACILITATOR}
        assert [f.name for f in module.actions[action].fields] == ["id"]


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


def test_clean_text_drops_exactly_unicodes_control_characters_and_lone_surrogates():
    """Every character there is: the ones dropped are Unicode's Cc and Cs, less tab and
    line feed, and no other."""
    every = "".join(chr(n) for n in range(0x110000))
    kept = clean_text(every, multiline=True)
    wanted = "".join(ch for ch in every if ch in "\t\n" or
                     unicodedata.category(ch) not in ("Cc", "Cs"))
    assert kept == wanted.strip()
