// Open question on the projector: the question, then a wall of answers.
import { h, fill, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";

/** The projector: the question, then the wall (or only the count while hidden). */
export function presenter(root) {
  const wall = h("ul", { class: "wall" });
  let shown = new Set();
  return presenterFrame(root, wall, ({ view, revealed }, tally) => {
    tally.textContent = `${plural(view.count, "answer")} from ${plural(view.people, "person", "people")}`
      + (revealed ? "" : " · answers are hidden until the facilitator reveals them");
    const answers = revealed ? view.answers || [] : [];
    const seen = new Set(answers.map((a) => a.id));
    fill(wall, answers.map((a) => h("li", { class: shown.has(a.id) || !shown.size ? "" : "is-new" }, a.text)));
    shown = seen;
    wall.dataset.size = answers.length > 24 ? "small" : answers.length > 8 ? "medium" : "large";
  });
}
