"""Coalesced screen updates: a burst of changes is one redraw, and nothing unchanged is sent."""
import json

import pytest

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER
from tests.unit.helpers import FAC, Session, open_engine
from workshop import rooms
from workshop.broadcast import Broadcaster


class FakeSocketIO:
    """Records what would be sent; background tasks are recorded, not run."""

    def __init__(self):
        self.sent = []
        self.raw = []  # what was handed to emit, as it was
        self.tasks = []

    def emit(self, event, data, to):
        """As a screen receives it: views go out encoded once, as JSON text."""
        self.raw.append((event, to, data))
        self.sent.append((event, to, json.loads(data) if isinstance(data, str) else data))

    def start_background_task(self, target):
        self.tasks.append(target)
        return target

    def sleep(self, seconds):
        """The loop gives way between workshops; nothing else runs here."""

    def take(self):
        sent, self.sent, self.raw = self.sent, [], []
        return sent


@pytest.fixture
def wired(db_url):
    """An engine whose changes go to a broadcaster that sends at once."""
    socket = FakeSocketIO()
    engine = open_engine(db_url)
    engine.on_change = Broadcaster(socket, engine, interval=0).mark
    session = Session(engine)
    session.socket = socket
    return session


def to(session, role):
    """Where a role's view goes. Phones are dealt into groups that take turns; with no
    interval (as here) there is one group, sent at once."""
    if role == PARTICIPANT:
        return rooms.phones(session.code, 0)
    return rooms.role(session.code, role)


def rooms_sent(sent):
    return sorted((event, room) for event, room, _ in sent)


def test_a_change_sends_each_role_its_own_view(wired):
    wired.add_question()
    sent = wired.socket.take()
    assert rooms_sent(sent) == sorted([("view", to(wired, role))
                                       for role in (FACILITATOR, PARTICIPANT, PRESENTER)]
                                      + [("people", to(wired, FACILITATOR))])
    views = {room: data for event, room, data in sent if event == "view"}
    assert "agenda" in views[to(wired, FACILITATOR)]
    assert "people" not in views[to(wired, FACILITATOR)]  # it has an event of its own
    assert "agenda" not in views[to(wired, PRESENTER)]
    assert "joined" not in views[to(wired, PARTICIPANT)]["workshop"]


def test_a_change_that_alters_nothing_visible_sends_nothing(wired):
    wired.add_question()
    wired.control("start")
    wired.socket.take()
    wired.control("open")  # already open: only the version moves
    assert wired.socket.take() == []


def test_a_change_only_some_screens_show_goes_only_to_them(wired):
    wired.add_question()
    wired.socket.take()
    wired.join()  # the join count is for the facilitator and the presenter only
    assert rooms_sent(wired.socket.take()) == sorted(
        [("view", to(wired, FACILITATOR)), ("view", to(wired, PRESENTER)),
         ("people", to(wired, FACILITATOR))])


def test_a_participants_own_part_goes_to_them_alone(wired):
    question = wired.add_question()
    wired.control("start")
    ann, ben = wired.join(), wired.join()
    for person in (ann, ben):
        wired.engine.connect(wired.code, person.participant_id)
    wired.socket.take()
    wired.answer(ann, question, "Mine")
    mine = [(room, data) for event, room, data in wired.socket.take() if event == "mine"]
    assert [room for room, _ in mine] == [rooms.person(wired.code, ann.participant_id)]
    assert [a["text"] for a in mine[0][1]["mine"]["answers"]] == ["Mine"]
    assert rooms.person(wired.code, ben.participant_id) not in [room for room, _ in mine]


def test_hiding_an_answer_updates_its_authors_own_part(wired):
    question = wired.add_question()
    wired.control("start")
    ann = wired.join()
    wired.engine.connect(wired.code, ann.participant_id)
    answer = wired.answer(ann, question, "Something rude")
    wired.socket.take()
    wired.act(FAC, question, "hide", id=answer)
    mine = [data for event, room, data in wired.socket.take()
            if event == "mine" and room == rooms.person(wired.code, ann.participant_id)]
    assert [data["mine"]["answers"] for data in mine] == [[]]


def test_commands_update_the_own_part_of_everyone_connected(wired):
    first = wired.add_question("First?")
    wired.add_question("Second?")
    wired.control("start")
    ann, ben = wired.join(), wired.join()
    for person in (ann, ben):
        wired.engine.connect(wired.code, person.participant_id)
    wired.answer(ann, first, "Answer")
    wired.socket.take()
    wired.control("next")
    mine = {room: data for event, room, data in wired.socket.take() if event == "mine"}
    assert set(mine) == {rooms.person(wired.code, p.participant_id) for p in (ann, ben)}
    assert all(data["mine"]["answers"] == [] for data in mine.values())


def test_a_burst_of_changes_becomes_one_redraw_per_screen(db_url):
    socket = FakeSocketIO()
    engine = open_engine(db_url)
    broadcaster = Broadcaster(socket, engine, interval=0.1, phone_interval=0.1)
    engine.on_change = broadcaster.mark
    session = Session(engine)
    question = session.add_question()
    session.control("start")
    ann = session.join()
    for n in range(3):
        session.answer(ann, question, f"Answer {n}")
    session.join()
    session.join()
    assert len(socket.tasks) == 1  # one sending loop, started once
    assert socket.sent == []  # nothing goes out until the interval comes round
    broadcaster.flush()
    sent = socket.take()
    views = [room for event, room, _ in sent if event == "view"]
    assert sorted(views) == sorted([rooms.role(session.code, r) for r in (FACILITATOR, PRESENTER)]
                                   + [rooms.phones(session.code, 0)])
    presenter = next(d for e, r, d in sent if r == rooms.role(session.code, PRESENTER))
    assert presenter["activity"]["view"]["count"] == 3  # the latest state, not a stale one
    assert presenter["workshop"]["joined"] == 3
    broadcaster.flush()
    assert socket.sent == []


def question_running(db_url, tabs=1):
    """A question under way whose updates wait for the next interval (flushed by hand),
    and Ann with `tabs` connections, everything sent so far taken."""
    socket = FakeSocketIO()
    engine = open_engine(db_url)
    broadcaster = Broadcaster(socket, engine, interval=0.1)
    engine.on_change = broadcaster.mark
    session = Session(engine)
    session.question = session.add_question()
    session.control("start")
    session.ann = session.join()
    for _tab in range(tabs):
        engine.connect(session.code, session.ann.participant_id)
    broadcaster.flush()
    socket.take()
    return session, broadcaster, socket


def answered_by_ann(session, broadcaster, text):
    """Ann answers; her phone's acknowledgement carries her own part, as live.py sends it."""
    answer_id = session.answer(session.ann, session.question, text)
    pid = session.ann.participant_id
    broadcaster.told(session.code, pid, session.engine.own(session.code, pid))
    return answer_id


def own_sent(sent, session):
    room = rooms.person(session.code, session.ann.participant_id)
    return [data["mine"] for event, to_room, data in sent if event == "mine" and to_room == room]


def test_a_phone_answered_with_its_own_part_is_not_sent_it_again(db_url):
    session, broadcaster, socket = question_running(db_url)
    answered_by_ann(session, broadcaster, "Mine")
    broadcaster.flush()
    sent = socket.take()
    assert own_sent(sent, session) == []
    assert ("view", rooms.role(session.code, PRESENTER)) in rooms_sent(sent)


def test_a_second_tab_still_gets_the_own_part_it_did_not_ask_for(db_url):
    session, broadcaster, socket = question_running(db_url, tabs=2)
    answered_by_ann(session, broadcaster, "Mine")
    broadcaster.flush()
    assert [[a["text"] for a in own["answers"]]
            for own in own_sent(socket.take(), session)] == [["Mine"]]


def test_after_an_answered_action_a_later_change_to_ones_own_part_is_sent(db_url):
    session, broadcaster, socket = question_running(db_url)
    answer_id = answered_by_ann(session, broadcaster, "Something rude")
    session.act(FAC, session.question, "hide", id=answer_id)
    broadcaster.flush()
    assert [own["answers"] for own in own_sent(socket.take(), session)] == [[]]


def test_a_workshop_deleted_before_the_next_send_is_skipped(db_url):
    socket = FakeSocketIO()
    engine = open_engine(db_url)
    broadcaster = Broadcaster(socket, engine, interval=0.1)
    engine.on_change = broadcaster.mark
    session = Session(engine)
    session.add_question()  # marked as changed, to be sent at the next interval
    engine.delete_workshop(session.code)
    broadcaster.flush()
    assert socket.sent == []


# ---------------------------------------------------------------------- the people list
def people_sent(sent):
    """The people lists sent, by room."""
    return [(room, data["people"]) for event, room, data in sent if event == "people"]


def test_the_people_list_goes_to_the_facilitator_alone_and_only_when_it_changes(wired):
    question = wired.add_question()
    wired.control("start")
    ann = wired.join(name="Ann", organisation="Council")
    wired.engine.connect(wired.code, ann.participant_id)
    sent = wired.socket.take()
    assert people_sent(sent)[-1] == (to(wired, FACILITATOR), [
        {"number": 1, "name": "Ann", "organisation": "Council", "connected": True}])
    assert {room for event, room, _ in sent if event == "people"} == {to(wired, FACILITATOR)}
    wired.answer(ann, question, "A vote of sorts")
    sent = wired.socket.take()
    assert ("view", to(wired, FACILITATOR)) in rooms_sent(sent)  # the activity changed
    assert people_sent(sent) == []  # the people did not
    wired.engine.disconnect(wired.code, ann.participant_id)
    assert people_sent(wired.socket.take()) == [(to(wired, FACILITATOR), [
        {"number": 1, "name": "Ann", "organisation": "Council", "connected": False}])]


def test_the_people_list_is_not_even_built_while_nobody_joins_or_leaves(wired, monkeypatch):
    question = wired.add_question()
    wired.control("start")
    ann = wired.join()
    wired.engine.connect(wired.code, ann.participant_id)
    wired.socket.take()
    built = []
    real = wired.engine.people
    monkeypatch.setattr(wired.engine, "people", lambda code: built.append(code) or real(code))
    for n in range(3):
        wired.answer(ann, question, f"Answer {n}")
    wired.control("close")
    assert built == []
    wired.join()
    assert built == [wired.code]


def test_a_second_connection_of_someone_connected_changes_no_list(wired):
    ann = wired.join()
    wired.engine.connect(wired.code, ann.participant_id)
    wired.socket.take()
    wired.engine.connect(wired.code, ann.participant_id)  # another tab
    wired.engine.disconnect(wired.code, ann.participant_id)  # and closed again
    assert wired.socket.take() == []


def test_presence_reported_by_another_process_updates_the_list(db_url):
    socket = FakeSocketIO()
    engine = open_engine(db_url)
    broadcaster = Broadcaster(socket, engine, interval=0)
    engine.on_change = broadcaster.mark
    engine.shared = True  # as in a cluster: other processes report who they hold
    session = Session(engine)
    session.join()  # Ann
    ben = session.join()
    socket.take()
    engine.remote_presence(session.code, "other", [ben.participant_id])
    broadcaster.mark(session.code)  # what cluster.py does when it hears presence
    lists = people_sent(socket.take())
    assert [[p["connected"] for p in people] for _, people in lists] == [[False, True]]
    engine.remote_presence(session.code, "other", [ben.participant_id])  # said again
    broadcaster.mark(session.code)
    assert people_sent(socket.take()) == []
    engine.remote_presence(session.code, "other", [])
    broadcaster.mark(session.code)
    lists = people_sent(socket.take())
    assert [[p["connected"] for p in people] for _, people in lists] == [[False, False]]


def test_in_a_cluster_no_participant_view_is_built_while_no_phone_is_connected(db_url):
    socket = FakeSocketIO()
    engine = open_engine(db_url)
    broadcaster = Broadcaster(socket, engine, interval=0)
    engine.on_change = broadcaster.mark
    engine.shared = True
    session = Session(engine)
    session.add_question()
    assert ("view", rooms.phones(session.code, 0)) not in rooms_sent(socket.take())
    ann = session.join()
    engine.remote_presence(session.code, "other", [ann.participant_id])
    broadcaster.mark(session.code)
    assert ("view", rooms.phones(session.code, 0)) in rooms_sent(socket.take())


# ---------------------------------------------------------------------- the phones' clock
def question_with_phones(db_url):
    """A question under way, the screens on a 0.1 s clock and phones on a 1 s one: ten
    groups of phones, taking turns. Flushed by hand, one call a tick."""
    socket = FakeSocketIO()
    engine = open_engine(db_url)
    broadcaster = Broadcaster(socket, engine, interval=0.1, phone_interval=1.0)
    engine.on_change = broadcaster.mark
    session = Session(engine)
    session.question = session.add_question()
    session.control("start")
    session.ann = session.join()
    for _tick in range(broadcaster.groups):  # every group has had its turn: group 0 is next
        broadcaster.flush()
    socket.take()
    return session, broadcaster, socket


def phone_views(sent, code):
    """(group, view) of each view sent to a group of phones."""
    prefix = rooms.phones(code, "")
    return [(int(room[len(prefix):]), data) for event, room, data in sent
            if event == "view" and room.startswith(prefix)]


def test_phones_are_dealt_into_groups_in_turn(db_url):
    session, broadcaster, _socket = question_with_phones(db_url)
    dealt = [broadcaster.phone_room(session.code) for _phone in range(23)]
    assert broadcaster.groups == 10
    assert dealt[:10] == [rooms.phones(session.code, g) for g in range(10)]
    assert [dealt.count(rooms.phones(session.code, g)) for g in range(10)] == [3, 3, 3] + [2] * 7


def test_after_a_change_each_group_of_phones_gets_the_view_on_its_turn_and_once(db_url):
    session, broadcaster, socket = question_with_phones(db_url)
    session.answer(session.ann, session.question, "Shared records")
    per_tick = []
    for _tick in range(2 * broadcaster.groups):
        broadcaster.flush()
        per_tick.append(phone_views(socket.take(), session.code))
    groups = [[group for group, _view in sent] for sent in per_tick]
    assert groups[:10] == [[g] for g in range(10)]  # one group a tick, spread over the second
    assert groups[10:] == [[]] * 10  # and nothing more until something changes
    walls = [[a["text"] for a in view["activity"]["view"]["answers"]]
             for sent in per_tick for _group, view in sent]
    assert walls == [["Shared records"]] * 10


def test_the_presenter_keeps_its_own_clock_while_phones_take_turns(db_url):
    session, broadcaster, socket = question_with_phones(db_url)
    presenter = rooms.role(session.code, PRESENTER)
    counts = []
    for n in range(3):
        session.answer(session.ann, session.question, f"Answer {n}")
        broadcaster.flush()
        sent = socket.take()
        counts.append(sum(1 for _e, room, _d in sent if room == presenter))
        assert [group for group, _view in phone_views(sent, session.code)] == [n]
    assert counts == [1, 1, 1]  # every tick with a change


def test_no_group_of_phones_is_sent_more_than_once_a_second(db_url):
    session, broadcaster, socket = question_with_phones(db_url)
    last_turn = {}
    people = [session.join() for _person in range(12)]
    for tick in range(35):
        if tick % 3 == 0:  # changes keep coming, faster than the phones' clock
            session.answer(people[tick // 3], session.question, f"Answer {tick}")
        broadcaster.flush()
        for group, view in phone_views(socket.take(), session.code):
            assert tick - last_turn.get(group, -10) >= 10
            last_turn[group] = tick
            # what it is sent is the latest there is, not the state at the first change
            assert view["version"] == session.engine.workshop(session.code).version
    assert sorted(last_turn) == list(range(10))


def test_the_phones_view_is_built_and_encoded_once_for_every_group(db_url, monkeypatch):
    session, broadcaster, socket = question_with_phones(db_url)
    built = []
    real = session.engine.view
    monkeypatch.setattr(session.engine, "view", lambda code, role, *a, **k:
                        built.append(role) or real(code, role, *a, **k))
    session.answer(session.ann, session.question, "Shared records")
    for _tick in range(broadcaster.groups):
        broadcaster.flush()
    messages = [data for event, room, data in socket.raw
                if room.startswith(rooms.phones(session.code, ""))]
    assert built.count(PARTICIPANT) == 1
    assert len(messages) == 10 and all(m is messages[0] for m in messages)
