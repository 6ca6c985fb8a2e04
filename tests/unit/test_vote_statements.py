"""The two statements of every vote, run on the driver's cursor (store.Prepared), on every
database the tests have: what they store reads back as the rest of the store wrote it, and
a resent submission is still refused by the database. (A lost PostgreSQL connection:
tests/cluster/test_lost_connection.py.)"""
import time

import pytest

from tests.unit.helpers import Session, open_engine
from workshop.store import Duplicate


@pytest.fixture
def session(database_url):
    return Session(open_engine(database_url))


def running_question(session):
    question = session.add_question(prompt="Ble mae'r rhwystrau? 🙂")
    session.control("start")
    return question


def test_a_vote_reads_back_as_it_was_written(session, database_url):
    question = running_question(session)
    ann = session.join()
    before = session.live.version
    with session.engine.store.transaction() as tx:
        used_before = tx.workshop_by_code(session.code).last_used_at
    reply = session.act(ann, question, "answer", cid="c-1", text="Amser — ومال 🙂")

    [stored] = [a for a in session.stored_actions() if a.client_id == "c-1"]
    assert (stored.activity_id, stored.actor, stored.participant_id, stored.name) == (
        question, f"p{ann.participant_id}", ann.participant_id, "answer")
    assert stored.seq == before + 1
    assert stored.payload == {"text": "Amser — ومال 🙂"}
    assert stored.reply == reply
    assert abs(stored.at - time.time()) < 60
    with session.engine.store.transaction() as tx:
        row = tx.workshop_by_code(session.code)
    assert row.version == before + 1
    assert row.last_used_at >= used_before

    again = open_engine(database_url)  # a restarted server replays what was stored
    assert again.own(session.code, ann.participant_id)["mine"]["answers"][0]["text"] == \
        "Amser — ومال 🙂"
    assert again.workshop(session.code).version == before + 1


def test_the_database_still_refuses_a_submission_stored_twice(session):
    question = running_question(session)
    ann = session.join()
    session.act(ann, question, "answer", cid="once", text="Only once")
    [first] = session.stored_actions()
    with pytest.raises(Duplicate):
        with session.engine.store.transaction() as tx:
            tx.add_action(workshop_id=first.workshop_id, activity_id=question,
                          seq=first.seq + 1, actor=first.actor,
                          participant_id=first.participant_id, client_id="once",
                          name="answer", payload={"text": "Twice"}, reply={}, at=time.time())
    assert [a.payload["text"] for a in session.stored_actions()] == ["Only once"]


def test_votes_written_in_one_transaction_take_a_version_each(session, database_url):
    question = running_question(session)
    people = [session.join() for _n in range(3)]
    before = session.live.version
    engine = session.engine

    def answering(person, n):
        def apply(tx, live, version):
            tx.add_action(workshop_id=live.id, activity_id=question, seq=version,
                          actor=f"p{person.participant_id}",
                          participant_id=person.participant_id, client_id=f"g-{n}",
                          name="answer", payload={"text": f"Together {n}"}, reply={},
                          at=time.time())
            return version
        return apply, None

    outcomes = engine.write(session.code, [answering(p, n) for n, p in enumerate(people)])
    assert [o.get() for o in outcomes] == [before + 1, before + 2, before + 3]
    assert [a.seq for a in session.stored_actions()] == [before + 1, before + 2, before + 3]
    with engine.store.transaction() as tx:
        assert tx.workshop_by_code(session.code).version == before + 3
    assert open_engine(database_url).workshop(session.code).version == before + 3
