"""Coalesced screen updates, on two clocks.

Changes only mark a workshop as changed. Every BROADCAST_INTERVAL seconds (the presenter's
clock, about ten times a second) the broadcaster sends the presenter and facilitator
rooms their view, and each affected participant their own part, each only when it
differs from what that room was last sent.

Phones are on a slower clock: a person reading a phone needs the room's view about once
a second (PHONE_INTERVAL), not ten times. A workshop's phones are dealt, as they
connect, into one group per presenter tick of that second, and each tick one group takes
its turn, so that 4,000 phones are sent 400 views a tick instead of 4,000 at once. What a
phone did itself never waits for its turn: its own part comes back at once in the
acknowledgement (live.py), and `told` records that it has it.

Each view is encoded to JSON once (extensions.Encoded) and that text goes to every
screen of its room, and to every group of phones, until the view changes; whether it
changed is read from the same text, without its version and time. (With several
processes, emits travel through the message queue as JSON of their own, so the view goes
as it is, and each process encodes it once for its screens.)

The facilitator's list of participants goes apart, as a `people` event, and only when
the list itself changed: a vote redraws the console's activity, not two thousand names.
The engine's `people_key` says cheaply whether the list may have changed, so that on most
flushes it is not even built.
"""
import hashlib
import json
import logging
import threading

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER

from . import rooms
from .extensions import Encoded

log = logging.getLogger(__name__)

EVERYONE = "all"
SCREENS = (FACILITATOR, PRESENTER)  # the rooms on the presenter's clock


class Broadcaster:
    def __init__(self, socketio, engine, interval, phone_interval=1.0):
        self.socketio = socketio
        self.engine = engine
        self.interval = interval
        # One group of phones per tick of the phone interval; without an interval
        # (tests), one group, sent at once like everything else.
        self.groups = max(1, round(phone_interval / interval)) if interval > 0 else 1
        self._tick = 0
        self._dirty = {}  # code -> participant ids whose own view may have changed
        self._sent = {}  # (room, event) -> digest of what it was last sent
        self._people_keys = {}  # facilitator room -> engine.people_key when last built
        self._phones_due = {}  # code -> groups of phones not yet sent the latest view
        self._phone_view = {}  # code -> (message, digest) of the phones' latest view
        self._dealt = {}  # code -> phones dealt into groups so far, here
        self._task = None
        self._lock = threading.Lock()  # marks may come from several threads at once
        self.noted = lambda: None  # told of every change (the collector waits for quiet)

    def phone_room(self, code):
        """The group a phone connecting now joins: dealt in turn, so groups stay even."""
        with self._lock:
            dealt = self._dealt.get(code, 0)
            self._dealt[code] = dealt + 1
        return rooms.phones(code, dealt % self.groups)

    def mark(self, code, participant_ids=()):
        """Something in this workshop changed: every role's view, and the own views of
        these participants (or EVERYONE connected here), may need sending."""
        self._note(code, participant_ids, roles=True)

    def mark_own(self, code, participant_ids):
        """Only these participants' own views may have changed (another process sent the
        role views already)."""
        self._note(code, participant_ids, roles=False)

    def _note(self, code, participant_ids, roles):
        self.noted()
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
        """One tick: the screens' views of every changed workshop, own parts, and the
        phones' view to the group of phones whose turn it is."""
        with self._lock:
            dirty, self._dirty = self._dirty, {}
            group, self._tick = self._tick % self.groups, self._tick + 1
            for code, entry in dirty.items():
                if entry["roles"]:  # every group of phones is due the new view
                    self._phones_due[code] = set(range(self.groups))
                    self._phone_view.pop(code, None)
            turns = [code for code, due in self._phones_due.items() if group in due]
        for number, code in enumerate(dict.fromkeys([*dirty, *turns])):
            if number:  # let waiting answers out between workshops
                self.socketio.sleep(0)
            if self.engine.shared:
                self.engine.catch_up(code)
            if self.engine.workshop(code) is None:
                with self._lock:
                    self._phones_due.pop(code, None)
                continue
            entry = dirty.get(code)
            if entry and entry["roles"]:
                for role in SCREENS:
                    room = rooms.role(code, role)
                    if not self._watched(code, role, room):
                        continue
                    self._send(room, "view", self.engine.view(code, role, people=False))
                    if role == FACILITATOR:
                        self._send_people(code, room)
            if code in turns:
                self._send_phones(code, group)
            if entry:
                self._send_own(code, entry["people"])

    def _send_phones(self, code, group):
        """The phones' view to one group of a workshop's phones, built once for every
        group (until the next change) and sent only if that group has not got it."""
        with self._lock:
            due = self._phones_due.get(code, set())
            due.discard(group)
            if not due:
                self._phones_due.pop(code, None)
        room = rooms.phones(code, group)
        if not self._watched(code, PARTICIPANT, room):
            return
        prepared = self._phone_view.get(code)
        if prepared is None:
            prepared = self._phone_view[code] = self._prepare(
                self.engine.view(code, PARTICIPANT, people=False))
        self._emit(room, "view", *prepared)

    def _send_own(self, code, people):
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
            self._sent[(rooms.person(code, participant_id), "mine")] = _encode(own)[1]

    def _send(self, room, event, data):
        self._emit(room, event, *self._prepare(data))

    def _prepare(self, data):
        """(what to emit, its digest): the JSON text, or with several processes the data
        itself (the message queue encodes emits as JSON of its own)."""
        message, digest = _encode(data)
        return (data if self.engine.shared else message), digest

    def _emit(self, room, event, payload, digest):
        if self._sent.get((room, event)) == digest:
            return
        self._sent[(room, event)] = digest
        self.socketio.emit(event, payload, to=room)

    def ended(self, code):
        """Tell every screen of a deleted workshop, and forget what they were sent."""
        with self._lock:
            self._dirty.pop(code, None)
            self._phones_due.pop(code, None)
            self._dealt.pop(code, None)
        self._phone_view.pop(code, None)
        for role in (*SCREENS, PARTICIPANT):
            self.socketio.emit("ended", {"code": code}, to=rooms.role(code, role))
        prefix = f"{code}:"
        self._sent = {key: d for key, d in self._sent.items() if not key[0].startswith(prefix)}
        self._people_keys = {room: k for room, k in self._people_keys.items()
                             if not room.startswith(prefix)}


STAMPS = ("version", "now")  # when a view was made: not what it shows


def _encode(data):
    """`data` as JSON, once, for every screen it goes to (an Encoded message), and the
    digest of what it shows: the same JSON without its version and time. Equal digests
    mean an equal screen; a view built in another order may look changed, and is then
    sent again, which is harmless."""
    stamps = {k: data[k] for k in STAMPS if k in data}
    body = json.dumps({k: v for k, v in data.items() if k not in stamps},
                      separators=(",", ":"))
    digest = hashlib.blake2b(body.encode(), digest_size=16).digest()
    if not stamps:
        return Encoded(body), digest
    head = json.dumps(stamps, separators=(",", ":"))
    return Encoded(head if body == "{}" else f"{head[:-1]},{body[1:]}"), digest
