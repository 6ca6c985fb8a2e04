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
  RINGS.forEach((ring) => {
    map.append(svg("text", { x: c, y: c - radii[ring] + (ring === "room" ? 40 : 34), class: "ring-label", "text-anchor": "middle" }, view.places[ring]));
    const here = partners.filter((p) => p.place === ring);
    const inner = ring === "room" ? 0 : radii[RINGS[RINGS.indexOf(ring) - 1]];
    const radius = ring === "room" ? 70 : (inner + radii[ring]) / 2;
    here.forEach((p, i) => {
      const angle = (Math.PI * 2 * i) / Math.max(1, here.length) + (ring === "involved" ? 0.4 : 0.9);
      const r = ring === "room" && here.length === 1 ? 0 : radius;
      const fontSize = 26 + Math.round((p.count / most) * 24); // readable from the back of a room
      map.append(svg("text", { x: c + Math.cos(angle) * r, y: c + Math.sin(angle) * r + fontSize / 3,
        "text-anchor": "middle", "font-size": fontSize, class: `partner partner-${ring}` },
      p.count > 1 ? `${p.name} (${p.count})` : p.name));
    });
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
