// Partner map on the console: the rings, partners to merge, every mention to moderate.
// When the names cannot all be placed on the rings clear of each other (thirty partners,
// or a few long names), the rings are a key with each ring's count and each ring's names
// are listed beside it, most named first, wrapping inside the box.
import { h, fill, namedButton, setOptions, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { moderationList } from "../../core/moderation.js";
import { RINGS, ringName, rings, ringsKey } from "./rings.js";
import { mentionsOf } from "./shared.js";

/** A partner on the console, made once: its names, its mentions, and a Merge select
 * that keeps its chosen partner while updates arrive. */
function partnerItem(act) {
  const text = h("span", { class: "answer-text" });
  const who = h("span", { class: "who" });
  const into = h("select", {});
  let current = null;
  // No partner is chosen to begin with, and a merge is confirmed by name: it cannot be
  // undone, and a slip would count two different partners as one.
  const merge = namedButton({ class: "secondary", onclick: () => {
    const target = into.value;
    if (!target) { into.focus(); return; } // its label asks which partner
    if (!confirm(t("Merge “%(partner)s” into “%(into)s”? They will count as one partner on the screen and in the report. This cannot be undone.",
      { partner: current.name, into: target }))) return;
    act("merge", { name: current.names[0], into: target });
  } });
  const tools = h("div", { class: "note-tools" }, into, merge.button);
  return {
    element: h("li", {}, text, who, tools),
    update({ partner: p, others, view, index }) {
      current = p;
      setText(text, p.names.join(" = "));
      setText(who, [tn("%(num)d mention", "%(num)d mentions", p.count), Object.entries(p.places).filter(([, n]) => n)
        .map(([ring, n]) => t("%(ring)s %(num)d", { ring: ringName(view, ring), num: n })).join(", ")].join(" · "));
      setOptions(into, [["", t("Choose a partner…")], ...others.map((o) => [o.name, o.name])]);
      into.setAttribute("aria-label", t("Merge “%(partner)s” into", { partner: p.name }));
      into.id = `merge-${index}`;
      merge.name(t("Merge"), p.name);
      tools.hidden = !others.length;
    },
  };
}

/** The rings with the names on them, or, when they would run into each other, the key
 * and a list for each ring. */
function ringsOrLists(view) {
  const map = rings(view);
  if (map.dataset.crowded !== "yes") return [map];
  const here = (ring) => view.partners.filter((p) => p.place === ring);
  return [
    ringsKey(Object.fromEntries(RINGS.map((ring) => [ring, here(ring).length]))),
    h("div", { class: "ring-lists" }, RINGS.map((ring) => h("section", { class: `ring-list place-${ring}` },
      h("h3", {}, ringName(view, ring), ` · ${here(ring).length}`),
      h("ul", {}, here(ring).map((p) => h("li", { dir: "auto" }, p.count > 1 ? `${p.name} (${p.count})` : p.name)))))),
  ];
}

export function facilitator(root, { act }) {
  const tally = h("p", { class: "tally-small" });
  const map = h("div", { class: "console-rings" });
  const partnerList = h("ul", { class: "moderation" });
  const mentionList = h("ul", { class: "moderation" });
  const frame = consoleFrame(root, (body, { view }) => {
    const { partners } = view;
    setText(tally, mentionsOf(view.count, partners.length));
    const drawn = ringsOrLists(view); // a picture, no controls: drawn afresh
    map.classList.toggle("listed", drawn.length > 1);
    fill(map, drawn);
    showPartners(partners.map((partner, index) => ({ partner, index, view,
      others: partners.filter((o) => o.key !== partner.key) })));
    showMentions(view.mentions.map((m) => ({ ...m, where: ringName(view, m.place) })));
  });
  const showPartners = keyedList(partnerList, { key: (p) => p.partner.key, make: () => partnerItem(act) });
  const showMentions = moderationList(mentionList, act, { text: (m) => m.name, who: (m) => m.where });
  frame.body.append(tally, map, partnerList, h("h3", {}, t("Every mention")), mentionList);
  return frame;
}
