// Open question on the projector: the question, then a wall of answers.
//
// Volume: every answer at the largest size that holds them all; past that, pages at the
// smallest readable size, newest first, turning by themselves ("Answers 17–32 of 65"), so
// that the early answers are seen too. A new answer turns the wall back to the first page.
import { h, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { pagedWall } from "../../core/fit.js";

export function presenter(root) {
  const box = h("div", { class: "wall-box" });
  const wall = pagedWall(box, "Answers");
  return presenterFrame(root, box, ({ view, revealed }, tally) => {
    const sent = revealed ? view.answers || [] : [];
    const newest = sent.length < view.count ? ` · the newest ${sent.length} on the wall` : "";
    tally.textContent = `${plural(view.count, "answer")} from ${plural(view.people, "person", "people")}`
      + (revealed ? newest : " · answers are hidden until the facilitator reveals them");
    wall.show(sent);
  });
}
