// Dot voting on the projector: proposals, then how many have voted, then ranked bars.
//
// Volume: the ranked options at the largest size that holds them all, in one column and
// then two; past that, the options with the most dots that fit at the smallest size, and
// "and 35 more options, with 41 dots between them". Proposals are a paged wall.
import { h, fill, setLine, setText } from "../../core/dom.js";
import { number, t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { fitMost, newestOnTheWall, pagedWall } from "../../core/fit.js";
import { resultsList, legend, voted } from "./results.js";

function stats(view) {
  // i18n: a count shown big, then its words: "12" "people have voted"
  const stat = (n, words) => h("li", {}, h("span", { class: "stat" }, number(n)), words);
  return h("ul", { class: "stats" },
    stat(view.voters, tn("person has voted", "people have voted", view.voters)),
    stat(view.dots_placed, tn("dot placed", "dots placed", view.dots_placed)),
    stat(view.used_all, tn("used all their dots", "used all their dots", view.used_all)));
}

export function presenter(root) {
  const body = h("div", { class: "vote-body" });
  const proposals = h("div", { class: "wall-box" });
  const wall = pagedWall(proposals, t("Proposals"));
  const results = h("div", { class: "fit results-box" });

  return presenterFrame(root, body, ({ view, revealed, words }, tally) => {
    if (view.phase === "proposing") {
      const sent = view.proposals || [];
      setLine(tally, [tn("%(num)d proposal so far", "%(num)d proposals so far", view.proposal_count),
        t("voting starts soon"), sent.length < view.proposal_count && newestOnTheWall(sent.length)]);
      if (body.firstChild !== proposals) fill(body, proposals);
      wall.show([...sent].reverse()); // the server sends the newest, oldest first
      return;
    }
    if (!revealed || !view.results) {
      setText(tally, t("Results are hidden until the facilitator reveals them."));
      fill(body, stats(view));
      return;
    }
    setLine(tally, [voted(view), tn("%(num)d dot", "%(num)d dots", view.dots_placed)]);
    if (body.firstChild !== results) fill(body, results);
    const list = resultsList(view.results, view.breakdown, { big: true, words });
    const rows = [...list.children];
    for (const row of rows) row.querySelector(".result-text").dir = "auto";
    const more = h("p", { class: "more" });
    fill(results, legend(view.breakdown), list, more);
    fitMost(results, ["large", "medium", "small"], rows.length, (from, to) => {
      rows.forEach((row, i) => { row.hidden = i >= to; });
      const rest = view.results.slice(to);
      setText(more, rest.length ? tn("and %(num)d more option, with %(dots)s between them",
        "and %(num)d more options, with %(dots)s between them", rest.length,
        { dots: tn("%(num)d dot", "%(num)d dots", rest.reduce((sum, r) => sum + r.dots, 0)) }) : "");
      more.hidden = !rest.length;
    });
  });
}
