"""What a phone's message costs the server afterwards: no reference cycle holding the
message's work, which only the garbage collector's pauses could free."""
import gc

import pytest

from tests.live.helpers import answer


@pytest.fixture
def saved_garbage():
    """Cycles found by a collection are kept for the test to look at, then let go."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    yield gc.garbage
    gc.set_debug(0)
    gc.garbage.clear()


def test_answering_and_syncing_leave_no_reference_cycles_of_their_own(room, saved_garbage):
    question = room.add_question(max_answers=10)
    room.control("start")
    phone = room.phone()
    assert answer(phone, question, "Warm up")["ok"] is True  # first-use caches filled
    gc.set_debug(0)  # what setting up left (the pages' requests) is freed, not counted
    saved_garbage.clear()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    messages = 0
    for n in range(20):
        if n < 9:
            assert answer(phone, question, f"Answer {n}")["ok"] is True
            messages += 1
        assert phone.emit("sync", {}, callback=True)["ok"] is True
        messages += 1
    gc.collect()
    kinds = {type(thing).__name__ for thing in saved_garbage}
    # Each message's frames were held in a cycle with the NotFound that Flask kept for
    # the connection's address (about 78 objects a message).
    assert not kinds & {"frame", "traceback", "RequestContext"}, kinds
    # And werkzeug's URL matcher, whose recursive inner function is a small cycle each
    # time it matches (about 10 objects a message), now matches once per connection
    # (workshop/eventcontext.py): nothing is left a message.
    assert len(saved_garbage) < messages, sorted(kinds)
