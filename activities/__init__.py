"""The registry: every activity type the workshop can run, in the order the console lists them.

Adding a type means adding its module here and its browser parts in static/js/activities/<type>/.
"""
from . import (actionplan, checklist, dotvote, dpia, glossary, healthcheck, journey, partnermap,
               picture, question, questions)
from .base import validate_config

TYPES = {module.type_id: module for module in (
    question, questions, dotvote, journey, picture, healthcheck, glossary, partnermap,
    checklist, dpia, actionplan)}


def get(type_id):
    return TYPES.get(type_id) if isinstance(type_id, str) else None  # a list is no type


def configure(module, raw):
    """A facilitator's settings for this type, checked field by field, then as a whole."""
    config = validate_config(module.config_fields, raw)
    check = getattr(module, "check_config", None)
    return check(config) if check else config


def catalogue():
    """Every type as the console's form builder and the API's type list describe it: its
    settings, and each action with the roles that may send it and its payload fields."""
    return [
        {"type": m.type_id, "title": m.title, "description": m.description,
         "fields": [f.describe() for f in m.config_fields],
         "presets": getattr(m, "presets", {}),
         "actions": {name: {"roles": sorted(action.roles),
                            "fields": [f.describe() for f in action.fields]}
                     for name, action in sorted(m.actions.items())}}
        for m in TYPES.values()
    ]


def limits():
    """The longest text a person may type in each field of each action, as the browser's
    inputs enforce it: {type: {action: {field: characters}}}, for every type and each of
    its actions that takes typed text (a type with none has {})."""
    return {m.type_id: {name: texts for name, action in sorted(m.actions.items())
                        if (texts := {f.name: f.max_length for f in action.fields
                                      if f.kind in ("text", "textarea")})}
            for m in TYPES.values()}
