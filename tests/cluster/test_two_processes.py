"""Two server processes, one PostgreSQL database and one Redis, acting as one server: a
workshop's phones, presenter and facilitator may each be connected to either process.

Every wait has a deadline (realclient.WAIT) and says what it saw instead.
"""
import pytest
import requests
from realclient import WAIT, Screen, Workshop

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
        view = presenter.next_event("view", lambda v: v["workshop"]["connected"] == 5)
        assert view["workshop"]["joined"] == 5

    plan = [(phones_a[0], "Shared records"), (phones_a[0], "Shared records"),
            (phones_a[1], "Joint training"), (phones_a[2], "Named lead"),
            (phones_a[2], "Shared records"),
            (phones_b[0], "Named lead"), (phones_b[1], "Shared records")]
    for number, (phone, option) in enumerate(plan):
        reply = vote(phone, workshop.vote_id, ids[option], f"v{number}")
        assert reply["ok"] is True, reply

    for presenter in (presenter_b, presenter_a):
        view = presenter.next_event("view", lambda v: dots(v) == len(plan))
        assert view["activity"]["view"]["voters"] == 5
        assert "results" not in view["activity"]["view"]  # hidden until revealed

    # Reveal through A: B's presenter shows the results, with every process's votes.
    facilitator_a = screen_at(workshop, a, "facilitator")
    assert facilitator_a.ask("control", {"command": "reveal"})["ok"] is True
    view = presenter_b.next_event("view", lambda v: v["activity"]["revealed"] and totals(v))
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
    view = facilitator_b.next_event("view", lambda v: dots(v) == 3)
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


def test_a_phone_leaving_a_is_no_longer_counted_on_b(pair, workshop):
    a, b = pair
    presenter_b = screen_at(workshop, b, "presenter")
    phones = [screen_at(workshop, a, "participant", workshop.join()) for _ in range(2)]
    phones.append(screen_at(workshop, b, "participant", join_at(b, workshop.code)))
    presenter_b.next_event("view", lambda v: v["workshop"]["connected"] == 3)
    phones[0].close()
    view = presenter_b.next_event("view", lambda v: v["workshop"]["connected"] == 2)
    assert view["workshop"]["joined"] == 3
