// Partner map on the projector: three rings, or a list for each ring beside them.
//
// Volume: names are placed on the rings, at 28 px or more, when every one finds a place
// clear of the others. When they cannot (thirty names, or a few long ones), the rings
// stay as a key with their counts and each ring's names are listed beside them, most
// named first and larger; what a list cannot hold is counted, "and 9 more". The server
// sends each ring's forty most named and how many each ring has (view.rings).
import { h, fill, setLine, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { fitMost } from "../../core/fit.js";
import { RINGS, ringName, rings, ringsKey } from "./rings.js";
import { mentionsOf } from "./shared.js";

const SMALLEST = 26; // rings.js's smallest name, in units of its 1000-wide drawing
const px = () => Math.min(window.innerWidth / 1920, window.innerHeight / 1080);

/** The rings with the names on them, or null when they do not all fit readably. */
function radial(view, body) {
  const side = Math.min(body.clientWidth, body.clientHeight);
  const map = rings(view, { textScale: (28 * px() * 1000) / (side * SMALLEST) });
  return map.dataset.crowded === "yes" ? null : map;
}

/** One ring's names, most named first, as many as fit; the rest counted (`count`: how many
 * the ring has, of which `partners` holds the most named). */
function list(view, ring, partners, count) {
  const here = partners.filter((p) => p.place === ring);
  const most = Math.max(1, ...here.map((p) => p.count));
  const names = h("ul", { class: "partner-names" }, here.map((p) => h("li", {
    dir: "auto", dataset: { weight: most === 1 ? 1 : 1 + Math.round((3 * (p.count - 1)) / (most - 1)) } },
  p.name, p.count > 1 ? h("span", { class: "mentions" }, ` (${p.count})`) : null)));
  const more = h("p", { class: "more" });
  const box = h("div", { class: "fit" }, names, more);
  const section = h("section", { class: `partner-list place-${ring}` },
    h("h2", {}, ringName(view, ring), ` · ${count}`), box);
  return { section, fit() {
    const items = [...names.children];
    fitMost(box, ["large", "small"], items.length, (from, to) => {
      items.forEach((item, i) => { item.hidden = i >= to; });
      setText(more, tn("and %(num)d more", "and %(num)d more", count - to));
      more.hidden = to === count;
    });
  } };
}

export function presenter(root) {
  const body = h("div", { class: "partner-map" });
  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    const partners = revealed ? view.partners || [] : [];
    const counts = view.rings || Object.fromEntries(RINGS.map((ring) => [ring, partners.filter((p) => p.place === ring).length]));
    const total = RINGS.reduce((sum, ring) => sum + counts[ring], 0);
    setLine(tally, revealed ? [mentionsOf(view.count, total)]
      : [tn("%(num)d mention", "%(num)d mentions", view.count), t("hidden until the facilitator reveals the map")]);
    if (!revealed) { fill(body); return; }
    body.className = "partner-map radial";
    fill(body);
    const map = total === partners.length ? radial(view, body) : null; // on the rings, every name or none
    if (map) { fill(body, map); return; }
    body.className = "partner-map listed";
    const lists = RINGS.map((ring) => list(view, ring, partners, counts[ring]));
    fill(body, ringsKey(counts), h("div", { class: "partner-lists" }, lists.map((l) => l.section)));
    for (const l of lists) l.fit();
  });
}
