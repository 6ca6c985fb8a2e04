"""The presenter of a conference hall (tests/conference_room.py: 2,000 people, a note and a
feeling, a definition, a partner, a picture, a proposal, a checklist answer, a proposed
action and a question each, one text in seven 280 characters long) at 1920x1080 and
1024x768. The server sends the screen only what it can show and counts of
the rest; the screen shows what fits with nothing overlapping or cut, and says how much
is not shown, so that what is shown and what it says is left out add up to the hall's."""
import re
from collections import Counter

import pytest
import requests
from playwright.sync_api import expect

from activities import glossary, journey
from conference_room import (AGENDA, AGREED_ACTIONS, CHECKLIST, PARTNERS, PEOPLE, TERMS, cell,
                             conference)
from e2e_steps import CONNECTED
from presenter_geometry import measure, more_in, number_in, page_in, problems, snapshot

pytestmark = pytest.mark.browser

SIZES = {"1920x1080": (1920, 1080), "1024x768": (1024, 768)}
STAGES = journey.TEMPLATES["information-sharing"]["stages"]


@pytest.fixture(scope="module")
def hall(server):
    made = requests.post(f"{server.url}/api/workshops/import", json=conference(), timeout=120)
    assert made.status_code == 201, made.text
    return made.json()


@pytest.fixture(scope="module")
def screens(hall, browser):
    contexts, pages = [], {}
    for name, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height},
                                      reduced_motion="reduce")
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error, page=page: page.errors.append(str(error)))
        page.goto(hall["presenter_url"])
        page.wait_for_selector(CONNECTED)
        pages[name] = page
    yield pages
    for context in contexts:
        context.close()


def check_journey(page):
    per_cell = Counter(cell(n) for n in range(1, PEOPLE + 1))
    seen = snapshot(page, heads=".journey-grid .stage-head", cells=(
        ".journey-grid .cell", {"count": ".cell-count", "notes": "li", "more": ".more"}))
    stages = [STAGES.index(name) for name in seen["heads"]]
    assert len(seen["cells"]) == len(stages) * 5
    for i, found in enumerate(seen["cells"]):
        lane, stage = divmod(i, len(stages))
        assert found["notes"], "a cell with notes shows none"
        said = len(found["notes"]) + more_in(found["more"])
        count = number_in(found["count"][0], r"^(\d+) notes?$")[0] if found["count"] else said
        assert count == per_cell[(stages[stage], lane)], (stages[stage], lane, found)
        assert said == count, found


def check_glossary(page):
    expect(page.locator("#stage .tally")).to_have_text(re.compile(
        rf"of {TERMS} terms · the {glossary.TERMS_ON_SCREEN} most defined on the screen$"))
    seen = snapshot(page, cards=(".glossary-big .term-group",
                                 {"meanings": ".definitions li", "more": ".term-more"}))
    assert seen["cards"]
    for card in seen["cards"]:
        assert len(card["meanings"]) + more_in(card["more"]) == PEOPLE // TERMS, card


def check_partnermap(page):
    seen = snapshot(page, lists=(".partner-list", {"heading": "h2", "names": ".partner-names li",
                                                   "more": ".more"}))
    counted = 0
    for ring in seen["lists"]:
        heading = number_in(ring["heading"][0], r"· (\d+)$")[0]
        assert ring["names"] and len(ring["names"]) + more_in(ring["more"]) == heading, ring
        counted += heading
    assert counted == PARTNERS


def check_newest(page, items, line, sent):
    """A wall of the newest `sent`: the tally says so, and the page line counts them."""
    expect(page.locator("#stage .tally")).to_contain_text(f"the newest {sent} ")
    seen = snapshot(page, items=items, line=line)
    first, last, of = page_in(seen["line"][0]) if seen["line"] \
        else (1, len(seen["items"]), len(seen["items"]))  # all of them on one page
    assert (last - first + 1, of) == (len(seen["items"]), sent)


def check_checklist(page):
    seen = snapshot(page, line="#stage .check-box > .more", cards=(
        ".check-cards .check-card", {"answers": ".check-answers li", "more": ".term-more"}))
    first, last, of = page_in(seen["line"][0]) if seen["line"] \
        else (1, len(seen["cards"]), len(seen["cards"]))
    assert (last - first + 1, of) == (len(seen["cards"]), len(CHECKLIST))
    for card in seen["cards"]:  # each question has an answer from one person in eight
        assert card["answers"], card
        assert len(card["answers"]) + more_in(card["more"]) == PEOPLE // len(CHECKLIST), card


def check_actionplan(page):
    proposed = 20  # the most supported, of the 1,960 proposed
    expect(page.locator("#stage .tally")).to_have_text(
        f"{AGREED_ACTIONS} actions agreed · {PEOPLE - AGREED_ACTIONS:,} proposed · "
        f"the {proposed} proposed most supported on the screen")
    seen = snapshot(page, rows=".plan-rows .plan-text", line="#stage .plan-box > .more")
    first, last, of = page_in(seen["line"][0])
    assert (last - first + 1, of) == (len(seen["rows"]), AGREED_ACTIONS + proposed)


def check_questions(page):
    answered, answering = 5, 1
    seen = snapshot(page, answering=".answering .question-text",
                    questions=".question-list .question-text",
                    more="#stage .questions-box > .more")
    assert len(seen["answering"]) == answering and seen["questions"]
    shown, rest = len(seen["questions"]), more_in(seen["more"], r"and (\d+) more questions?")
    assert shown + rest == PEOPLE - answered - answering


STATES = {
    # activity: (ready when, participants' words, least px at 1080p, check)
    "journey": (".journey-grid .cell li", ".cell li", 24, check_journey),
    "glossary": (".glossary-big .term-group", ".term, .definitions li, .definitions strong", 28,
                 check_glossary),
    "partnermap": (".partner-names li", ".partner-names li", 28, check_partnermap),
    "picture": (".gallery figure", ".gallery figcaption", 28, lambda page: check_newest(
        page, ".gallery figure", "#stage .gallery-box > .more", 24)),
    "dotvote": ("#stage .wall li", ".wall li", 28, lambda page: check_newest(
        page, "#stage .wall li", "#stage .wall-box > .more", 200)),
    "checklist": (".check-cards .check-card", ".check-answers li", 28, check_checklist),
    "actionplan": (".plan-rows .plan-row", ".plan-text", 28, check_actionplan),
    "questions": (".question-list li", ".question-list .question-text, .answering .question-text",
                  28, check_questions),
}


@pytest.mark.parametrize("activity", list(STATES))
def test_a_conference_on_the_presenter(server, hall, screens, activity):
    answer = requests.post(f"{server.url}/api/workshops/{hall['code']}/control",
                           json={"command": "goto", "position": AGENDA.index(activity)},
                           headers={"Authorization": f"Bearer {hall['facilitator_key']}"},
                           timeout=30)
    assert answer.ok, answer.text
    ready, words, least, check = STATES[activity]
    for size, page in screens.items():
        expect(page.locator("#step")).to_have_text(
            re.compile(rf"^{AGENDA.index(activity) + 1} of {len(AGENDA)} · "))
        expect(page.locator(ready).first).to_be_visible()
        found = problems(measure(page, words), contribution_px=least)
        assert not found, f"{activity} at {size}:\n  " + "\n  ".join(found)
        check(page)
        assert not page.errors, page.errors


# Each column's chart holds the whole curve and shows its own stage's stretch of it: the
# circles of that stage (their centres in the column) must lie inside the column's chart.
OUTSIDE = """() => [...document.querySelectorAll(".curve-cell svg")].flatMap((chart) => {
  const edge = chart.getBoundingClientRect();
  return [...chart.querySelectorAll("circle")].map((circle) => circle.getBoundingClientRect())
    .filter((c) => (c.left + c.right) / 2 > edge.left && (c.left + c.right) / 2 < edge.right)
    .filter((c) => c.left < edge.left - 0.5 || c.right > edge.right + 0.5
      || c.top < edge.top - 0.5 || c.bottom > edge.bottom + 0.5)
    .map((c) => `${c.width.toFixed(0)} px across, ${(c.top - edge.top).toFixed(0)} px from the top`
      + ` of a chart ${edge.height.toFixed(0)} px tall`);
})"""


def test_the_feelings_curve_of_a_conference_stays_inside_its_chart(server, hall, screens):
    """2,000 feelings, a few hundred at one answer of one stage: the circles of the spread
    are sized to the chart, not to the hall."""
    answer = requests.post(f"{server.url}/api/workshops/{hall['code']}/control",
                           json={"command": "goto", "position": AGENDA.index("journey")},
                           headers={"Authorization": f"Bearer {hall['facilitator_key']}"},
                           timeout=30)
    assert answer.ok, answer.text
    for size, page in screens.items():
        expect(page.locator("#step")).to_have_text(
            re.compile(rf"^{AGENDA.index('journey') + 1} of {len(AGENDA)} · "))
        expect(page.locator(".curve-cell circle.spread").first).to_be_attached()
        outside = page.evaluate(OUTSIDE)
        assert not outside, f"{size}: {len(outside)} circles run out of the chart: {outside[:5]}"
