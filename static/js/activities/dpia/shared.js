// DPIA screening: what every screen shares. The ICO's questions and quotations are shown
// as the ICO wrote them, in English (`ico()` marks them so); Roundtable's own words in the
// screen's language.
import { h } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";

export const READING = { yes: t("Yes"), no: t("No"), unsettled: t("Not settled") };

/** The ICO's own words in an element that says they are English. */
export const ico = (tag, attributes, ...children) => h(tag, { ...attributes, lang: "en-GB" }, ...children);

/** "3 people have answered" */
export const answered = (n) => tn("%(num)d person has answered", "%(num)d people have answered", n);

/** "2 yes, 1 not sure" for one organisation's answers to a question. */
export function groupAnswers(counts) {
  const said = { yes: (n) => tn("%(num)d yes", "%(num)d yes", n), no: (n) => tn("%(num)d no", "%(num)d no", n),
    unsure: (n) => tn("%(num)d not sure", "%(num)d not sure", n) };
  return Object.entries(said).filter(([key]) => counts[key]).map(([key, say]) => say(counts[key])).join(", ") || "–";
}

/** The yes / no / not sure counts of one question as a stacked bar, with its words for a
 * screen reader. */
export function answerBar(counts, answers) {
  return h("span", { class: "answer-bar", role: "img",
    "aria-label": Object.entries(answers).map(([key, label]) => t("%(answer)s: %(count)d", { answer: t(label), count: counts[key] })).join(", ") },
  Object.keys(answers).map((key) => {
    const part = h("span", { class: `answer-${key}` }, counts[key] ? String(counts[key]) : "");
    part.style.flexGrow = String(counts[key]);
    return part;
  }));
}

/** What the answers indicate: the headline, why, and the ICO's words with their source. */
export function outcomeBlock(outcome, { sources = true, because = true, quotes = outcome.quotes.length } = {}) {
  return h("div", { class: "dpia-outcome", dataset: { outcome: outcome.key } },
    h("p", { class: "outcome-headline" }, t(outcome.headline)),
    because && outcome.because.length ? ico("ul", { class: "outcome-because" }, outcome.because.map((text) => h("li", {}, text))) : null,
    outcome.quotes.slice(0, quotes).map((q) => h("blockquote", { class: "outcome-quote" }, ico("p", {}, `“${q.text}”`),
      sources ? ico("footer", {}, q.source) : h("footer", {}, t("The ICO’s DPIA guidance")))),
    outcome.ours ? h("p", { class: "outcome-ours" }, t("%(reading)s (Roundtable’s reading, not the ICO’s.)", { reading: t(outcome.ours) })) : null);
}
