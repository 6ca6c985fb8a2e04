"""Closing the door, over HTTP and Socket.IO: the join page says in words that the
workshop takes nobody new and joining is refused; a phone that joined before comes back
in with its cookie and takes part; the screens and the console are told."""
from tests.conftest import cid
from tests.live.helpers import refused_in_words, snapshot
from workshop.engine import JOINING_CLOSED


def close_the_door(room):
    console = room.facilitator()
    answer = console.emit("control", {"command": "joining", "args": {"open": False}},
                          callback=True)
    assert answer == {"ok": True, "joining_open": False}
    return console


def test_a_closed_door_says_so_on_the_join_page_and_refuses_a_new_join(running):
    close_the_door(running)
    http = running.app.test_client()
    page = http.get(f"/j/{running.code}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert str(JOINING_CLOSED) in text and "Join the workshop" not in text
    refused = http.post(f"/j/{running.code}", data={"name": "Late Comer"})
    assert refused.status_code == 403
    assert str(JOINING_CLOSED) in refused.get_data(as_text=True)
    assert http.get_cookie(f"rt_p_{running.code}") is None
    assert running.engine.workshop(running.code).joined == 0


def test_a_phone_that_joined_before_comes_back_in_and_takes_part(running):
    http = running.join(organisation="Police")
    close_the_door(running)
    page = http.get(f"/j/{running.code}")
    assert page.status_code == 200 and "You are participant 1." in page.get_data(as_text=True)
    phone = running.phone(http)
    assert phone.is_connected()
    answer = phone.emit("act", {"activity_id": running.question, "action": "answer",
                                "payload": {"text": "Back again"}, "cid": cid()},
                        callback=True)
    assert answer["ok"] is True, answer


def test_opening_the_door_again_lets_people_join(running):
    console = close_the_door(running)
    assert console.emit("control", {"command": "joining", "args": {"open": True}},
                        callback=True)["joining_open"] is True
    assert running.join().get_cookie(f"rt_p_{running.code}") is not None


def test_the_screens_are_told_and_the_console_sees_who_joined_lately(running):
    screen = running.presenter()
    running.join()
    running.join()
    console = close_the_door(running)
    assert snapshot(screen)["workshop"]["joining_open"] is False
    workshop = snapshot(console)["workshop"]
    assert workshop["joining_open"] is False
    assert sum(count for _second, count in workshop["recent_joins"]) == 2


def test_only_the_facilitator_closes_the_door(running):
    phone = running.phone()
    refused_in_words(phone.emit("control", {"command": "joining", "args": {"open": False}},
                                callback=True))
    assert running.engine.workshop(running.code).joining_open is True
