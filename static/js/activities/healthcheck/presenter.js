// Partnership health check on the projector: the spread for each element.
import { h, fill } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { answered } from "./shared.js";
import { spreadBar, legend, origins } from "./results.js";

export function presenter(root) {
  const body = h("div", { class: "health-screen" });
  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    tally.textContent = answered(view.people)
      + (revealed ? "" : " · results are hidden until the facilitator reveals them");
    if (!view.results) { fill(body); return; }
    const groups = view.results.groups;
    fill(body, legend(), view.results.elements.map((e) => [spreadBar(e, true),
      groups.length > 1 ? h("p", { class: "by-group" }, groups.map((g) =>
        `${g} ${e.by_group[g] === undefined ? "–" : e.by_group[g].toFixed(1)}`).join(" · ")) : null]),
    origins(view.results, view.origin_choices));
  });
}
