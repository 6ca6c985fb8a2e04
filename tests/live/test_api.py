"""The JSON API for scripts: creating a workshop, building and running its agenda."""
import re

import pytest

from tests.conftest import CODE, Room
from tests.live.helpers import answer
from workshop import create_app
from workshop.admission import join_pass
from workshop.security import digest


def refusal(response, status):
    """A JSON refusal with the expected status and a sentence for a person."""
    assert response.status_code == status, (response.status_code, response.data[:200])
    assert response.is_json, response.data[:200]
    body = response.get_json()
    assert body["ok"] is False
    assert len(re.findall(r"[A-Za-z]{2,}", body["error"])) >= 2, body
    return body["error"]


# ---------------------------------------------------------------------- creating
def test_creating_a_workshop_answers_201_with_absolute_links(app):
    response = app.test_client().post("/api/workshops", json={"title": "Sharing well"})
    assert response.status_code == 201
    made = response.get_json()
    code, key = made["code"], made["facilitator_key"]
    assert made["ok"] is True and CODE.match(code)
    # The join and presenter links carry the join link's pass (admission.py).
    given = join_pass(code, digest(key))
    assert made["join_url"] == f"http://localhost/j/{code}?p={given}"
    assert made["presenter_url"] == f"http://localhost/s/{code}?p={given}"
    assert made["qr_url"] == f"http://localhost/qr/{code}.svg"
    assert made["facilitator_url"] == f"http://localhost/f/{code}/{key}"


def test_the_links_returned_work(app):
    made = app.test_client().post("/api/workshops", json={"title": "Sharing well"}).get_json()
    http = app.test_client()

    def path(url):
        return url.removeprefix("http://localhost")

    assert http.get(path(made["join_url"])).status_code == 200
    assert http.get(path(made["presenter_url"])).status_code == 200
    qr = http.get(path(made["qr_url"]))
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    entered = http.get(path(made["facilitator_url"]))
    assert entered.status_code == 303
    assert http.get(entered.headers["Location"]).status_code == 200


def test_links_use_the_public_address_when_one_is_set(database_url):
    app = create_app({"DATABASE_URL": database_url, "ROUNDTABLE_ASYNC_MODE": "threading",
                      "BROADCAST_INTERVAL": 0, "PUBLIC_URL": "https://workshop.example.org/"})
    try:
        made = app.test_client().post("/api/workshops", json={"title": "Out there"}).get_json()
    finally:
        app.extensions["roundtable"].store.engine.dispose()
    assert made["join_url"].startswith(f"https://workshop.example.org/j/{made['code']}?p=")


def test_organisations_are_cleaned_when_creating(app):
    made = app.test_client().post("/api/workshops", json={
        "title": "  Sharing   well ", "organisations": ["Police", " police ", "", "Council"]})
    code, key = made.get_json()["code"], made.get_json()["facilitator_key"]
    read = app.test_client().get(f"/api/workshops/{code}",
                                 headers={"Authorization": f"Bearer {key}"}).get_json()
    assert read["workshop"]["title"] == "Sharing well"
    assert read["workshop"]["organisations"] == ["Police", "Council"]


@pytest.mark.parametrize("body, words", [
    ({}, "Give the workshop a title"),
    ({"title": ""}, "Give the workshop a title"),
    ({"title": 5}, "Give the workshop a title"),
    ({"title": "t" * 121}, "120 characters"),
    ({"title": "\ud800"}, "Give the workshop a title"),
    ({"title": "Fine", "organisations": {"Police": 1}}, "list of names"),
    ({"title": "Fine", "organisations": [f"Org {n}" for n in range(41)]}, "up to 40"),
])
def test_creating_with_a_bad_body_is_refused_in_words(app, body, words):
    assert words in refusal(app.test_client().post("/api/workshops", json=body), 400)


@pytest.mark.parametrize("data, content_type", [
    ("not json", "application/json"),
    ("[1, 2]", "application/json"),
    ('"title"', "application/json"),
    ("title=Sharing", "application/x-www-form-urlencoded"),
    ("", "application/json"),
])
def test_a_body_that_is_not_a_json_object_is_refused_in_words(app, data, content_type):
    response = app.test_client().post("/api/workshops", data=data, content_type=content_type)
    assert "Send a JSON object" in refusal(response, 400)


def test_an_oversized_body_is_refused_in_words(app):
    response = app.test_client().post("/api/workshops",
                                      json={"title": "x" * (65 * 1024)})
    refusal(response, 413)


def test_the_types_on_offer_describe_their_settings(app):
    body = app.test_client().get("/api/types").get_json()
    question = next(t for t in body["types"] if t["type"] == "question")
    assert [f["name"] for f in question["fields"]] == ["prompt", "max_answers", "hide_results",
                                                           "review_first",
                                                           "prompt_cy"]  # the question in Welsh
    assert question["actions"]["answer"]["roles"] == ["facilitator", "participant"]
    assert [(f["name"], f["max_length"]) for f in question["actions"]["edit"]["fields"]
            if f["kind"] == "textarea"] == [("text", 280)]


def test_the_types_on_offer_say_how_long_each_typed_text_may_be(app):
    limits = app.test_client().get("/api/types").get_json()["limits"]
    assert limits["question"] == {"answer": {"text": 280}, "edit": {"text": 280}}
    assert limits["dotvote"] == {"propose": {"text": 280}}
    assert limits["glossary"]["define"] == {"term": 80, "meaning": 280}


# ---------------------------------------------------------------------- the key
@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer "}, {"Authorization": "Bearer wrong"},
    {"Authorization": "Basic abc"}, {"Authorization": "bearer"},
])
def test_facilitator_routes_need_the_key(room, headers):
    http = room.app.test_client()
    calls = [
        http.get(f"/api/workshops/{room.code}", headers=headers),
        http.post(f"/api/workshops/{room.code}/control", json={"command": "start"},
                  headers=headers),
        http.post(f"/api/workshops/{room.code}/activities",
                  json={"type": "question", "config": {"prompt": "?"}}, headers=headers),
        http.patch(f"/api/workshops/{room.code}/activities/1", json={"config": {}},
                   headers=headers),
        http.delete(f"/api/workshops/{room.code}/activities/1", headers=headers),
        http.post(f"/api/workshops/{room.code}/activities/1/move", json={"position": 0},
                  headers=headers),
    ]
    for response in calls:
        assert "facilitator key" in refusal(response, 401)
    assert room.engine.workshop(room.code).activities == []


def test_the_key_of_another_workshop_is_refused(app, room):
    other = Room(app)
    response = app.test_client().get(f"/api/workshops/{other.code}",
                                     headers={"Authorization": f"Bearer {room.key}"})
    refusal(response, 401)


def test_an_unknown_code_is_404_in_words(room):
    assert "no workshop with that code" in refusal(room.api("get", "/api/workshops/ZZZZZZ"), 404)
    assert "no workshop with that code" in refusal(room.api("get", "/api/workshops/nope"), 404)


def test_the_code_in_an_address_may_be_lower_case(room):
    response = room.api("get", f"/api/workshops/{room.code.lower()}")
    assert response.status_code == 200
    assert response.get_json()["workshop"]["code"] == room.code


# ---------------------------------------------------------------------- the agenda
def agenda(room):
    return [(a["label"], a["config"]["max_answers"])
            for a in room.api("get", f"/api/workshops/{room.code}").get_json()["agenda"]]


def test_adding_updating_moving_and_removing_activities(room):
    base = f"/api/workshops/{room.code}/activities"
    first = room.add_question("First?")
    added = room.api("post", base, {"type": "question", "config": {"prompt": "Second?"}})
    assert added.status_code == 201
    second = added.get_json()["activity"]["id"]
    assert agenda(room) == [("First?", 3), ("Second?", 3)]

    patched = room.api("patch", f"{base}/{second}",
                       {"config": {"prompt": "Second, reworded?", "max_answers": 5}})
    assert patched.status_code == 200
    assert patched.get_json()["activity"]["label"] == "Second, reworded?"

    moved = room.api("post", f"{base}/{second}/move", {"position": 0})
    assert moved.status_code == 200 and moved.get_json()["position"] == 0
    assert agenda(room) == [("Second, reworded?", 5), ("First?", 3)]

    removed = room.api("delete", f"{base}/{first}")
    assert removed.status_code == 200 and removed.get_json()["removed"] == first
    assert agenda(room) == [("Second, reworded?", 5)]


@pytest.mark.parametrize("method, suffix, body, words", [
    ("post", "", {"type": "poll", "config": {"prompt": "?"}}, "activity types"),
    ("post", "", {"type": ["question"], "config": {"prompt": "?"}}, "activity types"),
    ("post", "", {"type": "question", "config": {"prompt": ""}}, "please fill this in"),
    ("post", "", {"type": "question", "config": {"prompt": "?", "x": 1}}, "Unknown setting"),
    ("post", "", ["question"], "Send a JSON object"),
    ("patch", "/{id}", {"config": {"prompt": "?", "max_answers": 99}}, "from 1 to 10"),
    ("patch", "/{id}", {"config": "prompt"}, "must be an object"),
    ("patch", "/999", {"config": {"prompt": "?"}}, "not in this workshop's agenda"),
    ("post", "/{id}/move", {"position": 5}, "Choose a position"),
    ("post", "/{id}/move", {"position": "0"}, "Choose a position"),
    ("post", "/{id}/move", {}, "Choose a position"),
    ("delete", "/999", None, "not in this workshop's agenda"),
])
def test_agenda_changes_with_bad_bodies_are_refused_in_words(room, method, suffix, body,
                                                             words):
    question = room.add_question("Kept?")
    path = f"/api/workshops/{room.code}/activities" + suffix.format(id=question)
    assert words in refusal(room.api(method, path, body), 400)
    assert agenda(room) == [("Kept?", 3)]


def test_lowering_a_limit_below_what_people_gave_is_refused_in_words(running):
    phone = running.phone()
    for text in ("a", "b", "c"):
        answer(phone, running.question, text)
    response = running.api("patch", f"/api/workshops/{running.code}/activities/"
                                    f"{running.question}",
                           {"config": {"prompt": "What gets in the way?", "max_answers": 2}})
    assert "would drop contributions" in refusal(response, 400)
    assert agenda(running) == [("What gets in the way?", 3)]


# ---------------------------------------------------------------------- running it
def test_control_runs_the_workshop(room):
    room.add_question("First?")
    second = room.add_question("Second?")
    assert room.control("start") == {"ok": True, "current": 0}
    assert room.control("next") == {"ok": True, "current": 1}
    closed = room.control("close")
    assert closed == {"ok": True, "activity_id": second, "is_open": False}
    read = room.api("get", f"/api/workshops/{room.code}").get_json()
    assert read["activity"]["id"] == second and read["activity"]["is_open"] is False


@pytest.mark.parametrize("body, words", [
    ({}, "Say which command"),
    ({"command": 5}, "Say which command"),
    ({"command": "explode"}, "no command called 'explode'"),
    ({"command": "goto", "position": True}, "Choose a step"),
    ({"command": "timer", "seconds": "60"}, "up to three hours"),
    ("next", "Send a JSON object"),
])
def test_control_with_a_bad_body_is_refused_in_words(room, body, words):
    room.add_question()
    response = room.api("post", f"/api/workshops/{room.code}/control", body)
    assert words in refusal(response, 400)


def test_reading_a_workshop_returns_its_results(running):
    phones = [running.phone(name=f"Person {n}", organisation="Council") for n in range(3)]
    for n, phone in enumerate(phones):
        answer(phone, running.question, f"Answer {n}")
    answer(running.facilitator(), running.question, "Typed in")
    read = running.api("get", f"/api/workshops/{running.code}")
    assert read.status_code == 200
    body = read.get_json()
    assert body["ok"] is True
    assert [p["name"] for p in body["people"]] == ["Person 0", "Person 1", "Person 2"]
    (result,) = body["results"]
    assert result["summary"]["answers"] == 4 and result["summary"]["people"] == 3
    assert sorted(r["text"] for r in result["rows"]) == ["Answer 0", "Answer 1", "Answer 2",
                                                        "Typed in"]


def test_api_changes_reach_the_screens(running):
    presenter = running.presenter()
    presenter.get_received()
    running.control("hide_results")
    views = [m["args"][0] for m in presenter.get_received() if m["name"] == "view"]
    assert len(views) == 1 and views[0]["activity"]["revealed"] is False


def test_running_an_empty_agenda_is_refused_in_words(room):
    for body in ({"command": "start"}, {"command": "next"}, {"command": "goto", "position": 0}):
        response = room.api("post", f"/api/workshops/{room.code}/control", body)
        assert refusal(response, 400) == "The agenda is empty: add an activity first."


def test_unknown_api_routes_and_methods_answer_in_json(room):
    refusal(room.api("get", "/api/nothing-here"), 404)
    refusal(room.api("put", f"/api/workshops/{room.code}/control", {"command": "next"}), 405)
