"""Group commit: contributions to one workshop that arrive together are written in one
transaction.

Every vote was its own transaction, and a workshop's transactions run one at a time
(under its lock): at hundreds of votes a second, on PostgreSQL above all, each waited for
all the commits before it. Now the first contribution to arrive leads: it gives way
once, so that whatever is ready to run joins it, takes every contribution waiting, and
has them written in one transaction (`write`); each is answered only once that
transaction is committed. Contributions arriving meanwhile wait for the next group, led
by the first of them. Each is still checked on its own (a refusal refuses only it) and
still recognised by its client id (a resend is answered with the first reply).

While a workshop is busy (a group of it was written less than BUSY seconds ago), a leader
gives way for GATHER seconds rather than once, so that what arrives within those two
milliseconds joins its group: with thousands of phones voting, a transaction's own cost
(taking the database's write lock, the version, the commit) was most of a vote's, and
giving way once let only what was already read join. A contribution to a quiet workshop
is written at once, as before. The runtime's own sleep paces it (socketio.sleep, which
create_app gives the engine); a plain `time.sleep` where there is no server (unit tests).
"""
import threading
import time

GATHER = 0.002  # seconds a leader waits for others to join its group, while busy
BUSY = 0.05  # a workshop with a group written less than this long ago is busy


class Outcome:
    """What became of one change: its result, or the refusal or error to raise."""

    __slots__ = ("result", "error")

    def __init__(self, result=None, error=None):
        self.result, self.error = result, error

    def get(self):
        if self.error is not None:
            raise self.error
        return self.result


class _Entry:
    __slots__ = ("change", "outcome", "done", "leads")

    def __init__(self, change):
        self.change = change  # (apply, answered), as Engine.write takes them
        self.outcome = None
        self.done = None  # an Event, made only for an entry that has to wait
        self.leads = False


class Groups:
    def __init__(self, write, retry_alone, gather=GATHER, clock=time.monotonic,
                 sleep=time.sleep):
        self.write = write  # write(code, changes) -> [Outcome], one transaction
        self.retry_alone = retry_alone  # errors for which each change is tried alone
        self.gather, self.clock, self.sleep = gather, clock, sleep
        self._guard = threading.Lock()
        self._waiting = {}  # code -> entries not yet written
        self._writing = set()  # codes whose group is being written now
        self._written = {}  # code -> when its last group was written, while busy

    def run(self, code, apply, answered=None):
        """The result of `apply`, written with whatever arrives with it."""
        entry = _Entry((apply, answered))
        with self._guard:
            waiting = self._waiting.setdefault(code, [])
            waiting.append(entry)
            entry.leads = code not in self._writing
            if entry.leads:
                self._writing.add(code)
            else:
                entry.done = threading.Event()
        if not entry.leads:
            entry.done.wait()
            if not entry.leads:  # written in someone else's group
                return entry.outcome.get()
        # What is ready to run now, or while busy arrives within `gather`, joins this
        # group: `sleep` is the runtime's (socketio.sleep, handed down by create_app).
        self.sleep(self.gather if self._busy(code) else 0)
        self._lead(code)
        return entry.outcome.get()

    def _busy(self, code):
        return self.clock() - self._written.get(code, -BUSY) < BUSY

    def _lead(self, code):
        with self._guard:
            group = self._waiting.pop(code, [])
        for entry, outcome in zip(group, self._outcomes(code, group)):
            entry.outcome = outcome
        with self._guard:
            now = self.clock()
            if len(self._written) > 1000:  # forget the workshops that are quiet again
                self._written = {c: t for c, t in self._written.items() if now - t < BUSY}
            self._written[code] = now
            following = self._waiting.get(code)
            if following:
                following[0].leads = True  # the next group is theirs to write
            else:
                self._writing.discard(code)
                self._waiting.pop(code, None)
        for entry in group:
            if entry.done is not None:
                entry.done.set()
        if following:
            following[0].done.set()

    def _outcomes(self, code, group):
        changes = [entry.change for entry in group]
        try:
            return self.write(code, changes)
        except self.retry_alone as exc:
            if len(changes) == 1:
                return [Outcome(error=exc)]
            return [self._alone(code, change) for change in changes]
        except Exception as exc:
            return [Outcome(error=exc) for _change in changes]

    def _alone(self, code, change):
        try:
            return self.write(code, [change])[0]
        except Exception as exc:
            return Outcome(error=exc)

