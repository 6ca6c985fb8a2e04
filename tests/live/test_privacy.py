"""What the database keeps about people: nothing they did not type themselves."""
from sqlalchemy import select

from tests.live.helpers import answer, as_text, received
from workshop.models import Base, Participant

ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (Phone; Model-Z9) Telltale/123.4"


def everything_stored(room):
    """Every value of every row of every table, as text."""
    values = []
    with room.engine.store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(table.select()):
                values.extend(str(value) for value in row)
    return "\n".join(values)


def participants(room):
    with room.engine.store.transaction() as tx:
        return tx.connection.execute(select(Participant.__table__)
                                      .order_by(Participant.number)).all()


def from_a_phone(room, **typed):
    """A phone on the venue wifi: a distinctive address and browser."""
    http = room.app.test_client()
    http.environ_base.update({"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": BROWSER,
                              "HTTP_X_FORWARDED_FOR": ADDRESS})
    joined = http.post(f"/j/{room.code}", data=typed)
    assert joined.status_code == 303
    return room.phone(http)


def test_no_address_or_browser_is_stored(running):
    phone = from_a_phone(running)
    assert answer(phone, running.question, "An anonymous answer")["ok"]
    phone.disconnect()
    stored = everything_stored(running)
    assert "An anonymous answer" in stored  # the check can see what was stored
    assert ADDRESS not in stored
    assert "Telltale" not in stored and "Model-Z9" not in stored


def test_nothing_about_a_person_is_stored_unless_they_typed_it(running):
    from_a_phone(running)
    from_a_phone(running, name="Ann Example", organisation="Police")
    anonymous, named = participants(running)
    assert (anonymous.name, anonymous.organisation) == (None, None)
    assert (named.name, named.organisation) == ("Ann Example", "Police")


def test_secrets_are_stored_only_as_digests(running):
    http = running.join()
    token = http.get_cookie(f"rt_p_{running.code}").value
    stored = everything_stored(running)
    assert token not in stored
    assert running.key not in stored


def test_the_people_list_and_names_never_reach_the_presenter_or_a_phone(running):
    presenter, watcher = running.presenter(), running.phone()
    console = running.facilitator()
    named = running.phone(name="Ann Example", organisation="Police")
    assert answer(named, running.question, "A point")["ok"]
    assert answer(watcher, running.question, "Another point")["ok"]
    named.disconnect()
    running.join(name="Bea Late", organisation="Health")
    assert received(console).get("people"), "the console should have been sent the list"
    for client in (presenter, watcher):
        sent = received(client)
        assert "people" not in sent
        assert sent.get("view"), "the screen should have been sent the new wall"
        for messages in sent.values():
            for message in messages:
                assert "Ann Example" not in as_text(message)
                assert "Bea Late" not in as_text(message)
        snapshot = client.emit("sync", callback=True)["view"]
        assert "people" not in snapshot
        assert "Ann Example" not in as_text(snapshot) and "Bea Late" not in as_text(snapshot)
