"""How the server writes to phones: one text per view for everyone, no compression agreed
under either runtime, every message whole."""
import json

import pytest
import websocket
from realclient import WAIT, Workshop, next_packet, raw_ask, raw_connect

pytestmark = pytest.mark.realserver

# What Chromium offers on every WebSocket it opens.
BROWSER_OFFER = "permessage-deflate; client_max_window_bits"


def test_a_phone_offering_compression_reads_every_view_in_plain_text(fresh_server):
    """Declined under gevent and eventlet alike: otherwise each phone's connection keeps
    its own compressor (about 250 KB) and every view is compressed again for every phone.
    Before, eventlet's own WebSocket agreed to it (296 KB a phone at 2,000 phones)."""
    workshop = Workshop(fresh_server)
    question = workshop.add_question()
    workshop.control("start")
    ws = websocket.create_connection(fresh_server.ws_url, timeout=WAIT,
                                     origin=fresh_server.url, cookie=workshop.join().cookie,
                                     header=[f"Sec-WebSocket-Extensions: {BROWSER_OFFER}"])
    try:
        assert ws.getstatus() == 101
        assert ws.getheaders().get("sec-websocket-extensions") is None
        assert ws.recv().startswith("0{")
        assert raw_connect(ws, {"code": workshop.code, "role": "participant"}).startswith("40{")
        text = "Welsh and right to left: Croeso · مرحبا " + "x" * 200
        reply = raw_ask(ws, 1, "act", {"activity_id": question, "action": "answer",
                                       "payload": {"text": text}})
        assert reply["ok"] is True, reply
        view = next_packet(ws, lambda p: p.startswith('42["view"'), timeout=WAIT)
        answers = json.loads(view[2:])[1]["activity"]["view"]["answers"]
        assert [a["text"] for a in answers] == [text]
    finally:
        ws.close()
        workshop.close()
