"""The benchmark, small: about 50 real phones (HTTP join, then Socket.IO over WebSocket)
voting for a few seconds against run.py, through the same code as `python -m bench.run`
(bench.run.run_case starts the server and runs bench/loadgen.py in its own process).

Only correctness is asserted: every phone joins and is counted as connected, every vote
is answered, none is refused, and every acknowledged vote shows on the presenter's
screen, no more and no fewer. Times are measured but never asserted: they depend on the
machine and on whatever else runs on it.
"""
import pytest

from bench.run import run_case

pytestmark = pytest.mark.realserver


def assert_nothing_lost(result, phones, workshops):
    assert result["joined"] == phones, result["join_errors"]
    assert result["not_joined"] == 0, result["join_errors"]
    assert result["presence_ok"], "a presenter never counted every phone as connected"
    assert result["votes_sent"] == result["votes_planned"] > 0
    assert result["votes_refused"] == 0, result["refusals"]
    assert result["votes_acked"] == result["votes_sent"]
    assert result["all_settled"], (result["acked_per_workshop"],
                                   result["reflected_per_workshop"])
    # Every acknowledged vote reflected on its workshop's presenter, none extra.
    assert result["reflected_per_workshop"] == result["acked_per_workshop"]
    assert result["votes_reflected"] == result["votes_acked"]
    assert result["acked_never_seen_by_presenter"] == 0
    assert len(result["acked_per_workshop"]) == workshops
    assert result["phone_disconnects"] == 0


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_fifty_phones_vote_and_the_presenter_shows_every_vote(mode, tmp_path):
    outcome = run_case(mode, phones=50, workshops=1, rate=40, seconds=3, with_floor=True,
                       workdir=tmp_path, idle_seconds=0.5)
    assert_nothing_lost(outcome["roundtable"], phones=50, workshops=1)
    assert outcome["roundtable"]["server"]["kb_per_phone"] is not None  # measured, not judged
    # The floor server runs through the same code and must not lose anything either,
    # or its figures would be no floor at all.
    assert_nothing_lost(outcome["floor"], phones=50, workshops=1)


def test_three_workshops_each_presenter_counts_only_its_own_votes(tmp_path):
    outcome = run_case("eventlet", phones=60, workshops=3, rate=45, seconds=3,
                       with_floor=False, workdir=tmp_path, idle_seconds=0.5)
    result = outcome["roundtable"]
    assert_nothing_lost(result, phones=60, workshops=3)
    assert all(count > 0 for count in result["acked_per_workshop"])
