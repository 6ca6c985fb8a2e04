"""The facilitator's commands: moving through the agenda, running and editing activities."""
import time

import pytest

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Rejected
from workshop.controls import MAX_ACTIVITIES, TIMER_LIMIT


def running(session):
    """The prompt of the activity the screens show now, or None."""
    activity = session.view(PRESENTER)["activity"]
    return activity["view"]["prompt"] if activity else None


def agenda(session):
    return [item["label"] for item in session.view(FACILITATOR)["agenda"]]


@pytest.fixture
def three(session):
    """A workshop with three questions on its agenda, not started."""
    session.ids = [session.add_question(p) for p in ("One?", "Two?", "Three?")]
    return session


# ---------------------------------------------------------------------- moving
def test_start_next_and_previous_walk_the_agenda(three):
    assert running(three) is None
    assert three.control("start") == {"current": 0}
    assert running(three) == "One?"
    three.control("next")
    three.control("next")
    assert running(three) == "Three?"
    with pytest.raises(Rejected, match="last activity"):
        three.control("next")
    three.control("previous")
    assert running(three) == "Two?"


def test_previous_from_the_first_activity_returns_to_the_welcome(three):
    with pytest.raises(Rejected, match="not started yet"):
        three.control("previous")
    three.control("start")
    three.control("previous")
    assert running(three) is None
    assert three.view()["workshop"]["current"] == -1


def test_next_before_starting_starts(three):
    three.control("next")
    assert running(three) == "One?"


def test_an_empty_agenda_cannot_be_started(session):
    for command, args in (("start", {}), ("next", {}), ("goto", {"position": 0})):
        with pytest.raises(Rejected, match="The agenda is empty: add an activity first"):
            session.control(command, **args)


@pytest.mark.parametrize("position", [3, -2, 99, None, True, "1", 1.0])
def test_goto_refuses_a_step_that_is_not_on_the_agenda(three, position):
    three.control("goto", position=1)
    with pytest.raises(Rejected, match="Choose a step from 1 to 3"):
        three.control("goto", position=position)
    assert running(three) == "Two?"


def test_goto_reaches_any_step_and_minus_one_is_the_welcome(three):
    three.control("goto", position=2)
    assert running(three) == "Three?"
    three.control("goto", position=-1)
    assert running(three) is None


# ---------------------------------------------------------------------- open, close, reveal
def test_close_and_open_act_on_the_running_activity(three):
    three.control("start")
    assert three.control("close") == {"activity_id": three.ids[0], "is_open": False}
    assert three.view()["activity"]["is_open"] is False
    three.control("open")
    assert three.view()["activity"]["is_open"] is True


def test_lifecycle_commands_can_name_another_activity(three):
    three.control("start")
    three.control("close", activity_id=three.ids[2])
    by_label = {a["label"]: a["is_open"] for a in three.view(FACILITATOR)["agenda"]}
    assert by_label == {"One?": True, "Two?": True, "Three?": False}


def test_lifecycle_commands_need_a_running_or_named_activity(three):
    with pytest.raises(Rejected, match="start the agenda first"):
        three.control("close")
    with pytest.raises(Rejected, match="not in this workshop's agenda"):
        three.control("reveal", activity_id=123456)


@pytest.mark.parametrize("activity_id", [True, False, "1", 1.0, [1]])
def test_an_activity_is_named_only_by_its_whole_number_id(three, activity_id):
    """True equals 1 in Python; it must not close activity 1."""
    with pytest.raises(Rejected, match="not in this workshop's agenda"):
        three.control("close", activity_id=activity_id)
    with pytest.raises(Rejected, match="not in this workshop's agenda"):
        three.act(three.join(), activity_id, "answer", text="Hello")
    assert all(item["is_open"] for item in three.view(FACILITATOR)["agenda"])


def test_hiding_results_takes_answers_off_the_room_screens(three):
    three.control("start")
    ann = three.join()
    three.answer(ann, three.ids[0], "Visible?")
    three.control("hide_results")
    for role in (PRESENTER, PARTICIPANT):
        activity = three.view(role)["activity"]
        assert activity["revealed"] is False and "answers" not in activity["view"]
    assert three.wall(FACILITATOR) == ["Visible?"]
    three.control("reveal")
    assert three.wall(PRESENTER) == ["Visible?"]


def test_a_question_set_to_hide_results_starts_unrevealed(session):
    session.add_question("Secret ballot?", hide_results=True)
    session.control("start")
    assert session.view()["activity"]["revealed"] is False


# ---------------------------------------------------------------------- timer
def test_the_timer_counts_down_from_now_and_zero_stops_it(three):
    three.control("start")
    before = time.time()
    reply = three.control("timer", seconds=90)
    assert before + 90 <= reply["ends_at"] <= time.time() + 90
    assert three.view()["workshop"]["timer"] == {"ends_at": reply["ends_at"], "seconds": 90}
    assert three.control("timer", seconds=0) == {"ends_at": None}
    assert three.view()["workshop"]["timer"] is None


@pytest.mark.parametrize("seconds", [-1, TIMER_LIMIT + 1, None, True, 1.5, "60"])
def test_the_timer_refuses_odd_lengths(three, seconds):
    with pytest.raises(Rejected, match="up to three hours"):
        three.control("timer", seconds=seconds)
    assert three.view()["workshop"]["timer"] is None


def test_the_timer_takes_up_to_three_hours(three):
    three.control("timer", seconds=TIMER_LIMIT)
    assert three.view()["workshop"]["timer"]["seconds"] == TIMER_LIMIT


def test_moving_on_stops_the_timer(three):
    three.control("start")
    three.control("timer", seconds=60)
    three.control("next")
    assert three.view()["workshop"]["timer"] is None


# ---------------------------------------------------------------------- adding
def test_an_added_activity_goes_to_the_end_of_the_agenda(three):
    three.control("start")
    reply = three.control("add_activity", type="question", config={"prompt": "Four?"})
    assert reply["activity"]["position"] == 3
    assert reply["activity"]["config"] == {"prompt": "Four?", "max_answers": 3,
                                           "hide_results": False, "review_first": False}
    assert agenda(three) == ["One?", "Two?", "Three?", "Four?"]
    assert running(three) == "One?"


@pytest.mark.parametrize("args, words", [
    ({"type": "poll", "config": {"prompt": "?"}}, "Choose one of the activity types"),
    ({"config": {"prompt": "?"}}, "Choose one of the activity types"),
    ({"type": "question"}, "Question: please fill this in"),
    ({"type": "question", "config": {"prompt": "?", "colour": "red"}}, "Unknown setting"),
    ({"type": "question", "config": {"prompt": "?", "max_answers": 0}}, "from 1 to 10"),
    ({"type": "question", "config": "prompt"}, "Settings must be an object"),
])
def test_an_activity_with_bad_settings_is_refused_in_words(three, args, words):
    with pytest.raises(Rejected, match=words):
        three.control("add_activity", **args)
    assert agenda(three) == ["One?", "Two?", "Three?"]


def test_an_agenda_has_a_limit(session):
    for n in range(MAX_ACTIVITIES):
        session.add_question(f"Q{n}?")
    with pytest.raises(Rejected, match=f"up to {MAX_ACTIVITIES} activities"):
        session.add_question("One too many?")


# ---------------------------------------------------------------------- updating
def test_updating_settings_keeps_what_people_contributed(three):
    three.control("start")
    ann = three.join()
    three.answer(ann, three.ids[0], "Kept")
    three.control("update_activity", activity_id=three.ids[0],
                  config={"prompt": "One, reworded?", "max_answers": 5})
    assert running(three) == "One, reworded?"
    assert three.wall(PRESENTER) == ["Kept"]
    assert three.engine.own(three.code, ann.participant_id)["mine"]["remaining"] == 4


def test_lowering_the_limit_below_what_someone_gave_is_refused(three):
    three.control("start")
    ann = three.join()
    for text in ("a", "b", "c"):
        three.answer(ann, three.ids[0], text)
    with pytest.raises(Rejected, match="would drop contributions already made"):
        three.control("update_activity", activity_id=three.ids[0],
                      config={"prompt": "One?", "max_answers": 2})
    assert three.view(FACILITATOR)["agenda"][0]["config"]["max_answers"] == 3
    assert sorted(three.wall()) == ["a", "b", "c"]
    three.control("update_activity", activity_id=three.ids[0],
                  config={"prompt": "One?", "max_answers": 3})  # exactly enough is fine


def test_turning_on_hide_results_takes_the_results_off_the_screen(three):
    three.control("start")
    three.answer(three.join(), three.ids[0], "Seen so far")
    three.control("update_activity", activity_id=three.ids[0],
                  config={"prompt": "One?", "hide_results": True})
    assert three.view(PRESENTER)["activity"]["revealed"] is False
    assert "answers" not in three.view(PRESENTER)["activity"]["view"]
    three.control("reveal")
    three.control("update_activity", activity_id=three.ids[0],
                  config={"prompt": "One, again?", "hide_results": True})
    assert three.view(PRESENTER)["activity"]["revealed"] is True  # a reveal is kept


def test_an_update_with_bad_settings_or_no_such_activity_is_refused(three):
    with pytest.raises(Rejected, match="Unknown setting"):
        three.control("update_activity", activity_id=three.ids[0],
                      config={"prompt": "One?", "size": 2})
    with pytest.raises(Rejected, match="not in this workshop's agenda"):
        three.control("update_activity", activity_id=999, config={"prompt": "?"})
    assert agenda(three) == ["One?", "Two?", "Three?"]


# ---------------------------------------------------------------------- moving and removing
def test_moving_an_activity_keeps_the_running_one_running(three):
    three.control("goto", position=1)
    three.control("move_activity", activity_id=three.ids[1], position=0)
    assert agenda(three) == ["Two?", "One?", "Three?"]
    assert running(three) == "Two?"
    three.control("move_activity", activity_id=three.ids[2], position=0)
    assert agenda(three) == ["Three?", "Two?", "One?"]
    assert running(three) == "Two?"
    assert three.view()["workshop"]["current"] == 1


@pytest.mark.parametrize("position", [-1, 3, None, True, "0", 0.0])
def test_moving_to_a_position_off_the_agenda_is_refused(three, position):
    with pytest.raises(Rejected, match="Choose a position from 1 to 3"):
        three.control("move_activity", activity_id=three.ids[0], position=position)
    assert agenda(three) == ["One?", "Two?", "Three?"]


def test_removing_another_activity_keeps_the_running_one_running(three):
    three.control("goto", position=2)
    three.control("remove_activity", activity_id=three.ids[0])
    assert agenda(three) == ["Two?", "Three?"]
    assert running(three) == "Three?"


def test_removing_the_running_activity_moves_on_to_the_next(three):
    three.control("goto", position=1)
    three.control("remove_activity", activity_id=three.ids[1])
    assert running(three) == "Three?"
    three.control("remove_activity", activity_id=three.ids[2])
    assert running(three) == "One?"
    three.control("remove_activity", activity_id=three.ids[0])
    assert running(three) is None and agenda(three) == []


def test_removing_an_activity_removes_its_contributions(three):
    three.control("start")
    ann = three.join()
    three.answer(ann, three.ids[0], "Goes with it")
    three.control("remove_activity", activity_id=three.ids[0])
    assert three.stored_actions() == []
    assert [item["label"] for item in three.engine.export(three.code)] == ["Two?", "Three?"]
    with pytest.raises(Rejected, match="not in this workshop's agenda"):
        three.control("remove_activity", activity_id=three.ids[0])


# ---------------------------------------------------------------------- workshop settings
def test_organisations_are_cleaned_and_de_duplicated_in_order(session):
    reply = session.control("set_organisations",
                            organisations=[" Police ", "council", "Council", "", None,
                                           "POLICE", "Health  Trust"])
    assert reply == {"organisations": ["Police", "council", "Health Trust"]}
    assert session.view(FACILITATOR)["workshop"]["organisations"] == reply["organisations"]


def test_organisations_may_be_given_one_per_line(session):
    session.control("set_organisations", organisations="Police\r\nCouncil\n\nPolice\n")
    assert session.live.organisations == ["Police", "Council"]


@pytest.mark.parametrize("organisations, words", [
    ({"name": "Police"}, "must be a list"),
    (5, "must be a list"),
    ([3], "please give text"),
    (["o" * 81], "80 characters"),
    ([f"Org {n}" for n in range(41)], "up to 40"),
])
def test_odd_organisation_lists_are_refused(session, organisations, words):
    with pytest.raises(Rejected, match=words):
        session.control("set_organisations", organisations=organisations)
    assert session.live.organisations == ["Council", "Police"]


def test_renaming_the_workshop(session):
    assert session.control("rename", title="  New  name ") == {"title": "New name"}
    assert session.view()["workshop"]["title"] == "New name"
    with pytest.raises(Rejected, match="Give the workshop a title"):
        session.control("rename", title=" ")


def test_an_unknown_command_is_refused_by_name(session):
    with pytest.raises(Rejected, match="no command called 'explode'"):
        session.control("explode")


def test_every_command_tells_every_screen(session, changes):
    session.add_question()
    changes.take()
    session.control("start")
    session.control("close")
    assert changes.take() == [(session.code, "all"), (session.code, "all")]
