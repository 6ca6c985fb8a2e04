"""The console in a busy room (tests/busy_room.py: forty people name sixty partners, two
with 60-character names) at 1366x768 and 1024x768: the partner map stays inside its box,
with no two names on top of each other, and every partner is on it."""
import pytest
from playwright.sync_api import expect

from busy_room import BusyRoom
from busy_room_content import PARTNERS
from e2e_steps import CONNECTED
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
    busy.fill_partnermap()
    yield busy
    busy.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_consoles_partner_map_holds_sixty_partners(room, browser, size):
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
