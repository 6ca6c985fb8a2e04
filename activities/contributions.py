"""What the activity types share about contributions: answers, notes, definitions,
names on a partner map, proposals, pictures, sentences in a health check.

A contribution has an `id` and a `hidden` flag; most also have an `author` (the
participant's id, or None when the facilitator typed it for someone) and the author's
`organisation`. The facilitator moderates them with the same two actions everywhere, and
hidden content follows the same rules in every type: it stays in the facilitator's view
and the export, and is gone from every other screen, its author's phone included.
"""
from .base import FACILITATOR, Rejected, fold_people, int_from

# The moderation actions, for a module's `allowed`: only the facilitator hides or restores.
MODERATION = {"hide": frozenset({FACILITATOR}), "restore": frozenset({FACILITATOR})}


def find(contributions, payload, id_label, gone):
    """The contribution whose id the payload names, from {id: contribution}. A missing or
    non-numeric id is refused with `id_label` ("The note's id"), an unknown one with
    `gone` ("That note is no longer there."): it may have been withdrawn a moment ago."""
    contribution = contributions.get(int_from(payload, "id", id_label))
    if contribution is None:
        raise Rejected(gone)
    return contribution


def moderate(contribution, action):
    """Carry out "hide" or "restore" on one contribution; the reply every type gives."""
    contribution.hidden = action == "hide"
    return {"id": contribution.id}


def own(contribution, participant_id, refusal):
    """The contribution, if this participant may change or withdraw it: it is theirs and
    not hidden. A hidden one has gone from their phone, so it is refused in the same words
    as someone else's, and hiding cannot be undone by editing."""
    if contribution.author != participant_id or contribution.hidden:
        raise Rejected(refusal)
    return contribution


def visible(contributions):
    """The contributions that are not hidden, in their order: all that the room may see."""
    return [c for c in contributions if not c.hidden]


def mine(contributions, participant_id):
    """A participant's own contributions as their phone shows them: hidden ones left out."""
    return [c for c in contributions if c.author == participant_id and not c.hidden]


def fold_authors(contributions):
    """The organisations as they may be shown (see base.fold_groups), counting each author
    once, however many contributions they made, under the organisation of their last one.
    What the facilitator typed for someone has no author and counts for nobody."""
    return fold_people({c.author: c.organisation for c in contributions
                        if c.author is not None})
