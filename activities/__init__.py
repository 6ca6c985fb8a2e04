"""The registry: every activity type the workshop can run, in the order the console lists them.

Adding a type means adding its module here and its screen module in static/js/activities/.
"""
from . import dotvote, glossary, healthcheck, journey, partnermap, picture, question

TYPES = {module.type_id: module for module in (
    question, dotvote, journey, picture, healthcheck, glossary, partnermap)}


def get(type_id):
    return TYPES.get(type_id) if isinstance(type_id, str) else None  # a list is no type


def catalogue():
    """Every type as the console's form builder and the API's type list describe it."""
    return [
        {"type": m.type_id, "title": m.title, "description": m.description,
         "fields": [f.describe() for f in m.config_fields],
         "presets": getattr(m, "presets", {}), "actions": sorted(m.allowed)}
        for m in TYPES.values()
    ]
