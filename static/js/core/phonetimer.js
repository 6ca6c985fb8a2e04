// The facilitator's timer on a phone: the time left, and in words what its end means.
// When time is up, submissions stay open until the facilitator closes them, so that
// nobody loses what they are still typing; the phone says so.
import { setText } from "./dom.js";
import { t } from "./i18n.js";
import { countdown } from "./screen.js";

/** phoneTimer(box) answers update(view): the box shows while a timer runs or has run. */
export function phoneTimer(box) {
  const clock = box.querySelector("[data-clock]");
  const left = box.querySelector("[data-left]");
  const words = box.querySelector("[data-words]");
  let view = null;
  let over = false;
  const say = () => {
    left.hidden = over;
    setText(words, over && view?.activity?.is_open
      ? t("You can still send until the facilitator closes submissions.") : "");
  };
  const timer = countdown(clock, () => { over = true; say(); });
  let endsAt = null;
  return {
    update(next) {
      view = next;
      const timing = view.workshop.timer;
      if ((timing?.ends_at ?? null) !== endsAt) { endsAt = timing?.ends_at ?? null; over = false; }
      timer.update(timing, view.now);
      box.hidden = !timing;
      say();
    },
  };
}
