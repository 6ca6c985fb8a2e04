"""Runs workshops: the agenda, each activity's lifecycle, who may do what, and versions.

The engine keeps each workshop it has seen in memory, rebuilt from the database by
replaying the accepted actions. Every change takes the workshop's write lock in the
database (`Tx.bump`), catches up with anything another process wrote, applies the change,
and commits before it returns. No socket code lives here.
"""
import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import activities
from activities.base import FACILITATOR, PARTICIPANT, Actor, Context, Rejected

from . import security
from .models import utcnow
from .store import Duplicate, StoreUnavailable

log = logging.getLogger(__name__)

TITLE_LIMIT = 120
NAME_LIMIT = 60
ORGANISATION_LIMIT = 80
MAX_ORGANISATIONS = 40
MAX_ACTIVITIES = 60
TIMER_LIMIT = 3 * 60 * 60


@dataclass
class LiveActivity:
    id: int
    type_id: str
    config: dict
    is_open: bool
    revealed: bool
    state: object

    @property
    def module(self):
        return activities.get(self.type_id)

    def describe(self, position):
        return {
            "id": self.id,
            "type": self.type_id,
            "type_title": self.module.title,
            "position": position,
            "label": self.config.get("prompt") or self.module.title,
            "config": self.config,
            "is_open": self.is_open,
            "revealed": self.revealed,
        }


@dataclass
class LiveWorkshop:
    id: int
    code: str
    title: str
    key_hash: str
    organisations: list
    current: int
    timer_ends_at: float | None
    timer_seconds: int | None
    version: int
    joined: int
    last_used_at: datetime
    activities: list = field(default_factory=list)
    people: dict = field(default_factory=dict)  # participant id -> Actor
    names: dict = field(default_factory=dict)  # participant id -> name, when one was given
    # (actor key, client id) -> (activity id, reply) of every accepted action that carried
    # a client id: a resent submission is answered from here, with no database query.
    accepted: dict = field(default_factory=dict)

    def current_activity(self):
        if 0 <= self.current < len(self.activities):
            return self.activities[self.current]
        return None

    def activity(self, activity_id):
        for activity in self.activities:
            # type(...) is int: True == 1 in Python, and must not name activity 1
            if type(activity_id) is int and activity.id == activity_id:
                return activity
        raise Rejected("That activity is not in this workshop's agenda.")


class _Accepted(Rejected):
    """The submission was accepted before: nothing changes, and its first reply is the
    answer. (A refusal to _change: the transaction is rolled back, the copy kept.)"""

    def __init__(self, reply):
        super().__init__("already accepted")
        self.reply = reply


class Engine:
    def __init__(self, store, on_change=None, retention_days=30):
        self.store = store
        self.on_change = on_change or (lambda code, participant_ids=(): None)
        self.on_delete = lambda code: None  # told when a workshop is gone
        self.retention_days = retention_days
        self._cache = {}
        self._locks = {}
        self._guard = threading.Lock()
        self.connected = {}  # code -> {participant id: open sockets}, this process only
        self.remote_connected = {}  # code -> {other process: participant ids} (cluster.py)
        self.on_presence = lambda code: None  # told when this process's count changes
        self.shared = False  # True when other processes write to the same database
        # code -> a stamp taken afresh whenever someone here or elsewhere connects or
        # disconnects: with the number of participants, the key of the people list.
        self._presence = {}
        self._stamps = itertools.count(1)  # never repeats, even after a workshop is forgotten

    # ------------------------------------------------------------------ reading
    def workshop(self, code):
        """The workshop with this code, or None."""
        live = self._cache.get(code)
        if live is None:
            with self.store.transaction() as tx:
                row = tx.workshop_by_code(code)
                if row is None:
                    return None
                live = self._load(tx, row)
            self._cache[code] = live
        return live

    def _load(self, tx, row, known=None):
        """The workshop as the database holds it. With `known` (an earlier copy), only
        what changed since is read: new participants, activities whose settings changed,
        and the actions after `known.version`, so catching up stays cheap."""
        live = LiveWorkshop(
            id=row.id, code=row.code, title=row.title, key_hash=row.key_hash,
            organisations=list(row.organisations or []), current=row.current,
            timer_ends_at=row.timer_ends_at, timer_seconds=row.timer_seconds,
            version=row.version, joined=row.participant_count, last_used_at=row.last_used_at)
        if known is not None:
            live.people, live.names = dict(known.people), dict(known.names)
            live.accepted = dict(known.accepted)
        for participant in tx.participants(row.id, after_id=max(live.people, default=0)):
            self._remember(live, participant)
        kept = {a.id: a for a in known.activities} if known is not None else {}
        fresh, current = {}, {}
        for activity in tx.activities(row.id):
            module = activities.get(activity.type_id)
            if module is None:
                log.error("workshop %s has an activity of unknown type %s", row.code,
                          activity.type_id)
                continue
            earlier = kept.get(activity.id)
            if earlier is not None and earlier.config == activity.config:
                earlier.is_open, earlier.revealed = activity.is_open, activity.revealed
                live_activity = earlier
            else:
                live_activity = LiveActivity(activity.id, activity.type_id, activity.config,
                                             activity.is_open, activity.revealed,
                                             module.initial_state(activity.config))
                fresh[activity.id] = live_activity
            live.activities.append(live_activity)
            current[activity.id] = live_activity
        since = known.version if known is not None else 0
        if any(activity_id not in current for activity_id in kept):  # removed elsewhere
            live.accepted = {k: v for k, v in live.accepted.items() if v[0] in current}
        for action in tx.actions(row.id, after_seq=0 if fresh else since):
            # PostgreSQL reads each statement at its own moment (READ COMMITTED): actions
            # committed after `row` was read belong to a later version. Applying them now
            # would apply them twice, at the next catch-up from row.version.
            if action.seq > row.version:
                break
            if action.client_id:
                live.accepted[(action.actor, action.client_id)] = (action.activity_id,
                                                                   action.reply)
            target = current.get(action.activity_id)
            if target is not None and (action.seq > since or action.activity_id in fresh):
                self._replay(live, target, action)
        return live

    def catch_up(self, code):
        """Bring the in-memory copy up to date with changes other server processes made."""
        if code not in self._cache:
            return
        with self._lock(code), self.store.transaction() as tx:
            # Read under the lock: a change may have replaced the copy meanwhile, and
            # catching up an older copy would apply that change twice (the copies share
            # the activities' states).
            live = self._cache.get(code)
            if live is None:
                return
            row = tx.workshop_by_code(code)
            if row is None:
                self.forget(code)
            elif row.version != live.version:
                self._cache[code] = self._load(tx, row, known=live)

    def _replay(self, live, activity, action):
        actor = self._actor_of(live, action)
        try:
            activity.module.handle(activity.state, action.name, action.payload,
                                   Context(actor, action.seq, action.at))
        except Rejected as exc:  # stored actions were accepted once; say so loudly
            log.error("replaying action %s of workshop %s: %s", action.id, live.code, exc)

    def _actor_of(self, live, action):
        if action.participant_id is None:
            return Actor(FACILITATOR)
        return live.people.get(action.participant_id) or Actor(PARTICIPANT,
                                                               action.participant_id)

    @staticmethod
    def _remember(live, participant):
        live.people[participant.id] = Actor(PARTICIPANT, participant.id, participant.number,
                                            participant.organisation)
        if participant.name:
            live.names[participant.id] = participant.name

    def _lock(self, code):
        with self._guard:
            return self._locks.setdefault(code, threading.RLock())

    # ------------------------------------------------------------------ writing
    def _change(self, code, apply):
        """Run `apply(tx, live, version)` as one transaction under the workshop's lock.

        A refusal (Rejected) changes nothing. Any other failure drops the in-memory copy,
        so the next read rebuilds it from what the database really holds."""
        known = self.workshop(code)
        if known is None:
            raise Rejected("There is no workshop with that code.")
        with self._lock(code):
            try:
                with self.store.transaction() as tx:
                    version = tx.bump(known.id)
                    if version is None:
                        self._cache.pop(code, None)
                        raise Rejected("That workshop has been deleted.")
                    live = self._cache.get(code)
                    if live is None or version != live.version + 1:  # another process wrote
                        live = self._load(tx, tx.workshop(known.id), known=live)
                        # What was read is the state before this change: if the change is
                        # refused (rolled back), the copy must not claim the new version.
                        live.version = version - 1
                        self._cache[code] = live
                    result = apply(tx, live, version)
                live.version, live.last_used_at = version, utcnow()
                return result
            except Rejected:
                raise
            except BaseException:
                self._cache.pop(code, None)
                raise

    def create_workshop(self, title, organisations=(), fill=None):
        """A new workshop; returns (code, facilitator key). `fill(tx, row)` may add to it
        in the same transaction, so that an import is all there or not there at all."""
        title = _clean_title(title)
        organisations = clean_organisations(organisations)
        key = security.new_secret()
        for _attempt in range(20):
            code = security.new_join_code()
            try:
                with self.store.transaction() as tx:
                    row = tx.add_workshop(code, title, security.digest(key), organisations)
                    if fill is not None:
                        fill(tx, row)
                return code, key
            except Duplicate:
                if self.workshop(code) is None and fill is not None:
                    raise  # not a clash of codes: the filling broke a rule of the database
        raise StoreUnavailable("could not find a free join code")

    def check_key(self, code, key):
        live = self.workshop(code)
        return live is not None and security.matches(key, live.key_hash)

    def join(self, code, name=None, organisation=None):
        """A new participant; returns (actor, token). The token goes in their cookie."""
        name = _optional_text(name, "Your name", NAME_LIMIT)
        organisation = _optional_text(organisation, "Your organisation", ORGANISATION_LIMIT)
        token = security.new_secret()

        def apply(tx, live, version):
            number = live.joined + 1
            participant = tx.add_participant(live.id, number, security.digest(token), name,
                                             organisation)
            tx.update_workshop(live.id, participant_count=number)
            live.joined = number
            self._remember(live, participant)
            return live.people[participant.id]

        actor = self._change(code, apply)
        self.on_change(code)
        return actor, token

    def participant(self, code, token):
        """The participant whose cookie holds this token, or None."""
        live = self.workshop(code)
        if live is None or not token:
            return None
        digest = security.digest(token)
        with self.store.transaction() as tx:
            row = tx.participant_by_token(digest)
            if row is None or row.workshop_id != live.id:
                return None
        if row.id not in live.people:
            self._cache.pop(code, None)  # joined through another process
            live = self.workshop(code)
        return live.people.get(row.id)

    def act(self, code, actor, activity_id, action, payload, client_id=None):
        """A participant's or facilitator's action on an activity; returns the reply."""
        if not isinstance(action, str) or not action:
            raise Rejected("Say which action to take.")
        if payload is None:
            payload = {}
        if not isinstance(payload, dict):
            raise Rejected("The action's details must be an object.")
        if client_id is not None and (not isinstance(client_id, str) or
                                      not 1 <= len(client_id) <= 64):
            raise Rejected("The submission id must be text of 1 to 64 characters.")
        live = self.workshop(code)
        if live is None:
            raise Rejected("There is no workshop with that code.")
        actor_key = "facilitator" if actor.role == FACILITATOR else f"p{actor.participant_id}"
        if client_id and (actor_key, client_id) in live.accepted:
            return {**live.accepted[(actor_key, client_id)][1], "duplicate": True}

        def apply(tx, live, version):
            if client_id and (actor_key, client_id) in live.accepted:  # after catching up
                raise _Accepted(live.accepted[(actor_key, client_id)][1])
            activity = live.activity(activity_id)
            module = activity.module
            roles = module.allowed.get(action)
            if roles is None:
                raise Rejected(f"{module.title} has no action called '{action}'.")
            if actor.role not in roles:
                raise Rejected("Only the facilitator can do that." if FACILITATOR in roles
                               else "That is for participants to do.")
            if actor.role == PARTICIPANT:
                if activity is not live.current_activity():
                    raise Rejected("That activity is not running now.")
                if not activity.is_open:
                    raise Rejected("This activity is closed for now.")
            at = time.time()
            reply = module.handle(activity.state, action, payload,
                                  Context(actor, version, at))
            tx.add_action(workshop_id=live.id, activity_id=activity.id, seq=version,
                          actor=actor_key, participant_id=actor.participant_id,
                          client_id=client_id or None, name=action, payload=payload,
                          reply=reply, at=at)
            if client_id:
                live.accepted[(actor_key, client_id)] = (activity.id, dict(reply or {}))
            return reply

        try:
            reply = self._change(code, apply)
        except _Accepted as done:  # accepted earlier, through another process
            return {**done.reply, "duplicate": True}
        except Duplicate:  # the same submission, racing through another connection
            earlier = self._earlier(self.workshop(code), actor_key, client_id)
            if earlier is None:
                raise
            return earlier
        # A facilitator's action (hiding an answer, say) can change anyone's own part.
        self.on_change(code, (actor.participant_id,) if actor.participant_id else "all")
        return reply

    def _earlier(self, live, actor_key, client_id):
        with self.store.transaction() as tx:
            found = tx.find_action(live.id, actor_key, client_id)
            return None if found is None else {**found.reply, "duplicate": True}

    # ------------------------------------------------------------------ facilitator
    def control(self, code, command, args=None):
        """A facilitator's command: agenda editing and running the workshop."""
        args = args if isinstance(args, dict) else {}
        handler = CONTROLS.get(command)
        if handler is None:
            raise Rejected(f"There is no command called '{command}'.")
        reply = self._change(code, lambda tx, live, version: handler(self, tx, live, args))
        self.on_change(code, "all")
        return reply or {}

    def items(self, code, activity_id):
        """What an activity offers a later one (e.g. answers to vote on); reads only."""
        live = self.workshop(code)
        if live is None:
            raise Rejected("There is no workshop with that code.")
        activity = live.activity(activity_id)
        offer = getattr(activity.module, "items", None)
        if offer is None:
            raise Rejected(f"{activity.module.title} has nothing to take options from.")
        return offer(activity.state)

    def delete_workshop(self, code, unused_since=None):
        """Delete a workshop and everything in it, now. With `unused_since`, only if it
        has not been used since then (checked as it is deleted); returns whether it was."""
        live = self.workshop(code)
        if live is None:
            raise Rejected("There is no workshop with that code.")
        with self._lock(code):
            with self.store.transaction() as tx:
                if unused_since is not None and not tx.claim_unused(live.id, unused_since):
                    return False
                tx.delete_workshop(live.id)
            self.forget(code)
        self.on_delete(code)
        return True

    def purge(self, now=None):
        """Delete every workshop unused for longer than the retention period; returns
        their codes."""
        cutoff = (now or utcnow()) - timedelta(days=self.retention_days)
        with self.store.transaction() as tx:
            codes = tx.unused_since(cutoff)
        deleted = []
        for code in codes:
            try:
                if self.delete_workshop(code, unused_since=cutoff):
                    deleted.append(code)
            except Rejected:  # deleted meanwhile, by someone or by another process
                continue
        return deleted

    def delete_after(self, code):
        """The day this workshop will be deleted if nobody uses it before then."""
        return self.workshop(code).last_used_at + timedelta(days=self.retention_days)

    def forget(self, code):
        """Drop the in-memory copy; the next read rebuilds it from the database."""
        self._cache.pop(code, None)
        self.connected.pop(code, None)
        self.remote_connected.pop(code, None)
        self._presence.pop(code, None)

    # ------------------------------------------------------------------ views
    def view(self, code, role, participant_id=None, people=True):
        """Everything one screen shows, shaped for its role. The facilitator's includes
        the people list unless `people` is false (the broadcaster sends that list apart,
        only when it changes: see `people_key`)."""
        with self._lock(code):  # never read an activity while a change is under way
            return self._view(code, role, participant_id, people)

    def _view(self, code, role, participant_id, people=True):
        live = self.workshop(code)
        view = {
            "version": live.version,
            "now": time.time(),
            "workshop": {
                "code": live.code,
                "title": live.title,
                "current": live.current,
                "total": len(live.activities),
                "timer": ({"ends_at": live.timer_ends_at, "seconds": live.timer_seconds}
                          if live.timer_ends_at else None),
            },
            "activity": None,
        }
        if role != PARTICIPANT:
            view["workshop"]["joined"] = live.joined
            view["workshop"]["connected"] = self.connected_count(code)
        activity = live.current_activity()
        if activity is not None:
            view["activity"] = {
                "id": activity.id,
                "type": activity.type_id,
                "type_title": activity.module.title,
                "is_open": activity.is_open,
                "revealed": activity.revealed,
                "view": activity.module.public_view(activity.state, role, activity.revealed),
            }
            if role == PARTICIPANT and participant_id is not None:
                view["activity"]["mine"] = activity.module.own_view(activity.state,
                                                                    participant_id)
        if role == FACILITATOR:
            view["workshop"]["organisations"] = live.organisations
            view["workshop"]["delete_after"] = self.delete_after(code).date().isoformat()
            view["agenda"] = [a.describe(i) for i, a in enumerate(live.activities)]
            if people:
                view["people"] = self._people(code, live)
        return view

    def people(self, code):
        """The facilitator's list of participants, with the version it was read at:
        `{"version", "people": [{"number", "name", "organisation", "connected"}]}`."""
        with self._lock(code):
            live = self.workshop(code)
            return {"version": live.version, "people": self._people(code, live)}

    def _people(self, code, live):
        connected = self.connected_ids(code)
        return [{"number": actor.number, "name": live.names.get(pid),
                 "organisation": actor.organisation, "connected": pid in connected}
                for pid, actor in live.people.items()]

    def people_key(self, code):
        """Cheap to read, and different whenever the people list may have changed: the
        number of participants (a name or organisation is given only on joining, and
        nobody leaves the list) and the latest presence stamp (someone connecting or
        disconnecting here, or a report from another process). Equal keys mean an
        equal list; different keys may still mean an equal list."""
        live = self.workshop(code)
        if live is None:
            return None
        return len(live.people), self._presence.get(code, 0)

    def own(self, code, participant_id):
        """A participant's own part of the current activity, for their other tabs."""
        with self._lock(code):
            return self._own(code, participant_id)

    def _own(self, code, participant_id):
        live = self.workshop(code)
        activity = live.current_activity()
        return {
            "version": live.version,
            "activity_id": activity.id if activity else None,
            "mine": activity.module.own_view(activity.state, participant_id)
            if activity else None,
        }

    def export(self, code):
        """Summaries and rows of every activity, in agenda order."""
        live = self.workshop(code)
        return [
            {**a.describe(i), "summary": a.module.summary(a.state),
             "rows": a.module.export_rows(a.state)}
            for i, a in enumerate(live.activities)
        ]

    # ------------------------------------------------------------------ presence
    def connected_ids(self, code):
        """Participants with a screen open here or, with several processes, anywhere."""
        ids = set(self.connected.get(code, {}))
        for others in self.remote_connected.get(code, {}).values():
            ids |= others
        return ids

    def connected_count(self, code):
        """How many participants have a screen open, here or anywhere; without other
        processes, with no set built."""
        if not self.remote_connected.get(code):
            return len(self.connected.get(code, {}))
        return len(self.connected_ids(code))

    def connect(self, code, participant_id):
        counts = self.connected.setdefault(code, {})
        counts[participant_id] = counts.get(participant_id, 0) + 1
        if counts[participant_id] == 1:
            self._presence[code] = next(self._stamps)
            self.on_change(code)
            self.on_presence(code)

    def disconnect(self, code, participant_id):
        counts = self.connected.get(code, {})
        if participant_id in counts:
            counts[participant_id] -= 1
            if counts[participant_id] <= 0:
                del counts[participant_id]
                self._presence[code] = next(self._stamps)
                self.on_change(code)
                self.on_presence(code)

    def remote_presence(self, code, origin, participant_ids):
        """Another process says who is connected to it now (cluster.py)."""
        ids = set(participant_ids)
        remote = self.remote_connected.setdefault(code, {})
        if remote.get(origin) != ids:
            remote[origin] = ids
            self._presence[code] = next(self._stamps)


# ---------------------------------------------------------------------- controls
def _target(live, args):
    """The activity a command names, or the current one."""
    if args.get("activity_id") is not None:
        return live.activity(args["activity_id"])
    activity = live.current_activity()
    if activity is None:
        raise Rejected("No activity is running: start the agenda first.")
    return activity


def _go(engine, tx, live, position):
    if not live.activities:
        raise Rejected("The agenda is empty: add an activity first.")
    if not isinstance(position, int) or isinstance(position, bool) or \
            not -1 <= position < len(live.activities):
        raise Rejected(f"Choose a step from 1 to {len(live.activities)}.")
    live.current = position
    live.timer_ends_at = live.timer_seconds = None
    tx.update_workshop(live.id, current=position, timer_ends_at=None, timer_seconds=None)
    return {"current": position}


def _start(engine, tx, live, args):
    return _go(engine, tx, live, 0)


def _next(engine, tx, live, args):
    if live.activities and live.current >= len(live.activities) - 1:  # else _go says "empty"
        raise Rejected("This is the last activity of the agenda.")
    return _go(engine, tx, live, live.current + 1)


def _previous(engine, tx, live, args):
    if live.current < 0:
        raise Rejected("The workshop has not started yet.")
    return _go(engine, tx, live, live.current - 1)


def _goto(engine, tx, live, args):
    return _go(engine, tx, live, args.get("position"))


def _lifecycle(column, value):
    def command(engine, tx, live, args):
        activity = _target(live, args)
        setattr(activity, column, value)
        tx.update_activity(activity.id, **{column: value})
        return {"activity_id": activity.id, column: value}
    return command


def _timer(engine, tx, live, args):
    seconds = args.get("seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int) or \
            not 0 <= seconds <= TIMER_LIMIT:
        raise Rejected("The timer takes a number of seconds, up to three hours (0 stops it).")
    ends_at = time.time() + seconds if seconds else None
    live.timer_ends_at, live.timer_seconds = ends_at, seconds or None
    tx.update_workshop(live.id, timer_ends_at=ends_at, timer_seconds=seconds or None)
    return {"ends_at": ends_at}


def _add_activity(engine, tx, live, args):
    module = activities.get(args.get("type"))
    if module is None:
        raise Rejected("Choose one of the activity types on offer.")
    if len(live.activities) >= MAX_ACTIVITIES:
        raise Rejected(f"An agenda can hold up to {MAX_ACTIVITIES} activities.")
    config = _configure(module, args.get("config"))
    revealed = not config.get("hide_results", False)
    row = tx.add_activity(live.id, len(live.activities), module.type_id, config, revealed)
    activity = LiveActivity(row.id, module.type_id, config, True, revealed,
                            module.initial_state(config))
    live.activities.append(activity)
    return {"activity": activity.describe(len(live.activities) - 1)}


def _update_activity(engine, tx, live, args):
    activity = live.activity(args.get("activity_id"))
    module = activity.module
    changes = args.get("config")
    if not isinstance(changes, dict):
        raise Rejected("Settings must be an object of named values.")
    config = _configure(module, {**activity.config, **changes})  # unnamed settings stay
    state = module.initial_state(config)
    for action in tx.actions(live.id, activity.id):
        try:
            module.handle(state, action.name, action.payload,
                          Context(engine._actor_of(live, action), action.seq, action.at))
        except Rejected as exc:
            raise Rejected("These settings would drop contributions already made "
                           f"({exc}) Keep the earlier settings or remove those first.") from exc
    changes = {"config": config}
    if config.get("hide_results") != activity.config.get("hide_results"):
        changes["revealed"] = activity.revealed = not config.get("hide_results", False)
    activity.config, activity.state = config, state
    tx.update_activity(activity.id, **changes)
    return {"activity": activity.describe(live.activities.index(activity))}


def _configure(module, raw):
    """The facilitator's settings, checked field by field, then as a whole."""
    config = activities.base.validate_config(module.config_fields, raw)
    check = getattr(module, "check_config", None)
    return check(config) if check else config


def _move_activity(engine, tx, live, args):
    activity = live.activity(args.get("activity_id"))
    position = args.get("position")
    if isinstance(position, bool) or not isinstance(position, int) or \
            not 0 <= position < len(live.activities):
        raise Rejected(f"Choose a position from 1 to {len(live.activities)}.")
    running = live.current_activity()
    live.activities.remove(activity)
    live.activities.insert(position, activity)
    _renumber(tx, live, running)
    return {"position": position}


def _remove_activity(engine, tx, live, args):
    activity = live.activity(args.get("activity_id"))
    running = live.current_activity()
    live.activities.remove(activity)
    tx.delete_activity(activity.id)
    live.accepted = {k: v for k, v in live.accepted.items() if v[0] != activity.id}
    if running is activity:
        running = None
        live.current = min(live.current, len(live.activities) - 1)
    _renumber(tx, live, running)
    return {"removed": activity.id}


def _renumber(tx, live, running):
    """Store positions after a move or removal; the running activity stays running."""
    for position, activity in enumerate(live.activities):
        tx.update_activity(activity.id, position=position)
    if running is not None:
        live.current = live.activities.index(running)
    tx.update_workshop(live.id, current=live.current)


def _add_agenda(engine, tx, live, args):
    from . import agendas  # the agendas name activity types; keep the import local
    agenda = agendas.AGENDAS.get(args.get("agenda")) if isinstance(args.get("agenda"), str) \
        else None
    if agenda is None:
        raise Rejected("Choose one of the ready-made agendas.")
    # Checked before adding any: a refusal half-way would leave the in-memory agenda
    # holding activities the database never stored.
    room = MAX_ACTIVITIES - len(live.activities)
    if len(agenda["activities"]) > room:
        raise Rejected(f"An agenda can hold up to {MAX_ACTIVITIES} activities: this one has "
                       f"room for {room} more, and the ready-made agenda has "
                       f"{len(agenda['activities'])}.")
    added = [_add_activity(engine, tx, live, {"type": type_id, "config": config})["activity"]
             for type_id, config in agenda["activities"]]
    return {"added": len(added)}


def _set_organisations(engine, tx, live, args):
    live.organisations = clean_organisations(args.get("organisations"))
    tx.update_workshop(live.id, organisations=live.organisations)
    return {"organisations": live.organisations}


def _rename(engine, tx, live, args):
    live.title = _clean_title(args.get("title"))
    tx.update_workshop(live.id, title=live.title)
    return {"title": live.title}


CONTROLS = {
    "start": _start,
    "next": _next,
    "previous": _previous,
    "goto": _goto,
    "open": _lifecycle("is_open", True),
    "close": _lifecycle("is_open", False),
    "reveal": _lifecycle("revealed", True),
    "hide_results": _lifecycle("revealed", False),
    "timer": _timer,
    "add_activity": _add_activity,
    "update_activity": _update_activity,
    "move_activity": _move_activity,
    "remove_activity": _remove_activity,
    "add_agenda": _add_agenda,
    "set_organisations": _set_organisations,
    "rename": _rename,
}


# ---------------------------------------------------------------------- text
def _clean_title(title):
    if not isinstance(title, str) or not activities.base.clean_text(title):
        raise Rejected("Give the workshop a title.")
    title = activities.base.clean_text(title)
    if len(title) > TITLE_LIMIT:
        raise Rejected(f"Keep the title to {TITLE_LIMIT} characters.")
    return title


def _optional_text(value, label, limit):
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected(f"{label}: please give text.")
    value = activities.base.clean_text(value)
    if len(value) > limit:
        raise Rejected(f"{label}: please keep it to {limit} characters.")
    return value or None


def clean_organisations(organisations):
    """The facilitator's list of partner organisations: text, unique, in order."""
    if organisations is None:
        return []
    if isinstance(organisations, str):
        organisations = organisations.splitlines()
    if not isinstance(organisations, (list, tuple)):
        raise Rejected("Partner organisations must be a list of names.")
    cleaned = []
    for name in organisations:
        name = _optional_text(name, "An organisation", ORGANISATION_LIMIT)
        if name and name.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(name)
    if len(cleaned) > MAX_ORGANISATIONS:
        raise Rejected(f"List up to {MAX_ORGANISATIONS} partner organisations.")
    return cleaned
