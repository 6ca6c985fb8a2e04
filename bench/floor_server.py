"""The floor: the least a python-socketio server on the same runtime must do for the same
load, so that each Roundtable figure can be read as a multiple of it.

It answers the phone's path with the same shapes Roundtable uses and nothing more: no
database, no authentication, no rate limits, no views beyond one number.

- POST /j/<code>: 303 to /j/<code> with a cookie `rt_p_<code>` (a counter, not a secret);
  GET /j/<code>: a small page.
- Socket.IO connect with auth {code, role}: joins the room of that role in that workshop.
- `sync`: {ok, view}; `act`: counts one vote and answers {ok, own: {version}}.
- Every BROADCAST_INTERVAL seconds (0.1, as Roundtable), a workshop whose count or
  presence changed sends its presenters one `view` {version, workshop: {connected},
  activity: {view: {dots_placed}}}.
- Pings every --ping-interval seconds, answered within --ping-timeout (Roundtable's
  defaults, 5 and 5).
- With --revealed, the views carry each option's dots (`results`), and phones get them
  too, as Roundtable sends them: each phone at most once every --phone-interval seconds
  (1), the phones of a workshop in groups taking turns, one group each interval, so that
  the sends are spread over that second. Without, phones are sent nothing.

    python bench/floor_server.py --mode eventlet --port 5999

Monkey patching happens first, as in run.py.
"""
import argparse
import sys

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--mode", choices=("eventlet", "gevent"), default="eventlet")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--interval", type=float, default=0.1)
parser.add_argument("--phone-interval", type=float, default=1.0)
parser.add_argument("--ping-interval", type=float, default=5)
parser.add_argument("--ping-timeout", type=float, default=5)
parser.add_argument("--revealed", action="store_true")
parser.add_argument("--max-connections", type=int, default=20000,
                    help="eventlet's WSGI server accepts at most this many at once")
ARGS = parser.parse_args()

if ARGS.mode == "eventlet":
    import eventlet

    eventlet.monkey_patch()
else:
    from gevent import monkey

    monkey.patch_all()

import itertools  # noqa: E402  (after patching, by design)

import socketio  # noqa: E402

sio = socketio.Server(async_mode=ARGS.mode, ping_interval=ARGS.ping_interval,
                      ping_timeout=ARGS.ping_timeout, max_http_buffer_size=64 * 1024)


GROUPS = max(1, round(ARGS.phone_interval / ARGS.interval))  # phones take turns


class Workshop:
    def __init__(self):
        self.version = 0
        self.dots_placed = 0
        self.dots = {}  # option -> dots
        self.connected = 0
        self.dirty = False
        self.phones = itertools.count()  # the next phone's group, in turn
        self.counted = 0  # the version of the latest vote
        self.groups_sent = [0] * GROUPS  # the version each group of phones was sent

    def view(self):
        inner = {"dots_placed": self.dots_placed}
        if ARGS.revealed:
            inner["results"] = self.results()
        return {"version": self.version,
                "workshop": {"connected": self.connected},
                "activity": {"id": 1, "type": "dotvote", "view": inner}}

    def phone_view(self):
        inner = {"results": self.results()} if ARGS.revealed else {}
        return {"version": self.counted, "activity": {"id": 1, "type": "dotvote", "view": inner}}

    def results(self):
        return [{"id": option, "dots": dots} for option, dots in self.dots.items()]


workshops = {}  # code -> Workshop
clients = {}  # sid -> (code, role)
tokens = itertools.count(1)


def workshop(code):
    found = workshops.get(code)
    if found is None:
        found = workshops[code] = Workshop()
    return found


@sio.event
def connect(sid, environ, auth):
    auth = auth if isinstance(auth, dict) else {}
    code, role = str(auth.get("code", "")), auth.get("role")
    if not code or role not in ("participant", "presenter", "facilitator"):
        raise socketio.exceptions.ConnectionRefusedError("Say the code and the role.")
    clients[sid] = (code, role)
    sio.enter_room(sid, f"{code}:{role}")
    if role == "participant":
        room = workshop(code)
        sio.enter_room(sid, f"{code}:phones:{next(room.phones) % GROUPS}")
        room.connected += 1
        room.dirty = True


@sio.event
def disconnect(sid, reason=None):
    code, role = clients.pop(sid, (None, None))
    if role == "participant":
        room = workshop(code)
        room.connected -= 1
        room.dirty = True


@sio.event
def sync(sid, data=None):
    code, role = clients[sid]
    room = workshop(code)
    return {"ok": True, "view": room.phone_view() if role == "participant" else room.view()}


@sio.event
def act(sid, data=None):
    code, role = clients[sid]
    if role == "presenter":
        return {"ok": False, "error": "The presenter screen only shows."}
    room = workshop(code)
    option = str((data or {}).get("payload", {}).get("option"))[:20]
    room.version += 1
    room.counted = room.version
    room.dots_placed += 1
    room.dots[option] = room.dots.get(option, 0) + 1
    room.dirty = True
    return {"ok": True, "own": {"version": room.version}}


def broadcast():
    for tick in itertools.count():
        sio.sleep(ARGS.interval)
        group = tick % GROUPS
        for code, room in list(workshops.items()):
            if room.dirty:
                room.dirty = False
                sio.emit("view", room.view(), to=f"{code}:presenter")
            if ARGS.revealed and room.groups_sent[group] != room.counted:
                room.groups_sent[group] = room.counted
                sio.emit("view", room.phone_view(), to=f"{code}:phones:{group}")


def pages(environ, start_response):
    """The join form's answer and the participant page, as small as they can be."""
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD")
    if path.startswith("/j/") and method == "POST":
        code = path[3:]
        start_response("303 See Other", [("Location", f"/j/{code}"),
                                         ("Set-Cookie", f"rt_p_{code}={next(tokens)}; "
                                                        "Path=/; HttpOnly; SameSite=Lax"),
                                         ("Content-Length", "0")])
        return [b""]
    body = b"<!doctype html><title>floor</title><p>floor"
    start_response("200 OK", [("Content-Type", "text/html"),
                              ("Content-Length", str(len(body)))])
    return [body]


app = socketio.WSGIApp(sio, pages)


def main():
    sio.start_background_task(broadcast)
    print(f"floor server ({ARGS.mode}) on http://{ARGS.host}:{ARGS.port}", flush=True)
    if ARGS.mode == "eventlet":
        import eventlet.wsgi

        eventlet.wsgi.server(eventlet.listen((ARGS.host, ARGS.port)), app, log_output=False,
                             max_size=ARGS.max_connections)
    else:
        from gevent import pywsgi

        class Handler(pywsgi.WSGIHandler):  # as run.py: close once a WebSocket ends
            def handle_one_response(self):
                super().handle_one_response()
                if self.headers.get("Upgrade", "").lower() == "websocket":
                    self.close_connection = True

        pywsgi.WSGIServer((ARGS.host, ARGS.port), app, log=None,
                          handler_class=Handler).serve_forever()


if __name__ == "__main__":
    sys.exit(main())
