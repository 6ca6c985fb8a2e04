"""Ready-made agendas: a whole workshop in one click, every part editable afterwards."""
from activities.base import Rejected
from activities.journey import TEMPLATES

PARTNERSHIP = "partnership"

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
}


def choices():
    return [{"id": key, "title": a["title"], "description": a["description"]}
            for key, a in AGENDAS.items()]


def check(agenda):
    """Refuse a name that is not a ready-made agenda, before a workshop is made for it."""
    if not isinstance(agenda, str) or agenda not in AGENDAS:
        raise Rejected("Choose one of the ready-made agendas.")
