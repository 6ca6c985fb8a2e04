"""Extensions, created unbound; create_app binds them."""
from flask_socketio import SocketIO
from socketio.packet import Packet

from .gate import Json

socketio = SocketIO()


class TextPacket(Packet):
    """Socket.IO packets without binary attachments. Roundtable sends only JSON, so
    python-socketio's search of every outgoing message for bytes (a third of the time
    the broadcaster spent with fifty busy workshops) is skipped. Clients' packets are
    read as before, except that an integer too long to read is marked rather than failing
    the whole packet (see gate.py)."""

    uses_binary_events = False
    json = Json
