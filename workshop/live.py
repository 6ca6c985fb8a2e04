"""Socket.IO handlers: thin. Each one parses, authorises, calls the engine and answers
`{ok: true, ...}` or `{ok: false, error}`. Identity comes from the cookie set over HTTP."""
import functools
import logging
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from flask import current_app, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l
from flask_socketio import ConnectionRefusedError, join_room

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Actor, Rejected, is_int, storable

from . import rooms
from .admission import TOO_MANY_GUESSES, Outcome, admit, is_pass, wrong_guess
from .cookies import facilitator_cookie, participant_cookie, pass_cookie
from .extensions import alerts, broadcaster, engine, limits, socketio
from .gate import no_such_event
from .limits import FACILITATOR_SCREEN, PHONE, ROOM_SCREEN, address_key
from .store import StoreUnavailable

log = logging.getLogger(__name__)

SAVE_FAILED = _l("The server could not save that just now. Nothing was lost: please try again.")
TOO_FAST = _l("That was a lot at once: wait a moment, then try again.")
BROKEN = _l("Something went wrong on the server. Nothing was changed: please try again.")
# Sent with a refusal that can pass with time (a full room, a busy network): the page
# tries to connect again by itself a little later.
TRY_AGAIN_LATER = {"retry": True}


@dataclass(frozen=True)
class Client:
    code: str
    role: str
    actor: Actor | None
    address: str  # held for this connection's limits only; never stored
    kind: str  # which places it holds (limits.py)


clients = {}  # Socket.IO session id -> Client, for this process's connections


# ------------------------------------------------------------------ origins
REFUSED_ORIGIN = "roundtable.refused_origin"  # set in the WSGI environ of such a handshake


def origin_allowed(cfg):
    """Socket.IO accepts browsers only from the page's own origin, PUBLIC_URL and
    ALLOWED_ORIGINS; a page elsewhere cannot connect with a participant's cookie.

    A browser is told why in words: a new WebSocket from another origin is let through
    the transport (a refused WebSocket handshake gives a page nothing to read, so it would
    try again for ever) and refused by on_connect with `origin_refusal`, before any
    cookie is read. Every other request from another origin (long-polling, or one for an
    existing session) is refused by the transport with HTTP 400."""
    extra = {o.strip().rstrip("/") for o in cfg["ALLOWED_ORIGINS"].split(",") if o.strip()}
    if cfg["PUBLIC_URL"]:
        public = urlsplit(cfg["PUBLIC_URL"])
        extra.add(f"{public.scheme}://{public.netloc}")

    def allowed(origin, environ):
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        if origin == own or origin in extra:
            return True
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if query.get("transport") == ["websocket"] and "sid" not in query:
            environ[REFUSED_ORIGIN] = origin
            return True
        return False

    return allowed


def origin_refusal(origin):
    """The words a page from a refused origin shows."""
    return _("This server does not accept connections from pages at %(origin)s. Open the "
             "workshop at the address the organiser gave, or ask them to add this one to "
             "the server's ALLOWED_ORIGINS or PUBLIC_URL.", origin=origin[:100])


def _too_fast(client):
    """Spend one message from this connection's and this participant's allowance."""
    if not limits().connection_events.allow(request.sid):
        return True
    if client.role == PARTICIPANT:
        return not limits().participant_events.allow((client.code, client.actor.participant_id))
    return False


def command(handler):
    """Answer every command, whatever the client sent: errors come back in words."""

    @functools.wraps(handler)
    def wrapper(data=None, *extra):
        # A connection's messages are handled one at a time, in its reading loop
        # (async_handlers=False); yielding here gives every other connection its turn
        # between two of them, so a phone sending as fast as it can holds nobody up.
        socketio.sleep(0)
        client = clients.get(request.sid)
        if client is None:
            return {"ok": False, "error": _("This connection is not part of a workshop.")}
        if data is None:
            data = {}
        if _too_fast(client):
            return {"ok": False, "error": str(TOO_FAST), "retry": True}
        if not isinstance(data, dict):
            return {"ok": False, "error": _("Send the details as an object.")}
        try:
            return {"ok": True, **handler(client, storable(data))}
        except Rejected as exc:
            return {"ok": False, "error": str(exc)}
        except StoreUnavailable:
            log.warning("store unavailable", exc_info=True)
            return {"ok": False, "error": str(SAVE_FAILED), "retry": True}
        except Exception:
            log.exception("handler %s failed", handler.__name__)
            return {"ok": False, "error": str(BROKEN)}

    return wrapper


@socketio.on("connect")
def on_connect(auth=None):
    if REFUSED_ORIGIN in request.environ:  # see origin_allowed
        raise ConnectionRefusedError(origin_refusal(request.environ[REFUSED_ORIGIN]))
    auth = auth if isinstance(auth, dict) else {}
    role = auth.get("role")
    shown = []  # what the connection showed, once its code is known to be a workshop's

    def proven(live):
        shown.append(_credentials(live, role, auth))
        return shown[-1] is not None

    outcome, live = admit(auth.get("code"), request.remote_addr, proven,
                          room=role != FACILITATOR)
    if outcome is Outcome.GUESSING:
        raise ConnectionRefusedError(str(TOO_MANY_GUESSES), TRY_AGAIN_LATER)
    if outcome is Outcome.UNKNOWN:
        raise ConnectionRefusedError(_("There is no workshop with that code."))
    if role not in (PARTICIPANT, PRESENTER, FACILITATOR):
        raise ConnectionRefusedError(_("Say whether this is a participant, presenter or "
                                       "facilitator screen."))
    if outcome is Outcome.PROVEN:
        actor, kind = shown[-1]
    elif role == PARTICIPANT:
        raise ConnectionRefusedError(_("Join the workshop first: open its join link."))
    elif role == FACILITATOR:
        wrong_guess(request.remote_addr)
        raise ConnectionRefusedError(_("Only the facilitator can open the console."))
    else:  # a presenter screen opened with the join code alone
        actor, kind = None, ROOM_SCREEN
    code, address = live.code, address_key(request.remote_addr)
    full = limits().take_place(code, address, kind)
    if full:
        if full == "presenters":
            alerts().tell(code, "presenters")
        raise ConnectionRefusedError(_full_words(full), TRY_AGAIN_LATER)
    join_room(rooms.role(code, role))
    if role == PARTICIPANT:
        join_room(broadcaster().phone_room(code))
        join_room(rooms.person(code, actor.participant_id))
        engine().connect(code, actor.participant_id)
    clients[request.sid] = Client(code, role, actor if role != PRESENTER else None, address,
                                  kind)


def _credentials(live, role, auth):
    """(actor, kind of place) if the connection shows more than the code: a participant's
    cookie, the facilitator's key (cookie, or `key` for scripts), or for a presenter
    screen the join link's pass, which its page left in a cookie. A presenter screen in a
    browser holding the facilitator's key (the projector opened from the console) is one
    of the facilitator's screens. None when it shows nothing but the code."""
    if role not in (PARTICIPANT, PRESENTER, FACILITATOR):
        return None
    if role == PARTICIPANT:
        actor = engine().participant(live.code,
                                     request.cookies.get(participant_cookie(live.code)))
        return (actor, PHONE) if actor is not None else None
    key = request.cookies.get(facilitator_cookie(live.code)) or auth.get("key")
    if engine().check_key(live.code, key):
        return Actor(FACILITATOR), FACILITATOR_SCREEN
    if role == PRESENTER and is_pass(live, request.cookies.get(pass_cookie(live.code))):
        return None, ROOM_SCREEN
    return None


def _full_words(limit):
    cfg = current_app.config
    if limit == "workshop":
        return _("This workshop is full: no more screens can join it.")
    if limit == "phones from":
        return _("Too many connections from your network.")
    if limit == "presenters":
        return ngettext("This workshop already has %(num)d presenter screen open: close it, "
                        "or open the presenter screen from the facilitator's console.",
                        "This workshop already has %(num)d presenter screens open: close one, "
                        "or open the presenter screen from the facilitator's console.",
                        cfg["MAX_PRESENTERS_PER_WORKSHOP"])
    if limit == "consoles":
        return ngettext("This workshop already has %(num)d of the facilitator's screens open: "
                        "close it first.",
                        "This workshop already has %(num)d of the facilitator's screens open: "
                        "close one first.", cfg["MAX_CONSOLES_PER_WORKSHOP"])
    return _("Too many presenter screens and consoles from your network.")


@socketio.on("disconnect")
def on_disconnect(*_reason):
    client = clients.pop(request.sid, None)
    if client is None:
        return
    limits().give_back_place(client.code, client.address, client.kind)
    limits().connection_events.forget(request.sid)
    if client.role == PARTICIPANT:
        engine().disconnect(client.code, client.actor.participant_id)


@socketio.on("sync")
@command
def on_sync(client, data):
    """A full snapshot for this screen: sent on every (re)connect, when the client asks."""
    participant_id = client.actor.participant_id if client.role == PARTICIPANT else None
    if engine().shared:
        engine().catch_up(client.code)
    return {"view": engine().view(client.code, client.role, participant_id)}


def _taking_part(client, data):
    """The activity an action is for, from a screen that may take part."""
    if client.role == PRESENTER:
        raise Rejected(_("The presenter screen only shows; it cannot take part."))
    activity_id = data.get("activity_id")
    if not is_int(activity_id):
        raise Rejected(_("Say which activity this is for."))
    return activity_id


@socketio.on("act")
@command
def on_act(client, data):
    activity_id = _taking_part(client, data)
    reply = engine().act(client.code, client.actor, activity_id, data.get("action"),
                         data.get("payload"), data.get("cid"))
    if client.role == PARTICIPANT:
        reply["own"] = engine().own(client.code, client.actor.participant_id)
        broadcaster().told(client.code, client.actor.participant_id, reply["own"])
    return reply


@socketio.on("read")
@command
def on_read(client, data):
    """An action that only reads (one journey cell's notes, say): answered, never stored."""
    return engine().read(client.code, client.actor, _taking_part(client, data),
                         data.get("action"), data.get("payload"))


@socketio.on("control")
@command
def on_control(client, data):
    if client.role != FACILITATOR:
        raise Rejected(_("Only the facilitator can do that."))
    command_name = data.get("command")
    if not isinstance(command_name, str):
        raise Rejected(_("Say which command to run."))
    return engine().control(client.code, command_name, data.get("args"))


@socketio.on("items")
@command
def on_items(client, data):
    """What an earlier activity offers as options (the console's "take from" list)."""
    if client.role != FACILITATOR:
        raise Rejected(_("Only the facilitator can do that."))
    activity_id = data.get("activity_id")
    if not is_int(activity_id):
        raise Rejected(_("Say which activity to take items from."))
    return {"items": engine().items(client.code, activity_id)}


@socketio.on("*")
def on_unknown(event, *args):
    socketio.sleep(0)  # as in command: others get their turn
    return no_such_event(event)
