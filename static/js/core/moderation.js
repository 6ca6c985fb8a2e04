// Moderation on the console: hiding a contribution from the room, and restoring it;
// approving what waits for review, and saying what personal data it seems to hold.
// Rows and buttons are made once and follow the updates in place, so that a press or the
// keyboard focus on "Hide" survives other people's contributions arriving.
import { h, namedButton, setClass, setText } from "./dom.js";
import { keyedList } from "./keyed.js";
import { t } from "./i18n.js";
import { said } from "./personal.js";

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
      name(item.hidden ? t("Restore") : t("Hide"), what);
    },
  };
}

/** The "hidden" badge, shown while the contribution is hidden. */
export function hiddenMark() {
  const badge = h("span", { class: "badge", hidden: true }, t("hidden"));
  return { badge, update(item) { badge.hidden = !item.hidden; } };
}

/** What waits for review: a "waiting" badge, what personal data it seems to hold, and
 * "Approve". update(item, what) follows the item; `elements` go in its row. */
export function reviewMarks(act) {
  let current = null;
  const badge = h("span", { class: "waiting-badge", hidden: true }, t("waiting for you"));
  const flags = h("span", { class: "flags", hidden: true });
  const approve = namedButton({ onclick: () => act("approve", { id: current.id }) });
  approve.button.hidden = true;
  return {
    elements: [badge, flags, approve.button],
    update(item, what) {
      current = item;
      const kinds = item.flags || [];
      badge.hidden = !item.held;
      flags.hidden = !kinds.length;
      setText(flags, said(kinds));
      approve.button.hidden = !item.held || item.hidden;
      approve.name(t("Approve"), what);
    },
  };
}

/** A row's class: hidden, waiting for review, or neither. */
export function rowClass(item) {
  return item.hidden ? "is-hidden" : item.held ? "is-held" : "";
}

/** For the projector's cards, drawn afresh: the badge, or nothing. */
export function hiddenBadge(item) {
  return item.hidden ? h("span", { class: "badge" }, t("hidden")) : null;
}

/** A moderation list: each row the text, who gave it, the badge, Hide or Restore.
 * moderationList(ul, act, { text: (item) => words, who: (item) => words or null })
 * answers show(items), which updates the rows in place. */
export function moderationList(list, act, { text, who = () => null }) {
  return keyedList(list, { key: (item) => item.id, make: () => {
    const words = h("span", { class: "answer-text" });
    const by = h("span", { class: "who" });
    const mark = hiddenMark();
    const review = reviewMarks(act);
    const toggle = hideToggle(act);
    const element = h("li", {}, words, by, mark.badge, ...review.elements, toggle.button);
    return {
      element,
      update(item) {
        const shown = text(item);
        const author = who(item);
        setClass(element, rowClass(item));
        setText(words, shown);
        setText(by, author || "");
        by.hidden = !author;
        mark.update(item);
        review.update(item, shown);
        toggle.update(item, shown);
      },
    };
  } });
}
