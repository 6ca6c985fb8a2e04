"""A real Roundtable server process for tests: `run.py` on 127.0.0.1, one async runtime,
one SQLite file, its output in a log file.

    from serverproc import ServerProcess, server_fixture

    with ServerProcess("gevent", tmp_path / "roundtable.db") as server:
        requests.get(server.url + "/")
        server.kill()       # SIGKILL: gone as in a crash, no goodbye to the clients
        server.restart()    # same port, same database

In a conftest, `server = server_fixture()` gives a fixture that runs the server under
gevent, the default runtime; `server_fixture(modes=ASYNC_MODES)` runs each test that uses
it under eventlet as well.

Nothing here sleeps for an outcome: starting waits until the server answers HTTP, with
a deadline, and says why (with the server's output) when it does not.
"""
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
ASYNC_MODES = ("eventlet", "gevent")
# The tests run the server under gevent, the default. eventlet, which stays supported,
# runs where the two differ: a real-server smoke test (tests/realserver/test_real_flow.py),
# the flood and kill -9 tests (tests/hardening, tests/realserver/test_real_durability.py,
# the browser's reconnect after a crash) and more than 1,024 connections (tests/bench).
DEFAULT_MODE = "gevent"
HOST = "127.0.0.1"
# Seconds for a new process to answer its first request. Importing the app takes about
# 5 s of CPU (the document formats' libraries among it); on a machine busy with other
# test runs that has been 20-40 s of wall time.
START_TIMEOUT = 90.0
STOP_TIMEOUT = 10.0  # seconds for a terminated process to exit before it is killed
POLL_INTERVAL = 0.05  # between readiness checks; not a wait for an outcome

# Settings the server reads from the environment. A developer's own PUBLIC_URL or
# ALLOWED_ORIGINS must not leak into tests, so these are removed unless a test sets them.
SETTINGS = tuple(runpy.run_path(str(ROOT / "workshop" / "config.py"))["DEFAULTS"])

_TRACEBACK = re.compile(r"^Traceback \(most recent call last\):$", re.MULTILINE)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class ServerError(RuntimeError):
    """The server did not start, or did not stop, as asked."""


class ServerProcess:
    """`run.py` on 127.0.0.1 with one async mode and one SQLite file.

    `env` adds or overrides settings (e.g. {"MAX_MESSAGE_BYTES": "1024"}). Output of every
    run (restarts included) is appended to `log_path`."""

    def __init__(self, mode, database, port=None, log_path=None, env=None,
                 start_timeout=START_TIMEOUT):
        if mode not in ASYNC_MODES:
            raise ValueError(f"async mode must be one of {ASYNC_MODES}, not {mode!r}")
        self.mode = mode
        self.database = Path(database)
        self._chosen_port = port is not None
        self.port = port or free_port()
        self.log_path = Path(log_path or self.database.with_suffix(".log"))
        self.env = {name: str(value) for name, value in (env or {}).items()}
        self.start_timeout = start_timeout
        self.proc = None
        self.starts = 0
        self._log = None

    # ------------------------------------------------------------------ addresses
    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    @property
    def ws_url(self):
        """The Engine.IO WebSocket endpoint, for raw protocol tests."""
        return f"ws://{HOST}:{self.port}/socket.io/?EIO=4&transport=websocket"

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    @property
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def __repr__(self):
        state = "running" if self.alive else "stopped"
        return f"<ServerProcess {self.mode} {self.url} {state}>"

    # ------------------------------------------------------------------ lifecycle
    def start(self):
        """Start the process and return once it answers HTTP on GET /."""
        if self.alive:
            raise ServerError(f"{self!r} is already running")
        attempts = 1 if (self._chosen_port or self.starts) else 3
        for attempt in range(attempts):
            mark = self.log_size()
            try:
                return self._start_once()
            except ServerError:
                taken = "Address already in use" in self.log_since(mark)
                if not taken or attempt == attempts - 1:
                    raise
                self.port = free_port()  # another process took the port we were given
        raise AssertionError("unreachable")

    def _start_once(self):
        environment = {name: value for name, value in os.environ.items()
                       if name not in SETTINGS}
        environment.update({
            "ROUNDTABLE_ASYNC_MODE": self.mode,
            "HOST": HOST,
            "PORT": str(self.port),
            "DATABASE_URL": f"sqlite:///{self.database}",
            "ROUNDTABLE_QUIET": "1",
            "PYTHONUNBUFFERED": "1",
        })
        environment.update(self.env)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._close_log()
        self._log = open(self.log_path, "ab")
        self._log.write(f"\n--- start {self.starts + 1}: {self.mode} on {self.url} ---\n"
                        .encode())
        self._log.flush()
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "run.py")], cwd=ROOT,
                                     env=environment, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        self.starts += 1
        self._wait_until_answering()
        return self

    def _wait_until_answering(self):
        deadline = time.monotonic() + self.start_timeout
        last_error = None
        while True:
            if self.proc.poll() is not None:
                code = self.proc.returncode
                self._close_log()
                raise ServerError(f"the {self.mode} server exited with status {code} before "
                                  f"answering on {self.url}:\n{self.log()}")
            try:
                requests.get(self.url + "/", timeout=1)
                return  # any HTTP answer: the server accepts requests
            except requests.RequestException as exc:
                last_error = exc
            if time.monotonic() > deadline:
                self.kill()
                raise ServerError(f"the {self.mode} server did not answer on {self.url} within "
                                  f"{self.start_timeout:.0f}s ({last_error}):\n{self.log()}")
            time.sleep(POLL_INTERVAL)

    def kill(self):
        """SIGKILL: the process vanishes mid-work, as in a crash or an OOM kill."""
        if self.alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=STOP_TIMEOUT)
        self._close_log()

    def stop(self):
        """Ask the process to end (SIGTERM), wait for it, and kill it if it will not."""
        if self.alive:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close_log()

    def restart(self):
        """Start again on the same port and database (stopping first if it still runs)."""
        self.stop()
        return self.start()

    def __enter__(self):
        return self if self.alive else self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # ------------------------------------------------------------------ output
    def log_size(self):
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_since(self, mark=0):
        """Everything the server printed after `mark` (a `log_size()` taken earlier)."""
        if self._log:
            self._log.flush()
        try:
            with open(self.log_path, "rb") as handle:
                handle.seek(mark)
                return handle.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    def log(self, tail=6000):
        """The end of the server's output, for failure messages."""
        text = self.log_since(0)
        return text[-tail:] if tail else text

    def project_tracebacks(self, since=0):
        """Tracebacks logged after `since` that pass through Roundtable's own code
        (workshop/, activities/, run.py): each one is an error the code did not handle.
        Tracebacks wholly inside libraries (a malformed packet the protocol library
        rejects) are not counted."""
        text = self.log_since(since)
        starts = [m.start() for m in _TRACEBACK.finditer(text)] + [len(text)]
        own = (f'"{ROOT / "workshop"}{os.sep}', f'"{ROOT / "activities"}{os.sep}',
               f'"{ROOT / "run.py"}"')
        blocks = [text[a:b] for a, b in zip(starts, starts[1:])]
        return [block for block in blocks if any(path in block for path in own)]

    def _close_log(self):
        if self._log:
            self._log.close()
            self._log = None


def server_fixture(modes=(DEFAULT_MODE,), scope="session", env=None):
    """A pytest fixture giving a running ServerProcess, parametrised over `modes`.

    Each (mode, scope instance) gets its own temporary directory holding the database and
    the log. Use it from a conftest:

        server = server_fixture()                       # shared by the session
        fresh_server = server_fixture(scope="function", modes=ASYNC_MODES)  # killable
    """
    modes = list(modes)

    @pytest.fixture(scope=scope, params=modes, ids=modes)
    def _server(request, tmp_path_factory):
        directory = tmp_path_factory.mktemp(f"server-{request.param}")
        server = ServerProcess(request.param, directory / "roundtable.db",
                               log_path=directory / "server.log", env=env)
        server.start()
        try:
            yield server
        finally:
            server.stop()

    return _server
