"""Limits on floods and guessing, kept in memory only: an address is used as a key for a
moment and never stored."""
import ipaddress
import math
import threading
import time


class RateLimiter:
    """A token bucket per key: `rate` events a second on average, `burst` at once. A rate
    of 0 gives each key its burst and nothing more."""

    SWEEP_AT = 100_000  # keys held before the idle ones are forgotten

    def __init__(self, rate, burst, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets = {}  # key -> (tokens, last time)
        self._sweep_at = self.SWEEP_AT
        self._lock = threading.Lock()

    def allow(self, key):
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > self._sweep_at:
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
        """Forget the keys whose buckets are full again: that loses nothing. The next sweep
        waits until there are twice as many keys as it kept, so keys that stay (all of them
        at a rate of 0) cost a sweep now and then, not one per event."""
        full_after = self.burst / self.rate if self.rate > 0 else math.inf
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}
        self._sweep_at = max(self.SWEEP_AT, 2 * len(self._buckets))


class Counter:
    """How many of something (connections) each key holds now."""

    def __init__(self):
        self._counts = {}
        self._lock = threading.Lock()

    def take(self, wanted):
        """Count one more under every key of `wanted` ({key: limit}), unless one of them
        already holds its limit: then count nothing and return that key."""
        with self._lock:
            for key, limit in wanted.items():
                if self._counts.get(key, 0) >= limit:
                    return key
            for key in wanted:
                self._counts[key] = self._counts.get(key, 0) + 1
            return None

    def give_back(self, keys):
        with self._lock:
            for key in keys:
                left = self._counts.get(key, 0) - 1
                if left > 0:
                    self._counts[key] = left
                else:
                    self._counts.pop(key, None)

    def __getitem__(self, key):
        return self._counts.get(key, 0)


def address_key(address):
    """What an address is counted as. An IPv6 address counts as its /64, the block one
    home, phone or venue network is given: otherwise one network could take a fresh
    allowance from each of its 2^64 addresses. IPv4 addresses count as themselves."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


# What a live connection is, for counting places: phones, presenter screens opened with
# the join code alone, and the facilitator's screens (their consoles, and presenter
# screens in a browser that holds the facilitator's key, such as the projector they
# opened from the console). One kind never uses up another's places.
PHONE, ROOM_SCREEN, FACILITATOR_SCREEN = "phone", "room screen", "facilitator screen"


class Limits:
    """The limits one app enforces, from its settings."""

    def __init__(self, cfg):
        self.connection_events = RateLimiter(cfg["EVENTS_PER_SECOND"], cfg["EVENT_BURST"])
        self.participant_events = RateLimiter(cfg["PARTICIPANT_EVENTS_PER_SECOND"],
                                              cfg["PARTICIPANT_EVENT_BURST"])
        self.guesses = RateLimiter(cfg["GUESSES_PER_HOUR"] / 3600, cfg["GUESS_BURST"])
        self.joins = RateLimiter(cfg["JOINS_PER_MINUTE"] / 60, cfg["JOIN_BURST"])
        self.held = Counter()
        self.cfg = cfg

    def places(self, code, address, kind):
        """{key: limit} of what one connection of `kind` holds while it is open. The
        first part of each key names the limit."""
        cfg = self.cfg
        wanted = {("workshop", code): cfg["MAX_CONNECTIONS_PER_WORKSHOP"]}
        if kind == PHONE:
            wanted[("phones from", address)] = cfg["MAX_CONNECTIONS_PER_ADDRESS"]
            return wanted
        if kind == ROOM_SCREEN:
            wanted[("presenters", code)] = cfg["MAX_PRESENTERS_PER_WORKSHOP"]
        else:
            wanted[("consoles", code)] = cfg["MAX_CONSOLES_PER_WORKSHOP"]
        wanted[("screens from", address)] = cfg["MAX_SCREENS_PER_ADDRESS"]
        return wanted

    def take_place(self, code, address, kind):
        """Count one connection in: None, or the name of the limit that is full."""
        full = self.held.take(self.places(code, address, kind))
        return full and full[0]

    def give_back_place(self, code, address, kind):
        self.held.give_back(self.places(code, address, kind))
