"""Real-server tests: `run.py` as a process on 127.0.0.1.

`server` (gevent, the default runtime) is shared by the session, and each test makes its
own workshop; the smoke test in test_real_flow.py runs on an eventlet one as well.
`fresh_server` belongs to one test, which may kill it, under each runtime. After every
test the server must still be running and must not have logged a traceback through
Roundtable's own code.
"""
import pytest
from realclient import Workshop
from serverproc import ASYNC_MODES, server_fixture

server = server_fixture()
fresh_server = server_fixture(scope="function", modes=ASYNC_MODES)


@pytest.fixture(autouse=True)
def server_stays_healthy(request):
    names = [n for n in ("server", "fresh_server") if n in request.fixturenames]
    servers = [request.getfixturevalue(name) for name in names]
    marks = [(server, server.log_size()) for server in servers]
    yield
    problems = []
    for server, mark in marks:
        if not server.alive:
            problems.append(f"the {server.mode} server is no longer running "
                            f"(exit status {server.proc.returncode}):\n{server.log()}")
            server.restart()  # so that one crash does not fail every later test
        for traceback in server.project_tracebacks(since=mark):
            problems.append(f"the {server.mode} server logged an unhandled error:\n"
                            f"{traceback[-3000:]}")
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report includes the end of each server's output."""
    report = yield
    if report.failed:
        for name in ("server", "fresh_server"):
            server = item.funcargs.get(name)
            if server is not None:
                report.sections.append((f"{server.mode} server output ({server.log_path})",
                                        server.log()))
    return report


@pytest.fixture
def workshop(server):
    """A new workshop on the shared server; its Socket.IO screens close afterwards."""
    made = Workshop(server)
    yield made
    made.close()
