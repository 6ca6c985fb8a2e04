// Dot voting: the ranked results, drawn on the phone, the projector and the console.
import { h } from "../../core/dom.js";
import { localised, t, tn } from "../../core/i18n.js";

const GROUP_COUNT = 8; // colours for organisations, [data-colour] in app.css

function rankLabel(row, rows) {
  const tied = rows.filter((r) => r.rank === row.rank).length > 1;
  return tied ? `=${row.rank}` : String(row.rank);
}

/** Ranked bars; segmented by organisation when a breakdown is given. */
/** "9 people voted" */
export const voted = (view) => tn("%(num)d person voted", "%(num)d people voted", view.voters);

export function resultsList(results, breakdown, { big = false, words = null } = {}) {
  const max = Math.max(1, ...results.map((r) => r.dots));
  const byOption = new Map((breakdown?.options || []).map((o) => [o.id, o.by]));
  const groups = breakdown?.groups || [];
  return h("ol", { class: big ? "results results-big" : "results" }, results.map((row) => {
    const by = byOption.get(row.id) || {};
    const segments = groups.length > 1
      ? groups.map((g, i) => h("span", { class: "segment", dataset: { colour: i % GROUP_COUNT },
        title: `${g}: ${by[g] || 0}` }))
      : [h("span", { class: "segment", dataset: { colour: "0" } })];
    const bar = h("span", { class: "bar", "aria-hidden": "true" }, segments);
    // Widths are set as properties, not inline style text, so the page needs no unsafe-inline CSS.
    bar.style.width = `${(row.dots / max) * 100}%`;
    if (groups.length > 1) {
      groups.forEach((g, i) => { segments[i].style.flexGrow = String(by[g] || 0); });
    }
    return h("li", { class: "result" },
      h("span", { class: "rank" }, rankLabel(row, results)),
      h("span", { class: "result-text" }, localised(row.text, words)),
      h("span", { class: "bar-track" }, bar),
      h("span", { class: "result-dots" }, tn("%(num)d dot", "%(num)d dots", row.dots)));
  }));
}

export function legend(breakdown) {
  if (!breakdown || breakdown.groups.length < 2) return null;
  return h("ul", { class: "legend", "aria-label": t("Organisations") }, breakdown.groups.map((g, i) =>
    h("li", {}, h("span", { class: "swatch", dataset: { colour: i % GROUP_COUNT } }),
      t("%(organisation)s (%(people)s)", { organisation: g,
        people: tn("%(num)d person", "%(num)d people", breakdown.voters[g]) }))));
}
