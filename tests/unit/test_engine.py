"""The engine without Flask: creating workshops, joining, and taking part."""
import re

import pytest

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Actor, Rejected
from tests.unit.helpers import Session

CODE = re.compile(r"^[A-HJKMNP-Z2-9]{6}$")
FAC = Actor(FACILITATOR)


# ---------------------------------------------------------------------- creating
def test_a_new_workshop_has_a_readable_code_and_a_private_key(engine):
    code, key = engine.create_workshop("  Sharing   well ", ["Council", " Police "])
    assert CODE.match(code)
    live = engine.workshop(code)
    assert live.title == "Sharing well"
    assert live.organisations == ["Council", "Police"]
    assert live.current == -1 and live.activities == []
    assert engine.check_key(code, key)
    assert key not in live.key_hash


def test_each_workshop_gets_its_own_code_and_key(engine):
    made = [engine.create_workshop(f"Workshop {n}") for n in range(20)]
    assert len({code for code, _ in made}) == 20
    first, second = made[0], made[1]
    assert not engine.check_key(first[0], second[1])


@pytest.mark.parametrize("title", [None, "", "   ", "\x00\x01", 7, ["A title"]])
def test_a_workshop_needs_a_title(engine, title):
    with pytest.raises(Rejected, match="Give the workshop a title"):
        engine.create_workshop(title)


def test_a_title_over_120_characters_is_refused(engine):
    engine.create_workshop("t" * 120)
    with pytest.raises(Rejected, match="120 characters"):
        engine.create_workshop("t" * 121)


@pytest.mark.parametrize("key", [None, "", "wrong", 12])
def test_only_the_workshops_key_opens_it(session, key):
    assert session.engine.check_key(session.code, session.key)
    assert not session.engine.check_key(session.code, key)
    assert not session.engine.check_key("ZZZZZZ", session.key)


def test_an_unknown_code_is_no_workshop(engine):
    assert engine.workshop("ZZZZZZ") is None
    with pytest.raises(Rejected, match="no workshop with that code"):
        engine.join("ZZZZZZ")


# ---------------------------------------------------------------------- joining
def test_people_are_numbered_in_the_order_they_join(session):
    people = [session.join() for _ in range(3)]
    assert [p.number for p in people] == [1, 2, 3]
    assert all(p.role == PARTICIPANT for p in people)
    assert session.view(PRESENTER)["workshop"]["joined"] == 3


def test_name_and_organisation_are_optional_and_cleaned(session):
    anonymous = session.join()
    named = session.join("  Ann\x00 Smith ", "Harbour   Trust")
    blank = session.join("   ", "")
    assert anonymous.organisation is None and blank.organisation is None
    assert named.organisation == "Harbour Trust"
    people = session.view(FACILITATOR)["people"]
    assert [p["name"] for p in people] == [None, "Ann Smith", None]


def test_a_name_over_60_or_an_organisation_over_80_characters_is_refused(session):
    with pytest.raises(Rejected, match="Your name: please keep it to 60"):
        session.join("n" * 61)
    with pytest.raises(Rejected, match="Your organisation: please keep it to 80"):
        session.join(None, "o" * 81)
    assert session.view(PRESENTER)["workshop"]["joined"] == 0


def test_a_participant_is_recognised_by_their_token_in_this_workshop_only(engine):
    one, other = Session(engine, "One"), Session(engine, "Other")
    ann = one.join("Ann")
    token = one.tokens[ann.number]
    assert engine.participant(one.code, token) == ann
    assert engine.participant(other.code, token) is None
    assert engine.participant(one.code, token + "x") is None
    assert engine.participant(one.code, None) is None
    assert engine.participant(one.code, "") is None


# ---------------------------------------------------------------------- acting
def test_an_answer_is_stored_and_shown(session):
    question = session.add_question()
    session.control("start")
    ann = session.join()
    reply = session.act(ann, question, "answer", text="Trust")
    assert set(reply) == {"id"}
    assert session.wall(PRESENTER) == ["Trust"]
    assert [a.name for a in session.stored_actions()] == ["answer"]


def test_a_retried_submission_is_stored_once_and_the_retry_says_so(session):
    question = session.add_question()
    session.control("start")
    ann = session.join()
    first = session.act(ann, question, "answer", cid="ann-1", text="Trust")
    again = session.act(ann, question, "answer", cid="ann-1", text="Trust")
    assert "duplicate" not in first
    assert again == {**first, "duplicate": True}
    assert session.wall() == ["Trust"]
    assert len(session.stored_actions()) == 1


def test_submission_ids_belong_to_the_person_who_sent_them(session):
    question = session.add_question()
    session.control("start")
    ann, ben = session.join(), session.join()
    session.act(ann, question, "answer", cid="c1", text="Ann's")
    reply = session.act(ben, question, "answer", cid="c1", text="Ben's")
    assert "duplicate" not in reply
    session.act(FAC, question, "answer", cid="c1", text="Facilitator's")
    assert sorted(session.wall()) == ["Ann's", "Ben's", "Facilitator's"]


def test_a_refused_submission_can_be_retried_with_the_same_id(session):
    question = session.add_question()
    session.control("start")
    ann = session.join()
    with pytest.raises(Rejected):
        session.act(ann, question, "answer", cid="c1", text="")
    reply = session.act(ann, question, "answer", cid="c1", text="Now with text")
    assert "duplicate" not in reply
    assert session.wall() == ["Now with text"]


@pytest.mark.parametrize("cid", ["", "x" * 65, 7, True, ["c1"]])
def test_a_submission_id_must_be_short_text(session, cid):
    question = session.add_question()
    session.control("start")
    with pytest.raises(Rejected, match="submission id must be text of 1 to 64"):
        session.act(session.join(), question, "answer", cid=cid, text="Hello")
    assert session.wall() == []


@pytest.mark.parametrize("action", [None, "", 3, ["answer"]])
def test_an_action_must_be_named(session, action):
    question = session.add_question()
    session.control("start")
    with pytest.raises(Rejected, match="Say which action"):
        session.engine.act(session.code, session.join(), question, action, {"text": "x"})


@pytest.mark.parametrize("payload", ["text", ["text"], 5, True])
def test_an_actions_details_must_be_an_object(session, payload):
    question = session.add_question()
    session.control("start")
    with pytest.raises(Rejected, match="details must be an object"):
        session.engine.act(session.code, session.join(), question, "answer", payload)


def test_participants_act_only_on_the_running_activity(session):
    first, second = session.add_question("First?"), session.add_question("Second?")
    ann = session.join()
    with pytest.raises(Rejected, match="not running now"):
        session.act(ann, first, "answer", text="Too early")
    session.control("start")
    with pytest.raises(Rejected, match="not running now"):
        session.act(ann, second, "answer", text="Jumping ahead")
    session.act(ann, first, "answer", text="On time")
    session.control("next")
    with pytest.raises(Rejected, match="not running now"):
        session.act(ann, first, "answer", text="Too late")
    assert len(session.stored_actions()) == 1


def test_participants_cannot_act_on_a_closed_activity_but_the_facilitator_can(session):
    question = session.add_question()
    session.control("start")
    ann = session.join()
    mine = session.answer(ann, question, "Before closing")
    session.control("close")
    for action, payload in (("answer", {"text": "After"}), ("edit", {"id": mine, "text": "E"}),
                            ("withdraw", {"id": mine})):
        with pytest.raises(Rejected, match="closed for now"):
            session.act(ann, question, action, **payload)
    session.answer(FAC, question, "Heard at table 2")
    assert sorted(session.wall()) == ["Before closing", "Heard at table 2"]


def test_roles_are_checked_before_the_activity_sees_the_action(session):
    question = session.add_question()
    session.control("start")
    ann = session.join()
    mine = session.answer(ann, question, "Mine")
    with pytest.raises(Rejected, match="Only the facilitator can do that"):
        session.act(ann, question, "hide", id=mine)
    with pytest.raises(Rejected, match="That is for participants to do"):
        session.act(FAC, question, "edit", id=mine, text="Rewritten")
    with pytest.raises(Rejected, match="no action called 'shout'"):
        session.act(ann, question, "shout")
    with pytest.raises(Rejected, match="not in this workshop's agenda"):
        session.act(ann, question + 100, "answer", text="Elsewhere")
    assert session.wall() == ["Mine"]


def test_a_refused_action_changes_nothing_and_tells_no_screen(session, changes):
    question = session.add_question()
    session.control("start")
    ann = session.join()
    version = session.live.version
    changes.take()
    for text in ("", "x" * 281):
        with pytest.raises(Rejected):
            session.act(ann, question, "answer", text=text)
    assert session.live.version == version
    assert changes.take() == []
    assert session.stored_actions() == []


def test_screens_are_told_who_changed_what(session, changes):
    question = session.add_question()
    changes.take()
    ann = session.join()
    assert changes.take() == [(session.code, ())]
    session.control("start")
    assert changes.take() == [(session.code, "all")]
    answer = session.answer(ann, question, "Hello")
    assert changes.take() == [(session.code, (ann.participant_id,))]
    session.act(FAC, question, "hide", id=answer)  # changes Ann's own list, not FAC's
    assert changes.take() == [(session.code, "all")]


def test_every_accepted_change_raises_the_version(session):
    question = session.add_question()
    before = session.live.version
    session.control("start")
    ann = session.join()
    session.answer(ann, question, "Hi")
    assert session.live.version == before + 3
    assert session.view()["version"] == before + 3


def test_participants_see_their_own_part_and_nobody_elses(session):
    question = session.add_question()
    session.control("start")
    ann, ben = session.join("Ann", "Council"), session.join("Ben", "Police")
    session.answer(ann, question, "First point")
    session.answer(ben, question, "Second point")
    own = session.engine.own(session.code, ann.participant_id)
    assert own["activity_id"] == question
    assert [a["text"] for a in own["mine"]["answers"]] == ["First point"]
    assert own["mine"]["remaining"] == 2
    view = session.view(PARTICIPANT, ann.participant_id)
    assert view["activity"]["mine"] == own["mine"]
    assert "people" not in view and "agenda" not in view
    assert "joined" not in view["workshop"] and "organisations" not in view["workshop"]
    assert "Ben" not in repr(view) and "Police" not in repr(view)


def test_own_part_is_empty_before_the_workshop_starts(session):
    session.add_question()
    ann = session.join()
    assert session.engine.own(session.code, ann.participant_id) == {
        "version": session.live.version, "activity_id": None, "mine": None}
    assert session.view(PARTICIPANT, ann.participant_id)["activity"] is None


def test_a_deleted_workshop_is_gone(session):
    session.engine.delete_workshop(session.code)
    assert session.engine.workshop(session.code) is None
    with pytest.raises(Rejected, match="no workshop"):
        session.control("start")
