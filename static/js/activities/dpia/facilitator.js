// DPIA screening on the console: the outcome with the ICO's words and sources, and every
// question's answers by organisation.
import { h, fill, setText } from "../../core/dom.js";
import { localised, t } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { READING, answered, answerBar, groupAnswers, ico, outcomeBlock } from "./shared.js";

/** The answers by question and organisation, in a box of the panel's width that scrolls
 * sideways when five organisations' columns are wider (it takes the keyboard's focus, so
 * that it can be scrolled without a mouse). */
function table(results, answers) {
  const groups = results.groups.length > 1 ? results.groups : [];
  return h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": "dpia-table-caption" }, h("table", { class: "breakdown dpia-table" },
    h("caption", { id: "dpia-table-caption" }, t("Answers by question (organisations of fewer than three people are counted as Other)")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Question")), h("th", { scope: "col" }, t("Yes / No / Not sure")),
      h("th", { scope: "col" }, t("Reads as")), groups.map((g) => h("th", { scope: "col" }, g)))),
    h("tbody", {}, results.questions.map((q) => h("tr", { class: q.disagree ? "disagree-row" : "" },
      ico("th", { scope: "row" }, q.text),
      h("td", {}, answerBar(q.counts, answers)),
      h("td", {}, q.reading ? READING[q.reading] : "–", q.disagree ? h("span", { class: "disagree" }, " · ", t("partners disagree")) : null),
      groups.map((g) => h("td", {}, groupAnswers(q.by_group[g]))))))));
}

export function facilitator(root) {
  const tally = h("p", { class: "tally-small" });
  const results = h("div", {});
  const frame = consoleFrame(root, (body, activity) => {
    const { view } = activity;
    setText(tally, answered(view.people));
    fill(results, view.plan ? h("p", {}, h("strong", {}, t("The sharing:")), " ", localised(view.plan, activity.words)) : null,
      outcomeBlock(view.results.outcome), table(view.results, view.answers));
  });
  frame.body.append(tally, results);
  return frame;
}
