"""Two real server processes acting as one: PostgreSQL (ROUNDTABLE_TEST_POSTGRES_URL, as
.ci/run sets it) and a redis-server of the test's own as MESSAGE_QUEUE.

Without PostgreSQL these tests fail, with instructions; they are never skipped.
"""
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "realserver"))

from bench.servers import PostgresSchema, Redis
from serverproc import DEFAULT_MODE, ServerProcess

HOW_TO = """\
The cluster tests need PostgreSQL: set ROUNDTABLE_TEST_POSTGRES_URL to a database the
tests may create schemas in, e.g.

    export ROUNDTABLE_TEST_POSTGRES_URL=postgresql://roundtable:roundtable@127.0.0.1:5432/roundtable_test

On Debian, `make test` does that itself (.ci/services: as root, or it says the command to
run). See docs/deploy.md, "Running the tests"."""


def postgres_url():
    url = os.environ.get("ROUNDTABLE_TEST_POSTGRES_URL")
    if not url:
        pytest.fail(f"ROUNDTABLE_TEST_POSTGRES_URL is not set.\n{HOW_TO}", pytrace=False)
    return url


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    try:
        server = Redis(tmp_path_factory.mktemp("redis") / "redis.log").start()
    except RuntimeError as exc:
        pytest.fail(f"could not start redis-server: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_base():
    """The PostgreSQL URL the tests were given (failing, with instructions, if none)."""
    return postgres_url()


@pytest.fixture(scope="module")
def database(request):
    url = postgres_url()
    try:
        schema = PostgresSchema(url, prefix="cluster").__enter__()
    except Exception as exc:  # psycopg2's errors say what was wrong (refused, password ...)
        pytest.fail(f"could not use PostgreSQL at ROUNDTABLE_TEST_POSTGRES_URL ({exc})."
                    f"\n{HOW_TO}", pytrace=False)
    try:
        yield schema.url
    finally:
        schema.__exit__(None, None, None)


@pytest.fixture(scope="module")
def pair(database, redis_server, tmp_path_factory):
    """Processes A and B on one database and one Redis, under the default runtime."""
    directory = tmp_path_factory.mktemp("cluster")
    env = {"DATABASE_URL": database, "MESSAGE_QUEUE": redis_server.url,
           "TRANSPORTS": "websocket"}
    started = []
    try:
        for name in ("a", "b"):
            server = ServerProcess(DEFAULT_MODE, directory / f"{name}.db",
                                   log_path=directory / f"{name}.log", env=env)
            started.append(server.start())
        yield tuple(started)
    finally:
        for server in started:
            server.stop()


@pytest.fixture(autouse=True)
def servers_stay_healthy(request):
    """Both processes still run after each test and logged no error of Roundtable's own."""
    if "pair" not in request.fixturenames:
        yield
        return
    servers = request.getfixturevalue("pair")
    marks = [(server, server.log_size()) for server in servers]
    yield
    problems = []
    for server, mark in marks:
        if not server.alive:
            problems.append(f"{server!r} stopped:\n{server.log()}")
        for traceback in server.project_tracebacks(since=mark):
            problems.append(f"{server!r} logged an unhandled error:\n{traceback[-3000:]}")
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report includes the end of both processes' output."""
    report = yield
    if report.failed:
        for server in item.funcargs.get("pair") or ():
            report.sections.append((f"{server!r} output", server.log()))
    return report
