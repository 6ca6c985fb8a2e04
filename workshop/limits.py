"""Limits on floods and guessing, kept in memory only: an address is used as a key for a
moment and never stored."""
import threading
import time


class RateLimiter:
    """A token bucket per key: `rate` events a second on average, `burst` at once."""

    def __init__(self, rate, burst, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets = {}  # key -> (tokens, last time)
        self._lock = threading.Lock()

    def allow(self, key):
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > 100_000:
                self._forget_idle(now)
            return allowed

    def exhausted(self, key):
        """True while `key` has nothing left, without spending anything."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            return min(self.burst, tokens + (now - last) * self.rate) < 1

    def forget(self, key):
        with self._lock:
            self._buckets.pop(key, None)

    def _forget_idle(self, now):
        full_after = self.burst / self.rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}


class Counter:
    """How many of something (connections) each key holds now."""

    def __init__(self):
        self._counts = {}
        self._lock = threading.Lock()

    def add(self, key, limit):
        """Count one more for `key` unless it already holds `limit`; say whether it did."""
        with self._lock:
            if self._counts.get(key, 0) >= limit:
                return False
            self._counts[key] = self._counts.get(key, 0) + 1
            return True

    def remove(self, key):
        with self._lock:
            left = self._counts.get(key, 0) - 1
            if left > 0:
                self._counts[key] = left
            else:
                self._counts.pop(key, None)

    def __getitem__(self, key):
        return self._counts.get(key, 0)


class Limits:
    """The limits one app enforces, from its settings."""

    def __init__(self, cfg):
        self.connection_events = RateLimiter(cfg["EVENTS_PER_SECOND"], cfg["EVENT_BURST"])
        self.participant_events = RateLimiter(cfg["PARTICIPANT_EVENTS_PER_SECOND"],
                                              cfg["PARTICIPANT_EVENT_BURST"])
        self.guesses = RateLimiter(cfg["GUESSES_PER_MINUTE"] / 60, cfg["GUESSES_PER_MINUTE"])
        self.per_workshop, self.per_address = Counter(), Counter()
        self.max_per_workshop = cfg["MAX_CONNECTIONS_PER_WORKSHOP"]
        self.max_per_address = cfg["MAX_CONNECTIONS_PER_ADDRESS"]
