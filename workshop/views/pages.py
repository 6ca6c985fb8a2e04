"""The pages: home, join, participant, presenter, facilitator console, and the QR code."""
from flask import (Blueprint, Response, abort, current_app, redirect, render_template, request,
                   url_for)
from werkzeug.exceptions import HTTPException, ServiceUnavailable

import activities
from activities.base import Rejected

from .. import agendas, links, qr
from ..cookies import facilitator_cookie, participant_cookie, set_cookie
from ..extensions import engine
from ..security import normalise_code
from ..store import StoreUnavailable
from . import count_wrong_guess, refuse_if_guessing

bp = Blueprint("pages", __name__)


def activity_modules(screen):
    """One screen's part of each activity type, by type: the screen loads the one it
    needs from its versioned URL."""
    assets = current_app.extensions["roundtable_assets"]
    return {type_id: assets.url(_part_path(type_id, screen)) for type_id in activities.TYPES}


def _part_path(type_id, screen):
    return f"js/activities/{type_id}/{screen}.js"


def _workshop_or_404(code):
    refuse_if_guessing()
    normal = normalise_code(code)
    live = engine().workshop(normal) if normal else None
    if live is None:
        count_wrong_guess()
        abort(404, description=f"No workshop has the code “{code[:12]}”. "
                               "Check the code on the screen and try again.")
    return live


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
        code, key = engine().create_workshop(request.form.get("title", ""),
                                             request.form.get("organisations", ""))
        if agenda:
            engine().control(code, "add_agenda", {"agenda": agenda})
    except Rejected as exc:
        return render_template("home.html", error=str(exc), agendas=agendas.choices(),
                               title=request.form.get("title", ""), chosen=agenda,
                               organisations=request.form.get("organisations", "")), 400
    return redirect(url_for("pages.enter_console", code=code, key=key, created=1), code=303)


@bp.get("/join")
def join_by_code():
    refuse_if_guessing()
    typed = request.args.get("code", "")
    code = normalise_code(typed)
    if code is None or engine().workshop(code) is None:
        count_wrong_guess()
        message = ("Join codes have six letters and numbers, like K7P3XQ."
                   if code is None else f"No workshop has the code {code}. Check the screen.")
        return render_template("home.html", join_error=message, code=typed[:20],
                               agendas=agendas.choices()), 404
    return redirect(url_for("pages.participant", code=code))


@bp.get("/j/<code>")
def participant(code):
    live = _workshop_or_404(code)
    if live.code != code:
        return redirect(url_for("pages.participant", code=live.code))
    actor = engine().participant(live.code, request.cookies.get(participant_cookie(live.code)))
    if actor is None:
        return render_template("join.html", workshop=live,
                               retention_days=engine().retention_days)
    # The modules the page needs first, its current activity's among them, are named in
    # the page, so that the phone fetches them all at once.
    running = live.current_activity()
    first = ["js/screens/participant.js"] + (
        [_part_path(running.type_id, "participant")] if running else [])
    return render_template("participant.html", workshop=live, number=actor.number,
                           limits=activities.limits(),
                           modules=activity_modules("participant"), first_modules=first)


@bp.post("/j/<code>")
def join(code):
    live = _workshop_or_404(code)
    organisation = request.form.get("organisation") or None
    if organisation == "__other__":
        organisation = request.form.get("organisation_other") or None
    try:
        _actor, token = engine().join(live.code, request.form.get("name") or None, organisation)
    except Rejected as exc:
        return render_template("join.html", workshop=live, error=str(exc),
                               retention_days=engine().retention_days), 400
    response = redirect(url_for("pages.participant", code=live.code), code=303)
    return set_cookie(response, participant_cookie(live.code), token)


@bp.get("/f/<code>/<key>")
def enter_console(code, key):
    live = _workshop_or_404(code)
    if not engine().check_key(live.code, key):
        count_wrong_guess()
        abort(403, description="That facilitator link is not right. Use the full link you "
                               "were given when the workshop was created.")
    # Just created: the console asks the facilitator to keep the link, which nobody can
    # recover for them.
    created = 1 if request.args.get("created") else None
    response = redirect(url_for("pages.console", code=live.code, created=created), code=303)
    return set_cookie(response, facilitator_cookie(live.code), key)


@bp.get("/f/<code>")
def console(code):
    live = _workshop_or_404(code)
    key = request.cookies.get(facilitator_cookie(live.code))
    if not engine().check_key(live.code, key):
        count_wrong_guess()  # a cookie is a key too: trying keys here counts as guessing
        abort(403, description="Only the facilitator can open the console. Open the "
                               "facilitator link you were given when the workshop was created.")
    return render_template("facilitator.html", workshop=live, types=activities.catalogue(),
                           limits=activities.limits(),
                           agendas=agendas.choices(),
                           delete_after=f"{engine().delete_after(live.code):%d %B %Y}",
                           retention_days=engine().retention_days,
                           delete_error=request.args.get("delete_error"),
                           created=bool(request.args.get("created")),
                           facilitator_url=links.facilitator_url(live.code, key),
                           join_url=links.join_url(live.code),
                           presenter_url=links.presenter_url(live.code),
                           modules=activity_modules("facilitator"))


@bp.get("/s/<code>")
def presenter(code):
    live = _workshop_or_404(code)
    return render_template("presenter.html", workshop=live,
                           modules=activity_modules("presenter"),
                           join_url=links.display_join_url(live.code))


@bp.get("/qr/<code>.svg")
def qr_code(code):
    live = _workshop_or_404(code)
    response = Response(qr.svg(links.join_url(live.code)), mimetype="image/svg+xml")
    if current_app.config["PUBLIC_URL"]:
        response.headers["Cache-Control"] = "public, max-age=3600"
    else:
        # It points at the address this request came to, which a shared cache must not
        # hand to somebody who asked another address: the browser alone keeps it.
        response.headers["Cache-Control"] = "private, max-age=3600"
        response.headers["Vary"] = "Host"
    return response


# Words for refusals that carry only the library's general description.
IN_WORDS = {
    400: "The server could not read that request. Go back and try again.",
    404: "There is nothing at this address. Check it, or start from the home page.",
    405: "This address does not take that kind of request.",
    413: "That was larger than the server takes. Nothing was changed.",
    500: "Something went wrong on the server. Nothing was changed: please try again.",
}


@bp.app_errorhandler(HTTPException)
def error_page(error):
    if error.code is None or error.code < 400:
        return error  # a redirect raised as an exception: not an error
    if error.description == type(error).description:  # not said by Roundtable
        error = type(error)(description=IN_WORDS.get(error.code, error.description))
    if request.path.startswith("/api/"):
        return {"ok": False, "error": error.description}, error.code
    # The language switch comes back to the home page: never to an address someone made up.
    return render_template("error.html", error=error, back_to=url_for("pages.home")), error.code


@bp.app_errorhandler(StoreUnavailable)
def store_unavailable(_exc):
    """The database could not take a change (locked, gone): nothing was saved. Say so in
    words, as 503, rather than as an unexplained server error."""
    return error_page(ServiceUnavailable(description="The server could not save that just "
                                                     "now. Nothing was changed: please try "
                                                     "again in a moment."))
