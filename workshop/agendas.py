"""Ready-made agendas: a whole workshop in one click, every part editable afterwards."""
from activities.base import Rejected
from activities.journey import TEMPLATES

PARTNERSHIP = "partnership"
AGREEMENT = "agreement"

AGENDAS = {
    PARTNERSHIP: {
        "title": "Information-sharing partnership workshop",
        "description": "Health check, shared language, partner map, the information-sharing "
                       "journey, a vote on its barriers, and building the picture.",
        "activities": [
            ("healthcheck", {"prompt": "How healthy is our partnership?"}),
            ("glossary", {"prompt": "Which words do you use for sharing information, and "
                                    "what do you mean by them?"}),
            ("partnermap", {"prompt": "Who holds information, skills or knowledge this "
                                      "partnership needs?"}),
            ("journey", {"prompt": "The information-sharing journey",
                         "stages": "\n".join(TEMPLATES["information-sharing"]["stages"]),
                         "lanes": "\n".join(TEMPLATES["information-sharing"]["lanes"])}),
            ("dotvote", {"prompt": "Which barrier should we tackle first?", "options": "",
                         "propose_first": True, "dots": 3}),
            ("picture", {"prompt": "Build what this partnership will have built in a year",
                         "mode": "gallery"}),
        ],
    },
    AGREEMENT: {
        "title": "Information-sharing agreement workshop",
        "description": "Health check, partner map, shared language, the information-sharing "
                       "journey, a vote on its barriers, a DPIA screening, the sharing "
                       "checklist and the action plan: what an agreement pack is drafted from.",
        "activities": [
            ("healthcheck", {"prompt": "How healthy is our partnership today?"}),
            ("partnermap", {"prompt": "Who needs to be party to this agreement?"}),
            ("glossary", {"prompt": "Which words must the agreement define, and what do we "
                                    "each mean by them?"}),
            ("journey", {"prompt": "The information-sharing journey",
                         "stages": "\n".join(TEMPLATES["information-sharing"]["stages"]),
                         "lanes": "\n".join(TEMPLATES["information-sharing"]["lanes"])}),
            ("dotvote", {"prompt": "Which barrier must the agreement remove first?",
                         "options": "", "propose_first": True, "dots": 3}),
            ("dpia", {"prompt": "Does this sharing need a full DPIA?"}),
            ("checklist", {"prompt": "What will our information-sharing agreement say?"}),
            ("actionplan", {"prompt": "Who will do what, and by when, to get it signed?"}),
        ],
    },
}


def choices():
    return [{"id": key, "title": a["title"], "description": a["description"]}
            for key, a in AGENDAS.items()]


def check(agenda):
    """Refuse a name that is not a ready-made agenda, before a workshop is made for it."""
    if not isinstance(agenda, str) or agenda not in AGENDAS:
        raise Rejected("Choose one of the ready-made agendas.")
