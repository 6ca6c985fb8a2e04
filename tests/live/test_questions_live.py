"""Questions from the room over Socket.IO: one upvote per person, whatever tabs they have
open and however often a phone sends the same upvote again; taking it back from another
tab; the screen sent the questions most wanted first."""
from tests.conftest import cid
from tests.live.helpers import add_activity, newest, received, refused_in_words, snapshot


def act(client, activity_id, action, submission=None, **payload):
    return client.emit("act", {"activity_id": activity_id, "action": action,
                               "payload": payload, "cid": submission or cid()}, callback=True)


def done(answer):
    assert answer["ok"] is True, answer
    return answer


def on_screen(client):
    return [(q["text"], q["plus"]) for q in snapshot(client)["activity"]["view"]["questions"]]


def test_one_upvote_per_person_across_tabs_and_resends(room):
    activity = add_activity(room, "questions", prompt="Questions for the panel")
    room.control("start")
    screen = room.presenter()
    asker = room.phone()
    question = done(act(asker, activity, "ask", text="Who owns the data?"))["id"]
    http = room.join()
    tab, other_tab = room.phone(http), room.phone(http)

    first = done(act(tab, activity, "upvote", submission="up-1", id=question))
    assert first["plus"] == 1
    again = done(act(tab, activity, "upvote", submission="up-1", id=question))  # resent
    assert again["duplicate"] is True and again["plus"] == 1
    assert refused_in_words(act(other_tab, activity, "upvote", id=question)) == \
        "You have already upvoted that question."
    assert on_screen(screen) == [("Who owns the data?", 1)]
    # The other tab is told it has upvoted, and takes it back.
    assert newest(received(other_tab)["mine"])["mine"]["upvoted"] == [question]
    assert done(act(other_tab, activity, "unvote", id=question))["plus"] == 0
    assert on_screen(screen) == [("Who owns the data?", 0)]
    assert done(act(tab, activity, "upvote", id=question))["plus"] == 1


def test_the_screen_shows_the_most_wanted_first_and_the_one_being_answered_on_top(room):
    activity = add_activity(room, "questions", prompt="Questions for the panel")
    room.control("start")
    screen, console = room.presenter(), room.facilitator()
    phones = [room.phone() for _ in range(4)]
    asked = [done(act(phone, activity, "ask", text=text))["id"]
             for phone, text in zip(phones, ["Who owns the data?", "What does consent cover?",
                                             "When do we meet again?"])]
    for voter in phones[2:]:
        done(act(voter, activity, "upvote", id=asked[1]))
    done(act(phones[0], activity, "upvote", id=asked[2]))
    assert on_screen(screen) == [("What does consent cover?", 2),
                                 ("When do we meet again?", 1), ("Who owns the data?", 0)]
    done(act(console, activity, "mark", id=asked[0], status="answering"))
    assert on_screen(screen)[0] == ("Who owns the data?", 0)
    assert snapshot(screen)["activity"]["view"]["questions"][0]["status"] == "answering"
    refused_in_words(act(phones[3], activity, "mark", id=asked[1], status="answered"))
