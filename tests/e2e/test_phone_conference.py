"""A phone in a conference hall: it is sent what its screen shows (a cell's most agreed
notes, the most defined terms, the newest answers, the most wanted questions, the first
answers of each checklist question, the first actions of the plan) and says how many more
there are, so that what it lists and what it says it leaves out add up to the room's.
The hall of 2,000 is tests/conference_room.py; the other types get a room of 160, more
than a room's worth (a room of 40 is sent every item: tests/unit/test_presenter_volume.py)."""
import re
from collections import Counter

import pytest
import requests
from playwright.sync_api import expect

from activities import checklist, glossary, journey
from activities.contributions import ON_PHONE, WHOLE_ROOM
from conference_room import AGENDA, PEOPLE, TERMS, cell, conference
from e2e_steps import PHONE, axe_problems, describe, join

pytestmark = pytest.mark.browser

ROOM = WHOLE_ROOM + 10  # people in the big room: more than a phone is sent of any list
TEMPLATE = journey.TEMPLATES["information-sharing"]


def imported(server, document):
    made = requests.post(f"{server.url}/api/workshops/import", json=document, timeout=120)
    assert made.status_code == 201, made.text
    return made.json()


def goto(server, made, position):
    answer = requests.post(f"{server.url}/api/workshops/{made['code']}/control",
                           json={"command": "goto", "position": position},
                           headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                           timeout=30)
    assert answer.ok, answer.text


def more(page, selector):
    """The number an "and N more …" line says, 0 when it is not shown."""
    line = page.locator(selector)
    if not line.is_visible():
        return 0
    return int(re.fullmatch(r"and (\d+) more \w+", line.inner_text()).group(1))


@pytest.fixture
def phone(people):
    return people.phone(PHONE, bypass_csp=True)  # for axe-core


def test_a_phone_in_a_hall_of_2000_lists_the_top_and_counts_the_rest(server, phone):
    hall = imported(server, conference())
    join(phone, hall["join_url"])

    # The journey: the chosen cell's count, its most agreed notes, and how many more.
    per_cell = Counter(cell(n) for n in range(1, PEOPLE + 1))
    for stage, lane in ((0, 0), (3, 2)):
        phone.locator("#journey-stage").select_option(str(stage))
        phone.locator("#journey-lane").select_option(str(lane))
        count = per_cell[(stage, lane)]
        expect(phone.locator(".cell-heading")).to_have_text(
            f"Already in {TEMPLATE['stages'][stage]} / {TEMPLATE['lanes'][lane]}: "
            f"{count} notes")
        shown = phone.locator(".cell-notes li").count()  # drawn with the heading
        # 30 cells share the phone's 30 notes: each cell's most agreed one
        assert shown == journey.NOTES_ON_PHONE // len(per_cell)
        assert shown + more(phone, ".cell-notes + .hint") == count
    found = {"journey in a hall": axe_problems(phone)}

    # The glossary: the most defined terms, the top meanings of each, and the rest counted.
    goto(server, hall, AGENDA.index("glossary"))
    groups = phone.locator(".glossary > .term-group")
    expect(groups).to_have_count(glossary.TERMS_ON_PHONE)
    expect(phone.locator(".glossary + .hint")).to_have_text(
        f"and {TERMS - glossary.TERMS_ON_PHONE} more terms")
    for n in range(glossary.TERMS_ON_PHONE):
        group = groups.nth(n)
        expect(group.locator(".definitions li")).to_have_count(glossary.MEANINGS_ON_PHONE)
        assert glossary.MEANINGS_ON_PHONE + more(group, ".term-more") == PEOPLE // TERMS
    found["glossary in a hall"] = axe_problems(phone)
    assert not any(found.values()), describe(found)
    assert not phone.errors, phone.errors


def room():
    """ROOM people each answering the open question, asking a question, answering the
    checklist's purpose and proposing an action; every activity revealed."""
    agenda = [("question", {"prompt": "What gets in the way?"}),
              ("questions", {"prompt": "What would you ask?"}),
              ("checklist", {}), ("actionplan", {})]
    actions = []
    for n in range(1, ROOM + 1):
        for position, name, payload in (
                (0, "answer", {"text": f"Answer {n}"}),
                (1, "ask", {"text": f"Question {n}"}),
                (2, "answer", {"question": "purpose", "text": f"Purpose {n}"}),
                (3, "propose", {"text": f"Action {n}"})):
            actions.append({"activity": position, "seq": len(actions) + 1, "by": n,
                            "name": name, "payload": payload,
                            "at": 1_760_000_000.0 + len(actions)})
    return {
        "schema": "roundtable.workshop", "version": 1,
        "workshop": {"title": "A big room", "organisations": ["Council", "Police"],
                     "current": 0},
        "agenda": [{"type": t, "config": c, "is_open": True, "revealed": True}
                   for t, c in agenda],
        "participants": [{"number": n, "organisation": ("Council", "Police")[n % 2]}
                         for n in range(1, ROOM + 1)],
        "actions": actions,
    }


def test_a_phone_in_a_big_room_lists_a_screenful_and_counts_the_rest(server, phone):
    made = imported(server, room())
    join(phone, made["join_url"])
    expect(phone.locator(".wall-phone li")).to_have_count(ON_PHONE)
    expect(phone.locator(".wall-phone li").first).to_have_text(f"Answer {ROOM}")  # newest
    expect(phone.locator(".wall-phone + .hint")).to_have_text(
        f"and {ROOM - ON_PHONE} more answers")

    goto(server, made, 1)
    expect(phone.locator(".room-questions li")).to_have_count(ON_PHONE)
    expect(phone.locator(".room-questions + .hint")).to_have_text(
        f"and {ROOM - ON_PHONE} more questions")

    goto(server, made, 2)
    purpose = phone.locator(".term-group", has_text="Purpose")
    expect(purpose.locator(".definitions li")).to_have_count(checklist.ANSWERS_ON_PHONE)
    expect(purpose.locator(".term-more")).to_have_text(
        f"and {ROOM - checklist.ANSWERS_ON_PHONE} more answers")

    goto(server, made, 3)
    expect(phone.locator(".plan-list li")).to_have_count(ON_PHONE)
    expect(phone.locator(".plan-list + .hint")).to_have_text(
        f"and {ROOM - ON_PHONE} more actions")
    found = {"action plan in a big room": axe_problems(phone)}
    assert not any(found.values()), describe(found)
    assert not phone.errors, phone.errors
