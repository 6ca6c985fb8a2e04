"""The live connection's plain HTTP answers, in words and well formed.

python-engineio answers what it refuses with terse library text ("Bad Request", "Method
Not Found"), and answers HEAD with a body, which a keep-alive connection then reads as the
start of the next answer. This WSGI middleware, around everything the server serves:

- drops the body of every answer to HEAD (its headers stay, Content-Length included);
- puts Engine.IO's refusals (`/socket.io/`, status 400 and over) into words;
- refuses a long-polling POST over MAX_MESSAGE_BYTES (413), or one that holds anything
  but Engine.IO packets a client sends (400), in words, before Engine.IO reads it, and
  ends that session. Engine.IO 4.15.1 itself would end the session and then wait, without
  answering, until a poll took its last packets (the POST was never answered, and the
  next one got a 500), and logged a traceback for a packet it could not read. The session
  is ended the way a client ends it, by handing Engine.IO a CLOSE packet instead; a POST
  over the limit also closes its HTTP connection, whose unread body would otherwise be
  read as the next request. A request for a session that has just ended is answered 400
  in words (Engine.IO raises KeyError, a 500).
"""
import io
import json
from urllib.parse import parse_qs

from engineio import packet

LIVE_PATH = "/socket.io"
ADVICE = "Reload the page to connect again."
TOO_LARGE = ("That message is larger than Roundtable takes ({limit} bytes at most). "
             "Nothing was changed. " + ADVICE)
NOT_ENGINEIO = "That was not a message of the live connection. " + ADVICE
SESSION_ENDED = "This live connection has ended. " + ADVICE
CLIENT_PACKETS = {packet.CLOSE, packet.PONG, packet.MESSAGE, packet.UPGRADE, packet.NOOP}


def _words(status, body):
    try:
        reason = json.loads(body.decode("utf-8"))
    except ValueError:
        reason = body.decode("utf-8", "replace")
    if not isinstance(reason, str) or not reason.strip():
        reason = status
    reason = reason.strip().rstrip(".")
    return f"The live connection refused this request ({reason}). {ADVICE}"


class Answers:
    def __init__(self, app, max_bytes):
        self.app = app
        self.max_bytes = max_bytes

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "")
        live = environ.get("PATH_INFO", "").startswith(LIVE_PATH)
        if live and method == "POST" and "sid=" in environ.get("QUERY_STRING", ""):
            refused = self._check_post(environ, start_response)
            if refused is not None:
                return refused
        if not live and method != "HEAD":
            return self.app(environ, start_response)

        held = {}

        def hold(status, headers, exc_info=None):
            held.update(status=status, headers=headers)
            if not (live and int(status[:3]) >= 400):
                return start_response(status, headers, exc_info)
            return lambda data: None  # the body is replaced below

        try:
            result = self.app(environ, hold)
        except KeyError:  # Engine.IO's answer to a request for a session it has just closed
            if not live:
                raise
            return self._refuse(start_response, "400 Bad Request", SESSION_ENDED)
        if not held or not (live and int(held["status"][:3]) >= 400):
            if method != "HEAD":
                return result
            _close(result)
            return []
        body = b"".join(result)
        _close(result)
        return self._refuse(start_response, held["status"], _words(held["status"], body),
                            head=method == "HEAD")

    def _check_post(self, environ, start_response):
        """None if the POST may go on to Engine.IO (its body read and put back);
        otherwise the session is ended and this is the refusal."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = self.max_bytes + 1
        if length > self.max_bytes:
            self._end_session(environ)
            return self._refuse(start_response, "413 Request Entity Too Large",
                                TOO_LARGE.format(limit=self.max_bytes), close=True)
        body = environ["wsgi.input"].read(length)
        if not _client_packets(body):
            self._end_session(environ)
            return self._refuse(start_response, "400 Bad Request", NOT_ENGINEIO)
        environ["wsgi.input"] = io.BytesIO(body)
        return None

    def _end_session(self, environ):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        closing = {**environ, "REQUEST_METHOD": "POST", "CONTENT_LENGTH": "1",
                   "QUERY_STRING": f"EIO=4&transport=polling&sid={query['sid'][0]}",
                   "wsgi.input": io.BytesIO(str(packet.CLOSE).encode())}
        _close(self.app(closing, lambda *args: None))

    @staticmethod
    def _refuse(start_response, status, text, close=False, head=False):
        body = text.encode("utf-8")
        headers = [("Content-Type", "text/plain; charset=utf-8"),
                   ("Content-Length", str(len(body)))]
        if close:
            headers.append(("Connection", "close"))
        start_response(status, headers)
        return [] if head else [body]


def _client_packets(body):
    """True if `body` is a long-polling payload of packets a client sends."""
    try:
        parts = body.decode("utf-8").split("\x1e")
        return all(packet.Packet(encoded_packet=part).packet_type in CLIENT_PACKETS
                   for part in parts)
    except (ValueError, IndexError, TypeError):
        return False


def _close(result):
    close = getattr(result, "close", None)
    if close is not None:
        close()
