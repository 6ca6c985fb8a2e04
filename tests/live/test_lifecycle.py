"""Running a workshop live: what phones and the projector see as the facilitator steers."""
from tests.conftest import last
from tests.live.helpers import answer, received, refused_in_words, wall


def control(console, command, **args):
    reply = console.emit("control", {"command": command, "args": args}, callback=True)
    assert reply["ok"] is True, reply
    return reply


def test_starting_shows_the_first_activity_on_every_screen(room):
    room.add_question("First?")
    console, presenter, phone = room.facilitator(), room.presenter(), room.phone()
    control(console, "start")
    for client in (console, presenter, phone):
        view = last(client, "view")
        assert view["activity"]["view"]["prompt"] == "First?"
        assert view["workshop"]["current"] == 0


def test_a_closed_activity_refuses_answers_in_words_until_reopened(running):
    console, phone = running.facilitator(), running.phone()
    control(console, "close")
    assert last(phone, "view")["activity"]["is_open"] is False
    error = refused_in_words(answer(phone, running.question, "Too late?"))
    assert error == "This activity is closed for now."
    control(console, "open")
    assert last(phone, "view")["activity"]["is_open"] is True
    assert answer(phone, running.question, "Open again")["ok"] is True


def test_next_sends_phones_the_new_activity(running):
    second = running.add_question("What would help?")
    console, phone = running.facilitator(), running.phone()
    answer(phone, running.question, "An answer to the first")
    phone.get_received()
    control(console, "next")
    pushed = phone.get_received()
    views = [m["args"][0] for m in pushed if m["name"] == "view"]
    assert len(views) == 1
    assert views[0]["activity"]["id"] == second
    assert views[0]["activity"]["view"] == {"prompt": "What would help?", "count": 0,
                                            "people": 0, "answers": []}
    mine = [m["args"][0] for m in pushed if m["name"] == "mine"]
    assert mine and mine[-1]["activity_id"] == second and mine[-1]["mine"]["answers"] == []


def test_a_phone_still_on_the_old_activity_is_told_it_has_moved_on(running):
    running.add_question("What would help?")
    console, phone = running.facilitator(), running.phone()
    control(console, "next")
    error = refused_in_words(answer(phone, running.question, "Late answer"))
    assert error == "That activity is not running now."


def test_hiding_and_revealing_results_on_the_room_screens(running):
    console, presenter, phone = running.facilitator(), running.presenter(), running.phone()
    answer(phone, running.question, "Shown after the reveal")
    control(console, "hide_results")
    for client in (presenter, phone):
        view = last(client, "view")
        assert view["activity"]["revealed"] is False
        assert "answers" not in view["activity"]["view"]
        assert view["activity"]["view"]["count"] == 1
    assert wall(last(console, "view")) == ["Shown after the reveal"]
    control(console, "reveal")
    for client in (presenter, phone):
        assert wall(last(client, "view")) == ["Shown after the reveal"]


def test_a_timer_appears_on_every_screen_and_stops(running):
    console, presenter, phone = running.facilitator(), running.presenter(), running.phone()
    ends_at = control(console, "timer", seconds=120)["ends_at"]
    for client in (presenter, phone):
        assert last(client, "view")["workshop"]["timer"] == {"ends_at": ends_at,
                                                             "seconds": 120}
    control(console, "timer", seconds=0)
    assert last(presenter, "view")["workshop"]["timer"] is None


def test_editing_the_agenda_while_running_keeps_the_room_where_it_is(running):
    console, presenter = running.facilitator(), running.presenter()
    earlier = control(console, "add_activity", type="question",
                      config={"prompt": "Warm-up?"})["activity"]["id"]
    control(console, "move_activity", activity_id=earlier, position=0)
    view = last(presenter, "view")
    assert view["activity"]["id"] == running.question
    assert view["workshop"]["current"] == 1 and view["workshop"]["total"] == 2
    control(console, "remove_activity", activity_id=earlier)
    view = last(presenter, "view")
    assert view["activity"]["id"] == running.question
    assert view["workshop"]["current"] == 0 and view["workshop"]["total"] == 1


def test_going_back_to_the_welcome_clears_the_activity(running):
    console, phone = running.facilitator(), running.phone()
    control(console, "previous")
    pushed = received(phone)
    assert pushed["view"][-1]["activity"] is None
    assert pushed["mine"][-1]["mine"] is None
