// Dot voting on the projector: proposals, then how many have voted, then ranked bars.
//
// Volume: the ranked options at the largest size that holds them all, in one column and
// then two; past that, the options with the most dots that fit at the smallest size, and
// "and 35 more options, with 41 dots between them". Proposals are a paged wall.
import { h, fill, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { fitMost, pagedWall } from "../../core/fit.js";
import { resultsList, legend } from "./results.js";

function stats(view) {
  const stat = (n, one, many) => h("li", {}, h("span", { class: "stat" }, String(n)), n === 1 ? one : many);
  return h("ul", { class: "stats" },
    stat(view.voters, "person has voted", "people have voted"),
    stat(view.dots_placed, "dot placed", "dots placed"),
    stat(view.used_all, "used all their dots", "used all their dots"));
}

export function presenter(root) {
  const body = h("div", { class: "vote-body" });
  const proposals = h("div", { class: "wall-box" });
  const wall = pagedWall(proposals, "Proposals");
  const results = h("div", { class: "fit results-box" });

  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    if (view.phase === "proposing") {
      const sent = view.proposals || [];
      tally.textContent = `${plural(view.proposal_count, "proposal")} so far · voting starts soon`
        + (sent.length < view.proposal_count ? ` · the newest ${sent.length} on the wall` : "");
      if (body.firstChild !== proposals) fill(body, proposals);
      wall.show([...sent].reverse()); // the server sends the newest, oldest first
      return;
    }
    const voted = `${plural(view.voters, "person", "people")} voted · ${plural(view.dots_placed, "dot")}`;
    if (!revealed || !view.results) {
      tally.textContent = "Results are hidden until the facilitator reveals them.";
      fill(body, stats(view));
      return;
    }
    tally.textContent = voted;
    if (body.firstChild !== results) fill(body, results);
    const list = resultsList(view.results, view.breakdown, { big: true });
    const rows = [...list.children];
    for (const row of rows) row.querySelector(".result-text").dir = "auto";
    const more = h("p", { class: "more" });
    fill(results, legend(view.breakdown), list, more);
    fitMost(results, ["large", "medium", "small"], rows.length, (from, to) => {
      rows.forEach((row, i) => { row.hidden = i >= to; });
      const rest = view.results.slice(to);
      more.textContent = rest.length ? `and ${plural(rest.length, "more option")}, with ${
        plural(rest.reduce((sum, r) => sum + r.dots, 0), "dot")} between them` : "";
      more.hidden = !rest.length;
    });
  });
}
