"""The JSON API, for scripts and integrations. Facilitator calls carry
`Authorization: Bearer <facilitator_key>`; every answer is `{ok, ...}` or `{ok: false, error}`."""
from flask import Blueprint, request
from flask_babel import gettext as _

import activities
from activities.base import FACILITATOR, Rejected

from .. import agendas, archive, export, i18n, links
from ..extensions import engine
from . import facilitators_only
from .outputs import download, give_way, read_import
from ..security import digest
from ..store import StoreUnavailable

bp = Blueprint("api", __name__, url_prefix="/api")


def _fail(message, status):
    return {"ok": False, "error": message}, status


def _body():
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the JSON parser goes: unreadable too
        data = None
    if not isinstance(data, dict):
        raise Rejected(_("Send a JSON object in the request body."))
    return data


def _authorised(code):
    """The workshop's code, if the request carries its facilitator key (the error
    handler in pages.py answers a refusal as JSON)."""
    header = request.headers.get("Authorization", "")
    key = header[7:] if header.startswith("Bearer ") else None
    return facilitators_only(code, key, _("This needs the workshop's facilitator key "
                                          "(Authorization: Bearer <facilitator_key>)."), 401)


@bp.errorhandler(Rejected)
def rejected(exc):
    return _fail(str(exc), 400)


@bp.errorhandler(StoreUnavailable)
def unavailable(_exc):
    return _fail(_("The server could not save that just now. Please try again."), 503)


@bp.post("/workshops")
def create_workshop():
    data = _body()
    if data.get("agenda") is not None:
        agendas.check(data["agenda"])  # before creating: a refusal leaves no workshop behind
    if data.get("languages") is not None:
        i18n.check_languages(data["languages"])
    code, key = engine().create_workshop(data.get("title"), data.get("organisations"))
    if data.get("agenda") is not None:
        engine().control(code, "add_agenda", {"agenda": data["agenda"]})
    if data.get("languages") is not None:
        engine().control(code, "set_languages", {"languages": data["languages"]})
    return {"ok": True, "code": code, **_links(code, key)}, 201


def _links(code, key):
    return {
        "join_url": links.join_url(code, digest(key)),
        "qr_url": links.qr_url(code),
        "presenter_url": links.presenter_url(code, digest(key)),
        "facilitator_url": links.facilitator_url(code, key),
        "facilitator_key": key,
    }


@bp.get("/types")
def types():
    return {"ok": True, "types": activities.catalogue(), "limits": activities.limits()}


@bp.get("/workshops/<code>")
def read_workshop(code):
    code = _authorised(code)
    return {"ok": True, **engine().view(code, FACILITATOR),
            "results": engine().export(code)}


def _control(code, command, args, status=200):
    code = _authorised(code)
    return {"ok": True, **engine().control(code, command, args)}, status


@bp.post("/workshops/<code>/activities")
def add_activity(code):
    data = _body()
    return _control(code, "add_activity", {"type": data.get("type"),
                                           "config": data.get("config")}, 201)


@bp.patch("/workshops/<code>/activities/<int:activity_id>")
def update_activity(code, activity_id):
    data = _body()
    return _control(code, "update_activity", {"activity_id": activity_id,
                                              "config": data.get("config")})


@bp.delete("/workshops/<code>/activities/<int:activity_id>")
def remove_activity(code, activity_id):
    return _control(code, "remove_activity", {"activity_id": activity_id})


@bp.get("/workshops/<code>/activities/<int:activity_id>/items")
def activity_items(code, activity_id):
    code = _authorised(code)
    return {"ok": True, "items": engine().items(code, activity_id)}


@bp.post("/workshops/<code>/activities/<int:activity_id>/move")
def move_activity(code, activity_id):
    data = _body()
    return _control(code, "move_activity", {"activity_id": activity_id,
                                            "position": data.get("position")})


@bp.post("/workshops/<code>/control")
def control(code):
    data = _body()
    command = data.pop("command", None)
    if not isinstance(command, str):
        raise Rejected(_("Say which command to run, e.g. %(example)s.",
                         example='{"command": "next"}'))
    return _control(code, command, data)


@bp.get("/workshops/<code>/export")
def export_workshop(code):
    code = _authorised(code)
    return download(code, export.choose(request.args.get("format", export.DEFAULT)))


@bp.post("/workshops/import")
def import_workshop():
    agenda_only = request.args.get("agenda_only") in ("1", "true", "yes")
    follow_up = request.args.get("follow_up") in ("1", "true", "yes")
    code, key = archive.import_document(engine(), read_import(), agenda_only,
                                            give_way=give_way, follow_up=follow_up)
    return {"ok": True, "code": code, **_links(code, key)}, 201


@bp.delete("/workshops/<code>")
def delete_workshop(code):
    code = _authorised(code)
    engine().delete_workshop(code)
    return {"ok": True, "deleted": code}
