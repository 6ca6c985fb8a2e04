"""The pages people open: joining by code or link, the facilitator's link, the screens."""
import json
import re
from html.parser import HTMLParser

import pytest

import activities
from tests.conftest import CODE, Room
from workshop import create_app


def cookie_header(response, name):
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            return header
    return None


# ---------------------------------------------------------------------- home and creating
def test_the_home_page_offers_joining_and_starting(app):
    page = app.test_client().get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert 'name="code"' in page.text and 'name="title"' in page.text


def test_starting_a_workshop_from_the_form_leads_to_its_console(app):
    http = app.test_client()
    created = http.post("/workshops", data={"title": "Sharing well",
                                            "organisations": "Council\nPolice\n"})
    assert created.status_code == 303
    code, key = re.fullmatch(r"/f/([A-Z0-9]{6})/([\w-]+)\?created=1",
                             created.headers["Location"]).groups()
    assert CODE.match(code)
    entered = http.get(created.headers["Location"])
    assert entered.headers["Location"] == f"/f/{code}?created=1"
    console = http.get(entered.headers["Location"])
    assert console.status_code == 200
    assert "Sharing well" in console.text and code in console.text
    # Once, at creation: keep the link, which nobody can recover.
    assert "Keep your facilitator link" in console.text
    link = f"http://localhost/f/{code}/{key}"
    assert f'id="keep-link-url" class="link-field" readonly value="{link}"' in console.text
    assert "Keep your facilitator link" not in http.get(f"/f/{code}").text
    assert app.extensions["roundtable"].workshop(code).organisations == ["Council", "Police"]


def test_starting_without_a_title_is_refused_in_words(app):
    page = app.test_client().post("/workshops", data={"title": "  "})
    assert page.status_code == 400
    assert "Give the workshop a title" in page.text


def test_a_refused_start_keeps_the_organisations_and_agenda_chosen(app):
    page = app.test_client().post("/workshops", data={
        "title": "", "organisations": "Council\nPolice", "agenda": "partnership"}).text
    assert re.search(r'<textarea id="organisations"[^>]*>Council\nPolice</textarea>', page)
    assert re.search(r'id="agenda-partnership"[^>]*checked', page)
    assert not re.search(r'id="agenda-empty"[^>]*checked', page)


# ---------------------------------------------------------------------- joining
def test_a_code_typed_on_the_home_page_leads_to_the_join_page(room):
    typed = f"{room.code[:3].lower()} {room.code[3:].lower()}"
    response = room.app.test_client().get("/join", query_string={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/j/{room.code}"


@pytest.mark.parametrize("typed, words", [
    ("K7P", "Join codes have six letters and numbers"),
    ("", "Join codes have six letters and numbers"),
    ("ZZZZZZ", "No workshop has the code ZZZZZZ"),
])
def test_a_wrong_code_on_the_home_page_is_explained(app, typed, words):
    page = app.test_client().get("/join", query_string={"code": typed})
    assert page.status_code == 404
    assert words in page.text


def test_a_lower_case_join_link_redirects_to_the_upper_case_one(room):
    response = room.app.test_client().get(f"/j/{room.code.lower()}")
    assert response.status_code in (301, 302, 308)
    assert response.headers["Location"] == f"/j/{room.code}"


def test_an_unknown_join_link_is_404_in_words(app):
    page = app.test_client().get("/j/ZZZZZZ")
    assert page.status_code == 404
    assert "No workshop has the code" in page.text and "ZZZZZZ" in page.text
    assert "Check the code on the screen" in page.text


def test_a_long_unknown_code_is_not_echoed_in_full(app):
    page = app.test_client().get("/j/" + "Q" * 300)
    assert page.status_code == 404
    assert "Q" * 13 not in page.text


def test_the_join_page_shows_the_workshop_and_its_organisations(room):
    page = room.app.test_client().get(f"/j/{room.code}")
    assert page.status_code == 200
    assert "Sharing well" in page.text
    assert "<option>Council</option>" in page.text and "<option>Police</option>" in page.text


def test_joining_sets_a_private_cookie_and_shows_the_phone_screen(room):
    http = room.app.test_client()
    joined = http.post(f"/j/{room.code}", data={"name": "", "organisation": ""})
    assert joined.status_code == 303 and joined.headers["Location"] == f"/j/{room.code}"
    cookie = cookie_header(joined, f"rt_p_{room.code}")
    assert cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    page = http.get(f"/j/{room.code}")
    assert page.status_code == 200
    assert "You are participant 1." in page.text


def test_another_organisation_can_be_typed_in(room):
    room.app.test_client().post(f"/j/{room.code}", data={
        "organisation": "__other__", "organisation_other": "Harbour Trust"})
    people = room.engine.view(room.code, "facilitator")["people"]
    assert [p["organisation"] for p in people] == ["Harbour Trust"]


def test_joining_with_a_name_too_long_is_refused_on_the_page(room):
    page = room.app.test_client().post(f"/j/{room.code}", data={"name": "n" * 61})
    assert page.status_code == 400
    assert "Your name: please keep it to 60 characters" in page.text
    assert room.engine.workshop(room.code).joined == 0
    assert cookie_header(page, f"rt_p_{room.code}") is None


# ---------------------------------------------------------------------- the facilitator
def test_the_facilitator_link_sets_a_cookie_and_drops_the_key_from_the_address(room):
    http = room.app.test_client()
    response = http.get(f"/f/{room.code}/{room.key}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/f/{room.code}"
    assert room.key not in response.headers["Location"]
    cookie = cookie_header(response, f"rt_f_{room.code}")
    assert cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert http.get(f"/f/{room.code}").status_code == 200


def test_over_https_the_cookies_are_secure(room):
    http = room.app.test_client()
    joined = http.post(f"/j/{room.code}", data={}, base_url="https://localhost")
    entered = http.get(f"/f/{room.code}/{room.key}", base_url="https://localhost")
    for response, name in ((joined, "rt_p_"), (entered, "rt_f_")):
        assert "Secure" in cookie_header(response, name + room.code)
    plain = room.app.test_client().post(f"/j/{room.code}", data={})
    assert "Secure" not in cookie_header(plain, f"rt_p_{room.code}")


def test_cookies_can_be_made_secure_behind_a_proxy(database_url):
    app = create_app({"DATABASE_URL": database_url, "ROUNDTABLE_ASYNC_MODE": "threading",
                      "BROADCAST_INTERVAL": 0, "COOKIE_SECURE": True})
    try:
        room = Room(app)
        joined = app.test_client().post(f"/j/{room.code}", data={})
        assert "Secure" in cookie_header(joined, f"rt_p_{room.code}")
    finally:
        app.extensions["roundtable"].store.engine.dispose()


def test_a_wrong_facilitator_link_is_403_in_words_and_sets_nothing(room):
    response = room.app.test_client().get(f"/f/{room.code}/not-the-key")
    assert response.status_code == 403
    assert "That facilitator link is not right" in response.text
    assert not response.headers.getlist("Set-Cookie")


def test_the_console_is_403_without_the_cookie(room):
    page = room.app.test_client().get(f"/f/{room.code}")
    assert page.status_code == 403
    assert "Only the facilitator can open the console" in page.text
    assert room.key not in page.text


def test_the_console_is_403_with_another_workshops_cookie(app, room):
    other = Room(app)
    http = app.test_client()
    http.get(f"/f/{room.code}/{room.key}")
    assert http.get(f"/f/{other.code}").status_code == 403


def test_a_participant_cookie_does_not_open_the_console(room):
    assert room.join().get(f"/f/{room.code}").status_code == 403


# ---------------------------------------------------------------------- the screens
def test_the_presenter_screen_shows_how_to_join(room):
    page = room.app.test_client().get(f"/s/{room.code}")
    assert page.status_code == 200
    assert f"localhost/j/{room.code}" in page.text
    assert room.code in page.text
    assert room.key not in page.text


@pytest.mark.parametrize("path", ["/s/ZZZZZZ", "/qr/ZZZZZZ.svg", "/f/ZZZZZZ", "/f/ZZZZZZ/key",
                                  "/j/ZZZZZZ"])
def test_every_page_of_an_unknown_workshop_is_404_in_words(app, path):
    page = app.test_client().get(path)
    assert page.status_code == 404
    assert "No workshop has the code" in page.text


def test_the_qr_code_is_an_svg_image(room):
    image = room.app.test_client().get(f"/qr/{room.code.lower()}.svg")
    assert image.status_code == 200 and image.mimetype == "image/svg+xml"
    assert image.data.lstrip().startswith((b"<?xml", b"<svg"))


class Inline(HTMLParser):
    """Collects what a Content-Security-Policy without 'unsafe-inline' would block."""

    def __init__(self):
        super().__init__()
        self.blocked = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.blocked.append("inline <script>")
        if tag == "style":
            self.blocked.append("<style> block")
        for name in attrs:
            if name.startswith("on") or name == "style":
                self.blocked.append(f"{name}= on <{tag}>")
        if (attrs.get("href") or "").lower().startswith("javascript:"):
            self.blocked.append("javascript: link")


def pages_of(room):
    phone = room.join()
    console = room.app.test_client()
    console.get(f"/f/{room.code}/{room.key}")
    return {
        "home": room.app.test_client().get("/"),
        "join": room.app.test_client().get(f"/j/{room.code}"),
        "phone": phone.get(f"/j/{room.code}"),
        "presenter": room.app.test_client().get(f"/s/{room.code}"),
        "console": console.get(f"/f/{room.code}"),
        "not found": room.app.test_client().get("/j/ZZZZZZ"),
    }


def test_no_page_relies_on_inline_script_or_style(room):
    for name, page in pages_of(room).items():
        parser = Inline()
        parser.feed(page.text)
        assert parser.blocked == [], (name, parser.blocked)


def test_every_page_has_a_title_and_a_language(room):
    for name, page in pages_of(room).items():
        assert re.search(r"<html[^>]* lang=\"[a-z]{2}", page.text), name
        assert re.search(r"<title>[^<]+</title>", page.text), name


class BodyData(HTMLParser):
    """The data-* attributes of a page's body."""

    def __init__(self, html):
        super().__init__()
        self.data = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.data = {name[5:]: value for name, value in attrs if name.startswith("data-")}


def test_the_phone_and_the_console_carry_each_actions_text_limits_from_the_server(room):
    declared = activities.limits()
    assert declared["question"]["answer"] == {"text": 280}  # what a phone's answer box takes
    pages = pages_of(room)
    for name in ("phone", "console"):
        assert json.loads(BodyData(pages[name].text).data["limits"]) == declared, name
    assert "limits" not in BodyData(pages["presenter"].text).data  # nothing to type there
