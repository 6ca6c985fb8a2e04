// The connection of one screen: a snapshot on every (re)connect, newer views after,
// commands with acknowledgements, and an outbox so that a submission made on bad wi-fi
// is sent again (with the same id) until the server confirms it.
import { io } from "/static/vendor/socket.io.esm.min.js";

const ACK_TIMEOUT_MS = 8000;

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12)); // works on plain http too
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function connect({ code, role, onView, onOwn, onStatus, onError }) {
  const transports = (document.querySelector("meta[name=roundtable-transports]")?.content
    || "websocket,polling").split(",");
  const socket = io({ auth: { code, role }, transports });
  const outboxKey = `roundtable:outbox:${code}:${role}`;
  const outbox = new Map(loadOutbox());
  const waiting = new Map(); // cid -> resolve, for submissions made on this page
  let version = -1;
  let flushing = false;
  let flushAgain = false;
  let retryTimer = null;
  let rejoinTimer = null;

  function loadOutbox() {
    try { return JSON.parse(localStorage.getItem(outboxKey) || "[]"); } catch { return []; }
  }
  function saveOutbox() {
    try { localStorage.setItem(outboxKey, JSON.stringify([...outbox])); } catch { /* private mode */ }
  }

  function acceptView(view) {
    if (!view || view.version < version) return;
    version = view.version;
    onView(view);
  }

  async function request(event, data) {
    if (!socket.connected) {
      return { ok: false, error: "Not connected just now. Waiting for the connection…", offline: true };
    }
    try {
      return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, data);
    } catch {
      return { ok: false, error: "The server did not answer in time.", offline: true };
    }
  }

  async function sync() {
    const answer = await request("sync", {});
    if (answer.ok) acceptView(answer.view);
  }

  async function flush() {
    // A submission made while a flush is under way is sent by that flush, once it is done
    // with the ones it started with; otherwise it would wait for the next submission.
    if (flushing) { flushAgain = true; return; }
    flushing = true;
    flushAgain = false;
    let held = false; // stopped by the connection or the server; they say when to go on
    try {
      for (const [cid, message] of [...outbox]) {
        const answer = await request("act", { ...message, cid });
        if (answer.offline) { held = true; break; } // kept; sent again when the connection is back
        if (answer.retry) { // kept; the server asked us to try again shortly
          clearTimeout(retryTimer);
          retryTimer = setTimeout(flush, 1500 + Math.random() * 1500);
          onError?.(answer.error);
          held = true;
          break;
        }
        outbox.delete(cid);
        saveOutbox();
        waiting.get(cid)?.(answer);
        waiting.delete(cid);
        if (answer.ok && answer.own) onOwn?.(answer.own);
        if (!answer.ok) onError?.(answer.error);
      }
    } finally {
      flushing = false;
    }
    if (flushAgain && !held) flush();
  }

  socket.on("connect", async () => {
    onStatus?.("connected");
    await sync();
    await flush();
  });
  socket.on("disconnect", () => onStatus?.("reconnecting"));
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
    localStorage.removeItem(outboxKey);
    const box = document.createElement("div");
    box.className = "ended";
    const heading = document.createElement("h1");
    heading.textContent = "This workshop has been deleted.";
    const text = document.createElement("p");
    text.textContent = "Everything in it is gone from the server. Thank you for taking part.";
    box.append(heading, text);
    document.getElementById("main").replaceChildren(box);
    onStatus?.("ended");
  });
  socket.on("mine", (own) => onOwn?.(own));

  return {
    /** A contribution: kept until the server confirms it, so nothing is lost offline. */
    act(activityId, action, payload = {}) {
      const cid = newId();
      return new Promise((resolve) => {
        outbox.set(cid, { activity_id: activityId, action, payload });
        saveOutbox();
        if (socket.connected) {
          waiting.set(cid, resolve);
          flush();
        } else resolve({ ok: false, queued: true, error: "Saved on this phone; it will be sent when the connection is back." });
      });
    },
    /** A facilitator command: answered at once, never queued. */
    control(command, args = {}) {
      return request("control", { command, args });
    },
    /** A read-only question to the server, e.g. an activity's items. */
    request,
    pending: () => outbox.size,
    socket,
  };
}
