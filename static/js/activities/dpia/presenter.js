// DPIA screening on the projector: what the answers indicate, in the ICO's words, then
// each question's yes / no / not sure, where the partners disagree, by organisation.
//
// Volume: the outcome stays at the top; the questions, those the partners disagree on
// and those answered yes first, at the largest size that holds them all, else in pages
// that turn by themselves ("Questions 1–6 of 20").
import { h, fill, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { pager, range } from "../../core/fit.js";
import { READING, answered, answerBar, outcomeBlock } from "./shared.js";

const ORDER = { yes: 0, unsettled: 1, no: 2 };

function questionRow(q, groups, answers) {
  const said = q.reading ? READING[q.reading] : "No answers";
  return h("li", { class: "dpia-row", dataset: { reading: q.reading || "none" } },
    h("span", { class: "dpia-text" }, q.text),
    answerBar(q.counts, answers),
    h("span", { class: "dpia-reading" }, said, q.disagree ? h("span", { class: "disagree" }, "Partners disagree") : null),
    groups.length > 1 ? h("span", { class: "dpia-groups" }, groups.map((g) => {
      const c = q.by_group[g];
      return h("span", { class: "group-answer" },
        `${g}: ${Object.entries(answers).filter(([key]) => c[key]).map(([key, label]) => `${c[key]} ${label.toLowerCase()}`).join(", ") || "–"}`);
    })) : null);
}

export function presenter(root) {
  const outcome = h("div", {});
  const list = h("ul", { class: "dpia-rows" });
  const more = h("p", { class: "more" });
  const box = h("div", { class: "fit dpia-box" }, list, more);
  const body = h("div", { class: "dpia-body" }, outcome, box);
  let rows = [];
  let groups = [];
  let answers = {};
  const pages = pager(box, ["large", "small"], (from, to, total) => {
    fill(list, rows.slice(from, to).map((q) => questionRow(q, groups, answers)));
    more.textContent = `Questions ${range(from, to, total)}`;
    more.hidden = to - from === total;
  });
  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    const results = revealed ? view.results : null;
    tally.textContent = answered(view.people) + (revealed ? ` · ${plural(view.questions.length, "question")} from the ICO’s screening checklist`
      : " · the answers are hidden until the facilitator reveals them");
    answers = view.answers;
    groups = results ? results.groups : [];
    rows = results ? [...results.questions].filter((q) => q.reading)
      .sort((a, b) => (b.disagree - a.disagree) || (ORDER[a.reading] - ORDER[b.reading]) || (a.index - b.index)) : [];
    fill(outcome, results ? outcomeBlock(results.outcome, { because: false, sources: false, quotes: 1 }) : null);
    pages.show(rows.length);
  });
}
