// Before typed text is sent: does it look like personal data? Then its author is asked.
// The patterns come from the server (activities/personal_data.py, served at
// /personal-data.json), which holds such text for review whatever the phone does; only
// the NHS check digit is worked out here as there (tests/e2e/test_personal_data.py).
import { h } from "./dom.js";
import { t } from "./i18n.js";

const limits = JSON.parse(document.body.dataset.limits || "{}");
let kinds = null;
document.head.append(h("link", { rel: "stylesheet", href: new URL("../../css/personal.css", import.meta.url).pathname }));

/** The server's patterns, fetched the first time they are needed, not with the page (it
 * stays light on a slow link). Offline, none: the text goes unchecked, the server holds
 * it all the same, and the next check asks again. On a link that stalls, none either
 * after PATTERNS_WAIT_MS (a submission does not wait on them); they are kept once come. */
const PATTERNS_WAIT_MS = 3000;
function patterns() {
  kinds ||= fetch("/personal-data.json")
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((list) => list.map((k) => ({ ...k, regex: new RegExp(k.pattern, "gi") })))
    .catch(() => { kinds = null; return []; });
  return Promise.race([kinds, new Promise((resolve) => { setTimeout(resolve, PATTERNS_WAIT_MS, []); })]);
}
patterns(); // asked for as the person starts typing (this module loads then), ready by the time they send

/** What each kind is said to be, as a whole sentence (the console's flags say it too). */
const LOOKS_LIKE = {
  email: t("This looks like an email address."),
  phone: t("This looks like a phone number."),
  nhs: t("This looks like an NHS number."),
  nino: t("This looks like a National Insurance number."),
  postcode: t("This looks like a postcode."),
  birth: t("This looks like a date of birth."),
};

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
export async function findPersonal(...texts) {
  const text = texts.filter((x) => typeof x === "string").join("\n");
  return (await patterns()).filter((k) => [...text.matchAll(k.regex)].some((m) => !k.check || CHECKS[k.check](m[1])))
    .map((k) => k.kind);
}

/** "This looks like a phone number." for each kind found. */
export function said(kinds) {
  return kinds.map((kind) => String(LOOKS_LIKE[kind] || "")).join(" ");
}

let dialog = null;

/** Whether to send `payload` for `action` of an activity `type`: at once unless a field
 * people type into looks like personal data; then it is the person's choice, asked in
 * words. */
export async function mayBeSent(type, action, payload) {
  const kinds = await findPersonal(...Object.keys(limits[type]?.[action] || {}).map((f) => payload?.[f]));
  if (!kinds.length) return true;
  if (!dialog) {
    dialog = h("dialog", { class: "personal-warning", "aria-labelledby": "personal-warning" },
      h("form", { method: "dialog" }, h("p", { id: "personal-warning" }),
        h("div", { class: "button-row" },
          h("button", { value: "change", class: "secondary", autofocus: true }, t("Go back and change it")),
          h("button", { value: "send" }, t("Send anyway")))));
    document.body.append(dialog);
  }
  const before = document.activeElement;
  dialog.querySelector("p").textContent = [said(kinds), t("Workshops should not hold personal data. Send anyway?")].join(" ");
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => {
    before?.focus?.();
    resolve(dialog.returnValue === "send");
  }, { once: true }));
}
