"""What the activity types share about contributions: answers, notes, definitions,
names on a partner map, proposals, pictures, sentences in a health check.

A contribution (`Contribution`, which each type's own kind extends with its content)
has an `id` (the sequence number of the action that made it), an `author` (the
participant's id), the author's anonymous `number` and `organisation`, a `hidden` flag
and the participants who gave it a +1 (`plus`). What the facilitator enters for someone
without a phone has no author, no number and no organisation, and is marked
`by_facilitator`: it counts for nobody.

Moderation is the same everywhere: the facilitator hides and restores (`moderation`).
Hidden content stays in the facilitator's view and the export, and is gone from every
other screen, its author's phone included; its author can no longer change it (`own`),
so hiding cannot be undone by editing.

Review before showing is the same everywhere too. A contribution is `held` (waiting for
the facilitator) when its activity's `review_first` setting (REVIEW) is on and a
participant made it, or, whoever made it and whatever the settings, when its typed text
looks like personal data (personal_data.py; the kinds found are its `flags`). Held
content is in the facilitator's view, marked, and on its author's phone, saying that it
waits; it reaches no other screen, nor the report, the spreadsheets or a later
activity's items, until the facilitator approves it (`approve`, or `approve_all`, which
leaves what is flagged to be approved one by one). An edit is screened again: with
review on, changed words wait again. What the room may see is `visible()`: neither
hidden nor held. The settings apply to the whole activity, as everything does when its
actions are replayed: turning review on later holds what was not approved, turning it
off shows what waits, unless it is flagged.

The per-person limit (`check_limit`) has one rule in every type: a participant may have
at most `limit` contributions that are not hidden. So a hidden one frees a place, and
restoring it may take its author over the limit. Why: what counts is exactly what the
participant's own phone shows (`mine`), so a phone can always say how many places are
left and the person can free one by changing or withdrawing what they see; a hidden
contribution is out of the results (summary, report, items) as well as off their phone,
and a limit that counted it would refuse them for something they can neither see nor
withdraw. The limit bounds what a person adds; it never undoes the facilitator's
moderation. It is also the most lenient of the rules the types had before, so every
workshop they accepted, and every archive exported from them, still replays.

A type keeps its contributions in `Contributions`, which files each author's apart too:
a conference's question may hold tens of thousands of answers, and the limit and a
phone's own list look only at that person's.
"""
import heapq
from dataclasses import dataclass, field
from typing import ClassVar

from flask_babel import lazy_gettext as _l

from . import personal_data
from .actions import Action
from .base import FACILITATOR, OTHER, PARTICIPANT, Field, Rejected, fold_people

REVIEW = Field("review_first", _l("Review contributions before the room sees them"),
               kind="bool", default=False,
               help=_l("They wait in this console until you approve them; their authors see "
                       "that they are waiting. What looks like personal data always waits."))


@dataclass(kw_only=True)
class Contribution:
    TEXTS: ClassVar[tuple] = ()  # the fields people type, screened for personal data

    id: int
    author: int | None = None  # participant id; None when the facilitator entered it
    number: int | None = None  # the author's anonymous number, shown to the facilitator
    organisation: str | None = None
    hidden: bool = False
    held: bool = False  # waiting for the facilitator's approval
    flags: tuple = ()  # the kinds of personal data its text seems to hold
    plus: set = field(default_factory=set)  # participant ids who gave it a +1

    @classmethod
    def made(cls, ctx, config, **content):
        """A new contribution by whoever acts: a participant, or nobody when the
        facilitator enters it for someone without a phone. `config` is the activity's
        settings: whether it waits for review."""
        actor = ctx.actor
        if actor.role != PARTICIPANT:
            contribution = cls(id=ctx.seq, **content)
        else:
            contribution = cls(id=ctx.seq, author=actor.participant_id, number=actor.number,
                               organisation=actor.organisation, **content)
        contribution.screen(ctx, config)
        return contribution

    def change(self, ctx, config, **content):
        """Its author's new words, screened again as new ones are."""
        for name, value in content.items():
            setattr(self, name, value)
        self.screen(ctx, config)

    def screen(self, ctx, config):
        """Held for the facilitator if its text looks like personal data, or if the
        activity reviews what participants type."""
        self.flags = personal_data.find(*(getattr(self, name) for name in self.TEXTS))
        self.held = bool(self.flags) or (
            bool(config.get(REVIEW.name)) and ctx.actor.role == PARTICIPANT
            and bool(self.TEXTS))

    @property
    def by_facilitator(self):
        return self.author is None

    def marks(self):
        """Hidden, waiting for review, flagged: what the facilitator's view marks."""
        return {"hidden": self.hidden, "held": self.held, "flags": list(self.flags)}

    def described(self):
        """Who made it and its marks: for the facilitator's view only."""
        return {"number": self.number, "organisation": self.organisation,
                "by_facilitator": self.by_facilitator, **self.marks()}


class Contributions(dict):
    """{id: contribution}, in the order given, that also keeps each author's apart. Add,
    replace and remove with `[id] = ` and `del [id]` (the other ways of changing a dict
    would leave the authors' lists behind, so they are refused)."""

    def __init__(self):
        super().__init__()
        self._by_author = {}  # author -> {id: contribution}

    def __setitem__(self, key, contribution):
        if key in self:  # replaced where it stands
            del self._by_author[self[key].author][key]
        super().__setitem__(key, contribution)
        self._by_author.setdefault(contribution.author, {})[key] = contribution

    def __delitem__(self, key):
        del self._by_author[self[key].author][key]
        super().__delitem__(key)

    def _refused(self, *args, **kwargs):
        raise TypeError("Change Contributions with [id] = and del [id] only.")

    pop = popitem = setdefault = update = clear = _refused

    def of(self, author):
        """This author's contributions, in the order given."""
        return list(self._by_author.get(author, {}).values())


def id_field(noun):
    """The payload field naming a contribution, e.g. id_field("note")."""
    return Field("id", _l("The id"), kind="number", required=True,
                 help=f"the {noun}'s `id`")


def find(contributions, contribution_id, gone):
    """The contribution with this id, from {id: contribution}; an unknown one is refused
    with `gone` ("That note is no longer there."): it may have been withdrawn a moment
    ago."""
    contribution = contributions.get(contribution_id)
    if contribution is None:
        raise Rejected(gone)
    return contribution


def moderation(find_one, noun, every, then=None):
    """The facilitator's `hide`, `restore`, `approve` and `approve_all` actions, for a
    module's action table. `find_one(state, payload)` finds the contribution the payload
    names, `every(state)` gives them all; `then(state, contribution)`, if given, follows
    each hide and restore (a hidden picture leaves the spotlight)."""
    def moderate(hidden):
        def run(state, payload, ctx):
            contribution = find_one(state, payload)
            contribution.hidden = hidden
            if then is not None:
                then(state, contribution)
            return {"id": contribution.id}
        return run

    def approve(state, payload, ctx):
        find_one(state, payload).held = False  # approving twice does no harm
        return {"id": payload["id"]}

    def approve_all(state, payload, ctx):
        waiting = [c for c in every(state) if c.held and not c.hidden]
        for contribution in waiting:
            if not contribution.flags:
                contribution.held = False
        flagged = sum(1 for c in waiting if c.flags)
        return {"approved": len(waiting) - flagged, "flagged": flagged}

    fields = (id_field(noun),)
    return {
        "hide": Action(moderate(True), (FACILITATOR,), fields, reply={"id": 25},
                       doc=f"Hides the {noun} from the room and from its author's phone."),
        "restore": Action(moderate(False), (FACILITATOR,), fields, reply={"id": 25},
                          doc=f"Shows the hidden {noun} again (if it waits for review, it "
                              f"goes back to waiting)."),
        "approve": Action(approve, (FACILITATOR,), fields, reply={"id": 25},
                          doc=f"Approves the {noun}, which waits for review: the room "
                              f"sees it."),
        "approve_all": Action(approve_all, (FACILITATOR,), reply={"approved": 4, "flagged": 1},
                              doc=f"Lets the room see every {noun} that waits for review, "
                                  f"except those that look like personal data (`flagged`: "
                                  f"approve those one by one) and those hidden."),
    }


def own(contribution, participant_id, refusal):
    """The contribution, if this participant may change or withdraw it: it is theirs and
    not hidden. A hidden one has gone from their phone, so it is refused in the same words
    as someone else's, and hiding cannot be undone by editing."""
    if contribution.author != participant_id or contribution.hidden:
        raise Rejected(refusal)
    return contribution


def check_limit(contributions, ctx, limit, refusal):
    """The per-person limit, one rule for every type (see above): a participant may have
    at most `limit` contributions (from Contributions) that are not hidden; the
    facilitator entering for someone is not limited."""
    actor = ctx.actor
    if actor.role == PARTICIPANT and len(mine(contributions, actor.participant_id)) >= limit:
        raise Rejected(refusal)


def plus_one(contribution, ctx, refusals):
    """Agree with someone else's contribution, once; the reply every type gives.
    `refusals` says, in the type's words, why not: PlusOneRefusals(gone, own, again).
    (One that waits for review is not refused: nobody else can see it to agree, and when
    the setting is turned on later, replaying a +1 given before must still be accepted.)"""
    who = ctx.actor.participant_id
    if contribution.hidden:
        raise Rejected(refusals.gone)
    if contribution.author == who:
        raise Rejected(refusals.own)
    if who in contribution.plus:
        raise Rejected(refusals.again)
    contribution.plus.add(who)
    return {"id": contribution.id, "plus": len(contribution.plus)}


@dataclass(frozen=True)
class PlusOneRefusals:
    """Why a +1 is refused, in a type's own words (a noun cannot be put into a sentence
    in every language: Welsh mutates it, and its gender changes the words around it)."""

    gone: str  # "That note is no longer there."
    own: str  # "That is your own note: +1 other people's."
    again: str  # "You have already given that note a +1."


def take_back_plus_one(contribution, ctx, refusal):
    """Take back one's own +1, or refuse in the type's words ("You have not upvoted that
    question."); the reply is plus_one's."""
    if ctx.actor.participant_id not in contribution.plus:
        raise Rejected(refusal)
    contribution.plus.discard(ctx.actor.participant_id)
    return {"id": contribution.id, "plus": len(contribution.plus)}


def visible(contributions):
    """The contributions the room may see, in their order: neither hidden nor waiting
    for review."""
    return [c for c in contributions if not c.hidden and not c.held]


def approved(contributions):
    """The contributions an export holds: all but those waiting for review (hidden ones
    stay, marked)."""
    return [c for c in contributions if not c.held]


def mine(contributions, participant_id):
    """A participant's own contributions as their phone shows them: hidden ones left out,
    those waiting for review kept (the phone says they wait). From Contributions (looking
    at theirs only), or any other collection."""
    if isinstance(contributions, Contributions):
        return [c for c in contributions.of(participant_id) if not c.hidden]
    if isinstance(contributions, dict):  # {id: contribution}
        contributions = contributions.values()
    return [c for c in contributions if c.author == participant_id and not c.hidden]


def review_summary(config, contributions):
    """For the console: whether the activity reviews what is typed, how many wait, and
    how many of those look like personal data."""
    waiting = [c for c in contributions if c.held and not c.hidden]
    return {"on": bool(config.get(REVIEW.name)), "waiting": len(waiting),
            "flagged": sum(1 for c in waiting if c.flags)}


def held_for_review(contributions):
    """What waits for review, for the JSON archive: ids, typed texts and flags."""
    return [{"id": c.id, "texts": {name: getattr(c, name) for name in c.TEXTS},
             "flags": list(c.flags)} for c in contributions if c.held]


# What a phone is sent of what others wrote. A room's worth (up to WHOLE_ROOM items) comes
# whole: everyone can read and +1 every note, meaning or question, so none gains +1s only
# for being among the first shown. Beyond, a conference's, a phone is sent a few screens
# of the most relevant (ON_PHONE of a list) and how many there are in all: sending every
# item to every phone, once a second each, is what a server cannot afford.
WHOLE_ROOM = 150
ON_PHONE = 20


def on_phone(count, bound=ON_PHONE):
    """How many of `count` items a phone is sent: all of a room's worth, else `bound`."""
    return count if count <= WHOLE_ROOM else bound


def most_agreed(contributions, limit):
    """The `limit` contributions with most +1s, the older first among equals: what a screen
    that can show only some of them is sent, however many a conference makes."""
    return heapq.nsmallest(limit, contributions, key=lambda c: -len(c.plus))


def plussed(contributions, participant_id):
    """The ids of the contributions this participant gave a +1, for their phone."""
    return [c.id for c in contributions if participant_id in c.plus]


def fold_authors(contributions):
    """The organisations as they may be shown (see base.fold_groups), counting each author
    once, however many contributions they made, under the organisation of their last one.
    What the facilitator typed for someone has no author and counts for nobody."""
    return fold_people({c.author: c.organisation for c in contributions
                        if c.author is not None})


def shown_organisations(contributions):
    """{contribution id: its organisation as an export may show it}: folded, and "" for
    what the facilitator entered."""
    contributions = list(contributions)
    shown = fold_authors(contributions)
    return {c.id: "" if c.author is None else shown.get(c.organisation, OTHER)
            for c in contributions}
