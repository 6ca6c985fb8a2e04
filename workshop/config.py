"""Settings come from the environment; tests pass their own mapping instead."""
import math
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
    "PHONE_INTERVAL": 1.0,  # seconds between one phone's updates of the room's view
    "COOKIE_SECURE": False,
    "COOKIE_DAYS": 30,
    "MESSAGE_QUEUE": "",
    "RETENTION_DAYS": 30,  # a workshop is deleted this many days after it was last used
    "EVENTS_PER_SECOND": 10,  # Socket.IO messages one connection may send, on average...
    "EVENT_BURST": 30,  # ...and at once
    "PARTICIPANT_EVENTS_PER_SECOND": 15,  # the same for one participant across their tabs
    "PARTICIPANT_EVENT_BURST": 40,
    "MAX_CONNECTIONS_PER_WORKSHOP": 5000,  # every screen of one workshop, phones included
    "MAX_CONNECTIONS_PER_ADDRESS": 500,  # phones: a venue's wi-fi may put every one behind one
    "MAX_PRESENTERS_PER_WORKSHOP": 10,  # presenter screens opened with the join code alone
    "MAX_CONSOLES_PER_WORKSHOP": 10,  # the facilitator's screens (consoles, their projector)
    "MAX_SCREENS_PER_ADDRESS": 100,  # presenter screens and consoles, across workshops
    "GUESS_BURST": 100,  # wrong join codes or keys one address may try at once...
    "GUESSES_PER_HOUR": 60,  # ...and how fast that allowance comes back (docs/security.md)
    "JOIN_BURST": 60,  # people joining one workshop from one address at once...
    "JOINS_PER_MINUTE": 120,  # ...and after that
    "PARTICIPANT_STORED_BYTES": 2 * 1024 * 1024,  # what one participant's actions may store
    "WORKSHOP_STORED_BYTES": 256 * 1024 * 1024,  # ...and all of a workshop's participants
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
         "MAX_CONNECTIONS_PER_ADDRESS", "MAX_PRESENTERS_PER_WORKSHOP",
         "MAX_CONSOLES_PER_WORKSHOP", "MAX_SCREENS_PER_ADDRESS", "GUESS_BURST", "JOIN_BURST",
         "PARTICIPANT_STORED_BYTES", "WORKSHOP_STORED_BYTES",
         "DB_BUSY_TIMEOUT_MS", "PROXY_HOPS", "PING_INTERVAL", "PING_TIMEOUT"}
_FLOATS = {"BROADCAST_INTERVAL", "PHONE_INTERVAL", "EVENTS_PER_SECOND",
           "PARTICIPANT_EVENTS_PER_SECOND", "GUESSES_PER_HOUR", "JOINS_PER_MINUTE"}
_BOOLS = {"COOKIE_SECURE"}
_YES, _NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
ASYNC_MODES = ("gevent", "eventlet")  # what run.py can patch the standard library for


class SettingError(ValueError):
    """A setting from the environment that cannot be used. The message names the variable
    and the value, and says what it takes: a mistyped setting stops the server at start
    rather than running it on something nobody asked for."""

    def __init__(self, name, value, wanted):
        super().__init__(f"{name}={value!r} cannot be used: {wanted} (the default is "
                         f"{DEFAULTS[name]!r}).")


def _convert(name, value):
    if name in _INTS or name in _FLOATS:
        wanted = "give a whole number, 0 or more" if name in _INTS else "give a number, 0 or more"
        try:
            number = int(value) if name in _INTS else float(value)
        except ValueError:
            raise SettingError(name, value, wanted) from None
        if not 0 <= number < math.inf or (name == "PORT" and number > 65535):
            raise SettingError(name, value, wanted if name != "PORT" else "give a port, 0 to 65535")
        return number
    if name in _BOOLS:
        if value.strip().lower() not in _YES + _NO:
            raise SettingError(name, value, f"give {', '.join(_YES)} for yes, or "
                                            f"{', '.join(_NO[:-1])} or nothing for no")
        return value.strip().lower() in _YES
    if name == "ROUNDTABLE_ASYNC_MODE" and value not in ASYNC_MODES:
        raise SettingError(name, value, f"give {' or '.join(ASYNC_MODES)}")
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

