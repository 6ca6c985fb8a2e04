// Partnership health check on the projector: the spread for each element, its average,
// and each organisation's average beside it, coloured as in the key above.
//
// Volume: up to twelve elements and any number of organisations, at the largest size
// that holds them all; at the smallest, the first elements that fit and "and N more".
import { h, fill, setLine, setText } from "../../core/dom.js";
import { number, t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { fitMost } from "../../core/fit.js";
import { answered } from "./shared.js";
import { spreadBar, legend, origins } from "./results.js";

const GROUP_COUNT = 8; // colours for organisations, [data-colour] in the stylesheets
const average = (n) => (n === undefined || n === null ? "–"
  : number(n, undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

function groupLegend(groups) {
  return h("ul", { class: "legend group-legend", "aria-hidden": "true" },
    h("li", {}, t("Average by organisation:")),
    groups.map((g, i) => h("li", {}, h("span", { class: "swatch", dataset: { colour: i % GROUP_COUNT } }), g)));
}

/** One element's row: name, spread, average, and the organisations' averages. */
function row(element, groups, words) {
  const line = spreadBar(element, words, true);
  if (groups.length > 1) {
    line.append(h("span", { class: "group-means", "aria-hidden": "true" }, groups.map((g, i) => {
      const n = element.by_group[g];
      return h("span", { class: n === undefined ? "group-mean no-answer" : "group-mean",
        dataset: { colour: i % GROUP_COUNT } }, average(n));
    })), h("span", { class: "visually-hidden" }, t("Average by organisation: %(averages)s.",
      { averages: groups.map((g) => `${g} ${average(element.by_group[g])}`).join(", ") })));
  }
  return line;
}

export function presenter(root) {
  const box = h("div", { class: "fit health-box" });
  return presenterFrame(root, box, ({ view, revealed, words }, tally) => {
    setLine(tally, [answered(view.people), !revealed && t("results are hidden until the facilitator reveals them")]);
    if (!view.results) { fill(box); return; }
    const { groups, elements } = view.results;
    const rows = elements.map((e) => row(e, groups, words));
    const more = h("p", { class: "more" });
    fill(box, legend(), groups.length > 1 ? groupLegend(groups) : null,
      h("div", { class: "health-rows" }, rows), origins(view.results, view.origin_choices), more);
    fitMost(box, ["large", "medium", "small"], rows.length, (from, to) => {
      rows.forEach((r, i) => { r.hidden = i >= to; });
      setText(more, tn("and %(num)d more element", "and %(num)d more elements", rows.length - to));
      more.hidden = to === rows.length;
    });
  });
}
