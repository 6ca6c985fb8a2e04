"""A new activity type takes its module and its line in the registry, nothing else: a
made-up type (poll_type.py), registered for these tests only, runs through the engine
end to end, and keeps the contract the registered types keep."""
import pytest

import activities
from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Rejected
from tests.unit import poll_type, test_contract
from tests.unit.helpers import Session, open_engine
from workshop import archive


@pytest.fixture
def registered(monkeypatch):
    """The registry line: `poll` joins activities.TYPES."""
    monkeypatch.setitem(activities.TYPES, poll_type.type_id, poll_type)
    return poll_type


def poll(session, **config):
    reply = session.control("add_activity", type="poll",
                            config={"prompt": "Share more?", **config})
    return reply["activity"]["id"]


def test_the_made_up_type_keeps_the_contract(registered):
    assert test_contract.table_problems(registered) == []
    assert test_contract.field_problems(registered) == []
    problems, accepted = test_contract.leaks_before_reveal(registered)
    assert accepted and problems == []


def test_the_made_up_type_runs_in_the_engine_from_adding_to_the_results(registered, session):
    activity = poll(session)
    session.control("start")
    ann, ben = session.join(organisation="Council"), session.join()
    assert session.act(ann, activity, "pick", cid="a1", answer="Yes") == {"answer": "Yes"}
    session.act(ben, activity, "pick", answer="No")
    session.act(ben, activity, "pick", answer="Yes")  # changed their mind
    with pytest.raises(Rejected, match="Choose one of the answers."):
        session.act(ann, activity, "pick", answer="Maybe")
    with pytest.raises(Rejected, match="Only the facilitator can do that."):
        session.act(ann, activity, "clear")
    # Resent: answered from the first time, not done again.
    assert session.act(ann, activity, "pick", cid="a1", answer="Yes") == \
        {"answer": "Yes", "duplicate": True}

    assert "counts" not in session.view(PRESENTER)["activity"]["view"]  # hidden until revealed
    assert session.view(FACILITATOR)["activity"]["view"]["counts"] == {"Yes": 2, "No": 0}
    assert session.view(PARTICIPANT, ann.participant_id)["activity"]["mine"] == \
        {"answer": "Yes"}
    session.control("reveal")
    assert session.view(PRESENTER)["activity"]["view"]["counts"] == {"Yes": 2, "No": 0}
    assert session.engine.export(session.code)[0]["rows"] == [
        {"answer": "Yes", "people": 2}, {"answer": "No", "people": 0}]


def test_the_made_up_type_is_rebuilt_from_its_stored_actions(registered, session, db_url):
    activity = poll(session, answers="Yes\nNo\nNot yet")
    session.control("start")
    ann = session.join()
    session.act(ann, activity, "pick", answer="Not yet", ignored="x" * 1000)
    assert session.stored_actions()[-1].payload == {"answer": "Not yet"}
    again = session.restarted(open_engine(db_url))  # a new server process
    assert again.view(FACILITATOR)["activity"]["view"]["counts"] == \
        {"Yes": 0, "No": 0, "Not yet": 1}
    with pytest.raises(Rejected, match="would drop contributions"):
        session.control("update_activity", activity_id=activity, config={"answers": "Yes\nNo"})


def test_the_made_up_type_is_exported_and_imported_again(registered, session):
    activity = poll(session)
    session.control("start")
    session.act(session.join(), activity, "pick", answer="No")
    code, _key = archive.import_document(session.engine,
                                         archive.export_document(session.engine, session.code))
    copy = Session.__new__(Session)
    copy.engine, copy.code = session.engine, code
    assert copy.view(FACILITATOR)["activity"]["view"]["counts"] == {"Yes": 0, "No": 1}


def test_the_made_up_type_is_offered_with_its_actions_and_limits(registered):
    offered = next(t for t in activities.catalogue() if t["type"] == "poll")
    assert offered["actions"]["pick"]["roles"] == [PARTICIPANT]
    assert [f["name"] for f in offered["actions"]["pick"]["fields"]] == ["answer"]
    assert activities.limits()["poll"] == {}  # nothing to type: an answer is chosen
