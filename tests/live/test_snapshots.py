"""What each kind of screen receives: a participant never learns who anyone else is."""
import pytest

from tests.live.helpers import answer, as_text, keys_anywhere, received, wall

WHO = {"number", "name", "organisation", "organisations", "agenda"}


def identifies_nobody(message):
    """No key that names a person, and "people" only ever as a count."""
    assert not WHO & keys_anywhere(message), WHO & keys_anywhere(message)
    assert '"people": [' not in as_text(message)
    return True


@pytest.fixture
def crowd(running):
    """Three people with names and organisations, each with an answer."""
    running.zelda = running.phone(name="Zelda Quartz", organisation="Council")
    running.yusuf = running.phone(name="Yusuf Okonkwo", organisation="Police")
    running.xavi = running.phone()
    for phone, text in ((running.zelda, "No shared budget"), (running.yusuf, "Old IT"),
                        (running.xavi, "Consent is unclear")):
        assert answer(phone, running.question, text)["ok"]
    return running


def test_a_participant_snapshot_shows_the_activity_and_their_own_part(crowd):
    snapshot = crowd.xavi.emit("sync", callback=True)
    assert snapshot["ok"] is True
    view = snapshot["view"]
    assert view["workshop"]["code"] == crowd.code
    assert view["workshop"]["title"] == "Sharing well"
    assert view["activity"]["view"]["prompt"] == "What gets in the way?"
    assert sorted(wall(view)) == ["Consent is unclear", "No shared budget", "Old IT"]
    assert [a["text"] for a in view["activity"]["mine"]["answers"]] == ["Consent is unclear"]


def test_a_participant_never_receives_anyone_elses_number_name_or_organisation(crowd):
    snapshot = crowd.xavi.emit("sync", callback=True)
    assert identifies_nobody(snapshot)
    for secret in ("Zelda", "Quartz", "Yusuf", "Okonkwo", "Council", "Police"):
        assert secret not in as_text(snapshot)
    assert "joined" not in snapshot["view"]["workshop"]
    assert "connected" not in snapshot["view"]["workshop"]


def test_updates_pushed_to_participants_carry_no_identities_either(crowd):
    crowd.xavi.get_received()
    answer(crowd.zelda, crowd.question, "Another point")
    crowd.phone(name="Wanda Late", organisation="Health")
    pushed = received(crowd.xavi)
    assert pushed.get("view"), "the participant should have been sent the new wall"
    for messages in pushed.values():
        for message in messages:
            assert identifies_nobody(message)
            for secret in ("Zelda", "Wanda", "Council", "Health", "Police"):
                assert secret not in as_text(message)


def test_the_presenter_gets_counts_but_no_identities(crowd):
    view = crowd.presenter().emit("sync", callback=True)["view"]
    assert view["workshop"]["joined"] == 3
    assert view["workshop"]["connected"] == 3
    assert view["activity"]["view"]["count"] == 3
    assert view["activity"]["view"]["people"] == 3
    assert sorted(wall(view)) == ["Consent is unclear", "No shared budget", "Old IT"]
    assert identifies_nobody(view)
    assert "Zelda" not in as_text(view) and "Police" not in as_text(view)


def test_the_facilitator_gets_the_agenda_and_the_people(crowd):
    view = crowd.facilitator().emit("sync", callback=True)["view"]
    assert [item["label"] for item in view["agenda"]] == ["What gets in the way?"]
    assert view["workshop"]["organisations"] == ["Council", "Police"]
    people = {p["number"]: (p["name"], p["organisation"], p["connected"])
              for p in view["people"]}
    assert people == {1: ("Zelda Quartz", "Council", True), 2: ("Yusuf Okonkwo", "Police", True),
                      3: (None, None, True)}
    by_text = {a["text"]: (a["number"], a["organisation"])
               for a in view["activity"]["view"]["answers"]}
    assert by_text == {"No shared budget": (1, "Council"), "Old IT": (2, "Police"),
                       "Consent is unclear": (3, None)}


def test_the_facilitator_sees_who_is_still_connected(crowd):
    crowd.yusuf.disconnect()
    people = crowd.facilitator().emit("sync", callback=True)["view"]["people"]
    assert {p["number"]: p["connected"] for p in people} == {1: True, 2: False, 3: True}


def test_before_the_start_everyone_sees_the_welcome(room):
    phone = room.phone()
    for client in (phone, room.presenter(), room.facilitator()):
        view = client.emit("sync", callback=True)["view"]
        assert view["activity"] is None
        assert view["workshop"]["current"] == -1
