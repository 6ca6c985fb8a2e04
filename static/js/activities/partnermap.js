// Partner map: name who holds what the partnership needs; three rings on the screen.
import { h, fill, named, namedButton, plural, setOptions, setText } from "../core/dom.js";
import { consoleFrame, phoneFrame, presenterFrame } from "../core/frame.js";
import { keyedList } from "../core/keyed.js";
import { moderationList } from "../core/moderation.js";

const SVG = "http://www.w3.org/2000/svg";
const RINGS = ["room", "involved", "missing"];

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Three rings: in the room at the centre, involved elsewhere, missing outside. */
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

function rings(view) {
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

// ---------------------------------------------------------------- phone
export function participant(root, { act }) {
  const { prompt, state, body } = phoneFrame(root);
  const name = h("input", { id: "partner-name", maxlength: 80 });
  const where = h("fieldset", { class: "choices" }, h("legend", {}, "Where are they?"));
  const form = h("form", { class: "answer-form" }, h("label", { for: "partner-name" }, "An organisation or role"), name, where,
    h("button", { type: "submit", class: "wide" }, "Add to the map"));
  const mineHeading = h("h2", {}, "Who you named");
  const mine = h("ul", { class: "my-answers" });
  body.append(form, mineHeading, mine);
  let built = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const place = form.querySelector("input[name=place]:checked")?.value;
    if (!place) { state.textContent = "Say where they are: in the room, involved elsewhere, or missing."; return; }
    const answer = await act("name", { name: name.value, place });
    if (answer.ok || answer.queued) { name.value = ""; name.focus(); }
  });
  const showMine = keyedList(mine, { key: (m) => `${m.id}:${m.open}`, make: (m) => ({ element:
    h("li", {}, h("span", { class: "answer-text" }, m.name), h("span", { class: "where" }, m.where),
      m.open ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: m.id }) },
        named("Remove", m.name)) : null) }) });
  return {
    update(activity) {
      const { view, mine: own, is_open: open } = activity;
      prompt.textContent = view.prompt;
      if (!built) {
        where.append(...Object.entries(view.places).map(([key, label]) => h("div", { class: "check" },
          h("input", { type: "radio", name: "place", id: `place-${key}`, value: key }), h("label", { for: `place-${key}` }, label))));
        built = true;
      }
      const said = open ? "Name the organisations or roles the partnership needs." : "The map is closed for now.";
      if (state.textContent !== said) state.textContent = said;
      form.hidden = !open;
      const mentions = own?.mentions || [];
      mineHeading.hidden = mine.hidden = !mentions.length;
      showMine(mentions.map((m) => ({ ...m, open, where: view.places[m.place] })));
    },
  };
}

// ---------------------------------------------------------------- projector
export function presenter(root) {
  const holder = h("div", { class: "rings-holder" });
  return presenterFrame(root, holder, ({ view, revealed }, tally) => {
    tally.textContent = plural(view.count, "mention") + (revealed ? ` of ${plural((view.partners || []).length, "partner")}` : " · hidden until the facilitator reveals the map");
    fill(holder, revealed ? rings(view) : null);
  });
}

// ---------------------------------------------------------------- console
/** A partner on the console, made once: its names, its mentions, and a Merge select
 * that keeps its chosen partner while updates arrive. */
function partnerItem(act) {
  const text = h("span", { class: "answer-text" });
  const who = h("span", { class: "who" });
  const into = h("select", {});
  let current = null;
  const merge = namedButton({ class: "secondary", onclick: () => act("merge", { name: current.names[0], into: into.value }) });
  const tools = h("div", { class: "note-tools" }, into, merge.button);
  return {
    element: h("li", {}, text, who, tools),
    update({ partner: p, others, places, index }) {
      current = p;
      setText(text, p.names.join(" = "));
      setText(who, `${plural(p.count, "mention")} · ${Object.entries(p.places).filter(([, n]) => n).map(([k, n]) => `${places[k]} ${n}`).join(", ")}`);
      setOptions(into, others.map((o) => [o.name, o.name]));
      into.setAttribute("aria-label", `Merge “${p.name}” into`);
      into.id = `merge-${index}`;
      merge.name("Merge", p.name);
      tools.hidden = !others.length;
    },
  };
}

export function facilitator(root, { act }) {
  const tally = h("p", { class: "tally-small" });
  const map = h("div", { class: "console-rings" });
  const partnerList = h("ul", { class: "moderation" });
  const mentionList = h("ul", { class: "moderation" });
  const frame = consoleFrame(root, (body, { view }) => {
    const { partners } = view;
    setText(tally, `${plural(view.count, "mention")} of ${plural(partners.length, "partner")}`);
    fill(map, rings(view)); // a picture, no controls: drawn afresh
    showPartners(partners.map((partner, index) => ({ partner, index, places: view.places,
      others: partners.filter((o) => o.key !== partner.key) })));
    showMentions(view.mentions.map((m) => ({ ...m, where: view.places[m.place] })));
  });
  const showPartners = keyedList(partnerList, { key: (p) => p.partner.key, make: () => partnerItem(act) });
  const showMentions = moderationList(mentionList, act, { text: (m) => m.name, who: (m) => m.where });
  frame.body.append(tally, map, partnerList, h("h3", {}, "Every mention"), mentionList);
  return frame;
}
