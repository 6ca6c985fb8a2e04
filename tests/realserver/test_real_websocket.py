"""How the server writes to phones: one text per view for everyone, no compression agreed
under gevent (the default), every message whole."""
import json

import pytest
import websocket
from realclient import WAIT, next_packet, raw_ask, raw_connect

pytestmark = pytest.mark.realserver

# What Chromium offers on every WebSocket it opens.
BROWSER_OFFER = "permessage-deflate; client_max_window_bits"


def test_a_phone_offering_compression_reads_every_view_in_plain_text(server, workshop):
    question = workshop.add_question()
    workshop.control("start")
    ws = websocket.create_connection(server.ws_url, timeout=WAIT, origin=server.url,
                                     cookie=workshop.join().cookie,
                                     header=[f"Sec-WebSocket-Extensions: {BROWSER_OFFER}"])
    try:
        agreed = ws.getheaders().get("sec-websocket-extensions")
        if server.mode == "gevent":
            # Declined: otherwise each phone's connection keeps its own compressor (about
            # 250 KB) and every view is compressed again for every phone.
            assert agreed is None
        else:
            # eventlet's own WebSocket server agrees to it; its frames would be
            # compressed, which this client cannot read: stop here.
            assert agreed.startswith("permessage-deflate")
            return
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
