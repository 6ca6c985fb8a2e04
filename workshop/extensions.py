"""Extensions, created unbound; create_app binds them. And the one way a view or a
handler reaches the app's services: engine(), limits(), alerts(), broadcaster()."""
import json

from flask import current_app
from flask_socketio import SocketIO
from socketio.packet import Packet

from .gate import Json

socketio = SocketIO()


def engine():
    """The running app's Engine (workshop/engine.py)."""
    return current_app.extensions["roundtable"]


def limits():
    """The running app's Limits (workshop/limits.py)."""
    return current_app.extensions["roundtable_limits"]


def alerts():
    """The running app's Alerts (workshop/alerts.py)."""
    return current_app.extensions["roundtable_alerts"]


def broadcaster():
    """The running app's Broadcaster (workshop/broadcast.py)."""
    return current_app.extensions["roundtable_broadcaster"]


class Encoded(str):
    """A message already encoded as JSON: a view encoded once for every screen it goes to
    (broadcast.py). Emitted as an event's argument, it goes into the packet as it is."""


class _Json(Json):
    """gate.Json, except that an Encoded argument is not encoded again."""

    @staticmethod
    def dumps(data, **options):
        if isinstance(data, list) and any(isinstance(item, Encoded) for item in data):
            return "[" + ",".join(item if isinstance(item, Encoded) else
                                  json.dumps(item, **options) for item in data) + "]"
        return json.dumps(data, **options)


class TextPacket(Packet):
    """Socket.IO packets without binary attachments. Roundtable sends only JSON, so
    python-socketio's search of every outgoing message for bytes (a third of the time
    the broadcaster spent with fifty busy workshops) is skipped. Clients' packets are
    read as before, except that an integer too long to read is marked rather than failing
    the whole packet (see gate.py). Arguments already Encoded are sent as they are."""

    uses_binary_events = False
    json = _Json
