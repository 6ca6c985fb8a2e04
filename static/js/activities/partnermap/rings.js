// Partner map: the three rings, drawn on the projector and the console.
import { svg } from "../../core/dom.js";
import { t } from "../../core/i18n.js";

export const RINGS = ["room", "involved", "missing"];

/** A ring's name in the page's language(s): "In the room" (the view carries it in English). */
export const ringName = (view, ring) => t(view.places[ring]);
const RADII = { room: 150, involved: 310, missing: 470 };

const LABEL_SIZE = 30; // the rings' names, in units of the 1000-wide drawing

/** The box a line of bold text takes, centred on (x, y): a generous estimate, so that
 * names kept apart by it are apart on screen. */
function box(x, y, text, size) {
  const half = (text.length * size * 0.6) / 2;
  return { left: x - half, right: x + half, top: y - size * 0.8, bottom: y + size * 0.4 };
}

function overlaps(a, b, pad = 8) {
  return a.left < b.right + pad && b.left < a.right + pad && a.top < b.bottom + pad && b.top < a.bottom + pad;
}

// Angles to try, best first: the bottom and top of a band are where a band is widest
// across, and so where a line of text fits best.
const ANGLES = Array.from({ length: 36 }, (_, i) => (i * Math.PI) / 18)
  .sort((a, b) => Math.abs(Math.sin(b)) - Math.abs(Math.sin(a)) || Math.sin(b) - Math.sin(a));

const HALF = 500; // the drawing is 1000 across, centred on (0, 0) here
const inside = (b) => b.left >= -HALF && b.right <= HALF && b.top >= -HALF && b.bottom <= HALF;

/** A place for a name in the band between `inner` and `outer` (from the centre) where
 * it runs into nothing placed so far and stays on the drawing; null if there is none. */
function placeName(text, size, inner, outer, placed) {
  const radii = inner === 0 ? [0, outer * 0.45, outer * 0.65]
    : [(inner + outer) / 2, inner + (outer - inner) * 0.3, inner + (outer - inner) * 0.7];
  for (const r of radii) {
    for (const angle of r === 0 ? [0] : ANGLES) {
      const here = box(Math.cos(angle) * r, Math.sin(angle) * r, text, size);
      if (inside(here) && !placed.some((other) => overlaps(here, other))) return here;
    }
  }
  return null;
}

/** Three rings: in the room at the centre, involved elsewhere, missing outside. The
 * rings with every name placed where it runs into no other. `textScale` enlarges
 * the text (a small drawing on a big screen). A name with no free place goes to the
 * bottom of its band, over others, and the drawing is marked data-crowded="yes": a
 * screen that must not show overlapping names lists them instead. */
export function rings(view, { textScale = 1 } = {}) {
  const size = 1000;
  const c = size / 2;
  const radii = RADII;
  const partners = view.partners || [];
  const most = Math.max(1, ...partners.map((p) => p.count));
  const map = svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "rings", role: "img",
    "aria-label": RINGS.map((ring) => String(t("%(ring)s: %(names)s", { ring: ringName(view, ring),
      names: partners.filter((p) => p.place === ring).map((p) => p.name).join(", ") || t("nobody yet") }))).join(". ") });
  for (const ring of [...RINGS].reverse()) {
    map.append(svg("circle", { cx: c, cy: c, r: radii[ring], class: `ring ring-${ring}` }));
  }
  const labelSize = LABEL_SIZE * textScale;
  const placed = RINGS.map((ring) => {
    const y = -radii[ring] + (ring === "room" ? 10 : 4) + labelSize;
    // SVG text holds no elements: on a bilingual screen, both names as one line.
    const label = String(ringName(view, ring));
    map.append(svg("text", { x: c, y: c + y, class: "ring-label", "text-anchor": "middle",
      "font-size": labelSize }, label));
    return box(0, y, label, labelSize);
  });
  let crowded = false;
  RINGS.forEach((ring) => {
    const inner = ring === "room" ? 0 : radii[RINGS[RINGS.indexOf(ring) - 1]];
    for (const p of partners.filter((partner) => partner.place === ring)) {
      const text = p.count > 1 ? `${p.name} (${p.count})` : p.name;
      // readable from the back of a room
      const fontSize = (26 + Math.round((p.count / most) * 24)) * textScale;
      let spot = placeName(text, fontSize, inner, radii[ring], placed);
      if (!spot) {
        crowded = true;
        spot = box(0, (inner + radii[ring]) / 2, text, fontSize);
      }
      placed.push(spot);
      map.append(svg("text", { x: c + (spot.left + spot.right) / 2, y: c + spot.bottom - fontSize * 0.4,
        "text-anchor": "middle", "font-size": fontSize, class: `partner partner-${ring}` }, text));
    }
  });
  map.dataset.crowded = crowded ? "yes" : "no";
  return map;
}

/** The rings as a key, for a screen that lists the names beside them: each ring with its
 * number of partners where the names would be. */
export function ringsKey(counts) {
  const map = svg("svg", { viewBox: "0 0 1000 1000", class: "rings rings-key", "aria-hidden": "true" });
  const middles = { room: 500, involved: 500 - 230, missing: 500 - 390 };
  for (const ring of [...RINGS].reverse()) {
    map.append(svg("circle", { cx: 500, cy: 500, r: RADII[ring], class: `ring ring-${ring}` }));
  }
  for (const ring of RINGS) {
    map.append(svg("text", { x: 500, y: middles[ring] + 32, "text-anchor": "middle", "font-size": 90,
      class: `partner partner-${ring}` }, String(counts[ring])));
  }
  return map;
}
