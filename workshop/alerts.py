"""The console is told when a limit turns people away from its workshop, so that the
facilitator can tell the room what to do, or see that something is wrong.

The event carries the kind and the numbers, no words: every console of the workshop gets
the same event, each in its own language, so the console says it (screens/facilitator.js).
At most one of each kind per workshop every EVERY seconds: a script refused a thousand
times a second makes one notice, not a thousand."""
import threading
import time

from activities.base import FACILITATOR

from . import rooms

EVERY = 5.0  # seconds


def details(cfg):
    """What the console needs to say each kind: the limits' numbers."""
    return {
        "joins": {"burst": cfg["JOIN_BURST"], "per_minute": cfg["JOINS_PER_MINUTE"]},
        "typed": {},
        "presenters": {"most": cfg["MAX_PRESENTERS_PER_WORKSHOP"]},
    }


class Alerts:
    def __init__(self, socketio, cfg, clock=time.monotonic):
        self.socketio, self.clock = socketio, clock
        self.details = details(cfg)
        self._last = {}  # (code, kind) -> when the console was last told
        self._lock = threading.Lock()

    def tell(self, code, kind):
        now = self.clock()
        with self._lock:
            if now - self._last.get((code, kind), now - EVERY) < EVERY:
                return
            self._last[(code, kind)] = now
            if len(self._last) > 10_000:
                self._last = {k: t for k, t in self._last.items() if now - t < EVERY}
        self.socketio.emit("limited", {"kind": kind, **self.details[kind]},
                           to=rooms.role(code, FACILITATOR))
