"""The agreement agenda over Socket.IO: phones answer the DPIA screening and the screen is
sent nothing of the answers until the reveal, then the answers by organisation; the sharing
checklist's answers agreed by the console; actions proposed from phones and agreed with an
owner and a date; what only the facilitator may do, refused in words; the ready-made
agenda; and a follow-up workshop made from the first one's file, which opens with the
actions left open and records where each stands."""
import io
import json

import pytest

from tests.conftest import cid
from workshop.extensions import socketio
from tests.live.helpers import newest, received, refused_in_words, snapshot

STEPS = ["healthcheck", "partnermap", "glossary", "journey", "dotvote", "dpia", "checklist",
         "actionplan"]


@pytest.fixture
def agreement(room):
    assert room.control("add_agenda", agenda="agreement") == {"ok": True, "added": 8}
    room.console = room.facilitator()
    room.steps = {a["type"]: a["id"] for a in snapshot(room.console)["agenda"]}
    assert list(room.steps) == STEPS
    room.control("start")
    return room


def go_to(room, step):
    room.control("goto", position=STEPS.index(step))


def act(client, room, step, action, **payload):
    return client.emit("act", {"activity_id": room.steps[step], "action": action,
                               "payload": payload, "cid": cid()}, callback=True)


def done(answer):
    assert answer["ok"] is True, answer
    return answer


def shown(client):
    return newest(received(client).get("view", []))["activity"]


def test_the_dpia_screening_is_hidden_until_revealed_then_shown_by_organisation(agreement):
    room = agreement
    go_to(room, "dpia")
    screen = room.presenter()
    phones = [room.phone(organisation=o) for o in ["Council"] * 3 + ["Police"] * 3]
    screen.get_received()
    for n, phone in enumerate(phones):
        done(act(phone, room, "dpia", "answer", question=7,
                 answer="yes" if n < 3 else "no"))
    hidden = shown(screen)
    assert hidden["view"]["people"] == 6 and "results" not in hidden["view"]
    assert "yes" not in json.dumps(hidden["view"]["questions"])
    room.control("reveal")
    results = shown(screen)["view"]["results"]
    question = results["questions"][7]
    assert results["groups"] == ["Council", "Police"]
    assert question["by_group"] == {"Council": {"yes": 3, "no": 0, "unsure": 0},
                                    "Police": {"yes": 0, "no": 3, "unsure": 0}}
    assert question["disagree"] and results["outcome"]["key"] == "required"
    assert results["outcome"]["quotes"][0]["text"] == "We always carry out a DPIA if we " \
                                                      "plan to:"
    # A phone cannot answer for somebody else's question list, nor the console at all.
    assert refused_in_words(act(phones[0], room, "dpia", "answer", question=99,
                                answer="yes"))
    assert refused_in_words(act(room.console, room, "dpia", "answer", question=0,
                                answer="yes"))


def test_the_checklist_and_the_action_plan_are_agreed_by_the_console(agreement):
    room = agreement
    go_to(room, "checklist")
    ann, ben = room.phone(organisation="Council"), room.phone(organisation="Police")
    purpose = done(act(ann, room, "checklist", "answer", question="purpose",
                       text="Help families earlier"))["id"]
    basis = done(act(ben, room, "checklist", "answer", question="basis", partner="Police",
                     basis="legal_obligation"))["id"]
    assert refused_in_words(act(ben, room, "checklist", "agree", id=purpose))
    done(act(room.console, room, "checklist", "agree", id=purpose))
    done(act(room.console, room, "checklist", "agree", id=basis))
    questions = {q["key"]: q for q in snapshot(ann)["activity"]["view"]["questions"]}
    assert [a["agreed"] for a in questions["purpose"]["answers"]] == [True]
    assert "number" not in questions["basis"]["answers"][0], "phones never see who wrote it"

    go_to(room, "actionplan")
    proposed = done(act(ann, room, "actionplan", "propose", text="Draft the ISP",
                        due="2027-02-28"))["id"]
    refusal = act(room.console, room, "actionplan", "agree", id=proposed)
    assert refusal["ok"] is False and "owner" in refusal["error"]
    done(act(room.console, room, "actionplan", "update", id=proposed, text="Draft the ISP",
             owner="Council", due="2027-02-28"))
    done(act(room.console, room, "actionplan", "agree", id=proposed))
    assert refused_in_words(act(ann, room, "actionplan", "withdraw", id=proposed))
    item = snapshot(ben)["activity"]["view"]["items"][0]
    assert (item["text"], item["owner"], item["due"], item["agreed"]) == (
        "Draft the ISP", "Council", "2027-02-28", True)


def test_a_follow_up_workshop_reviews_the_actions_left_open(agreement):
    room = agreement
    go_to(room, "actionplan")
    for text, owner, status in (("Draft the ISP", "Council", "progress"),
                                ("Book the DPO", "Police", "done"),
                                ("Map the flows", "Council", "open")):
        made = done(act(room.console, room, "actionplan", "propose", text=text, owner=owner,
                        due="2027-03-31"))["id"]
        done(act(room.console, room, "actionplan", "agree", id=made))
        done(act(room.console, room, "actionplan", "status", id=made, status=status))
    exported = room.api("get", f"/api/workshops/{room.code}/export?format=json")
    assert exported.status_code == 200

    http = room.app.test_client()
    made = http.post("/workshops/import", data={
        "mode": "follow_up", "file": (io.BytesIO(exported.data), "earlier.json")},
        content_type="multipart/form-data")
    assert made.status_code == 303, made.get_data(as_text=True)[:300]
    code = made.headers["Location"].split("/f/")[1].split("/")[0]
    later = room.engine.workshop(code)
    assert [a.type_id for a in later.activities] == ["actionplan", *STEPS]
    review = later.activities[0]
    view = review.module.public_view(review.state, "presenter", True)
    assert [(r["text"], r["owner"], r["was"]) for r in view["review"]] == [
        ("Draft the ISP", "Council", "progress"), ("Map the flows", "Council", "open")]
    assert later.activities[-1].module.public_view(later.activities[-1].state, "presenter",
                                                   True)["review"] == [], \
        "the plan itself starts afresh: what is open is in the review step"
    assert not later.people, "nobody from the earlier workshop comes with it"

    # The room says where each stands, from the console of the new workshop.
    key = made.headers["Location"].split("/f/")[1].split("/")[1].split("?")[0]
    http.get(f"/f/{code}/{key}")
    console = socketio.test_client(room.app, flask_test_client=http,
                                   auth={"code": code, "role": "facilitator"})
    assert done(console.emit("control", {"command": "start"}, callback=True))
    first = view["review"][0]["id"]
    reply = console.emit("act", {"activity_id": review.id, "action": "status",
                                 "payload": {"id": first, "status": "done"}, "cid": cid()},
                         callback=True)
    assert {k: reply.get(k) for k in ("ok", "id", "status")} == {"ok": True, "id": first,
                                                                "status": "done"}
    report = http.get(f"/f/{code}/export/html").get_data(as_text=True)
    assert "Actions from the earlier workshop: 1 done, 1 not reviewed." in report
