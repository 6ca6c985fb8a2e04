"""A workshop as the engine keeps it in memory while it runs: its agenda, each activity's
state, its people, and the submissions it has accepted; and replaying a stored action
onto an activity's state, as the engine does to rebuild it."""
import bisect
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l

import activities
from activities.actions import perform
from activities.base import FACILITATOR, PARTICIPANT, Actor, Context, Rejected, is_int

from .i18n import in_source


@dataclass
class LiveActivity:
    id: int
    type_id: str
    config: dict
    is_open: bool
    revealed: bool
    state: object
    display: dict | None = None  # None: its own view; {"as": "cloud", "group"}: a word cloud

    @property
    def module(self):
        return activities.get(self.type_id)

    def describe(self, position):
        return {
            "id": self.id,
            "type": self.type_id,
            "type_title": in_source(self.module.title),
            "position": position,
            "label": self.config.get("prompt") or in_source(self.module.title),
            "config": self.config,
            "is_open": self.is_open,
            "revealed": self.revealed,
            "display": self.display,
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
    joining_open: bool = True  # new people may join; those who joined always reconnect
    languages: tuple = ("en_GB",)  # the presenter's and the report's, first shown first
    activities: list = field(default_factory=list)
    people: dict = field(default_factory=dict)  # participant id -> Actor
    names: dict = field(default_factory=dict)  # participant id -> name, when one was given
    # (actor key, client id) -> (activity id, reply) of every accepted action that carried
    # a client id: a resent submission is answered from here, with no database query.
    accepted: dict = field(default_factory=dict)
    joins: list = field(default_factory=list)  # when each participant joined, in order
    # What the participants have stored (workshop/storage.py): bytes per participant id,
    # and in all, their joining included.
    stored: dict = field(default_factory=dict)
    stored_total: int = 0

    def current_activity(self):
        if 0 <= self.current < len(self.activities):
            return self.activities[self.current]
        return None

    def activity(self, activity_id):
        for activity in self.activities:
            if is_int(activity_id) and activity.id == activity_id:  # True must not name 1
                return activity
        raise Rejected(_l("That activity is not in this workshop's agenda."))

    def remember(self, participant):
        """A participant row, as the engine knows them."""
        self.people[participant.id] = Actor(PARTICIPANT, participant.id, participant.number,
                                            participant.organisation)
        if participant.name:
            self.names[participant.id] = participant.name
        bisect.insort(self.joins, participant.created_at.replace(tzinfo=UTC).timestamp())

    def recent_joins(self, now, window=60):
        """How many joined in each second of the last `window`, as [[second, joins], ...]:
        the console counts those still within the last minute as time passes, so that a
        flood of joins (a script) is seen at once, and seen to end."""
        counts = {}
        for at in self.joins[bisect.bisect_left(self.joins, now - window):]:
            counts[int(at)] = counts.get(int(at), 0) + 1
        return [[second, joins] for second, joins in counts.items()]


def actor_key(actor):
    """Who acted, as stored with an action: the key that makes a client id unique."""
    return "facilitator" if actor.role == FACILITATOR else f"p{actor.participant_id}"


def actor_of(live, action):
    """Who made a stored action."""
    if action.participant_id is None:
        return Actor(FACILITATOR)
    return live.people.get(action.participant_id) or Actor(PARTICIPANT, action.participant_id)


def replay(live, module, state, action):
    """Carry a stored action out again on `state`, as it was accepted; Rejected if the
    rules (or the settings) no longer allow it."""
    perform(module, state, action.name, action.payload,
            Context(actor_of(live, action), action.seq, action.at))
