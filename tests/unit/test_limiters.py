"""The limiters on their own, with a clock the test turns: token buckets, the places
connections hold, how addresses are counted, the join link's pass, the console's alerts,
and the reasoning behind the default numbers (docs/security.md, "A venue behind one
address")."""
from types import SimpleNamespace

import pytest

from workshop import alerts
from workshop.admission import PASS_BYTES, is_pass, join_pass
from workshop.config import DEFAULTS
from workshop.limits import (FACILITATOR_SCREEN, PHONE, ROOM_SCREEN, Counter, Limits,
                             RateLimiter, address_key)
from workshop.security import CODE_ALPHABET, CODE_LENGTH, digest, new_join_code, new_secret


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


# ---------------------------------------------------------------------- token buckets
def test_a_bucket_gives_its_burst_then_one_per_refill():
    clock = Clock()
    bucket = RateLimiter(rate=0.5, burst=3, clock=clock)
    assert [bucket.allow("a") for _ in range(4)] == [True, True, True, False]
    assert bucket.allow("b") is True  # each key has its own
    clock.now += 1.9
    assert bucket.allow("a") is False
    clock.now += 0.1
    assert [bucket.allow("a") for _ in range(2)] == [True, False]
    clock.now += 3600
    assert [bucket.allow("a") for _ in range(4)] == [True, True, True, False]  # no more


def test_asking_whether_a_bucket_is_empty_spends_nothing():
    clock = Clock()
    bucket = RateLimiter(rate=1, burst=2, clock=clock)
    assert not any(bucket.exhausted("a") for _ in range(10))
    bucket.allow("a")
    bucket.allow("a")
    assert bucket.exhausted("a")
    clock.now += 1
    assert not bucket.exhausted("a")
    bucket.forget("a")
    assert [bucket.allow("a") for _ in range(3)] == [True, True, False]


def test_a_rate_of_0_gives_the_burst_once_and_never_forgets_a_spent_key():
    """GUESSES_PER_HOUR=0 (or any rate of 0) is a setting the server accepts: past the
    number of keys where idle ones are swept away, nothing is full again, so nothing may
    be forgotten (forgetting would hand a key a fresh burst)."""
    clock = Clock()
    bucket = RateLimiter(rate=0, burst=1, clock=clock)
    assert [bucket.allow("first") for _ in range(2)] == [True, False]
    for n in range(RateLimiter.SWEEP_AT + 1):
        assert bucket.allow(n)
    clock.now += 10 * 365 * 24 * 3600
    assert bucket.allow("first") is False
    assert bucket.allow(0) is False


def test_keys_that_stay_cost_a_sweep_now_and_then_not_one_per_event(monkeypatch):
    monkeypatch.setattr(RateLimiter, "SWEEP_AT", 10)
    bucket = RateLimiter(rate=0, burst=1, clock=Clock())
    sweeps = []
    sweep = bucket._forget_idle
    monkeypatch.setattr(bucket, "_forget_idle", lambda now: sweeps.append(now) or sweep(now))
    for n in range(1000):
        bucket.allow(n)
    assert len(sweeps) == 7  # at 11, 23, 47, 95, 191, 383 and 767 keys
    assert not any(bucket.allow(n) for n in range(1000))  # and none forgotten


# ---------------------------------------------------------------------- places
def test_a_counter_takes_every_place_or_none():
    counter = Counter()
    assert counter.take({"x": 2, "y": 1}) is None
    assert counter.take({"x": 2, "y": 1}) == "y"
    assert counter["x"] == 1  # the refusal counted nothing under x
    counter.give_back(["x", "y"])
    assert counter["x"] == counter["y"] == 0
    assert counter.take({"x": 2, "y": 1}) is None


def limits(**settings):
    return Limits({**DEFAULTS, **settings})


def test_each_kind_of_screen_has_places_of_its_own():
    held = limits(MAX_PRESENTERS_PER_WORKSHOP=2, MAX_CONSOLES_PER_WORKSHOP=1,
                  MAX_CONNECTIONS_PER_ADDRESS=3, MAX_SCREENS_PER_ADDRESS=10)
    assert [held.take_place("K7P3XQ", "venue", ROOM_SCREEN) for _ in range(3)] \
        == [None, None, "presenters"]
    assert [held.take_place("K7P3XQ", "venue", FACILITATOR_SCREEN) for _ in range(2)] \
        == [None, "consoles"]
    assert [held.take_place("K7P3XQ", "venue", PHONE) for _ in range(4)] \
        == [None, None, None, "phones from"]
    assert held.take_place("K7P3XQ", "home", PHONE) is None
    held.give_back_place("K7P3XQ", "venue", ROOM_SCREEN)
    assert held.take_place("K7P3XQ", "venue", ROOM_SCREEN) is None


def test_screens_from_one_address_are_counted_across_workshops_apart_from_phones():
    held = limits(MAX_SCREENS_PER_ADDRESS=2, MAX_CONNECTIONS_PER_ADDRESS=1)
    assert held.take_place("AAAAAA", "venue", ROOM_SCREEN) is None
    assert held.take_place("BBBBBB", "venue", FACILITATOR_SCREEN) is None
    assert held.take_place("CCCCCC", "venue", ROOM_SCREEN) == "screens from"
    assert held.take_place("CCCCCC", "venue", PHONE) is None


def test_every_connection_counts_towards_its_workshop():
    held = limits(MAX_CONNECTIONS_PER_WORKSHOP=2)
    assert held.take_place("K7P3XQ", "a", PHONE) is None
    assert held.take_place("K7P3XQ", "b", ROOM_SCREEN) is None
    assert held.take_place("K7P3XQ", "c", FACILITATOR_SCREEN) == "workshop"


# ---------------------------------------------------------------------- addresses
@pytest.mark.parametrize("address,key", [
    ("198.51.100.7", "198.51.100.7"),
    ("2001:db8:5:7:abcd::1", "2001:db8:5:7::/64"),
    ("2001:DB8:5:7::ffff", "2001:db8:5:7::/64"),
    ("::ffff:198.51.100.7", "198.51.100.7"),  # IPv4 written as IPv6 is the same address
    ("", "unknown"),
    (None, "unknown"),
    ("not an address", "not an address"),
])
def test_addresses_are_counted_by_network(address, key):
    assert address_key(address) == key


# ---------------------------------------------------------------------- the join link's pass
def workshop(code=None, key=None):
    return SimpleNamespace(code=code or new_join_code(), key_hash=digest(key or new_secret()))


def test_a_pass_is_short_and_belongs_to_one_workshop_and_its_key():
    live = workshop("K7P3XQ")
    given = join_pass(live.code, live.key_hash)
    assert len(given) == 16 and given == join_pass(live.code, live.key_hash)
    assert set(given) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                             "0123456789-_")  # safe in a link, nothing to escape
    assert PASS_BYTES * 8 == 96
    assert is_pass(live, given)
    assert not is_pass(workshop("K7P3XQ"), given)  # the same code, another key
    assert not is_pass(workshop("K7P3XR", "the same key"),
                       join_pass("K7P3XQ", digest("the same key")))  # another code
    for other in (None, 12, "", given[:-1], given + "A", "é" * 16, "\udc80" * 16):
        assert not is_pass(live, other)


# ---------------------------------------------------------------------- the console's alerts
def test_the_console_is_told_once_every_few_seconds_per_workshop_and_kind():
    sent = []
    clock = Clock()
    told = alerts.Alerts(SimpleNamespace(emit=lambda *args, **kwargs: sent.append(
        (args, kwargs))), DEFAULTS, clock=clock)
    for _ in range(50):
        told.tell("K7P3XQ", "joins")
    told.tell("K7P3XQ", "typed")
    told.tell("AAAAAA", "joins")
    assert [(args[1]["kind"], kwargs["to"]) for args, kwargs in sent] == [
        ("joins", "K7P3XQ:facilitator"), ("typed", "K7P3XQ:facilitator"),
        ("joins", "AAAAAA:facilitator")]
    assert sent[0][0] == ("limited", {"kind": "joins", "burst": 60, "per_minute": 120})
    assert sent[1][0][1] == {"kind": "typed"}
    clock.now += alerts.EVERY - 0.01
    told.tell("K7P3XQ", "joins")
    assert len(sent) == 3
    clock.now += 0.01
    told.tell("K7P3XQ", "joins")
    assert len(sent) == 4


# ---------------------------------------------------------------------- the default numbers
CODES = len(CODE_ALPHABET) ** CODE_LENGTH  # 887,503,681
LARGEST_ROOM = 60  # most days' largest room (PRODUCT.md: 5 to 60 people)


def test_guessing_from_one_address_stays_hopeless_for_the_code_space():
    """Within a workshop's whole life (kept RETENTION_DAYS after its last use), one
    address guessing all the time finds that workshop's code with a chance under 1 in
    10,000; and over one day, with a thousand workshops stored, it finds any of them
    with a chance under 1 in 500."""
    life_hours = DEFAULTS["RETENTION_DAYS"] * 24
    in_a_life = DEFAULTS["GUESS_BURST"] + DEFAULTS["GUESSES_PER_HOUR"] * life_hours
    assert CODES == 887_503_681
    assert in_a_life / CODES < 1 / 10_000
    in_a_day = DEFAULTS["GUESS_BURST"] + DEFAULTS["GUESSES_PER_HOUR"] * 24
    assert 1000 * in_a_day / CODES < 1 / 500


def test_a_room_mistyping_the_code_never_meets_the_guessing_limit():
    """Every person of the largest ordinary room typing a wrong code, and then a third
    of them once more, all at once: still within the allowance."""
    assert LARGEST_ROOM + LARGEST_ROOM // 3 <= DEFAULTS["GUESS_BURST"]


def test_a_room_joining_never_meets_the_joining_limit_and_a_script_soon_does():
    """The largest ordinary room may join all in the same moment, and a conference of
    1,000 behind one address within ten minutes; a script is held to 2 a second."""
    assert DEFAULTS["JOIN_BURST"] >= LARGEST_ROOM
    assert DEFAULTS["JOIN_BURST"] + DEFAULTS["JOINS_PER_MINUTE"] * 10 >= 1000
    assert DEFAULTS["JOINS_PER_MINUTE"] / 60 <= 2
