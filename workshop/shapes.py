"""The shape of JSON that comes from outside (a workshop file), checked against a JSON
Schema with fastjsonschema (pinned), and refused in words.

Every property in a schema given to `Shape` carries a `description` saying, in words,
what it must be ("a whole number from 1 to %(most)s", marked with i18n.gettext_noop, and
the `values` put in it); a refusal names the place and repeats that description, in the
language of whoever reads it. A JSON Schema library rather than checks by hand: the
types of every field are declared in one place, and a field nobody remembered to check
cannot slip through (`"version": true` passed `== 1`; a participant list given as a
number reached code that iterated over it).
"""
import fastjsonschema
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from activities.base import Rejected


class Shape:
    def __init__(self, schema):
        self.schema = schema
        self._check = fastjsonschema.compile(schema)

    def check(self, value, where):
        """`value` if it has this shape; otherwise Rejected, in words, naming `where`."""
        try:
            return self._check(value)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise Rejected(_in_words(exc, where)) from None


def _in_words(exc, where):
    place = " → ".join(str(step + 1) if isinstance(step, int) else str(step)
                       for step in exc.path[1:])
    subject = _l("%(where)s: %(place)s", where=where, place=place) if place else where
    if exc.rule == "required" and isinstance(exc.rule_definition, list):
        missing = [name for name in exc.rule_definition
                   if not isinstance(exc.value, dict) or name not in exc.value]
        return _l("%(subject)s has no %(names)s.", subject=subject, names=", ".join(missing))
    definition = exc.definition if isinstance(exc.definition, dict) else {}
    if not definition.get("description"):
        return _l("%(subject)s must be what a Roundtable file holds there.", subject=subject)
    return _l("%(subject)s must be %(what)s.", subject=subject,
              what=_Described(definition["description"], definition.get("values") or {}))


class _Described:
    """A schema's description (marked where it is written, kept in English) in the
    reader's language, with its values put in, when the refusal is shown."""

    def __init__(self, words, values):
        self.words, self.values = words, values

    def __str__(self):
        return gettext(self.words, **self.values)
