"""Downloads, import and deletion, for the console (cookie) and the API (bearer key)."""
import json

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from activities.base import Rejected

from .. import agendas, archive, export
from ..cookies import facilitator_cookie
from ..extensions import engine, socketio
from ..security import normalise_code
from . import count_wrong_guess, refuse_if_guessing

bp = Blueprint("outputs", __name__)

# Reading a file this large takes about a quarter of a second on a busy 2-core machine,
# during which the server answers nobody else (the JSON parser cannot give way): the
# limit keeps that short. 10 MiB holds archive.MAX_ACTIONS actions with room to spare.
IMPORT_MAX_BYTES = 10 * 1024 * 1024
FORMATS = {"html", "csv", "json"}
# The report carries its own inline CSS and no script at all.
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " \
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def produce(code, fmt):
    """(body, mimetype, filename) of one output format."""
    if fmt == "html":
        return export.report_html(engine(), code), "text/html", f"roundtable-{code}-report.html"
    if fmt == "csv":
        return (export.spreadsheets_zip(engine(), code), "application/zip",
                f"roundtable-{code}-spreadsheets.zip")
    if fmt == "json":
        document = archive.export_document(engine(), code)
        # A lone surrogate stored before `storable` existed cannot be UTF-8: write it as
        # the JSON escape it came in as rather than fail the whole download.
        return (json.dumps(document, ensure_ascii=False, indent=1).encode(
                    "utf-8", "backslashreplace"), "application/json", f"roundtable-{code}.json")
    raise Rejected("Choose a format: html, csv or json.")


def download(code, fmt):
    body, mimetype, filename = produce(code, fmt)
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    if fmt == "html":
        response.headers["Content-Security-Policy"] = REPORT_POLICY
    return response


def _console_code(code):
    refuse_if_guessing()
    normal = normalise_code(code)
    if normal is None or engine().workshop(normal) is None:
        count_wrong_guess()
        abort(404, description="There is no workshop with that code.")
    if not engine().check_key(normal, request.cookies.get(facilitator_cookie(normal))):
        count_wrong_guess()
        abort(403, description="Only the facilitator can do that. Open your facilitator link.")
    return normal


@bp.get("/f/<code>/export/<fmt>")
def console_download(code, fmt):
    code = _console_code(code)
    if fmt not in FORMATS:
        abort(404, description="Choose a format: html, csv or json.")
    return download(code, fmt)


@bp.post("/f/<code>/delete")
def console_delete(code):
    code = _console_code(code)
    typed = normalise_code(request.form.get("confirm", ""))
    if typed != code:
        return redirect(url_for("pages.console", code=code, delete_error=1) + "#delete", code=303)
    engine().delete_workshop(code)
    return redirect(url_for("pages.home", deleted=code), code=303)


def give_way():
    """Let every other connection have its turn (an import checks in slices)."""
    socketio.sleep(0)


def read_import():
    """The uploaded or posted document, within the import size limit."""
    request.max_content_length = IMPORT_MAX_BYTES
    upload = request.files.get("file")
    raw = upload.read() if upload else request.get_data()
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested too deep: unreadable
        raise Rejected("That file is not a Roundtable JSON export.") from None


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
