"""A WebSocket reader that one flooding connection cannot use to stall the server, and a
writer that costs each phone no more than the bytes it is sent.

Why this exists: under gevent without gevent-websocket (which is unmaintained, and not
installed), python-engineio 4.15.1 serves WebSockets through simple-websocket 1.1.0. Its
reading thread, a greenlet under gevent, reads whatever the socket holds in a loop that
never gives way while data keeps coming (a read from a socket with data waiting does not
switch greenlets), and keeps every message in an unbounded list until Engine.IO takes it.
One phone sending as fast as its connection takes messages therefore held the whole
process: page requests timed out, and the server's memory grew with the flood.

`install(server)` replaces, for one Socket.IO server, the WebSocket class Engine.IO
chose with a subclass of it whose simple-websocket `Server`:

- gives way to other greenlets (the runtime's own `sleep(0)`) after every chunk read;
- stops reading while `MAX_WAITING` messages wait unprocessed, until Engine.IO takes one,
  so a flooding client is throttled by TCP back-pressure, as under eventlet, where the
  server reads one message at a time;
- refuses a message over Engine.IO's `max_http_buffer_size` while reading it (closing
  the connection, as Engine.IO does after reading it), instead of holding it whole first;
- ends the connection on a message that is not an Engine.IO packet (empty, or not
  starting with a packet type), as Engine.IO does, but without an exception.

Under eventlet, whose server reads one message at a time by itself, only the last of
these is needed: `install` gives Engine.IO a subclass of eventlet's WebSocket class that
ends such a connection with one line in the log, keeps the client's address out of the
lines eventlet's WebSocket writes, and declines compression (below).

The Engine.IO side also takes a connection's next message only once that connection's
answers are written, so a client that floods and never reads its answers stops being
read as soon as its socket's send buffer is full, instead of having answers queued for it
without bound; and each write may take at most Engine.IO's ping interval plus timeout
(30 seconds): a client that reads nothing for that long is disconnected. Reads get no
timeout: exposing the socket to Engine.IO (which then sets the timeout for reads and
writes alike) made every phone's answers slower under load (bench/README.md, "Findings").

Writing: the connection declines permessage-deflate, which every browser offers and
simple-websocket accepts. With it, each connection kept its own compressor (about 250 KB
of zlib state, more than two phones' worth of everything else) and compressed every
message again for every phone: a view sent to 4,000 phones was compressed 4,000 times.
Without it, a message is written as one WebSocket frame whose header (2 to 10 bytes) is
built here; the text is the same for every screen of a room (broadcast.py encodes it
once), and it is written whole (`sendall`: simple-websocket's single `send` may write
part of a large message and drop the rest when the socket's buffer is full). The cost is
that large messages (a console's first snapshot) go uncompressed.

eventlet's own WebSocket agrees to permessage-deflate too, and then keeps a compressor
for each connection (`_deflate_enc`, zlib at a window of 15 bits) and compresses every
message again for each phone: at 2,000 phones the server held 296 KB a phone under
eventlet against 82 KB under gevent, and 86 KB once declined (bench/README.md). Its
subclass here answers eventlet's one question about the extension,
`_negotiate_permessage_deflate`, with "none agreed", so the handshake carries no
Sec-WebSocket-Extensions and eventlet frames every message plainly, as it does for a
client that offers nothing.

Nothing here patches a library or a runtime: these are subclasses, used only by this
app's server, and only where Engine.IO chose simple-websocket; giving way uses the
runtime's sleep as Engine.IO provides it. They rely on these internals of simple-websocket
1.1.0 and python-engineio 4.15.1 (both pinned in requirements.txt); `install` checks at
start that they are still there (`missing_internals`) and stops the server if not, rather
than run it without this protection:

- simple-websocket's reading loop calls `_handle_events` after each chunk it reads, and
  ends once `connected` is false; `receive` pops from `input_buffer`; `sock` is the socket;
  `handshake` reads the request's headers from `environ`; `send` writes one message;
- Engine.IO's chosen classes are in `Server._async`, and its WebSocket class is built as
  `cls(handler, server)`, keeps `server_args` and `app`, and is driven through `wait`,
  `send` and `close`, as in `engineio/async_drivers/_websocket_wsgi.py`;
- under eventlet (0.41.3), its WebSocketWSGI calls `self.handler(ws)` and agrees to an
  extension only through `_negotiate_permessage_deflate` (in `_handle_hybi_request`, the
  handshake of every browser), its WebSocket compresses only what that agreed, and it
  reads with `wait` and writes errors to `log` after `log_context`; `install` checks
  these under eventlet too (`missing_internals(eventlet=True)`), so a changed eventlet
  stops the server rather than compress for every phone again.
"""
import inspect
import logging
import socket
import struct
import threading

import simple_websocket
from engineio import packet
from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI

log = logging.getLogger(__name__)

# Messages read and not yet taken by Engine.IO before reading pauses. At most one more
# read (receive_bytes, 4 KiB by default) is held beyond them.
MAX_WAITING = 8


class BoundedServer(simple_websocket.Server):
    """simple_websocket.Server whose reader yields after each chunk and pauses while
    `max_waiting` messages wait to be taken."""

    def __init__(self, environ, *, sleep, max_waiting=MAX_WAITING, event_class=None,
                 **kwargs):
        # Set before simple-websocket's constructor starts the reading thread.
        self.max_waiting = max_waiting
        self._give_way = sleep
        self._taken = (event_class or threading.Event)()
        super().__init__(environ, event_class=event_class, **kwargs)

    def handshake(self):
        """Accept the WebSocket as simple-websocket does, without the client's offer of
        compression (so none is agreed)."""
        self.environ = {name: value for name, value in self.environ.items()
                        if name != "HTTP_SEC_WEBSOCKET_EXTENSIONS"}
        super().handshake()

    def send(self, data):
        if not self.connected:
            raise simple_websocket.ConnectionClosed(self.close_reason, self.close_message)
        self.sock.sendall(frame(data))

    def receive(self, timeout=None):
        try:
            return super().receive(timeout)
        finally:
            self._taken.set()

    def close(self, reason=None, message=None):
        try:
            super().close(reason, message)
        finally:
            self._taken.set()

    def abort(self):
        """End the connection without a closing handshake: the peer is not reading."""
        self.connected = False
        self._taken.set()
        self.event.set()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _handle_events(self):
        keep_going = super()._handle_events()
        if not (self.connected and keep_going):  # the handshake, or the end
            return keep_going
        self._give_way(0)
        while self.connected and len(self.input_buffer) >= self.max_waiting:
            self._taken.clear()
            if len(self.input_buffer) < self.max_waiting:  # taken meanwhile
                break
            self._taken.wait()
        return self.connected  # closed meanwhile: the reading loop ends


def frame(message):
    """A whole message as one final, unmasked WebSocket frame (RFC 6455, 5.2): text for a
    str, binary for bytes."""
    if isinstance(message, str):
        opcode, payload = 0x81, message.encode()
    else:
        opcode, payload = 0x82, bytes(message)
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", opcode, size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", opcode, 126, size)
    else:
        head = struct.pack("!BBQ", opcode, 127, size)
    return head + payload


class _Bounded:
    """Mixed into the WebSocket class Engine.IO chose (a SimpleWebSocketWSGI)."""

    def __init__(self, handler, server):
        super().__init__(handler, server)
        self.server = server
        self._written = server.create_event()
        self._written.set()

    def __call__(self, environ, start_response):
        self.ws = BoundedServer(environ, sleep=self.server.sleep,
                                max_message_size=self.server.max_http_buffer_size,
                                **self.server_args)
        result = self.app(self)
        if self.ws.mode == "gunicorn":
            raise StopIteration()
        if self.ws.mode == "werkzeug":
            raise ConnectionError()
        return result

    def wait(self):
        # The connection's next message waits until its answers so far are written.
        while self.ws.connected and not self._written.is_set():
            self._written.wait()
        return _only_engineio(super().wait())

    def send(self, message):
        self._written.clear()
        sock = self.ws.sock
        sock.settimeout(self.server.ping_interval + self.server.ping_timeout)
        try:
            return super().send(message)
        except OSError:
            self.ws.abort()  # timed out or reset: a closing handshake would hang too
            raise
        finally:
            sock.settimeout(None)
            self._written.set()

    def close(self):
        try:
            super().close()
        except OSError:
            self.ws.abort()


class _CheckedFrames:
    """Mixed into the WebSocket class Engine.IO chose under eventlet (eventlet's own,
    which reads one message at a time and needs no bound): each socket it hands Engine.IO
    is `_checked` first."""

    def __init__(self, handler, server):
        super().__init__(handler, server)
        self.handler = lambda ws: handler(_checked(ws))

    def _negotiate_permessage_deflate(self, extensions):
        """No compression agreed, whatever the client offers: a compressor per phone costs
        more than the bytes it saves (see the module docstring)."""
        return None


def _checked(ws):
    """eventlet's WebSocket `ws`, made to end the connection on a frame that is not
    Engine.IO with one line in the log, and to write its own lines without the client's
    address. Left as it is, Engine.IO raises while reading such a frame (the server's
    error log is off, so the connection ended with nothing said), and when the session
    ended eventlet wrote "server=... client=<address>:<port> socket shutdown error"
    with no line end."""
    ws.log_context = "a live connection:"
    ws.log = _Lines()
    wait = ws.wait
    ws.wait = lambda: _only_engineio(wait())
    return ws


class _Lines:
    """Where eventlet's WebSocket writes its errors: one line each in the log."""

    @staticmethod
    def write(text):
        log.warning("%s", text.strip())


def _only_engineio(message):
    """`message`, or None (as for a closed connection) if it is not an Engine.IO packet
    (empty, or not starting with a packet type). Engine.IO would end the connection by
    raising while it reads it: ended here, with one line in the log and no traceback."""
    if message is not None and not _engineio_packet(message):
        log.warning("closed a live connection that sent a frame that is not Engine.IO")
        return None
    return message


def _engineio_packet(message):
    try:
        packet.Packet(encoded_packet=message)
    except (ValueError, IndexError, TypeError):
        return False
    return True


# The runtimes whose Engine.IO serves WebSockets through simple-websocket, and so needs
# the bounded reader; eventlet reads one message at a time by itself.
BOUNDED_MODES = ("gevent", "threading")


def missing_internals(eventlet=False):
    """What this module relies on (see the docstring) and the installed simple-websocket
    and python-engineio (with `eventlet`: eventlet's WebSocket) no longer have, in words;
    empty when all is there."""
    if eventlet:
        return _missing_in_eventlet()
    base = simple_websocket.ws.Base
    return _missing(
        ((simple_websocket.Server, ("_handle_events", "receive", "close", "handshake",
                                    "send")),
         (SimpleWebSocketWSGI, ("__call__", "wait", "send", "close"))),
        (("simple-websocket's reading loop", getattr(base, "_thread", None),
          ("self._handle_events()", "while self.connected", "self.sock")),
         ("simple-websocket's receive", getattr(base, "receive", None),
          ("self.input_buffer",)),
         ("simple-websocket's handshake", getattr(simple_websocket.Server, "handshake", None),
          ("self.environ.items()",)),
         ("simple-websocket's send", getattr(base, "send", None),
          ("self.connected", "self.close_reason", "self.close_message", "self.sock")),
         ("Engine.IO's WebSocket class", SimpleWebSocketWSGI.__init__,
          ("self.app", "self.server_args"))))


def _missing_in_eventlet():
    from eventlet import websocket as ews  # imported only where eventlet serves

    server, connection = ews.WebSocketWSGI, ews.RFC6455WebSocket
    return _missing(
        ((server, ("_negotiate_permessage_deflate",)), (connection, ("wait",))),
        (("eventlet's WebSocketWSGI", server.__call__,
          ("self._handle_hybi_request(environ)", "self.handler(ws)")),
         ("eventlet's handshake", getattr(server, "_handle_hybi_request", None),
          ("self._negotiate_permessage_deflate(", "extensions=parsed_extensions")),
         ("eventlet's compression", getattr(connection, "_get_permessage_deflate_enc", None),
          ('self.extensions.get("permessage-deflate")',)),
         ("eventlet's WebSocket", ews.WebSocket.__init__,
          ("self.log =", "self.log_context ="))))


def _missing(methods, sources):
    """The `methods` ((class, names)) no longer there, and the `sources` ((label,
    function, needs)) no longer using what they need, in words."""
    missing = [f"{owner.__qualname__}.{name}" for owner, names in methods for name in names
               if not callable(getattr(owner, name, None))]
    for label, function, needs in sources:
        source = inspect.getsource(function) if function is not None else ""
        missing += [f"{label} using {need}" for need in needs if need not in source]
    return missing


def install(sio_server):
    """Use the bounded reader for `sio_server` (a socketio.Server) if its Engine.IO
    serves WebSockets through simple-websocket (gevent, threading), and return True;
    under eventlet check the frames, decline compression and return False. Raises
    RuntimeError, at start, where the bounded reader is needed but cannot be put in
    (gevent-websocket installed), or where an upgrade changed what this module relies
    on: the server must not run without its flood protection, nor compress for every
    phone."""
    eio = sio_server.eio
    chosen = (eio._async or {}).get("websocket")
    if not (isinstance(chosen, type) and issubclass(chosen, SimpleWebSocketWSGI)):
        if eio.async_mode in BOUNDED_MODES:
            raise RuntimeError(f"Under {eio.async_mode}, Engine.IO serves WebSockets with "
                               f"{chosen!r}, not simple-websocket: workshop/websocket.py "
                               "cannot bound what one connection makes the server read.")
        if isinstance(chosen, type) and not issubclass(chosen, _CheckedFrames):  # eventlet
            missing = missing_internals(eventlet=True)
            if missing:
                raise RuntimeError("workshop/websocket.py relies on what eventlet's WebSocket "
                                   "no longer has (check it against the upgrade): "
                                   + "; ".join(missing))
            checked = type(f"Checked{chosen.__name__}", (_CheckedFrames, chosen), {})
            eio._async = {**eio._async, "websocket": checked}
        return False
    missing = missing_internals()
    if missing:
        raise RuntimeError("workshop/websocket.py relies on what simple-websocket and "
                           "python-engineio no longer have (check it against the upgrade): "
                           + "; ".join(missing))
    if not issubclass(chosen, _Bounded):
        bounded = type(f"Bounded{chosen.__name__}", (_Bounded, chosen), {})
        eio._async = {**eio._async, "websocket": bounded}  # this server's copy only
    return True
