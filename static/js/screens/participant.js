// The participant's phone: follows the facilitator from activity to activity, and says
// what became of everything the person sent: sending, sent, refused, or waiting on the
// phone for the connection.
import { connect } from "../core/live.js";
import { h, fill, named } from "../core/dom.js";
import { forgetDrafts } from "../core/drafts.js";
import { t, tn } from "../core/i18n.js";
import { activitySlot, notice, showStatus } from "../core/screen.js";

const { code } = document.body.dataset;
const screen = document.getElementById("screen");
const noticeEl = document.getElementById("notice");
const statusEl = document.getElementById("connection");
const timerBox = document.getElementById("phone-timer");
const sendingEl = document.getElementById("sending");
const returnedEl = document.getElementById("returned");

let current = null; // the activity as last shown, with `mine`
let status = "connecting";
let latestOwn = null; // it may come before its activity's view
const slot = activitySlot("participant", { act, read, dismiss: (cid) => live.dismiss(cid) });

const live = connect({
  code,
  role: "participant",
  onView: render,
  onOwn(own) {
    latestOwn = own;
    if (current && own.activity_id === current.id) {
      current = { ...current, mine: own.mine };
      redraw();
    }
  },
  onStatus(next, detail) {
    status = next;
    showStatus(statusEl, next, detail);
    if (next === "ended") forgetDrafts();
    showSending();
  },
  onError(message) {
    sending.refused();
    notice(noticeEl, message);
  },
  onQueue() {
    redraw();
    showSending();
    showReturned();
  },
});

/** The activity with what this phone still holds for it: submissions on their way or
 * waiting (`queued`), and ones the server refused after they waited (`returned`). */
function withOutbox(activity) {
  return { ...activity, queued: live.queued(activity.id), returned: live.returned(activity.id) };
}

function redraw() {
  if (current) slot.update(withOutbox(current));
}

// The personal-data check loads once the person types (offline, or not come within
// CHECK_WAIT_MS on a link that stalls: unchecked; the server holds it). A submission
// never waits longer for it.
const typed = JSON.parse(document.body.dataset.limits || "{}");
const CHECK_WAIT_MS = 3000;
let personal = null;
const personalCheck = () => (personal ||= import("../core/personal.js").catch(() => { personal = null; }));
document.addEventListener("input", personalCheck, { capture: true, once: true });
const inTime = (promise) => Promise.race([promise, new Promise((resolve) => { setTimeout(resolve, CHECK_WAIT_MS); })]);

async function act(action, payload) {
  const activity = current; // the one this was typed in, even if the room moves on meanwhile
  const check = typed[activity.type]?.[action] ? await inTime(personalCheck()) : null;
  if (check && !(await check.mayBeSent(activity.type, action, payload))) {
    return { ok: false, cancelled: true }; // kept in its box, to change
  }
  const answer = await live.act(activity.id, action, payload);
  if (answer.ok && answer.own && current && answer.own.activity_id === current.id) {
    current = { ...current, mine: answer.own.mine };
    redraw();
  }
  if (!answer.ok && !answer.queued) {
    sending.refused();
    notice(noticeEl, t("Not sent: %(reason)s", { reason: answer.error }));
  }
  showSending();
  return answer;
}

/** An action that only reads (a journey cell's notes): asked of the running activity, never
 * queued; resolves with the server's answer, or a refusal in words when offline. */
function read(action, payload) {
  return live.request("read", { activity_id: current.id, action, payload });
}

/** One line at the foot of the screen, when the link is slow or down: what is on its way
 * or waiting, then "Sent." once it has all gone. When all goes well it stays out of the
 * way: an answer that takes a moment says nothing. */
const sending = (() => {
  const GRACE_MS = 600;
  let told = false; // the line has said something is on its way
  let refusal = false; // something was refused since: it says so itself
  let graceTimer = null;
  let clearTimer = null;
  function say(text, state) {
    clearTimeout(clearTimer);
    sendingEl.hidden = !text;
    if (sendingEl.textContent !== (text || "")) sendingEl.textContent = text || "";
    sendingEl.dataset.state = state || "";
  }
  return {
    refused() { refusal = true; },
    show() {
      const waiting = live.pending();
      if (!waiting) {
        clearTimeout(graceTimer);
        graceTimer = null;
        if (told && !refusal) {
          say(t("Sent."), "sent");
          clearTimer = setTimeout(() => say(null), 4000);
        } else if (told) say(null);
        told = refusal = false;
        return;
      }
      if (status === "connected" && !told) { // a moment's grace before "Sending…"
        graceTimer ||= setTimeout(() => { graceTimer = null; told = true; sending.show(); }, GRACE_MS);
        return;
      }
      told = true;
      if (status === "connected") say(t("Sending…"), "sending");
      else if (status === "slow") say(t("Still sending: the connection is slow. Your work is kept."), "sending");
      else say(tn("%(num)d thing waiting to send: kept on this phone until the connection is back.", "%(num)d things waiting to send: kept on this phone until the connection is back.", waiting), "waiting");
    },
  };
})();
const showSending = () => sending.show();

const ACTION_WORDS = {
  add: t("A dot"), remove: t("Taking back a dot"), rate: t("A rating"), origin: t("How the partnership came about"),
  feel: t("A feeling"), plus_one: t("A +1"), place: t("A brick"), comment: t("A sentence"),
};

function described(item) {
  const p = item.payload || {};
  const text = [p.term, p.text ?? p.meaning ?? p.name ?? p.title].filter(Boolean).join(": ");
  return text ? `“${text}”` : ACTION_WORDS[item.action] || t("A change you made");
}

/** Submissions the server refused after they had waited, that no box on screen has taken
 * back (another activity's, or this one's while it is closed): each stays, with the
 * reason, until the person has read it. Text kept here goes back into its box when its
 * activity is open again. */
function showReturned() {
  const items = live.returned();
  returnedEl.hidden = !items.length;
  if (!items.length) { fill(returnedEl); return; }
  fill(returnedEl, h("h2", {}, t("Not sent")), h("ul", {}, items.map((item) => {
    const words = described(item);
    const typed = words.startsWith("“");
    return h("li", {},
      h("p", { class: "returned-what" }, words),
      h("p", { class: "error" }, item.error),
      typed ? h("p", { class: "hint" }, t("It goes back into its box if the activity opens again.")) : null,
      h("button", { type: "button", class: "secondary", onclick: () => live.dismiss(item.cid) },
        typed ? named(t("Discard"), words) : t("OK")));
  })));
}

// The facilitator's timer. Its code is fetched the first time one runs (most activities
// have none), so that a phone's first load stays light; the clock is read as it was when
// the view arrived.
let timer = null;
function showTimer(view) {
  if (!timer && !view.workshop.timer) return;
  const arrived = Date.now();
  timer ??= import("../core/phonetimer.js").then(({ phoneTimer }) => phoneTimer(timerBox),
    () => { timer = null; }); // not fetched: the next view tries again
  timer.then((shown) => shown?.update({ ...view, now: view.now + (Date.now() - arrived) / 1000 }));
}

async function render(view) {
  document.title = String(t("%(workshop)s: Roundtable", { workshop: view.workshop.title }));
  showTimer(view);
  const activity = view.activity;
  if (!activity) {
    slot.clear();
    current = null;
    const text = view.workshop.current < 0
      ? t("You’re in. The workshop will start soon: keep this page open.")
      : t("Waiting for the next activity…");
    fill(screen, h("h1", { class: "waiting" }, text));
    return;
  }
  const mine = activity.mine ?? (current && current.id === activity.id ? current.mine : null)
    ?? (latestOwn && latestOwn.activity_id === activity.id ? latestOwn.mine : null);
  current = { ...activity, mine };
  const part = await slot.show(activity, (root) => fill(screen, root));
  if (part) redraw(); // null: a newer view arrived while the part loaded
}

showSending();
showReturned();
