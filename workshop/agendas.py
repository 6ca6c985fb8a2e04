"""Ready-made agendas: a whole workshop in one click, every part editable afterwards.

An agenda's title and description are shown in the language of whoever reads them (_l);
its activities' prompts are kept as written, in English, and marked N_ so that each
screen shows them in its own language, as any words a workshop starts with
(workshop/i18n.py content_words)."""
from flask_babel import lazy_gettext as _l

from activities.base import N_, Rejected
from activities.journey import TEMPLATES

PARTNERSHIP = "partnership"
AGREEMENT = "agreement"

AGENDAS = {
    PARTNERSHIP: {
        "title": _l("Information-sharing partnership workshop"),
        "description": _l("Health check, shared language, partner map, the information-sharing "
                          "journey, a vote on its barriers, and building the picture."),
        "activities": [
            ("healthcheck", {"prompt": N_("How healthy is our partnership?")}),
            ("glossary", {"prompt": N_("Which words do you use for sharing information, and "
                                       "what do you mean by them?")}),
            ("partnermap", {"prompt": N_("Who holds information, skills or knowledge this "
                                         "partnership needs?")}),
            ("journey", {"prompt": N_("The information-sharing journey"),
                         "stages": "\n".join(TEMPLATES["information-sharing"]["stages"]),
                         "lanes": "\n".join(TEMPLATES["information-sharing"]["lanes"])}),
            ("dotvote", {"prompt": N_("Which barrier should we tackle first?"), "options": "",
                         "propose_first": True, "dots": 3}),
            ("picture", {"prompt": N_("Build what this partnership will have built in a year"),
                         "mode": "gallery"}),
        ],
    },
    AGREEMENT: {
        "title": _l("Information-sharing agreement workshop"),
        "description": _l("Health check, partner map, shared language, the information-sharing "
                          "journey, a vote on its barriers, a DPIA screening, the sharing "
                          "checklist and the action plan: what an agreement pack is drafted "
                          "from."),
        "activities": [
            ("healthcheck", {"prompt": N_("How healthy is our partnership today?")}),
            ("partnermap", {"prompt": N_("Who needs to be party to this agreement?")}),
            ("glossary", {"prompt": N_("Which words must the agreement define, and what do we "
                                       "each mean by them?")}),
            ("journey", {"prompt": N_("The information-sharing journey"),
                         "stages": "\n".join(TEMPLATES["information-sharing"]["stages"]),
                         "lanes": "\n".join(TEMPLATES["information-sharing"]["lanes"])}),
            ("dotvote", {"prompt": N_("Which barrier must the agreement remove first?"),
                         "options": "", "propose_first": True, "dots": 3}),
            ("dpia", {"prompt": N_("Does this sharing need a full DPIA?")}),
            ("checklist", {"prompt": N_("What will our information-sharing agreement say?")}),
            ("actionplan", {"prompt": N_("Who will do what, and by when, to get it signed?")}),
        ],
    },
}


def choices():
    return [{"id": key, "title": a["title"], "description": a["description"]}
            for key, a in AGENDAS.items()]


def check(agenda):
    """Refuse a name that is not a ready-made agenda, before a workshop is made for it."""
    if not isinstance(agenda, str) or agenda not in AGENDAS:
        raise Rejected(_l("Choose one of the ready-made agendas."))
