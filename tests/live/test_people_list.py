"""The console's list of people comes apart from its view: only when the list changes,
once, and never to the presenter or the phones."""
from tests.live.helpers import answer, received


def people_sent(client):
    """The people lists this client was sent since the last look."""
    return [message["people"] for message in received(client).get("people", [])]


def listed(people):
    return [(p["number"], p["name"], p["organisation"], p["connected"]) for p in people]


def test_a_vote_does_not_resend_the_people_list(running):
    console = running.facilitator()
    phones = [running.phone(name=f"Person {n}") for n in range(3)]
    console.get_received()
    for n, phone in enumerate(phones):
        assert answer(phone, running.question, f"Answer {n}")["ok"]
    sent = received(console)
    assert len(sent["view"]) == 3  # the console saw each answer arrive
    assert "people" not in sent
    assert all("people" not in view for view in sent["view"])


def test_a_join_a_connection_and_a_disconnection_each_send_the_list_once(running):
    console = running.facilitator()
    console.get_received()
    http = running.join(name="Ann Example", organisation="Police")
    assert [listed(p) for p in people_sent(console)] == [[(1, "Ann Example", "Police", False)]]
    phone = running.phone(http)
    assert [listed(p) for p in people_sent(console)] == [[(1, "Ann Example", "Police", True)]]
    running.join()  # no name, no organisation
    assert [listed(p) for p in people_sent(console)] == [
        [(1, "Ann Example", "Police", True), (2, None, None, False)]]
    phone.disconnect()
    assert [listed(p) for p in people_sent(console)] == [
        [(1, "Ann Example", "Police", False), (2, None, None, False)]]


def test_a_second_tab_of_someone_connected_sends_no_list(running):
    http = running.join(name="Ann")
    first = running.phone(http)
    console = running.facilitator()
    console.get_received()
    second = running.phone(http)
    second.disconnect()
    assert people_sent(console) == []
    first.disconnect()
    assert [listed(p) for p in people_sent(console)] == [[(1, "Ann", None, False)]]


def test_the_list_carries_the_version_it_was_read_at(running):
    console = running.facilitator()
    console.get_received()
    running.join(name="Ann")
    version = console.emit("sync", callback=True)["view"]["version"]
    message = received(console)["people"][-1]
    assert message["version"] == version


def test_a_console_opened_later_gets_everything_at_once_in_its_snapshot(running):
    running.phone(name="Ann", organisation="Council")
    answer(running.phone(), running.question, "Consent is unclear")
    view = running.facilitator().emit("sync", callback=True)["view"]
    assert listed(view["people"]) == [(1, "Ann", "Council", True), (2, None, None, True)]
    assert [a["text"] for a in view["activity"]["view"]["answers"]] == ["Consent is unclear"]
    assert [item["label"] for item in view["agenda"]] == ["What gets in the way?"]
    assert view["workshop"]["connected"] == 2 and view["workshop"]["joined"] == 2


def test_every_console_gets_the_list(running):
    first, second = running.facilitator(), running.facilitator()
    first.get_received()
    second.get_received()
    running.join(name="Ann")
    assert [listed(p) for p in people_sent(first)] == [[(1, "Ann", None, False)]]
    assert [listed(p) for p in people_sent(second)] == [[(1, "Ann", None, False)]]
