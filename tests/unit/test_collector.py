"""The garbage collector's full collection waits for a quiet moment, and runs then only if
the heap has grown; what survives it is frozen, so that later collections skip it."""
import gc

import pytest

from workshop import collector
from workshop.collector import Collector


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    gc.unfreeze()  # workshops loaded by earlier tests were frozen: start from none
    yield Clock()
    gc.unfreeze()


def grow_the_heap(kept):
    """Objects that live on (what joining phones leave behind), until Python has run more
    middle-generation collections than the collector waits for. (Counted rather than
    allocated by a fixed amount: Python may run a full collection instead of one of them.)"""
    start = gc.get_stats()[1]["collections"]
    while gc.get_stats()[1]["collections"] - start <= collector.GROWN:
        kept.extend([[n] for n in range(gc.get_threshold()[0])])


def test_nothing_is_collected_while_changes_keep_coming(clock):
    keeper, kept = Collector(clock), []
    grow_the_heap(kept)
    for _look in range(10):
        clock.now += collector.QUIET / 2
        keeper.changed()
        assert keeper.step() is False
    assert gc.get_freeze_count() == 0


def test_a_quiet_moment_after_growth_collects_once_and_freezes_what_survives(clock):
    keeper, kept = Collector(clock), []
    grow_the_heap(kept)
    keeper.changed()
    clock.now += collector.QUIET
    garbage = [[]]
    garbage[0].append(garbage)  # a cycle only a full collection frees
    del garbage
    full_before = gc.get_stats()[2]["collections"]
    assert keeper.step() is True
    assert gc.get_stats()[2]["collections"] == full_before + 1
    assert gc.get_freeze_count() >= len(kept)
    assert keeper.step() is False  # quiet still, but nothing has grown since


def test_a_quiet_server_that_has_not_grown_is_left_alone(clock):
    keeper = Collector(clock)
    clock.now += 10 * collector.QUIET
    assert keeper.step() is False
    assert gc.get_freeze_count() == 0
