// Journey map: what the projector and the console share.
import { drawing } from "../../core/dom.js";
import { joined, localised, number, t, tn } from "../../core/i18n.js";

/** The feelings curve the server drew (activities/journey.py feelings_chart), with its
 * words in the page's language: the views carry them in English, as every screen shares
 * them. `words`: the activity's, for the stages' names. */
export function feelingsCurve(view, words) {
  const chart = drawing(view.curve);
  const name = (id) => localised(view.stages.find((s) => s.id === id)?.name ?? "", words);
  const said = view.feelings.map((f) => (f.mean === null
    ? t("%(stage)s: no answers", { stage: name(f.stage) })
    : t("%(stage)s: average %(mean)s", { stage: name(f.stage), mean: number(f.mean, undefined, { maximumFractionDigits: 2 }) })));
  chart.setAttribute("aria-label", String(t("How the person feels at each stage, from very bad (-2) to very "
    + "good (+2): %(feelings)s", { feelings: joined(said, "; ") })));
  for (const text of chart.querySelectorAll("text")) {
    const { count } = text.dataset;
    const given = text.textContent;
    const own = localised(given, words); // a stage's name, in the words the facilitator gave
    text.textContent = String(count !== undefined ? tn("%(num)d answer", "%(num)d answers", Number(count))
      : own !== given ? own : t(given)); // the feelings' words
  }
  return chart;
}
