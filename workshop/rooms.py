"""Socket.IO room names, in one place."""


def role(code, role_name):
    """Every screen of one role in one workshop: presenter, facilitator or participant."""
    return f"{code}:{role_name}"


def person(code, participant_id):
    """All the tabs and phones of one participant."""
    return f"{code}:p:{participant_id}"


def phones(code, group):
    """One group of a workshop's phones: the groups take turns for the room's view."""
    return f"{code}:phones:{group}"
