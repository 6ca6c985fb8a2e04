"""The database briefly locked by another connection (a backup, a long query, another
process): a change that cannot be saved within DB_BUSY_TIMEOUT_MS is refused in words with
`retry: true`, nothing of it is written or shown, and the same submission goes through
once the lock is gone. SQLite only: the lock is SQLite's."""
import sqlite3
import time
from contextlib import contextmanager

import pytest

from tests.conftest import ROOMY_LIMITS, Room
from tests.live.helpers import answer, wall
from workshop import create_app, live

BUSY_TIMEOUT_MS = 150
SAVE_FAILED = {"ok": False, "error": str(live.SAVE_FAILED), "retry": True}


@pytest.fixture
def database(tmp_path):
    return tmp_path / "locked.db"


@pytest.fixture
def app(database):
    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "ROUNDTABLE_ASYNC_MODE":
                      "threading", "BROADCAST_INTERVAL": 0, **ROOMY_LIMITS,
                      "DB_BUSY_TIMEOUT_MS": BUSY_TIMEOUT_MS})
    yield app
    app.extensions["roundtable"].store.engine.dispose()


@pytest.fixture
def running(app):
    room = Room(app)
    room.question = room.add_question()
    room.control("start")
    return room


@contextmanager
def locked(database):
    """Another connection holds SQLite's write lock (BEGIN EXCLUSIVE) until the block ends.
    Yields that connection, which can still read."""
    holder = sqlite3.connect(database, timeout=5, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def stored(connection):
    """What the database holds: (workshop versions, actions, participants)."""
    return (connection.execute("SELECT code, version FROM workshop ORDER BY id").fetchall(),
            connection.execute("SELECT actor, client_id, name, payload FROM action "
                               "ORDER BY id").fetchall(),
            connection.execute("SELECT number FROM participant ORDER BY id").fetchall())


def test_an_answer_while_the_database_is_locked_is_refused_and_goes_through_on_retry(
        running, database):
    phone, presenter = running.phone(), running.presenter()
    assert answer(phone, running.question, "Before the lock", "first")["ok"] is True
    presenter.get_received()

    with locked(database) as holder:
        before = stored(holder)
        started = time.monotonic()
        reply = answer(phone, running.question, "During the lock", "second")
        waited = time.monotonic() - started
        assert reply == SAVE_FAILED
        assert waited >= BUSY_TIMEOUT_MS / 1000 * 0.9  # it did wait for the lock first
        # Nothing was written, and no screen shows what was not saved.
        assert stored(holder) == before
        assert wall(presenter.emit("sync", {}, callback=True)["view"]) == ["Before the lock"]
        mine = phone.emit("sync", {}, callback=True)["view"]["activity"]["mine"]
        assert [a["text"] for a in mine["answers"]] == ["Before the lock"]
        assert not [p for p in presenter.get_received() if p["name"] == "view"
                    and "During the lock" in wall(p["args"][0])]

    retried = answer(phone, running.question, "During the lock", "second")  # same id
    assert retried["ok"] is True and "duplicate" not in retried, retried
    assert [a["text"] for a in retried["own"]["mine"]["answers"]] == \
        ["Before the lock", "During the lock"]
    assert wall(presenter.emit("sync", {}, callback=True)["view"]) == \
        ["During the lock", "Before the lock"]
    again = answer(phone, running.question, "During the lock", "second")
    assert again["duplicate"] is True and again["id"] == retried["id"]
    with sqlite3.connect(database) as reader:
        texts = [row[3] for row in stored(reader)[1] if row[2] == "answer"]
    assert texts == ['{"text": "Before the lock"}', '{"text": "During the lock"}']


def test_a_facilitator_command_while_the_database_is_locked_is_refused_and_retried(
        running, database):
    console = running.facilitator()
    with locked(database) as holder:
        before = stored(holder)
        reply = console.emit("control", {"command": "close"}, callback=True)
        assert reply == SAVE_FAILED
        assert stored(holder) == before
        assert console.emit("sync", {}, callback=True)["view"]["activity"]["is_open"] is True
    assert console.emit("control", {"command": "close"}, callback=True)["ok"] is True
    assert console.emit("sync", {}, callback=True)["view"]["activity"]["is_open"] is False


def test_joining_while_the_database_is_locked_is_refused_in_words(running, app, database):
    http = app.test_client()
    with locked(database) as holder:
        before = stored(holder)
        refused = http.post(f"/j/{running.code}", data={"name": "Sam"})
        assert refused.status_code == 503, (refused.status_code, refused.text[:300])
        assert "could not save that just now" in refused.text
        assert "try again" in refused.text
        assert "Set-Cookie" not in refused.headers
        assert stored(holder) == before
    joined = http.post(f"/j/{running.code}", data={"name": "Sam"})
    assert joined.status_code == 303
    assert running.engine.workshop(running.code).joined == 1


def test_the_api_while_the_database_is_locked_answers_503_in_words(running, database):
    with locked(database) as holder:
        before = stored(holder)
        refused = running.api("post", f"/api/workshops/{running.code}/control",
                              {"command": "next"})
        assert refused.status_code == 503
        body = refused.get_json()
        assert body["ok"] is False and "try again" in body["error"]
        assert stored(holder) == before
    added = running.add_question("Once the lock is gone")
    assert added


def test_reads_carry_on_while_the_database_is_locked(running, database):
    phone = running.phone()
    assert answer(phone, running.question, "Saved earlier")["ok"] is True
    running.engine.forget(running.code)  # the next read rebuilds from the database
    with locked(database):
        presenter = running.presenter()
        assert wall(presenter.emit("sync", {}, callback=True)["view"]) == ["Saved earlier"]
        assert running.app.test_client().get(f"/s/{running.code}").status_code == 200


def test_delete_now_while_the_database_is_locked_is_refused_and_deletes_nothing(
        running, app, database):
    console = app.test_client()
    assert console.get(f"/f/{running.code}/{running.key}").status_code == 303
    with locked(database) as holder:
        before = stored(holder)
        refused = console.post(f"/f/{running.code}/delete", data={"confirm": running.code})
        assert refused.status_code == 503, (refused.status_code, refused.text[:300])
        assert "Nothing was changed" in refused.text
        assert stored(holder) == before
    assert console.get(f"/f/{running.code}").status_code == 200  # still there
    deleted = console.post(f"/f/{running.code}/delete", data={"confirm": running.code})
    assert deleted.status_code == 303
    assert running.engine.workshop(running.code) is None
