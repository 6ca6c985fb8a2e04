"""The garbage collector, kept off the hot path.

Python's cyclic collector stops the whole process while it runs, and a full collection
looks at every object alive: with 2,000 phones connected each one took 260 to 480 ms,
three or four times during fifteen seconds of voting, and no vote was answered meanwhile.

- What lives as long as the process is frozen (`gc.freeze`): the app once it has
  started (`start`), a workshop's state once it has been loaded (`loaded`). A frozen
  object is never looked at again by a collection, and is still freed as usual when
  nothing refers to it any more.
- The phones' connections are long-lived too, but they come and go, and a closed one is
  garbage that only a full collection frees: freezing them for good would keep every
  closed connection. So the full collection is run here, when the server is quiet (no
  change anywhere for QUIET seconds: between joining and voting, say) and the heap has
  grown since the last one: everything is unfrozen, collected once, and what survives is
  frozen again. The automatic full collections that still come while phones vote then
  look only at what is new since.
- The thresholds stay Python's own. Measured (bench/README.md, "The garbage collector"):
  larger young generations mean fewer collections but longer pauses (10,000: up to 37 ms
  young and 126 ms middle; 50,000: 111 ms and 309 ms), and the pauses are what phones
  feel.
"""
import gc
import time

QUIET = 1.0  # seconds with no change anywhere before a full collection may run
LOOK_EVERY = 0.5  # seconds between two looks
GROWN = 10  # middle-generation collections since the last full one (Python waits for 10)


def start():
    """At start, once the app is built: collect, and freeze what is there."""
    gc.collect()
    gc.freeze()


def loaded():
    """A workshop has been loaded: its state lives until the workshop is deleted (and then
    goes by reference counting). Freezing is cheap: no collection runs."""
    gc.freeze()


class Collector:
    """Runs the full collection at quiet moments (see the module docstring)."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.last_change = clock()
        self.settled_at = _middle_collections()

    def changed(self):
        """Something changed in some workshop: not a quiet moment."""
        self.last_change = self.clock()

    def step(self):
        """Collect now if it is quiet and the heap has grown; whether it did."""
        if self.clock() - self.last_change < QUIET:
            return False
        if _middle_collections() - self.settled_at < GROWN:
            return False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.settled_at = _middle_collections()
        return True

    def keep(self, sleep):
        """Forever, as a background task: look every LOOK_EVERY seconds."""
        while True:
            sleep(LOOK_EVERY)
            self.step()


def _middle_collections():
    return gc.get_stats()[1]["collections"]
