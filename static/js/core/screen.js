// What every screen shares: the connection status line, error notices, the countdown,
// and loading the module that draws the current activity type.
import { fill } from "./dom.js";

const STATUS_TEXT = {
  connected: "Connected",
  reconnecting: "Reconnecting… your work is kept",
  ended: "Workshop deleted",
};

export function showStatus(el, status, detail) {
  el.textContent = detail || STATUS_TEXT[status] || status; // detail: the server's words
  el.dataset.status = status;
}

export function notice(el, message) {
  if (!message) { el.hidden = true; return; }
  fill(el, message);
  el.hidden = false;
  clearTimeout(el._timer);
  el._timer = setTimeout(() => { el.hidden = true; }, 8000);
}

const modules = new Map();
export async function activityModule(type) {
  if (!/^[a-z_]+$/.test(type)) throw new Error(`unknown activity type ${type}`);
  if (!modules.has(type)) modules.set(type, import(`../activities/${type}.js`));
  return modules.get(type);
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
    el.textContent = left > 0
      ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`
      : "Time’s up";
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
