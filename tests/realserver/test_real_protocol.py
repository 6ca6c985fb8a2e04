"""Whatever a client sends over the live connection, it is answered in words, or its
connection is closed; the server logs one line for a connection it closes, never a
traceback, and the HTTP answers around the live connection are well formed.

After each test the shared fixture also checks that the server is still running and
logged no unhandled error from Roundtable's own code."""
import json
import re
import socket

import pytest
import requests
import websocket
from realclient import (WAIT, Dropped, Workshop, next_packet, raw_ask, raw_connect,
                        raw_socket)

pytestmark = pytest.mark.realserver

HUGE = "9" * 120  # python-engineio's JSON reader takes at most 100 digits
TOO_LARGE = "more than 100 digits"


def presenter_socket(server, workshop):
    ws = raw_socket(server)
    assert raw_connect(ws, {"code": workshop.code, "role": "presenter"}).startswith("40")
    return ws


def answer_to(ws, ack_id, packet):
    ws.send(packet)
    reply = next_packet(ws, lambda p: p.startswith(f"43{ack_id}["))
    return json.loads(reply[len(f"43{ack_id}"):])[0]


def refused_in_words(reply, phrase):
    assert isinstance(reply, dict) and reply.get("ok") is False, reply
    assert phrase.lower() in reply["error"].lower(), reply


# ---------------------------------------------------------------------- every event answered
def test_numbers_too_large_to_read_are_refused_in_words(workshop):
    question = workshop.add_question()
    workshop.control("start")
    person = workshop.join()
    ws = raw_socket(workshop.server, cookie=person.cookie)
    try:
        assert raw_connect(ws, {"code": workshop.code,
                                "role": "participant"}).startswith("40{")
        events = [
            f'["act", {{"activity_id": {HUGE}, "action": "answer", "payload": {{}}}}]',
            f'["act", {{"activity_id": {question}, "action": "answer", '
            f'"payload": {{"text": "Fine", "extra": -{HUGE}}}}}]',
            f'["act", {{"activity_id": {question}, "action": "answer", '
            f'"payload": {{"text": "Fine"}}, "cid": {HUGE}}}]',
            f'["sync", [{HUGE}]]',
            f'["no-such-event", {HUGE}]',
        ]
        for number, event in enumerate(events, start=1):
            refused_in_words(answer_to(ws, number, f"42{number}{event}"), TOO_LARGE)
        # The connection carries on, and nothing of the refused ones was stored.
        reply = raw_ask(ws, 99, "act", {"activity_id": question, "action": "answer",
                                        "payload": {"text": "Real answer"}})
        assert reply["ok"] is True, reply
    finally:
        ws.close()
    assert [row["text"] for row in workshop.results()[0]["rows"]] == ["Real answer"]


@pytest.mark.parametrize("event, phrase", [
    ('["*"]', "no event called '*'"),
    ('["*", {"x": 1}]', "no event called '*'"),
    ('["connect_error", {}]', "no event called 'connect_error'"),
    ('["__disconnect_final"]', "no event called '__disconnect_final'"),
    ('["connect", {"code": "NOPE22"}]', "no event called 'connect'"),
    ('[5, {}]', "its name must be text"),
    ('[["act"], {}]', "its name must be text"),
    ('[{"act": 1}]', "its name must be text"),
    ('[null]', "its name must be text"),
])
def test_events_the_library_would_leave_unanswered_get_an_object_in_words(
        server, workshop, event, phrase):
    ws = presenter_socket(server, workshop)
    try:
        refused_in_words(answer_to(ws, 7, f"427{event}"), phrase)
        assert raw_ask(ws, 8, "sync")["ok"] is True  # the connection carries on
    finally:
        ws.close()


def test_binary_data_in_a_payload_is_refused_in_words_before_it_is_stored(workshop):
    question = workshop.add_question()
    workshop.control("start")
    person = workshop.join()
    ws = raw_socket(workshop.server, cookie=person.cookie)
    try:
        assert raw_connect(ws, {"code": workshop.code,
                                "role": "participant"}).startswith("40{")
        envelope = {"activity_id": question, "action": "answer",
                    "payload": {"text": {"_placeholder": True, "num": 0}}}
        ws.send("451-3" + json.dumps(["act", envelope]))
        ws.send_binary(b"\x00binary answer\xff")
        reply = json.loads(next_packet(ws, lambda p: p.startswith("433["))[3:])[0]
        refused_in_words(reply, "text only, not binary")
        # The attachment was dropped, not read as the next message.
        assert raw_ask(ws, 4, "act", {"activity_id": question, "action": "answer",
                                      "payload": {"text": "Typed"}})["ok"] is True
    finally:
        ws.close()
    assert [row["text"] for row in workshop.results()[0]["rows"]] == ["Typed"]


# ---------------------------------------------------------------------- malformed: closed
CLOSING = [
    ("41", "leaving the namespace"),
    ("45", "a binary event that announces no attachment"),
    ("46", "a binary acknowledgement that announces no attachment"),
    ("42[", "cut-off JSON"),
    ('423["act"', "an unterminated event"),
    ("42garbage", "not JSON"),
    ("4", "a Socket.IO packet with no type"),
    ('42["sync", ' + "[" * 5000 + "]" * 5000 + "]", "nesting deeper than JSON is read"),
    ("x", "a frame that is not Engine.IO"),
]


@pytest.mark.parametrize("packet", [c[0] for c in CLOSING], ids=[c[1] for c in CLOSING])
def test_a_malformed_packet_closes_its_connection_only(server, workshop, packet):
    question = workshop.add_question()
    workshop.control("start")
    bystander = workshop.screen("participant", workshop.join())
    mark = server.log_size()
    ws = presenter_socket(server, workshop)
    try:
        ws.send(packet)
        with pytest.raises((Dropped, websocket.WebSocketException, OSError)):
            raw_ask(ws, 1, "sync")
    finally:
        ws.close()
    assert bystander.answer(question, "Unaffected")["ok"] is True
    assert "Traceback" not in server.log_since(mark)


def test_a_binary_frame_nobody_announced_closes_its_connection(server, workshop):
    ws = presenter_socket(server, workshop)
    try:
        ws.send_binary(b"\x00\xff\xfe garbage")
        with pytest.raises((Dropped, websocket.WebSocketException, OSError)):
            raw_ask(ws, 1, "sync")
    finally:
        ws.close()


def test_packets_that_are_read_and_ignored_leave_the_connection_working(server, workshop):
    ws = presenter_socket(server, workshop)
    try:
        for number, packet in enumerate(["4399[1]", '42/admin,["sync"]', "40/admin,{}",
                                         "9", "42[null]", "6",
                                         '4299999999999999999999999999["sync"]']):
            ws.send(packet)
            assert raw_ask(ws, 100 + number, "sync")["ok"] is True, packet
    finally:
        ws.close()


def test_a_flood_of_bad_frames_costs_one_log_line_per_connection(server, workshop):
    """Before: each unreadable 9-byte frame logged a 3.3 KB traceback, before any limit."""
    mark = server.log_size()
    for _connection in range(5):
        ws = presenter_socket(server, workshop)
        try:
            for _frame in range(200):
                ws.send('42["x", ' + HUGE[:3] + "[")
        except (websocket.WebSocketException, OSError):
            pass  # closed after the first one, as it should be
        finally:
            ws.close()
    requests.get(server.url + "/", timeout=WAIT)  # the server has read everything
    logged = [line for line in server.log_since(mark).splitlines() if line.strip()]
    assert "Traceback" not in "\n".join(logged)
    assert len(logged) <= 5, logged


NOT_ENGINEIO = "closed a live connection that sent a frame that is not Engine.IO"


def test_a_frame_that_is_not_engineio_costs_one_line_in_words_under_each_runtime(
        fresh_server):
    """Before, under eventlet: the connection ended with nothing said, and when its
    session ended eventlet wrote "server=... client=127.0.0.1:<port> socket shutdown
    error: [Errno 9] Bad file descriptor", with no line end, for each such connection."""
    workshop = Workshop(fresh_server)
    try:
        console = workshop.screen("facilitator")
        mark = fresh_server.log_size()
        frames = ["x", "", "not an Engine.IO packet"]
        for frame in frames:
            phone = raw_socket(fresh_server, cookie=workshop.join().cookie)
            try:
                assert raw_connect(phone, {"code": workshop.code, "role": "participant"}) \
                    .startswith("40")
                console.next_event("view", lambda view: view["workshop"]["connected"] == 1)
                phone.send(frame)
                with pytest.raises((Dropped, websocket.WebSocketException, OSError)):
                    raw_ask(phone, 1, "sync")
            finally:
                phone.close()
            # The server has let the phone go (its session is over) before the next; an
            # unanswered session ends after the ping interval and timeout (10 s).
            console.next_event("view", lambda view: view["workshop"]["connected"] == 0,
                               timeout=3 * WAIT)
        logged = [line for line in fresh_server.log_since(mark).splitlines() if line.strip()]
        assert logged == [f"WARNING:workshop.websocket:{NOT_ENGINEIO}"] * len(frames)
    finally:
        workshop.close()


# ---------------------------------------------------------------------- long-polling
def polling_session(server, workshop):
    base = f"{server.url}/socket.io/?EIO=4&transport=polling"
    opened = requests.get(base, timeout=WAIT)
    sid = json.loads(opened.text[1:])["sid"]
    url = f"{base}&sid={sid}"
    assert requests.post(url, data="40" + json.dumps({"code": workshop.code,
                                                      "role": "presenter"}),
                         timeout=WAIT).text == "OK"
    assert requests.get(url, timeout=WAIT).text.startswith("40{")
    return url


@pytest.mark.parametrize("body", ["9" * 10, "0", "2", "12345\x1e9"],
                         ids=["digits", "open", "ping", "a close then garbage"])
def test_a_polling_post_that_is_not_engineio_is_answered_and_ends_the_session(
        server, workshop, body):
    url = polling_session(server, workshop)
    refused = requests.post(url, data=body, timeout=WAIT)
    assert refused.status_code == 400
    assert "not a message of the live connection" in refused.text
    after = requests.post(url, data='421["sync"]', timeout=WAIT)
    assert after.status_code == 400, after.text
    assert "Reload the page" in after.text


def test_a_polling_post_over_the_limit_is_answered_and_the_next_is_not_a_500(
        server, workshop):
    url = polling_session(server, workshop)
    refused = requests.post(url, data="4" + "x" * 70_000, timeout=WAIT)
    assert refused.status_code == 413
    assert "larger than Roundtable takes" in refused.text
    after = requests.post(url, data='421["sync"]', timeout=WAIT)
    assert after.status_code == 400, after.text
    assert "has ended" in after.text


# ---------------------------------------------------------------------- plain HTTP
def raw_http(server, requests_bytes):
    """Send raw HTTP requests on one connection; return everything read back."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=WAIT) as sock:
        sock.sendall(requests_bytes)
        received = b""
        while received.count(b"HTTP/1.1 ") < 2 or not _complete(received):
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    return received


def _complete(received):
    """Both answers read whole: the second one's body is as long as it says."""
    second = received.rfind(b"HTTP/1.1 ")
    head, _, body = received[second:].partition(b"\r\n\r\n")
    length = re.search(rb"Content-Length: (\d+)", head, re.IGNORECASE)
    return bool(length) and len(body) >= int(length.group(1))


def test_head_then_get_on_one_connection_reads_as_two_answers(server):
    host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    received = raw_http(server, b"HEAD /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n" +
                        host + b"\r\nGET /api/types HTTP/1.1\r\n" + host + b"\r\n")
    first, _, rest = received.partition(b"\r\n\r\n")
    assert first.startswith(b"HTTP/1.1 405"), received[:300]
    # No body after HEAD's headers: the next bytes are the second answer's status line.
    assert rest.startswith(b"HTTP/1.1 200"), received[:600]
    body = rest.partition(b"\r\n\r\n")[2]
    assert json.loads(body)["ok"] is True


@pytest.mark.parametrize("method, path, status, phrase", [
    ("put", "/socket.io/?EIO=4&transport=polling", 405, "live connection refused"),
    ("get", "/socket.io/?EIO=3&transport=polling", 400, "live connection refused"),
    ("get", "/socket.io/?EIO=4&transport=polling&sid=nobody", 400, "live connection refused"),
    ("get", "/no/such/page", 404, "nothing at this address"),
    ("post", "/", 405, "does not take that kind of request"),
])
def test_refusals_around_the_live_connection_are_in_words(server, method, path, status,
                                                          phrase):
    response = requests.request(method, server.url + path, timeout=WAIT)
    assert response.status_code == status, response.text[:300]
    assert phrase in response.text.lower(), response.text[:300]


def test_the_qr_code_without_public_url_is_not_for_shared_caches(server, workshop):
    """Without PUBLIC_URL the QR code follows the Host header; a shared cache that kept
    it could hand a QR code pointing elsewhere to everybody."""
    response = requests.get(f"{server.url}/qr/{workshop.code}.svg", timeout=WAIT,
                            headers={"Host": "elsewhere.example"})
    assert response.status_code == 200
    assert "elsewhere.example" in response.text or "<svg" in response.text
    cache = response.headers["Cache-Control"]
    assert "private" in cache or "no-store" in cache, cache
    assert "public" not in cache, cache
    assert "host" in response.headers.get("Vary", "").lower(), response.headers
