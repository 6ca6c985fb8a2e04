// Measures what the presenter screen shows, as a person in the room would see it: every
// piece of visible text with its boxes and its size on screen, what each is clipped by,
// and where the footer and the join corner are. Evaluated by presenter_geometry.py.
({ contribution }) => {
  const W = window.innerWidth;
  const H = window.innerHeight;
  const plain = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

  /** Shown at all: rendered, not transparent, not the 1px screen-reader-only kind. */
  function seen(el) {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    if (el.closest(".visually-hidden")) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  }

  /** The boxes that clip an element: every ancestor whose overflow is not visible. */
  function clips(el) {
    const found = [];
    for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.overflowX !== "visible" || style.overflowY !== "visible") {
        found.push({ ...plain(e.getBoundingClientRect()), what: describe(e) });
      }
    }
    return found;
  }

  function describe(el) {
    const classes = el.getAttribute("class") ? `.${el.getAttribute("class").trim().split(/\s+/).join(".")}` : "";
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes}`;
  }

  /** The size a letter of this element has on screen, in CSS pixels (SVG text scaled). */
  function screenSize(el) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      return size * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    return size;
  }

  const main = document.getElementById("main");
  const texts = [];
  const owners = new Map(); // element -> its number, so two text nodes of one element are one
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const el = node.parentElement;
    if (!seen(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5).map(plain);
    if (el instanceof SVGElement && !lines.length) lines.push(plain(el.getBoundingClientRect()));
    if (!lines.length) continue;
    if (!owners.has(el)) owners.set(el, owners.size);
    texts.push({
      id: owners.get(el),
      what: describe(el),
      text: node.data.trim().slice(0, 80),
      size: screenSize(el),
      lines,
      clips: clips(el),
      in_stage: Boolean(el.closest("#stage") && !el.closest("#corner")),
      contribution: Boolean(contribution && el.matches(contribution)),
    });
  }

  // Painted things in the stage (cards, bars, pictures), which the footer must not cover.
  const painted = [];
  for (const el of document.querySelectorAll("#stage *")) {
    if (el.closest("#corner") || !seen(el)) continue;
    const style = getComputedStyle(el);
    const paints = el instanceof SVGSVGElement || el.tagName === "IMG"
      || (style.backgroundColor !== "rgba(0, 0, 0, 0)" && style.backgroundColor !== "transparent")
      || parseFloat(style.borderTopWidth) > 0;
    if (paints && !el.closest("svg:not(:scope)")) painted.push({ what: describe(el), ...plain(el.getBoundingClientRect()) });
  }

  const box = (selector) => {
    const el = document.querySelector(selector);
    return el && seen(el) ? { what: selector, ...plain(el.getBoundingClientRect()) } : null;
  };
  return {
    width: W,
    height: H,
    texts,
    painted,
    footer: box("#footer"),
    corner: box("#corner"),
  };
}
