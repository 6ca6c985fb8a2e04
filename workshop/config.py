"""Settings come from the environment; tests pass their own mapping instead."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"

DEFAULTS = {
    "DATABASE_URL": f"sqlite:///{INSTANCE_DIR / 'roundtable.db'}",
    "PUBLIC_URL": "",  # e.g. https://workshop.example.org; empty: the address the request came to
    "HOST": "0.0.0.0",
    "PORT": 5000,
    "ROUNDTABLE_ASYNC_MODE": "gevent",  # measured against eventlet: bench/README.md
    "ALLOWED_ORIGINS": "",  # extra origins for Socket.IO, comma separated
    "MAX_MESSAGE_BYTES": 64 * 1024,  # one Socket.IO message; the library default is 1 MB
    "BROADCAST_INTERVAL": 0.1,  # seconds between coalesced screen updates (about ten a second)
    "COOKIE_SECURE": False,
    "COOKIE_DAYS": 30,
    "MESSAGE_QUEUE": "",
    "RETENTION_DAYS": 30,  # a workshop is deleted this many days after it was last used
    "EVENTS_PER_SECOND": 10,  # Socket.IO messages one connection may send, on average...
    "EVENT_BURST": 30,  # ...and at once
    "PARTICIPANT_EVENTS_PER_SECOND": 15,  # the same for one participant across their tabs
    "PARTICIPANT_EVENT_BURST": 40,
    "MAX_CONNECTIONS_PER_WORKSHOP": 5000,
    "MAX_CONNECTIONS_PER_ADDRESS": 500,  # a venue's wi-fi may put every phone behind one
    "GUESSES_PER_MINUTE": 30,  # unknown join codes or wrong facilitator keys per address
    "DB_BUSY_TIMEOUT_MS": 5000,  # how long a write waits for a locked SQLite database
    "PROXY_HOPS": 0,  # proxies in front that set X-Forwarded-For/-Proto/-Host
    "TRANSPORTS": "websocket,polling",  # "websocket" alone: no sticky sessions needed
    # A ping every PING_INTERVAL seconds, answered within PING_TIMEOUT: a phone notices a
    # dead link (and says so) within their sum, and so does the server. Cost: docs/deploy.md.
    "PING_INTERVAL": 5,
    "PING_TIMEOUT": 5,
}

_INTS = {"PORT", "MAX_MESSAGE_BYTES", "COOKIE_DAYS", "RETENTION_DAYS", "EVENT_BURST",
         "PARTICIPANT_EVENT_BURST", "MAX_CONNECTIONS_PER_WORKSHOP",
         "MAX_CONNECTIONS_PER_ADDRESS", "GUESSES_PER_MINUTE", "DB_BUSY_TIMEOUT_MS", "PROXY_HOPS",
         "PING_INTERVAL", "PING_TIMEOUT"}
_FLOATS = {"BROADCAST_INTERVAL", "EVENTS_PER_SECOND", "PARTICIPANT_EVENTS_PER_SECOND"}
_BOOLS = {"COOKIE_SECURE"}


def _convert(name, value):
    if name in _INTS:
        return int(value)
    if name in _FLOATS:
        return float(value)
    if name in _BOOLS:
        return str(value).lower() in {"1", "true", "yes", "on"}
    return value


def load(overrides=None, environ=None):
    """Defaults, then the environment, then explicit overrides (tests)."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for name in DEFAULTS:
        if name in environ:
            config[name] = _convert(name, environ[name])
    config.update(overrides or {})
    config["PUBLIC_URL"] = config["PUBLIC_URL"].rstrip("/")
    return config

