"""Review before the room sees it, over Socket.IO and in the downloads: in every type
people type into, what waits for the facilitator is in no message any other screen is
sent (presenter, another phone, the author's own room view), nor in the report or the
spreadsheets, until it is approved; the JSON archive keeps it, marked. What looks like
personal data waits even where review is off."""
import io
import json
import re
import zipfile

import pytest

from tests.conftest import cid
from tests.live.helpers import add_activity, as_text, received, snapshot

WAITING = "Waits-for-review"  # in every text typed below, to look for
PHONE = "Ring Sam on 07700 900123"
# The number in any spacing, or the words around it: a message's clock ("now") and
# version are digits at random, so a bare "07700" in them proves nothing.
PHONE_SEEN = re.compile(r"07700\D{0,3}900123|Ring Sam")

# type: (settings, the action a phone types with, its payload)
TYPED = {
    "question": ({"prompt": "What gets in the way?"}, "answer",
                 {"text": f"{WAITING} answer"}),
    "journey": ({"prompt": "The journey"}, "add_note",
                {"stage": 0, "lane": 0, "text": f"{WAITING} note"}),
    "glossary": ({}, "define", {"term": f"{WAITING} term", "meaning": f"{WAITING} meaning"}),
    "partnermap": ({}, "name", {"name": f"{WAITING} partner", "place": "missing"}),
    "dotvote": ({"prompt": "Which first?", "propose_first": True}, "propose",
                {"text": f"{WAITING} proposal"}),
    "picture": ({}, "submit", {"kind": "bricks", "bricks": [[0, 0, 2, 2, 0]],
                               "title": f"{WAITING} title", "meaning": f"{WAITING} meaning"}),
    "healthcheck": ({}, "comment", {"element": 0, "text": f"{WAITING} sentence"}),
}


def act(client, activity_id, action, payload):
    answer = client.emit("act", {"activity_id": activity_id, "action": action,
                                 "payload": payload, "cid": cid()}, callback=True)
    assert answer["ok"] is True, answer
    return answer


def everything(client):
    """Every message this client was sent since the last look, as text."""
    return as_text(received(client))


def download(room, fmt):
    answer = room.api("get", f"/api/workshops/{room.code}/export?format={fmt}")
    assert answer.status_code == 200
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(answer.data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace")
                             for name in archive.namelist())
    return answer.get_data(as_text=True)


@pytest.fixture
def reviewed(room):
    """Every type people type into, reviewed and shown to the room at once; a console,
    a presenter, an author's phone and another phone, all connected."""
    room.steps = {type_id: add_activity(room, type_id, **settings, review_first=True,
                                        hide_results=False)
                  for type_id, (settings, _action, _payload) in TYPED.items()}
    room.control("start")
    room.console, room.screen = room.facilitator(), room.presenter()
    room.author, room.other = room.phone(organisation="Council"), room.phone()
    return room


def test_what_waits_reaches_no_other_screen_nor_the_report_or_spreadsheets(reviewed):
    room = reviewed
    for position, (type_id, (_settings, action, payload)) in enumerate(TYPED.items()):
        room.control("goto", position=position)
        answer = act(room.author, room.steps[type_id], action, payload)
        assert WAITING in as_text(answer["own"]), f"{type_id}: its author sees it"
        assert '"waiting": true' in as_text(answer["own"]) or \
            '"waiting": ["0"]' in as_text(answer["own"]), type_id
        assert WAITING in as_text(snapshot(room.console)), f"{type_id}: the console has it"
        for client in (room.screen, room.other):
            assert WAITING not in everything(client), type_id
            assert WAITING not in as_text(snapshot(client)), type_id
        author = received(room.author)
        assert WAITING not in as_text(author.get("view", [])), type_id  # the room's view
        assert WAITING not in as_text(snapshot(room.author)["activity"]["view"]), type_id
    assert WAITING not in download(room, "html")
    assert WAITING not in download(room, "csv")
    kept = json.loads(download(room, "json"))
    held = [h for result in kept["results"] for h in result.get("held_for_review", [])]
    assert len(held) == len(TYPED)
    assert all(WAITING in as_text(h["texts"]) and h["flags"] == [] for h in held)


def test_once_approved_it_reaches_the_room(reviewed):
    room = reviewed
    for position, (type_id, (_settings, action, payload)) in enumerate(TYPED.items()):
        room.control("goto", position=position)
        act(room.author, room.steps[type_id], action, payload)
        review = snapshot(room.console)["activity"]["review"]
        assert review == {"on": True, "waiting": 1, "flagged": 0}, type_id
        everything(room.screen)
        assert act(room.console, room.steps[type_id], "approve_all", {}) \
            ["approved"] == 1, type_id
        assert WAITING in everything(room.screen), f"{type_id}: the screen is sent it"
    assert WAITING in download(room, "html") and WAITING in download(room, "csv")


def test_personal_data_waits_with_review_off_and_is_flagged_to_the_console(room):
    question = add_activity(room, "question", prompt="What gets in the way?")
    room.control("start")
    console, screen = room.facilitator(), room.presenter()
    author, other = room.phone(), room.phone()
    act(author, question, "answer", {"text": "Trust"})
    answer = act(author, question, "answer", {"text": PHONE})
    assert {"id": answer["id"], "text": PHONE, "waiting": True} in \
        answer["own"]["mine"]["answers"]
    for client in (screen, other):
        sent = everything(client)
        assert "Trust" in sent and not PHONE_SEEN.search(sent)
    activity = snapshot(console)["activity"]
    [flagged] = [a for a in activity["view"]["answers"] if a["id"] == answer["id"]]
    assert flagged["held"] and flagged["flags"] == ["phone"]
    assert activity["review"] == {"on": False, "waiting": 1, "flagged": 1}
    # Approve all leaves it; approving it, looked at, lets the room see it.
    assert act(console, question, "approve_all", {}) == {
        "ok": True, "approved": 0, "flagged": 1}
    assert not PHONE_SEEN.search(everything(screen))
    act(console, question, "approve", {"id": answer["id"]})
    assert PHONE in everything(screen)
