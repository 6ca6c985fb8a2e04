"""Who has a screen open: the participants connected to this process, counted per socket,
and those other processes report through the cluster (cluster.py).

Each change to who is connected takes a fresh stamp, never repeated: with the number of
participants it is the cheap key by which the broadcaster knows that the console's
people list may have changed (Engine.people_key)."""
import itertools
from types import MappingProxyType

_NOBODY = MappingProxyType({})


class Presence:
    def __init__(self):
        self._here = {}  # code -> {participant id: open sockets}, this process only
        self._elsewhere = {}  # code -> {other process: participant ids}
        self._stamps = itertools.count(1)  # never repeats, even after a workshop is forgotten
        self._latest = {}  # code -> the stamp of its latest change

    def here(self, code):
        """{participant id: open sockets} in this process, read-only."""
        counts = self._here.get(code)
        return MappingProxyType(counts) if counts else _NOBODY

    def ids(self, code):
        """Participants with a screen open here or, with several processes, anywhere."""
        ids = set(self._here.get(code, {}))
        for others in self._elsewhere.get(code, {}).values():
            ids |= others
        return ids

    def count(self, code):
        """How many participants have a screen open, here or anywhere; without other
        processes, with no set built."""
        if not self._elsewhere.get(code):
            return len(self._here.get(code, {}))
        return len(self.ids(code))

    def stamp(self, code):
        return self._latest.get(code, 0)

    def connect(self, code, participant_id):
        """One more socket of this participant; True if it is their first here."""
        counts = self._here.setdefault(code, {})
        counts[participant_id] = counts.get(participant_id, 0) + 1
        return self._changed(code) if counts[participant_id] == 1 else False

    def disconnect(self, code, participant_id):
        """One socket fewer; True if it was their last here."""
        counts = self._here.get(code, {})
        if participant_id not in counts:
            return False
        counts[participant_id] -= 1
        if counts[participant_id] > 0:
            return False
        del counts[participant_id]
        return self._changed(code)

    def report(self, code, origin, participant_ids):
        """Another process says who is connected to it now."""
        ids = set(participant_ids)
        elsewhere = self._elsewhere.setdefault(code, {})
        if elsewhere.get(origin) != ids:
            elsewhere[origin] = ids
            self._changed(code)

    def forget(self, code):
        self._here.pop(code, None)
        self._elsewhere.pop(code, None)
        self._latest.pop(code, None)

    def _changed(self, code):
        self._latest[code] = next(self._stamps)
        return True
