"""The shape of JSON that comes from outside (a workshop file), checked against a JSON
Schema with fastjsonschema (pinned), and refused in words.

Every property in a schema given to `Shape` carries a `description` saying, in words,
what it must be ("a whole number from 1 to 1,000,000,000"); a refusal names the place
and repeats that description. A JSON Schema library rather than checks by hand: the
types of every field are declared in one place, and a field nobody remembered to check
cannot slip through (`"version": true` passed `== 1`; a participant list given as a
number reached code that iterated over it).
"""
import fastjsonschema

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
    subject = f"{where}: {place}" if place else where
    if exc.rule == "required" and isinstance(exc.rule_definition, list):
        missing = [name for name in exc.rule_definition
                   if not isinstance(exc.value, dict) or name not in exc.value]
        return f"{subject} has no {', '.join(missing)}."
    described = exc.definition.get("description") if isinstance(exc.definition, dict) \
        else None
    return f"{subject} must be {described or 'what a Roundtable file holds there'}."
