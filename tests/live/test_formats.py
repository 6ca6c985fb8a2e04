"""The output formats come from one registry (export.FORMATS): a format added there, with
the function that makes it, is offered by the API, the console and the command line."""
import pytest

from tests.conftest import ROOMY_LIMITS, Room
from workshop import create_app, export


def plain_text(engine, code):
    return f"{engine.workshop(code).title}\n"


@pytest.fixture
def with_plain_text(monkeypatch, database_url):
    """An app built after a made-up format joined the registry."""
    monkeypatch.setitem(export.FORMATS, "txt", export.Format(
        "txt", "Plain text", "the title", "text/plain", "roundtable-{code}.txt", plain_text))
    app = create_app({"DATABASE_URL": database_url, "ROUNDTABLE_ASYNC_MODE": "threading",
                      "BROADCAST_INTERVAL": 0, **ROOMY_LIMITS})
    yield Room(app)
    app.extensions["roundtable"].store.engine.dispose()


def test_a_format_in_the_registry_is_offered_by_the_api_the_console_and_the_command_line(
        with_plain_text, tmp_path):
    room = with_plain_text
    answer = room.api("get", f"/api/workshops/{room.code}/export?format=txt")
    assert answer.status_code == 200 and answer.get_data(as_text=True) == "Sharing well\n"
    assert answer.headers["Content-Disposition"] == \
        f'attachment; filename="roundtable-{room.code}.txt"'
    console = room.app.test_client()
    console.get(f"/f/{room.code}/{room.key}")
    assert console.get(f"/f/{room.code}/export/txt").get_data(as_text=True) == "Sharing well\n"
    result = room.app.test_cli_runner().invoke(
        args=["export", room.code, "--format", "txt", "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.txt").read_text() == "Sharing well\n"
    unknown = room.api("get", f"/api/workshops/{room.code}/export?format=odt")
    assert unknown.get_json()["error"] == \
        "Choose a format: html, docx, pdf, csv, xlsx, pack, pack-docx, pack-pdf, json or txt."


def test_the_console_offers_each_format_the_registry_holds(room):
    offered = room.app.jinja_env.globals["output_formats"]
    assert [f.name for f in offered] == ["html", "docx", "pdf", "csv", "xlsx", "pack",
                                         "pack-docx", "pack-pdf", "json"]
    console = room.app.test_client()
    console.get(f"/f/{room.code}/{room.key}")
    page = console.get(f"/f/{room.code}").get_data(as_text=True)
    for f in offered:
        assert f'href="/f/{room.code}/export/{f.name}">{f.label}</a> ({f.about})' in page
    assert room.api("get", f"/api/workshops/{room.code}/export?format=odt").get_json() == \
        {"ok": False, "error": "Choose a format: html, docx, pdf, csv, xlsx, pack, pack-docx, "
                               "pack-pdf or json."}


def test_a_format_not_offered_is_refused_in_the_askers_language(room):
    answer = room.app.test_client().get(
        f"/api/workshops/{room.code}/export?format=odt",
        headers={"Authorization": f"Bearer {room.key}", "Accept-Language": "cy"})
    assert answer.get_json() == {"ok": False, "error": "Dewiswch fformat: html, docx, pdf, "
                                 "csv, xlsx, pack, pack-docx, pack-pdf neu json."}
