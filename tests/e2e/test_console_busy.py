"""The console in a busy room (tests/busy_room.py: forty people from five organisations,
two with 60-character names, in every activity) on a laptop: at 1366x768 and 1024x768
the partner map stays inside its box, with no two names on top of each other, and every
partner is on it; at 1366x768 nothing of any activity runs out of its panel."""
import re

import pytest
from playwright.sync_api import expect

from busy_room import AGENDA, BusyRoom
from busy_room_content import PARTNERS
from e2e_steps import CONNECTED, axe_problems, describe
from presenter_geometry import overlaps

pytestmark = pytest.mark.browser

SIZES = {"1366x768": (1366, 768), "1024x768": (1024, 768)}

# Every piece of text in the partner map, as presenter_geometry.overlaps() reads it, and
# the map's box.
MAP_TEXTS = """() => {
  const map = document.querySelector(".console-rings");
  const plain = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  const texts = [];
  const walker = document.createTreeWalker(map, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || !node.parentElement.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const el = node.parentElement;
    const lines = el instanceof SVGElement ? [plain(el.getBoundingClientRect())]
      : [...range.getClientRects()].filter((r) => r.width > 0.5).map(plain);
    texts.push({ id: texts.length, what: el.tagName.toLowerCase(),
                 text: node.data.trim().slice(0, 80), lines });
  }
  return { box: plain(map.getBoundingClientRect()), texts };
}"""


@pytest.fixture(scope="module")
def room(server):
    busy = BusyRoom(server.url)
    busy.join()
    busy.fill()
    yield busy
    busy.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_consoles_partner_map_holds_sixty_partners(room, browser, size):
    room.show("partnermap")
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(room.made["facilitator_url"])
        page.wait_for_selector(CONNECTED)
        expect(page.locator(".console-rings svg").first).to_be_visible()
        found = page.evaluate(MAP_TEXTS)
        box = found["box"]
        outside = [t["text"] for t in found["texts"] for line in t["lines"]
                   if line["left"] < box["left"] - 1 or line["right"] > box["right"] + 1
                   or line["top"] < box["top"] - 1 or line["bottom"] > box["bottom"] + 1]
        assert not outside, f"{len(outside)} names run out of the map's box: {outside[:5]}"
        on_top = overlaps(found)
        assert not on_top, f"{len(on_top)} names on top of others: {on_top[:5]}"
        names = {t["text"] for t in found["texts"]}
        for name, _place, count in PARTNERS:
            assert (f"{name} ({count})" if count > 1 else name) in names, name
    finally:
        context.close()


# What runs out of its panel sideways: each visible element's box against its panel's,
# unless a box between them scrolls or clips it (that box is checked in its turn).
SPILLS = """() => [...document.querySelectorAll(".panel")].flatMap((panel) => {
  const edge = panel.getBoundingClientRect();
  const inside = (el) => {
    for (let e = el.parentElement; e && e !== panel; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== "visible") return true;
    }
    return false;
  };
  return [...panel.querySelectorAll("*")].filter((el) => el.checkVisibility() && !inside(el))
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([, box]) => box.width > 0 && (box.left < edge.left - 1 || box.right > edge.right + 1))
    .map(([el, box]) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className}`
      + ` [${Math.round(box.left)}-${Math.round(box.right)}] out of its panel`
      + ` [${Math.round(edge.left)}-${Math.round(edge.right)}]`);
})"""


def test_nothing_runs_out_of_its_panel_on_a_laptop(room, browser):
    """Every activity of the busy room on the console at 1366x768: long names (the dot
    vote's "Add options from an earlier activity" lists the activities by their prompts),
    five organisations' columns and 280-character texts stay inside their panels (a table
    too wide scrolls in a box of its own, which axe-core checks can be reached), and the
    page never scrolls sideways. The context bypasses the page's Content-Security-Policy
    only so that axe can be injected."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True)
    found = {}
    try:
        page = context.new_page()
        page.goto(room.made["facilitator_url"])
        page.wait_for_selector(CONNECTED)
        for position, name in enumerate(AGENDA):
            room.show(name)
            step = page.locator("#step")
            expect(step).to_have_text(re.compile(rf"^Step {position + 1} of {len(AGENDA)}: "))
            # drawn: the activity's prompt heads it (the step names it by its prompt)
            expect(page.locator(".current h2")).to_have_text(step.inner_text().split(": ", 1)[1])
            spills = page.evaluate(SPILLS)
            wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            axe = axe_problems(page)
            if spills or wide > 0 or axe:
                found[name] = spills[:5] + ([f"the page scrolls {wide} px sideways"]
                                            if wide > 0 else []) + ([describe(axe)] if axe else [])
    finally:
        context.close()
    assert not found, "\n".join(f"{name}: {problems}" for name, problems in found.items())
