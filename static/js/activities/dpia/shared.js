// DPIA screening: what every screen shares.
import { h, plural } from "../../core/dom.js";

export const READING = { yes: "Yes", no: "No", unsettled: "Not settled" };

/** "3 people have answered" */
export const answered = (n) => `${plural(n, "person", "people")} ${n === 1 ? "has" : "have"} answered`;

/** The yes / no / not sure counts of one question as a stacked bar, with its words for a
 * screen reader. */
export function answerBar(counts, answers) {
  return h("span", { class: "answer-bar", role: "img",
    "aria-label": Object.entries(answers).map(([key, label]) => `${label} ${counts[key]}`).join(", ") },
  Object.keys(answers).map((key) => {
    const part = h("span", { class: `answer-${key}` }, counts[key] ? String(counts[key]) : "");
    part.style.flexGrow = String(counts[key]);
    return part;
  }));
}

/** What the answers indicate: the headline, why, and the ICO's words with their source. */
export function outcomeBlock(outcome, { sources = true, because = true, quotes = outcome.quotes.length } = {}) {
  return h("div", { class: "dpia-outcome", dataset: { outcome: outcome.key } },
    h("p", { class: "outcome-headline" }, outcome.headline),
    because && outcome.because.length ? h("ul", { class: "outcome-because" }, outcome.because.map((t) => h("li", {}, t))) : null,
    outcome.quotes.slice(0, quotes).map((q) => h("blockquote", { class: "outcome-quote" }, h("p", {}, `“${q.text}”`),
      h("footer", {}, sources ? q.source : "The ICO’s DPIA guidance"))),
    outcome.ours ? h("p", { class: "outcome-ours" }, `${outcome.ours} (Roundtable’s reading, not the ICO’s.)`) : null);
}
