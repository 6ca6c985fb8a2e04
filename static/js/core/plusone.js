// "+1" on someone else's contribution, made once and updated in place as counts arrive.
import { h } from "./dom.js";
import { t } from "./i18n.js";

/** A +1 button: update({ id, can, given, waiting, what }) shows it (or not), pressed or
 * not, or on its way (`waiting`: "sending", or "waiting" for the connection); `what`
 * tells a screen reader what it recognises. */
export function plusOneButton(act) {
  const label = h("span", {});
  const spoken = h("span", { class: "visually-hidden" });
  let id = null;
  const button = h("button", { type: "button", class: "secondary", onclick: () => act("plus_one", { id }) }, label, spoken);
  return {
    button,
    update({ id: next, can, given, waiting, what }) {
      id = next;
      button.hidden = !can;
      button.disabled = given || Boolean(waiting); // one +1 on its way at a time
      label.textContent = waiting === "sending" ? t("+1 sending…") : waiting ? t("+1 waiting to send")
        : given ? t("+1 given") : "+1";
      spoken.textContent = `: ${what}`;
    },
  };
}
