"""Questions from the room: asking, upvoting (once each, never one's own, withdrawable),
the most wanted first, the one being answered, anonymity, and what the outputs hold."""
import pytest

from activities import questions
from activities.actions import perform
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Actor, Context,
                             Rejected, validate_config)

ANN = Actor(PARTICIPANT, participant_id=11, number=1, organisation="Council")
BEN = Actor(PARTICIPANT, participant_id=12, number=2, organisation="Council")
CAT = Actor(PARTICIPANT, participant_id=13, number=3, organisation="Council")
DAN = Actor(PARTICIPANT, participant_id=14, number=4, organisation="Police")
FAC = Actor(FACILITATOR)
HEALTH = [Actor(PARTICIPANT, participant_id=20 + n, number=5 + n, organisation="Health")
          for n in range(3)]


class Room:
    def __init__(self, **settings):
        self.config = validate_config(questions.config_fields,
                                      {"prompt": "Questions for the panel", **settings})
        self.state = questions.initial_state(self.config)
        self.seq = 100

    def do(self, actor, action, **payload):
        self.seq += 1
        return perform(questions, self.state, action, payload,
                       Context(actor, self.seq, float(self.seq)))[1]

    def ask(self, actor, text):
        return self.do(actor, "ask", text=text)["id"]

    def refused(self, actor, action, **payload):
        with pytest.raises(Rejected) as refusal:
            self.do(actor, action, **payload)
        return str(refusal.value)

    def shown(self, role=PRESENTER, revealed=True):
        view = questions.public_view(self.state, role, revealed)
        return [(q["text"], q["plus"], q["status"]) for q in view.get("questions", [])]

    def mine(self, actor):
        return questions.own_view(self.state, actor.participant_id)


def test_the_most_upvoted_question_comes_first():
    room = Room()
    first = room.ask(ANN, "Who owns the data?")
    second = room.ask(BEN, "What does consent cover?")
    room.ask(CAT, "When do we meet again?")
    for voter in (ANN, CAT, DAN):
        room.do(voter, "upvote", id=second)
    room.do(BEN, "upvote", id=first)
    assert room.shown() == [("What does consent cover?", 3, "open"),
                            ("Who owns the data?", 1, "open"),
                            ("When do we meet again?", 0, "open")]
    assert room.shown(PARTICIPANT) == room.shown(PRESENTER)


def test_an_upvote_is_once_per_person_and_never_ones_own():
    room = Room()
    question = room.ask(ANN, "Who owns the data?")
    assert room.do(BEN, "upvote", id=question) == {"id": question, "plus": 1}
    assert room.refused(BEN, "upvote", id=question) == "You have already upvoted that question."
    assert room.refused(ANN, "upvote", id=question) == \
        "That is your own question: upvote other people's."
    assert room.refused(FAC, "upvote", id=question) == "That is for participants to do."
    assert room.shown() == [("Who owns the data?", 1, "open")]
    assert room.mine(BEN)["upvoted"] == [question] and room.mine(CAT)["upvoted"] == []


def test_an_upvote_can_be_taken_back_and_given_again():
    room = Room()
    question = room.ask(ANN, "Who owns the data?")
    room.do(BEN, "upvote", id=question)
    assert room.do(BEN, "unvote", id=question) == {"id": question, "plus": 0}
    assert room.refused(BEN, "unvote", id=question) == "You have not upvoted that question."
    assert room.mine(BEN)["upvoted"] == []
    assert room.do(BEN, "upvote", id=question) == {"id": question, "plus": 1}


def test_one_question_is_answered_at_a_time_and_answered_ones_go_last():
    room = Room()
    first = room.ask(ANN, "Who owns the data?")
    second = room.ask(BEN, "What does consent cover?")
    room.do(CAT, "upvote", id=second)
    assert room.do(FAC, "mark", id=first, status="answering") == {"id": first,
                                                                  "status": "answering"}
    assert room.shown()[0] == ("Who owns the data?", 0, "answering")
    room.do(FAC, "mark", id=second, status="answering")  # the first goes back to the list
    assert room.shown() == [("What does consent cover?", 1, "answering"),
                            ("Who owns the data?", 0, "open")]
    room.do(FAC, "mark", id=second, status="answered")
    assert room.shown() == [("Who owns the data?", 0, "open"),
                            ("What does consent cover?", 1, "answered")]
    assert room.refused(DAN, "upvote", id=second) == "That question has been answered."
    assert room.refused(BEN, "edit", id=second, text="Changed") == (
        "That question is being answered, or has been: it can no longer change.")
    assert questions.public_view(room.state, PRESENTER, True)["answered"] == 1


def test_only_the_facilitator_marks_and_only_what_the_room_may_see_is_answered():
    room = Room(review_first=True)
    question = room.ask(ANN, "Who owns the data?")
    assert room.refused(ANN, "mark", id=question, status="answering") == \
        "Only the facilitator can do that."
    assert room.refused(FAC, "mark", id=question, status="answering") == \
        "Approve that question, or restore it, before answering it."
    room.do(FAC, "approve", id=question)
    room.do(FAC, "mark", id=question, status="answering")
    room.do(FAC, "hide", id=question)  # hidden: no longer being answered
    assert questions.public_view(room.state, FACILITATOR, True)["questions"][0]["status"] == \
        "open"


def test_the_room_never_sees_who_asked_and_sees_organisations_only_if_chosen_folded():
    room = Room()
    for asker in (ANN, BEN, CAT, DAN, *HEALTH):
        room.ask(asker, f"A question from {asker.number}")
    room.ask(FAC, "Typed for someone without a phone")
    for q in questions.public_view(room.state, PRESENTER, True)["questions"]:
        assert set(q) == {"id", "text", "plus", "status"}
    shown = Room(show_organisation=True)
    shown.state = room.state
    shown.state.config = shown.config
    organisations = {q["text"]: q["organisation"] for q in
                     questions.public_view(shown.state, PRESENTER, True)["questions"]}
    # Police, one person, is folded into Other, and Other then takes Council, the
    # smallest named group, so that one person cannot be singled out.
    assert organisations == {"A question from 1": OTHER, "A question from 2": OTHER,
                             "A question from 3": OTHER, "A question from 4": OTHER,
                             "A question from 5": "Health", "A question from 6": "Health",
                             "A question from 7": "Health",
                             "Typed for someone without a phone": ""}
    console = questions.public_view(room.state, FACILITATOR, True)["questions"]
    assert {(q["number"], q["organisation"]) for q in console} >= {(4, "Police")}


def test_each_person_asks_up_to_their_allowance_and_changes_their_own():
    room = Room(max_questions=1)
    question = room.ask(ANN, "Who owns the data?")
    assert room.refused(ANN, "ask", text="Another") == (
        "You have asked 1 question, the most one person can. You can change or withdraw it.")
    assert room.refused(BEN, "edit", id=question, text="Mine now") == \
        "You can only change your own questions."
    room.do(ANN, "edit", id=question, text="Who owns the shared data?")
    assert room.mine(ANN) == {"questions": [{"id": question, "text": "Who owns the shared data?",
                                             "status": "open", "plus": 0, "waiting": False}],
                              "upvoted": [], "remaining": 0}
    room.do(ANN, "withdraw", id=question)
    assert room.shown() == [] and room.mine(ANN)["remaining"] == 1


def test_before_the_reveal_the_room_sees_counts_only():
    room = Room(hide_results=True)
    room.ask(ANN, "Who owns the data?")
    view = questions.public_view(room.state, PRESENTER, False)
    assert "questions" not in view and view["count"] == 1


def test_the_report_and_spreadsheet_hold_the_questions_without_names():
    room = Room(review_first=True)
    shown = room.ask(ANN, "Who owns the data?")
    room.do(FAC, "approve", id=shown)
    room.ask(BEN, "Still waiting for review")
    room.do(CAT, "upvote", id=shown)
    room.do(FAC, "mark", id=shown, status="answered")
    report = questions.report(room.state)
    assert report[0]["text"] == "1 question from 1 person; 1 answered."
    assert report[1]["rows"] == [["Who owns the data?", 1, "Answered"]]
    assert questions.export_rows(room.state) == [
        {"question": shown, "text": "Who owns the data?", "upvotes": 1, "status": "answered",
         "participant": 1, "organisation": OTHER, "entered_by_facilitator": False,
         "hidden": False}]
    assert questions.items(room.state) == [{"id": shown, "text": "Who owns the data?"}]
