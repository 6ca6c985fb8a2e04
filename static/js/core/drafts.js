// What a person has typed and not sent yet, kept on the phone for each workshop and
// activity: the facilitator moving on (and back), a reload or a phone that slept loses
// none of it. A submission the server refused comes back into its box, with the reason
// beside it until the person sends again or empties the box.
import { h } from "./dom.js";
import { t } from "./i18n.js";

const code = document.body.dataset.code;
const PREFIX = `roundtable:draft:${code}:`;
const keyOf = (activityId, name) => `${PREFIX}${activityId}:${name}`;

export function readDraft(activityId, name) {
  try {
    const saved = JSON.parse(localStorage.getItem(keyOf(activityId, name)));
    return saved && typeof saved === "object" ? saved : null;
  } catch { return null; }
}

export function writeDraft(activityId, name, value, reason = null) {
  try {
    if (value === "" || value === null || value === undefined) localStorage.removeItem(keyOf(activityId, name));
    else localStorage.setItem(keyOf(activityId, name), JSON.stringify({ value, reason }));
  } catch { /* private mode: kept on the page only */ }
}

/** Every draft of this workshop goes (the workshop was deleted). */
export function forgetDrafts() {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch { /* nothing kept */ }
}

/** Keeps a text field's value on the phone under `name`: restored now, saved as the
 * person types. Answers { reason, clear(), giveBack(text, why) }: `reason` is an element
 * to place after the field, showing why a submission came back. Changes made here fire
 * the field's "input" event, so that what follows it (a character count) follows. */
export function keepDraft(field, activityId, name) {
  const reason = h("p", { class: "error given-back", role: "alert", hidden: true });
  let why = null;
  function show(text) {
    why = text || null;
    reason.hidden = !why;
    reason.textContent = why ? t("Not sent: %(reason)s", { reason: why }) : "";
  }
  const saved = readDraft(activityId, name);
  if (saved && typeof saved.value === "string") {
    field.value = saved.value;
    show(saved.reason);
  }
  field.addEventListener("input", () => {
    if (!field.value) show(null);
    writeDraft(activityId, name, field.value, why);
  });
  const changed = () => field.dispatchEvent(new Event("input"));
  return {
    reason,
    clear() {
      field.value = "";
      changed();
    },
    /** A refused submission's text back in the box, with the reason. Text typed since
     * stays, after it. */
    giveBack(text, because) {
      const typed = field.value.trim();
      const gap = field.tagName === "TEXTAREA" ? "\n" : " ";
      field.value = typed && typed !== text ? `${text}${gap}${typed}` : text;
      show(because);
      changed();
    },
  };
}
