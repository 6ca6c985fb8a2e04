// What a phone shows of its own submissions that the server has not answered yet
// (`activity.queued`, each with `state`: "sending", or "waiting" for the connection): in
// the person's own lists, marked, so that nothing they did seems to have vanished; and
// what waits for the facilitator's review.
import { h } from "./dom.js";
import { t } from "./i18n.js";

const WORDS = {
  new: { sending: t("Sending…"), waiting: t("Waiting to send: kept on this phone") },
  change: { sending: t("Sending the change…"), waiting: t("Change waiting to send") },
  remove: { sending: t("Removing…"), waiting: t("Removal waiting to send") },
};

/** The latest queued `action` for each key(item): Map key -> queued item. */
export function latestQueued(queued, action, key) {
  const latest = new Map();
  for (const item of queued || []) if (item.action === action) latest.set(key(item), item);
  return latest;
}

/** How many of `action` are queued, for each key(item): Map key -> count. */
export function countQueued(queued, action, key) {
  const counts = new Map();
  for (const item of queued || []) {
    if (item.action === action) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
  }
  return counts;
}

/** "Waiting for the facilitator" beside one's own held contribution: { element, show }. */
const WAITING = t("Waiting for the facilitator");
export function reviewNote() {
  const element = h("span", { class: "review-note", hidden: true }, WAITING);
  return { element, show(waiting) { element.hidden = !waiting; } };
}

/** A word beside an item: show({ state, what }) says it is on its way or waiting
 * (`what`: "new", "change" or "remove"); show(null) hides it. */
export function waitingWord() {
  const element = h("span", { class: "waiting-word", hidden: true });
  return {
    element,
    show(busy) {
      const text = busy ? WORDS[busy.what || "new"][busy.state] : "";
      element.hidden = !text;
      if (element.textContent !== text) element.textContent = text;
    },
  };
}
