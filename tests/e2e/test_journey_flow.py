"""A journey map in real browsers: the facilitator adds one, three phones each pick a stage
and a lane and add a note, the projector's grid shows every note in its cell, a phone rates
how the person feels at a stage; then axe-core on the phone's and the projector's journey
screens."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (CONNECTED, MINE_IN, axe_problems, create_workshop, describe, join,
                       no_script_errors, open_presenter)

pytestmark = pytest.mark.browser

PROMPT = "A referral from school to early help"
STAGES = ["Need identified", "Information gathered", "Decision to share",
          "Information shared", "Information used", "Outcome"]
LANES = ["What happens", "What information, from whom to whom",
         "On what basis (consent, law, agreement)", "Barriers", "Enablers and ideas"]
NOTES = [  # (stage, lane, text), one per phone
    ("Need identified", "What happens", "Teacher notices the child is often hungry"),
    ("Decision to share", "Barriers", "Nobody is sure what consent covers"),
    ("Outcome", "Enablers and ideas", "Tell the family what happened next"),
]
ACCESSIBLE = {"bypass_csp": True, "reduced_motion": "reduce"}  # axe is injected


def add_journey(console, prompt):
    """The console's "Add an activity" form, with the journey map's template as it is."""
    form = console.locator("#activity-form")
    form.get_by_label("Type").select_option(label="Journey map")
    form.get_by_label("Title", exact=True).fill(prompt)
    expect(form.get_by_label("Stages, in order, one per line")).to_have_value("\n".join(STAGES))
    form.get_by_role("button", name="Add to the agenda").click()
    expect(console.locator("#agenda .agenda-label", has_text=prompt)).to_have_count(1)


def choose_cell(phone, stage, lane):
    phone.get_by_label("Stage", exact=True).select_option(label=stage)
    phone.get_by_label("Lane", exact=True).select_option(label=lane)


def add_note(phone, stage, lane, text):
    """A phone picks a stage and a lane, writes a note and adds it."""
    choose_cell(phone, stage, lane)
    phone.get_by_label("Your note for this cell").fill(text)
    phone.get_by_role("button", name="Add the note").click()
    mine = phone.locator(MINE_IN, has_text=text)
    expect(mine).to_have_count(1)
    expect(mine.locator(".where")).to_have_text(f"{stage} / {lane}")
    expect(phone.get_by_label("Your note for this cell")).to_have_value("")


def grid_cell(screen, stage, lane):
    """The projector's cell of a stage and a lane: the column by the stage headings'
    order, the row by the lane headings' order."""
    grid = screen.locator(".journey-grid")
    stages = grid.locator(".stage-head").all_inner_texts()
    lanes = grid.locator(".lane-head").all_inner_texts()
    column, row = stages.index(stage), lanes.index(lane)
    return grid.locator(".cell").nth(row * len(stages) + column)


def stage_id(phone, stage):
    """The id the phone's stage list gives a stage (its feeling buttons are named by it)."""
    option = phone.locator("#journey-stage option").filter(
        has_text=re.compile(rf"^{re.escape(stage)}$"))
    return option.get_attribute("value")


def rate(phone, stage, value):
    """A tap on a feeling's label for a stage; answers the radio button it stands for."""
    sid = stage_id(phone, stage)
    phone.locator(f"label[for=feel-{sid}-{value}]").click()
    radio = phone.locator(f"#feel-{sid}-{value}")
    expect(radio).to_be_checked()
    return radio


def start(people, server, title, phone_options=None, screen_options=None):
    """A facilitator's workshop with a journey map started, its projector, and three phones
    joined."""
    console = people.facilitator()
    made = create_workshop(console, server.url, title, ["City Council", "Police", "Health"])
    add_journey(console, PROMPT)
    screen = people.presenter(**(screen_options or {}))
    open_presenter(screen, made["presenter_url"])
    phones = [people.phone(**(phone_options or {})) for _ in NOTES]
    for phone, organisation in zip(phones, ["Police", "City Council", None]):
        join(phone, made["join_url"], organisation=organisation)
    console.get_by_role("button", name="Start", exact=True).click()
    expect(console.locator("#step")).to_have_text(f"Step 1 of 1: {PROMPT}")
    expect(screen.locator(".journey-grid .stage-head")).to_have_text(STAGES)
    expect(screen.locator(".journey-grid .lane-head")).to_have_text(LANES)
    for phone in phones:
        expect(phone.locator("#screen h1.prompt")).to_have_text(PROMPT)
    return console, screen, phones


def test_phones_add_notes_to_cells_and_the_projector_shows_each_in_its_cell(server,
                                                                             people):
    console, screen, phones = start(people, server, "Sharing information about families")

    for phone, (stage, lane, text) in zip(phones, NOTES):
        add_note(phone, stage, lane, text)

    expect(screen.locator(".journey-grid .cell li")).to_have_count(len(NOTES))
    expect(screen.locator("#stage .tally")).to_have_text(f"{len(NOTES)} notes")
    for stage, lane, text in NOTES:
        expect(grid_cell(screen, stage, lane).locator("li")).to_have_text([text])
        expect(screen.locator(".journey-grid .cell li", has_text=text)).to_have_count(1)
    # The console lists each note under its stage with who wrote it.
    police_note = console.locator(".moderation li", has_text=NOTES[0][2])
    expect(police_note.locator(".who")).to_have_text(re.compile(r"^participant \d+ · Police$"))

    # A phone that looks at another's cell sees that note there and can +1 it.
    stage, lane, text = NOTES[1]
    reader = phones[2]
    choose_cell(reader, stage, lane)
    expect(reader.locator(".cell-heading")).to_have_text(
        f"Already in {stage} / {lane}: 1 note")
    reader.locator(".cell-notes li", has_text=text).get_by_role("button", name="+1").click()
    expect(reader.locator(".cell-notes li", has_text=text).get_by_role(
        "button", name=re.compile(r"^\+1 given"))).to_be_disabled()
    expect(grid_cell(screen, stage, lane).locator("li")).to_have_text([f"{text} +1"])

    # One phone says how the person feels at a stage; the projector's curve shows it.
    rate(phones[0], "Decision to share", -2)
    # One chart, in the first column; the other columns hold parts of it.
    curve = screen.locator(".journey-grid .curve-cell svg[role=img]")
    expect(curve).to_have_attribute("aria-label", re.compile(
        r"Decision to share: average -2;.*Outcome: no answers"))
    # The console draws the same curve, with each stage's name and count under it.
    console_curve = console.locator(".feelings-chart")
    expect(console_curve).to_have_attribute("aria-label", re.compile(
        r"Decision to share: average -2;.*Outcome: no answers"))
    expect(console_curve.locator("text", has_text="Decision to share")).to_have_count(1)
    expect(console_curve.locator("text", has_text="answer")).to_have_text(
        ["0 answers", "0 answers", "1 answer", "0 answers", "0 answers", "0 answers"])
    # It changes its mind, and the choice is still there after a reload.
    rate(phones[0], "Decision to share", 1)
    expect(curve).to_have_attribute("aria-label", re.compile(r"Decision to share: average 1;"))
    phones[0].reload()
    phones[0].wait_for_selector(CONNECTED)
    sid = stage_id(phones[0], "Decision to share")
    expect(phones[0].locator(f"#feel-{sid}-1")).to_be_checked()
    expect(phones[0].locator(f"input[name=feel-{sid}]:checked")).to_have_count(1)

    no_script_errors(console, screen, *phones)


def test_a_phone_keeps_its_change_while_other_notes_arrive(server, people):
    console, screen, phones = start(people, server, "Sharing information about families")
    writer, other = phones[0], phones[1]
    stage, lane, text = NOTES[1]
    add_note(writer, stage, lane, text)

    writer.locator(".my-answers li", has_text=text).get_by_role("button", name="Change").click()
    field = writer.get_by_label(f"Change your note in {stage} / {lane}")
    expect(field).to_be_focused()
    field.press("End")
    writer.keyboard.type(" or")

    add_note(other, stage, lane, "Forms differ between partners")
    # The other note reaches this phone (same cell), which redraws its lists...
    expect(writer.locator(".cell-notes li")).to_have_count(2)
    # ...and the person changing their note goes on typing where they were.
    expect(field).to_be_focused()
    writer.keyboard.type(" who may see it")
    writer.get_by_role("button", name="Save").click()
    changed = f"{text} or who may see it"
    expect(writer.locator(".my-answers li .answer-text")).to_have_text([changed])
    expect(grid_cell(screen, stage, lane).locator("li")).to_have_text(
        [changed, "Forms differ between partners"])

    no_script_errors(console, screen, *phones)


def finished_animations(page):
    """Wait until the arrival glow of new notes has played out, so that axe judges the
    colours people read."""
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState === 'finished')")


def test_the_journey_screens_have_no_serious_accessibility_problems(server, people):
    console, screen, phones = start(people, server, "Accessible journeys",
                                    phone_options=ACCESSIBLE, screen_options=ACCESSIBLE)
    for phone, (stage, lane, text) in zip(phones, NOTES):
        add_note(phone, stage, lane, text)
    phone = phones[0]
    add_note(phone, NOTES[1][0], NOTES[1][1], "Consent forms are kept on paper")
    rate(phone, "Need identified", 1)
    rate(phones[1], "Need identified", -1)
    expect(phone.locator(".cell-notes li")).to_have_count(2)  # its cell, with another's note
    expect(screen.locator(".journey-grid .cell li")).to_have_count(len(NOTES) + 1)
    expect(screen.locator(".journey-grid .curve-cell svg[role=img]")).to_have_attribute(
        "aria-label", re.compile(r"Need identified: average 0;"))

    problems = {}
    for name, page in (("phone journey screen", phone), ("presenter journey grid", screen)):
        finished_animations(page)
        problems[name] = axe_problems(page)
    found = {name: describe(p) for name, p in problems.items() if p}
    assert not found, "axe-core found:\n" + "\n".join(f"on the {name}:\n{text}"
                                                       for name, text in found.items())
    no_script_errors(console, screen, *phones)
