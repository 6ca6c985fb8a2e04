// DPIA screening on the console: the outcome with the ICO's words and sources, and every
// question's answers by organisation.
import { h, fill, setText } from "../../core/dom.js";
import { consoleFrame } from "../../core/frame.js";
import { READING, answered, answerBar, outcomeBlock } from "./shared.js";

function table(results, answers) {
  const groups = results.groups.length > 1 ? results.groups : [];
  return h("table", { class: "breakdown dpia-table" },
    h("caption", {}, "Answers by question (organisations of fewer than three people are counted as Other)"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Question"), h("th", { scope: "col" }, "Yes / No / Not sure"),
      h("th", { scope: "col" }, "Reads as"), groups.map((g) => h("th", { scope: "col" }, g)))),
    h("tbody", {}, results.questions.map((q) => h("tr", { class: q.disagree ? "disagree-row" : "" },
      h("th", { scope: "row" }, q.text),
      h("td", {}, answerBar(q.counts, answers)),
      h("td", {}, q.reading ? READING[q.reading] : "–", q.disagree ? h("span", { class: "disagree" }, " · partners disagree") : null),
      groups.map((g) => h("td", {}, Object.entries(answers).filter(([key]) => q.by_group[g][key])
        .map(([key, label]) => `${q.by_group[g][key]} ${label.toLowerCase()}`).join(", ") || "–"))))));
}

export function facilitator(root) {
  const tally = h("p", { class: "tally-small" });
  const results = h("div", {});
  const frame = consoleFrame(root, (body, { view }) => {
    setText(tally, answered(view.people));
    fill(results, view.plan ? h("p", {}, h("strong", {}, "The sharing: "), view.plan) : null,
      outcomeBlock(view.results.outcome), table(view.results, view.answers));
  });
  frame.body.append(tally, results);
  return frame;
}
