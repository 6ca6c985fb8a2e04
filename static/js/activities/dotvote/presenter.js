// Dot voting on the projector: hidden tallies, then ranked bars.
import { h, fill, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { resultsList, legend } from "./results.js";

export function presenter(root) {
  const body = h("div", { class: "vote-body" });
  return presenterFrame(root, body, ({ view, revealed }) => {
    if (view.phase === "proposing") {
      fill(body, h("p", { class: "tally" }, `${plural(view.proposal_count, "proposal")} so far · voting starts soon`),
        h("ul", { class: "wall" }, (view.proposals || []).map((p) => h("li", {}, p.text))));
      return;
    }
    const stats = h("ul", { class: "stats" },
      h("li", {}, h("span", { class: "stat" }, String(view.voters)), view.voters === 1 ? "person has voted" : "people have voted"),
      h("li", {}, h("span", { class: "stat" }, String(view.dots_placed)), view.dots_placed === 1 ? "dot placed" : "dots placed"),
      h("li", {}, h("span", { class: "stat" }, String(view.used_all)), "used all their dots"));
    if (!revealed || !view.results) {
      fill(body, stats, h("p", { class: "tally" }, "Results are hidden until the facilitator reveals them."));
      return;
    }
    const shown = view.results.slice(0, 12);
    fill(body, legend(view.breakdown), resultsList(shown, view.breakdown, { big: true }),
      view.results.length > shown.length
        ? h("p", { class: "tally" }, `and ${plural(view.results.length - shown.length, "more option")}`) : null,
      h("p", { class: "tally" }, `${plural(view.voters, "person", "people")} voted · ${plural(view.dots_placed, "dot")}`));
  }, { tally: false });
}
