"""Answering from phones, retries, and what the facilitator's moderation does to each screen."""
from sqlalchemy import func, select

from tests.conftest import last
from tests.live.helpers import answer, received, refused_in_words, wall
from workshop.models import Action


def stored_actions(room):
    with room.engine.store.transaction() as tx:
        return tx.connection.scalar(select(func.count()).select_from(Action))


def own_texts(reply_or_event):
    return [a["text"] for a in reply_or_event["mine"]["answers"]]


def test_several_participants_answer_and_each_screen_shows_it(running):
    presenter = running.presenter()
    phones = [running.phone() for _ in range(3)]
    for n, phone in enumerate(phones):
        reply = answer(phone, running.question, f"Answer {n}")
        assert reply["ok"] is True
        assert own_texts(reply["own"]) == [f"Answer {n}"]
    shown = last(presenter, "view")
    assert wall(shown) == ["Answer 2", "Answer 1", "Answer 0"]
    assert shown["activity"]["view"]["people"] == 3
    for n, phone in enumerate(phones):
        own = phone.emit("sync", callback=True)["view"]["activity"]["mine"]
        assert [a["text"] for a in own["answers"]] == [f"Answer {n}"]
        assert own["remaining"] == 2


def test_a_retried_submission_is_stored_once(running):
    phone = running.phone()
    first = answer(phone, running.question, "Sent twice", submission="retry-1")
    again = answer(phone, running.question, "Sent twice", submission="retry-1")
    assert first["ok"] and again["ok"]
    assert again["duplicate"] is True and "duplicate" not in first
    assert again["id"] == first["id"]
    assert own_texts(again["own"]) == ["Sent twice"]
    assert stored_actions(running) == 1
    assert wall(running.presenter().emit("sync", callback=True)["view"]) == ["Sent twice"]


def test_a_retry_from_a_second_connection_of_the_same_person_is_stored_once(running):
    http = running.join()
    first_tab, second_tab = running.phone(http), running.phone(http)
    first = answer(first_tab, running.question, "Flaky wifi", submission="wifi-1")
    again = answer(second_tab, running.question, "Flaky wifi", submission="wifi-1")
    assert again["ok"] and again["duplicate"] is True and again["id"] == first["id"]
    assert stored_actions(running) == 1
    view = running.facilitator().emit("sync", callback=True)["view"]
    assert wall(view) == ["Flaky wifi"]
    assert [p["number"] for p in view["people"]] == [1]  # one person, two connections


def test_the_same_submission_id_from_two_people_is_two_answers(running):
    one, two = running.phone(), running.phone()
    assert "duplicate" not in answer(one, running.question, "One", submission="same")
    assert "duplicate" not in answer(two, running.question, "Two", submission="same")
    assert stored_actions(running) == 2


def test_a_persons_other_tabs_see_their_answer(running):
    http = running.join()
    phone, laptop = running.phone(http), running.phone(http)
    laptop.get_received()
    answer(phone, running.question, "Sent from the phone")
    assert own_texts(last(laptop, "mine")) == ["Sent from the phone"]


def test_editing_and_withdrawing_ones_own_answer(running):
    phone = running.phone()
    presenter = running.presenter()
    answer_id = answer(phone, running.question, "Frist")["id"]
    edited = phone.emit("act", {"activity_id": running.question, "action": "edit",
                                "payload": {"id": answer_id, "text": "First"}}, callback=True)
    assert edited["ok"] and own_texts(edited["own"]) == ["First"]
    assert wall(last(presenter, "view")) == ["First"]
    gone = phone.emit("act", {"activity_id": running.question, "action": "withdraw",
                              "payload": {"id": answer_id}}, callback=True)
    assert gone["ok"] and own_texts(gone["own"]) == []
    assert wall(last(presenter, "view")) == []


def test_nobody_can_edit_someone_elses_answer(running):
    author, other = running.phone(), running.phone()
    answer_id = answer(author, running.question, "Mine")["id"]
    reply = other.emit("act", {"activity_id": running.question, "action": "edit",
                               "payload": {"id": answer_id, "text": "Not yours"}}, callback=True)
    assert "only change your own" in refused_in_words(reply)


def test_participants_cannot_run_the_workshop(running):
    running.add_question("Second?")
    phone = running.phone()
    for command in ("next", "close", "reveal", "remove_activity", "rename"):
        reply = phone.emit("control", {"command": command,
                                       "args": {"activity_id": running.question,
                                                "title": "Taken over"}}, callback=True)
        assert refused_in_words(reply) == "Only the facilitator can do that."
    view = running.facilitator().emit("sync", callback=True)["view"]
    assert view["workshop"]["current"] == 0 and view["workshop"]["title"] == "Sharing well"
    assert view["activity"]["is_open"] is True and len(view["agenda"]) == 2


def test_participants_cannot_hide_answers(running):
    author, other = running.phone(), running.phone()
    answer_id = answer(author, running.question, "Unwelcome but fair")["id"]
    reply = other.emit("act", {"activity_id": running.question, "action": "hide",
                               "payload": {"id": answer_id}}, callback=True)
    assert refused_in_words(reply) == "Only the facilitator can do that."
    assert wall(running.presenter().emit("sync", callback=True)["view"]) == \
        ["Unwelcome but fair"]


def test_the_presenter_screen_cannot_take_part(running):
    reply = answer(running.presenter(), running.question, "From the projector")
    assert "only shows" in refused_in_words(reply)


def test_a_hidden_answer_leaves_the_room_but_stays_with_the_facilitator(running):
    facilitator, presenter = running.facilitator(), running.presenter()
    author, neighbour = running.phone(), running.phone()
    rude = answer(author, running.question, "Something rude")["id"]
    answer(neighbour, running.question, "Something useful")
    for client in (facilitator, presenter, author, neighbour):
        client.get_received()

    reply = facilitator.emit("act", {"activity_id": running.question, "action": "hide",
                                     "payload": {"id": rude}}, callback=True)
    assert reply["ok"] is True

    assert wall(last(presenter, "view")) == ["Something useful"]
    for phone in (author, neighbour):
        assert wall(phone.emit("sync", callback=True)["view"]) == ["Something useful"]
    pushed = received(author)
    assert wall(pushed["view"][-1]) == ["Something useful"]
    assert own_texts(pushed["mine"][-1]) == []  # gone from the author's own list too
    answers = last(facilitator, "view")["activity"]["view"]["answers"]
    assert {a["text"]: a["hidden"] for a in answers} == {"Something rude": True,
                                                         "Something useful": False}


def test_a_restored_answer_comes_back_everywhere(running):
    facilitator, presenter, author = running.facilitator(), running.presenter(), running.phone()
    answer_id = answer(author, running.question, "Borderline")["id"]
    author.get_received()
    for action in ("hide", "restore"):
        facilitator.emit("act", {"activity_id": running.question, "action": action,
                                 "payload": {"id": answer_id}}, callback=True)
    assert wall(last(presenter, "view")) == ["Borderline"]
    assert own_texts(last(author, "mine")) == ["Borderline"]


def test_the_facilitator_can_type_in_an_answer_for_the_room(running):
    facilitator, presenter = running.facilitator(), running.presenter()
    reply = answer(facilitator, running.question, "Said at table 3")
    assert reply["ok"] and "own" not in reply
    assert wall(last(presenter, "view")) == ["Said at table 3"]
    entry = last(facilitator, "view")["activity"]["view"]["answers"][0]
    assert entry["by_facilitator"] is True and entry["number"] is None
