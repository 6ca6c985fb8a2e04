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
const parts = new Map(); // type -> the promise of its loaded module

// On venue wi-fi a part's fetch can fail or hang. A failed one is tried again after a
// pause; one that has had no answer for a while is tried again beside it, as waiting
// longer on the same fetch may never end. Each try has an address of its own (`&try=`,
// which the server ignores), since a browser may answer a second import of an address
// with that address's earlier failure, or hold it behind the same hung fetch.
const RETRY_MS = [1000, 2000, 4000, 8000]; // after each failure; the last repeats
const HUNG_MS = 8000;
const MOST_AT_ONCE = 3; // hung tries kept waiting at once: each holds a connection

function loadPart(url) { // url: versioned, so it has a query already
  return new Promise((resolve) => {
    let tries = 0;
    let waiting = 0; // tries with no answer yet
    let loaded = false;
    function attempt() {
      if (loaded) return;
      tries += 1;
      waiting += 1;
      const hung = setTimeout(() => { if (waiting < MOST_AT_ONCE) attempt(); }, HUNG_MS);
      import(tries === 1 ? url : `${url}&try=${tries}`).then((module) => {
        loaded = true;
        clearTimeout(hung);
        resolve(module);
      }, () => {
        waiting -= 1;
        clearTimeout(hung);
        setTimeout(attempt, RETRY_MS[Math.min(tries, RETRY_MS.length) - 1]);
      });
    }
    attempt();
  });
}

function activityPart(type, screen) {
  if (!Object.prototype.hasOwnProperty.call(partUrls, type)) throw new Error(`unknown activity type ${type}`);
  if (!parts.has(type)) parts.set(type, loadPart(partUrls[type]).then((module) => module[screen]));
  return parts.get(type);
}

// While a part loads for longer than a moment, its place says so in words.
const LOADING_MS = 1000;
const SLOW_LOADING_MS = 5000;

/** Where a screen shows the current activity. `show(activity, place)` mounts this
 * screen's part of the activity's type in a fresh root, handed to `place` to put on the
 * page, when the activity changes; it resolves with the part to update, or with null
 * when a later `show` or `clear` overtook it while the part loaded. A part that takes
 * long to load has a root of its own meanwhile, saying it is loading. The part is given
 * `context` (`{ act, read, dismiss }` on a phone, `{ act, request, agenda }` on the console),
 * the activity's `activityId`, and `limits`, its type's text limits by action and field,
 * e.g. `limits.answer.text`. */
export function activitySlot(screen, context = {}) {
  let mounted = null; // {activityId, part}
  let loading = null; // {activityId, stop}: while the part of the activity to show loads
  let calls = 0;

  /** Says in the activity's place that its part is loading, if it takes a while, until
   * `stop()`. */
  function sayLoading(activityId, place) {
    let words = null;
    const say = (text) => {
      if (!words) {
        mounted = null; // what was shown has gone: to show it again, it is mounted afresh
        words = h("p", { class: "waiting", role: "status" });
        place(h("div", { class: "activity" }, words));
      }
      setText(words, text);
    };
    const timers = [
      setTimeout(() => say(t("Loading the activity…")), LOADING_MS),
      setTimeout(() => say(t("Still loading the activity: the connection is slow.")), SLOW_LOADING_MS),
    ];
    return { activityId, stop: () => timers.forEach(clearTimeout) };
  }

  function stopLoading() {
    loading?.stop();
    loading = null;
  }

  return {
    async show(activity, place) {
      const call = ++calls;
      if (mounted?.activityId === activity.id) {
        stopLoading();
        return mounted.part;
      }
      const part = activityPart(activity.type, screen);
      if (loading?.activityId !== activity.id) { // the same one's words go on as they were
        stopLoading();
        loading = sayLoading(activity.id, place);
      }
      const mount = await part;
      if (call !== calls) return null;
      stopLoading();
      const root = h("div", { class: "activity", dataset: { activity: activity.id } });
      place(root);
      mounted = { activityId: activity.id, root,
        part: mount(root, { ...context, activityId: activity.id, limits: limits[activity.type] || {} }) };
      return mounted.part;
    },
    /** Updates the part if it is still the one showing `activity`; its root then says
     * whether the results it shows are revealed (`data-revealed`). */
    update(activity) {
      if (mounted?.activityId !== activity.id) return;
      mounted.part.update(activity);
      mounted.root.dataset.revealed = String(Boolean(activity.revealed));
    },
    clear() {
      calls += 1;
      mounted = null;
      stopLoading();
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
