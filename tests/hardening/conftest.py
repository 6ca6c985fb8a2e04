"""Fixtures for the hardening tests: apps with small limits and a clock the test turns,
clients that come from a chosen network address, and real server processes that must
still be running, with no unhandled error in their output, when the test ends."""
import pytest

from tests.conftest import ROOMY_LIMITS
from tests.hardening.helpers import Clock
from tests.serverproc import ServerProcess
from workshop import create_app


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def limited_app(database_url):
    """make(clock=None, **settings): an app on this test's database with the given
    settings (the tests' roomy limits otherwise); its limits read `clock` if given.
    One app per test: Socket.IO's server object is shared by the process."""
    made = []

    def make(clock=None, **settings):
        app = create_app({"DATABASE_URL": database_url, "ROUNDTABLE_ASYNC_MODE": "threading",
                          "BROADCAST_INTERVAL": 0, **ROOMY_LIMITS, **settings})
        if clock is not None:
            limits = app.extensions["roundtable_limits"]
            for limiter in (limits.connection_events, limits.participant_events,
                            limits.guesses, limits.joins,
                            app.extensions["roundtable_alerts"]):
                limiter.clock = clock
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["roundtable"].store.engine.dispose()


class Servers:
    """Real server processes started by one test, in its own temporary directory."""

    def __init__(self, directory):
        self.directory = directory
        self.started = []

    def __call__(self, mode, env=None, name="server"):
        directory = self.directory / f"{name}-{mode}-{len(self.started)}"
        directory.mkdir()
        server = ServerProcess(mode, directory / "roundtable.db",
                               log_path=directory / "server.log", env=env)
        self.started.append(server)
        return server.start()


@pytest.fixture
def start_server(tmp_path):
    """start_server(mode, env=None): a running `run.py` process for this test alone.

    Afterwards every server it started must still be running (unless the test killed it
    and did not restart it) and must not have logged an unhandled error that passes
    through Roundtable's own code."""
    servers = Servers(tmp_path)
    yield servers
    problems = []
    for server in servers.started:
        if server.proc is not None and server.proc.returncode not in (None, -9) \
                and not server.alive:
            problems.append(f"the {server.mode} server exited with status "
                            f"{server.proc.returncode}:\n{server.log()}")
        for traceback in server.project_tracebacks():
            problems.append(f"the {server.mode} server logged an unhandled error:\n"
                            f"{traceback[-3000:]}")
        server.stop()
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report includes the end of each of its servers' output."""
    report = yield
    servers = item.funcargs.get("start_server") if hasattr(item, "funcargs") else None
    if report.failed and servers is not None:
        for server in servers.started:
            report.sections.append((f"{server.mode} server output ({server.log_path})",
                                    server.log()))
    return report


FIGURES = []  # (test, line) measured by the tests, shown at the end of the run


@pytest.fixture
def record_figure(request):
    """record_figure(line): print a measurement now and again in the run's summary."""
    def record(line):
        print(line)
        FIGURES.append((request.node.nodeid, line))
    return record


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("hardening measurements")
        for nodeid, line in FIGURES:
            terminalreporter.write_line(f"{nodeid}: {line}")
