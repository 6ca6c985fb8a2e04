"""The benchmark, small: about 50 real phones (HTTP join, then Socket.IO over WebSocket)
voting for a few seconds against run.py, through the same code as `python -m bench.run`
(bench.run.run_case starts the server and runs bench/loadgen.py in its own process).

Only correctness is asserted (bench.loadgen.problems): every phone joins and is counted
as connected, every vote is answered, none is refused, and every acknowledged vote shows
on its workshop's presenter, no more and no fewer. Times are measured but never
asserted: they depend on the machine and on whatever else runs on it.
"""
import pytest

from bench.run import run_case
from tests.serverproc import ASYNC_MODES, DEFAULT_MODE

pytestmark = pytest.mark.realserver


def test_fifty_phones_vote_and_the_presenter_shows_every_vote(tmp_path):
    outcome = run_case(DEFAULT_MODE, phones=50, workshops=1, rate=40, seconds=3, with_floor=True,
                       workdir=tmp_path, idle_seconds=0.5)
    result = outcome["roundtable"]
    assert result["problems"] == []
    assert result["votes_acked"] == result["votes_reflected"] > 0
    assert result["server"]["kb_per_phone"] is not None  # measured, never judged
    # The floor server runs through the same code and must not lose anything either,
    # or its figures would be no floor at all.
    assert outcome["floor"]["problems"] == []


def test_fifty_phones_are_sent_the_revealed_totals_and_each_shows_every_vote(tmp_path):
    """Results shown as they come: every phone is sent the totals, in turns (no more than
    about once a second each), and each observing phone comes to show every vote."""
    outcome = run_case(DEFAULT_MODE, phones=50, workshops=1, rate=40, seconds=3, with_floor=True,
                       workdir=tmp_path, idle_seconds=0.5, revealed=True)
    result = outcome["roundtable"]
    assert result["problems"] == []
    assert result["phones_shown_results"] == 50
    assert result["observers"] == 50 and result["acked_never_seen_by_phone"] == 0
    # A phone's clock: the room changed forty times a second, the phones were sent the
    # view about once a second (a phone may join a group just before its turn).
    assert 0 < result["phone_views_per_second"] <= 2
    assert outcome["floor"]["problems"] == []


def test_three_workshops_each_presenter_counts_only_its_own_votes(tmp_path):
    outcome = run_case(DEFAULT_MODE, phones=60, workshops=3, rate=45, seconds=3,
                       with_floor=False, workdir=tmp_path, idle_seconds=0.5)
    result = outcome["roundtable"]
    assert result["problems"] == []
    assert len(result["acked_per_workshop"]) == 3
    assert all(count > 0 for count in result["acked_per_workshop"])


# A phone takes its server for gone after PING_INTERVAL + PING_TIMEOUT seconds without a
# ping (10 as shipped). On a machine busy with other work, a server that 1,100 phones are
# joining can get a few per cent of a core for that long, and its phones then leave:
# true of any server, and not what this test is about. So here pings are far apart, the
# processes run on whichever core is free, every wait for an answer is three times as
# long (a join's up to 90 s), and the phones have five minutes to join.
UNHURRIED = {"PING_INTERVAL": 25, "PING_TIMEOUT": 60}


@pytest.mark.parametrize("mode", ASYNC_MODES)  # eventlet's server stops at 1,024 unless told
def test_more_than_1024_phones_stay_connected_at_once(mode, tmp_path):
    """A keynote's phones all hold a WebSocket open at the same time: the server must
    not stop at a web server's default of 1,024 connections (eventlet's, unless raised)."""
    outcome = run_case(mode, phones=1100, workshops=1, rate=50, seconds=1, with_floor=False,
                       workdir=tmp_path, idle_seconds=0.2, join_concurrency=50,
                       settings=UNHURRIED, pinned=False, join_deadline=300,
                       patience=3)
    result = outcome["roundtable"]
    assert result["joined"] == 1100
    assert result["problems"] == []
