// DPIA screening on the projector: what the answers indicate, in the ICO's words, then
// each question's yes / no / not sure, where the partners disagree, by organisation.
//
// Volume: the outcome stays at the top; the questions, those the partners disagree on
// and those answered yes first, at the largest size that holds them all, else in pages
// that turn by themselves ("Questions 1–6 of 20").
import { h, fill, setLine, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { pager, range } from "../../core/fit.js";
import { READING, answered, answerBar, groupAnswers, ico, outcomeBlock } from "./shared.js";

const ORDER = { yes: 0, unsettled: 1, no: 2 };

function questionRow(q, groups, answers) {
  const said = q.reading ? READING[q.reading] : t("No answers");
  return h("li", { class: "dpia-row", dataset: { reading: q.reading || "none" } },
    ico("span", { class: "dpia-text" }, q.text),
    answerBar(q.counts, answers),
    h("span", { class: "dpia-reading" }, said, q.disagree ? h("span", { class: "disagree" }, t("Partners disagree")) : null),
    groups.length > 1 ? h("span", { class: "dpia-groups" }, groups.map((g) => h("span", { class: "group-answer" },
      t("%(organisation)s: %(answers)s", { organisation: g, answers: groupAnswers(q.by_group[g]) })))) : null);
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
    setText(more, t("Questions %(range)s", { range: range(from, to, total) }));
    more.hidden = to - from === total;
  });
  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    const results = revealed ? view.results : null;
    setLine(tally, [answered(view.people), revealed
      ? tn("%(num)d question from the ICO’s screening checklist", "%(num)d questions from the ICO’s screening checklist", view.questions.length)
      : t("the answers are hidden until the facilitator reveals them")]);
    answers = view.answers;
    groups = results ? results.groups : [];
    rows = results ? [...results.questions].filter((q) => q.reading)
      .sort((a, b) => (b.disagree - a.disagree) || (ORDER[a.reading] - ORDER[b.reading]) || (a.index - b.index)) : [];
    fill(outcome, results ? outcomeBlock(results.outcome, { because: false, sources: false, quotes: 1 }) : null);
    pages.show(rows.length);
  });
}
