"""Who may open a live connection to a workshop, and how they are told when they may not."""
import pytest

from tests.conftest import Room
from tests.live.helpers import refusal
from workshop import config, live


def test_a_participant_without_a_join_cookie_is_told_to_join_first(room):
    reason = refusal(room.app, {"code": room.code, "role": "participant"})
    assert "Join the workshop first" in reason


def test_a_participant_who_joined_connects(room):
    assert refusal(room.app, {"code": room.code, "role": "participant"},
                   http=room.join()) is None


def test_a_participant_cookie_opens_only_its_own_workshop(app, room):
    other = Room(app)
    http = room.join()
    reason = refusal(app, {"code": other.code, "role": "participant"}, http=http)
    assert "Join the workshop first" in reason


@pytest.mark.parametrize("code", ["ZZZZZZ", "", "K7P", "not a code", None, 123456, ["X"]])
def test_a_wrong_code_is_refused_in_words(room, code):
    for role in ("participant", "presenter", "facilitator"):
        reason = refusal(room.app, {"code": code, "role": role}, http=room.join())
        assert reason == "There is no workshop with that code."


@pytest.mark.parametrize("auth", [None, "K7P3XQ", ["code"], 42])
def test_connecting_without_details_is_refused(room, auth):
    assert refusal(room.app, auth) == "There is no workshop with that code."


def test_the_code_may_be_given_as_typed(room):
    typed = "-".join([room.code[:3].lower(), room.code[3:].lower()])
    assert refusal(room.app, {"code": typed, "role": "presenter"}) is None


@pytest.mark.parametrize("role", [None, "", "admin", "Participant", "FACILITATOR", 1, True,
                                  ["presenter"]])
def test_an_unknown_role_is_refused_in_words(room, role):
    reason = refusal(room.app, {"code": room.code, "role": role}, http=room.join())
    assert "participant, presenter or facilitator" in reason


def test_the_presenter_screen_needs_only_the_code(room):
    assert refusal(room.app, {"code": room.code, "role": "presenter"}) is None


def test_the_facilitator_needs_the_key(room):
    reason = refusal(room.app, {"code": room.code, "role": "facilitator"})
    assert "Only the facilitator" in reason
    reason = refusal(room.app, {"code": room.code, "role": "facilitator"}, http=room.join())
    assert "Only the facilitator" in reason  # a participant's cookie is not a key


@pytest.mark.parametrize("key", ["", "wrong", None, 7, ["k"]])
def test_a_wrong_facilitator_key_is_refused(room, key):
    reason = refusal(room.app, {"code": room.code, "role": "facilitator", "key": key})
    assert "Only the facilitator" in reason


def test_the_facilitator_connects_with_the_cookie_or_the_key(room):
    assert room.facilitator().is_connected()
    assert refusal(room.app, {"code": room.code, "role": "facilitator", "key": room.key}) is None


def test_one_workshops_key_does_not_open_another(app, room):
    other = Room(app)
    reason = refusal(app, {"code": other.code, "role": "facilitator", "key": room.key})
    assert "Only the facilitator" in reason
    http = app.test_client()
    http.get(f"/f/{room.code}/{room.key}")  # the facilitator cookie of the first workshop
    reason = refusal(app, {"code": other.code, "role": "facilitator"}, http=http)
    assert "Only the facilitator" in reason


def test_only_the_sites_own_pages_may_open_a_connection():
    """A page on another site cannot connect with a participant's cookie."""
    allowed = live.origin_allowed(config.load({"PUBLIC_URL": "https://rt.example.org/",
                                               "ALLOWED_ORIGINS": "https://intranet.example"},
                                              environ={}))
    venue = {"wsgi.url_scheme": "http", "HTTP_HOST": "192.168.1.20:5000"}
    assert allowed("http://192.168.1.20:5000", venue)
    assert allowed("https://rt.example.org", venue)
    assert allowed("https://intranet.example", venue)
    for origin in ("https://evil.example", "http://192.168.1.20:5001", "null", "",
                   "https://rt.example.org.evil.example", "http://rt.example.org"):
        assert not allowed(origin, venue), origin
