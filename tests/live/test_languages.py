"""Each person's language: chosen on a page and kept in a cookie, or taken from the
browser's Accept-Language; pages, refusals over Socket.IO and the browser's catalogue in it."""
import io
import json
import re

import pytest
import sqlalchemy
from flask_babel import force_locale, ngettext

from tests.conftest import cid
from workshop.extensions import socketio
from workshop import i18n
from workshop.models import Workshop

WELSH = {"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}


def lang_of(page):
    return re.search(r'<html lang="([^"]+)"', page.get_data(as_text=True)).group(1)


def test_the_join_page_follows_the_browser_until_a_language_is_chosen(room):
    http = room.app.test_client()
    english = http.get(f"/j/{room.code}", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert lang_of(english) == "en-GB"
    assert "Join the workshop" in english.get_data(as_text=True)
    welsh = http.get(f"/j/{room.code}", headers=WELSH)
    assert lang_of(welsh) == "cy"
    page = welsh.get_data(as_text=True)
    assert "Ymuno â’r gweithdy" in page and "Join the workshop" not in page
    # The switch names each language in itself, marked as that language.
    assert '<button type="submit" class="link-button" name="language" value="en_GB" ' \
           'lang="en-GB">English</button>' in page

    chose = http.post("/language", data={"language": "en_GB", "next": f"/j/{room.code}"},
                      headers=WELSH)
    assert chose.status_code == 303 and chose.location == f"/j/{room.code}"
    assert lang_of(http.get(f"/j/{room.code}", headers=WELSH)) == "en-GB"  # the choice wins


def test_choosing_a_language_goes_back_to_this_site_only(app):
    http = app.test_client()
    for elsewhere in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        answer = http.post("/language", data={"language": "cy", "next": elsewhere})
        assert answer.status_code == 303 and answer.location.startswith("/"), elsewhere
        assert not answer.location.startswith("//"), elsewhere
    refused = http.post("/language", data={"language": "xx", "next": "/"})
    assert refused.status_code == 400


def test_a_participant_is_refused_in_their_own_language_over_socket_io(room):
    question = room.add_question(max_answers=1)
    room.control("start")
    welsh_http = room.join()
    welsh_http.post("/language", data={"language": "cy", "next": "/"})
    welsh, english = room.phone(welsh_http), room.phone()
    for phone in (welsh, english):
        first = phone.emit("act", {"activity_id": question, "action": "answer",
                                   "payload": {"text": "One"}, "cid": cid()}, callback=True)
        assert first["ok"] is True, first
    over = {"activity_id": question, "action": "answer", "payload": {"text": "Two"}}
    assert welsh.emit("act", {**over, "cid": cid()}, callback=True)["error"] == (
        "Rydych chi wedi rhoi 1 ateb, y nifer fwyaf y mae’r cwestiwn hwn yn ei derbyn. "
        "Gallwch ei newid neu ei ddileu.")
    assert english.emit("act", {**over, "cid": cid()}, callback=True)["error"] == (
        "You have given 1 answer, the most this question takes. You can change or remove it.")
    # A refusal made from a field's label is in Welsh too, label and all.
    empty = welsh.emit("act", {"activity_id": question, "action": "answer",
                               "payload": {"text": "   "}, "cid": cid()}, callback=True)
    assert empty["error"] == "Eich ateb: ysgrifennwch rywbeth yn gyntaf."


def test_the_workshops_own_refusals_come_in_each_persons_language(room):
    """Refusals the workshop itself gives (not an activity type's): a closed activity, a
    console pressing Next at the end of the agenda, a command nobody knows, a dot vote's
    phase; a Welsh phone and a Welsh console get them in Welsh, an English one in English."""
    question = room.add_question()
    vote = room.api("post", f"/api/workshops/{room.code}/activities",
                    {"type": "dotvote", "config": {"prompt": "Which first?",
                                                   "propose_first": True}}).get_json()
    room.control("start")
    room.control("close", activity_id=question)
    welsh_http = room.join()
    welsh_http.post("/language", data={"language": "cy", "next": "/"})
    welsh, english = room.phone(welsh_http), room.phone()
    note = {"activity_id": question, "action": "answer", "payload": {"text": "One"}}
    assert welsh.emit("act", {**note, "cid": cid()}, callback=True)["error"] == (
        "Mae’r gweithgaredd hwn ar gau am y tro.")
    assert english.emit("act", {**note, "cid": cid()}, callback=True)["error"] == (
        "This activity is closed for now.")

    console = room.facilitator()
    console_http_welsh = room.app.test_client()
    console_http_welsh.set_cookie("rt_lang", "cy")
    console_http_welsh.get(f"/f/{room.code}/{room.key}")
    welsh_console = socketio.test_client(room.app, flask_test_client=console_http_welsh,
                                         auth={"code": room.code, "role": "facilitator"})
    at_the_end = {"command": "next", "args": {"from": 1}}
    room.control("goto", position=1, **{"from": 0})
    assert welsh_console.emit("control", at_the_end, callback=True)["error"] == (
        "Dyma weithgaredd olaf yr agenda.")
    assert console.emit("control", at_the_end, callback=True)["error"] == (
        "This is the last activity of the agenda.")
    assert welsh_console.emit("control", {"command": "explode"}, callback=True)["error"] == (
        "Does dim gorchymyn o’r enw ‘explode’.")
    # A dot vote still taking proposals: a dot is refused by the type's phase, in Welsh.
    dot = {"activity_id": vote["activity"]["id"], "action": "add",
           "payload": {"option": "x"}, "cid": cid()}
    assert welsh.emit("act", dot, callback=True)["error"] == (
        "Dydy’r pleidleisio ddim wedi dechrau eto.")


def test_an_import_refused_is_refused_in_the_readers_language(app):
    http = app.test_client()
    http.set_cookie("rt_lang", "cy")
    page = http.post("/workshops/import", data={
        "mode": "complete", "file": (io.BytesIO(json.dumps({
            "schema": "roundtable.workshop", "version": 1, "workshop": {"title": 7},
            "agenda": []}).encode()), "w.json")}).get_data(as_text=True)
    assert ("Yn y ffeil: workshop → title: yr hyn sydd ei angen yw teitl y gweithdy, fel testun."
            in page.replace("&rarr;", "→")), page


@pytest.mark.parametrize(("count", "welsh"), [
    (0, "neb"), (1, "1 person"), (2, "2 berson"), (3, "3 pherson"), (6, "6 pherson"),
    (11, "11 o bobl")])
def test_welsh_plurals_follow_cldr(app, count, welsh):
    with app.test_request_context(), force_locale("cy"):
        assert ngettext("%(num)d person", "%(num)d people", count) == welsh


def test_the_browser_catalogue_holds_the_browsers_messages_and_is_kept(app):
    http = app.test_client()
    with app.test_request_context():
        url = i18n.catalogue_url("cy")
    answer = http.get(url)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    catalogue = json.loads(answer.get_data(as_text=True))
    assert catalogue["language"] == "cy"
    assert catalogue["plural"] == ["zero", "one", "two", "few", "many", "other"]
    assert catalogue["messages"]["Connected"] == "Wedi cysylltu"
    assert "Only the facilitator can do that." not in catalogue["messages"]  # the server's
    # Asked again with the tag it was given, it is not sent again.
    again = http.get(url, headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304
    # Without the version of its content, a browser must ask each time.
    assert http.get("/i18n/cy.json").headers["Cache-Control"] == "no-cache"
    assert http.get("/i18n/en-GB.json").status_code == 404
    assert http.get("/i18n/xx.json").status_code == 404


def test_every_catalogues_plural_forms_agree_with_cldr_on_every_number():
    """The server picks a plural form with the catalogue's Plural-Forms, the browser with
    Intl.PluralRules (CLDR): for each language, the two must pick the same form."""
    from gettext import c2py

    from babel import Locale

    from workshop.catalogues import catalogue_files, read

    for language, path in catalogue_files().items():
        catalog = read(path, locale=language)
        categories = i18n.plural_categories(language, catalog.num_plurals, catalog.plural_expr)
        pick, rule = c2py(catalog.plural_expr), Locale.parse(language).plural_form
        for n in range(10_000):
            assert categories[pick(n)] == rule(n), (language, n)


def test_the_facilitator_sets_the_workshops_languages_and_every_screen_is_told(room):
    screen = room.presenter()
    assert room.control("set_languages", languages=["cy", "en_GB"])["languages"] == [
        "cy", "en_GB"]
    view = screen.emit("sync", callback=True)["view"]
    assert view["workshop"]["languages"] == ["cy", "en_GB"]
    for wrong in (["xx"], [], "cy", ["cy", "cy"], None):
        answer = room.api("post", f"/api/workshops/{room.code}/control",
                          {"command": "set_languages", "languages": wrong})
        assert answer.status_code == 400, wrong
        assert "languages" in answer.get_json()["error"]
    assert room.engine.workshop(room.code).languages == ("cy", "en_GB")


def test_a_workshop_starts_in_the_languages_chosen_on_the_home_page(app):
    http = app.test_client()
    made = http.post("/workshops", data={"title": "Dwyieithog", "languages": "cy en_GB"})
    assert made.status_code == 303
    code = re.search(r"/f/(\w+)/", made.location).group(1)
    assert app.extensions["roundtable"].workshop(code).languages == ("cy", "en_GB")
    refused = http.post("/workshops", data={"title": "Nope", "languages": "cy xx"})
    assert refused.status_code == 400
    with app.extensions["roundtable"].store.engine.connect() as db:  # and nothing was made
        titles = db.execute(sqlalchemy.select(Workshop.title)).scalars().all()
    assert titles == ["Dwyieithog"]


def test_the_bilingual_presenter_says_each_thing_in_welsh_then_english(room):
    room.control("set_languages", languages=["cy", "en_GB"])
    page = room.app.test_client().get(f"/s/{room.code}").get_data(as_text=True)
    assert '<html lang="cy" data-languages="cy en-GB">' in page
    assert ('<span lang="cy">Sganiwch y cod â chamera eich ffôn, neu ewch i</span>'
            '<span class="language-gap" aria-hidden="true"> / </span>'
            '<span lang="en-GB" class="in-second-language">Scan the code with your phone’s '
            'camera, or go to</span>') in page
    assert 'data-catalogue="cy"' in page
    room.control("set_languages", languages=["en_GB"])
    page = room.app.test_client().get(f"/s/{room.code}").get_data(as_text=True)
    assert '<html lang="en-GB">' in page and "Sganiwch" not in page


def test_the_report_of_a_bilingual_workshop_is_in_welsh_then_english(room):
    room.control("set_languages", languages=["cy", "en_GB"])
    room.control("add_agenda", agenda="partnership")
    http = room.app.test_client()
    http.get(f"/f/{room.code}/{room.key}")
    report = http.get(f"/f/{room.code}/export/html").get_data(as_text=True)
    assert '<html lang="cy">' in report
    welsh, english = report.split('<article lang="en-GB">')
    assert '<article lang="cy">' in welsh
    assert "Adroddiad y gweithdy" in welsh and "Workshop report" not in welsh
    assert "Pa mor iach yw ein partneriaeth?" in welsh  # the ready-made words too
    assert "Gwiriad iechyd y bartneriaeth" in welsh
    assert "Workshop report" in english and "How healthy is our partnership?" in english
    assert "Adroddiad" not in english
