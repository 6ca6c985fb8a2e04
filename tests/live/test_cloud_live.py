"""The word cloud over Socket.IO: the console puts the answers on the screen as a cloud;
the presenter is sent the counted words, the phones are not; what waits for review, or is
hidden, is not in it."""
from tests.conftest import cid
from tests.live.helpers import add_activity, as_text, newest, received, snapshot


def act(client, activity_id, action, **payload):
    answer = client.emit("act", {"activity_id": activity_id, "action": action,
                                 "payload": payload, "cid": cid()}, callback=True)
    assert answer["ok"] is True, answer
    return answer


def test_the_console_puts_a_cloud_of_the_answers_on_the_screen(room):
    question = add_activity(room, "question", prompt="What gets in the way?", review_first=True)
    room.control("start")
    console, screen, phone = room.facilitator(), room.presenter(), room.phone()
    others = [room.phone() for _ in range(2)]
    for client, text in zip([phone, *others], ["Consent is unclear", "Unclear consent forms",
                                               "Consent, again"]):
        act(client, question, "answer", text=text)
    act(console, question, "approve_all")
    act(phone, question, "answer", text="Consent still unapproved")  # waits for review
    act(others[0], question, "answer", text="Unapproved consent")  # waits too
    answer = console.emit("control", {"command": "display", "args": {"as": "cloud"}},
                          callback=True)
    assert answer == {"ok": True, "activity_id": question,
                      "display": {"as": "cloud", "group": None}}
    sent = received(screen)
    shown = newest(sent["view"])["activity"]
    assert shown["display"] == {"as": "cloud", "group": None}
    # "unapproved" is in two answers, both waiting for review: not counted, never sent
    assert shown["cloud"]["words"] == [{"word": "consent", "count": 3},
                                       {"word": "unclear", "count": 2}]
    assert "unapproved" not in as_text(sent).lower()
    assert "cloud" not in snapshot(phone)["activity"]
    console.emit("control", {"command": "display", "args": {"as": "standard"}}, callback=True)
    assert snapshot(screen)["activity"]["display"] is None
