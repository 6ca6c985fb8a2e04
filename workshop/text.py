"""The rules for what facilitators and participants type outside activities: a workshop's
title, a participant's name and organisation, the partner organisations. Each is tidied
(activities.base.clean_text) before it is measured, and refused in words, never cut."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from activities.base import Rejected, clean_text

TITLE_LIMIT = 120
NAME_LIMIT = 60
ORGANISATION_LIMIT = 80
MAX_ORGANISATIONS = 40


def clean_title(title):
    """A workshop's title: required, on one line."""
    if not isinstance(title, str) or not clean_text(title):
        raise Rejected(_l("Give the workshop a title."))
    title = clean_text(title)
    if len(title) > TITLE_LIMIT:
        raise Rejected(lazy_ngettext("Keep the title to %(num)d character.",
                                     "Keep the title to %(num)d characters.", TITLE_LIMIT))
    return title


def optional_text(value, label, limit):
    """A short text a person may leave out (a name, an organisation): None when blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected(_l("%(label)s: please give text.", label=label))
    value = clean_text(value)
    if len(value) > limit:
        raise Rejected(_l("%(label)s: please keep it to %(most)d characters.", label=label,
                          most=limit))
    return value or None


def clean_organisations(organisations):
    """The facilitator's list of partner organisations: text, unique, in order."""
    if organisations is None:
        return []
    if isinstance(organisations, str):
        organisations = organisations.splitlines()
    if not isinstance(organisations, (list, tuple)):
        raise Rejected(_l("Partner organisations must be a list of names."))
    cleaned = []
    for name in organisations:
        name = optional_text(name, _l("An organisation"), ORGANISATION_LIMIT)
        if name and name.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(name)
    if len(cleaned) > MAX_ORGANISATIONS:
        raise Rejected(lazy_ngettext("List up to %(num)d partner organisation.",
                                     "List up to %(num)d partner organisations.",
                                     MAX_ORGANISATIONS))
    return cleaned
