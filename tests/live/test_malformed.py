"""Whatever a client sends, the answer is {ok: false, error: <words>}, never a crash."""
import logging

import pytest

from tests.live.helpers import received, refused_in_words

HUGE = "x" * 100_000


def participant_messages(question):
    """Broken `act` messages a phone might send, each with what the refusal says."""
    good = {"activity_id": question, "action": "answer", "payload": {"text": "Fine"}}
    return [
        ("a string", "Send the details as an object"),
        (5, "Send the details as an object"),
        ([good], "Send the details as an object"),
        (True, "Send the details as an object"),
        (None, "Say which activity"),
        ({}, "Say which activity"),
        ({**good, "activity_id": None}, "Say which activity"),
        ({**good, "activity_id": str(question)}, "Say which activity"),
        ({**good, "activity_id": True}, "Say which activity"),
        ({**good, "activity_id": float(question)}, "Say which activity"),
        ({**good, "activity_id": [question]}, "Say which activity"),
        ({**good, "activity_id": question + 999}, "not in this workshop's agenda"),
        ({**good, "action": None}, "Say which action"),
        ({**good, "action": 5}, "Say which action"),
        ({**good, "action": ""}, "Say which action"),
        ({**good, "action": {"name": "answer"}}, "Say which action"),
        ({**good, "action": "explode"}, "no action called 'explode'"),
        ({**good, "action": "answer" * 1000}, "no action called"),
        ({**good, "payload": "Fine"}, "must be an object"),
        ({**good, "payload": ["Fine"]}, "must be an object"),
        ({**good, "payload": {}}, "please write some text"),
        ({**good, "payload": {"text": 5}}, "please write some text"),
        ({**good, "payload": {"text": None}}, "please write some text"),
        ({**good, "payload": {"text": ""}}, "please write something first"),
        ({**good, "payload": {"text": HUGE}}, "keep it to 280 characters"),
        ({**good, "payload": {"text": ["Fine"]}}, "please write some text"),
        ({**good, "cid": True}, "submission id must be text"),
        ({**good, "cid": 17}, "submission id must be text"),
        ({**good, "cid": ""}, "submission id must be text"),
        ({**good, "cid": "c" * 65}, "submission id must be text"),
        ({**good, "cid": {"id": 1}}, "submission id must be text"),
        ({"activity_id": question, "action": "edit", "payload": {"id": True, "text": "E"}},
         "id is missing or not a number"),
        ({"activity_id": question, "action": "edit", "payload": {"id": "1", "text": "E"}},
         "id is missing or not a number"),
        ({"activity_id": question, "action": "withdraw", "payload": {"id": 10**30}},
         "no longer there"),
        ({"activity_id": question, "action": "hide", "payload": {"id": 1}},
         "Only the facilitator"),
    ]


def facilitator_messages(question):
    """Broken `control` messages a console might send."""
    return [
        ("next", "Send the details as an object"),
        ([{"command": "next"}], "Send the details as an object"),
        ({}, "Say which command"),
        ({"command": None}, "Say which command"),
        ({"command": 3}, "Say which command"),
        ({"command": ["next"]}, "Say which command"),
        ({"command": "explode"}, "no command called 'explode'"),
        ({"command": "x" * 10_000}, "no command called"),
        ({"command": "goto", "args": "2"}, "Choose a step"),
        ({"command": "goto", "args": {"position": True}}, "Choose a step"),
        ({"command": "goto", "args": {"position": "0"}}, "Choose a step"),
        ({"command": "goto", "args": {"position": 5}}, "Choose a step"),
        ({"command": "timer", "args": {"seconds": True}}, "up to three hours"),
        ({"command": "timer", "args": {"seconds": "60"}}, "up to three hours"),
        ({"command": "timer", "args": {"seconds": 10**9}}, "up to three hours"),
        ({"command": "close", "args": {"activity_id": True}}, "not in this workshop's agenda"),
        ({"command": "close", "args": {"activity_id": [question]}},
         "not in this workshop's agenda"),
        ({"command": "add_activity", "args": {"type": "question"}}, "please fill this in"),
        ({"command": "add_activity", "args": {"type": ["question"]}}, "activity types"),
        ({"command": "add_activity", "args": {"type": "question",
                                              "config": {"prompt": HUGE}}}, "200 characters"),
        ({"command": "add_activity", "args": {"type": "question",
                                              "config": {"prompt": "?", "max_answers": "--3"}}},
         "whole number"),
        ({"command": "update_activity", "args": {"activity_id": question, "config": []}},
         "Settings must be an object"),
        ({"command": "move_activity", "args": {"activity_id": question, "position": True}},
         "Choose a position"),
        ({"command": "set_organisations", "args": {"organisations": {"a": 1}}}, "list of names"),
        ({"command": "set_organisations", "args": {"organisations": [HUGE]}}, "80 characters"),
        ({"command": "rename", "args": {"title": None}}, "Give the workshop a title"),
        ({"command": "rename", "args": {"title": "\ud800"}}, "Give the workshop a title"),
        ({"command": "act", "args": {}}, "no command called 'act'"),
    ]


@pytest.fixture
def quiet(caplog):
    """Fails the test if the server logged an error: refusals are not errors."""
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def version(room):
    return room.engine.workshop(room.code).version


def test_every_broken_act_from_a_phone_is_refused_in_words(running, quiet):
    phone = running.phone()
    before = version(running)
    for message, words in participant_messages(running.question):
        reply = phone.emit("act", message, callback=True)
        assert words in refused_in_words(reply), (message, reply)
    assert version(running) == before  # nothing was changed
    assert phone.emit("sync", callback=True)["ok"] is True  # and the connection still works


def test_every_broken_control_from_the_console_is_refused_in_words(running, quiet):
    console = running.facilitator()
    before = version(running)
    for message, words in facilitator_messages(running.question):
        reply = console.emit("control", message, callback=True)
        assert words in refused_in_words(reply), (message, reply)
    assert version(running) == before
    assert console.emit("sync", callback=True)["ok"] is True


@pytest.mark.parametrize("message", ["x", 1, [1], True])
def test_a_sync_with_odd_details_is_refused_in_words(running, message, quiet):
    for client in (running.phone(), running.presenter(), running.facilitator()):
        assert "Send the details as an object" in refused_in_words(
            client.emit("sync", message, callback=True))


@pytest.mark.parametrize("event", ["hack", "answer", "connect_error", "x" * 500])
def test_an_unknown_event_is_refused_by_name(running, event, quiet):
    phone = running.phone()
    error = refused_in_words(phone.emit(event, {"text": "hi"}, callback=True))
    assert error.startswith("Roundtable has no event called")
    assert len(error) < 100  # a long name is not echoed back in full


def test_extra_arguments_are_ignored_not_fatal(running, quiet):
    phone = running.phone()
    reply = phone.emit("act", {"activity_id": running.question, "action": "answer",
                               "payload": {"text": "Fine"}}, "extra", 3, callback=True)
    assert reply["ok"] is True


def test_refused_messages_send_no_updates_to_anyone(running, quiet):
    phone, presenter = running.phone(), running.presenter()
    for client in (phone, presenter):
        client.get_received()
    for message, _ in participant_messages(running.question):
        phone.emit("act", message, callback=True)
    assert received(phone) == {} and received(presenter) == {}
