"""The registry: every activity type the workshop can run, in the order the console lists them.

Adding a type means adding its module here and its screen module in static/js/activities/.
"""
from . import dotvote, question

TYPES = {module.type_id: module for module in (question, dotvote)}


def get(type_id):
    return TYPES.get(type_id)
