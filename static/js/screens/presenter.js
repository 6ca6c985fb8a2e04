// The projected screen: the join slide, then each activity aggregated live.
import { connect } from "../core/live.js";
import { h, fill, plural } from "../core/dom.js";
import { activitySlot, countdown, showStatus } from "../core/screen.js";

const { code } = document.body.dataset;
const joinSlide = document.getElementById("join-slide");
const stage = document.getElementById("stage");
const corner = document.getElementById("corner");
const countEl = document.getElementById("connected-count");
const timer = countdown(document.getElementById("timer"));

const slot = activitySlot("presenter");
let forceJoin = false;
let lastView = null;

connect({
  code,
  role: "presenter",
  onView: render,
  onStatus: (status, detail) => showStatus(document.getElementById("connection"), status,
    detail),
});

async function render(view) {
  lastView = view;
  const { workshop, activity } = view;
  document.querySelector("[data-joined]").textContent = workshop.connected;
  document.querySelector("[data-joined-label]").textContent =
    workshop.connected === 1 ? "person has joined" : "people have joined";
  countEl.textContent = plural(workshop.connected, "person", "people") + " connected";
  timer.update(workshop.timer, view.now);

  const showJoin = forceJoin || !activity;
  joinSlide.hidden = !showJoin;
  stage.hidden = showJoin;
  corner.hidden = showJoin;
  countEl.hidden = showJoin; // the join slide says it in large type
  if (!activity) { slot.clear(); return; }
  const part = await slot.show(activity, (root) => fill(stage, h("p", { class: "stage-step" },
    `${workshop.current + 1} of ${workshop.total} · ${activity.type_title}`), root));
  if (!part) return; // a newer view arrived while the part loaded
  part.update(activity);
  const prompt = stage.querySelector(".prompt");
  prompt?.classList.toggle("long", prompt.textContent.length > 60); // keep room for the results
}

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
