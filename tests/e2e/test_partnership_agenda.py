"""The ready-made partnership agenda in real browsers, from the home page to the picture.

The facilitator starts a workshop from the home page with the "Information-sharing
partnership workshop" agenda; three phones join and go through it as the facilitator
presses Next: they rate the health check, add terms to the glossary, name partners, add
journey notes (some in the Barriers lane); on the dot vote the facilitator takes the
Barriers notes as options with the console's picker and starts the vote, the phones vote,
the reveal shows the barriers ranked; then the picture step reaches the phones. axe-core
checks the phone and projector screens of the health check, glossary and partner map."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, MINE_IN, axe_problems, describe, dots_left, join,
                       no_script_errors, open_presenter)

pytestmark = pytest.mark.browser

AGENDA = "Information-sharing partnership workshop"
TITLE = "Sharing information about families"
ORGANISATIONS = ["City Council", "Police", "Health"]
# axe is injected into the page, so these contexts bypass its Content-Security-Policy; with
# reduced motion nothing is judged mid-transition.
SCANNABLE = {"bypass_csp": True, "reduced_motion": "reduce"}

STEPS = [  # (type as the console names it, the step's prompt)
    ("Partnership health check", "How healthy is our partnership?"),
    ("Shared language", "Which words do you use for sharing information, and what do you "
                        "mean by them?"),
    ("Partner map", "Who holds information, skills or knowledge this partnership needs?"),
    ("Journey map", "The information-sharing journey"),
    ("Dot voting", "Which barrier should we tackle first?"),
    ("Build the picture", "Build what this partnership will have built in a year"),
]
ELEMENTS = ["Communication", "Shared language", "Partners", "Decision making", "Creativity",
            "Environment"]
RATINGS = [  # each phone's score for each element, and how the partnership came about
    ([1, 2, 4, 3, 2, 1], "reactive"),
    ([5, 2, 4, 3, 4, 2], "reactive"),
    ([5, 3, 4, 2, 4, 1], "both"),
]
SENTENCE = "We say agreement, they say contract"
TERMS = [  # (phone, term, meaning)
    (0, "Information sharing agreement", "What we share and why"),
    (1, "Information sharing contract", "The signed paper about sharing"),
    (2, "Consent", "The person said yes"),
    (0, "consent", "The lawful basis we rely on"),
]
PARTNERS = [  # (phone, name, place)
    (0, "GP practices", "missing"),
    (1, "GP practices", "missing"),
    (2, "Schools", "room"),
    (2, "Housing", "involved"),
]
NOTES = [  # (phone, stage, lane, text)
    (0, "Decision to share", "Barriers", "Nobody is sure what consent covers"),
    (1, "Information shared", "Barriers", "Secure email does not reach schools"),
    (2, "Need identified", "What happens", "Teacher notices the child is often hungry"),
    (2, "Information used", "Barriers", "Families never hear what happened next"),
]
BARRIERS = [text for _p, _s, lane, text in NOTES if lane == "Barriers"]
DOTS = {  # each phone's taps on the barriers (three dots each)
    0: [BARRIERS[0], BARRIERS[0], BARRIERS[1]],
    1: [BARRIERS[0], BARRIERS[2], BARRIERS[2]],  # the first two in one quick double tap
    2: [BARRIERS[1], BARRIERS[0], BARRIERS[1]],
}


# ---------------------------------------------------------------------- the console
def start_from_the_home_page(console, base):
    """The facilitator fills in the home page's "Start a workshop" form with the ready-made
    agenda and lands in the console. Answers the presenter and join links."""
    console.goto(base + "/")
    console.get_by_label("Title").fill(TITLE)
    console.get_by_label("Partner organisations").fill("\n".join(ORGANISATIONS))
    console.get_by_role("group", name="Agenda").get_by_label(AGENDA).check()
    console.get_by_role("button", name="Start a workshop").click()
    expect(console).to_have_url(re.compile(r"/f/[A-Z0-9]{6}$"))
    console.wait_for_selector(CONNECTED)
    return {"presenter_url": console.get_by_role("link", name="Open the presenter screen")
                                    .get_attribute("href"),
            "join_url": console.locator(".setup a", has_text="/j/").get_attribute("href")}


def press(where, name):
    """A click on the button of that name, on a page or in a part of it."""
    where.get_by_role("button", name=name, exact=True).click()


def next_step(console, number):
    """The facilitator presses Next; the console says which step is running."""
    press(console, "Next")
    expect(console.locator("#step")).to_have_text(
        f"Step {number} of {len(STEPS)}: {STEPS[number - 1][1]}")


def everyone_sees(screens, number):
    for screen in screens:
        expect(screen.locator("#stage .prompt, #screen .prompt")).to_have_text(
            STEPS[number - 1][1])


# ---------------------------------------------------------------------- the phones
# Phones tap (touch), as people do; the screens redraw often while others take part.
def rate(phone, scores, origin):
    """A phone taps a score for each element and how the partnership came about."""
    for index, score in enumerate(scores):
        phone.locator(f"label[for=score-{index}-{score}]").tap()
    phone.locator(f"label[for=origin-{origin}]").tap()
    expect(phone.locator(".activity-state")).to_have_text(
        f"{len(scores)} of {len(ELEMENTS)} rated. Change them until it closes.")
    for index, score in enumerate(scores):
        expect(phone.locator(f"#score-{index}-{score}")).to_be_checked()
    expect(phone.locator(f"#origin-{origin}")).to_be_checked()


def define(phone, term, meaning):
    phone.locator("#term").fill(term)
    phone.locator("#meaning").fill(meaning)
    phone.get_by_role("button", name="Add to the glossary").tap()
    expect(phone.locator(MINE_IN, has_text=meaning)).to_have_count(1)
    expect(phone.locator("#term")).to_have_value("")


def name_partner(phone, name, place, places):
    phone.locator("#partner-name").fill(name)
    phone.locator(f"label[for=place-{place}]").tap()
    phone.get_by_role("button", name="Add to the map").tap()
    mine = phone.locator(MINE_IN, has_text=name)
    expect(mine).to_have_count(1)
    expect(mine.locator(".where")).to_have_text(places[place])
    expect(phone.locator("#partner-name")).to_have_value("")


def add_note(phone, stage, lane, text):
    phone.get_by_label("Stage", exact=True).select_option(label=stage)
    phone.get_by_label("Lane", exact=True).select_option(label=lane)
    phone.get_by_label("Your note for this cell").fill(text)
    phone.get_by_role("button", name="Add the note").tap()
    mine = phone.locator(MINE_IN, has_text=text)
    expect(mine).to_have_count(1)
    expect(mine.locator(".where")).to_have_text(f"{stage} / {lane}")


def tap_dot(phone, option, left):
    phone.get_by_role("button", name=re.compile(rf"^{re.escape(option)}\b")).tap()
    expect(phone.locator(".dots-left")).to_have_text(dots_left(left))


def double_tap(phone, first, second, left):
    """Two options tapped in the same moment: the second tap is made while the first is
    still on its way to the server."""
    phone.evaluate("""([first, second]) => {
        const button = (text) => [...document.querySelectorAll(".option-add")]
            .find((b) => b.querySelector(".option-text").textContent === text);
        const later = button(second);
        button(first).click();
        later.click();
    }""", [first, second])
    expect(phone.locator(".dots-left")).to_have_text(dots_left(left))


# ---------------------------------------------------------------------- expectations
def spread_text(index):
    """What the projector says of one element's spread to a screen reader."""
    scores = [scores[index] for scores, _origin in RATINGS]
    counts = ", ".join(f"{scores.count(s)} chose {s}" for s in range(1, 6))
    return f"{ELEMENTS[index]}: {counts}."


def mean_text(index):
    scores = [scores[index] for scores, _origin in RATINGS]
    return f"{round(sum(scores) / len(scores), 2):.1f}"


def ranked_barriers():
    totals = {text: sum(taps.count(text) for taps in DOTS.values()) for text in BARRIERS}
    return sorted(totals.items(), key=lambda item: -item[1])


def test_a_partnership_workshop_from_the_home_page_to_the_picture(server, people):
    console = people.facilitator(**SCANNABLE)
    links = start_from_the_home_page(console, server.url)
    agenda = console.locator("#agenda .agenda-item")
    expect(agenda.locator(".agenda-type")).to_have_text([t for t, _p in STEPS])
    expect(agenda.locator(".agenda-label")).to_have_text([p for _t, p in STEPS])

    screen = people.presenter(**SCANNABLE)
    open_presenter(screen, links["presenter_url"])
    phones = [people.phone(**SCANNABLE) for _ in ORGANISATIONS]
    for phone, organisation in zip(phones, ORGANISATIONS):
        join(phone, links["join_url"], organisation=organisation)
    expect(screen.locator("#join-slide [data-joined]")).to_have_text(str(len(phones)))
    problems = {}

    # ----- 1. the health check: everyone rates; the projector shows nothing until the reveal
    press(console, "Start")
    expect(console.locator("#step")).to_have_text(f"Step 1 of 6: {STEPS[0][1]}")
    everyone_sees([screen, *phones], 1)
    for phone in phones:
        expect(phone.locator("fieldset.health-element legend")).to_have_text(
            [*ELEMENTS, "How did this partnership come about?"])
    phones[0].locator("label[for=score-0-4]").tap()  # a first thought, changed below
    expect(phones[0].locator(".activity-state")).to_have_text(
        "1 of 6 rated. Change them until it closes.")
    for phone, (scores, origin) in zip(phones, RATINGS):
        rate(phone, scores, origin)
    phones[1].locator("#sentence-1").fill(SENTENCE)
    phones[1].locator("#sentence-1").press("Tab")  # leaving the box sends the sentence
    expect(console.locator(".moderation li .answer-text")).to_have_text([SENTENCE])

    expect(screen.locator("#stage .tally")).to_have_text(
        "3 people have answered · results are hidden until the facilitator reveals them")
    expect(screen.locator(".health-row")).to_have_count(0)
    press(console, "Reveal results")
    expect(screen.locator("#stage .tally")).to_have_text("3 people have answered")
    rows = screen.locator(".health-box .health-row")
    expect(rows.locator(".health-name")).to_have_text(ELEMENTS)
    expect(rows.locator(".visually-hidden")).to_have_text(
        [spread_text(i) for i in range(len(ELEMENTS))])
    expect(rows.locator(".health-mean")).to_have_text(
        [mean_text(i) for i in range(len(ELEMENTS))])
    expect(screen.locator(".health-box .origins")).to_have_text(
        "Set up in reaction to a gap, issue or breakdown: 2 · "
        "Set up to build something better: 0 · Some of both: 1")
    # The sentence stays with the facilitator; the projector shows none.
    expect(screen.locator("#stage")).not_to_contain_text(SENTENCE)
    # One person from each organisation: none is named anywhere on the projector.
    for organisation in ORGANISATIONS:
        expect(screen.locator("#stage")).not_to_contain_text(organisation)
    problems["phone health check"] = axe_problems(phones[0])
    problems["projector health check"] = axe_problems(screen)
    problems["console health check"] = axe_problems(console)

    # ----- 2. shared language: terms from the phones, two linked by the facilitator
    next_step(console, 2)
    everyone_sees([screen, *phones], 2)
    for number, term, meaning in TERMS:
        define(phones[number], term, meaning)
    terms = screen.locator(".glossary-big .term-group > .term")
    expect(terms).to_have_text(["Consent", "Information sharing agreement",
                                "Information sharing contract"])
    expect(screen.locator("#stage .tally")).to_have_text("4 definitions of 3 terms")
    console.get_by_label("Link “Information sharing contract” with").select_option(
        label="Information sharing agreement")
    console.get_by_role("button", name=re.compile(
        r"^Means the same as\W+Information sharing contract$")).click()
    expect(terms).to_have_text(["Consent",
                                "Information sharing agreement = Information sharing contract"])
    expect(screen.locator("#stage .tally")).to_have_text("4 definitions of 2 terms")
    linked = screen.locator(".glossary-big .term-group").nth(1).locator(".definitions > li")
    expect(linked).to_have_count(2)
    expect(linked.nth(0)).to_contain_text("What we share and why")
    expect(linked.nth(1)).to_contain_text("The signed paper about sharing")
    # A phone recognises someone else's definition.
    phones[2].get_by_role("button", name=re.compile(
        r"^\+1\W+Information sharing agreement, What we share and why$")).tap()
    expect(phones[2].get_by_role("button", name=re.compile(
        r"^\+1 given\W+Information sharing agreement"))).to_be_disabled()
    expect(linked.nth(0).locator(".who")).to_have_text("Other · +1")
    problems["phone glossary"] = axe_problems(phones[2])
    problems["projector glossary"] = axe_problems(screen)
    problems["console glossary"] = axe_problems(console)

    # ----- 3. the partner map: who is in the room, involved elsewhere, or missing
    next_step(console, 3)
    everyone_sees([screen, *phones], 3)
    places = {"room": "In the room", "involved": "Involved elsewhere", "missing": "Missing"}
    for number, name, place in PARTNERS:
        name_partner(phones[number], name, place, places)
    expect(screen.locator("#stage .tally")).to_have_text("4 mentions of 3 partners")
    expect(screen.locator("svg.rings")).to_have_attribute(
        "aria-label", "In the room: Schools. Involved elsewhere: Housing. Missing: GP practices")
    expect(screen.locator("svg.rings text.partner-missing")).to_have_text(["GP practices (2)"])
    problems["phone partner map"] = axe_problems(phones[0])
    problems["projector partner map"] = axe_problems(screen)
    problems["console partner map"] = axe_problems(console)

    # ----- 4. the journey: notes in their cells, some of them barriers
    next_step(console, 4)
    everyone_sees([screen, *phones], 4)
    for number, stage, lane, text in NOTES:
        add_note(phones[number], stage, lane, text)
    expect(screen.locator(".journey-grid .cell li")).to_have_count(len(NOTES))

    # ----- 5. the dot vote: the barriers become the options
    next_step(console, 5)
    everyone_sees([screen, *phones], 5)
    for phone in phones:
        expect(phone.get_by_label("Your proposal")).to_be_visible()
    expect(screen.locator("#stage .tally")).to_have_text("0 proposals so far · voting starts soon")
    running = console.locator("#current")
    source = running.get_by_label("Add options from an earlier activity")
    source.select_option(label=f"1. {STEPS[0][1]}")  # the health check has nothing to take
    press(running, "Show its items")
    expect(running.get_by_role("alert")).to_have_text(
        "Partnership health check has nothing to take options from.")
    source.select_option(label=f"4. {STEPS[3][1]}")
    expect(running.get_by_role("alert")).to_be_hidden()
    press(running, "Show its items")
    picked = running.locator(".picker-items")
    expect(picked.locator(".picker-group-name")).to_have_text(
        [re.compile(r"^What happens"), re.compile(r"^Barriers")])
    expect(picked.locator("input:checked")).to_have_count(0)
    for text in BARRIERS:
        picked.get_by_label(text).check()
    expect(picked.locator("input:checked")).to_have_count(len(BARRIERS))
    press(running, "Take the ticked ones")
    expect(running.locator("p", has_text="Options so far")).to_have_text(
        "Options so far: " + " · ".join(BARRIERS))
    press(running, "Start the vote")
    for phone in phones:
        expect(phone.locator(".option-text")).to_have_text(BARRIERS)
        expect(phone.locator(".dots-left")).to_have_text("3 of 3 dots left")
    for number, taps in DOTS.items():
        if number == 1:
            double_tap(phones[number], taps[0], taps[1], 1)
            tap_dot(phones[number], taps[2], 0)
            continue
        for n, option in enumerate(taps):
            tap_dot(phones[number], option, 2 - n)
    stats = screen.locator("#stage .stats li .stat")
    expect(stats).to_have_text(["3", "9", "3"])  # voted, dots placed, used all their dots
    expect(screen.locator(".results-big")).to_have_count(0)
    press(console, "Reveal results")
    results = screen.locator(".results-big li.result")
    ranked = ranked_barriers()
    expect(results.locator(".result-text")).to_have_text([text for text, _dots in ranked])
    expect(results.locator(".result-dots")).to_have_text([f"{dots} dots" for _t, dots in ranked])
    expect(results.locator(".rank")).to_have_text(["1", "2", "3"])
    expect(screen.locator("#stage .tally")).to_have_text("3 people voted · 9 dots")

    # ----- 6. the picture: the last step reaches the phones
    next_step(console, 6)
    everyone_sees([screen, *phones], 6)
    for phone in phones:
        expect(phone.get_by_role("button", name="Send my picture")).to_be_visible()
    expect(console.get_by_role("button", name="Next", exact=True)).to_be_disabled()

    found = {name: describe(p) for name, p in problems.items() if p}
    assert not found, "axe-core found:\n" + "\n".join(f"on the {name}:\n{text}"
                                                       for name, text in found.items())
    no_script_errors(console, screen, *phones)
