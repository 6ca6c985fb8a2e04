"""Runs workshops: each activity's lifecycle, who may do what, versions, and what each
screen is shown.

The engine keeps each workshop it has seen in memory (running.py), rebuilt from the
database by replaying the accepted actions. Every change takes the workshop's write lock
in the database (`Tx.bump`), catches up with anything another process wrote, applies the
change, and commits before it returns. Contributions that arrive together are written in
one transaction (grouping.py), each answered after its commit. No socket code lives
here. The facilitator's commands are in controls.py, who is connected in presence.py,
and the rules for titles, names and organisations in text.py.
"""
import logging
import math
import threading
import time
from datetime import timedelta

from flask_babel import lazy_gettext as _l

import activities
from activities.actions import action_for, stored_size
from activities.base import FACILITATOR, PARTICIPANT, Context, Rejected
from activities.contributions import review_summary
from activities.words import cloud

from . import collector, security, text
from .controls import CONTROLS
from .grouping import Groups, Outcome
from .i18n import SOURCE, content_words, in_source
from .models import utcnow
from .presence import Presence
from .running import LiveActivity, LiveWorkshop, actor_key, replay
from .storage import Storage, count_action, count_join
from .store import Duplicate, StoreUnavailable

log = logging.getLogger(__name__)

JOINING_CLOSED = _l("The facilitator has closed this workshop to new people. If you joined "
                    "it before, open it on the phone or browser you joined with.")


def shown_as(activity, role):
    """How the presenter shows the activity, for the presenter and the console: `display`,
    and, for a word cloud, its words (the room's only once revealed); for the console, the
    groups its items fall in (the journey's lanes, say), each a cloud of its own."""
    offer = getattr(activity.module, "items", None)
    if offer is None:
        return {}
    shown = {"display": activity.display}
    items = None
    if role == FACILITATOR:
        items = offer(activity.state)
        shown["cloud_groups"] = sorted({i["group"] for i in items if i.get("group")})
    if activity.display and (activity.revealed or role == FACILITATOR):
        group = activity.display.get("group")
        items = offer(activity.state) if items is None else items
        shown["cloud"] = cloud(i["text"] for i in items if group is None or i.get("group") == group)
    return shown


def _asked(action, payload):
    """The payload of a well-formed request for an action ({} if none was given)."""
    if not isinstance(action, str) or not action:
        raise Rejected(_l("Say which action to take."))
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise Rejected(_l("The action's details must be an object."))
    return payload


def _running(live, activity, actor):
    """A participant acts only on the activity the room is at."""
    if actor.role == PARTICIPANT and activity is not live.current_activity():
        raise Rejected(_l("That activity is not running now."))


class Engine:
    def __init__(self, store, on_change=None, retention_days=30, storage=None,
                 sleep=time.sleep):
        """`sleep` paces the group commit's gathering: the server hands it the runtime's
        (socketio.sleep); an engine built without a server (tests, commands) sleeps
        plainly."""
        self.store = store
        self.storage = storage or Storage(math.inf, math.inf)
        self.on_change = on_change or (lambda code, participant_ids=(): None)
        self.on_delete = lambda code: None  # told when a workshop is gone
        self.retention_days = retention_days
        self._cache = {}
        self._locks = {}
        self._guard = threading.Lock()
        self.presence = Presence()
        # Contributions arriving together are written in one transaction; one that breaks
        # a unique key (a resend racing through another process) takes the group down,
        # and each is then written alone.
        self._groups = Groups(self.write, retry_alone=Duplicate, sleep=sleep)
        self.on_presence = lambda code: None  # told when this process's count changes
        self.shared = False  # True when other processes write to the same database

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
            collector.loaded()  # its state lives as long as the workshop: out of the way
        return live

    def _load(self, tx, row, known=None):
        """The workshop as the database holds it. With `known` (an earlier copy), only
        what changed since is read: new participants, activities whose settings changed,
        and the actions after `known.version`, so catching up stays cheap."""
        live = LiveWorkshop(
            id=row.id, code=row.code, title=row.title, key_hash=row.key_hash,
            organisations=list(row.organisations or []), current=row.current,
            timer_ends_at=row.timer_ends_at, timer_seconds=row.timer_seconds,
            version=row.version, joined=row.participant_count, last_used_at=row.last_used_at,
            joining_open=row.joining_open,
            languages=tuple((row.languages or SOURCE).split()))
        if known is not None:
            live.people, live.names = dict(known.people), dict(known.names)
            live.accepted, live.joins = dict(known.accepted), list(known.joins)
            live.stored, live.stored_total = dict(known.stored), known.stored_total
        for participant in tx.participants(row.id, after_id=max(live.people, default=0)):
            live.remember(participant)
            count_join(live)
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
                earlier.display = activity.display
                live_activity = earlier
            else:
                live_activity = LiveActivity(activity.id, activity.type_id, activity.config,
                                             activity.is_open, activity.revealed,
                                             module.initial_state(activity.config),
                                             activity.display)
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
            if action.seq > since:
                count_action(live, action.participant_id, stored_size(action.payload))
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

    @staticmethod
    def _replay(live, activity, action):
        try:
            replay(live, activity.module, activity.state, action)
        except Rejected as exc:  # stored actions were accepted once; say so loudly
            log.error("replaying action %s of workshop %s: %s", action.id, live.code, exc)

    def _lock(self, code):
        with self._guard:
            return self._locks.setdefault(code, threading.RLock())

    # ------------------------------------------------------------------ writing
    def _change(self, code, apply, answered=None):
        """Run `apply(tx, live, version)` as one transaction under the workshop's lock.

        `answered(live)`, if given, is asked first, once the copy is up to date: a reply
        from it means the change was made before (a resent submission, perhaps accepted
        through another process), and it is returned with nothing written. A refusal
        (Rejected) changes nothing. Any other failure drops the in-memory copy, so the
        next read rebuilds it from what the database really holds."""
        return self.write(code, [(apply, answered)])[0].get()

    def write(self, code, changes):
        """Several changes [(apply, answered)], each as `_change` runs one, in one
        transaction; one Outcome each. Each accepted change has a version of its own, in
        order; a refused or already answered one takes none (and changes nothing: a
        refusal comes before anything is written). If none is accepted, nothing is
        written, not even the version."""
        known = self.workshop(code)
        if known is None:
            raise Rejected(_l("There is no workshop with that code."))
        outcomes = []
        with self._lock(code):
            try:
                with self.store.transaction() as tx:
                    first = tx.bump(known.id)
                    if first is None:
                        self._cache.pop(code, None)
                        raise Rejected(_l("That workshop has been deleted."))
                    live = self._cache.get(code)
                    if live is None or first != live.version + 1:  # another process wrote
                        live = self._load(tx, tx.workshop(known.id), known=live)
                        # What was read is the state before this change: if the change is
                        # refused (rolled back), the copy must not claim the new version.
                        live.version = first - 1
                        self._cache[code] = live
                    version = first
                    for apply, answered in changes:
                        earlier = answered(live) if answered is not None else None
                        if earlier is not None:
                            outcomes.append(Outcome(earlier))
                            continue
                        try:
                            outcomes.append(Outcome(apply(tx, live, version)))
                            version += 1
                        except Rejected as refused:
                            outcomes.append(Outcome(error=refused))
                    if version == first:
                        tx.discard()  # nothing changes, not even the version
                    elif version > first + 1:
                        tx.advance(known.id, version - first - 1)
                if version > first:
                    live.version, live.last_used_at = version - 1, utcnow()
                return outcomes
            except Rejected:
                raise
            except BaseException:
                self._cache.pop(code, None)
                raise

    def create_workshop(self, title, organisations=(), fill=None):
        """A new workshop; returns (code, facilitator key). `fill(tx, row)` may add to it
        in the same transaction, so that an import is all there or not there at all."""
        title = text.clean_title(title)
        organisations = text.clean_organisations(organisations)
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
        """A new participant; returns (actor, token). The token goes in their cookie.
        Refused in words while the facilitator has closed the door to new people."""
        name = text.optional_text(name, _l("Your name"), text.NAME_LIMIT)
        organisation = text.optional_text(organisation, _l("Your organisation"),
                                          text.ORGANISATION_LIMIT)
        token = security.new_secret()

        def apply(tx, live, version):
            if not live.joining_open:
                raise Rejected(JOINING_CLOSED)
            self.storage.check_join(live)
            number = live.joined + 1
            participant = tx.add_participant(live.id, number, security.digest(token), name,
                                             organisation)
            tx.update_workshop(live.id, participant_count=number)
            live.joined = number
            live.remember(participant)
            count_join(live)
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
        payload = _asked(action, payload)
        if client_id is not None and (not isinstance(client_id, str) or
                                      not 1 <= len(client_id) <= 64):
            raise Rejected(_l("The submission id must be text of 1 to 64 characters."))
        live = self.workshop(code)
        if live is None:
            raise Rejected(_l("There is no workshop with that code."))
        key = actor_key(actor)
        earlier = self._answered(live, key, client_id)
        if earlier is not None:
            return earlier

        def apply(tx, live, version):
            activity = live.activity(activity_id)
            chosen = action_for(activity.module, action, actor.role)
            if chosen.reads:
                raise Rejected(_l("That only reads the activity: ask for it with read."))
            _running(live, activity, actor)
            if actor.role == PARTICIPANT and not activity.is_open:
                raise Rejected(_l("This activity is closed for now."))
            at = time.time()
            pid = actor.participant_id
            fits = None if pid is None else (
                lambda size: self.storage.check_action(live, pid, size))
            stored, reply = chosen.perform(activity.state, payload, Context(actor, version, at),
                                           fits)
            tx.add_action(workshop_id=live.id, activity_id=activity.id, seq=version,
                          actor=key, participant_id=actor.participant_id,
                          client_id=client_id or None, name=action, payload=stored,
                          reply=reply, at=at)
            count_action(live, pid, stored_size(stored))
            if client_id:
                live.accepted[(key, client_id)] = (activity.id, dict(reply or {}))
            return reply

        try:
            reply = self._groups.run(code, apply,
                                     answered=lambda live: self._answered(live, key, client_id))
        except Duplicate:  # the same submission, racing through another connection
            earlier = self._earlier(self.workshop(code), key, client_id)
            if earlier is None:
                raise
            return earlier
        # A facilitator's action (hiding an answer, say) can change anyone's own part.
        self.on_change(code, (actor.participant_id,) if actor.participant_id else "all")
        return reply

    def read(self, code, actor, activity_id, action, payload):
        """An action that only reads (Action.reads): answered from the activity as it is,
        open or closed, and neither stored nor told to any screen."""
        payload = _asked(action, payload)
        if self.workshop(code) is None:
            raise Rejected(_l("There is no workshop with that code."))
        if self.shared:
            self.catch_up(code)
        with self._lock(code):  # never read an activity while a change is under way
            live = self.workshop(code)
            activity = live.activity(activity_id)
            chosen = action_for(activity.module, action, actor.role)
            if not chosen.reads:
                raise Rejected(_l("That changes the activity: send it with act."))
            _running(live, activity, actor)
            context = Context(actor, live.version, time.time(), revealed=activity.revealed)
            return chosen.perform(activity.state, payload, context)[1]

    @staticmethod
    def _answered(live, key, client_id):
        """The first reply to a submission accepted before, marked as a duplicate; None
        for a new one."""
        if client_id and (key, client_id) in live.accepted:
            return {**live.accepted[(key, client_id)][1], "duplicate": True}
        return None

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
            raise Rejected(_l("There is no command called '%(command)s'.", command=command))
        reply = self._change(code, lambda tx, live, version: handler(tx, live, args))
        self.on_change(code, "all")
        return reply or {}

    def items(self, code, activity_id):
        """What an activity offers a later one (e.g. answers to vote on); reads only."""
        live = self.workshop(code)
        if live is None:
            raise Rejected(_l("There is no workshop with that code."))
        activity = live.activity(activity_id)
        offer = getattr(activity.module, "items", None)
        if offer is None:
            raise Rejected(_l("%(activity)s has nothing to take options from.",
                              activity=activity.module.title))
        return offer(activity.state)

    def delete_workshop(self, code, unused_since=None):
        """Delete a workshop and everything in it, now. With `unused_since`, only if it
        has not been used since then (checked as it is deleted); returns whether it was."""
        live = self.workshop(code)
        if live is None:
            raise Rejected(_l("There is no workshop with that code."))
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
        self.presence.forget(code)

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
                "languages": list(live.languages),
                "timer": ({"ends_at": live.timer_ends_at, "seconds": live.timer_seconds}
                          if live.timer_ends_at else None),
            },
            "activity": None,
        }
        if role != PARTICIPANT:
            view["workshop"]["joined"] = live.joined
            view["workshop"]["connected"] = self.presence.count(code)
            view["workshop"]["joining_open"] = live.joining_open
        activity = live.current_activity()
        if activity is not None:
            view["activity"] = {
                "id": activity.id,
                "type": activity.type_id,
                "type_title": in_source(activity.module.title),
                "is_open": activity.is_open,
                "revealed": activity.revealed,
                "view": activity.module.public_view(activity.state, role, activity.revealed),
                "words": content_words(activity.type_id, activity.config),
            }
            if role == PARTICIPANT and participant_id is not None:
                view["activity"]["mine"] = activity.module.own_view(activity.state,
                                                                    participant_id)
            if role != PARTICIPANT:
                view["activity"].update(shown_as(activity, role))
            if role == FACILITATOR and hasattr(activity.module, "contributions"):
                view["activity"]["review"] = review_summary(
                    activity.config, activity.module.contributions(activity.state))
        if role == FACILITATOR:
            view["workshop"]["recent_joins"] = live.recent_joins(view["now"])
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
        connected = self.presence.ids(code)
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
        return len(live.people), self.presence.stamp(code)

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
    def connected_here(self, code):
        """{participant id: open sockets} in this process, read-only."""
        return self.presence.here(code)

    def connected_count(self, code):
        """How many participants have a screen open, here or in any process."""
        return self.presence.count(code)

    def connect(self, code, participant_id):
        if self.presence.connect(code, participant_id):
            self.on_change(code)
            self.on_presence(code)

    def disconnect(self, code, participant_id):
        if self.presence.disconnect(code, participant_id):
            self.on_change(code)
            self.on_presence(code)

    def remote_presence(self, code, origin, participant_ids):
        """Another process says who is connected to it now (cluster.py)."""
        self.presence.report(code, origin, participant_ids)
