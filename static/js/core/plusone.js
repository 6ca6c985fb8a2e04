// "+1" on someone else's contribution, made once and updated in place as counts arrive.
import { h } from "./dom.js";

/** A +1 button: update({ id, can, given, what }) shows it (or not), pressed or not;
 * `what` tells a screen reader what it recognises. */
export function plusOneButton(act) {
  const label = h("span", {});
  const spoken = h("span", { class: "visually-hidden" });
  let id = null;
  const button = h("button", { type: "button", class: "secondary", onclick: () => act("plus_one", { id }) }, label, spoken);
  return {
    button,
    update({ id: next, can, given, what }) {
      id = next;
      button.hidden = !can;
      button.disabled = given;
      label.textContent = given ? "+1 given" : "+1";
      spoken.textContent = `: ${what}`;
    },
  };
}
