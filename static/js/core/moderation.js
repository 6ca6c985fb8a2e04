// Moderation on the console: hiding a contribution from the room, and restoring it.
import { h, named } from "./dom.js";

/** "Hide" or "Restore" for one contribution; `what` tells a screen reader which. */
export function hideButton(act, item, what) {
  return h("button", { type: "button", class: "secondary",
    onclick: () => act(item.hidden ? "restore" : "hide", { id: item.id }) },
  named(item.hidden ? "Restore" : "Hide", what));
}

export function hiddenBadge(item) {
  return item.hidden ? h("span", { class: "badge" }, "hidden") : null;
}

/** A row of a moderation list: the text, who gave it, the badge, Hide or Restore. */
export function moderationRow(act, item, text, who = null) {
  return h("li", { class: item.hidden ? "is-hidden" : "" },
    h("span", { class: "answer-text" }, text),
    who ? h("span", { class: "who" }, who) : null,
    hiddenBadge(item), hideButton(act, item, text));
}
