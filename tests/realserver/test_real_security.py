"""What a security reviewer checks on the running server: the live connection accepts only
the server's own pages, oversized messages are refused, and pages carry strict headers."""
import json

import pytest
import requests
import websocket
from realclient import WAIT, Dropped, raw_ack, raw_ask, raw_connect, raw_socket

pytestmark = pytest.mark.realserver

MAX_MESSAGE_BYTES = 64 * 1024  # the server's default limit for one Socket.IO message


def participant_auth(workshop):
    return {"code": workshop.code, "role": "participant"}


# --------------------------------------------------------------------- cross-site hijacking
def foreign_origins(server):
    return [
        "http://evil.example",
        "null",  # sandboxed frames and file: pages
        f"{server.url}.evil.example",  # the own origin as a prefix of another host
        f"http://127.0.0.1:{server.port + 1 if server.port < 65535 else 1}",  # other port
        f"https://127.0.0.1:{server.port}",  # other scheme
    ]


def test_a_websocket_from_another_site_is_refused_in_words_even_with_the_cookie(
        server, workshop):
    """The page is told why (a refused handshake would give it nothing to read), and is
    refused before its cookie is looked at: it never joins the workshop."""
    question = workshop.add_question()
    workshop.control("start")
    person = workshop.join()
    for origin in foreign_origins(server):
        ws = raw_socket(server, origin=origin, cookie=person.cookie)
        try:
            refused = raw_connect(ws, participant_auth(workshop))
            assert refused.startswith("44"), (origin, refused)
            message = json.loads(refused[2:])["message"]
            assert message.startswith("This server does not accept connections from pages at "
                                      f"{origin}."), message
            assert "ALLOWED_ORIGINS" in message
            # Not part of the workshop: an answer sent anyway is not taken.
            ws.send("421" + json.dumps(["act", {"activity_id": question, "action": "answer",
                                                "payload": {"text": "From elsewhere"}}]))
        finally:
            ws.close()
    assert "From elsewhere" not in json.dumps(workshop.results())


def test_a_foreign_page_cannot_upgrade_an_existing_session(server, workshop):
    person = workshop.join()
    handshake = requests.get(f"{server.url}/socket.io/?EIO=4&transport=polling",
                             headers={"Cookie": person.cookie}, timeout=WAIT)
    sid = json.loads(handshake.text[1:])["sid"]
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(f"{server.ws_url}&sid={sid}", timeout=WAIT,
                                    origin="http://evil.example", cookie=person.cookie)
    assert refused.value.status_code == 400


def test_a_websocket_from_the_servers_own_pages_is_accepted(server, workshop):
    question = workshop.add_question()
    workshop.control("start")
    person = workshop.join()
    ws = raw_socket(server, origin=server.url, cookie=person.cookie)
    try:
        assert raw_connect(ws, participant_auth(workshop)).startswith("40{")
        reply = raw_ask(ws, 1, "act", {"activity_id": question, "action": "answer",
                                       "payload": {"text": "Own origin works"}})
        assert reply["ok"] is True, reply
    finally:
        ws.close()


def test_the_cookie_is_what_lets_a_participant_in(server, workshop):
    """The accepted case above is not open to everybody: without the cookie, refused."""
    ws = raw_socket(server, origin=server.url)
    try:
        refused = raw_connect(ws, participant_auth(workshop))
        assert refused.startswith("44"), refused
        assert "Join the workshop first" in refused
    finally:
        ws.close()


def test_long_polling_from_another_site_is_refused(server, workshop):
    person = workshop.join()
    handshake = f"{server.url}/socket.io/?EIO=4&transport=polling"
    evil = {"Origin": "http://evil.example", "Cookie": person.cookie}
    refused = requests.get(handshake, headers=evil, timeout=WAIT)
    assert refused.status_code == 400
    assert "Not an accepted origin" in refused.text
    assert "Access-Control-Allow-Origin" not in refused.headers

    own = {"Origin": server.url, "Cookie": person.cookie}
    opened = requests.get(handshake, headers=own, timeout=WAIT)
    assert opened.status_code == 200, opened.text
    assert opened.headers.get("Access-Control-Allow-Origin") == server.url
    sid = json.loads(opened.text[1:])["sid"]

    # A session the real page opened cannot be driven from another site either.
    connect = "40" + json.dumps(participant_auth(workshop))
    hijack = requests.post(f"{handshake}&sid={sid}", data=connect, headers=evil, timeout=WAIT)
    assert hijack.status_code == 400
    assert "Not an accepted origin" in hijack.text


# --------------------------------------------------------------------- message size
def big_answer(question, size):
    """An `act` message of about `size` bytes (the answer text makes up the bulk)."""
    envelope = {"activity_id": question, "action": "answer", "payload": {"text": ""}}
    overhead = len(json.dumps(["act", envelope])) + len("421")
    envelope["payload"]["text"] = "x" * (size - overhead)
    return envelope


@pytest.mark.parametrize("fragmented", [False, True], ids=["one-frame", "fragmented"])
def test_a_message_over_the_size_limit_is_refused_and_others_carry_on(workshop, fragmented):
    question = workshop.add_question()
    workshop.control("start")
    bystander = workshop.screen("participant", workshop.join())
    presenter = workshop.screen("presenter")
    sender = raw_socket(workshop.server, cookie=workshop.join().cookie)
    assert raw_connect(sender, participant_auth(workshop)).startswith("40{")

    # Just under the limit: read and answered, in words (too long for an answer).
    under = raw_ask(sender, 1, "act", big_answer(question, MAX_MESSAGE_BYTES - 512))
    assert under["ok"] is False
    assert "characters" in under["error"], under

    # Over the limit: the server drops the connection instead of reading it.
    message = "422" + json.dumps(["act", big_answer(question, MAX_MESSAGE_BYTES + 1024)])
    assert len(message) > MAX_MESSAGE_BYTES
    try:
        if fragmented:
            send_in_pieces(sender, message, 8192)
        else:
            sender.send(message)
        answered = raw_ack(sender, 2)
    except (Dropped, OSError, websocket.WebSocketException):
        pass  # the server closed the connection: refused
    else:
        pytest.fail(f"the server read an oversized message and answered: {answered}")
    finally:
        sender.close()

    # Everybody else carries on: the bystander's answer is stored and shown.
    reply = bystander.answer(question, "Still here")
    assert reply["ok"] is True, reply
    presenter.next_event("view", lambda v: [a["text"] for a in
                                            v["activity"]["view"].get("answers", [])]
                         == ["Still here"])
    assert [row["text"] for row in workshop.results()[0]["rows"]] == ["Still here"]


def send_in_pieces(ws, message, size):
    """One WebSocket message as several frames, none of them over the limit alone."""
    pieces = [message[i:i + size] for i in range(0, len(message), size)]
    ws.send_frame(websocket.ABNF.create_frame(pieces[0], websocket.ABNF.OPCODE_TEXT, fin=0))
    for number, piece in enumerate(pieces[1:], start=2):
        ws.send_frame(websocket.ABNF.create_frame(piece, websocket.ABNF.OPCODE_CONT,
                                                  fin=int(number == len(pieces))))


# --------------------------------------------------------------------- headers
def page_responses(server, workshop):
    question_free = requests.get(f"{server.url}/", timeout=WAIT)
    join_page = requests.get(f"{server.url}/j/{workshop.code}", timeout=WAIT)
    person = workshop.join()
    participant_page = person.session.get(f"{server.url}/j/{workshop.code}", timeout=WAIT)
    console = requests.Session()
    console_page = console.get(f"{server.url}/f/{workshop.code}/{workshop.key}", timeout=WAIT)
    return {
        "home": (question_free, 200),
        "join": (join_page, 200),
        "participant": (participant_page, 200),
        "presenter": (requests.get(f"{server.url}/s/{workshop.code}", timeout=WAIT), 200),
        "console": (console_page, 200),
        "qr": (requests.get(f"{server.url}/qr/{workshop.code}.svg", timeout=WAIT), 200),
        "joined (redirect)": (person.join_response, 303),
        "not found": (requests.get(f"{server.url}/j/ZZZZZZ", timeout=WAIT), 404),
        "api": (requests.get(f"{server.url}/api/types", timeout=WAIT), 200),
        "api refused": (requests.get(f"{server.url}/api/workshops/{workshop.code}",
                                     timeout=WAIT), 401),
    }


def test_every_page_carries_the_security_headers(server, workshop):
    for name, (response, status) in page_responses(server, workshop).items():
        assert response.status_code == status, (name, response.status_code)
        headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        directives = {d.strip().split()[0]: d.strip().split()[1:]
                      for d in csp.split(";") if d.strip()}
        assert directives.get("frame-ancestors") == ["'none'"], (name, csp)
        assert directives.get("default-src") == ["'self'"], (name, csp)
        assert directives.get("script-src") == ["'self'"], (name, csp)  # no inline script
        assert directives.get("object-src") == ["'none'"], (name, csp)
        assert directives.get("base-uri") == ["'none'"], (name, csp)
        assert headers.get("Referrer-Policy") == "no-referrer", name
        assert headers.get("X-Content-Type-Options") == "nosniff", name
        assert headers.get("X-Frame-Options") == "DENY", name


def test_the_console_link_and_join_set_cookies_scripts_cannot_read(server, workshop):
    joined = workshop.join().join_response
    console = requests.get(f"{server.url}/f/{workshop.code}/{workshop.key}",
                           allow_redirects=False, timeout=WAIT)
    assert console.status_code == 303
    for response in (joined, console):
        cookie = response.headers["Set-Cookie"]
        attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
        assert {"httponly", "path"} <= attributes, cookie
        assert "SameSite=Lax" in cookie, cookie
    # The facilitator key travels in the cookie, not in the address the console shows.
    assert console.headers["Location"] == f"/f/{workshop.code}"
