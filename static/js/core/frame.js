// The frame each activity type draws in, the same on every screen: the prompt as the
// heading, then the activity's own parts. The prompt follows every update.
import { localised } from "./i18n.js";
import { h, setText } from "./dom.js";

/** The phone: the prompt, a line saying where things stand (read out when it changes),
 * and a body. */
export function phoneFrame(root, { stateClass = "activity-state", promptId } = {}) {
  const prompt = h("h1", { class: "prompt", id: promptId });
  const state = h("p", { class: stateClass, role: "status" });
  const body = h("div", {});
  root.append(prompt, state, body);
  return { prompt, state, body };
}

/** The projector: the prompt, a tally line (unless `tally` is false) and `body`;
 * draw(activity, tally) fills them on each update. */
export function presenterFrame(root, body, draw, { tally = true } = {}) {
  const prompt = h("h1", { class: "prompt" });
  const line = tally ? h("p", { class: "tally" }) : null;
  root.append(prompt, ...(line ? [line] : []), body);
  return {
    update(activity) {
      setText(prompt, localised(activity.view.prompt, activity.words));
      draw(activity, line);
    },
  };
}

/** The console: the prompt and a body that draw(body, activity) brings up to date on each
 * update, in place: controls are made once, so that a press or the focus survives. */
export function consoleFrame(root, draw) {
  const prompt = h("h2", {});
  const body = h("div", {});
  root.append(prompt, body);
  return {
    body,
    update(activity) {
      setText(prompt, localised(activity.view.prompt, activity.words));
      draw(body, activity);
    },
  };
}
