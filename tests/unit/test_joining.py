"""Closing the door: the facilitator stops new people joining; those who joined can still
come back; and the console counts who joined in the last minute."""
import time

import pytest

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Rejected
from tests.unit.helpers import open_engine
from workshop.engine import JOINING_CLOSED


def test_a_closed_door_refuses_new_people_in_words(session):
    assert session.control("joining", open=False) == {"joining_open": False}
    with pytest.raises(Rejected) as refused:
        session.join()
    assert str(refused.value) == str(JOINING_CLOSED)
    assert session.live.joined == 0
    assert session.control("joining", open=True) == {"joining_open": True}
    assert session.join().number == 1


def test_those_who_joined_come_back_through_a_closed_door(session):
    ann = session.join(organisation="Council")
    session.control("joining", open=False)
    assert session.engine.participant(session.code, session.tokens[ann.number]) == ann
    question = session.add_question()
    session.control("start")
    session.answer(ann, question, "Still here")
    assert session.wall() == ["Still here"]


def test_the_door_stays_closed_after_a_restart(session, db_url):
    session.join()
    session.control("joining", open=False)
    again = session.restarted(open_engine(db_url))
    assert again.view(PRESENTER)["workshop"]["joining_open"] is False
    with pytest.raises(Rejected, match="closed this workshop to new people"):
        again.join()


@pytest.mark.parametrize("odd", [None, "no", 0, 1, [], {}])
def test_the_door_is_opened_or_closed_by_yes_or_no_only(session, odd):
    with pytest.raises(Rejected, match="Say whether new people may join"):
        session.control("joining", open=odd)
    assert session.live.joining_open is True


def test_the_screens_know_whether_the_door_is_open_and_phones_need_not(session):
    session.control("joining", open=False)
    assert session.view(PRESENTER)["workshop"]["joining_open"] is False
    assert session.view(FACILITATOR)["workshop"]["joining_open"] is False
    assert "joining_open" not in session.view(PARTICIPANT)["workshop"]


def test_the_console_is_told_who_joined_in_each_second_of_the_last_minute(session):
    for _ in range(5):
        session.join()
    now = time.time()
    recent = session.view(FACILITATOR)["workshop"]["recent_joins"]
    assert sum(count for _second, count in recent) == 5
    assert all(now - 60 <= second <= now + 1 for second, _count in recent)
    assert "recent_joins" not in session.view(PRESENTER)["workshop"]
    # A minute on, nobody has joined in the last minute.
    assert session.live.recent_joins(now + 61) == []
    assert sum(n for _s, n in session.live.recent_joins(now + 30)) == 5


def test_a_restarted_server_still_knows_who_joined_when(session, db_url):
    for _ in range(3):
        session.join()
    again = session.restarted(open_engine(db_url))
    assert sum(n for _s, n in again.live.recent_joins(time.time())) == 3
