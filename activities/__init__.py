"""The registry: every activity type the workshop can run, in the order the console lists them.

Adding a type means adding its module here and its browser parts in static/js/activities/<type>/.
"""
from pathlib import Path

from babel import Locale
from flask_babel import lazy_gettext as _l

from . import (actionplan, checklist, dotvote, dpia, glossary, healthcheck, journey, partnermap,
               picture, question, questions)
from .base import Field, validate_config

TYPES = {module.type_id: module for module in (
    question, questions, dotvote, journey, picture, healthcheck, glossary, partnermap,
    checklist, dpia, actionplan)}

# The languages besides English that have a catalogue (translations/<language>/).
OTHER_LANGUAGES = sorted(p.parent.parent.name for p in (Path(__file__).resolve().parent.parent
                         / "translations").glob("*/LC_MESSAGES/messages.po"))


TWINS = set()  # the names of the settings translated_fields adds, e.g. "prompt_cy"


def translated_fields(fields):
    """Each translatable setting again for each other language, `<name>_<language>`: the
    same words as the facilitator gives them in that language (lines in the same order).
    Left empty, the screens show the catalogue's translation where the words are the
    product's own (a template's stages), and otherwise the words as given."""
    extra = []
    for f in fields:
        if f.translatable:
            for language in OTHER_LANGUAGES:
                TWINS.add(f"{f.name}_{language}")
                extra.append(Field(
                    f"{f.name}_{language}", _l("%(label)s (%(language)s)", label=f.label,
                                               language=Locale.parse(language).language_name),
                    kind=f.kind, default="", max_length=f.max_length, language=language,
                    help=_l("Optional: leave it empty to show the words above.")))
    return fields + extra


for _module in TYPES.values():
    _module.config_fields = translated_fields(_module.config_fields)


def get(type_id):
    return TYPES.get(type_id) if isinstance(type_id, str) else None  # a list is no type


def configure(module, raw):
    """A facilitator's settings for this type, checked field by field, then as a whole."""
    config = validate_config(module.config_fields, raw)
    # A translation not given is not kept: settings without one read as they always did.
    config = {name: value for name, value in config.items()
              if not (name in TWINS and value == "")}
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
