"""The open question on its own: answering, limits, changing one's own, moderation, views."""
import pytest

from activities import question
from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Actor, Rejected
from tests.unit.helpers import ANN, BEN, FAC, Question


# ---------------------------------------------------------------------- answering
def test_an_answer_appears_on_every_screen_and_as_ones_own():
    q = Question()
    q.answer(ANN, "Nobody owns the data")
    assert q.wall(PRESENTER) == ["Nobody owns the data"]
    assert q.wall(PARTICIPANT) == ["Nobody owns the data"]
    assert q.wall(FACILITATOR) == ["Nobody owns the data"]
    assert q.mine(ANN) == ["Nobody owns the data"]
    assert q.mine(BEN) == []


def test_answers_are_cleaned_of_control_characters_but_keep_line_breaks():
    q = Question()
    q.answer(ANN, "  First line\x00\x07\r\nsecond\tline \x1b[31m ")
    assert q.mine(ANN) == ["First line\nsecond\tline [31m"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", "\x00\x01"])
def test_an_empty_answer_is_refused_in_words(text):
    q = Question()
    with pytest.raises(Rejected, match="write something"):
        q.answer(ANN, text)
    assert q.wall(FACILITATOR) == []


@pytest.mark.parametrize("payload", [{}, {"text": None}, {"text": 42}, {"text": ["a"]},
                                     {"text": {"t": "a"}}])
def test_an_answer_that_is_not_text_is_refused(payload):
    q = Question()
    with pytest.raises(Rejected, match="write some text"):
        q.do(ANN, "answer", **payload)
    assert q.view(FACILITATOR)["count"] == 0


def test_answers_are_limited_to_280_characters_and_the_refusal_says_how_long_it_was():
    q = Question()
    q.answer(ANN, "x" * question.ANSWER_LIMIT)
    with pytest.raises(Rejected, match=r"280 characters \(it has 281\)"):
        q.answer(ANN, "y" * (question.ANSWER_LIMIT + 1))
    assert q.mine(ANN) == ["x" * 280]


def test_the_reply_names_the_new_answer_by_its_action_number():
    q = Question()
    reply = q.do(ANN, "answer", text="Trust")
    assert reply == {"id": q.seq}
    assert q.view(FACILITATOR)["answers"][0]["id"] == q.seq


# ---------------------------------------------------------------------- per-person limit
def test_each_person_may_give_up_to_max_answers():
    q = Question(max_answers=2)
    q.answer(ANN, "One")
    q.answer(ANN, "Two")
    with pytest.raises(Rejected, match="You have given 2 answers"):
        q.answer(ANN, "Three")
    assert q.mine(ANN) == ["One", "Two"]
    q.answer(BEN, "Ben's first")  # the limit is per person
    assert q.view(PRESENTER)["count"] == 3


def test_remaining_counts_down_and_withdrawing_frees_a_place():
    q = Question(max_answers=2)
    assert question.own_view(q.state, ANN.participant_id)["remaining"] == 2
    first = q.answer(ANN, "One")
    q.answer(ANN, "Two")
    assert question.own_view(q.state, ANN.participant_id)["remaining"] == 0
    q.do(ANN, "withdraw", id=first)
    assert question.own_view(q.state, ANN.participant_id)["remaining"] == 1
    q.answer(ANN, "Three")
    assert q.mine(ANN) == ["Two", "Three"]


def test_the_facilitator_is_not_held_to_the_per_person_limit():
    q = Question(max_answers=1)
    for n in range(5):
        q.answer(FAC, f"Typed in from the flipchart {n}")
    assert q.view(FACILITATOR)["count"] == 5


# ---------------------------------------------------------------------- edit and withdraw
def test_a_participant_can_edit_their_own_answer():
    q = Question()
    mine = q.answer(ANN, "Frist draft")
    assert q.do(ANN, "edit", id=mine, text="First draft") == {"id": mine}
    assert q.mine(ANN) == ["First draft"]
    assert q.wall(PRESENTER) == ["First draft"]


def test_nobody_can_edit_or_withdraw_someone_elses_answer():
    q = Question()
    anns = q.answer(ANN, "Ann's answer")
    for action, payload in (("edit", {"text": "Hijacked"}), ("withdraw", {})):
        with pytest.raises(Rejected, match="only change your own"):
            q.do(BEN, action, id=anns, **payload)
    assert q.wall(FACILITATOR) == ["Ann's answer"]


def test_participants_cannot_change_what_the_facilitator_typed_in():
    q = Question()
    typed = q.answer(FAC, "From the flipchart")
    with pytest.raises(Rejected):
        q.do(ANN, "edit", id=typed, text="Mine now")
    with pytest.raises(Rejected):
        q.do(ANN, "withdraw", id=typed)
    assert q.wall(PRESENTER) == ["From the flipchart"]


def test_an_edit_with_bad_text_leaves_the_answer_as_it_was():
    q = Question()
    mine = q.answer(ANN, "Keep me")
    for text in ("", "z" * 281, None):
        with pytest.raises(Rejected):
            q.do(ANN, "edit", id=mine, text=text)
    assert q.mine(ANN) == ["Keep me"]


def test_withdrawing_removes_the_answer_everywhere():
    q = Question()
    mine = q.answer(ANN, "Second thoughts")
    assert q.do(ANN, "withdraw", id=mine) == {"id": mine}
    assert q.wall(FACILITATOR) == [] and q.mine(ANN) == []
    assert question.export_rows(q.state) == []
    with pytest.raises(Rejected, match="no longer there"):
        q.do(ANN, "withdraw", id=mine)


@pytest.mark.parametrize("answer_id", [None, True, False, "1", 1.0, [1]])
def test_an_answer_id_must_be_a_whole_number(answer_id):
    q = Question()
    q.answer(ANN, "Something")
    with pytest.raises(Rejected, match="id is missing or not a number"):
        q.do(ANN, "withdraw", id=answer_id)
    assert q.mine(ANN) == ["Something"]


def test_an_unknown_action_is_refused_in_words():
    q = Question()
    with pytest.raises(Rejected, match="no action called 'vote'"):
        q.do(ANN, "vote", id=1)


# ---------------------------------------------------------------------- moderation
def test_a_hidden_answer_is_seen_only_by_the_facilitator():
    q = Question()
    bad = q.answer(ANN, "Something unkind")
    q.answer(BEN, "Something useful")
    q.do(FAC, "hide", id=bad)
    for role in (PRESENTER, PARTICIPANT):
        assert q.wall(role) == ["Something useful"]
        assert q.view(role)["count"] == 1
        assert q.view(role)["people"] == 1
    assert q.mine(ANN) == []  # not even in its author's own list
    facilitator = {a["text"]: a["hidden"] for a in q.view(FACILITATOR)["answers"]}
    assert facilitator == {"Something unkind": True, "Something useful": False}


def test_the_author_cannot_edit_or_withdraw_a_hidden_answer():
    q = Question()
    bad = q.answer(ANN, "Something unkind")
    q.do(FAC, "hide", id=bad)
    with pytest.raises(Rejected):
        q.do(ANN, "edit", id=bad, text="Something kind")
    with pytest.raises(Rejected):
        q.do(ANN, "withdraw", id=bad)
    assert q.view(FACILITATOR)["answers"][0]["text"] == "Something unkind"


def test_restoring_brings_a_hidden_answer_back():
    q = Question()
    answer = q.answer(ANN, "Borderline")
    q.do(FAC, "hide", id=answer)
    q.do(FAC, "restore", id=answer)
    assert q.wall(PRESENTER) == ["Borderline"]
    assert q.mine(ANN) == ["Borderline"]


def test_hiding_an_answer_that_is_gone_is_refused():
    q = Question()
    with pytest.raises(Rejected, match="no longer there"):
        q.do(FAC, "hide", id=12345)


def test_hidden_answers_stay_in_the_export_marked_hidden_but_not_in_the_summary():
    q = Question()
    q.do(FAC, "hide", id=q.answer(ANN, "Hidden one"))
    q.answer(BEN, "Shown one")
    assert question.summary(q.state)["texts"] == ["Shown one"]
    assert question.summary(q.state)["answers"] == 1
    rows = {row["text"]: row["hidden"] for row in question.export_rows(q.state)}
    assert rows == {"Hidden one": True, "Shown one": False}


# ---------------------------------------------------------------------- facilitator entries
def test_what_the_facilitator_types_in_is_marked_and_belongs_to_nobody():
    q = Question()
    q.answer(FAC, "Said aloud by someone at table 3")
    entry = q.view(FACILITATOR)["answers"][0]
    assert entry["by_facilitator"] is True
    assert entry["number"] is None and entry["organisation"] is None
    assert q.view(PRESENTER)["people"] == 0  # nobody in the room wrote it
    assert q.mine(ANN) == []
    assert question.export_rows(q.state)[0]["entered_by_facilitator"] is True


# ---------------------------------------------------------------------- views
def test_the_room_sees_only_texts_while_the_facilitator_sees_who_wrote_them():
    q = Question()
    q.answer(ANN, "Ann's point")
    for role in (PRESENTER, PARTICIPANT):
        assert q.view(role)["answers"] == [{"id": q.seq, "text": "Ann's point"}]
    assert q.view(FACILITATOR)["answers"] == [
        {"id": q.seq, "text": "Ann's point", "number": 1, "organisation": "Council",
         "by_facilitator": False, "hidden": False, "held": False, "flags": []}]


def test_before_results_are_revealed_the_room_sees_counts_but_no_answers():
    q = Question(hide_results=True)
    q.answer(ANN, "Not yet")
    q.answer(BEN, "Nor this")
    for role in (PRESENTER, PARTICIPANT):
        view = q.view(role, revealed=False)
        assert "answers" not in view
        assert view == {"prompt": "What gets in the way?", "count": 2, "people": 2}
    assert q.wall(FACILITATOR, revealed=False) == ["Nor this", "Not yet"]


def test_walls_show_the_newest_answer_first():
    q = Question()
    for text in ("first", "second", "third"):
        q.answer(ANN, text)
    assert q.wall(PRESENTER) == ["third", "second", "first"]
    assert q.mine(ANN) == ["first", "second", "third"]  # one's own list is in order given


def test_the_room_wall_is_capped_but_the_facilitator_sees_every_answer():
    q = Question()
    total = question.WALL_LIMIT + 25
    for n in range(total):
        q.answer(FAC, f"answer {n}")
    assert len(q.wall(PRESENTER)) == question.WALL_LIMIT
    assert q.wall(PRESENTER)[0] == f"answer {total - 1}"  # the newest are kept
    assert q.view(PRESENTER)["count"] == total
    assert len(q.wall(FACILITATOR)) == total


def test_people_counts_distinct_authors():
    q = Question()
    q.answer(ANN, "a")
    q.answer(ANN, "b")
    q.answer(BEN, "c")
    assert q.view(PRESENTER)["count"] == 3
    assert q.view(PRESENTER)["people"] == 2


# ---------------------------------------------------------------------- summary and export
def test_summary_and_export_describe_every_answer():
    q = Question()
    q.answer(ANN, "Shared budgets")
    q.answer(BEN, "One front door")
    q.answer(FAC, "From the flipchart")
    assert question.summary(q.state) == {
        "prompt": "What gets in the way?", "answers": 3, "people": 2,
        "texts": ["Shared budgets", "One front door", "From the flipchart"]}
    rows = question.export_rows(q.state)
    assert [(r["participant"], r["text"], r["entered_by_facilitator"]) for r in rows] == [
        (1, "Shared budgets", False), (2, "One front door", False),
        (None, "From the flipchart", True)]
    assert all(r["organisation"] == "" for r in rows if r["entered_by_facilitator"])


def people(organisation, count, first_id):
    return [Actor(PARTICIPANT, participant_id=first_id + n, number=first_id + n,
                  organisation=organisation) for n in range(count)]


def test_the_export_names_organisations_of_three_or_more_people():
    q = Question()
    for person in people("Council", 3, 100) + people("Police", 3, 200):
        q.answer(person, f"From {person.organisation}")
    shown = {(r["text"], r["organisation"]) for r in question.export_rows(q.state)}
    assert shown == {("From Council", "Council"), ("From Police", "Police")}


def test_the_export_never_singles_out_a_small_group():
    q = Question()
    crowd = people("Council", 3, 100) + people("Health", 4, 200) + people("Police", 1, 300)
    for person in crowd + [ANN]:  # Ann is from the Council too: four in all
        q.answer(person, f"{person.number}")
    rows = question.export_rows(q.state)
    assert "Police" not in {r["organisation"] for r in rows}
    by_group = {}
    for r in rows:
        by_group.setdefault(r["organisation"], set()).add(r["participant"])
    assert all(len(numbers) >= 3 for numbers in by_group.values()), by_group
