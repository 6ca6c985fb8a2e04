"""Moving between steps from the console is safe to repeat: the console sends the step it
was showing with the step to go to, so a retried acknowledgement or two consoles pressing
Next at once move the workshop one step, and a console that had not yet seen another's
move cannot skip an activity."""
from tests.conftest import last
from tests.live.helpers import refused_in_words


def step(console, position, seen):
    """What the console's Next and Previous send."""
    return console.emit("control", {"command": "goto",
                                    "args": {"position": position, "from": seen}},
                        callback=True)


def current(client):
    return client.emit("sync", callback=True)["view"]["workshop"]["current"]


def three_questions(room):
    for prompt in ("First?", "Second?", "Third?"):
        room.add_question(prompt)
    room.control("start")


def test_a_retried_next_moves_the_workshop_one_step(room):
    three_questions(room)
    console = room.facilitator()
    assert step(console, 1, 0) == {"ok": True, "current": 1}
    # The acknowledgement was lost, so the same command comes again.
    assert step(console, 1, 0) == {"ok": True, "current": 1}
    assert current(console) == 1


def test_two_consoles_pressing_next_at_once_move_the_workshop_one_step(room):
    three_questions(room)
    first, second, presenter = room.facilitator(), room.facilitator(), room.presenter()
    # Both showed the first question when they pressed Next.
    assert step(first, 1, 0)["ok"] and step(second, 1, 0)["ok"]
    assert current(first) == current(second) == 1
    assert last(presenter, "view")["activity"]["view"]["prompt"] == "Second?"


def test_a_console_that_missed_a_move_cannot_skip_an_activity(room):
    three_questions(room)
    first, late = room.facilitator(), room.facilitator()
    step(first, 1, 0)
    step(first, 2, 1)
    # The late console still showed the first question and pressed Next.
    error = refused_in_words(step(late, 1, 0))
    assert error == "The workshop moved on meanwhile: it is at step 3 now. Nothing was changed."
    assert current(late) == 2


def test_previous_is_as_safe_to_repeat_as_next(room):
    three_questions(room)
    console = room.facilitator()
    step(console, 1, 0)
    assert step(console, 0, 1) == {"ok": True, "current": 0}
    assert step(console, 0, 1) == {"ok": True, "current": 0}
    assert step(console, -1, 0) == {"ok": True, "current": -1}
    assert current(console) == -1


def test_a_repeated_move_does_not_stop_a_timer_started_since(room):
    three_questions(room)
    console = room.facilitator()
    step(console, 1, 0)
    console.emit("control", {"command": "timer", "args": {"seconds": 60}}, callback=True)
    step(console, 1, 0)
    assert console.emit("sync", callback=True)["view"]["workshop"]["timer"] is not None


def test_the_step_the_console_saw_must_be_a_number(room):
    three_questions(room)
    console = room.facilitator()
    for seen in ("0", True, 0.0, [0]):
        assert refused_in_words(step(console, 1, seen)) == \
            "Say which step the console was showing, by its number."
    assert current(console) == 0


def test_next_from_a_script_is_as_safe_to_repeat_when_it_says_where_it_was(room):
    three_questions(room)
    for _ in range(2):
        assert room.control("next", **{"from": 0}) == {"ok": True, "current": 1}
