"""Pages and the JSON API, one blueprint each, and what they share."""
from flask import abort, request
from flask_babel import lazy_gettext as _l

from ..admission import TOO_MANY_GUESSES, Outcome, admit, wrong_guess
from ..extensions import engine

NO_SUCH_WORKSHOP = _l("There is no workshop with that code.")


def workshop_for(code, proven, unknown=NO_SUCH_WORKSHOP, room=True):
    """(live workshop, whether the request proved it was given the code), or a refusal in
    words: 429 while the address is over its allowance of wrong guesses, 404 for a code
    that is nobody's (see admission.py)."""
    outcome, live = admit(code, request.remote_addr, proven, room)
    if outcome is Outcome.GUESSING:
        abort(429, description=str(TOO_MANY_GUESSES))
    if outcome is Outcome.UNKNOWN:
        abort(404, description=str(unknown))
    return live, outcome is Outcome.PROVEN


def facilitators_only(code, key, refusal, status=403, unknown=NO_SUCH_WORKSHOP):
    """The workshop's code if `key` is its facilitator key; otherwise `status` with
    `refusal`, and a wrong key counts as a wrong guess."""
    live, proven = workshop_for(code, lambda live: engine().check_key(live.code, key),
                                unknown, room=False)
    if not proven:
        wrong_guess(request.remote_addr)
        abort(status, description=str(refusal))
    return live.code
