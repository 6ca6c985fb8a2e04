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


def test_a_loaded_workshop_holds_no_cycle_so_freezing_it_never_keeps_it(db_url, clock):
    """Frozen objects are never collected, only freed by reference counting: a workshop's
    state, frozen once loaded, must go that way when the workshop is forgotten."""
    from tests.unit.helpers import Session, open_engine

    session = Session(open_engine(db_url))
    question = session.add_question()
    session.control("start")
    for person in (session.join(), session.join()):
        session.answer(person, question, "Different words for one thing")
    engine = open_engine(db_url)  # a restarted server loads it from the database
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        assert engine.workshop(session.code) is not None
        assert gc.get_freeze_count() > 0  # frozen once loaded
        engine.forget(session.code)
        gc.unfreeze()
        gc.collect()
        kept = [thing for thing in gc.garbage
                if type(thing).__module__.startswith(("activities", "workshop.running"))]
        assert kept == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
