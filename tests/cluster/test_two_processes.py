"""Two server processes, one PostgreSQL database and one Redis, acting as one server: a
workshop's phones, presenter and facilitator may each be connected to either process.

Every wait has a deadline (realclient.WAIT) and says what it saw instead.
"""
import pytest
import requests
from realclient import WAIT, Screen, Workshop
from serverproc import DEFAULT_MODE

from bench.run import run_case

pytestmark = pytest.mark.realserver

OPTIONS = ["Shared records", "Joint training", "Named lead"]


class Person:
    def __init__(self, cookie):
        self.cookie = cookie


def join_at(server, code):
    """Join as a phone does, through this process: the join form, keeping the cookie."""
    session = requests.Session()
    answer = session.post(f"{server.url}/j/{code}", allow_redirects=False, timeout=WAIT,
                          data={"name": "", "organisation": ""})
    assert answer.status_code == 303, answer.text[:300]
    token = session.cookies.get(f"rt_p_{code}")
    assert token, "joining set no participant cookie"
    return Person(f"rt_p_{code}={token}")


def screen_at(workshop, server, role, person=None):
    auth = {"code": workshop.code, "role": role}
    if role == "facilitator":
        auth["key"] = workshop.key
    screen = Screen(server.url, auth, cookie=person.cookie if person else None)
    workshop.screens.append(screen)
    return screen.connect()


def vote(phone, activity_id, option, cid):
    return phone.ask("act", {"activity_id": activity_id, "action": "add",
                             "payload": {"option": option}, "cid": cid})


def dots(view):
    return ((view.get("activity") or {}).get("view") or {}).get("dots_placed")


def totals(view):
    results = ((view.get("activity") or {}).get("view") or {}).get("results") or []
    return {row["text"]: row["dots"] for row in results}


@pytest.fixture
def workshop(pair):
    a, _b = pair
    made = Workshop(a, title="Two processes")
    answer = made.api("post", f"/api/workshops/{made.code}/activities",
                      json={"type": "dotvote", "config": {
                          "prompt": "What first?", "options": "\n".join(OPTIONS), "dots": 3,
                          "hide_results": True}})
    assert answer.status_code == 201, answer.text
    made.vote_id = answer.json()["activity"]["id"]
    made.control("start")
    yield made
    made.close()


def view_where(screen, condition, what):
    """The first `view` meeting condition; on a timeout, says (version, open, dots,
    connected) of every view seen meanwhile."""
    seen = []

    def check(view):
        activity = view.get("activity") or {}
        seen.append((view.get("version"), activity.get("is_open"), dots(view),
                     view["workshop"].get("connected")))
        return condition(view)

    try:
        return screen.next_event("view", check)
    except AssertionError:
        raise AssertionError(f"no view {what}; seen (version, open, dots, connected): "
                             f"{seen}") from None


def option_ids(screen):
    view = screen.ask("sync")["view"]
    return {o["text"]: o["id"] for o in view["activity"]["view"]["options"]}


def test_phones_on_both_processes_vote_and_each_presenter_shows_every_vote(pair, workshop):
    a, b = pair
    presenter_b = screen_at(workshop, b, "presenter")
    presenter_a = screen_at(workshop, a, "presenter")
    ids = option_ids(presenter_b)
    people_a = [workshop.join() for _ in range(3)]  # joined through A
    people_b = [join_at(b, workshop.code) for _ in range(2)]  # joined through B
    phones_a = [screen_at(workshop, a, "participant", p) for p in people_a]
    phones_b = [screen_at(workshop, b, "participant", p) for p in people_b]

    # Presence counts the phones of both processes, on both presenters.
    for presenter in (presenter_b, presenter_a):
        view = view_where(presenter, lambda v: v["workshop"]["connected"] == 5,
                          "counting 5 connected")
        assert view["workshop"]["joined"] == 5

    plan = [(phones_a[0], "Shared records"), (phones_a[0], "Shared records"),
            (phones_a[1], "Joint training"), (phones_a[2], "Named lead"),
            (phones_a[2], "Shared records"),
            (phones_b[0], "Named lead"), (phones_b[1], "Shared records")]
    for number, (phone, option) in enumerate(plan):
        reply = vote(phone, workshop.vote_id, ids[option], f"v{number}")
        assert reply["ok"] is True, reply

    for presenter in (presenter_b, presenter_a):
        view = view_where(presenter, lambda v: dots(v) == len(plan), "with every dot")
        assert view["activity"]["view"]["voters"] == 5
        assert "results" not in view["activity"]["view"]  # hidden until revealed

    # Reveal through A: B's presenter shows the results, with every process's votes.
    facilitator_a = screen_at(workshop, a, "facilitator")
    assert facilitator_a.ask("control", {"command": "reveal"})["ok"] is True
    view = view_where(presenter_b, lambda v: v["activity"]["revealed"] and totals(v),
                      "with the results revealed")
    assert totals(view) == {"Shared records": 4, "Named lead": 2, "Joint training": 1}

    # The facilitator on B sees the same, fresh from its own process.
    facilitator_b = screen_at(workshop, b, "facilitator")
    synced = facilitator_b.ask("sync")["view"]
    assert totals(synced) == {"Shared records": 4, "Named lead": 2, "Joint training": 1}
    assert sum(1 for person in synced["people"] if person["connected"]) == 5


def test_closing_on_b_refuses_the_phones_on_a_and_opening_on_a_lets_them_in(pair, workshop):
    a, b = pair
    ids = option_ids(screen_at(workshop, a, "presenter"))
    phone_a = screen_at(workshop, a, "participant", workshop.join())
    phone_b = screen_at(workshop, b, "participant", join_at(b, workshop.code))
    facilitator_b = screen_at(workshop, b, "facilitator")
    facilitator_a = screen_at(workshop, a, "facilitator")

    assert vote(phone_a, workshop.vote_id, ids["Named lead"], "before")["ok"] is True
    assert facilitator_b.ask("control", {"command": "close"})["ok"] is True
    for phone, cid in ((phone_a, "after-a"), (phone_b, "after-b")):
        refused = vote(phone, workshop.vote_id, ids["Named lead"], cid)
        assert refused == {"ok": False, "error": "This activity is closed for now."}

    assert facilitator_a.ask("control", {"command": "open"})["ok"] is True
    assert vote(phone_b, workshop.vote_id, ids["Named lead"], "again-b")["ok"] is True
    assert vote(phone_a, workshop.vote_id, ids["Named lead"], "again-a")["ok"] is True
    view = view_where(facilitator_b, lambda v: dots(v) == 3, "with 3 dots")
    assert totals(view)["Named lead"] == 3  # the facilitator sees results while hidden


def test_a_phone_with_tabs_on_both_processes_sees_its_own_dots_on_each(pair, workshop):
    a, b = pair
    ids = option_ids(screen_at(workshop, b, "presenter"))
    person = workshop.join()
    tab_a = screen_at(workshop, a, "participant", person)
    tab_b = screen_at(workshop, b, "participant", person)
    reply = vote(tab_a, workshop.vote_id, ids["Joint training"], "tab-1")
    assert reply["ok"] is True and reply["own"]["mine"]["dots"] == {ids["Joint training"]: 1}
    own = tab_b.next_event("mine", lambda m: m["mine"] and m["mine"]["dots"])
    assert own["mine"]["dots"] == {ids["Joint training"]: 1}
    assert own["mine"]["remaining"] == 2


def test_a_journey_cell_read_on_b_holds_the_note_just_written_on_a(pair):
    """`read` answers from the database's latest, whichever process wrote it: a phone on B
    opening a cell at once finds the note a phone on A has just added there."""
    a, b = pair
    made = Workshop(a, title="Two processes")
    try:
        answer = made.api("post", f"/api/workshops/{made.code}/activities",
                          json={"type": "journey", "config": {"prompt": "The journey"}})
        assert answer.status_code == 201, answer.text
        journey = answer.json()["activity"]["id"]
        made.control("start")
        writer = screen_at(made, a, "participant", made.join())
        reader = screen_at(made, b, "participant", join_at(b, made.code))
        for n in range(5):
            note = writer.ask("act", {"activity_id": journey, "action": "add_note",
                                      "payload": {"stage": 1, "lane": 2, "text": f"Note {n}"},
                                      "cid": f"note-{n}"})
            assert note["ok"] is True, note
            cell = reader.ask("read", {"activity_id": journey, "action": "open_cell",
                                       "payload": {"stage": 1, "lane": 2}})
            assert cell["ok"] is True, cell
            assert [note["text"] for note in cell["notes"]][-1] == f"Note {n}", cell
            assert cell["count"] == n + 1
    finally:
        made.close()


def test_a_phone_leaving_a_is_no_longer_counted_on_b(pair, workshop):
    a, b = pair
    presenter_b = screen_at(workshop, b, "presenter")
    phones = [screen_at(workshop, a, "participant", workshop.join()) for _ in range(2)]
    phones.append(screen_at(workshop, b, "participant", join_at(b, workshop.code)))
    view_where(presenter_b, lambda v: v["workshop"]["connected"] == 3, "counting 3")
    phones[0].close()
    view = view_where(presenter_b, lambda v: v["workshop"]["connected"] == 2, "counting 2")
    assert view["workshop"]["joined"] == 3


def test_a_vote_resent_through_the_other_process_counts_once(pair, workshop):
    """A phone whose acknowledgement was lost reconnects, maybe to the other process,
    and sends the same submission (same cid) again: it is answered as a duplicate with
    the first reply, and the dot is counted once."""
    a, b = pair
    presenter = screen_at(workshop, a, "presenter")
    ids = option_ids(presenter)
    person = workshop.join()
    first = screen_at(workshop, a, "participant", person)
    reply = vote(first, workshop.vote_id, ids["Named lead"], "resent-1")
    assert reply["ok"] is True and "duplicate" not in reply
    first.close()

    again = screen_at(workshop, b, "participant", person)  # the phone came back via B
    resent = vote(again, workshop.vote_id, ids["Named lead"], "resent-1")
    assert resent["ok"] is True and resent["duplicate"] is True
    assert resent["dots"] == reply["dots"] == 1
    assert resent["own"]["mine"]["dots"] == {ids["Named lead"]: 1}
    assert vote(again, workshop.vote_id, ids["Named lead"], "resent-2")["dots"] == 2

    # And back through A, which must catch up before it answers.
    third = screen_at(workshop, a, "participant", person)
    assert vote(third, workshop.vote_id, ids["Named lead"], "resent-2")["duplicate"] is True
    view = view_where(presenter, lambda v: dots(v) == 2, "with 2 dots")
    assert view["activity"]["view"]["voters"] == 1


def test_the_small_benchmark_on_two_processes_loses_and_doubles_nothing(tmp_path,
                                                                      postgres_base):
    """bench.run with two processes: 60 phones spread over both, voting together, one
    presenter per workshop on the second process. Every acknowledged vote is shown once:
    a copy caught up twice would show more, a lost change fewer."""
    outcome = run_case(DEFAULT_MODE, phones=60, workshops=2, rate=60, seconds=4, processes=2,
                       postgres=postgres_base, with_floor=False, workdir=tmp_path,
                       idle_seconds=0.5)
    result = outcome["roundtable"]
    assert result["problems"] == []
    assert result["votes_acked"] == result["votes_reflected"] > 0
