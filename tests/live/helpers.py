"""Helpers for the live layer: reading what a test client was sent, and refusals."""
import json
import re
import threading

from socketio import packet

from tests.conftest import cid
from workshop import live
from workshop.extensions import socketio


def received(client):
    """Everything this client was sent since the last look, by event name."""
    found = {}
    for message in client.get_received():
        found.setdefault(message["name"], []).append(message["args"][0])
    return found


def refusal(app, auth, http=None):
    """Try to connect; the server's reason for refusing, or None if it let us in."""
    reasons = []
    server = socketio.server
    real = server.packet_class

    class Listening(real):
        def __init__(self, packet_type=packet.EVENT, data=None, *args, **kwargs):
            super().__init__(packet_type, data, *args, **kwargs)
            if packet_type == packet.CONNECT_ERROR:
                reasons.append(data)

    server.packet_class = Listening
    try:
        client = socketio.test_client(app, flask_test_client=http, auth=auth)
    finally:
        server.packet_class = real
    if client.is_connected():
        client.disconnect()
        return None
    assert reasons, "refused without a reason"
    reason = reasons[-1]
    return reason.get("message") if isinstance(reason, dict) else str(reason)


def refused_in_words(reply):
    """A refusal a person can read, and not the server's 'something went wrong'."""
    assert isinstance(reply, dict), reply
    assert reply.get("ok") is False, reply
    error = reply.get("error")
    assert isinstance(error, str) and len(re.findall(r"[A-Za-z]{2,}", error)) >= 2, reply
    assert error not in (live.BROKEN, live.SAVE_FAILED), reply
    return error


def keys_anywhere(value):
    """Every key of every object inside a JSON value."""
    if isinstance(value, dict):
        return set(value) | set().union(*(keys_anywhere(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_anywhere(v) for v in value)) if value else set()
    return set()


def as_text(value):
    return json.dumps(value, ensure_ascii=False)


def wall(view):
    """The answer texts a view shows for the running activity."""
    return [a["text"] for a in (view["activity"]["view"].get("answers") or [])]


def answer(client, activity_id, text, submission=None):
    """What a phone sends when someone presses Send."""
    return client.emit("act", {"activity_id": activity_id, "action": "answer",
                               "payload": {"text": text}, "cid": submission or cid()},
                       callback=True)


THREAD_DEADLINE = 60  # seconds; a deadline for a stuck thread, not a wait for an outcome


def at_once(jobs):
    """Run each job in its own thread, all released together; answers their results."""
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)
    failures = []

    def run(index, job):
        try:
            start.wait(timeout=THREAD_DEADLINE)
            results[index] = job()
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(THREAD_DEADLINE)
    assert not any(thread.is_alive() for thread in threads), "a phone's thread got stuck"
    if failures:
        raise failures[0]
    return results


def add_activity(room, type_id, **config):
    """The facilitator adds an activity to the agenda over the API; answers its id."""
    answer = room.api("post", f"/api/workshops/{room.code}/activities",
                      {"type": type_id, "config": config})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["activity"]["id"]


def snapshot(client):
    """The view a screen gets when it asks for one (`sync`)."""
    answer = client.emit("sync", callback=True)
    assert answer["ok"] is True, answer
    return answer["view"]


def newest(messages):
    """The newest of the views (or own parts) a screen was sent, as a screen keeps it."""
    assert messages, "the screen was sent no updates"
    return max(messages, key=lambda message: message["version"])
