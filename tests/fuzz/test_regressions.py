"""What fuzzing found, kept as plain tests: each failed before its fix (a traceback, a
500, an unacknowledged command or a download that would not come out)."""
import json

import pytest

from tests.conftest import ROOMY_LIMITS, Room
from tests.fuzz.payloads import in_words
from workshop import create_app


@pytest.fixture
def room(tmp_path):
    """A workshop on its own SQLite file (some of these store what PostgreSQL would
    refuse, to show the outputs cope with older data)."""
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'fuzz.db'}",
                      "ROUNDTABLE_ASYNC_MODE": "threading", "BROADCAST_INTERVAL": 0,
                      **ROOMY_LIMITS})
    room = Room(app)
    yield room
    app.extensions["roundtable"].store.engine.dispose()


def refused(reply, phrase):
    assert isinstance(reply, dict) and reply.get("ok") is False, reply
    assert in_words(reply["error"]) and phrase.lower() in reply["error"].lower(), reply


def exported(room):
    """The JSON archive as a download, read as standard JSON (no NaN, no Infinity)."""
    response = room.api("get", f"/api/workshops/{room.code}/export?format=json")
    assert response.status_code == 200, response.data[:300]

    def refuse(constant):
        raise ValueError(f"{constant} is not standard JSON")

    return json.loads(response.data.decode("utf-8"), parse_constant=refuse)


# ---------------------------------------------------------------------- Socket.IO
@pytest.mark.parametrize("event, args", [
    ("connect", (None, {"code": "NOPE22", "role": "presenter"})),
    ("connect", ()),
    ("disconnect", ()),
    ("disconnect", (1, 2, 3)),
])
def test_events_named_connect_or_disconnect_are_unknown_events(room, event, args):
    """A client that *sends* an event called "connect" or "disconnect" does not sign in
    again or leave: it is told there is no such event, and carries on as before.
    Before: a traceback and no answer, the connection counted twice, or the screen
    dropped from its workshop while still connected."""
    question = room.add_question()
    room.control("start")
    phone = room.phone()
    limits = room.app.extensions["roundtable_limits"]
    screens = limits.held[("workshop", room.code)]
    refused(phone.emit(event, *args, callback=True), f"no event called '{event}'")
    refused(phone.emit(event, None, {"code": room.code, "role": "presenter"}, callback=True),
            "no event called")
    assert limits.held[("workshop", room.code)] == screens
    assert phone.emit("sync", callback=True)["ok"] is True
    assert phone.emit("act", {"activity_id": question, "action": "answer",
                              "payload": {"text": "Still here"}}, callback=True)["ok"] is True


def test_a_submission_id_with_a_lone_surrogate_is_taken(room):
    """A cid holding half of an emoji (a lone surrogate) could not be stored: the answer
    failed with "Something went wrong". It is now stored without it."""
    question = room.add_question()
    room.control("start")
    phone = room.phone()
    send = {"activity_id": question, "action": "answer", "payload": {"text": "Mine"},
            "cid": "c1\ud83d"}
    first = phone.emit("act", send, callback=True)
    assert first["ok"] is True, first
    again = phone.emit("act", send, callback=True)
    assert again["ok"] is True and again["duplicate"] is True, again
    refused(phone.emit("act", {**send, "cid": "\udfff"}, callback=True), "submission id")


def test_details_with_nan_infinity_or_deep_nesting_are_refused_in_words(room):
    """NaN and Infinity are not JSON, and nothing needs details nested 33 deep; they
    were stored with the action, and the JSON archive was no longer standard JSON."""
    question = room.add_question()
    room.control("start")
    phone = room.phone()
    nested = "x"
    for _ in range(40):
        nested = [nested]
    for junk, phrase in ((float("nan"), "NaN"), (float("inf"), "infinity"),
                         (nested, "nested too deeply")):
        refused(phone.emit("act", {"activity_id": question, "action": "answer",
                                   "payload": {"text": "Fine", "extra": junk}},
                           callback=True), phrase)
    assert exported(room)["actions"] == []


def test_a_lone_surrogate_in_the_details_does_not_break_the_archive(room):
    """An answer whose details held a lone surrogate in a field no rule reads was stored
    as sent, and the JSON archive then failed with a 500. Sent now, a field the action
    does not declare is not stored at all; stored earlier, it is written as its JSON
    escape."""
    question = room.add_question()
    room.control("start")
    phone = room.phone()
    assert phone.emit("act", {"activity_id": question, "action": "answer",
                              "payload": {"text": "Sent", "note": "a\ud800"}},
                      callback=True)["ok"] is True
    live = room.engine.workshop(room.code)
    with room.engine.store.transaction() as tx:  # as an earlier release stored it
        seq = tx.bump(live.id)
        tx.add_action(workshop_id=live.id, activity_id=question, seq=seq, actor="facilitator",
                      participant_id=None, client_id=None, name="answer",
                      payload={"text": "Stored earlier", "note": "b\udfff"},
                      reply={"id": seq}, at=1.0)
    room.engine.forget(room.code)
    payloads = [action["payload"] for action in exported(room)["actions"]]
    assert payloads == [{"text": "Sent"}, {"text": "Stored earlier", "note": "b\udfff"}]


@pytest.mark.parametrize("action, payload", [
    ("add_note", {"stage": [0], "lane": 0, "text": "A form"}),
    ("add_note", {"stage": 0, "lane": {"id": 0}, "text": "A form"}),
    ("feel", {"stage": {}, "value": 1}),
])
def test_a_journey_stage_or_lane_that_is_a_list_or_an_object_is_refused(room, action,
                                                                         payload):
    """Before: "unhashable type" deep in the journey map, and "Something went wrong"."""
    added = room.api("post", f"/api/workshops/{room.code}/activities",
                     {"type": "journey", "config": {}})
    journey = added.get_json()["activity"]["id"]
    room.control("start")
    phone = room.phone()
    refused(phone.emit("act", {"activity_id": journey, "action": action,
                               "payload": payload}, callback=True), "choose one of")
    console = room.facilitator()
    refused(console.emit("act", {"activity_id": journey, "action": "focus",
                                 "payload": {"stage": [1]}}, callback=True), "choose one of")


# ---------------------------------------------------------------------- HTTP API
@pytest.mark.parametrize("body", [b"[" * 5000 + b"]" * 5000,
                                  b'{"a":' * 3000 + b"1" + b"}" * 3000])
def test_json_nested_deeper_than_the_parser_goes_is_refused_in_words(room, body):
    """Before: a RecursionError and a 500 with an HTML page."""
    for path in ("/api/workshops", f"/api/workshops/{room.code}/control",
                 "/api/workshops/import"):
        response = room.app.test_client().post(
            path, data=body, headers={"Content-Type": "application/json",
                                      "Authorization": f"Bearer {room.key}"})
        assert response.status_code == 400, (path, response.data[:200])
        assert response.get_json()["ok"] is False and in_words(response.get_json()["error"])


def tamper(document, change):
    change(document)
    return document


IMPORT_TAMPERING = [
    ("a sequence number too big for the database",
     lambda d: d["actions"][0].update(seq=2 ** 70), "seq must be a whole number"),
    ("a participant number too big for the database",
     lambda d: (d["participants"][0].update(number=2 ** 70), d["actions"][0].update(by=2 ** 70)),
     "number must be a whole number"),
    ("a time that is not a number", lambda d: d["actions"][0].update(at=float("nan")), "NaN"),
    ("an infinite time", lambda d: d["actions"][0].update(at=float("inf")), "infinity"),
    ("an author that is a list", lambda d: d["actions"][0].update(by=[1]),
     "by must be a participant's number"),
    ("an action name that is a list", lambda d: d["actions"][0].update(name=["answer"]),
     "name must be the action's name"),
]


@pytest.mark.parametrize("what, change, phrase", IMPORT_TAMPERING,
                         ids=[t[0] for t in IMPORT_TAMPERING])
def test_an_import_with_impossible_values_is_refused_in_words(room, what, change, phrase):
    """Each of these failed with a 500 (an overflow, a NOT NULL constraint, or an
    unhashable value) instead of saying what is wrong with the file."""
    question = room.add_question()
    room.control("start")
    room.phone(name="Ann", organisation="Council").emit(
        "act", {"activity_id": question, "action": "answer", "payload": {"text": "Hello"}},
        callback=True)
    document = tamper(exported(room), change)
    response = room.app.test_client().post(
        "/api/workshops/import", data=json.dumps(document),
        headers={"Content-Type": "application/json"})
    assert response.status_code == 400, (what, response.data[:300])
    body = response.get_json()
    assert body["ok"] is False and phrase.lower() in body["error"].lower(), body


def test_an_import_with_lone_surrogates_in_names_loses_only_those(room):
    """A name or organisation holding a lone surrogate could not be stored (a 500);
    the import now keeps the rest of the text."""
    room.add_question()
    room.join(name="Ann", organisation="Council")
    document = exported(room)
    document["participants"][0].update(name="Ann\ud800", organisation="\udfffCouncil")
    response = room.app.test_client().post(
        "/api/workshops/import", data=json.dumps(document),
        headers={"Content-Type": "application/json"})
    assert response.status_code == 201, response.data[:300]
    created = response.get_json()
    read = room.app.test_client().get(
        f"/api/workshops/{created['code']}",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"}).get_json()
    assert [(p["name"], p["organisation"]) for p in read["people"]] == [("Ann", "Council")]
