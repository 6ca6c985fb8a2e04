// Partner map: the three rings, drawn on the projector and the console.
import { svg } from "../../core/dom.js";

const RINGS = ["room", "involved", "missing"];

const LABEL_SIZE = 30; // px, as .ring-label in app.css

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

/** A place for a name in the band between `inner` and `outer` (from the centre) where
 * it runs into nothing placed so far; the best-liked place if there is none. */
function placeName(text, size, inner, outer, placed) {
  const radii = inner === 0 ? [0, outer * 0.45, outer * 0.65]
    : [(inner + outer) / 2, inner + (outer - inner) * 0.3, inner + (outer - inner) * 0.7];
  let first = null;
  for (const r of radii) {
    for (const angle of r === 0 ? [0] : ANGLES) {
      const x = Math.cos(angle) * r;
      const y = Math.sin(angle) * r;
      const here = box(x, y, text, size);
      first = first || here;
      if (!placed.some((other) => overlaps(here, other))) return here;
    }
  }
  return first;
}

/** Three rings: in the room at the centre, involved elsewhere, missing outside. */
export function rings(view) {
  const size = 1000;
  const c = size / 2;
  const radii = { room: 150, involved: 310, missing: 470 };
  const partners = view.partners || [];
  const most = Math.max(1, ...partners.map((p) => p.count));
  const map = svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "rings", role: "img",
    "aria-label": RINGS.map((ring) => `${view.places[ring]}: ${partners.filter((p) => p.place === ring).map((p) => p.name).join(", ") || "nobody yet"}`).join(". ") });
  for (const ring of [...RINGS].reverse()) {
    map.append(svg("circle", { cx: c, cy: c, r: radii[ring], class: `ring ring-${ring}` }));
  }
  const placed = RINGS.map((ring) => {
    const y = -radii[ring] + (ring === "room" ? 40 : 34);
    map.append(svg("text", { x: c, y: c + y, class: "ring-label", "text-anchor": "middle" }, view.places[ring]));
    return box(0, y, view.places[ring], LABEL_SIZE);
  });
  RINGS.forEach((ring) => {
    const inner = ring === "room" ? 0 : radii[RINGS[RINGS.indexOf(ring) - 1]];
    for (const p of partners.filter((partner) => partner.place === ring)) {
      const text = p.count > 1 ? `${p.name} (${p.count})` : p.name;
      const fontSize = 26 + Math.round((p.count / most) * 24); // readable from the back of a room
      const spot = placeName(text, fontSize, inner, radii[ring], placed);
      placed.push(spot);
      map.append(svg("text", { x: c + (spot.left + spot.right) / 2, y: c + spot.bottom - fontSize * 0.4,
        "text-anchor": "middle", "font-size": fontSize, class: `partner partner-${ring}` }, text));
    }
  });
  return map;
}
