// What every screen shares: the connection status line, error notices, the countdown,
// and the place where the current activity is drawn.
import { h, fill, setText } from "./dom.js";
import { t } from "./i18n.js";

const STATUS_TEXT = {
  connected: t("Connected"),
  slow: t("Slow connection"),
  reconnecting: t("Reconnecting… your work is kept"),
  ended: t("Workshop deleted"),
};

export function showStatus(el, status, detail) {
  setText(el, detail || STATUS_TEXT[status] || status); // detail: the server's words
  el.dataset.status = status;
}

export function notice(el, message) {
  if (!message) { el.hidden = true; return; }
  fill(el, message);
  el.hidden = false;
  clearTimeout(el._timer);
  el._timer = setTimeout(() => { el.hidden = true; }, 8000);
}

// The longest text each action's fields take, {type: {action: {field: characters}}}, as
// the server declares them; the page carries them, and a part is given its own type's.
const limits = JSON.parse(document.body.dataset.limits || "{}");

// This screen's part of each activity type, static/js/activities/<type>/<screen>.js, at
// the versioned address the page names: a phone loads only what it draws, never the
// projector's or the console's code.
const partUrls = JSON.parse(document.querySelector("meta[name=roundtable-modules]")?.content || "{}");
const parts = new Map();
function activityPart(type, screen) {
  if (!Object.prototype.hasOwnProperty.call(partUrls, type)) throw new Error(`unknown activity type ${type}`);
  if (!parts.has(type)) parts.set(type, import(partUrls[type]).then((module) => module[screen]));
  return parts.get(type);
}

/** Where a screen shows the current activity. `show(activity, place)` mounts this
 * screen's part of the activity's type in a fresh root, handed to `place` to put on the
 * page, when the activity changes; it resolves with the part to update, or with null
 * when a later `show` or `clear` overtook it while the part loaded. The part is given
 * `context` (`{ act, dismiss }` on a phone, `{ act, request, agenda }` on the console),
 * the activity's `activityId`, and `limits`, its type's text limits by action and field,
 * e.g. `limits.answer.text`. */
export function activitySlot(screen, context = {}) {
  let mounted = null; // {activityId, part}
  let calls = 0;
  return {
    async show(activity, place) {
      const call = ++calls;
      if (mounted?.activityId !== activity.id) {
        const mount = await activityPart(activity.type, screen);
        if (call !== calls) return null;
        const root = h("div", { class: "activity" });
        place(root);
        mounted = { activityId: activity.id,
          part: mount(root, { ...context, activityId: activity.id, limits: limits[activity.type] || {} }) };
      }
      return mounted.part;
    },
    /** Updates the part if it is still the one showing `activity`. */
    update(activity) {
      if (mounted?.activityId === activity.id) mounted.part.update(activity);
    },
    clear() {
      calls += 1;
      mounted = null;
    },
  };
}

/** A countdown that follows the server's clock, not the device's. */
export function countdown(el, onEnd) {
  let endsAt = null;
  let offset = 0;
  let ticker = null;
  function tick() {
    if (!endsAt) { el.hidden = true; return; }
    const left = Math.max(0, Math.round(endsAt - (Date.now() / 1000 + offset)));
    el.hidden = false;
    setText(el, left > 0
      ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`
      : t("Time’s up"));
    el.dataset.state = left > 0 ? (left <= 10 ? "ending" : "running") : "done";
    if (left === 0) { clearInterval(ticker); ticker = null; onEnd?.(); }
  }
  return {
    update(timer, serverNow) {
      offset = serverNow - Date.now() / 1000;
      endsAt = timer ? timer.ends_at : null;
      clearInterval(ticker);
      ticker = endsAt ? setInterval(tick, 250) : null;
      tick();
    },
  };
}
