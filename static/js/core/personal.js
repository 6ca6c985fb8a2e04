// Before typed text is sent: does it look like personal data? Then its author is asked.
// The patterns, labels and words come from the server (activities/personal_data.py,
// the page's data-personal), which holds such text for review whatever the phone does;
// only the NHS check digit is worked out here as there (tests/e2e/test_personal_data.py).
import { h } from "./dom.js";

const served = JSON.parse(document.body.dataset.personal || "null");
const KINDS = (served?.kinds || []).map((k) => ({ ...k, regex: new RegExp(k.pattern, "gi") }));
const limits = JSON.parse(document.body.dataset.limits || "{}");

/** Ten digits, not all the same, with a valid modulus 11 check digit. */
export function nhsCheckDigit(digits) {
  if (digits.length !== 10 || new Set(digits).size === 1) return false;
  let total = 0;
  for (let i = 0; i < 9; i += 1) total += digits[i] * (10 - i);
  const check = (11 - (total % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

const CHECKS = { nhs: (found) => nhsCheckDigit(found.replace(/[^0-9]/g, "")) };

/** The kinds of personal data these texts seem to hold, in the server's order. */
export function findPersonal(...texts) {
  const text = texts.filter((t) => typeof t === "string").join("\n");
  return KINDS.filter((k) => [...text.matchAll(k.regex)].some((m) => !k.check || CHECKS[k.check](m[1])))
    .map((k) => k.kind);
}

/** "a phone number", "an email address and a postcode" */
export function said(kinds) {
  const labels = kinds.map((kind) => KINDS.find((k) => k.kind === kind)?.label || kind);
  return labels.length < 2 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

let dialog = null;

/** Whether to send `payload` for `action` of an activity `type`: at once unless a field
 * people type into looks like personal data; then it is the person's choice, asked in
 * words. */
export function mayBeSent(type, action, payload) {
  const kinds = findPersonal(...Object.keys(limits[type]?.[action] || {}).map((f) => payload?.[f]));
  if (!kinds.length || !served) return Promise.resolve(true);
  if (!dialog) {
    dialog = h("dialog", { class: "personal-warning", "aria-labelledby": "personal-warning" },
      h("form", { method: "dialog" }, h("p", { id: "personal-warning" }),
        h("div", { class: "button-row" },
          h("button", { value: "change", class: "secondary", autofocus: true }, "Go back and change it"),
          h("button", { value: "send" }, "Send anyway"))));
    document.body.append(dialog);
  }
  const before = document.activeElement;
  dialog.querySelector("p").textContent = served.warning.replace("{what}", said(kinds));
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => {
    before?.focus?.();
    resolve(dialog.returnValue === "send");
  }, { once: true }));
}
