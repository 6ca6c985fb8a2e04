"""Screens are sent a view only when what they show has changed, and then once."""
from tests.live.helpers import answer, received


def counts(client):
    """How many of each event the client was sent since the last look."""
    return {name: len(messages) for name, messages in received(client).items()}


def settle(*clients):
    for client in clients:
        client.get_received()


def test_one_change_is_one_view_per_screen(running):
    console, presenter, phone = running.facilitator(), running.presenter(), running.phone()
    settle(console, presenter, phone)
    answer(phone, running.question, "Hello")
    assert counts(presenter) == {"view": 1}
    assert counts(console) == {"view": 1}
    assert counts(phone) == {"view": 1, "mine": 1}


def test_a_command_that_changes_nothing_sends_nothing(running):
    console, presenter, phone = running.facilitator(), running.presenter(), running.phone()
    answer(phone, running.question, "Already here")
    settle(console, presenter, phone)
    reply = console.emit("control", {"command": "open"}, callback=True)  # already open
    assert reply["ok"] is True
    assert counts(console) == {} and counts(presenter) == {} and counts(phone) == {}


def test_someone_joining_redraws_the_counts_but_not_the_phones(running):
    console, presenter, phone = running.facilitator(), running.presenter(), running.phone()
    settle(console, presenter, phone)
    running.join(name="Newcomer")
    assert counts(presenter) == {"view": 1}
    assert counts(console) == {"view": 1, "people": 1}  # the counts, and the list of people
    assert counts(phone) == {}  # a phone shows no join count


def test_a_second_tab_of_someone_already_here_changes_nobodys_screen(running):
    http = running.join()
    running.phone(http)
    console, presenter, phone = running.facilitator(), running.presenter(), running.phone()
    settle(console, presenter, phone)
    running.phone(http)  # the same person, connected twice
    assert counts(console) == {} and counts(presenter) == {} and counts(phone) == {}


def test_ones_own_answer_updates_ones_own_tabs_only(running):
    http = running.join()
    tab_one, tab_two, other = running.phone(http), running.phone(http), running.phone()
    settle(tab_one, tab_two, other)
    answer(tab_one, running.question, "Mine")
    assert counts(tab_two) == {"view": 1, "mine": 1}
    assert counts(other) == {"view": 1}


def test_while_results_are_hidden_a_phone_is_redrawn_only_for_the_count(running):
    console = running.facilitator()
    console.emit("control", {"command": "hide_results"}, callback=True)
    phone, other = running.phone(), running.phone()
    answer(phone, running.question, "Unseen")
    settle(phone, other)
    reply = phone.emit("act", {"activity_id": running.question, "action": "edit",
                               "payload": {"id": 0, "text": "x"}}, callback=True)
    assert reply["ok"] is False
    assert counts(other) == {}  # a refusal changes nobody's screen
    mine = phone.emit("sync", callback=True)["view"]["activity"]["mine"]["answers"]
    phone.emit("act", {"activity_id": running.question, "action": "edit",
                       "payload": {"id": mine[0]["id"], "text": "Reworded"}}, callback=True)
    assert counts(other) == {}  # the count did not change, and the texts are not shown
    answer(phone, running.question, "Another")
    assert counts(other) == {"view": 1}
