"""Coalesced screen updates.

Changes only mark a workshop as changed. Every BROADCAST_INTERVAL seconds the
broadcaster sends each role's room its view, and each affected participant their own
part, and only when it differs from what that room was last sent. A burst of
contributions becomes at most one redraw per interval per screen.

The facilitator's list of participants goes apart, as a `people` event, and only when
the list itself changed: a vote redraws the console's activity, not two thousand names.
The engine's `people_key` says cheaply whether the list may have changed, so that on most
flushes it is not even built.
"""
import hashlib
import json
import logging
import threading

from activities.base import FACILITATOR, PARTICIPANT, ROLES

from . import rooms

log = logging.getLogger(__name__)

EVERYONE = "all"


class Broadcaster:
    def __init__(self, socketio, engine, interval):
        self.socketio = socketio
        self.engine = engine
        self.interval = interval
        self._dirty = {}  # code -> participant ids whose own view may have changed
        self._sent = {}  # (room, event) -> digest of what it was last sent
        self._people_keys = {}  # facilitator room -> engine.people_key when last built
        self._task = None
        self._lock = threading.Lock()  # marks may come from several threads at once

    def mark(self, code, participant_ids=()):
        """Something in this workshop changed: every role's view, and the own views of
        these participants (or EVERYONE connected here), may need sending."""
        self._note(code, participant_ids, roles=True)

    def mark_own(self, code, participant_ids):
        """Only these participants' own views may have changed (another process sent the
        role views already)."""
        self._note(code, participant_ids, roles=False)

    def _note(self, code, participant_ids, roles):
        with self._lock:
            entry = self._dirty.setdefault(code, {"roles": False, "people": set()})
            entry["roles"] |= roles
            if participant_ids == EVERYONE:
                entry["people"].add(EVERYONE)
            else:
                entry["people"].update(participant_ids)
        if self.interval <= 0:
            self.flush()
        elif self._task is None:
            self._task = self.socketio.start_background_task(self._run)

    def _run(self):
        while True:
            self.socketio.sleep(self.interval)
            try:
                self.flush()
            except Exception:  # a broken view must not stop every other screen's updates
                log.exception("broadcast failed")

    def flush(self):
        with self._lock:
            dirty, self._dirty = self._dirty, {}
        for number, (code, entry) in enumerate(dirty.items()):
            if number:  # let waiting answers out between workshops
                self.socketio.sleep(0)
            if self.engine.shared:
                self.engine.catch_up(code)
            if self.engine.workshop(code) is None:
                continue
            if entry["roles"]:
                for role in ROLES:
                    room = rooms.role(code, role)
                    if not self._watched(code, role, room):
                        continue
                    self._send(room, "view", self.engine.view(code, role, people=False))
                    if role == FACILITATOR:
                        self._send_people(code, room)
            people = entry["people"]
            here = self.engine.connected_here(code)
            if EVERYONE in people:
                people = set(here)
            for participant_id in people:
                room = rooms.person(code, participant_id)
                # Only the tabs connected to this process: one connected elsewhere is
                # refreshed by its own process, told through the cluster (cluster.py).
                if participant_id in here:
                    self._send(room, "mine", self.engine.own(code, participant_id))
                else:
                    self._sent.pop((room, "mine"), None)

    def _send_people(self, code, room):
        """The console's people list, built only when the engine's key says it may have
        changed, and sent only when it did."""
        key = self.engine.people_key(code)
        if key is None or self._people_keys.get(room) == key:
            return
        self._people_keys[room] = key
        self._send(room, "people", self.engine.people(code))

    def _watched(self, code, role, room):
        """Whether a view for `room` has anyone to go to. With one process, a room with no
        screen connected needs no view: building the console's ten times a second for
        nobody was most of a flush. A screen that connects later asks for a snapshot
        (`sync`), and the room's digests are forgotten so that the next change reaches it
        in full. With several processes the screens may be connected to another process,
        which hears what is sent here through the message queue: every room is sent,
        except the participants' when no participant is connected anywhere (presence
        comes from every process; one that hears of new phones elsewhere marks the
        workshop, and so sends them the view in full)."""
        if self.engine.shared:
            watched = role != PARTICIPANT or bool(self.engine.connected_count(code))
        else:
            manager = getattr(getattr(self.socketio, "server", None), "manager", None)
            if manager is None:  # nothing to ask: send, as before
                return True
            watched = next(iter(manager.get_participants("/", room)), None) is not None
        if not watched:
            self._sent.pop((room, "view"), None)
            self._sent.pop((room, "people"), None)
            self._people_keys.pop(room, None)
        return watched

    def told(self, code, participant_id, own):
        """A participant's action was answered with their own view (`own`). If that tab
        is their only one here, it already shows `own`: the next flush need not send
        it again, and need not send it at all unless something else changes it."""
        if self.engine.connected_here(code).get(participant_id) == 1:
            self._sent[(rooms.person(code, participant_id), "mine")] = _digest(own)

    def _send(self, room, event, data):
        digest = _digest(data)
        if self._sent.get((room, event)) == digest:
            return
        self._sent[(room, event)] = digest
        self.socketio.emit(event, data, to=room)

    def ended(self, code):
        """Tell every screen of a deleted workshop, and forget what they were sent."""
        with self._lock:
            self._dirty.pop(code, None)
        for role in ROLES:
            self.socketio.emit("ended", {"code": code}, to=rooms.role(code, role))
        prefix = f"{code}:"
        self._sent = {key: d for key, d in self._sent.items() if not key[0].startswith(prefix)}
        self._people_keys = {room: k for room, k in self._people_keys.items()
                             if not room.startswith(prefix)}


def _digest(data):
    """What a screen shows of `data`: all of it but when it was made."""
    content = {k: v for k, v in data.items() if k not in ("version", "now")}
    return hashlib.blake2b(json.dumps(content, sort_keys=True).encode(),
                           digest_size=16).digest()
