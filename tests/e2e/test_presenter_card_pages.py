"""Paged walls of cards on the presenter (the glossary's terms, the checklist's questions,
a wall of answers or proposals):
each page holds as many cards as fit. On every page but the last, the next card (the
first of the next page) is taller than the room left at the foot of every column, so
no column could have taken it. A term or a question may be cut short to the meanings or
answers that fit (its heading and at least one, with "and N more"), in a column with a
third of the wall's height free: so on its walls, the room left is under a third of the
wall, or even the next card cut to its heading and one entry would not fit in it. Across
the pages every card is shown once, with
nothing overlapping, cut off or under the footer. In the busy room of forty (in English,
and in Welsh and English), and in a conference hall of 2,000, at 1920x1080, 1280x720 and
1024x768; the pages are turned by the test's clock, not waited for."""
import os

import pytest
from playwright.sync_api import expect

from busy_room import BusyRoom
from conference_room import AGENDA as HALL_AGENDA
from conference_room import conference
from e2e_steps import CONNECTED, WAIT_MS
from presenter_geometry import measure, page_in, problems
from test_phone_conference import goto, imported

pytestmark = pytest.mark.browser

SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "1024x768": (1024, 768)}
PAGE_SECONDS = 12  # core/fit.js pager's turn
WALLS = {  # activity: (its cards, the page line, participants' words, a card's entries)
    "glossary": (".glossary-big > .term-group", "#stage .glossary-box > .more",
                 ".term, .definitions li, .definitions strong", ".definitions > li"),
    "checklist": (".check-cards > .check-card", "#stage .check-box > .more",
                  ".check-answers li", ".check-answers > li"),
    # answers, proposals: one text each, never cut short
    "question": ("#stage .wall > li", "#stage .wall-box > .more", ".wall li", None),
    "dotvote": ("#stage .wall > li", "#stage .wall-box > .more", ".wall li", None),
}
SHORTEN = 1 / 3  # core/fit.js: the share of the wall's height worth a card cut short
CASES = [(room, activity) for room in ("busy", "bilingual", "conference")
         for activity in ("glossary", "checklist", "dotvote" if room == "conference"
                          else "question")]
SLACK = 1.5  # px: rounding of boxes

# The room left at the foot of each column of a wall, and the height of its first card,
# read from what the browser drew: the columns from the cards' places across the list,
# the foot from the box the wall is in, less the page line under the wall. The first card
# cut to its heading and first entry ("smallest", with its "and N more" line if it has
# one: without, a little less than it would need).
ROOM = """([cards, entries]) => {
  const found = [...document.querySelectorAll(cards)];
  const list = found[0].parentElement;
  const box = list.closest(".fit");
  const edge = list.getBoundingClientRect();
  const gap = parseFloat(getComputedStyle(list).columnGap) || 0;
  const width = found[0].getBoundingClientRect().width;
  const columns = Math.round((edge.width + gap) / (width + gap));
  const style = getComputedStyle(box);
  const line = box.querySelector(":scope > .more");
  const under = line && !line.hidden
    ? line.getBoundingClientRect().height + (parseFloat(style.rowGap) || 0) : 0;
  const foot = box.getBoundingClientRect().bottom - parseFloat(style.paddingBottom) - under;
  const ends = Array.from({ length: columns }, () => null);
  for (const card of found) {
    const box = card.getBoundingClientRect();
    const column = Math.round((box.left - edge.left) / (width + gap));
    ends[column] = Math.max(ends[column] ?? -Infinity, box.bottom);
  }
  const first = found[0].getBoundingClientRect();
  const entry = entries && found[0].querySelector(entries);
  let smallest = first.height;
  if (entry) {
    const card = getComputedStyle(found[0]);
    const rest = found[0].querySelector(".term-more");
    smallest = entry.getBoundingClientRect().bottom - first.top
      + parseFloat(card.paddingBottom) + parseFloat(card.borderBottomWidth)
      + (rest ? rest.getBoundingClientRect().bottom
        - entry.parentElement.getBoundingClientRect().bottom : 0);
  }
  return {
    rooms: ends.map((end) => (end === null ? foot - edge.top : foot - end - gap)),
    wall: foot - edge.top,
    first: first.height,
    smallest,
    cards: found.length,
  };
}"""


@pytest.fixture(scope="module")
def rooms(server):
    """room(name): the room, made when a test first needs it, as (what its making
    answered: the presenter link among it, a function that runs an activity on its
    screens)."""
    made, busy = {}, []

    def room(name):
        if name not in made:
            if name == "conference":
                hall = imported(server, conference())
                made[name] = (hall, lambda activity, hall=hall: goto(
                    server, hall, HALL_AGENDA.index(activity)))
            else:
                room = BusyRoom(server.url, languages=["cy", "en_GB"]
                                if name == "bilingual" else None)
                busy.append(room)
                room.join()
                room.fill_question()
                room.fill_glossary()
                room.fill_checklist()
                made[name] = (room.made, room.show)
        return made[name]

    yield room
    for room in busy:
        room.close()


def turn_page(page, line, said):
    """Runs the clock a page's time until the page line changes. The clock's jump can
    outrun the connection's ping timeout; the screen then connects again and draws the
    view again, which starts the page's time afresh, so it may take another turn."""
    for _attempt in range(4):
        page.clock.run_for(PAGE_SECONDS * 1000)
        try:
            expect(page.locator(line)).not_to_have_text(said, timeout=3000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the page “{said}” never turned")


@pytest.mark.parametrize("room,activity", CASES)
def test_each_page_of_cards_holds_as_many_as_fit(rooms, browser, room, activity):
    made, show = rooms(room)
    show(activity)
    cards, line, words, entries = WALLS[activity]
    shots = os.environ.get("ROUNDTABLE_SHOT_DIR")
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height},
                                      reduced_motion="reduce")
        context.set_default_timeout(WAIT_MS)
        try:
            page = context.new_page()
            page.errors = []
            page.on("pageerror", lambda error, page=page: page.errors.append(str(error)))
            page.clock.install()  # the pages turn when the test says
            page.goto(made["presenter_url"])
            page.wait_for_selector(CONNECTED)
            expect(page.locator(cards).first).to_be_visible()
            shown, before, turns = [], None, 0
            while True:
                said = page.locator(line).inner_text() if page.locator(line).is_visible() \
                    else None
                found = problems(measure(page, words))
                assert not found, f"{room} {activity} at {size}, {said}:\n  " + "\n  ".join(found)
                wall = page.evaluate(ROOM, [cards, entries])
                if said is None:  # all of them on one page
                    if shots:
                        page.screenshot(path=f"{shots}/{activity}-{room}-{size}.png")
                    shown.append((1, wall["cards"], wall["cards"]))
                    break
                first, last, total = page_in(said)
                assert last - first + 1 == wall["cards"], (said, wall)
                if before is not None:
                    # the card that opens this page would have fitted in no column of the
                    # last, not even cut short where a column had a third of the wall free
                    free = max(before["rooms"])
                    if entries:
                        assert free < SHORTEN * before["wall"] + SLACK \
                            or wall["smallest"] > free - SLACK, \
                            f"{room} {activity} at {size}: a card {wall['first']:.0f} px " \
                            f"tall ({wall['smallest']:.0f} px cut to one entry) went to the " \
                            f"next page, though a column of the page before had {free:.0f} " \
                            f"px free of {before['wall']:.0f} ({shown[-1]} -> {said})"
                    else:
                        assert wall["first"] > free - SLACK, \
                            f"{room} {activity} at {size}: a card {wall['first']:.0f} px tall " \
                            f"went to the next page, though a column of the page before had " \
                            f"{free:.0f} px free ({shown[-1]} -> {said})"
                if shots and turns < 2:
                    page.screenshot(path=f"{shots}/{activity}-{room}-{size}-page{turns + 1}.png")
                shown.append((first, last, total))
                if last == total or turns == 8:
                    break
                before, turns = wall, turns + 1
                turn_page(page, line, said)
            # every card once, in order: none lost between pages
            assert [f for f, _l, _t in shown] == [1] + [last + 1 for _f, last, _t in shown[:-1]]
            assert not page.errors, page.errors
        finally:
            context.close()
