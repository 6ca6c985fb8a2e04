"""The pages: home, join, participant, presenter, facilitator console, and the QR code."""
from flask import (Blueprint, Response, abort, current_app, jsonify, redirect, render_template,
                   request, url_for)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, ServiceUnavailable

import activities
from activities import personal_data
from activities.base import Rejected

from .. import agendas, i18n, links, qr
from ..admission import (PASS_PARAMETER, TOO_MANY_GUESSES, Outcome, admit, is_pass,
                         join_pass)
from ..cookies import facilitator_cookie, participant_cookie, pass_cookie, set_cookie
from ..engine import JOINING_CLOSED
from ..extensions import alerts, engine, limits
from ..limits import address_key
from ..security import normalise_code
from ..store import StoreUnavailable
from . import facilitators_only, workshop_for

bp = Blueprint("pages", __name__)

TOO_MANY_JOINS = _l("Many people have just joined from your network. Wait a few seconds, "
                    "then press Join again.")

def activity_modules(screen):
    """One screen's part of each activity type, by type: the screen loads the one it
    needs from its versioned URL."""
    assets = current_app.extensions["roundtable_assets"]
    return {type_id: assets.url(_part_path(type_id, screen)) for type_id in activities.TYPES}


def _part_path(type_id, screen):
    return f"js/activities/{type_id}/{screen}.js"


def _given_the_code(live):
    """The request shows that it was given the code rather than guessed it: the join
    link's pass (in the address or its cookie), or a participant's or facilitator's
    cookie."""
    cookies = request.cookies
    return (is_pass(live, request.args.get(PASS_PARAMETER))
            or is_pass(live, cookies.get(pass_cookie(live.code)))
            or engine().check_key(live.code, cookies.get(facilitator_cookie(live.code)))
            or engine().participant(live.code, cookies.get(participant_cookie(live.code)))
            is not None)


def _unknown(code):
    return _("No workshop has the code “%(code)s”. Check the code on the screen and try "
             "again.", code=code[:12])


def _room_workshop(code):
    """The workshop of a page the room opens: join, participant, presenter, QR code."""
    live, _proven = workshop_for(code, _given_the_code, _unknown(code))
    return live


def _keep_pass(response, live):
    """The page's later requests, and its live connection, carry the join link's pass."""
    if not is_pass(live, request.cookies.get(pass_cookie(live.code))):
        set_cookie(response, pass_cookie(live.code), join_pass(live.code, live.key_hash))
    return response


@bp.get("/")
def home():
    deleted = normalise_code(request.args.get("deleted"))
    return render_template("home.html", deleted=deleted, agendas=agendas.choices())


@bp.post("/workshops")
def create():
    agenda = request.form.get("agenda") or None
    try:
        if agenda:
            agendas.check(agenda)  # before creating: a refusal leaves no workshop behind
        languages = request.form.get("languages", "").split() or None
        if languages:
            i18n.check_languages(languages)
        code, key = engine().create_workshop(request.form.get("title", ""),
                                             request.form.get("organisations", ""))
        if agenda:
            engine().control(code, "add_agenda", {"agenda": agenda})
        if languages:
            engine().control(code, "set_languages", {"languages": languages})
    except Rejected as exc:
        return render_template("home.html", error=str(exc), agendas=agendas.choices(),
                               title=request.form.get("title", ""), chosen=agenda,
                               chosen_languages=request.form.get("languages"),
                               organisations=request.form.get("organisations", "")), 400
    return redirect(url_for("pages.enter_console", code=code, key=key, created=1), code=303)


@bp.get("/join")
def join_by_code():
    typed = request.args.get("code", "")
    outcome, live = admit(typed, request.remote_addr, _given_the_code)
    if outcome is Outcome.GUESSING:
        abort(429, description=str(TOO_MANY_GUESSES))
    if outcome is Outcome.UNKNOWN:
        code = normalise_code(typed)
        message = (_("Join codes have six letters and numbers, like K7P3XQ.") if code is None
                   else _("No workshop has the code %(code)s. Check the screen.", code=code))
        return render_template("home.html", join_error=message, code=typed[:20],
                               agendas=agendas.choices()), 404
    return _keep_pass(redirect(url_for("pages.participant", code=live.code)), live)


@bp.get("/personal-data.json")
def personal_patterns():
    """The patterns of text that looks like personal data, for the check a phone or the
    console makes before sending (static/js/core/personal.js): asked for only once someone
    types, so that the phone's page stays light."""
    return jsonify(personal_data.served())


@bp.get("/j/<code>")
def participant(code):
    live = _room_workshop(code)
    if live.code != code:
        return _keep_pass(redirect(url_for("pages.participant", code=live.code)), live)
    actor = engine().participant(live.code, request.cookies.get(participant_cookie(live.code)))
    if actor is None:  # a phone that joined before comes back in, the door open or not
        return _join_page(live)
    # The modules the page needs first, its current activity's among them, are named in
    # the page, so that the phone fetches them all at once.
    running = live.current_activity()
    first = ["js/screens/participant.js"] + (
        [_part_path(running.type_id, "participant")] if running else [])
    page = render_template("participant.html", workshop=live, number=actor.number,
                           limits=activities.limits(),
                           modules=activity_modules("participant"), first_modules=first)
    return _keep_pass(Response(page), live)


@bp.post("/j/<code>")
def join(code):
    live = _room_workshop(code)
    if not limits().joins.allow((live.code, address_key(request.remote_addr))):
        alerts().tell(live.code, "joins")
        return _join_page(live, str(TOO_MANY_JOINS), 429)
    organisation = request.form.get("organisation") or None
    if organisation == "__other__":
        organisation = request.form.get("organisation_other") or None
    try:
        _actor, token = engine().join(live.code, request.form.get("name") or None, organisation)
    except Rejected as exc:
        return _join_page(live, str(exc), 403 if not live.joining_open else 400)
    response = redirect(url_for("pages.participant", code=live.code), code=303)
    return _keep_pass(set_cookie(response, participant_cookie(live.code), token), live)


def _join_page(live, error=None, status=200):
    """The join form (again, saying why, with what the person typed still in it), or,
    while the door is closed to new people, a page saying so."""
    closed = None if live.joining_open else JOINING_CLOSED
    page = render_template("join.html", workshop=live, error=None if closed else error,
                           closed=closed, retention_days=engine().retention_days)
    return _keep_pass(Response(page, status), live)


@bp.get("/f/<code>/<key>")
def enter_console(code, key):
    code = facilitators_only(code, key, _("That facilitator link is not right. Use the full "
                                          "link you were given when the workshop was "
                                          "created."), unknown=_unknown(code))
    # Just created: the console asks the facilitator to keep the link, which nobody can
    # recover for them.
    created = 1 if request.args.get("created") else None
    response = redirect(url_for("pages.console", code=code, created=created), code=303)
    return set_cookie(response, facilitator_cookie(code), key)


@bp.get("/f/<code>")
def console(code):
    # A cookie is a key too: trying keys here counts as guessing.
    key = request.cookies.get(facilitator_cookie(normalise_code(code) or ""))
    code = facilitators_only(code, key, _("Only the facilitator can open the console. Open "
                                          "the facilitator link you were given when the "
                                          "workshop was created."), unknown=_unknown(code))
    live = engine().workshop(code)
    return render_template("facilitator.html", workshop=live, types=activities.catalogue(),
                           limits=activities.limits(),
                           agendas=agendas.choices(),
                           delete_after=format_date(engine().delete_after(live.code), "long"),
                           retention_days=engine().retention_days,
                           delete_error=request.args.get("delete_error"),
                           created=bool(request.args.get("created")),
                           facilitator_url=links.facilitator_url(live.code, key),
                           join_url=links.join_url(live.code, live.key_hash),
                           presenter_url=links.presenter_url(live.code, live.key_hash),
                           modules=activity_modules("facilitator"))


@bp.get("/s/<code>")
def presenter(code):
    live = _room_workshop(code)
    page = render_template("presenter.html", workshop=live,
                           **i18n.screen_languages(live.languages),
                           modules=activity_modules("presenter"),
                           join_url=links.display_join_url(live.code))
    return _keep_pass(Response(page), live)


@bp.get("/qr/<code>.svg")
def qr_code(code):
    live = _room_workshop(code)
    response = Response(qr.svg(links.join_url(live.code, live.key_hash)),
                        mimetype="image/svg+xml")
    # The browser alone keeps it: it carries the join link's pass, which a shared cache
    # could hand to an address that has guessed too often (and so tell it the code is
    # right), and without PUBLIC_URL it points at the address this request came to.
    response.headers["Cache-Control"] = "private, max-age=3600"
    if not current_app.config["PUBLIC_URL"]:
        response.headers["Vary"] = "Host"
    return response


# Words for refusals that carry only the library's general description.
IN_WORDS = {
    400: _l("The server could not read that request. Go back and try again."),
    404: _l("There is nothing at this address. Check it, or start from the home page."),
    405: _l("This address does not take that kind of request."),
    413: _l("That was larger than the server takes. Nothing was changed."),
    500: _l("Something went wrong on the server. Nothing was changed: please try again."),
}
# What an error page is headed, in the reader's language (the library's names are English).
NAMES = {
    400: _l("Bad Request"), 401: _l("Unauthorized"), 403: _l("Forbidden"),
    404: _l("Not Found"), 405: _l("Method Not Allowed"), 413: _l("Request Entity Too Large"),
    429: _l("Too Many Requests"), 500: _l("Internal Server Error"),
    503: _l("Service Unavailable"),
}


@bp.app_errorhandler(HTTPException)
def error_page(error):
    if error.code is None or error.code < 400:
        return error  # a redirect raised as an exception: not an error
    if error.description == type(error).description:  # not said by Roundtable
        error = type(error)(description=str(IN_WORDS.get(error.code, error.description)))
    if request.path.startswith("/api/"):
        return {"ok": False, "error": str(error.description)}, error.code
    # The language switch comes back to the home page: never to an address someone made up.
    return render_template("error.html", error=error, name=NAMES.get(error.code, error.name),
                           back_to=url_for("pages.home")), error.code


@bp.app_errorhandler(StoreUnavailable)
def store_unavailable(_exc):
    """The database could not take a change (locked, gone): nothing was saved. Say so in
    words, as 503, rather than as an unexplained server error."""
    return error_page(ServiceUnavailable(description=_("The server could not save that just "
                                                       "now. Nothing was changed: please "
                                                       "try again in a moment.")))
