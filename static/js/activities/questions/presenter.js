// Questions from the room on the projector: the question being answered, then the others,
// the most upvoted first.
//
// Volume: every question at the largest size that holds them all, in one column, then two;
// past that, the most upvoted that fit at the smallest size, and "and 12 more questions".
// Answered questions are counted in the tally, not listed.
import { h, fill, setLine, setText } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { fitMost } from "../../core/fit.js";
import { number, t, tn } from "../../core/i18n.js";
import { asked, votes } from "./shared.js";

function voteCount(q) {
  return h("span", { class: "votes" }, h("strong", {}, number(q.plus)), tn("vote", "votes", q.plus));
}

export function presenter(root) {
  const body = h("div", { class: "fit questions-box" });
  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    setLine(tally, [asked(view),
      view.answered ? tn("%(num)d answered", "%(num)d answered", view.answered) : "",
      revealed ? "" : t("questions are hidden until the facilitator reveals them")]);
    if (!revealed) { fill(body); return; }
    const sent = view.questions || [];
    const now = sent.find((q) => q.status === "answering");
    const open = sent.filter((q) => q.status === "open");
    const waitingInAll = view.count - view.answered - (now ? 1 : 0); // beyond what was sent too
    const answering = now ? h("div", { class: "answering" },
      h("p", { class: "answering-label" }, t("Being answered now")),
      h("p", { class: "question-text", dir: "auto" }, now.text),
      setLine(h("p", { class: "question-about" }), [votes(now.plus), now.organisation])) : null;
    const rows = open.map((q) => h("li", {}, voteCount(q), h("span", { class: "question-body" },
      h("span", { class: "question-text", dir: "auto" }, q.text),
      q.organisation ? h("span", { class: "question-org" }, q.organisation) : null)));
    const more = h("p", { class: "more" });
    fill(body, answering, h("ol", { class: "question-list" }, rows), more);
    fitMost(body, ["large", "medium", "small"], rows.length, (from, to) => {
      rows.forEach((row, i) => { row.hidden = i >= to; });
      const rest = waitingInAll - to;
      setText(more, rest > 0 ? tn("and %(num)d more question", "and %(num)d more questions", rest) : "");
      more.hidden = rest <= 0;
    });
  });
}
