"""Who comes in while their network is over its allowance of wrong guesses.

A join code typed by hand looks the same whether it was read off the screen or guessed.
So once an address has spent its allowance of wrong codes and keys (`Limits.guesses`),
every code it types is refused alike, right or wrong, and the answer tells it nothing.
What shows that someone was given the code, rather than guessed it, always passes:

- the join link's pass: the QR code and the links the console and the API give carry it
  (`?p=`), and a page reached with it or with a code typed while the address was within
  its allowance leaves it in a cookie, which the page's later requests and its live
  connection carry;
- a participant's cookie, and the facilitator's key (link, cookie or API key).

A pass is an HMAC of the code keyed with the stored digest of the workshop's facilitator
key: every server process can check it with nothing but the database, it differs for
each workshop, and 96 random-looking bits cannot be guessed within any allowance.

Only failures spend the allowance: a right code never does. Refusals over it are
answered no sooner than REFUSE_AFTER after the request arrived, whatever the code, so
that the server's time to answer (a workshop in memory is found faster than a missing
one is looked for) cannot tell an existing code from a missing one either."""
import base64
import hashlib
import hmac
import time
from enum import Enum

from flask_babel import lazy_gettext as _l

from .extensions import alerts, engine, limits, socketio
from .limits import address_key
from .security import normalise_code

PASS_PARAMETER = "p"
PASS_BYTES = 12  # 96 bits, 16 characters in the link
REFUSE_AFTER = 0.1  # seconds: far longer than looking a code up takes

TOO_MANY_GUESSES = _l("Too many wrong codes have come from your network, so codes typed by "
                      "hand are not taken from it for now. Scan the QR code on the screen or "
                      "open the join link instead.")


class Outcome(Enum):
    PROVEN = "the request proved it was given the code"
    TYPED = "a right code, from an address within its allowance"
    GUESSING = "the address is over its allowance: refused, whatever the code"
    UNKNOWN = "no workshop has this code: one wrong guess counted"


def join_pass(code, key_hash):
    """The pass in the join link of the workshop with this code and key digest."""
    mac = hmac.new(bytes.fromhex(key_hash), f"join pass {code}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()[:PASS_BYTES]).decode()


def is_pass(live, value):
    return isinstance(value, str) and hmac.compare_digest(
        value.encode("utf-8", "replace"), join_pass(live.code, live.key_hash).encode())


def admit(code, remote_address, proven, room=True):
    """(outcome, live workshop or None) for a request naming `code`.

    `proven(live)` says whether the request carries proof that it was given the code (a
    pass, a cookie, a key); it is asked only when the code is a workshop's. For a page or
    screen of the `room` (not the facilitator's), the console is told when a right code
    is turned away."""
    started = time.monotonic()
    address = address_key(remote_address)
    normal = normalise_code(code)
    live = engine().workshop(normal) if normal else None
    if live is not None and proven(live):
        return Outcome.PROVEN, live
    if limits().guesses.exhausted(address):
        if live is not None and room:
            alerts().tell(live.code, "typed")
        socketio.sleep(max(0.0, started + REFUSE_AFTER - time.monotonic()))
        return Outcome.GUESSING, None
    if live is None:
        wrong_guess(remote_address)
        return Outcome.UNKNOWN, None
    return Outcome.TYPED, live


def wrong_guess(remote_address):
    """Spend one of the address's allowance: a wrong code or a wrong key."""
    limits().guesses.allow(address_key(remote_address))
