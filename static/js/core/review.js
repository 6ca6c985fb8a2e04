// On a phone: one's own contribution that waits for the facilitator's review says so,
// beside it, until the facilitator approves it (activities/contributions.py).
import { h } from "./dom.js";

export const WAITING = "Waiting for the facilitator";

/** reviewNote() answers { element, show(waiting) }: the words, shown while it waits. */
export function reviewNote() {
  const element = h("span", { class: "review-note", hidden: true }, WAITING);
  return { element, show(waiting) { element.hidden = !waiting; } };
}
