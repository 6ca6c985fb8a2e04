"""What a client's Socket.IO packets must be before python-socketio dispatches them.

python-socketio 5.18.1 leaves some packets unanswered or half-handled, and logs a
traceback for each one it cannot read: an integer of more than 100 digits (its JSON
reader refuses it, so the sender waits for an answer for ever), an event named `*` or
after one of its reserved names, an event name that is not text, a `41` (leave the
namespace: the connection then stays open with nothing on it), a `45` or `46` (binary
packets that wait for attachments). Roundtable sends and takes JSON only, on one
namespace, so this gate, put in front of python-socketio's message handler, lets through
only what it can answer:

- an event whose name is text and not reserved, with no number too large to read: passed
  on (its handler answers);
- an event with an acknowledgement id that cannot be passed on: answered here, in words;
- a binary event: answered here in words ("send text"), and its attachments dropped;
- a connect or an acknowledgement: passed on; a disconnect: passed on, and the
  connection closed;
- anything else (unreadable JSON, a packet type Roundtable does not take, a binary frame
  nobody announced): the connection is closed, with one line in the log and no traceback,
  so a client sending garbage costs one line, however much it sends.

It relies on python-socketio's `_handle_eio_message` (the message handler, which its
Flask-SocketIO test client also calls), `_send_packet` and `packet_class`; check them when
upgrading python-socketio.
"""
import json
import logging
from collections import OrderedDict

from flask_babel import gettext as _
from socketio import packet

log = logging.getLogger(__name__)

MAX_DIGITS = 100  # what python-engineio's own JSON reader takes
CLOSED_KEPT = 10_000  # closed sessions remembered, the oldest forgotten first
RESERVED = {"*", "connect", "connect_error", "disconnect", "__disconnect_final"}

TOO_LARGE = ("A number in that message has more than 100 digits, which Roundtable cannot "
             "read. Nothing was changed.")
NO_BINARY = "Roundtable takes text only, not binary data. Nothing was changed."
NO_NAME = "Say which event this is: its name must be text."


class HugeNumber:
    """Stands, in a packet read by `loads`, for an integer too long to read safely."""


def _read_int(digits):
    return HugeNumber() if len(digits) > MAX_DIGITS else int(digits)


class Json:
    """The JSON module Roundtable's packets use: as python-engineio's, but an integer of
    more than 100 digits is read as a HugeNumber instead of failing the whole packet, so
    that the sender can be answered in words."""

    dumps = staticmethod(json.dumps)

    @staticmethod
    def loads(text, **kwargs):
        return json.loads(text, parse_int=_read_int, **kwargs)


def holds_huge_number(value, depth=0):
    if isinstance(value, HugeNumber):
        return True
    if depth > 64:  # deeper than anything is stored; the handlers refuse it in words
        return False
    if isinstance(value, list):
        return any(holds_huge_number(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return any(holds_huge_number(item, depth + 1) for item in value.values())
    return False


class Gate:
    def __init__(self, sio):
        self.sio = sio
        self.passed_on = sio._handle_eio_message
        self.skipping = {}  # Engine.IO session id -> binary attachments still to drop
        # Sessions closed here: what they had sent before the close took effect is
        # dropped without another line in the log. Session ids are never reused.
        self.closed = OrderedDict()

    def __call__(self, eio_sid, data):
        if eio_sid in self.closed:
            return None
        if isinstance(data, bytes):
            return self._binary(eio_sid, data)
        try:
            pkt = self.sio.packet_class(encoded_packet=data)
        except (ValueError, TypeError, IndexError, RecursionError):
            return self._close(eio_sid, "a packet that is not Socket.IO JSON")
        kind = pkt.packet_type
        if kind in (packet.BINARY_EVENT, packet.BINARY_ACK):
            if not pkt.attachment_count or not isinstance(pkt.data, list):
                return self._close(eio_sid, "a binary packet without attachments")
            self.skipping[eio_sid] = pkt.attachment_count
            if kind == packet.BINARY_EVENT:
                self._answer(eio_sid, pkt, NO_BINARY)
            return None
        if kind == packet.EVENT:
            return self._event(eio_sid, pkt, data)
        if kind in (packet.CONNECT, packet.ACK):
            return self.passed_on(eio_sid, data)
        if kind == packet.DISCONNECT:  # leaving the one namespace is leaving: close
            self.passed_on(eio_sid, data)
            return self.sio.eio.disconnect(eio_sid)
        return self._close(eio_sid, f"a packet of type {kind!r}, which clients do not send")

    def _event(self, eio_sid, pkt, data):
        if not isinstance(pkt.data, list) or not pkt.data:
            return self._close(eio_sid, "an event with no name")
        name = pkt.data[0]
        if not isinstance(name, str):
            return self._answer(eio_sid, pkt, NO_NAME)
        if holds_huge_number(pkt.data):
            return self._answer(eio_sid, pkt, TOO_LARGE)
        if name in RESERVED:
            return self._answer(eio_sid, pkt, no_such_event(name)["error"])
        return self.passed_on(eio_sid, data)

    def _binary(self, eio_sid, data):
        left = self.skipping.get(eio_sid, 0)
        if not left:
            return self._close(eio_sid, "binary data nobody announced")
        if left == 1:
            del self.skipping[eio_sid]
        else:
            self.skipping[eio_sid] = left - 1
        return None

    def _answer(self, eio_sid, pkt, error):
        if pkt.id is not None:
            self.sio._send_packet(eio_sid, self.sio.packet_class(
                packet.ACK, namespace=pkt.namespace, id=pkt.id,
                data=[{"ok": False, "error": error}]))

    def _close(self, eio_sid, what):
        log.warning("closed a live connection that sent %s", what)
        self.forget(eio_sid)
        self.closed[eio_sid] = True
        if len(self.closed) > CLOSED_KEPT:
            self.closed.popitem(last=False)
        self.sio.eio.disconnect(eio_sid)

    def forget(self, eio_sid, *_reason):
        self.skipping.pop(eio_sid, None)


def no_such_event(event):
    """The refusal of an event nobody handles: in the sender's language where it is known
    (live.py answers it in the connection's request context); the gate's own answers,
    given before there is one, are in English."""
    return {"ok": False, "error": _("Roundtable has no event called '%(event)s'.",
                                    event=str(event)[:40])}


def install(sio):
    """Put the gate in front of `sio`'s (a socketio.Server) message handler."""
    gate = Gate(sio)
    sio._handle_eio_message = gate  # what the Flask-SocketIO test client calls
    sio.eio.on("message", gate)
    forget_session = sio._handle_eio_disconnect

    def disconnected(eio_sid, *reason):
        gate.forget(eio_sid)
        return forget_session(eio_sid, *reason)

    sio.eio.on("disconnect", disconnected)
    return gate
