"""Pages and the JSON API, one blueprint each, and what they share."""
from flask import abort, request

from ..extensions import limits

TOO_MANY_GUESSES = ("Too many wrong join codes or facilitator links from your network. "
                    "Wait a minute, then try again.")


def refuse_if_guessing():
    """Stop an address that has been trying code after code, before it tries another."""
    if limits().guesses.exhausted(_address()):
        abort(429, description=TOO_MANY_GUESSES)


def count_wrong_guess():
    limits().guesses.allow(_address())


def _address():
    return request.remote_addr or "unknown"
