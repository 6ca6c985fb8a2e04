"""Garbage in, words out: malformed Socket.IO traffic and API bodies get an error a person
can read (never a traceback), and the server keeps serving everybody else.

After each test the shared fixture also checks that the server is still running and
logged no unhandled error from Roundtable's own code."""
import json
import socket

import pytest
import requests
import websocket
from realclient import WAIT, Dropped, next_packet, raw_ask, raw_connect, raw_socket

pytestmark = pytest.mark.realserver


def assert_in_words(reply, phrase):
    assert isinstance(reply, dict) and reply.get("ok") is False, reply
    error = reply.get("error")
    assert isinstance(error, str) and error.strip(), reply
    assert "Traceback" not in error and "Exception" not in error, reply
    assert phrase.lower() in error.lower(), (phrase, error)


def participant_events(question):
    answer = {"activity_id": question, "action": "answer", "payload": {"text": "Fine"}}
    return [
        (("act", "an answer, please"), "send the details as an object"),
        (("act", [question, "answer"]), "send the details as an object"),
        (("act", {**answer, "activity_id": str(question)}), "say which activity"),
        (("act", {**answer, "activity_id": True}), "say which activity"),
        (("act", {**answer, "activity_id": 2 ** 70}), "not in this workshop"),
        (("act", {**answer, "action": ["answer"]}), "say which action"),
        (("act", {**answer, "action": "explode"}), "no action called"),
        (("act", {**answer, "payload": ["Fine"]}), "must be an object"),
        (("act", {**answer, "payload": {"text": 42}}), "please write some text"),
        (("act", {**answer, "payload": {"text": "\u0000\u0007 \ud800"}}),
         "please write something"),
        (("act", {**answer, "cid": 7}), "submission id"),
        (("act", {**answer, "cid": "c" * 65}), "submission id"),
        (("act", {"activity_id": question, "action": "hide", "payload": {"id": 1}}),
         "only the facilitator"),
        (("control", {"command": "next"}), "only the facilitator"),
        (("sync", [1, 2, 3]), "send the details as an object"),
        (("no-such-thing", {"x": 1}), "no event called"),
    ]


def test_garbage_from_a_phone_gets_errors_in_words(workshop):
    question = workshop.add_question()
    workshop.control("start")
    phone = workshop.screen("participant", workshop.join())
    for (event, data), phrase in participant_events(question):
        assert_in_words(phone.ask(event, data), phrase)
    # Nothing of it was stored, and the phone still takes part normally.
    assert phone.answer(question, "Real answer")["ok"] is True
    assert [row["text"] for row in workshop.results()[0]["rows"]] == ["Real answer"]


def test_garbage_commands_from_the_console_get_errors_in_words(workshop):
    workshop.add_question()
    console = workshop.screen("facilitator")
    commands = [
        ({"command": 5}, "say which command"),
        ({"command": "self_destruct"}, "no command called"),
        ({"command": "goto", "args": {"position": "first"}}, "choose a step"),
        ({"command": "timer", "args": {"seconds": -5}}, "the timer takes"),
        ({"command": "add_activity", "args": {"type": ["question"]}}, "activity types"),
        ({"command": "add_activity", "args": {"type": "question", "config": "Why?"}},
         "settings must be an object"),
        ({"command": "add_activity",
          "args": {"type": "question", "config": {"prompt": "Why?", "colour": "red"}}},
         "unknown setting"),
        ({"command": "rename", "args": {"title": {"en": "x"}}}, "give the workshop a title"),
    ]
    for data, phrase in commands:
        assert_in_words(console.ask("control", data), phrase)
    assert console.ask("control", {"command": "start"})["ok"] is True


def test_garbage_connection_details_are_refused_in_words(server, workshop):
    attempts = [
        ("not an object", None, "no workshop with that code"),
        ({"code": ["ABCDEF"], "role": "presenter"}, None, "no workshop with that code"),
        ({"code": "ZZZZZZ", "role": "presenter"}, None, "no workshop with that code"),
        ({"code": workshop.code, "role": "admin"}, None, "participant, presenter or"),
        ({"code": workshop.code, "role": "facilitator", "key": "guess"}, None,
         "only the facilitator"),
        ({"code": workshop.code, "role": "participant"},
         f"rt_p_{workshop.code}=forged-token", "join the workshop first"),
    ]
    for auth, cookie, phrase in attempts:
        ws = raw_socket(server, cookie=cookie)
        try:
            ws.send("40" + json.dumps(auth))
            packet = next_packet(ws, lambda p: p.startswith("4"))
        finally:
            ws.close()
        assert packet.startswith("44"), (auth, packet)
        message = json.loads(packet[2:])["message"]
        assert phrase.lower() in message.lower(), (auth, message)


CONNECTION_ENDING = [
    ("an empty message", lambda ws: ws.send("")),
    ("text that is not UTF-8", lambda ws: ws.send_frame(
        websocket.ABNF.create_frame(b'42["\xff\xfe"]', websocket.ABNF.OPCODE_TEXT))),
]


@pytest.mark.parametrize("garbage", CONNECTION_ENDING, ids=[g[0] for g in CONNECTION_ENDING])
def test_protocol_garbage_ends_only_its_own_connection(server, workshop, garbage):
    _label, send = garbage
    question = workshop.add_question()
    workshop.control("start")
    bystander = workshop.screen("participant", workshop.join())
    ws = raw_socket(server)
    try:
        assert raw_connect(ws, {"code": workshop.code, "role": "presenter"}).startswith("40")
        send(ws)
        with pytest.raises((Dropped, websocket.WebSocketException, OSError)):
            raw_ask(ws, 1, "sync")
    finally:
        ws.close()
    assert bystander.answer(question, "Unaffected")["ok"] is True


def test_junk_instead_of_http_gets_a_400_and_the_server_carries_on(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=WAIT) as junk:
        junk.sendall(b"\x16\x03\x01\x02\x00 not http at all\r\n\r\n")
        first = junk.recv(200)
    assert b"400" in first
    assert requests.get(f"{server.url}/api/types", timeout=WAIT).status_code == 200


def api_garbage(code):
    workshop = f"/api/workshops/{code}"
    json_type = {"Content-Type": "application/json"}
    return [
        ("post", "/api/workshops", {"data": "{not json", "headers": json_type}, 400,
         "send a json object"),
        ("post", "/api/workshops", {"data": b"\xff\xfe\x00", "headers": json_type}, 400,
         "send a json object"),
        ("post", "/api/workshops", {"json": [1, 2]}, 400, "send a json object"),
        ("post", "/api/workshops", {"data": "title=Form"}, 400, "send a json object"),
        ("post", "/api/workshops", {"json": {"title": 5}}, 400, "give the workshop a title"),
        ("post", "/api/workshops", {"json": {"title": "T" * 500}}, 400, "keep the title"),
        ("post", "/api/workshops", {"json": {"title": "T", "organisations": {"a": 1}}}, 400,
         "list of names"),
        ("post", "/api/workshops", {"json": {"title": "x" * 70000}}, 413, ""),
        ("post", f"{workshop}/activities", {"json": {"type": ["question"]}}, 400,
         "activity types"),
        ("post", f"{workshop}/activities", {"json": {"type": {"question": 1}}}, 400,
         "activity types"),
        ("post", f"{workshop}/activities", {"json": {"type": "question", "config": [1]}}, 400,
         "settings must be an object"),
        ("post", f"{workshop}/activities",
         {"json": {"type": "question", "config": {"prompt": "P", "max_answers": "lots"}}},
         400, "whole number"),
        ("post", f"{workshop}/activities",
         {"data": '{"type": "question", "config": {"prompt": "P", "max_answers": NaN}}',
          "headers": json_type}, 400, ""),
        ("post", f"{workshop}/control", {"json": {"command": ["next"]}}, 400,
         "say which command"),
        ("post", f"{workshop}/control", {"json": {"command": "goto", "position": "x"}}, 400,
         "choose a step"),
        ("post", f"{workshop}/control", {"json": {"command": "timer", "seconds": 1e300}},
         400, "the timer takes"),
        ("post", f"{workshop}/activities/999/move", {"json": {"position": "top"}}, 400, ""),
        ("patch", f"{workshop}/activities/999", {"json": {}}, 400, "not in this workshop"),
        ("delete", f"{workshop}/activities/999", {}, 400, "not in this workshop"),
        ("get", "/api/workshops/NOPE22", {}, 404, "no workshop with that code"),
        ("get", "/api/workshops/%00%ff", {}, 404, "no workshop with that code"),
        ("delete", "/api/workshops", {}, 405, ""),
        ("get", "/api/no/such/thing", {}, 404, ""),
    ]


def test_garbage_api_requests_get_errors_in_words(workshop):
    workshop.add_question()
    for method, path, options, status, phrase in api_garbage(workshop.code):
        response = workshop.api(method, path, **options)
        assert response.status_code == status, (method, path, response.status_code,
                                                response.text[:300])
        assert response.headers["Content-Type"].startswith("application/json"), \
            (method, path, response.text[:300])
        assert "Traceback" not in response.text
        assert_in_words(response.json(), phrase)


def test_the_api_asks_for_the_key_in_words(workshop):
    for headers in ({}, {"Authorization": "Bearer not-the-key"},
                    {"Authorization": "Basic " + "x" * 200}, {"Authorization": "Bearer"}):
        response = requests.get(f"{workshop.url}/api/workshops/{workshop.code}",
                                headers=headers, timeout=WAIT)
        assert response.status_code == 401, headers
        assert_in_words(response.json(), "facilitator key")
        assert "results" not in response.json()
