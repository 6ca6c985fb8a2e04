// Before text is sent: does it look like personal data (an email address, a phone number,
// an NHS number ...)? If so, its author is asked first. The patterns, their labels and the
// warning's words come from the server (activities/personal_data.py, in the page's
// data-personal), which holds what it finds for the facilitator's review whatever the
// phone does; only the NHS number's check digit is worked out here as there, and
// tests/e2e/test_personal_data.py runs both over one table of examples.
import { h } from "./dom.js";

const served = JSON.parse(document.body.dataset.personal || "null");
const KINDS = (served?.kinds || []).map((kind) => ({ ...kind, regex: new RegExp(kind.pattern, "gi") }));

/** Ten digits with a valid modulus 11 check digit, and not all the same. */
export function nhsCheckDigit(digits) {
  if (digits.length !== 10 || new Set(digits).size === 1) return false;
  let total = 0;
  for (let i = 0; i < 9; i += 1) total += Number(digits[i]) * (10 - i);
  let check = 11 - (total % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(digits[9]);
}

const CHECKS = { nhs: (found) => nhsCheckDigit(found.replace(/[^0-9]/g, "")) };

/** The kinds of personal data these texts seem to hold, in the server's order. */
export function findPersonal(...texts) {
  const text = texts.filter((t) => typeof t === "string").join("\n");
  const found = [];
  for (const kind of KINDS) {
    kind.regex.lastIndex = 0;
    for (const match of text.matchAll(kind.regex)) {
      if (!kind.check || CHECKS[kind.check](match[1])) { found.push(kind.kind); break; }
    }
  }
  return found;
}

/** "a phone number", "an email address and a postcode" */
export function said(kinds) {
  const labels = kinds.map((kind) => KINDS.find((k) => k.kind === kind)?.label || kind);
  return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

let dialog = null;

function warningDialog() {
  if (dialog) return dialog;
  const text = h("p", { id: "personal-warning-text" });
  dialog = h("dialog", { class: "personal-warning", "aria-labelledby": "personal-warning-text" },
    h("form", { method: "dialog" }, text,
      h("div", { class: "button-row" },
        h("button", { value: "change", class: "secondary", autofocus: true }, "Go back and change it"),
        h("button", { value: "send" }, "Send anyway"))));
  dialog.text = text;
  document.body.append(dialog);
  return dialog;
}

/** Whether to send: true at once when nothing typed in `payload` (the fields of
 * `typed`, {field: length}) looks like personal data; otherwise the person is asked,
 * in words, and it is their choice. */
export function mayBeSent(payload, typed = {}) {
  const kinds = findPersonal(...Object.keys(typed).map((field) => payload?.[field]));
  if (!kinds.length || !served) return Promise.resolve(true);
  const box = warningDialog();
  const before = document.activeElement;
  box.text.textContent = served.warning.replace("{what}", said(kinds));
  box.returnValue = "";
  box.showModal();
  return new Promise((resolve) => {
    box.addEventListener("close", () => {
      before?.focus?.();
      resolve(box.returnValue === "send");
    }, { once: true });
  });
}

const limits = JSON.parse(document.body.dataset.limits || "{}");

/** The fields people type into for an action of a type: those the page's limits name. */
export function typedFields(type, action) {
  return limits[type]?.[action] || {};
}
