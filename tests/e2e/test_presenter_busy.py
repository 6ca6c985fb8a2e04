"""The presenter screen in a busy room (tests/busy_room.py: forty people, 65 answers, 56
journey notes with 42 in one cell, 60 partners, 47 options, 22 pictures, 800 answers to
the DPIA screening, 24 checklist answers, 26 actions …) on projectors
of 1920x1080, 1280x720 and 1024x768, for every activity type.

Checked from the geometry of what Chromium drew (presenter_geometry.py): no two pieces of
text overlap; no text is cut off or off the screen; nothing of the activity is under the
footer or the join corner; participants' words are at least 28 px at 1080p (24 px in the
journey grid) and labels 22 px, in proportion on the smaller screens. And what is not
shown is counted on the screen: the items shown and "and N more" or "11–20 of 65" add up
to what the room contributed. axe-core checks each state too.
"""
import re

import pytest
from playwright.sync_api import expect

from busy_room import ANSWERING, APPROVED, AGENDA, BusyRoom
from busy_room_content import ANSWERS, PERSONAL_ANSWERS, PICTURE_TITLES, QUESTIONS
from e2e_steps import CONNECTED, WAIT_MS, axe_problems, describe
from presenter_geometry import (contribution_sizes, measure, more_in, number_in, page_in,
                               problems, scale, snapshot)

pytestmark = pytest.mark.browser

SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "1024x768": (1024, 768)}
PAGE_TURN_MS = 40_000  # a page turns every 12 to 15 seconds; generous on a busy machine


@pytest.fixture(scope="module")
def room(server):
    busy = BusyRoom(server.url)
    busy.join()
    busy.fill()
    busy.state = None  # the state the screens show, set by show() below
    yield busy
    busy.close()


@pytest.fixture(scope="module")
def screens(room, browser):
    """One presenter screen per projector size, all following the same workshop. The
    contexts bypass the page's Content-Security-Policy only so that axe can be injected."""
    contexts = []
    pages = {}
    for name, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height},
                                      reduced_motion="reduce", bypass_csp=True)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error, page=page: page.errors.append(str(error)))
        page.goto(room.made["presenter_url"])
        page.wait_for_selector(CONNECTED)
        pages[name] = page
    yield pages
    for context in contexts:
        context.close()


def step(name):
    """The footer's step line for an activity of the busy room's agenda."""
    return re.compile(rf"^{AGENDA.index(name) + 1} of {len(AGENDA)} · ")


# ---------------------------------------------------------------------------- the states
# Each: how to bring the room to it, what on the screen says it is there, which text is
# the participants' own (and its least size at 1080p), and how to check the count of what
# is not shown.


def shown_and_pages(page, items, line, total):
    """Items on the screen, and a line "Answers 1–16 of 65" unless all are shown.
    Answers the texts shown."""
    seen = snapshot(page, items=items, line=line)
    shown = len(seen["items"])
    if seen["line"]:
        first, last, of = page_in(seen["line"][0])
        assert (last - first + 1, of) == (shown, total), \
            f"{shown} shown, the screen says {first}–{last} of {of}, and there are {total}"
    else:
        assert shown == total, f"{shown} of {total} shown and nothing says so"
    return seen["items"]


def check_question(room, page):
    assert set(shown_and_pages(page, "#stage .wall li", "#stage .more", len(ANSWERS))) \
        <= set(ANSWERS)


def check_proposals(room, page):
    shown_and_pages(page, "#stage .wall li", "#stage .more",
                    room.view()["activity"]["view"]["proposal_count"])


def check_dotvote(room, page):
    results = room.view()["activity"]["view"]["results"]
    seen = snapshot(page, options=".results-big .result-text", more="#stage .results-box > .more")
    shown, rest = len(seen["options"]), more_in(seen["more"], r"and (\d+) more options?")
    assert shown + rest == len(results) == 47, f"{shown} shown and {rest} more of {len(results)}"
    assert seen["options"] == [r["text"] for r in results[:shown]], \
        "the options shown are not those with most dots"


def check_hidden_vote(room, page):
    expect(page.locator(".stats .stat")).to_have_text(["40", "120", "40"])


def check_healthcheck(room, page):
    expect(page.locator(".health-rows .health-name").filter(visible=True)).to_have_count(6)
    expect(page.locator("#stage .health-box > .more")).to_be_hidden()


def check_glossary(room, page):
    groups = {" = ".join(g["terms"]): g for g in room.view()["activity"]["view"]["groups"]}
    seen = snapshot(page, line="#stage .glossary-box > .more", cards=(
        ".glossary-big .term-group", {"term": ".term", "status": ".term-status",
                                      "meanings": ".definitions li", "more": ".term-more"}))
    first, last, of = page_in(seen["line"][0]) if seen["line"] \
        else (1, len(seen["cards"]), len(seen["cards"]))
    assert (last - first + 1, of) == (len(seen["cards"]), 16)
    for card in seen["cards"]:
        term = card["term"][0].removesuffix(card["status"][0] if card["status"] else "")
        assert len(card["meanings"]) + more_in(card["more"]) == \
            len(groups[term]["definitions"]), term


def check_partnermap(room, page):
    partners = room.view()["activity"]["view"]["partners"]
    seen = snapshot(page, lists=(".partner-list", {"heading": "h2", "names": ".partner-names li",
                                                   "more": ".more"}))
    assert len(seen["lists"]) == 3, "a list for each ring"
    counted = 0
    for ring in seen["lists"]:
        heading = number_in(ring["heading"][0], r"· (\d+)$")[0]
        assert len(ring["names"]) + more_in(ring["more"]) == heading, ring["heading"]
        counted += heading
    assert counted == len(partners) == 60


def check_journey(room, page, focused=False):
    view = room.view()["activity"]["view"]
    names = {s["name"]: s["id"] for s in view["stages"]}
    seen = snapshot(page, heads=".journey-grid .stage-head", tally="#stage .tally", cells=(
        ".journey-grid .cell", {"count": ".cell-count", "notes": "li", "more": ".more"}))
    on_screen = [names[n] for n in seen["heads"]]
    if focused:
        assert on_screen == [view["focus"]]
    elif "stages" in seen["tally"][0]:
        first, last, of = number_in(seen["tally"][0], r"stages (\d+)–(\d+) of (\d+)")
        assert (last - first + 1, of) == (len(on_screen), len(view["stages"]))
    else:
        assert len(on_screen) == len(view["stages"]), "some stages are not shown"
    counted = 0
    for cell in seen["cells"]:
        notes = len(cell["notes"])
        count = number_in(cell["count"][0], r"^(\d+) notes?$")[0] if cell["count"] \
            else notes + more_in(cell["more"])  # the count gave way to a long top note
        if notes:
            assert notes + more_in(cell["more"]) == count, cell
        counted += count
    expected = [n for n in view["notes"] if not n["hidden"] and n["stage"] in on_screen]
    assert counted == len(expected), f"the cells count {counted} notes, there are {len(expected)}"


def check_picture(room, page):
    shown_and_pages(page, ".gallery figure", "#stage .gallery-box > .more", len(PICTURE_TITLES))


def check_spotlight(room, page):
    expect(page.locator(".spot-title")).to_have_text(room.spotlit["title"])
    expect(page.locator(".spot-meaning")).to_have_text(room.spotlit["meaning"])


def check_baseplate(room, page):
    bricks = len(room.view()["activity"]["view"]["board"])
    expect(page.locator("#stage .tally")).to_have_text(re.compile(rf"^{bricks} bricks from"))
    expect(page.locator(".shared-board rect.brick")).to_have_count(bricks)


def check_checklist(room, page):
    questions = {q["label"]: q for q in room.view()["activity"]["view"]["questions"]}
    seen = snapshot(page, line="#stage .check-box > .more", cards=(
        ".check-cards .check-card", {"label": ".check-label", "state": ".check-state",
                                     "answers": ".check-answers li", "more": ".term-more"}))
    first, last, of = page_in(seen["line"][0]) if seen["line"] \
        else (1, len(seen["cards"]), len(seen["cards"]))
    assert (last - first + 1, of) == (len(seen["cards"]), len(questions))
    for card in seen["cards"]:
        label = card["label"][0].removesuffix(card["state"][0])
        answers = [a for a in questions[label]["answers"] if not a.get("hidden")]
        assert len(card["answers"]) + more_in(card["more"]) == len(answers), label


def check_dpia(room, page):
    results = room.view()["activity"]["view"]["results"]
    expect(page.locator(".dpia-outcome .outcome-headline")).to_have_text(
        results["outcome"]["headline"])
    shown_and_pages(page, ".dpia-rows .dpia-row", "#stage .dpia-box > .more",
                    sum(1 for q in results["questions"] if q["reading"]))


def check_actionplan(room, page):
    view = room.view()["activity"]["view"]
    texts = shown_and_pages(page, ".plan-rows .plan-text", "#stage .plan-box > .more",
                            len(view["review"]) + len([i for i in view["items"]
                                                       if not i["hidden"]]))
    assert set(texts) <= {i["text"] for i in [*view["review"], *view["items"]]}


def check_questions(room, page):
    console = room.view()["activity"]["view"]["questions"]
    waiting = [q["text"] for q in console
               if q["status"] == "open" and not q["hidden"] and not q["held"]]
    seen = snapshot(page, answering=".answering .question-text",
                    questions=".question-list .question-text", more="#stage .questions-box > .more")
    assert seen["answering"] == [QUESTIONS[ANSWERING]]
    shown, rest = len(seen["questions"]), more_in(seen["more"], r"and (\d+) more questions?")
    assert shown + rest == len(waiting) == 36, f"{shown} shown and {rest} more of {len(waiting)}"
    assert seen["questions"] == waiting[:shown], "the questions shown are not the most upvoted"


def check_reviewed(room, page):
    """Only what the facilitator approved is on the screen, all of it counted; nothing that
    waits, least of all the personal data typed by mistake."""
    shown = shown_and_pages(page, "#stage .wall li", "#stage .more", APPROVED)
    assert set(shown) <= set(ANSWERS[:APPROVED])
    on_screen = page.locator("#stage").inner_text()
    for text in [*ANSWERS[APPROVED:APPROVED + 10], *PERSONAL_ANSWERS]:
        assert text not in on_screen, text


CLOUD = """() => ({
  words: [...document.querySelectorAll("#stage .cloud .cloud-word")].map((el) => ({
    word: el.textContent, size: parseFloat(getComputedStyle(el).fontSize),
    box: [el.offsetLeft, el.offsetTop, el.offsetWidth, el.offsetHeight]})),
  more: [...document.querySelectorAll("#stage .cloud-box > .more")].filter((el) => el.textContent)
    .map((el) => el.textContent),
  listed: [...document.querySelectorAll("#stage .cloud-box ul li")].map((el) => el.textContent),
})"""


def check_cloud(room, page):
    """Every word the room said more than once is on the screen or counted; the most said
    are the largest; the list behind it is there for screen readers; and the layout,
    worked out once, stays where it is when the screen is drawn again."""
    cloud = room.view()["activity"]["cloud"]
    said = [w["word"] for w in cloud["words"]]
    seen = page.evaluate(CLOUD)
    shown = [w["word"] for w in seen["words"]]
    rest = more_in(seen["more"], r"and (\d+) more words?")
    assert len(shown) + rest == len(said) + cloud["more"] and len(said) >= 20
    assert shown == [w for w in said if w in shown], "not in the order of how often said"
    sizes = [w["size"] for w in seen["words"]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert len(seen["listed"]) == len(said)
    assert all(item.startswith(f"{word}: ") for item, word in zip(seen["listed"], said))
    page.evaluate("window.dispatchEvent(new Event('resize'))")
    assert page.evaluate(CLOUD)["words"] == seen["words"], "the cloud moved when drawn again"


def as_cloud(room, name, group=None):
    room.show(name)
    room.control("display", **{"as": "cloud", "group": group})


def as_itself(room, name):
    room.show(name)
    room.control("display", **{"as": "standard"})


def to_spotlight(room):
    room.show("picture")
    pictures = room.view()["activity"]["view"]["pictures"]
    room.spotlit = next(p for p in pictures if len(p["title"]) == 80)  # the longest title
    room.facilitator.act(room.ids["picture"], "spotlight", id=room.spotlit["id"])


def focus(room, stage):
    as_itself(room, "journey")
    room.facilitator.act(room.ids["journey"], "focus", stage=stage)


STATES = {
    # state: (bring it about, ready when, participants' words, least px at 1080p, check)
    "question": (lambda r: as_itself(r, "question"), "#stage .wall li", ".wall li", 28,
                 check_question),
    "the answers as a word cloud": (lambda r: as_cloud(r, "question"), ".cloud .cloud-word",
                                    ".cloud-word", 28, check_cloud),
    "healthcheck": (lambda r: r.show("healthcheck"), ".health-rows", None, 28,
                    check_healthcheck),
    "glossary": (lambda r: r.show("glossary"), ".glossary-big .term-group",
                 ".term, .definitions li, .definitions strong", 28, check_glossary),
    "partnermap": (lambda r: r.show("partnermap"), ".partner-map .partner-names, svg.rings",
                   ".partner-names li, text.partner:not(.rings-key text)", 28, check_partnermap),
    "journey": (lambda r: focus(r, None), ".journey-grid[data-focus=no] .cell", ".cell li",
                24, check_journey),
    "the journey's barriers as a word cloud": (
        lambda r: as_cloud(r, "journey", "Barriers"), ".cloud .cloud-word", ".cloud-word", 28,
        check_cloud),
    "journey, one stage in focus": (
        lambda r: focus(r, 2), ".journey-grid[data-focus=yes] .cell", ".cell li", 28,
        lambda room, page: check_journey(room, page, focused=True)),
    "dot vote, hidden": (lambda r: (r.show("dotvote"), r.control("hide_results")), ".stats",
                         None, 28, check_hidden_vote),
    "dot vote, revealed": (lambda r: (r.show("dotvote"), r.control("reveal")),
                           ".results-big", ".result-text", 28, check_dotvote),
    "dot vote, proposals": (lambda r: r.show("proposals"), "#stage .wall li", ".wall li", 28,
                            check_proposals),
    "pictures": (lambda r: (r.show("picture"), r.facilitator.act(
        r.ids["picture"], "spotlight", id=None)), ".gallery figure", ".gallery figcaption", 28,
        check_picture),
    "a picture in the spotlight": (to_spotlight, ".spotlight", ".spot-title, .spot-meaning",
                                   28, check_spotlight),
    "shared baseplate": (lambda r: r.show("baseplate"), ".shared-board", None, 28,
                         check_baseplate),
    "sharing checklist": (lambda r: r.show("checklist"), ".check-cards .check-card",
                          ".check-answers li", 28, check_checklist),
    "DPIA screening, revealed": (lambda r: (r.show("dpia"), r.control("reveal")),
                                 ".dpia-rows .dpia-row", None, 28, check_dpia),
    "action plan": (lambda r: r.show("actionplan"), ".plan-rows .plan-row", ".plan-text", 28,
                    check_actionplan),
    "questions from the room": (lambda r: r.show("questions"), ".question-list li",
                                ".question-list .question-text, .answering .question-text", 28,
                                check_questions),
    "an open question reviewed before it is shown": (
        lambda r: r.show("reviewed"), "#stage .wall li", ".wall li", 28, check_reviewed),
}
ACTIVITY = {"question": "question", "the answers as a word cloud": "question",
            "the journey's barriers as a word cloud": "journey",
            "healthcheck": "healthcheck", "glossary": "glossary",
            "partnermap": "partnermap", "journey": "journey",
            "journey, one stage in focus": "journey", "dot vote, hidden": "dotvote",
            "dot vote, revealed": "dotvote", "dot vote, proposals": "proposals",
            "pictures": "picture", "a picture in the spotlight": "picture",
            "shared baseplate": "baseplate", "sharing checklist": "checklist",
            "DPIA screening, revealed": "dpia", "action plan": "actionplan",
            "questions from the room": "questions",
            "an open question reviewed before it is shown": "reviewed"}


def show(room, screens, state):
    """Brings the room to `state` (once for all sizes) and waits until every screen has it,
    with a timer running, so that the footer is at its fullest."""
    bring, ready, *_ = STATES[state]
    if room.state != state:
        bring(room)
        room.control("timer", seconds=3600)
        room.state = state
    for page in screens.values():
        expect(page.locator("#step")).to_have_text(step(ACTIVITY[state]))
        expect(page.locator(ready).first).to_be_visible()
        expect(page.locator("#timer")).to_be_visible()


@pytest.mark.parametrize("state,size", [(state, size) for state in STATES for size in SIZES])
def test_the_presenter_holds_a_busy_room(room, screens, state, size):
    show(room, screens, state)
    page = screens[size]
    assert_holds(page, state, f"{state} at {size}")
    STATES[state][-1](room, page)
    assert not page.errors, page.errors


def assert_holds(page, state, where):
    """The geometry of `state` on `page`: nothing overlaps, is cut off or is covered, and
    the participants' words keep their least size."""
    _bring, _ready, words, least, _check = STATES[state]
    report = measure(page, words)
    found = problems(report, contribution_px=least)
    assert not found, f"{where}:\n  " + "\n  ".join(found)
    if words:
        sizes = contribution_sizes(report)
        assert sizes, f"no participant's words found on the screen ({words})"
        assert min(sizes) >= least * scale(report) - 0.25


@pytest.mark.parametrize("state", list(STATES))
def test_the_busy_presenter_has_no_serious_accessibility_problems(room, screens, state):
    show(room, screens, state)
    found = axe_problems(screens["1920x1080"])
    assert not found, f"axe-core found on the presenter ({state}):\n{describe(found)}"


def wall_page(page):
    """The wall's page line and its answers, read at one moment."""
    return page.evaluate("""() => [
        document.querySelector("#stage .wall-box > .more").textContent,
        [...document.querySelectorAll("#stage .wall li")].map((li) => li.textContent)]""")


def test_the_wall_turns_its_pages_through_every_answer(room, screens):
    """Every answer comes round, not only the newest: the pages follow on, one after
    another, and come back to the start."""
    show(room, screens, "question")
    page = screens["1920x1080"]
    line = page.locator("#stage .wall-box > .more")
    seen = set()
    starts = []
    follows = None  # where the next page must start
    while True:
        said, texts = wall_page(page)
        start, end, total = page_in(said)
        if start in starts:
            break  # round again
        assert follows in (None, start), f"a page was skipped: {said} after {starts}"
        assert len(texts) == end - start + 1 and total == len(ANSWERS)
        starts.append(start)
        follows = end % total + 1
        seen.update(texts)
        expect(line).not_to_have_text(said, timeout=PAGE_TURN_MS)
    assert len(starts) > 1, "the answers were all on one page"
    assert seen == set(ANSWERS), f"{len(ANSWERS) - len(seen)} answers never came round"


def test_the_journey_turns_to_the_stages_it_did_not_show(room, screens):
    """At 1080p the busy room's journey needs its stages in pages: the next page follows
    on, and its cells account for every note of its stages too."""
    show(room, screens, "journey")
    page = screens["1920x1080"]
    tally = page.locator("#stage .tally")
    said = tally.inner_text()
    _first, last, of = number_in(said, r"stages (\d+)–(\d+) of (\d+)")
    expect(tally).not_to_have_text(said, timeout=PAGE_TURN_MS)
    assert number_in(tally.inner_text(), r"stages (\d+)–")[0] == last % of + 1
    check_journey(room, page)


CIRCLES = """() => [...document.querySelectorAll(".curve-cell circle")].map((circle) => {
  const box = circle.getBoundingClientRect();
  return [box.width, box.height];
})"""


@pytest.mark.parametrize("size", SIZES)
def test_the_feelings_curve_keeps_its_circles_round(room, screens, size):
    """Each column shows its stretch of the curve at its own width (the busy cell's column
    is the widest): the circles of the spread and of the average stay circles."""
    show(room, screens, "journey")
    circles = screens[size].evaluate(CIRCLES)
    assert circles, "no feelings curve on the screen"
    ovals = [f"{width:.1f} x {height:.1f} px" for width, height in circles
             if abs(width - height) > 1]
    assert not ovals, f"{len(ovals)} of {len(circles)} circles are ovals: {ovals[:5]}"


def test_the_join_slide_counts_who_joined_not_who_is_connected(room, screens):
    room.control("goto", position=-1)
    room.state = "join slide"
    for person in room.people[-5:]:
        person.close()
    room.people = room.people[:-5]
    for page in screens.values():
        expect(page.locator("#join-slide")).to_be_visible()
        # the screen has heard that five have gone …
        expect(page.locator("#connected-count")).to_have_text("35 people connected")
        # … and still says how many joined
        expect(page.locator(".join-count")).to_have_text("40 people have joined")
        found = problems(measure(page))
        assert not found, "\n".join(found)


def test_the_join_slide_says_in_words_when_the_door_is_closed(room, screens):
    room.control("goto", position=-1)
    room.state = "join slide"
    room.control("joining", open=False)
    try:
        for page in screens.values():
            expect(page.locator(".join-closed")).to_have_text(
                "This workshop is closed to new people. If you have joined, open it again on "
                "the same phone.")
            expect(page.locator(".join-qr")).to_be_hidden()
            found = problems(measure(page))
            assert not found, "\n".join(found)
        found = axe_problems(screens["1920x1080"])
        assert not found, f"axe-core found on the closed join slide:\n{describe(found)}"
    finally:
        room.control("joining", open=True)
