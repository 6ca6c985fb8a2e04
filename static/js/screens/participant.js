// The participant's phone: follows the facilitator from activity to activity.
import { connect } from "../core/live.js";
import { h, fill } from "../core/dom.js";
import { activitySlot, notice, showStatus } from "../core/screen.js";
import { phoneTimer } from "../core/phonetimer.js";

const { code } = document.body.dataset;
const screen = document.getElementById("screen");
const noticeEl = document.getElementById("notice");
const statusEl = document.getElementById("connection");
const timer = phoneTimer(document.getElementById("phone-timer"));

let current = null; // the activity as last shown, with `mine`
const slot = activitySlot("participant", { act });

const live = connect({
  code,
  role: "participant",
  onView: render,
  onOwn(own) {
    if (current && own.activity_id === current.id) {
      current = { ...current, mine: own.mine };
      slot.update(current);
    }
  },
  onStatus: (status, detail) => showStatus(statusEl, status, detail),
  onError: (message) => notice(noticeEl, message),
});

async function act(action, payload) {
  const answer = await live.act(current.id, action, payload);
  if (answer.ok && answer.own && current && answer.own.activity_id === current.id) {
    current = { ...current, mine: answer.own.mine };
    slot.update(current);
  }
  if (!answer.ok) notice(noticeEl, answer.error);
  return answer;
}

async function render(view) {
  document.title = `${view.workshop.title}: Roundtable`;
  timer.update(view);
  const activity = view.activity;
  if (!activity) {
    slot.clear();
    current = null;
    const text = view.workshop.current < 0
      ? "You’re in. The workshop will start soon: keep this page open."
      : "Waiting for the next activity…";
    fill(screen, h("h1", { class: "waiting" }, text));
    return;
  }
  const mine = activity.mine ?? (current && current.id === activity.id ? current.mine : null);
  current = { ...activity, mine };
  const part = await slot.show(activity, (root) => fill(screen, root));
  part?.update(current); // null: a newer view arrived while the part loaded
}
