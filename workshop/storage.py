"""How much the participants of one workshop may make the server store: the actions of
one participant, and everything its participants send, joining included. The size of an
action is its payload as the database holds it (activities.actions.stored_size), already
at most 64 KiB; without these bounds, one phone resending its largest drawing ten times
a second would add about 30 MiB a minute, kept for RETENTION_DAYS.

What the facilitator does is not counted: it takes the facilitator's key. The counts are
rebuilt from the database whenever a workshop is loaded, so every server process counts
the same."""
from flask_babel import lazy_gettext as _l

from activities.base import Rejected

# What joining counts for: a participant's row (a token digest, a number, and a name of
# 60 and an organisation of 80 characters at most) with its index entries, rounded up.
JOINING_BYTES = 1024

PERSON_FULL = _l("You have sent as much as this workshop can keep from one person, so "
                 "this was not kept. Everything you sent before is kept.")
WORKSHOP_FULL = _l("This workshop holds as much as it can keep, so this was not kept. "
                   "Everything sent before is kept.")


class Storage:
    def __init__(self, per_participant, per_workshop):
        self.per_participant, self.per_workshop = per_participant, per_workshop

    def check_join(self, live):
        if live.stored_total + JOINING_BYTES > self.per_workshop:
            raise Rejected(WORKSHOP_FULL)

    def check_action(self, live, participant_id, size):
        if live.stored.get(participant_id, 0) + size > self.per_participant:
            raise Rejected(PERSON_FULL)
        if live.stored_total + size > self.per_workshop:
            raise Rejected(WORKSHOP_FULL)


def count_join(live):
    live.stored_total += JOINING_BYTES


def count_action(live, participant_id, size):
    """An accepted action of a participant (None: the facilitator, not counted)."""
    if participant_id is not None:
        live.stored[participant_id] = live.stored.get(participant_id, 0) + size
        live.stored_total += size
