"""A conference journey on a phone (tests/conference_room.py: 2,000 people, a note each):
the phone's view holds each cell's count and top note, and opening a cell (`read`,
`open_cell`) brings that cell's notes, the person's own among them, never what waits for
review or is hidden; the cell's `stamp` in the phone's view tells it when to read again."""
import pytest

from tests.conference_room import PEOPLE, STAGES, LANES, conference
from tests.conftest import cid, last
from tests.live.helpers import refused_in_words
from workshop.extensions import socketio

BUSY = {"stage": 0, "lane": 0}  # person n writes in (n % 6, n % 5): about 67 notes here


@pytest.fixture
def hall(app):
    made = app.test_client().post("/api/workshops/import", json=conference())
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def phone(app, code):
    http = app.test_client()
    assert http.post(f"/j/{code}", data={"name": "", "organisation": ""}).status_code == 303
    return socketio.test_client(app, flask_test_client=http,
                                auth={"code": code, "role": "participant"})


def act(client, activity, action, **payload):
    reply = client.emit("act", {"activity_id": activity, "action": action,
                                "payload": payload, "cid": cid()}, callback=True)
    assert reply["ok"] is True, reply
    return reply


def read(client, activity, action="open_cell", **payload):
    return client.emit("read", {"activity_id": activity, "action": action,
                                "payload": {**BUSY, **payload}}, callback=True)


def stamp_of(view, stage=0, lane=0):
    return next(c["stamp"] for c in view["cells"] if (c["stage"], c["lane"]) == (stage, lane))


def test_a_phone_opening_a_busy_cell_of_a_conference_reads_notes_its_view_had_no_room_for(
        app, hall):
    code, key = hall["code"], hall["facilitator_key"]
    mine, other = phone(app, code), phone(app, code)
    view = mine.emit("sync", callback=True)["view"]["activity"]
    journey, shown = view["id"], view["view"]
    in_cell = sum(1 for n in range(1, PEOPLE + 1) if (n % STAGES, n % LANES) == (0, 0))
    assert next(c["count"] for c in shown["cells"] if c["stage"] == c["lane"] == 0) == in_cell
    on_phone = {n["id"] for n in shown["notes"] if n["stage"] == n["lane"] == 0}
    assert len(on_phone) < 3 < in_cell  # the view has a cell's top notes only

    own = act(mine, journey, "add_note", **BUSY, text="Mine: nobody has +1'd it yet")["id"]
    held = act(other, journey, "add_note", **BUSY, text="Ring me on 07700 900123")["id"]
    top = read(mine, journey)["notes"][0]["id"]
    http = app.test_client()
    http.get(f"/f/{code}/{key}")
    console = socketio.test_client(app, flask_test_client=http,
                                   auth={"code": code, "role": "facilitator"})
    assert console.emit("act", {"activity_id": journey, "action": "hide",
                                "payload": {"id": top}}, callback=True)["ok"] is True

    cell = read(mine, journey)
    assert cell["ok"] is True and cell["count"] == in_cell  # +1 own, -1 hidden
    ids = [n["id"] for n in cell["notes"]]
    assert own in ids and held not in ids and top not in ids
    assert len(ids) == 31 and cell["more"] == in_cell - 31
    assert set(ids) - on_phone, "opening the cell brought nothing new"
    assert all(set(n) == {"id", "stage", "lane", "text", "plus"} for n in cell["notes"])
    whole = read(other, journey, pages=10)
    assert whole["more"] == 0 and len(whole["notes"]) == in_cell
    assert own in {n["id"] for n in whole["notes"]}
    assert held not in {n["id"] for n in whole["notes"]}  # not even to its author here
    assert "07700" not in str(whole) and "07700" not in str(cell)

    # Kept live: another phone's +1 on a note of the cell changes its stamp in the view.
    mine.get_received()
    before = stamp_of(mine.emit("sync", callback=True)["view"]["activity"]["view"])
    assert before == cell["stamp"]
    act(other, journey, "plus_one", id=own)
    after = stamp_of(last(mine, "view")["activity"]["view"])
    assert after != before
    again = read(mine, journey)
    assert again["stamp"] == after
    assert next(n["plus"] for n in again["notes"] if n["id"] == own) == 1
    console.disconnect()
    mine.disconnect()
    other.disconnect()


def test_reading_a_cell_is_refused_in_words_when_it_cannot_be_answered(app, hall):
    code = hall["code"]
    client = phone(app, code)
    journey = client.emit("sync", callback=True)["view"]["activity"]["id"]
    screen = socketio.test_client(app, auth={"code": code, "role": "presenter"})
    for reply, words in (
            (read(screen, journey), "The presenter screen only shows"),
            (client.emit("read", {"action": "open_cell"}, callback=True),
             "Say which activity this is for."),
            (read(client, journey + 99), "not in this workshop's agenda"),
            (read(client, journey, stage=99), "Choose one of the journey's stages."),
            (read(client, journey, lane="x"), "Choose one of the journey's lanes."),
            (read(client, journey, pages=11), "please give a number from 1 to 10"),
            (read(client, journey, action="add_note", text="Sneaked in"),
             "That changes the activity: send it with act."),
            (read(client, journey, action="nothing"), "has no action called 'nothing'"),
            (client.emit("read", {"activity_id": journey, "action": "open_cell",
                                  "payload": [1]}, callback=True),
             "The action's details must be an object."),
            (client.emit("act", {"activity_id": journey, "action": "open_cell",
                                 "payload": BUSY, "cid": cid()}, callback=True),
             "That only reads the activity: ask for it with read.")):
        assert refused_in_words(reply) and words in reply["error"], reply
    client.disconnect()
    screen.disconnect()
