// The facilitator's console: build the agenda, run it, moderate, watch the room.
import { connect } from "../core/live.js";
import { h, fill, namedButton, setOptions, setText } from "../core/dom.js";
import { date, localised, t, tn } from "../core/i18n.js";
import { keyedList } from "../core/keyed.js";
import { activitySlot, countdown, notice, showStatus } from "../core/screen.js";
import { picker } from "../core/picker.js";
import { mayBeSent } from "../core/personal.js";

const { code } = document.body.dataset;
const types = JSON.parse(document.body.dataset.types);
const $ = (id) => document.getElementById(id);
const noticeEl = $("notice");
const timer = countdown($("timer-readout"), () => { timeUp = true; sayTimeUp(); });
let timerShown = null; // the end time of the timer last drawn
let timeUp = false;

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
// A limit turned people away from this workshop (workshop/alerts.py): said, with the
// time, until the next one.
const LIMITED = {
  joins: (m, time) => t("%(time)s: people joining from one network were turned away: more "
    + "than %(burst)d at once, or %(per_minute)d a minute after that, is faster than a room "
    + "arrives. They can press Join again in a moment. If your room has all joined, someone "
    + "may be joining by script.", { time, burst: m.burst, per_minute: m.per_minute }),
  typed: (m, time) => t("%(time)s: someone who typed the join code was turned away: too many "
    + "wrong codes came from their network. Ask people to scan the QR code or open the join "
    + "link instead.", { time }),
  presenters: (m, time) => tn("%(time)s: a presenter screen was turned away: this workshop "
    + "already has %(num)d open. Close it, or open the presenter screen from this console.",
  "%(time)s: a presenter screen was turned away: this workshop already has %(num)d open. "
    + "Close one, or open the presenter screen from this console.", m.most, { time }),
};
live.socket.on("limited", (message) => {
  const say = LIMITED[message?.kind];
  if (!say) return;
  const time = date(new Date(), { hour: "2-digit", minute: "2-digit" });
  setText($("limit-notice"), say(message, time)).hidden = false;
});

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
  const activity = view.activity;
  if (!(await mayBeSent(activity.type, action, payload))) return { ok: false, cancelled: true };
  const answer = await live.act(activity.id, action, payload);
  if (!answer.ok) notice(noticeEl, answer.error);
  return answer;
}

const slot = activitySlot("facilitator", { act, request: live.request, agenda: () => view.agenda,
  organisations: () => view.workshop.organisations });

// ---------------------------------------------------------------- running
// Buttons that cannot act just now are marked aria-disabled rather than disabled, so that
// the keyboard focus stays on them (a disabled button drops it to the page).
const isOff = (button) => button.getAttribute("aria-disabled") === "true";
const markOff = (button, off) => button.setAttribute("aria-disabled", off ? "true" : "false");

const RUN = {
  start: () => goFrom("start"),
  next: () => step("next", t("This is the last activity of the agenda.")),
  previous: () => step("previous", t("The workshop has not started yet.")),
  reveal: () => (view?.activity
    ? control(view.activity.revealed ? "hide_results" : "reveal")
    : notice(noticeEl, t("No activity is running: start the agenda first."))),
};

function step(command, why) {
  if (isOff(document.querySelector(`[data-control=${command}]`))) { notice(noticeEl, why); return; }
  goFrom(command);
}

// Start, Previous and Next go to a step from the one this console shows: pressed twice,
// or on two consoles at once, they move the workshop one step, never two.
const TARGET = { start: () => 0, previous: (at) => at - 1, next: (at) => at + 1 };

function goFrom(command) {
  if (!view) return;
  const from = view.workshop.current;
  control("goto", { position: TARGET[command](from), from });
}

document.querySelectorAll("[data-control]").forEach((button) => {
  button.addEventListener("click", () => RUN[button.dataset.control]());
});
$("toggle-open").addEventListener("click", () =>
  control(view?.activity?.is_open ? "close" : "open"));
$("toggle-reveal").addEventListener("click", RUN.reveal);

// What a presentation clicker sends (Page Down / Page Up; some send the arrows), and R.
// Never while someone types in a box or chooses in a list: there the keys are theirs.
const SHORTCUTS = { PageDown: "next", ArrowRight: "next", PageUp: "previous", ArrowLeft: "previous",
  r: "reveal", R: "reveal" };
document.addEventListener("keydown", (event) => {
  const command = SHORTCUTS[event.key];
  if (!command || event.repeat || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.target.closest?.("input, textarea, select, [contenteditable=''], [contenteditable=true], "
    + "[role=slider], [role=radiogroup], [role=listbox], [role=menu], [role=tablist]")) return;
  event.preventDefault();
  RUN[command]();
});

$("timer-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const minutes = Number($("timer-minutes").value);
  if (!(minutes > 0)) { notice(noticeEl, t("Give the timer a number of minutes.")); return; }
  control("timer", { seconds: Math.round(minutes * 60) });
});
$("timer-stop").addEventListener("click", () => control("timer", { seconds: 0 }));
$("languages-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await control("set_languages", { languages: $("workshop-languages").value.split(" ") });
  if (answer.ok) {
    notice(noticeEl, t("Languages saved."));
    workshopLanguages = answer.languages;
    if (!editing) drawFields(typeByName(typeSelect.value));
  }
});
$("organisations-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await control("set_organisations",
    { organisations: $("organisations").value.split("\n") });
  if (answer.ok) notice(noticeEl, t("Organisations saved."));
});

async function render(next) {
  view = next;
  const { workshop, activity, agenda } = view;
  setText($("counts"), tn("%(num)d person connected · %(joined)d joined", "%(num)d people connected · %(joined)d joined",
    workshop.connected, { joined: workshop.joined }));
  $("workshop-title").textContent = workshop.title;
  $("delete-after").textContent = date(new Date(`${workshop.delete_after}T12:00:00Z`));
  if ((workshop.timer?.ends_at ?? null) !== timerShown) { timerShown = workshop.timer?.ends_at ?? null; timeUp = false; }
  timer.update(workshop.timer, view.now);
  sayTimeUp();
  renderStep(workshop, activity, agenda);
  renderJoining(workshop, view.now);
  renderAgenda(agenda, workshop.current);
  if (view.people) takePeople(view);
  else if (!peopleKnown) askForPeople();
  renderReview(activity);
  renderCloud(activity);
  if (!activity) {
    slot.clear();
    fill($("current"), h("p", { class: "hint" }, t("The current activity shows here once the workshop has started.")));
    return;
  }
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

/** The word cloud: the current activity's items on the screen as a cloud, or not; of
 * one group of them (the journey's barriers, say) or all; and the words it shows. */
function renderCloud(activity) {
  const groups = activity?.cloud_groups;
  const on = Boolean(activity?.display);
  $("toggle-cloud").hidden = !groups;
  $("toggle-cloud").setAttribute("aria-pressed", String(on));
  $("cloud-group").hidden = !groups?.length;
  if (groups?.length) {
    setOptions($("cloud-group"), [["", t("All of it")], ...groups.map((g) => [g, localised(g, activity.words)])]);
    if (document.activeElement !== $("cloud-group")) $("cloud-group").value = activity.display?.group || "";
  }
  const words = activity?.cloud?.words || [];
  $("cloud-said").hidden = !on;
  setText($("cloud-said"), !on ? "" : words.length
    ? t("On the screen as a word cloud: %(words)s", { words: words.slice(0, 12).map((w) => `${w.word} (${w.count})`).join(", ") })
    : t("On the screen as a word cloud, once a word has been said more than once."));
}

function showCloud(on) {
  const activity = view?.activity;
  if (!activity) return;
  control("display", { activity_id: activity.id, as: on ? "cloud" : "standard", group: $("cloud-group").value || null });
}
$("toggle-cloud").addEventListener("click", () => showCloud(!view?.activity?.display));
$("cloud-group").addEventListener("change", () => { if (view?.activity?.display) showCloud(true); });

/** Review before showing: whether it is on, what waits, and approving all of it but what
 * looks like personal data, which the facilitator approves one by one in the list. */
function renderReview(activity) {
  const review = activity?.review;
  $("review").hidden = !review;
  if (!review) return;
  const { on, waiting, flagged } = review;
  const said = [on ? t("Review before showing is on.") : t("Review before showing is off."),
    waiting ? tn("%(num)d contribution waits for you.", "%(num)d contributions wait for you.", waiting)
      : t("Nothing waits for you."),
    flagged ? tn("%(num)d looks like personal data: look at it below, and approve or hide it.",
      "%(num)d look like personal data: look at each below, and approve or hide them one by one.",
      flagged) : ""];
  setText($("review-said"), said.filter(Boolean).join(" "));
  const ready = waiting - flagged;
  $("approve-all").hidden = !ready;
  setText($("approve-all"), tn("Approve the %(num)d waiting", "Approve all %(num)d waiting", ready));
  $("review").classList.toggle("has-waiting", Boolean(waiting));
}

$("approve-all").addEventListener("click", async () => {
  const answer = await act("approve_all", {});
  if (answer.ok) {
    notice(noticeEl, tn("Approved %(num)d contribution: the room can see it now.",
      "Approved %(num)d contributions: the room can see them now.", answer.approved));
  }
});

/** When the timer runs out, submissions stay open: the facilitator closes them when the
 * room is ready, so that nobody loses what they are still typing. */
function sayTimeUp() {
  const open = view?.activity?.is_open;
  setText($("time-up"), !(timeUp && view?.workshop.timer) ? ""
    : open ? t("Time’s up. Submissions stay open until you close them.") : t("Time’s up."));
}

function renderStep(workshop, activity, agenda) {
  const started = workshop.current >= 0;
  const label = !agenda.length
    ? t("Add an activity to the agenda to begin.")
    : started
      ? t("Step %(number)d of %(total)d: %(activity)s", { number: workshop.current + 1, total: agenda.length,
        activity: t(agenda[workshop.current].label) })
      : t("Not started: the screen shows how to join.");
  setText($("step"), label);
  $("step").title = label; // a long one is cut to one line
  const start = document.querySelector("[data-control=start]");
  const next = document.querySelector("[data-control=next]");
  if (started && document.activeElement === start) next.focus(); // Start goes; Next is what comes
  start.hidden = started;
  markOff(document.querySelector("[data-control=previous]"), !started);
  markOff(next, !agenda.length || workshop.current >= agenda.length - 1);
  $("toggle-open").hidden = $("toggle-reveal").hidden = !activity;
  if (activity) {
    setText($("toggle-open"), activity.is_open ? t("Close submissions") : t("Open submissions"));
    setText($("toggle-reveal"), activity.revealed ? t("Hide results") : t("Reveal results"));
  }
}

// ---------------------------------------------------------------- joining
// Whether new people may join, and how many joined in the last minute: counted again
// every few seconds from when each joined, so that a flood of joins (a script) is seen
// at once, and seen to end.
let joins = { recent: [], offset: 0, total: 0 };

function renderJoining(workshop, serverNow) {
  joins = { recent: workshop.recent_joins || [], offset: serverNow - Date.now() / 1000,
    total: workshop.joined };
  const open = workshop.joining_open;
  setText($("joining-state"), open
    ? t("Open: anyone with the join code or the QR code can join.")
    : t("Closed: nobody new can join. The join page and the screen say so."));
  setText($("joining-toggle"), open ? t("Close the door to new people") : t("Open the door again"));
  $("joining").classList.toggle("is-closed", !open);
  countRecentJoins();
}

function countRecentJoins() {
  const now = Date.now() / 1000 + joins.offset;
  const recent = joins.recent.filter(([second]) => second > now - 60)
    .reduce((sum, [, count]) => sum + count, 0);
  setText($("joining-recent"), tn("%(num)d joined in the last minute, %(total)d in all.",
    "%(num)d joined in the last minute, %(total)d in all.", recent, { total: joins.total }));
}
setInterval(countRecentJoins, 5000);

$("joining-toggle").addEventListener("click", () =>
  control("joining", { open: !view.workshop.joining_open }));

// ---------------------------------------------------------------- agenda
// Each item's row and buttons are made once and updated in place, so that the button the
// facilitator pressed (Show now, Up, Down, Edit) still holds the focus afterwards.
const agendaList = $("agenda");
let agendaAt = { current: -1, length: 0 };
const showAgenda = keyedList(agendaList, { key: (item) => item.id, make: agendaRow });

function agendaRow(first) {
  let item = first;
  const type = h("span", { class: "agenda-type" });
  const label = h("span", { class: "agenda-label" });
  const state = h("span", { class: "agenda-state" });
  const button = (action, onclick, attrs = {}) =>
    namedButton({ ...attrs, dataset: { action }, onclick: (event) => { if (!isOff(event.currentTarget)) onclick(); } });
  const show = button("show", () => control("goto", { position: item.position }));
  const edit = button("edit", () => startEditing(item));
  const up = button("up", () => control("move_activity", { activity_id: item.id, position: item.position - 1 }));
  const down = button("down", () => control("move_activity", { activity_id: item.id, position: item.position + 1 }));
  const drop = button("remove", () => remove(item), { class: "danger" });
  const element = h("li", { class: "agenda-item", dataset: { id: first.id } },
    h("div", { class: "agenda-text" }, type, label, state),
    h("div", { class: "agenda-actions" }, show.button, edit.button, up.button, down.button, drop.button));
  return {
    element,
    update(next) {
      item = next;
      const current = item.position === agendaAt.current;
      element.className = current ? "agenda-item is-current" : "agenda-item";
      if (current) element.setAttribute("aria-current", "step");
      else element.removeAttribute("aria-current");
      const called = t(item.label); // the ready-made agenda's own words are in the catalogue
      setText(type, t(item.type_title));
      setText(label, called);
      setText(state, [item.is_open ? t("open") : t("closed"),
        item.revealed ? t("results shown") : t("results hidden")].join(" · "));
      show.name(current ? t("Showing now") : t("Show now"), called);
      markOff(show.button, current);
      edit.name(t("Edit"), called);
      up.name(t("Up"), called);
      markOff(up.button, item.position === 0);
      down.name(t("Down"), called);
      markOff(down.button, item.position === agendaAt.length - 1);
      drop.name(t("Remove"), called);
    },
  };
}

function renderAgenda(agenda, current) {
  // A row that moves is taken out and put back, which drops the focus, and a removed row
  // takes its buttons with it: put the focus back, or on the same button of the row now
  // in that place.
  const had = agendaList.contains(document.activeElement) ? document.activeElement : null;
  const row = had?.closest("li");
  const place = row ? [...agendaList.children].indexOf(row) : -1;
  agendaAt = { current, length: agenda.length };
  showAgenda(agenda);
  if (!had || document.activeElement === had) return;
  if (had.isConnected) { had.focus(); return; }
  const rows = agendaList.children;
  const near = rows[Math.min(place, rows.length - 1)];
  (near?.querySelector(`[data-action="${had.dataset.action}"]`) || $("agenda-heading")).focus();
}

async function remove(item) {
  if (!confirm(t("Remove “%(activity)s” and everything people contributed to it?", { activity: t(item.label) }))) return;
  control("remove_activity", { activity_id: item.id });
}

function renderPeople(people) {
  fill($("people"), people.length ? people.map((p) => h("li", {},
    [t("Participant %(number)s", { number: p.number }), p.name, p.organisation, p.connected && t("connected")]
      .filter(Boolean).join(" · "))) : h("li", {}, t("Nobody has joined yet.")));
}

// ---------------------------------------------------------------- activity form
// The workshop's languages: a setting's translation into one of them is offered, others not.
let workshopLanguages = JSON.parse(document.body.dataset.languages || "[]");
const shownHere = (field) => !field.language || workshopLanguages.includes(field.language);
const typeSelect = $("activity-type");
fill(typeSelect, types.map((type) => h("option", { value: type.type }, type.title)));
typeSelect.addEventListener("change", () => drawFields(typeByName(typeSelect.value)));
drawFields(types[0]);

function typeByName(name) {
  return types.find((type) => type.type === name);
}

function drawFields(type, values = {}) {
  fill($("activity-fields"), type.description ? h("p", { class: "hint" }, type.description) : null,
    presetChooser(type),
    type.fields.filter(shownHere).map((field) => fieldInput(field, values[field.name] ?? field.default)));
}

/** "Start from": fills the form with one of the type's ready-made settings. */
function presetChooser(type) {
  const presets = Object.entries(type.presets || {});
  if (!presets.length) return null;
  const select = h("select", { id: "preset" }, h("option", { value: "" }, t("Choose a template…")),
    presets.map(([name]) => h("option", { value: name }, name)));
  select.addEventListener("change", () => {
    for (const [name, value] of Object.entries(type.presets[select.value] || {})) {
      const input = document.getElementById(`field-${name}`);
      if (input) input.value = value;
    }
  });
  return h("div", { class: "field" }, h("label", { for: "preset" }, t("Start from a template")), select);
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
    if (!input) continue; // a translation into a language the workshop does not have
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
  $("activity-form-heading").textContent = t("Edit: %(activity)s", { activity: t(item.label) });
  $("activity-submit").textContent = t("Save changes");
  $("activity-cancel").hidden = false;
  $("activity-form").scrollIntoView({ block: "nearest" });
  document.getElementById(`field-${typeByName(item.type).fields[0].name}`)?.focus();
}

/** Done editing (saved or cancelled): back to the item's Edit button. */
function stopEditing() {
  const edited = editing;
  editing = null;
  typeSelect.disabled = false;
  drawFields(typeByName(typeSelect.value));
  $("activity-form-heading").textContent = t("Add an activity");
  $("activity-submit").textContent = t("Add to the agenda");
  $("activity-cancel").hidden = true;
  if (edited) agendaList.querySelector(`[data-id="${edited.id}"] [data-action="edit"]`)?.focus();
}

$("agenda-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await control("add_agenda", { agenda: $("ready-agenda").value });
  if (answer.ok) notice(noticeEl, tn("Added %(num)d activity to the agenda.", "Added %(num)d activities to the agenda.", answer.added));
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
    notice(noticeEl, editing ? t("Changes saved.") : t("Added to the agenda."));
    stopEditing();
  }
});

// ---------------------------------------------------------------- the facilitator link
// Nobody can recover the link, so the console offers to copy it. The clipboard needs a
// secure page (https or this computer); on a plain http address the text is copied with
// the older command, or left selected to copy by hand.
document.querySelectorAll("[data-copy]").forEach((button) => {
  button.addEventListener("click", async () => {
    const field = $(button.dataset.copy);
    const said = document.querySelector(`[data-copied-for="${field.id}"]`);
    field.select();
    let copied;
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch {
      copied = document.execCommand("copy");
    }
    said.textContent = copied ? t("Copied. Paste it somewhere safe and private.")
      : t("Selected: press Ctrl+C (⌘C on a Mac) to copy it.");
  });
});

// Asked once, at creation: the address loses its "created" mark at once, so that a
// reload or a bookmark does not ask again.
if ($("keep-link")) history.replaceState(null, "", location.pathname);
$("keep-link-done")?.addEventListener("click", () => {
  $("keep-link").hidden = true;
  $("main").focus();
});
