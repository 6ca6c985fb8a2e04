"""Shared fixtures: an app on a fresh database per test (SQLite, and PostgreSQL where one
is provided), and Socket.IO test clients."""
import os
import re
import secrets

import pytest
import sqlalchemy

from workshop import create_app
from workshop.extensions import socketio
from workshop.models import Base
from workshop.store import Store, engine_url


# SQLite always; PostgreSQL too where one is provided (.ci/run starts one).
POSTGRES_URL = os.environ.get("ROUNDTABLE_TEST_POSTGRES_URL")
DATABASES = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


# Tests send far faster than any person; the limits have tests of their own.
ROOMY_LIMITS = {"EVENTS_PER_SECOND": 10_000, "EVENT_BURST": 10_000,
                "PARTICIPANT_EVENTS_PER_SECOND": 10_000, "PARTICIPANT_EVENT_BURST": 10_000,
                "GUESS_BURST": 100_000, "JOIN_BURST": 100_000}


@pytest.fixture(scope="session")
def postgres_schema_url():
    """A schema of this test run's own, so that two runs on one database never meet."""
    schema = f"run_{os.getpid()}_{secrets.token_hex(4)}"
    admin = sqlalchemy.create_engine(engine_url(POSTGRES_URL))
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = request.getfixturevalue("postgres_schema_url")
    store = Store(url)
    store.migrate()
    with store.engine.begin() as connection:  # every test starts from empty tables
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        connection.execute(sqlalchemy.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    store.engine.dispose()
    return url


@pytest.fixture
def app(database_url):
    app = create_app({
        "DATABASE_URL": database_url,
        "ROUNDTABLE_ASYNC_MODE": "threading",
        "BROADCAST_INTERVAL": 0,  # send screen updates at once, so tests need not wait
        **ROOMY_LIMITS,
    })
    yield app
    app.extensions["roundtable"].store.engine.dispose()  # close this test's connections


@pytest.fixture
def engine(app):
    return app.extensions["roundtable"]


class Room:
    """A workshop and the people in it, each with their own cookies and socket."""

    def __init__(self, app):
        self.app = app
        self.engine = app.extensions["roundtable"]
        http = app.test_client()
        answer = http.post("/api/workshops", json={"title": "Sharing well",
                                                   "organisations": ["Council", "Police"]})
        assert answer.status_code == 201, answer.get_json()
        self.created = answer.get_json()
        self.code = self.created["code"]
        self.key = self.created["facilitator_key"]

    def api(self, method, path, json=None, key=True):
        headers = {"Authorization": f"Bearer {self.key}"} if key else {}
        return getattr(self.app.test_client(), method)(path, json=json, headers=headers)

    def facilitator(self):
        http = self.app.test_client()
        http.get(f"/f/{self.code}/{self.key}")
        return socketio.test_client(self.app, flask_test_client=http,
                                    auth={"code": self.code, "role": "facilitator"})

    def presenter(self):
        return socketio.test_client(self.app, auth={"code": self.code, "role": "presenter"})

    def join(self, name="", organisation=""):
        http = self.app.test_client()
        answer = http.post(f"/j/{self.code}", data={"name": name,
                                                    "organisation": organisation})
        assert answer.status_code == 303
        return http

    def phone(self, http=None, **join):
        http = http or self.join(**join)
        return socketio.test_client(self.app, flask_test_client=http,
                                    auth={"code": self.code, "role": "participant"})

    def add_question(self, prompt="What gets in the way?", **config):
        answer = self.api("post", f"/api/workshops/{self.code}/activities",
                          {"type": "question", "config": {"prompt": prompt, **config}})
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()["activity"]["id"]

    def control(self, command, **args):
        answer = self.api("post", f"/api/workshops/{self.code}/control",
                          {"command": command, **args})
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()


@pytest.fixture
def room(app):
    return Room(app)


def last(client, event):
    """The newest `event` this test client received (and forget the rest)."""
    found = [p["args"][0] for p in client.get_received() if p["name"] == event]
    return found[-1] if found else None


def cid():
    cid.n = getattr(cid, "n", 0) + 1
    return f"c{cid.n}"


CODE = re.compile(r"^[A-HJKMNP-Z2-9]{6}$")
