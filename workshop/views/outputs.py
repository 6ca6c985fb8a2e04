"""Downloads, import and deletion, for the console (cookie) and the API (bearer key)."""
import json

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from activities.base import Rejected

from .. import agendas, archive, export
from ..cookies import facilitator_cookie
from ..extensions import engine, socketio
from ..security import normalise_code
from . import facilitators_only

bp = Blueprint("outputs", __name__)

# Reading a file this large takes about a quarter of a second on a busy 2-core machine,
# during which the server answers nobody else (the JSON parser cannot give way): the
# limit keeps that short. 10 MiB holds archive.MAX_ACTIONS actions with room to spare.
IMPORT_MAX_BYTES = 10 * 1024 * 1024


def download(code, chosen):
    """One output of this workshop as a download (`chosen`: an export.Format)."""
    response = Response(chosen.make(engine(), code), mimetype=chosen.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{chosen.file_name(code)}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers.update(chosen.headers)
    return response


def _console_code(code):
    key = request.cookies.get(facilitator_cookie(normalise_code(code) or ""))
    return facilitators_only(code, key, _("Only the facilitator can do that. Open your "
                                          "facilitator link."))


@bp.get("/f/<code>/export/<fmt>")
def console_download(code, fmt):
    code = _console_code(code)
    try:
        chosen = export.choose(fmt)
    except Rejected as exc:
        abort(404, description=str(exc))
    return download(code, chosen)


@bp.post("/f/<code>/delete")
def console_delete(code):
    code = _console_code(code)
    typed = normalise_code(request.form.get("confirm", ""))
    if typed != code:
        return redirect(url_for("pages.console", code=code, delete_error=1) + "#delete", code=303)
    engine().delete_workshop(code)
    return redirect(url_for("pages.home", deleted=code), code=303)


def give_way():
    """Let every other connection have its turn (an import checks in slices). Not
    sleep(0): under gevent that runs only greenlets already ready, and a page whose
    request had not been read yet waited for the whole import (measured: 0.48 s of a
    0.49 s import); a millisecond lets the server read what is waiting."""
    socketio.sleep(0.001)


def read_import():
    """The uploaded or posted document, within the import size limit."""
    request.max_content_length = IMPORT_MAX_BYTES
    upload = request.files.get("file")
    raw = upload.read() if upload else request.get_data()
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested too deep: unreadable
        raise Rejected(_("That file is not a Roundtable JSON export.")) from None


@bp.post("/workshops/import")
def console_import():
    try:
        document = read_import()  # first: the form is read within the import's size limit
        mode = request.form.get("mode")
        code, key = archive.import_document(engine(), document, mode == "agenda",
                                            give_way=give_way, follow_up=mode == "follow_up")
    except Rejected as exc:
        return render_template("home.html", import_error=str(exc),
                               agendas=agendas.choices()), 400
    return redirect(url_for("pages.enter_console", code=code, key=key, created=1), code=303)
