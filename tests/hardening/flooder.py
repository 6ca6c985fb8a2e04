"""A phone that floods the server: one participant's WebSocket sending `act` messages as
fast as the connection takes them, without waiting for answers, for test_flood_real.py.

It runs as its own process so that its work does not slow the test's clients. It prints
`flooding` once the server has refused it for the first time, then, when its standard
input closes or a bound is reached, one line of JSON: what it sent and what came back.

    python flooder.py URL CODE COOKIE ACTIVITY_ID ANSWER_ID [never-read]

With `never-read` it reads nothing after joining, not even the server's pings: it sends
until one message has not been taken for HELD_SECONDS (the server stopped reading it and
every buffer between them is full), prints `held back`, keeps the connection open
without reading until its standard input closes, and then reports.

Bounded in time and count: it stops by itself after MAX_SECONDS or MAX_MESSAGES."""
import json
import sys
import threading
import time

import websocket

MAX_SECONDS = 60
MAX_MESSAGES = 500_000
DRAIN_SECONDS = 20  # after the last message: how long to wait for the outstanding answers
HELD_SECONDS = 2  # never-read: a send taking this long means the server stopped reading


def message(n, activity_id, answer_id):
    return f"42{n}" + json.dumps(["act", {"activity_id": activity_id, "action": "edit",
                                          "payload": {"id": answer_id,
                                                      "text": f"Flood {n}"}}])


def connect(url, code, cookie):
    host = url.split("://", 1)[1]
    ws = websocket.create_connection(f"ws://{host}/socket.io/?EIO=4&transport=websocket",
                                     origin=url, cookie=cookie, timeout=10)
    assert ws.recv().startswith("0{")
    ws.send("40" + json.dumps({"code": code, "role": "participant"}))
    while not (packet := ws.recv()).startswith("40"):
        if packet.startswith("44"):
            raise SystemExit(f"refused: {packet}")
    return ws


def never_read(url, code, cookie, activity_id, answer_id):
    ws = connect(url, code, cookie)
    ws.settimeout(HELD_SECONDS)
    started = time.monotonic()
    held = False
    n = 0
    while n < MAX_MESSAGES and time.monotonic() < started + MAX_SECONDS:
        try:
            ws.send(message(n, activity_id, answer_id))
        except (websocket.WebSocketTimeoutException, TimeoutError):
            held = True  # this message may be half sent: send nothing more
            break
        n += 1
    flooded = time.monotonic() - started - (HELD_SECONDS if held else 0)
    print("held back" if held else "never held back", flush=True)
    sys.stdin.read()  # hold the connection open, unread, until the test is done
    ws.sock.close()
    print(json.dumps({"sent": n, "held": held, "seconds": round(flooded, 2),
                      "per_second": round(n / max(flooded, 1e-9))}), flush=True)


def main(url, code, cookie, activity_id, answer_id):
    ws = connect(url, code, cookie)
    sending = threading.Lock()  # the reader answers pings on the same socket
    counts = {"sent": 0, "answered": 0, "ok": 0, "too_fast": 0, "other": 0}
    replies = {}  # each distinct refusal, with how often it came
    first_refusal = threading.Event()
    stop = threading.Event()
    closed = threading.Event()

    def read():
        try:
            while True:
                packet = ws.recv()
                if packet == "2":
                    with sending:
                        ws.send("3")
                    continue
                if not packet.startswith("43"):
                    continue  # views and own parts the server pushes
                reply = json.loads(packet[packet.index("["):])[0]
                counts["answered"] += 1
                if reply.get("ok") is True:
                    counts["ok"] += 1
                    continue
                key = json.dumps(reply, sort_keys=True)
                replies[key] = replies.get(key, 0) + 1
                if reply.get("retry") is True:
                    counts["too_fast"] += 1
                    if not first_refusal.is_set():
                        first_refusal.set()
                        print("flooding", flush=True)
                else:
                    counts["other"] += 1
        except (websocket.WebSocketException, OSError):
            closed.set()

    def until_stdin_closes():
        sys.stdin.read()
        stop.set()

    threading.Thread(target=read, daemon=True).start()
    threading.Thread(target=until_stdin_closes, daemon=True).start()
    started = time.monotonic()
    deadline = started + MAX_SECONDS
    n = 0
    while not stop.is_set() and n < MAX_MESSAGES and time.monotonic() < deadline:
        with sending:
            ws.send(message(n, activity_id, answer_id))
        n += 1
        counts["sent"] = n
    flooded = time.monotonic() - started
    drain_until = time.monotonic() + DRAIN_SECONDS
    while counts["answered"] < counts["sent"] and time.monotonic() < drain_until \
            and not closed.is_set():
        time.sleep(0.05)  # polling the reader's count, with a deadline
    ws.close()
    print(json.dumps({**counts, "seconds": round(flooded, 2),
                      "per_second": round(counts["sent"] / max(flooded, 1e-9)),
                      "replies": replies}), flush=True)


if __name__ == "__main__":
    run = never_read if sys.argv[6:] == ["never-read"] else main
    run(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
