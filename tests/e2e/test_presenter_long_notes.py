"""The journey map on the presenter when the busy cell's notes are all long: forty notes of
80 to 280 characters in one cell, the one most agreed with 280 characters long. In a
column of the grid such a note is taller than the cell, yet the cell must still show its
top note whole and readable (24 px at 1080p), with "and 39 more", on every page of stages
and at 1920x1080, 1280x720 and 1024x768, and every other cell its top note too.
"""
import pytest
import requests
from playwright.sync_api import expect

from busy_room_content import BARRIERS, BUSY_CELL, FEELINGS, JOURNEY_NOTES
from e2e_steps import CONNECTED
from presenter_geometry import measure, more_in, number_in, problems, snapshot

pytestmark = pytest.mark.browser

SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "1024x768": (1024, 768)}
PEOPLE = 40
TOP = 5  # the note with most +1s
PAGE_SECONDS = 15  # the journey turns its pages of stages this often


def long_note(k):
    """Note k of the busy cell: barriers strung together, 80 to 280 characters, the top
    one 280."""
    length = 280 if k == TOP else 82 + (k * 53) % 199
    words = ""
    for n in range(k, k + len(BARRIERS)):
        words += BARRIERS[n % len(BARRIERS)] + ". "
        if len(words) >= length:
            break
    return words[:length - 1].rstrip(" .") + "."


LONG_NOTES = [long_note(k) for k in range(40)]


def archive():
    """A workshop with one journey map, revealed: the busy room's notes outside the busy
    cell, the forty long ones in it (the top one with 12 +1s, the next 3), and feelings."""
    actions = []

    def act(by, name, **payload):
        actions.append({"activity": 0, "seq": len(actions) + 1, "by": by, "name": name,
                        "payload": payload, "at": 1_760_000_000.0 + len(actions)})

    for k, (stage, lane, text) in enumerate(JOURNEY_NOTES):
        act(k % PEOPLE + 1, "add_note", stage=stage, lane=lane, text=text)
    for k, text in enumerate(LONG_NOTES):
        act(k % PEOPLE + 1, "add_note", stage=BUSY_CELL[0], lane=BUSY_CELL[1], text=text)
    first = len(JOURNEY_NOTES) + 1  # note ids follow the order the notes were added in
    for by in range(21, 33):  # not its author, person 20
        act(by, "plus_one", id=first + TOP)
    for by in range(21, 24):
        act(by, "plus_one", id=first)
    for person in range(1, PEOPLE + 1):
        for stage, value in enumerate(FEELINGS[person % 5]):
            act(person, "feel", stage=stage, value=value)
    return {"schema": "roundtable.workshop", "version": 1,
            "workshop": {"title": "Long notes", "organisations": ["Council", "Health"],
                         "current": 0},
            "agenda": [{"type": "journey", "config": {"prompt": "The journey"},
                        "is_open": True, "revealed": True}],
            "participants": [{"number": n, "organisation": ["Council", "Health"][n % 2]}
                             for n in range(1, PEOPLE + 1)],
            "actions": actions}


@pytest.fixture(scope="module")
def workshop(server):
    made = requests.post(f"{server.url}/api/workshops/import", json=archive(), timeout=120)
    assert made.status_code == 201, made.text
    return made.json()


def cells_by_stage(page):
    """The stages on the screen, and each cell's count, notes and "and N more", read at
    one moment."""
    seen = snapshot(page, tally="#stage .tally", heads=".journey-grid .stage-head", cells=(
        ".journey-grid .cell", {"count": ".cell-count", "notes": "li", "more": ".more"}))
    return seen["tally"][0], seen["heads"], seen["cells"]


@pytest.mark.parametrize("size", SIZES)
def test_a_cell_of_long_notes_shows_its_top_note(workshop, browser, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  reduced_motion="reduce")
    try:
        page = context.new_page()
        page.clock.install()  # the pages of stages turn when the test says
        page.goto(workshop["presenter_url"])
        page.wait_for_selector(CONNECTED)
        expect(page.locator(".journey-grid .cell li").first).to_be_visible()
        busy_seen = False
        for _turn in range(6):  # at most six pages of stages
            tally, heads, cells = cells_by_stage(page)
            found = problems(measure(page, ".cell li"), contribution_px=24)
            assert not found, f"{size}, {tally}:\n  " + "\n  ".join(found)
            for i, cell in enumerate(cells):
                lane, stage = divmod(i, len(heads))
                count = number_in(cell["count"][0], r"^(\d+) notes?$")[0] if cell["count"] \
                    else len(cell["notes"]) + more_in(cell["more"])
                if not count:
                    continue
                assert cell["notes"], f"{size}: {heads[stage]}, lane {lane}: {count} notes " \
                                      f"and none shown ({tally})"
                assert len(cell["notes"]) + more_in(cell["more"]) == count, cell
                if count == len(LONG_NOTES):
                    busy_seen = True
                    assert cell["notes"][0] == f"{LONG_NOTES[TOP]} +12", \
                        "the busy cell does not show the note most agreed with first"
            if "stages" not in tally:
                break  # all the stages on one page
            last, of = number_in(tally, r"stages? (?:\d+–)?(\d+) of (\d+)")
            if last == of:
                break
            page.clock.run_for(PAGE_SECONDS * 1000)
            expect(page.locator("#stage .tally")).not_to_have_text(tally)
        assert busy_seen, "the busy cell never came round"
    finally:
        context.close()
