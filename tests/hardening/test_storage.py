"""What the participants of one workshop may make the server store (workshop/storage.py):
one participant's actions up to PARTICIPANT_STORED_BYTES, everybody's, joining included,
up to WORKSHOP_STORED_BYTES. Beyond, refused in words, and nothing already kept is lost.

The boundaries are checked through Flask-SocketIO's test client; the bound itself on a
real server, by what its database holds after a flood of the largest contributions."""
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from activities.actions import stored_size
from tests.conftest import ROOMY_LIMITS, Room, cid
from tests.realserver.realclient import WAIT, Screen, Workshop
from tests.serverproc import DEFAULT_MODE
from workshop.storage import JOINING_BYTES, PERSON_FULL, WORKSHOP_FULL

TEXT = "Dim ond y ffeithiau sydd eu hangen: ŵyn, ŷd. " * 6 + "x" * 10  # 280 characters


def edit(phone, activity, answer_id, text):
    return phone.emit("act", {"activity_id": activity, "action": "edit", "cid": cid(),
                              "payload": {"id": answer_id, "text": text}}, callback=True)


def answer(phone, activity, text):
    return phone.emit("act", {"activity_id": activity, "action": "answer", "cid": cid(),
                              "payload": {"text": text}}, callback=True)


def refused(reply, words):
    assert reply == {"ok": False, "error": str(words)}, reply


def started(app):
    room = Room(app)
    room.question = room.add_question(max_answers=10)
    room.control("start")
    return room


def texts(room):
    return [row["text"] for row in room.engine.export(room.code)[0]["rows"]]


ANSWER = stored_size({"text": TEXT})
EDIT = stored_size({"id": 1, "text": TEXT})


def test_one_participant_stores_up_to_their_allowance_and_nothing_is_lost(limited_app):
    app = limited_app(PARTICIPANT_STORED_BYTES=ANSWER + 3 * EDIT)
    room = started(app)
    phone, other = room.phone(), room.phone()
    first = answer(phone, room.question, TEXT)
    assert first["ok"] is True
    for n in range(3):
        assert edit(phone, room.question, first["id"], TEXT[:-1] + str(n))["ok"] is True, n
    refused(edit(phone, room.question, first["id"], "One change too many"), PERSON_FULL)
    refused(answer(phone, room.question, "A"), PERSON_FULL)  # 13 bytes: still over
    assert texts(room) == [TEXT[:-1] + "2"]  # the last edit that was kept
    assert answer(other, room.question, TEXT)["ok"] is True  # everyone has their own
    facilitator = room.facilitator()  # what the facilitator does is not counted
    assert answer(facilitator, room.question, TEXT)["ok"] is True

    # Counted again from the database when the workshop is loaded afresh.
    live = room.engine.workshop(room.code)
    counted = (dict(live.stored), live.stored_total)
    assert sorted(counted[0].values()) == [ANSWER, ANSWER + 3 * EDIT]
    assert counted[1] == 2 * JOINING_BYTES + 2 * ANSWER + 3 * EDIT
    room.engine.forget(room.code)
    live = room.engine.workshop(room.code)
    assert (live.stored, live.stored_total) == counted
    refused(answer(phone, room.question, "A"), PERSON_FULL)


def test_a_workshop_stores_up_to_its_allowance_joining_included(limited_app):
    app = limited_app(WORKSHOP_STORED_BYTES=3 * JOINING_BYTES + 2 * ANSWER)
    room = started(app)
    phones = [room.phone() for _ in range(3)]
    assert answer(phones[0], room.question, TEXT)["ok"] is True
    assert answer(phones[1], room.question, TEXT)["ok"] is True
    refused(answer(phones[2], room.question, "A"), WORKSHOP_FULL)
    joining = app.test_client().post(f"/j/{room.code}", data={"name": "Siân Ll"})
    assert joining.status_code == 400
    assert str(WORKSHOP_FULL) in joining.get_data(as_text=True)
    assert 'value="Siân Ll"' in joining.get_data(as_text=True)  # what was typed is kept
    assert room.engine.workshop(room.code).joined == 3
    assert texts(room) == [TEXT, TEXT]
    # Another workshop has its own allowance.
    other = started(app)
    assert answer(other.phone(), other.question, TEXT)["ok"] is True


# ---------------------------------------------------------------------- on a real server
PER_PERSON, PER_WORKSHOP = 400_000, 2_000_000  # small, so that the flood is short
# 80 and 400 characters, as they are stored (no space at either end to be trimmed)
TITLE = ("Llun o’r bartneriaeth: ŵyn, ŷd a’r ffordd ymlaen " * 2)[:80].rstrip().ljust(80, "x")
MEANING = ("Mae’r llun yn dangos pwy sy’n rhannu beth, a pham. " * 8)[:400].rstrip().ljust(400, "x")


def largest_drawing():
    """As much as one picture may hold: 300 strokes, 4,000 points, every number three
    digits long, and a title and meaning of Welsh text (stored escaped, six bytes a
    letter such as ŵ)."""
    strokes = []
    for n in range(300):
        points = 14 if n < 100 else 13
        strokes.append({"colour": n % 8, "width": 24,
                        "points": [v for i in range(points) for v in (999 - i, 624 - n % 500)]})
    return {"kind": "drawing", "strokes": strokes, "title": TITLE, "meaning": MEANING}


def flood(workshop, picture, drawing):
    """One phone joins, then sends the largest drawing again and again until it is
    refused, and at most twice its allowance. Returns (drawings kept, the refusal or
    None), or None if joining was refused."""
    http = requests.Session()
    joined = http.post(f"{workshop.url}/j/{workshop.code}", data={}, allow_redirects=False,
                       timeout=WAIT)
    if joined.status_code != 303:
        assert joined.status_code == 400 and str(WORKSHOP_FULL) in joined.text, joined.text
        return None
    name = f"rt_p_{workshop.code}"
    phone = Screen(workshop.url, {"code": workshop.code, "role": "participant"},
                   cookie=f"{name}={http.cookies.get(name)}")
    workshop.screens.append(phone)
    phone.connect()
    kept = 0
    for _ in range(2 * PER_PERSON // stored_size(drawing)):
        reply = phone.ask("act", {"activity_id": picture, "action": "submit",
                                  "payload": drawing, "cid": cid()})
        if not reply["ok"]:
            assert reply["error"] in (str(PERSON_FULL), str(WORKSHOP_FULL)), reply
            break
        kept += 1
    phone.close()
    return kept, None if reply["ok"] else reply["error"]


def stored_in(database, code):
    """What the database holds of the workshop's participants: (bytes of each one's
    actions as stored, how many participants)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        (workshop_id,) = db.execute("SELECT id FROM workshop WHERE code = ?", (code,)).fetchone()
        each = dict(db.execute(
            "SELECT participant_id, sum(length(payload)) FROM action WHERE workshop_id = ? "
            "AND participant_id IS NOT NULL GROUP BY participant_id", (workshop_id,)))
        (people,) = db.execute("SELECT count(*) FROM participant WHERE workshop_id = ?",
                               (workshop_id,)).fetchone()
    return each, people


def database_bytes(database):
    return sum(p.stat().st_size for p in database.parent.glob(database.name + "*"))


@pytest.mark.realserver
def test_a_flood_of_the_largest_drawings_stores_no_more_than_the_workshop_may_hold(
        start_server, record_figure):
    """Before: nothing bounded what a workshop stored: every phone kept every drawing it
    sent, twice its allowance here, and every phone that asked got in."""
    server = start_server(DEFAULT_MODE, env={
        **ROOMY_LIMITS, "PARTICIPANT_STORED_BYTES": PER_PERSON,
        "WORKSHOP_STORED_BYTES": PER_WORKSHOP})
    workshop = Workshop(server)
    try:
        answer = workshop.api("post", f"/api/workshops/{workshop.code}/activities",
                              json={"type": "picture", "config": {"prompt": "Draw it"}})
        assert answer.status_code == 201, answer.text
        picture = answer.json()["activity"]["id"]
        workshop.control("start")
        drawing = largest_drawing()
        size = stored_size(drawing)
        assert 50_000 < size <= 64 * 1024, size
        began, before = time.monotonic(), database_bytes(server.database)
        results = []
        with ThreadPoolExecutor(4) as pool:  # four phones at a time, until nobody gets in
            while None not in results and all(error for _kept, error in results):
                results += pool.map(lambda _: flood(workshop, picture, drawing), range(4))
        took = time.monotonic() - began
        each, people = stored_in(server.database, workshop.code)
    finally:
        workshop.close()

    phones = [result for result in results if result is not None]
    assert {error for _kept, error in phones} == {str(PERSON_FULL), str(WORKSHOP_FULL)}
    assert all(kept == PER_PERSON // size for kept, error in phones if error == str(PERSON_FULL))
    assert max(each.values()) <= PER_PERSON
    total = sum(each.values()) + people * JOINING_BYTES
    assert PER_WORKSHOP - JOINING_BYTES < total <= PER_WORKSHOP  # full, and no more
    kept = sum(kept for kept, _error in phones)
    assert kept * size == sum(each.values())  # every acknowledged drawing is there
    grew = database_bytes(server.database) - before
    record_figure(f"{kept} drawings of {size:,} bytes kept from "
                  f"{people} phones in {took:.1f} s, then refused in words; stored: "
                  f"{total:,} of {PER_WORKSHOP:,} bytes allowed (the most for one phone "
                  f"{max(each.values()):,} of {PER_PERSON:,}); the database files grew by "
                  f"{grew:,} bytes")
