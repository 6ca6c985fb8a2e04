"""A conference hall on the presenter (tests/conference_room.py: 2,000 people, each with a
journey note, a definition, a partner named, a picture, a proposal, a checklist answer, an
action and a question):
what the presenter screen is sent stays the size of what it can show (and counts of the
rest), however many people contribute; the console still gets everything."""
import json

import pytest

from tests.conference_room import AGENDA, AGREED_ACTIONS, PARTNERS, PEOPLE, TERMS, conference
from workshop.extensions import socketio

# What one presenter's view may weigh, in bytes of JSON: a few dozen items at most, where
# sending everything would be 2,000.
PRESENTER_BUDGET = 160_000


@pytest.fixture(scope="module")
def document():
    return conference()


def weight(view):
    return len(json.dumps(view, ensure_ascii=False).encode())


def test_a_conference_presenter_is_sent_what_it_shows_not_everything(app, document):
    made = app.test_client().post("/api/workshops/import", json=document)
    assert made.status_code == 201, made.get_json()
    code, key = made.get_json()["code"], made.get_json()["facilitator_key"]
    http = app.test_client()
    http.get(f"/f/{code}/{key}")
    console = socketio.test_client(app, flask_test_client=http,
                                   auth={"code": code, "role": "facilitator"})
    screen = socketio.test_client(app, auth={"code": code, "role": "presenter"})
    weights = {}
    for position, name in enumerate(AGENDA):
        answer = http.post(f"/api/workshops/{code}/control", json={
            "command": "goto", "position": position},
            headers={"Authorization": f"Bearer {key}"})
        assert answer.status_code == 200, answer.get_json()
        shown = screen.emit("sync", callback=True)["view"]["activity"]["view"]
        everything = console.emit("sync", callback=True)["view"]["activity"]["view"]
        weights[name] = weight(shown), weight(everything)
        assert weight(shown) < PRESENTER_BUDGET, f"{name}: {weight(shown):,} bytes"
        if name == "journey":
            assert sum(c["count"] for c in shown["cells"]) == PEOPLE == len(everything["notes"])
        if name == "glossary":
            assert shown["terms"] == TERMS == len(everything["groups"])
            assert sum(g["meanings"] for g in shown["groups"]) < PEOPLE
        if name == "partnermap":
            assert sum(shown["rings"].values()) == PARTNERS == len(everything["partners"])
        if name == "picture":
            assert shown["count"] == PEOPLE == len(everything["pictures"])
        if name == "dotvote":
            assert shown["proposal_count"] == PEOPLE == len(everything["proposals"])
        if name == "checklist":
            assert sum(q["count"] for q in shown["questions"]) == PEOPLE == sum(
                len(q["answers"]) for q in everything["questions"])
        if name == "actionplan":
            assert shown["count"] == PEOPLE == len(everything["items"])
            assert sum(1 for i in shown["items"] if i["agreed"]) == AGREED_ACTIONS
        if name == "questions":
            assert shown["count"] == PEOPLE == len(everything["questions"])
    # what the console gets, all of it, is many times what the screen is sent
    assert all(full > 4 * sent for sent, full in weights.values()), weights
    console.disconnect()
    screen.disconnect()
