"""A server killed with SIGKILL while people are submitting loses nothing it acknowledged,
stores nothing twice, and its phones come back by themselves."""
import sqlite3
import threading

import pytest
import socketio
from realclient import WAIT, Dropped, Workshop

pytestmark = pytest.mark.realserver

PHONES = 4
PER_PHONE = 10  # the most answers the question takes from one person
KILL_AFTER = 12  # acknowledged answers before the kill: the kill lands mid-stream


class Writer(threading.Thread):
    """Submits answers one after another, each with its own cid, until it has given
    `limit` (None: until the connection fails). Records what the server acknowledged and
    the one submission whose fate it could not learn."""

    def __init__(self, name, screen, question, limit, progress):
        super().__init__(name=name, daemon=True)
        self.screen, self.question, self.limit = screen, question, limit
        self.progress = progress
        self.acked = {}  # cid -> (text, answer id)
        self.unsure = None  # (cid, text) sent when the server died, never acknowledged
        self.refused = []

    def run(self):
        n = 0
        while self.limit is None or n < self.limit:
            cid, text = f"{self.name}-{n}", f"{self.name} answer {n}"
            try:
                reply = self.screen.answer(self.question, text, cid=cid)
            except (Dropped, TimeoutError, socketio.exceptions.SocketIOError):
                self.unsure = (cid, text)
                return
            if not reply.get("ok"):
                self.refused.append(reply)
                return
            self.acked[cid] = (text, reply["id"])
            n += 1
            with self.progress:
                self.progress.notify_all()


def test_acknowledged_answers_survive_kill_9(fresh_server):
    server = fresh_server
    workshop = Workshop(server)
    try:
        run_kill_and_restart(server, workshop)
    finally:
        workshop.close()


def run_kill_and_restart(server, workshop):
    question = workshop.add_question("What would make sharing easier?",
                                     max_answers=PER_PHONE)
    workshop.control("start")
    phones = [workshop.screen("participant", workshop.join(), reconnection=True)
              for _ in range(PHONES)]
    console = workshop.screen("facilitator", reconnection=True)  # no limit: never done

    progress = threading.Condition()
    writers = [Writer(f"phone{i}", phone, question, PER_PHONE, progress)
               for i, phone in enumerate(phones)]
    writers.append(Writer("console", console, question, None, progress))

    def acknowledged():
        return sum(len(w.acked) for w in writers)

    for writer in writers:
        writer.start()
    with progress:
        assert progress.wait_for(lambda: acknowledged() >= KILL_AFTER, timeout=WAIT), \
            f"only {acknowledged()} answers were acknowledged before the deadline"
    server.kill()
    for writer in writers:
        writer.join(timeout=WAIT)
        assert not writer.is_alive(), f"{writer.name} still waits for an answer"
    assert not [w.refused for w in writers if w.refused]
    # The console writes until its connection fails, so the kill cut it off mid-stream.
    assert writers[-1].unsure is not None

    server.restart()

    # Every screen reconnects on its own (python-socketio's reconnection, same cookie).
    for screen in phones + [console]:
        screen.wait_until(lambda s=screen: s.connects >= 2,
                          "the screen reconnected after the restart")

    # Re-send what was in flight when the server died, with the same cid. It may or may
    # not have been stored before the kill; either way it must now be stored once.
    for writer in writers:
        if writer.unsure:
            cid, text = writer.unsure
            reply = writer.screen.answer(question, text, cid=cid)
            assert reply["ok"] is True, reply
            writer.acked[cid] = (text, reply["id"])

    # Re-sending an acknowledged submission is answered from the record, not stored again.
    for writer in writers:
        for cid, (text, answer_id) in list(writer.acked.items())[:2]:
            reply = writer.screen.answer(question, text, cid=cid)
            assert reply["ok"] is True, reply
            assert reply.get("duplicate") is True, reply
            assert reply["id"] == answer_id

    expected = {answer_id: text for w in writers for text, answer_id in w.acked.values()}
    rows = workshop.results()[0]["rows"]
    stored = [(row["answer"], row["text"]) for row in rows]
    assert len(stored) == len(set(stored)), "an answer was stored twice"
    assert sorted(stored) == sorted(expected.items()), (
        f"missing: {sorted(set(expected.items()) - set(stored))}, "
        f"unexpected: {sorted(set(stored) - set(expected.items()))}")

    # Each phone sees its own answers after the restart, as before the kill.
    for writer in writers[:-1]:
        view = writer.screen.ask("sync")
        mine = view["view"]["activity"]["mine"]["answers"]
        assert sorted(a["text"] for a in mine) == \
            sorted(text for text, _ in writer.acked.values())

    db = sqlite3.connect(server.database)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
