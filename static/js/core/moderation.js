// Moderation on the console: hiding a contribution from the room, and restoring it.
// Rows and buttons are made once and follow the updates in place, so that a press or the
// keyboard focus on "Hide" survives other people's contributions arriving.
import { h, namedButton, setClass, setText } from "./dom.js";
import { keyedList } from "./keyed.js";

/** "Hide" or "Restore" for one contribution: update(item, what) follows the item (`what`
 * tells a screen reader which), and a press acts on the item as it is then. */
export function hideToggle(act) {
  let current = null;
  const { button, name } = namedButton({ class: "secondary",
    onclick: () => act(current.hidden ? "restore" : "hide", { id: current.id }) });
  return {
    button,
    update(item, what) {
      current = item;
      name(item.hidden ? "Restore" : "Hide", what);
    },
  };
}

/** The "hidden" badge, shown while the contribution is hidden. */
export function hiddenMark() {
  const badge = h("span", { class: "badge", hidden: true }, "hidden");
  return { badge, update(item) { badge.hidden = !item.hidden; } };
}

/** For the projector's cards, drawn afresh: the badge, or nothing. */
export function hiddenBadge(item) {
  return item.hidden ? h("span", { class: "badge" }, "hidden") : null;
}

/** A moderation list: each row the text, who gave it, the badge, Hide or Restore.
 * moderationList(ul, act, { text: (item) => words, who: (item) => words or null })
 * answers show(items), which updates the rows in place. */
export function moderationList(list, act, { text, who = () => null }) {
  return keyedList(list, { key: (item) => item.id, make: () => {
    const words = h("span", { class: "answer-text" });
    const by = h("span", { class: "who" });
    const mark = hiddenMark();
    const toggle = hideToggle(act);
    const element = h("li", {}, words, by, mark.badge, toggle.button);
    return {
      element,
      update(item) {
        const said = text(item);
        const author = who(item);
        setClass(element, item.hidden ? "is-hidden" : "");
        setText(words, said);
        setText(by, author || "");
        by.hidden = !author;
        mark.update(item);
        toggle.update(item, said);
      },
    };
  } });
}
