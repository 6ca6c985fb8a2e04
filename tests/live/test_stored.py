"""What the server keeps of an action: the fields the action declares, and no more."""
import json

from tests.conftest import cid
from tests.live.helpers import answer


def stored(room):
    """Every stored action's payload, oldest first."""
    with room.engine.store.transaction() as tx:
        return [action.payload for action in tx.actions(room.engine.workshop(room.code).id)]


def test_an_edit_carrying_an_extra_60_kb_field_stores_only_the_edit(running):
    phone = running.phone()
    first = answer(phone, running.question, "Before")
    text = "Different words for the same thing. " * 7 + "x" * 28  # 280 characters
    reply = phone.emit("act", {"activity_id": running.question, "action": "edit",
                               "payload": {"id": first["id"], "text": text,
                                           "extra": "y" * 60_000},
                               "cid": cid()}, callback=True)
    assert reply["ok"] is True, reply
    edit = stored(running)[-1]
    assert edit == {"id": first["id"], "text": text}
    assert len(json.dumps(edit).encode()) < 400


def test_an_unknown_field_is_not_in_the_export_either(running):
    phone = running.phone()
    phone.emit("act", {"activity_id": running.question, "action": "answer",
                       "payload": {"text": "Kept", "colour": "red"}, "cid": cid()},
               callback=True)
    exported = running.api("get", f"/api/workshops/{running.code}/export?format=json")
    actions = exported.get_json()["actions"]
    assert [a["payload"] for a in actions] == [{"text": "Kept"}]
