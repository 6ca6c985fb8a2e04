"""Processes the benchmark (and the cluster test) start on 127.0.0.1: Roundtable's run.py,
the floor server, and a throwaway redis-server. Each waits for readiness with a deadline
and says why, with the process's output, when it is not ready."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
POLL = 0.05  # between readiness checks

# Settings run.py reads; a developer's own values must not leak into a measurement.
SETTINGS = ("DATABASE_URL", "PUBLIC_URL", "HOST", "PORT", "ROUNDTABLE_ASYNC_MODE",
            "ALLOWED_ORIGINS", "MAX_MESSAGE_BYTES", "BROADCAST_INTERVAL", "COOKIE_SECURE",
            "COOKIE_DAYS", "MESSAGE_QUEUE", "RETENTION_DAYS", "EVENTS_PER_SECOND",
            "EVENT_BURST", "PARTICIPANT_EVENTS_PER_SECOND", "PARTICIPANT_EVENT_BURST",
            "MAX_CONNECTIONS_PER_WORKSHOP", "MAX_CONNECTIONS_PER_ADDRESS",
            "MAX_PRESENTERS_PER_WORKSHOP", "MAX_CONSOLES_PER_WORKSHOP",
            "MAX_SCREENS_PER_ADDRESS", "GUESS_BURST", "GUESSES_PER_HOUR", "JOIN_BURST",
            "JOINS_PER_MINUTE", "DB_BUSY_TIMEOUT_MS", "PROXY_HOPS", "TRANSPORTS",
            "PHONE_INTERVAL", "PING_INTERVAL", "PING_TIMEOUT")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def cores():
    """The cores this process may use, in order ([] where affinity is not supported)."""
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return []


# Priority (nice) for every process of a run; bench.run sets it from --nice. A shared
# machine's other jobs then take less of the cores the measurement runs on. Where the
# kernel groups processes by session for scheduling (autogroup), a nice value counts
# only inside the group, so each process starts a session of its own and gives its
# group the same nice value.
NICE = 0


class DatabaseOnCore:
    """Keep a PostgreSQL server on this machine off the servers' core while a run lasts:
    every `postgres` process (new connections fork from them, and inherit it) is pinned to
    `cpu`, and put back as it was afterwards. Without it the database competes with the
    server it answers for one core (at nice -10, mostly losing), as it would not on a
    host of its own. Needs the right to change those processes (root)."""

    def __init__(self, cpu):
        self.cpu, self.before = cpu, {}

    def __enter__(self):
        if self.cpu is None or not hasattr(os, "sched_setaffinity"):
            return self
        for pid in _pids_named("postgres"):
            try:
                self.before[pid] = os.sched_getaffinity(pid)
                os.sched_setaffinity(pid, {self.cpu})
            except OSError:  # gone meanwhile, or not ours to change
                self.before.pop(pid, None)
        return self

    def __exit__(self, *_exc):
        for pid in _pids_named("postgres"):
            try:
                os.sched_setaffinity(pid, self.before.get(pid) or cores())
            except OSError:
                pass


def _pids_named(name):
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    yield int(entry.name)
            except OSError:
                continue


def _pinned(cpu):
    """What a child process does before it starts: pin itself to `cpu`, take NICE."""
    def prepare():
        if cpu is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {cpu})
        if NICE:
            os.setsid()
            try:
                with open("/proc/self/autogroup", "w") as handle:
                    handle.write(str(NICE))
            except OSError:
                pass  # no autogroup scheduling here: the process's own nice is enough
            os.setpriority(os.PRIO_PROCESS, 0, NICE)
    return prepare


class Process:
    """A child process with its output in a log file."""

    def __init__(self, name, argv, env, log_path, cpu=None):
        self.name, self.argv, self.env, self.cpu = name, argv, env, cpu
        self.log_path = Path(log_path)
        self.proc = None
        self._log = None

    @property
    def pid(self):
        return self.proc.pid

    @property
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self, ready, what):
        """Start, then poll `ready()` until it returns True (deadline START_TIMEOUT)."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.argv, cwd=ROOT, env=self.env,
                                     stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=subprocess.STDOUT, preexec_fn=_pinned(self.cpu))
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with status {self.proc.returncode} "
                                   f"before {what}:\n{self.log()}")
            if ready():
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not {what} within {START_TIMEOUT:.0f}s:"
                                   f"\n{self.log()}")
            time.sleep(POLL)

    def stop(self):
        if self.alive:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=STOP_TIMEOUT)
        if self._log:
            self._log.close()
            self._log = None

    def log(self, tail=4000):
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def _answers_http(url):
    def ready():
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            return True
        except urllib.error.HTTPError:
            return True  # any HTTP answer: it accepts requests
        except OSError:
            return False
    return ready


class WebServer(Process):
    def __init__(self, name, argv, env, log_path, port, cpu=None):
        super().__init__(name, argv, env, log_path, cpu)
        self.port = port

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def start(self):
        return super().start(_answers_http(self.url), f"answering on {self.url}")


def roundtable(mode, database_url, log_path, settings=None, cpu=None, port=None):
    """run.py as shipped, with one async runtime, on 127.0.0.1."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env.update({"ROUNDTABLE_ASYNC_MODE": mode, "HOST": HOST, "PORT": str(port),
                "DATABASE_URL": database_url, "ROUNDTABLE_QUIET": "1",
                "PYTHONUNBUFFERED": "1"})
    env.update({k: str(v) for k, v in (settings or {}).items()})
    return WebServer(f"Roundtable ({mode})", [sys.executable, str(ROOT / "run.py")], env, log_path,
                     port, cpu)


def floor(mode, log_path, interval=0.1, cpu=None, port=None, revealed=False,
          phone_interval=1.0):
    """bench/floor_server.py: the same runtime with no application behind it."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env["PYTHONUNBUFFERED"] = "1"
    from workshop.config import DEFAULTS  # the floor pings as Roundtable does

    argv = [sys.executable, str(ROOT / "bench" / "floor_server.py"), "--mode", mode,
            "--port", str(port), "--interval", str(interval),
            "--phone-interval", str(phone_interval),
            "--ping-interval", str(DEFAULTS["PING_INTERVAL"]),
            "--ping-timeout", str(DEFAULTS["PING_TIMEOUT"])] + (["--revealed"] if revealed else [])
    return WebServer(f"floor server ({mode})", argv, env, log_path, port, cpu)


class Redis(Process):
    """A redis-server of our own: loopback only, no persistence, gone when stopped."""

    def __init__(self, log_path, port=None, cpu=None):
        binary = shutil.which("redis-server") or (
            "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)
        if binary is None:
            raise RuntimeError("redis-server is not installed: `apt-get install redis-server` "
                               "(.ci/run installs it).")
        self.port = port or free_port()
        argv = [binary, "--port", str(self.port), "--bind", HOST, "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes"]
        super().__init__("redis-server", argv, dict(os.environ), log_path, cpu)

    @property
    def url(self):
        return f"redis://{HOST}:{self.port}/0"

    def _pong(self):
        try:
            with socket.create_connection((HOST, self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        return super().start(self._pong, f"answering PING on port {self.port}")


class PostgresSchema:
    """A schema of its own in an existing PostgreSQL database, dropped at the end, so that
    a run neither sees nor disturbs other tables there (other tests drop theirs). The URL
    it gives sets the search_path, so the servers create and use their tables in it."""

    def __init__(self, url, prefix="rt"):
        import secrets

        self.base = url
        self.name = f"{prefix}_{secrets.token_hex(4)}"
        separator = "&" if "?" in url else "?"
        self.url = f"{url}{separator}options=-csearch_path%3D{self.name}"

    def _run(self, statement):
        import psycopg2

        dsn = self.base.replace("postgresql+psycopg2://", "postgresql://", 1)
        connection = psycopg2.connect(dsn, connect_timeout=5)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(statement)
        finally:
            connection.close()

    def __enter__(self):
        self._run(f'CREATE SCHEMA "{self.name}"')
        return self

    def __exit__(self, *exc_info):
        self._run(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')
