"""A connection the PostgreSQL server drops (a restart, an idle timeout) fails the one
change that meets it, with "try again" (StoreUnavailable), and leaves the pool: the next
change is stored. This holds for the vote's statements, which run on the driver's cursor
(store.Prepared), as for the rest."""
import pytest
import sqlalchemy

from activities.base import PARTICIPANT
from tests.unit.helpers import Session, open_engine
from workshop.store import StoreUnavailable


def test_a_lost_database_connection_fails_one_vote_and_the_next_is_stored(database):
    session = Session(open_engine(database))
    question = session.add_question()
    session.control("start")
    ann = session.join()
    engine = session.engine
    with engine.store.engine.connect() as connection:  # the pool's one connection
        backend = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    admin = sqlalchemy.create_engine(engine.store.url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"SELECT pg_terminate_backend({int(backend)})")
    admin.dispose()

    with pytest.raises(StoreUnavailable):
        session.act(ann, question, "answer", cid="lost", text="Lost with the connection")
    session.act(ann, question, "answer", cid="lost", text="Lost with the connection")
    assert [a.payload["text"] for a in session.stored_actions()] == [
        "Lost with the connection"]
    assert engine.view(session.code, PARTICIPANT, ann.participant_id)["activity"]["mine"][
        "answers"][0]["text"] == "Lost with the connection"
