// The connection of one screen: a snapshot on every (re)connect, newer views after,
// commands with acknowledgements, and an outbox so that a submission made on bad wi-fi
// is sent again (with the same id) until the server answers it. Every submission
// settles: accepted, refused in words, or kept on the phone while the connection is down
// (then sent by itself, and if the server refuses it then, handed back with the reason).
import { io } from "/static/vendor/socket.io.esm.min.js";
import { t } from "./i18n.js";

// An answer normally comes in well under a second. One that takes longer than this is
// late: the screen says the connection is slow, and the submission is sent again with
// the same id (the server answers a copy from its record, storing nothing twice).
const ACK_TIMEOUT_MS = 5000;
const RESEND_DELAY_MS = [500, 2000]; // a random pause first, so phones do not resend in step
const SERVER_RETRY_MS = [1500, 3000]; // when the server asks us to wait

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12)); // works on plain http too
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function between([low, high]) {
  return low + Math.random() * (high - low);
}

/** A Map kept in localStorage under `key`, so that a reload or a phone that slept finds
 * it again. */
function storedMap(key) {
  let entries = [];
  try { entries = JSON.parse(localStorage.getItem(key) || "[]"); } catch { /* unreadable: start empty */ }
  const map = new Map(Array.isArray(entries) ? entries : []);
  map.save = () => {
    try { localStorage.setItem(key, JSON.stringify([...map])); } catch { /* private mode */ }
  };
  map.forget = () => { map.clear(); localStorage.removeItem(key); };
  return map;
}

export function connect({ code, role, onView, onOwn, onStatus, onError, onQueue }) {
  const transports = (document.querySelector("meta[name=roundtable-transports]")?.content
    || "websocket,polling").split(",");
  const socket = io({ auth: { code, role }, transports });
  const outbox = storedMap(`roundtable:outbox:${code}:${role}`); // cid -> message, until answered
  const returned = storedMap(`roundtable:returned:${code}:${role}`); // cid -> refused message, until dismissed
  const waiting = new Map(); // cid -> resolve, for submissions this page is waiting on
  let version = -1;
  let flushing = false;
  let flushAgain = false;
  let retryTimer = null;
  let rejoinTimer = null;
  let slow = false;

  // Told after the current step is done: a screen that gives a refused submission back
  // (and dismisses it) while it draws is drawn again afterwards, not in the middle.
  let queueTold = false;
  const queueChanged = () => {
    if (queueTold) return;
    queueTold = true;
    queueMicrotask(() => { queueTold = false; onQueue?.(); });
  };

  function acceptView(view) {
    if (!view || view.version < version) return;
    version = view.version;
    onView(view);
  }

  function setSlow(now) {
    if (slow === now) return;
    slow = now;
    if (socket.connected) onStatus?.(slow ? "slow" : "connected");
  }

  /** Sends `event` and resolves with the server's answer. While the connection stays up
   * and no answer comes, the same message is sent again after a pause (when `resend`:
   * only what is safe to repeat); an answer to any of the copies counts. Resolves with
   * {offline: true} if the connection goes first. */
  function deliver(event, data, { resend = true } = {}) {
    return new Promise((resolve) => {
      let timer = null;
      let done = false;
      function finish(answer) {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.off("disconnect", dropped);
        if (!answer.offline) setSlow(false);
        resolve(answer);
      }
      function dropped() { finish({ ok: false, offline: true, error: t("The connection was lost.") }); }
      function attempt() {
        if (!socket.connected) { dropped(); return; }
        socket.emit(event, data, (answer) => finish(answer && typeof answer === "object" ? answer
          : { ok: false, error: t("The server's answer could not be read.") }));
        timer = setTimeout(() => {
          setSlow(true);
          if (resend) timer = setTimeout(attempt, between(RESEND_DELAY_MS));
          else finish({ ok: false, error: t("No answer yet: the connection is slow. Check before trying again.") });
        }, ACK_TIMEOUT_MS);
      }
      socket.on("disconnect", dropped);
      attempt();
    });
  }

  async function request(event, data, options) {
    if (!socket.connected) {
      return { ok: false, error: t("Not connected just now. Waiting for the connection…"), offline: true };
    }
    return deliver(event, data, options);
  }

  async function sync() {
    const answer = await request("sync", {});
    if (answer.ok) acceptView(answer.view);
  }

  /** The server's last word on a submission: hand it to the page waiting for it, or,
   * when none is (it was kept while offline, or the page was reloaded), keep a refusal
   * for the screen to give back to the person. */
  function settle(cid, message, answer) {
    outbox.delete(cid);
    outbox.save();
    if (answer.ok && answer.own) onOwn?.(answer.own);
    const resolve = waiting.get(cid);
    waiting.delete(cid);
    if (resolve) resolve(answer);
    else if (!answer.ok) {
      returned.set(cid, { ...message, error: answer.error });
      returned.save();
      onError?.(answer.error);
    }
    queueChanged();
  }

  /** The pages waiting on submissions are told they are kept on the phone for now. */
  function keptForLater() {
    for (const resolve of waiting.values()) {
      resolve({ ok: false, queued: true, error: t("Saved on this phone: it will be sent when the connection is back.") });
    }
    waiting.clear();
    queueChanged();
  }

  async function flush() {
    // A submission made while a flush is under way is sent by that flush, once it is done
    // with the ones it started with; otherwise it would wait for the next submission.
    if (flushing) { flushAgain = true; return; }
    flushing = true;
    try {
      do {
        flushAgain = false;
        for (const [cid, message] of [...outbox]) {
          if (!outbox.has(cid)) continue;
          const answer = await deliver("act", { ...message, cid });
          if (answer.offline) { keptForLater(); return; } // sent again when the connection is back
          if (answer.retry) { // kept; the server asked us to try again shortly
            clearTimeout(retryTimer);
            retryTimer = setTimeout(flush, between(SERVER_RETRY_MS));
            onError?.(answer.error);
            return;
          }
          settle(cid, message, answer);
        }
      } while (flushAgain);
    } finally {
      flushing = false;
    }
  }

  socket.on("connect", async () => {
    slow = false;
    onStatus?.("connected");
    queueChanged(); // what waited is now on its way
    await sync();
    await flush();
  });
  socket.on("disconnect", () => {
    onStatus?.("reconnecting");
    queueChanged();
  });
  socket.on("connect_error", (err) => {
    if (socket.active) { onStatus?.("reconnecting"); return; } // the network: it keeps trying
    // The server refused this screen, in words. Socket.IO gives up after a refusal; when
    // the server says it may pass (a full room, a busy network), try again a bit later.
    onStatus?.("refused", err.message);
    if (err.data?.retry) {
      clearTimeout(rejoinTimer);
      rejoinTimer = setTimeout(() => socket.connect(), 5000 + Math.random() * 5000);
    }
  });
  socket.on("view", acceptView);
  socket.on("ended", () => {
    socket.disconnect();
    outbox.forget();
    returned.forget();
    const box = document.createElement("div");
    box.className = "ended";
    const heading = document.createElement("h1");
    heading.textContent = t("This workshop has been deleted.");
    const text = document.createElement("p");
    text.textContent = t("Everything in it is gone from the server. Thank you for taking part.");
    box.append(heading, text);
    document.getElementById("main").replaceChildren(box);
    onStatus?.("ended");
  });
  socket.on("mine", (own) => onOwn?.(own));

  const forActivity = (map, activityId) => [...map]
    .filter(([, message]) => activityId === undefined || message.activity_id === activityId)
    .map(([cid, message]) => ({ cid, ...message }));

  return {
    /** A contribution: kept until the server answers it, so nothing is lost offline.
     * Resolves with the server's answer, or {queued: true} while the connection is down. */
    act(activityId, action, payload = {}) {
      const cid = newId();
      return new Promise((resolve) => {
        outbox.set(cid, { activity_id: activityId, action, payload });
        outbox.save();
        if (socket.connected) {
          waiting.set(cid, resolve);
          queueChanged();
          flush();
        } else {
          queueChanged();
          resolve({ ok: false, queued: true, error: t("Saved on this phone: it will be sent when the connection is back.") });
        }
      });
    },
    /** Submissions for an activity not yet answered, oldest first, each with `state`:
     * "sending" (the connection is up) or "waiting" (kept until it is back). */
    queued(activityId) {
      const state = socket.connected ? "sending" : "waiting";
      return forActivity(outbox, activityId).map((item) => ({ ...item, state }));
    },
    /** Submissions the server refused after they had waited, with its reason (`error`):
     * kept until the screen has given them back to the person (`dismiss`). Without an
     * activity id: every activity's. */
    returned: (activityId) => forActivity(returned, activityId),
    dismiss(cid) {
      if (returned.delete(cid)) { returned.save(); queueChanged(); }
    },
    /** A facilitator command: sent once (a second "next" would skip an activity), never
     * queued. */
    control(command, args = {}) {
      return request("control", { command, args }, { resend: false });
    },
    /** A read-only question to the server, e.g. an activity's items. */
    request: (event, data) => request(event, data),
    /** How many submissions are not answered yet. */
    pending: () => outbox.size,
    socket,
  };
}
