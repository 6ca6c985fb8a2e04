"""Review before the room sees it, the same in every type (activities/contributions.py):
what waits, who sees it, what approving does, and what an edit, hiding, the settings and
personal data do to it. Through the open question, the shortest type; the contract test
holds every type to the same (tests/unit/test_contract.py)."""
import pytest

from activities import question
from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Context, Rejected
from activities.contributions import (PlusOneRefusals, approved, mine, plus_one,
                                      review_summary, take_back_plus_one, visible)
from tests.unit.helpers import ANN, BEN, FAC, Question

PHONE = "Ring Sam on 07700 900123"


def reviewed(**settings):
    return Question(review_first=True, **settings)


def texts(items):
    return [item["text"] for item in items]


def test_with_review_on_an_answer_waits_for_the_facilitator():
    q = reviewed()
    q.answer(ANN, "Budgets")
    assert q.wall(PRESENTER) == [] and q.wall(PARTICIPANT) == []
    assert q.view(PRESENTER)["count"] == 0
    [answer] = q.view(FACILITATOR)["answers"]
    assert (answer["text"], answer["held"], answer["flags"]) == ("Budgets", True, [])
    # its author sees it, saying it waits
    assert question.own_view(q.state, ANN.participant_id)["answers"] == [
        {"id": answer["id"], "text": "Budgets", "waiting": True}]
    assert question.own_view(q.state, BEN.participant_id)["answers"] == []


def test_approving_shows_it_to_the_room_and_tells_its_author():
    q = reviewed()
    first = q.answer(ANN, "Budgets")
    assert q.do(FAC, "approve", id=first) == {"id": first}
    assert q.wall(PRESENTER) == ["Budgets"] and q.wall(PARTICIPANT) == ["Budgets"]
    assert question.own_view(q.state, ANN.participant_id)["answers"][0]["waiting"] is False
    assert q.do(FAC, "approve", id=first) == {"id": first}  # twice does no harm


def test_only_the_facilitator_approves():
    q = reviewed()
    first = q.answer(ANN, "Budgets")
    with pytest.raises(Rejected, match="Only the facilitator can do that."):
        q.do(BEN, "approve", id=first)
    with pytest.raises(Rejected, match="Only the facilitator can do that."):
        q.do(ANN, "approve_all")
    with pytest.raises(Rejected, match="That answer is no longer there."):
        q.do(FAC, "approve", id=999)
    assert q.wall(PRESENTER) == []


def test_what_the_facilitator_enters_is_theirs_to_approve_and_shows_at_once():
    q = reviewed()
    q.answer(FAC, "For someone without a phone")
    assert q.wall(PRESENTER) == ["For someone without a phone"]


def test_approve_all_leaves_what_looks_like_personal_data_and_what_is_hidden():
    q = reviewed()
    q.answer(ANN, "Budgets")
    flagged = q.answer(ANN, PHONE)
    hidden = q.answer(BEN, "Something rude")
    q.answer(BEN, "Trust")
    q.do(FAC, "hide", id=hidden)
    assert review_summary(q.config, question.contributions(q.state)) == {
        "on": True, "waiting": 3, "flagged": 1}
    assert q.do(FAC, "approve_all") == {"approved": 2, "flagged": 1}
    assert q.wall(PRESENTER) == ["Trust", "Budgets"]
    assert review_summary(q.config, question.contributions(q.state)) == {
        "on": True, "waiting": 1, "flagged": 1}
    q.do(FAC, "approve", id=flagged)  # looked at, one by one
    assert q.wall(PRESENTER) == ["Trust", PHONE, "Budgets"]
    q.do(FAC, "restore", id=hidden)  # still waits: hiding is not approving
    assert "Something rude" not in q.wall(PRESENTER)


def test_personal_data_waits_even_with_review_off_and_is_flagged():
    q = Question()
    q.answer(ANN, "Budgets")
    held = q.answer(ANN, PHONE)
    assert q.wall(PRESENTER) == ["Budgets"]
    [answer] = [a for a in q.view(FACILITATOR)["answers"] if a["id"] == held]
    assert answer["held"] and answer["flags"] == ["phone"]
    assert review_summary(q.config, question.contributions(q.state)) == {
        "on": False, "waiting": 1, "flagged": 1}
    assert q.do(FAC, "approve_all") == {"approved": 0, "flagged": 1}
    assert q.wall(PRESENTER) == ["Budgets"]


def test_the_facilitators_own_entry_waits_when_it_looks_like_personal_data():
    q = Question()
    q.answer(FAC, "Email jo@example.org")
    assert q.wall(PRESENTER) == []
    assert q.view(FACILITATOR)["answers"][0]["flags"] == ["email"]


def test_an_edit_is_screened_again():
    q = reviewed()
    first = q.answer(ANN, "Budgets")
    q.do(FAC, "approve", id=first)
    q.do(ANN, "edit", id=first, text="Budgets, and something else")
    assert q.wall(PRESENTER) == []  # changed words wait again
    q.do(FAC, "approve", id=first)
    assert q.wall(PRESENTER) == ["Budgets, and something else"]


def test_taking_the_personal_data_out_lets_it_show_where_review_is_off():
    q = Question()
    first = q.answer(ANN, PHONE)
    q.do(ANN, "edit", id=first, text="Ring Sam")
    assert q.wall(PRESENTER) == ["Ring Sam"]
    q.do(ANN, "edit", id=first, text="Ring Sam on 07700 900124")  # and back in: it waits
    assert q.wall(PRESENTER) == []


def test_what_waits_counts_against_its_authors_allowance_and_can_be_withdrawn():
    q = reviewed(max_answers=1)
    first = q.answer(ANN, "Budgets")
    with pytest.raises(Rejected, match="You have given 1 answer,"):
        q.answer(ANN, "Trust")
    q.do(ANN, "withdraw", id=first)
    q.answer(ANN, "Trust")


def test_what_waits_is_left_out_of_the_report_summary_items_and_spreadsheet():
    q = reviewed()
    q.answer(ANN, "Budgets")
    shown = q.answer(BEN, "Trust")
    q.do(FAC, "approve", id=shown)
    everything = [question.summary(q.state), question.report(q.state),
                  question.items(q.state), question.export_rows(q.state)]
    assert "Budgets" not in repr(everything) and "Trust" in repr(everything)


def test_the_spreadsheet_keeps_hidden_answers_marked_but_never_waiting_ones():
    q = reviewed()
    hidden = q.answer(ANN, "Hidden once approved")
    q.do(FAC, "approve", id=hidden)
    q.do(FAC, "hide", id=hidden)
    q.answer(BEN, "Still waiting")
    rows = question.export_rows(q.state)
    assert [(r["text"], r["hidden"]) for r in rows] == [("Hidden once approved", True)]


def test_turning_review_on_later_holds_what_was_never_approved(session):
    """Settings apply to the whole activity: its actions are replayed under them, the
    approvals with them. Turning it off again shows what waits, unless it is flagged."""
    activity = session.add_question()
    session.control("start")
    ann, ben = session.join(), session.join()
    session.answer(ann, activity, "Budgets")
    trust = session.answer(ben, activity, "Trust")
    session.act(FAC, activity, "approve", id=trust)
    session.answer(ann, activity, PHONE)
    assert session.wall(PRESENTER) == ["Trust", "Budgets"]
    session.control("update_activity", activity_id=activity, config={"review_first": True})
    assert session.wall(PRESENTER) == ["Trust"]
    review = session.view(FACILITATOR)["activity"]["review"]
    assert review == {"on": True, "waiting": 2, "flagged": 1}
    session.control("update_activity", activity_id=activity, config={"review_first": False})
    assert session.wall(PRESENTER) == ["Trust", "Budgets"]


def test_the_shared_lists_agree_on_what_waits():
    q = reviewed()
    waiting = q.answer(ANN, "Waiting")
    shown = q.answer(ANN, "Shown")
    q.do(FAC, "approve", id=shown)
    answers = list(question.contributions(q.state))
    assert [a.id for a in visible(answers)] == [shown]
    assert [a.id for a in approved(answers)] == [shown]
    assert [a.id for a in mine(answers, ANN.participant_id)] == [waiting, shown]


def test_a_plus_one_can_be_taken_back_once_given():
    q = Question()
    first = q.answer(ANN, "Budgets")
    [contribution] = question.contributions(q.state)
    ben = Context(BEN, 900, 1.0)
    refusals = PlusOneRefusals("Gone.", "Your own.", "Twice.")
    with pytest.raises(Rejected, match="^Never given.$"):
        take_back_plus_one(contribution, ben, "Never given.")
    assert plus_one(contribution, ben, refusals) == {"id": first, "plus": 1}
    assert take_back_plus_one(contribution, ben, "Never given.") == {"id": first, "plus": 0}
    assert plus_one(contribution, ben, refusals) == {"id": first, "plus": 1}  # and again
