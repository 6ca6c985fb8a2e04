// The facilitator's console: build the agenda, run it, moderate, watch the room.
import { connect } from "../core/live.js";
import { h, fill, plural } from "../core/dom.js";
import { activitySlot, countdown, notice, showStatus } from "../core/screen.js";
import { picker } from "../core/picker.js";

const { code } = document.body.dataset;
const types = JSON.parse(document.body.dataset.types);
const $ = (id) => document.getElementById(id);
const noticeEl = $("notice");
const timer = countdown($("timer-readout"));

let view = null;
let editing = null; // the activity being edited, or null when adding

const live = connect({
  code,
  role: "facilitator",
  onView: render,
  onStatus: (status, detail) => showStatus($("connection"), status, detail),
  onError: (message) => notice(noticeEl, message),
});

// The list of people comes in the `sync` snapshot and then, apart from the view, in a
// `people` event whenever it changes (a vote does not resend two thousand names).
let peopleVersion = -1; // the version of the list drawn
let peopleKnown = false; // false until the first list, and again after losing the connection
let askingForPeople = false;
live.socket.on("people", takePeople);
live.socket.on("disconnect", () => { peopleKnown = false; });

function takePeople(message) {
  if (!Array.isArray(message?.people) || message.version < peopleVersion) return;
  peopleVersion = message.version;
  peopleKnown = true;
  renderPeople(message.people);
}

/** A view came without the list and none is known (the snapshot that had it was
 * overtaken by a newer view): ask for a snapshot once more, for its list. */
async function askForPeople() {
  if (askingForPeople) return;
  askingForPeople = true;
  try {
    const answer = await live.request("sync", {});
    if (answer.ok) takePeople(answer.view);
  } finally {
    askingForPeople = false;
  }
}

async function control(command, args) {
  const answer = await live.control(command, args);
  if (!answer.ok) notice(noticeEl, answer.error);
  return answer;
}

async function act(action, payload) {
  const answer = await live.act(view.activity.id, action, payload);
  if (!answer.ok) notice(noticeEl, answer.error);
  return answer;
}

const slot = activitySlot("facilitator", { act, request: live.request, agenda: () => view.agenda });

// ---------------------------------------------------------------- running
document.querySelectorAll("[data-control]").forEach((button) => {
  button.addEventListener("click", () => control(button.dataset.control));
});
$("toggle-open").addEventListener("click", () =>
  control(view?.activity?.is_open ? "close" : "open"));
$("toggle-reveal").addEventListener("click", () =>
  control(view?.activity?.revealed ? "hide_results" : "reveal"));
$("timer-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const minutes = Number($("timer-minutes").value);
  if (!(minutes > 0)) { notice(noticeEl, "Give the timer a number of minutes."); return; }
  control("timer", { seconds: Math.round(minutes * 60) });
});
$("timer-stop").addEventListener("click", () => control("timer", { seconds: 0 }));
$("organisations-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await control("set_organisations",
    { organisations: $("organisations").value.split("\n") });
  if (answer.ok) notice(noticeEl, "Organisations saved.");
});

async function render(next) {
  view = next;
  const { workshop, activity, agenda } = view;
  fill($("counts"), `${plural(workshop.connected, "person", "people")} connected · ${workshop.joined} joined`);
  $("workshop-title").textContent = workshop.title;
  $("delete-after").textContent = new Date(`${workshop.delete_after}T12:00:00Z`)
    .toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  timer.update(workshop.timer, view.now);
  renderStep(workshop, activity, agenda);
  renderAgenda(agenda, workshop.current);
  if (view.people) takePeople(view);
  else if (!peopleKnown) askForPeople();
  if (!activity) { slot.clear(); fill($("current")); return; }
  const part = await slot.show(activity, (root) => fill($("current"), root));
  if (!part) return; // a newer view arrived while the part loaded
  // Keep the activity's controls still while the facilitator types or ticks in them.
  if (isBusy()) { waiting = activity; return; }
  part.update(activity);
}

let waiting = null;
const isBusy = () => $("current").contains(document.activeElement)
  && document.activeElement.matches("input, select, textarea");
$("current").addEventListener("focusout", (event) => {
  if (waiting && !$("current").contains(event.relatedTarget)) {
    const activity = waiting;
    waiting = null;
    slot.update(activity);
  }
});

function renderStep(workshop, activity, agenda) {
  const started = workshop.current >= 0;
  $("step").textContent = !agenda.length
    ? "Add an activity to the agenda to begin."
    : started
      ? `Step ${workshop.current + 1} of ${agenda.length}: ${agenda[workshop.current].label}`
      : "Not started: the screen shows how to join.";
  document.querySelector("[data-control=start]").hidden = started;
  document.querySelector("[data-control=previous]").disabled = !started;
  document.querySelector("[data-control=next]").disabled =
    !agenda.length || workshop.current >= agenda.length - 1;
  $("toggle-open").hidden = $("toggle-reveal").hidden = !activity;
  if (activity) {
    $("toggle-open").textContent = activity.is_open ? "Close submissions" : "Open submissions";
    $("toggle-reveal").textContent = activity.revealed ? "Hide results" : "Reveal results";
  }
}

// ---------------------------------------------------------------- agenda
function renderAgenda(agenda, current) {
  fill($("agenda"), agenda.map((item, index) => h("li", {
    class: index === current ? "agenda-item is-current" : "agenda-item",
    "aria-current": index === current ? "step" : null,
  },
  h("div", { class: "agenda-text" },
    h("span", { class: "agenda-type" }, item.type_title),
    h("span", { class: "agenda-label" }, item.label),
    h("span", { class: "agenda-state" },
      [item.is_open ? "open" : "closed", item.revealed ? "results shown" : "results hidden"].join(" · "))),
  h("div", { class: "agenda-actions" },
    index === current ? null : h("button", { type: "button", onclick: () => control("goto", { position: index }) },
      "Show now", h("span", { class: "visually-hidden" }, `: ${item.label}`)),
    h("button", { type: "button", onclick: () => startEditing(item) },
      "Edit", h("span", { class: "visually-hidden" }, `: ${item.label}`)),
    h("button", { type: "button", disabled: index === 0,
      onclick: () => control("move_activity", { activity_id: item.id, position: index - 1 }) },
    "Up", h("span", { class: "visually-hidden" }, `: ${item.label}`)),
    h("button", { type: "button", disabled: index === agenda.length - 1,
      onclick: () => control("move_activity", { activity_id: item.id, position: index + 1 }) },
    "Down", h("span", { class: "visually-hidden" }, `: ${item.label}`)),
    h("button", { type: "button", class: "danger", onclick: () => remove(item) },
      "Remove", h("span", { class: "visually-hidden" }, `: ${item.label}`))))));
}

async function remove(item) {
  if (!confirm(`Remove “${item.label}” and everything people contributed to it?`)) return;
  control("remove_activity", { activity_id: item.id });
}

function renderPeople(people) {
  fill($("people"), people.length ? people.map((p) => h("li", {},
    `Participant ${p.number}`,
    p.name ? ` · ${p.name}` : "",
    p.organisation ? ` · ${p.organisation}` : "",
    p.connected ? " · connected" : "")) : h("li", {}, "Nobody has joined yet."));
}

// ---------------------------------------------------------------- activity form
const typeSelect = $("activity-type");
fill(typeSelect, types.map((t) => h("option", { value: t.type }, t.title)));
typeSelect.addEventListener("change", () => drawFields(typeByName(typeSelect.value)));
drawFields(types[0]);

function typeByName(name) {
  return types.find((t) => t.type === name);
}

function drawFields(type, values = {}) {
  fill($("activity-fields"), type.description ? h("p", { class: "hint" }, type.description) : null,
    presetChooser(type),
    type.fields.map((field) => fieldInput(field, values[field.name] ?? field.default)));
}

/** "Start from": fills the form with one of the type's ready-made settings. */
function presetChooser(type) {
  const presets = Object.entries(type.presets || {});
  if (!presets.length) return null;
  const select = h("select", { id: "preset" }, h("option", { value: "" }, "Choose a template…"),
    presets.map(([name]) => h("option", { value: name }, name)));
  select.addEventListener("change", () => {
    for (const [name, value] of Object.entries(type.presets[select.value] || {})) {
      const input = document.getElementById(`field-${name}`);
      if (input) input.value = value;
    }
  });
  return h("div", { class: "field" }, h("label", { for: "preset" }, "Start from a template"), select);
}

function fieldInput(field, value) {
  const id = `field-${field.name}`;
  const hint = field.help ? h("p", { class: "hint", id: `${id}-hint` }, field.help) : null;
  const described = field.help ? `${id}-hint` : null;
  if (field.kind === "bool") {
    return h("div", { class: "check" },
      h("input", { type: "checkbox", id, name: field.name, checked: Boolean(value), "aria-describedby": described }),
      h("label", { for: id }, field.label), hint);
  }
  let input;
  if (field.kind === "textarea") {
    input = h("textarea", { id, name: field.name, rows: 6, maxlength: field.max_length, "aria-describedby": described });
    input.value = value ?? "";
    if (field.picker) return h("div", { class: "field" }, h("label", { for: id }, field.label), hint, input, optionsPicker(input));
  } else if (field.kind === "number") {
    input = h("input", { id, name: field.name, type: "number", min: field.min, max: field.max,
      value: value ?? "", "aria-describedby": described });
  } else if (field.kind === "choice") {
    input = h("select", { id, name: field.name, "aria-describedby": described },
      field.choices.map((c) => h("option", { value: c, selected: c === value }, c)));
  } else {
    input = h("input", { id, name: field.name, maxlength: field.max_length, value: value ?? "",
      required: field.required, "aria-describedby": described });
  }
  return h("div", { class: "field" }, h("label", { for: id }, field.label), hint, input);
}

function optionsPicker(textarea) {
  return picker({
    sources: (view?.agenda || []).filter((a) => a.id !== editing?.id),
    request: live.request,
    onError: (message) => notice(noticeEl, message),
    onPick(texts) {
      const lines = texts.map((text) => text.replace(/\s+/g, " ").trim()); // one option a line
      textarea.value = [textarea.value.trim(), ...lines].filter(Boolean).join("\n");
      textarea.focus();
    },
  });
}

function readFields(type) {
  const config = {};
  for (const field of type.fields) {
    const input = document.getElementById(`field-${field.name}`);
    if (field.kind === "bool") config[field.name] = input.checked;
    else if (field.kind === "number") config[field.name] = input.value === "" ? null : Number(input.value);
    else config[field.name] = input.value;
  }
  return config;
}

function startEditing(item) {
  editing = item;
  typeSelect.value = item.type;
  typeSelect.disabled = true;
  drawFields(typeByName(item.type), item.config);
  $("activity-form-heading").textContent = `Edit: ${item.label}`;
  $("activity-submit").textContent = "Save changes";
  $("activity-cancel").hidden = false;
  $("activity-form").scrollIntoView({ block: "nearest" });
  document.getElementById(`field-${typeByName(item.type).fields[0].name}`)?.focus();
}

function stopEditing() {
  editing = null;
  typeSelect.disabled = false;
  drawFields(typeByName(typeSelect.value));
  $("activity-form-heading").textContent = "Add an activity";
  $("activity-submit").textContent = "Add to the agenda";
  $("activity-cancel").hidden = true;
}

$("agenda-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await control("add_agenda", { agenda: $("ready-agenda").value });
  if (answer.ok) notice(noticeEl, `Added ${answer.added} activities to the agenda.`);
});
$("activity-cancel").addEventListener("click", stopEditing);
$("activity-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const type = typeByName(editing ? editing.type : typeSelect.value);
  const config = readFields(type);
  const answer = editing
    ? await control("update_activity", { activity_id: editing.id, config })
    : await control("add_activity", { type: type.type, config });
  if (answer.ok) {
    notice(noticeEl, editing ? "Changes saved." : "Added to the agenda.");
    stopEditing();
  }
});
