"""Clients for the real-server tests: a workshop driven over HTTP like a script or a phone
would, and Socket.IO screens (python-socketio over the WebSocket transport).

Every wait has a deadline and fails with what was seen instead; nothing sleeps and hopes.
"""
import json
import queue
import threading
import time

import requests
import socketio
import websocket

WAIT = 10.0  # seconds: the longest any single expected thing may take on loopback


class Dropped(Exception):
    """The connection went away before the server answered."""


class Workshop:
    """One workshop on a real server, created over the JSON API."""

    def __init__(self, server, title="Sharing information well", organisations=()):
        self.server = server
        self.url = server.url
        answer = requests.post(f"{self.url}/api/workshops", timeout=WAIT,
                               json={"title": title, "organisations": list(organisations)})
        assert answer.status_code == 201, answer.text
        self.created = answer.json()
        self.code = self.created["code"]
        self.key = self.created["facilitator_key"]
        self.screens = []

    @property
    def bearer(self):
        return {"Authorization": f"Bearer {self.key}"}

    def api(self, method, path, **kwargs):
        kwargs.setdefault("timeout", WAIT)
        headers = {**self.bearer, **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}{path}", headers=headers, **kwargs)

    def add_question(self, prompt="What gets in the way of sharing?", **config):
        answer = self.api("post", f"/api/workshops/{self.code}/activities",
                          json={"type": "question", "config": {"prompt": prompt, **config}})
        assert answer.status_code == 201, answer.text
        return answer.json()["activity"]["id"]

    def control(self, command, **args):
        answer = self.api("post", f"/api/workshops/{self.code}/control",
                          json={"command": command, **args})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def results(self):
        """What the facilitator's key reads back: the export of every activity."""
        answer = self.api("get", f"/api/workshops/{self.code}")
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def join(self, name="", organisation=""):
        """Join as a phone does: the join form, keeping the cookie it sets."""
        session = requests.Session()
        answer = session.post(f"{self.url}/j/{self.code}", allow_redirects=False,
                              timeout=WAIT, data={"name": name, "organisation": organisation})
        assert answer.status_code == 303, answer.text[:500]
        token = session.cookies.get(f"rt_p_{self.code}")
        assert token, f"joining set no participant cookie: {answer.headers}"
        return Person(session, f"rt_p_{self.code}={token}", answer)

    def screen(self, role, person=None, connect=True, **options):
        """A Socket.IO screen: "participant" (needs a person), "presenter" or
        "facilitator" (authenticated with the key)."""
        auth = {"code": self.code, "role": role}
        if role == "facilitator":
            auth["key"] = self.key
        screen = Screen(self.url, auth, cookie=person.cookie if person else None, **options)
        self.screens.append(screen)
        if connect:
            screen.connect()
        return screen

    def close(self):
        for screen in self.screens:
            screen.close()


class Person:
    """A participant's browser: its HTTP session and the cookie header it sends."""

    def __init__(self, session, cookie, join_response):
        self.session = session
        self.cookie = cookie
        self.join_response = join_response


class Screen:
    """A python-socketio client that records what it receives and answers `ask` with the
    server's acknowledgement, or raises Dropped as soon as the connection goes."""

    def __init__(self, url, auth, cookie=None, reconnection=False):
        self.url = url
        self.auth = auth
        self.cookie = cookie
        self.sio = socketio.Client(reconnection=reconnection, reconnection_delay=0.1,
                                   reconnection_delay_max=0.5, randomization_factor=0.0,
                                   handle_sigint=False, request_timeout=WAIT)
        self.received = queue.Queue()  # (event, data)
        self.connects = 0
        self.disconnects = 0
        self._changed = threading.Condition()
        self._pending = set()  # events of asks waiting for an acknowledgement
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("*", self._on_event)

    # ------------------------------------------------------------------ connection
    def connect(self):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.sio.connect(self.url, auth=self.auth, headers=headers, transports=["websocket"],
                         wait_timeout=WAIT)
        return self

    def close(self):
        try:
            self.sio.disconnect()
        except Exception:  # already gone with the server; nothing left to close
            pass

    @property
    def connected(self):
        return self.sio.connected

    def _on_connect(self):
        with self._changed:
            self.connects += 1
            self._changed.notify_all()

    def _on_disconnect(self, *reason):
        with self._changed:
            self.disconnects += 1
            for done in list(self._pending):
                done.set()  # wake asks whose answer can no longer come
            self._changed.notify_all()

    def _on_event(self, event, *args):
        self.received.put((event, args[0] if args else None))

    def wait_until(self, condition, what, timeout=WAIT):
        """Wait until condition() (checked on every connect/disconnect) holds."""
        with self._changed:
            if not self._changed.wait_for(condition, timeout=timeout):
                raise AssertionError(f"timed out after {timeout}s waiting until {what} "
                                     f"(connects={self.connects}, "
                                     f"disconnects={self.disconnects})")

    # ------------------------------------------------------------------ commands
    def ask(self, event, data=None, timeout=WAIT):
        """Emit with an acknowledgement and return the server's answer."""
        done = threading.Event()
        answer = []

        def acknowledged(*args):
            answer.append(args[0] if args else None)
            done.set()

        with self._changed:
            self._pending.add(done)
        session = self.sio.eio.sid
        deadline = time.monotonic() + timeout
        try:
            try:
                self.sio.emit(event, data, callback=acknowledged)
            except socketio.exceptions.SocketIOError as exc:
                raise Dropped(f"could not send {event}: {exc}") from exc
            # The disconnect handler wakes this wait; checking the Engine.IO session as
            # well catches an emit that slipped in while the connection was going down.
            while not done.wait(min(0.1, max(deadline - time.monotonic(), 0))):
                if self.sio.eio.state != "connected" or self.sio.eio.sid != session:
                    break
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"no answer to {event} within {timeout}s")
            if not answer:
                raise Dropped(f"the connection closed before the server answered {event}")
            return answer[0]
        finally:
            with self._changed:
                self._pending.discard(done)

    def answer(self, activity_id, text, cid=None):
        data = {"activity_id": activity_id, "action": "answer", "payload": {"text": text}}
        if cid is not None:
            data["cid"] = cid
        return self.ask("act", data)

    def next_event(self, name, condition=lambda data: True, timeout=WAIT):
        """The first `name` event received (from now on, in order) meeting condition."""
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            remaining = deadline - time.monotonic()
            try:
                event, data = self.received.get(timeout=max(remaining, 0))
            except queue.Empty:
                raise AssertionError(
                    f"no '{name}' event meeting the condition within {timeout}s; "
                    f"last seen: {json.dumps(seen[-2:])[:1500]}") from None
            if event == name:
                seen.append(data)
                if condition(data):
                    return data


def raw_socket(server, origin=None, cookie=None, timeout=WAIT):
    """A bare Engine.IO WebSocket (websocket-client), past the OPEN packet. `origin` is
    what a browser would send; None sends the server's own origin."""
    ws = websocket.create_connection(server.ws_url, timeout=timeout,
                                     origin=origin or server.url, cookie=cookie)
    opening = ws.recv()
    assert opening.startswith("0{"), opening
    return ws


def raw_connect(ws, auth):
    """Send the Socket.IO CONNECT packet; return the server's reply packet."""
    ws.send("40" + json.dumps(auth))
    return next_packet(ws, lambda p: p.startswith("40") or p.startswith("44"))


def raw_ask(ws, ack_id, event, *args):
    """Send an event with an ack id and return the decoded acknowledgement."""
    ws.send(f"42{ack_id}" + json.dumps([event, *args]))
    return raw_ack(ws, ack_id)


def raw_ack(ws, ack_id):
    packet = next_packet(ws, lambda p: p.startswith(f"43{ack_id}["))
    return json.loads(packet[len(f"43{ack_id}"):])[0]


def next_packet(ws, condition, timeout=WAIT):
    """The next packet meeting condition; answers pings; fails on close or deadline."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no matching packet within {timeout}s")
        ws.settimeout(remaining)
        try:
            packet = ws.recv()
        except websocket.WebSocketTimeoutException:
            raise AssertionError(f"no matching packet within {timeout}s") from None
        except (websocket.WebSocketConnectionClosedException, ConnectionError) as exc:
            raise Dropped(f"the server closed the WebSocket ({exc})") from exc
        if not packet:
            raise Dropped("the server closed the WebSocket")
        if packet == "2":
            ws.send("3")
            continue
        if condition(packet):
            return packet
