// The projected screen: the join slide, then each activity aggregated live.
import { connect } from "../core/live.js";
import { h, setText } from "../core/dom.js";
import { languages, t, tn } from "../core/i18n.js";
import { activitySlot, countdown, showStatus } from "../core/screen.js";
import { wordCloud } from "../core/cloud.js";

const { code } = document.body.dataset;
const joinSlide = document.getElementById("join-slide");
const stage = document.getElementById("stage");
const step = document.getElementById("step");
const countEl = document.getElementById("connected-count");
const timer = countdown(document.getElementById("timer"));

const slot = activitySlot("presenter");
let shown = null; // {part, activity}: what the stage shows, drawn again on a resize
let forceJoin = false;
let lastView = null;

connect({
  code,
  role: "presenter",
  onView: render,
  onStatus: (status, detail) => showStatus(document.getElementById("connection"), status,
    detail),
});

/** Puts a new activity's root on the stage, in place of the one before. */
function place(root) {
  stage.querySelector(":scope > .activity")?.remove();
  if (root) stage.append(root);
}

async function render(view) {
  lastView = view;
  const { workshop, activity } = view;
  // The facilitator changed the workshop's languages: the page comes again in them.
  if (workshop.languages.map((l) => l.replace("_", "-")).join(" ") !== languages.join(" ")) {
    window.location.reload();
    return;
  }
  setText(document.querySelector("[data-joined]"), String(workshop.joined));
  setText(document.querySelector("[data-joined-label]"),
    tn("person has joined", "people have joined", workshop.joined));
  setText(countEl, tn("%(num)d person connected", "%(num)d people connected", workshop.connected));
  // Closed to new people: the join slide and the corner say so instead of how to join.
  document.getElementById("main").dataset.joining = workshop.joining_open ? "open" : "closed";
  for (const said of document.querySelectorAll(".join-closed, .corner-closed")) said.hidden = workshop.joining_open;
  timer.update(workshop.timer, view.now);

  const showJoin = forceJoin || !activity;
  joinSlide.hidden = !showJoin;
  stage.hidden = showJoin;
  countEl.hidden = showJoin; // the join slide says it in large type
  step.hidden = !activity;
  if (!activity) {
    slot.clear();
    place(null);
    shown = null;
    return;
  }
  setText(step, t("%(step)d of %(total)d · %(type)s", { step: workshop.current + 1, total: workshop.total, type: t(activity.type_title) }));
  if (activity.display?.as === "cloud") {
    // The activity's items as a word cloud (core/cloud.js), in place of its own view.
    if (shown?.cloud !== activity.id) {
      slot.clear();
      const root = h("div", { class: "activity" });
      place(root);
      shown = { part: wordCloud(root), cloud: activity.id };
    }
    shown.activity = activity;
    draw();
    return;
  }
  if (shown?.cloud) shown = null; // back to the activity's own view, mounted afresh
  const part = await slot.show(activity, place);
  if (!part) return; // a newer view arrived while the part loaded
  shown = { part, activity };
  draw();
}

/** The activity drawn again: after an update, or when the screen changes size, since
 * what fits depends on it. Never while the stage is hidden: nothing can be measured. */
function draw() {
  if (!shown || stage.hidden) return;
  // A long prompt is set smaller first, so that the results fit in what it leaves.
  const prompt = stage.querySelector(".prompt");
  const length = shown.activity.view.prompt?.length || 0;
  prompt?.classList.toggle("long", length > 60 && length <= 120);
  prompt?.classList.toggle("longer", length > 120);
  shown.part.update(shown.activity);
}

window.addEventListener("resize", draw);

document.addEventListener("keydown", (event) => {
  if (event.target.closest("input, textarea, select") || event.metaKey || event.ctrlKey) return;
  const key = event.key.toLowerCase();
  if (key === "f") {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen?.();
  } else if (key === "j") {
    forceJoin = !forceJoin;
    if (lastView) render(lastView);
  }
});
