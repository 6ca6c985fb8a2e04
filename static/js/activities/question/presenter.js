// Open question on the projector: the question, then a wall of answers.
//
// Volume: every answer at the largest size that holds them all; past that, pages at the
// smallest readable size, newest first, turning by themselves ("Answers 17–32 of 65"), so
// that the early answers are seen too. A new answer turns the wall back to the first page.
import { h, setLine } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { newestOnTheWall, pagedWall } from "../../core/fit.js";
import { answersFrom } from "./shared.js";

export function presenter(root) {
  const box = h("div", { class: "wall-box" });
  const wall = pagedWall(box, t("Answers"));
  return presenterFrame(root, box, ({ view, revealed }, tally) => {
    const sent = revealed ? view.answers || [] : [];
    setLine(tally, [answersFrom(view), !revealed ? t("answers are hidden until the facilitator reveals them")
      : sent.length < view.count && newestOnTheWall(sent.length)]);
    wall.show(sent);
  });
}
