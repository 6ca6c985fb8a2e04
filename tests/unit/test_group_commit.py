"""Group commit: votes that arrive while another is being written are written together in
one transaction, each answered after that commit, each checked on its own, each still
recognised by its client id."""
import threading
import time

import pytest

from activities.base import Rejected
from tests.unit.helpers import Session
from workshop.grouping import Groups, Outcome, _Entry
from workshop.store import Duplicate

DEADLINE = 30  # seconds: for a thread stuck by a bug, never a wait for an outcome


def until(condition, what):
    """Wait for a condition another thread brings about (bounded, never a guess)."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


@pytest.fixture
def vote(engine):
    """A running dot vote, and every transaction the store opens from now on, counted."""
    session = Session(engine)
    reply = session.control("add_activity", type="dotvote", config={
        "prompt": "Which first?", "options": "Shared records\nOne contact each",
        "dots": 5, "hide_results": False})
    session.vote_id = reply["activity"]["id"]
    session.control("start")
    session.options = [o["id"] for o in session.view()["activity"]["view"]["options"]]
    session.transactions = []
    real = engine.store.transaction

    def counted():
        session.transactions.append(threading.current_thread().name)
        return real()

    engine.store.transaction = counted
    return session


def votes_together(vote, ballots):
    """Each ballot (person, payload, cid) sent from a thread of its own while the first
    one is being written: the first is written alone, the others wait and are written
    together. Returns each reply (or refusal) in order."""
    engine, code = vote.engine, vote.code
    groups = engine._groups
    answers = [None] * len(ballots)

    def send(n):
        person, payload, cid = ballots[n]
        try:
            answers[n] = engine.act(code, person, vote.vote_id, "add", payload, cid)
        except Rejected as refused:
            answers[n] = refused

    threads = [threading.Thread(target=send, args=(n,), name=f"vote-{n}", daemon=True)
               for n in range(len(ballots))]
    with engine._lock(code):  # the first vote's transaction waits here
        threads[0].start()
        until(lambda: code in groups._writing and code not in groups._waiting,
              "the first vote is being written")
        for thread in threads[1:]:
            thread.start()
        until(lambda: len(groups._waiting.get(code, ())) == len(ballots) - 1,
              "the other votes wait for the next group")
        vote.transactions.clear()
    for thread in threads:
        thread.join(DEADLINE)
        assert not thread.is_alive()
    return answers


def test_votes_arriving_together_are_written_in_one_transaction(vote):
    people = [vote.join() for _n in range(8)]
    ballots = [(p, {"option": vote.options[n % 2]}, f"tap-{n}") for n, p in enumerate(people)]
    answers = votes_together(vote, ballots)
    assert all(a["dots"] == 1 for a in answers), answers
    assert len(vote.transactions) == 2  # the first vote's, then the other seven's
    stored = vote.stored_actions()
    assert sorted(a.seq for a in stored[-8:]) == list(range(stored[-8].seq, stored[-8].seq + 8))
    assert vote.live.version == stored[-1].seq  # a version each, none skipped
    with vote.engine.store.transaction() as tx:
        assert tx.workshop(vote.live.id).version == vote.live.version
    assert vote.view()["activity"]["view"]["dots_placed"] == 8


def test_a_refusal_in_a_group_refuses_only_that_vote_and_takes_no_version(vote):
    people = [vote.join() for _n in range(4)]
    ballots = [(p, {"option": vote.options[0]}, f"tap-{n}") for n, p in enumerate(people)]
    ballots[2] = (people[2], {"option": "no such option"}, "tap-2")
    answers = votes_together(vote, ballots)
    assert isinstance(answers[2], Rejected)
    assert [a["dots"] for n, a in enumerate(answers) if n != 2] == [1, 1, 1]
    stored = vote.stored_actions()[-3:]
    assert [a.seq for a in stored] == [stored[0].seq, stored[0].seq + 1, stored[0].seq + 2]
    assert vote.live.version == stored[-1].seq


def test_a_resend_in_the_same_group_is_answered_with_the_first_reply(vote):
    ann, ben = vote.join(), vote.join()
    ballots = [(ben, {"option": vote.options[1]}, "ben-1"),
               (ann, {"option": vote.options[0]}, "ann-1"),
               (ann, {"option": vote.options[0]}, "ann-1")]  # the phone sent it again
    answers = votes_together(vote, ballots)
    assert answers[1]["dots"] == 1 and "duplicate" not in answers[1]
    assert answers[2] == {**answers[1], "duplicate": True}
    assert [a.client_id for a in vote.stored_actions()[-2:]] == ["ben-1", "ann-1"]
    assert vote.view()["activity"]["view"]["dots_placed"] == 2


def test_a_group_with_nothing_accepted_writes_nothing(vote):
    people = [vote.join() for _n in range(3)]
    before = vote.live.version
    ballots = [(p, {"option": "no such option"}, f"tap-{n}") for n, p in enumerate(people)]
    answers = votes_together(vote, ballots)
    assert all(isinstance(a, Rejected) for a in answers)
    assert vote.live.version == before
    with vote.engine.store.transaction() as tx:
        assert tx.workshop(vote.live.id).version == before


def test_a_group_that_breaks_a_unique_key_is_written_again_one_by_one():
    written = []

    def write(code, changes):
        written.append(len(changes))
        if len(changes) > 1:
            raise Duplicate("a resend raced through another process")
        apply, _answered = changes[0]
        return [Outcome(apply())]

    groups = Groups(write, retry_alone=Duplicate)
    group = [_Entry((lambda: "first", None)), _Entry((lambda: "second", None))]
    outcomes = groups._outcomes("CODE", group)
    assert [o.get() for o in outcomes] == ["first", "second"]
    assert written == [2, 1, 1]



def test_while_a_workshop_is_busy_its_leader_waits_a_moment_for_more_to_join():
    """A group written less than BUSY ago makes the workshop busy: its next leader gives
    way for `gather` seconds, and what arrives meanwhile is written with it. A quiet
    workshop's contribution is written at once."""
    now, slept, written = [100.0], [], []

    def write(code, changes):
        written.append((code, len(changes)))
        return [Outcome(apply()) for apply, _answered in changes]

    def sleep(seconds):
        slept.append(seconds)
        if seconds and arriving:  # another vote comes in while the leader waits
            late = threading.Thread(target=lambda: answers.append(
                groups.run("BUSY", arriving.pop())), daemon=True)
            late.start()
            until(lambda: len(groups._waiting.get("BUSY", ())) == 2, "it waits to join")
            threads.append(late)

    groups = Groups(write, retry_alone=Duplicate, gather=0.003, clock=lambda: now[0],
                    sleep=sleep)
    arriving, answers, threads = [], [], []
    assert groups.run("BUSY", lambda: "first") == "first"
    assert slept == [0]  # quiet: written at once

    now[0] += 0.01
    arriving.append(lambda: "joined")
    assert groups.run("BUSY", lambda: "second") == "second"
    for thread in threads:
        thread.join(DEADLINE)
    assert answers == ["joined"]
    assert slept == [0, 0.003]
    assert written == [("BUSY", 1), ("BUSY", 2)]  # the late vote joined the group

    assert groups.run("QUIET", lambda: "elsewhere") == "elsewhere"
    now[0] += 1  # nothing written for a second: quiet again
    assert groups.run("BUSY", lambda: "later") == "later"
    assert slept[2:] == [0, 0]
