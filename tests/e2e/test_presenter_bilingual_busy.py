"""The presenter of a bilingual busy room: the same forty people and every state of
test_presenter_busy.py, in a workshop held in Welsh and English, where every word the
screen itself says is given twice (Welsh first) and Welsh runs about a fifth longer.
Checked by the same geometry: nothing overlaps, nothing is cut off or runs off the
screen, nothing is under the footer, and the participants' words keep their size."""
import pytest
from playwright.sync_api import expect

import test_presenter_busy
from busy_room import BusyRoom
from e2e_steps import BUSY_ROOM_TYPED, catalogue_of, english_left
from test_presenter_busy import ACTIVITY, AGENDA, SIZES, STATES, assert_holds

pytestmark = pytest.mark.browser
screens = test_presenter_busy.screens  # the same three projectors, on this module's room


@pytest.fixture(scope="module")
def room(server):
    busy = BusyRoom(server.url, languages=["cy", "en_GB"])
    busy.join()
    busy.fill()
    busy.state = None
    yield busy
    busy.close()


def show(room, screens, state):
    """Brings the room to `state` with a timer running, and waits until every screen has
    it (the step line says which activity, in both languages)."""
    bring, ready, *_ = STATES[state]
    if room.state != state:
        bring(room)
        room.control("timer", seconds=3600)
        room.state = state
    position = AGENDA.index(ACTIVITY[state]) + 1
    for page in screens.values():
        step = page.locator("#step")
        expect(step.locator('span[lang="cy"]')).to_contain_text(f"{position} o {len(AGENDA)}")
        expect(step.locator('span[lang="en-GB"]')).to_contain_text(
            f"{position} of {len(AGENDA)}")
        expect(page.locator(ready).first).to_be_visible()
        expect(page.locator("#timer")).to_be_visible()


@pytest.mark.parametrize("state,size", [(state, size) for state in STATES for size in SIZES])
def test_the_bilingual_presenter_holds_a_busy_room(room, screens, state, size):
    show(room, screens, state)
    page = screens[size]
    assert_holds(page, state, f"{state} at {size}, in Welsh and English")
    activity = page.locator("#stage .activity")
    expect(activity.locator('[lang="cy"]').first).to_be_attached()
    expect(activity.locator('[lang="en-GB"]').first).to_be_attached()
    # The English half is marked lang="en-GB"; English anywhere else is said in one
    # language only. Left out: what the busy room typed (prompts, answers, the cloud's
    # words), in English only.
    left = english_left(page, catalogue_of(page, room.base), "body", ".prompt, .cloud",
                        BUSY_ROOM_TYPED)
    assert left == [], f"{state}: {left}"
    assert not page.errors, page.errors
