// Partnership health check: the spread of scores, drawn on the projector and the console.
import { h, setLine } from "../../core/dom.js";
import { ORIGINS, SCORES } from "./shared.js";
import { joined, localised, number, t } from "../../core/i18n.js";

/** Stacked counts of 1..5 for one element: the spread, not just the mean. `words`: the
 * activity's, to show the element's name in the page's language. */
export function spreadBar(element, words, big = false) {
  const name = localised(element.name, words);
  const bar = h("span", { class: big ? "spread-bar big" : "spread-bar", "aria-hidden": "true" },
    SCORES.map(([score]) => {
      const n = element.spread[String(score)] || 0;
      const part = h("span", { class: `score-${score}` }, n ? String(n) : "");
      part.style.flexGrow = String(n);
      return part;
    }));
  return h("div", { class: "health-row" },
    h("span", { class: "health-name" }, name),
    bar,
    h("span", { class: "health-mean" }, element.mean === null ? "–" : number(element.mean, undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    h("span", { class: "visually-hidden" }, t("%(element)s: %(spread)s.", { element: name,
      spread: joined(SCORES.map(([s]) => t("%(people)d chose %(score)d", { people: element.spread[String(s)], score: s })), ", ") })));
}

export function legend() {
  return h("ul", { class: "legend score-legend", "aria-hidden": "true" }, SCORES.map(([score, label]) =>
    h("li", {}, h("span", { class: `swatch score-${score}` }), number(score), " ", label)));
}

export function origins(results, choices) {
  if (!results.origins) return null;
  return setLine(h("p", { class: "origins" }), Object.keys(choices).map((key) =>
    t("%(answer)s: %(people)d", { answer: ORIGINS[key], people: results.origins[key] })));
}
