// Journey map: pick a cell and write on the phone; the grid and the feelings curve on the screen.
import { h, fill, named, namedButton, plural, setClass, setOptions, setText } from "../core/dom.js";
import { consoleFrame, phoneFrame, presenterFrame } from "../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../core/keyed.js";
import { hiddenMark, hideToggle } from "../core/moderation.js";
import { pendingChoices } from "../core/pending.js";
import { plusOneButton } from "../core/plusone.js";

const LIMIT = 280;
const FEELINGS = [
  [-2, "Very bad"], [-1, "Bad"], [0, "Neutral"], [1, "Good"], [2, "Very good"],
];
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const child of children) if (child) el.append(child);
  return el;
}

const names = (list) => new Map(list.map((x) => [x.id, x.name]));

/** How people feel at each stage: the mean as a line, the spread as dots sized by count.
 * With `aligned`, the stages sit at the centres of equal columns (the presenter's grid). */
function feelingsCurve(view, { dark = false, aligned = false } = {}) {
  const feelings = view.feelings || [];
  if (!feelings.length || !feelings.some((f) => f.count)) return null;
  const width = 1000;
  const height = 260;
  const left = aligned ? 0 : 110;
  const step = (width - left) / feelings.length;
  const y = (value) => 24 + ((2 - value) / 4) * (height - 64);
  const x = (i) => left + step * (i + 0.5);
  const ink = dark ? "#d7dee8" : "#4a5568";
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "feelings-chart", role: "img",
    preserveAspectRatio: aligned ? "none" : "xMidYMid meet",
    "aria-label": "How people feel at each stage, from very bad (-2) to very good (+2): "
      + feelings.map((f, i) => `${view.stages[i]?.name}: ${f.mean === null ? "no answers" : `average ${f.mean}`}`).join("; ") });
  for (const [value, label] of FEELINGS) {
    chart.append(svg("line", { x1: left, x2: width, y1: y(value), y2: y(value), stroke: ink, "stroke-opacity": value === 0 ? 0.6 : 0.2 }));
    if (!aligned) chart.append(svg("text", { x: left - 12, y: y(value) + 6, "text-anchor": "end", fill: ink, "font-size": 18 }, document.createTextNode(label)));
  }
  const points = [];
  feelings.forEach((f, i) => {
    for (const [value] of FEELINGS) {
      const n = f.spread[String(value)] || 0;
      if (n) chart.append(svg("ellipse", { cx: x(i), cy: y(value), rx: 5 + Math.sqrt(n) * 5, ry: 5 + Math.sqrt(n) * 5, class: "spread" }));
    }
    if (f.mean !== null) points.push([x(i), y(f.mean)]);
    if (!aligned) { // a stretched chart would distort text
      chart.append(svg("text", { x: x(i), y: height - 8, "text-anchor": "middle", fill: ink, "font-size": 18 },
        document.createTextNode(plural(f.count, "answer"))));
    }
  });
  if (points.length > 1) chart.append(svg("polyline", { points: points.map((p) => p.join(",")).join(" "), class: "mean-line" }));
  for (const [cx, cy] of points) chart.append(svg("circle", { cx, cy, r: 8, class: "mean-point" }));
  return chart;
}

// ---------------------------------------------------------------- phone
export function participant(root, { act }) {
  const { prompt, state, body } = phoneFrame(root);
  const stageSelect = h("select", { id: "journey-stage" });
  const laneSelect = h("select", { id: "journey-lane" });
  const cellNotes = h("ul", { class: "cell-notes" });
  const input = h("textarea", { id: "journey-note", rows: 3, maxlength: LIMIT, "aria-describedby": "journey-note-count" });
  const count = h("p", { class: "hint", id: "journey-note-count" });
  const form = h("form", { class: "answer-form" },
    h("label", { for: "journey-note" }, "Your note for this cell"), input, count,
    h("button", { type: "submit", class: "wide" }, "Add the note"));
  const cellHeading = h("h2", { class: "cell-heading" });
  const mineHeading = h("h2", {}, "Your notes");
  const mineList = h("ul", { class: "my-answers" });
  const feelingsBox = h("div", { class: "feelings" });
  body.append(
    h("div", { class: "cell-picker" },
      h("div", {}, h("label", { for: "journey-stage" }, "Stage"), stageSelect),
      h("div", {}, h("label", { for: "journey-lane" }, "Lane"), laneSelect)),
    cellHeading, cellNotes, form, mineHeading, mineList, feelingsBox);
  let activity = null;
  let editing = null;

  const showCount = () => { count.textContent = `${input.value.length} of ${LIMIT} characters`; };
  input.addEventListener("input", showCount);
  showCount();
  stageSelect.addEventListener("change", () => draw());
  laneSelect.addEventListener("change", () => draw());

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    const answer = await act("add_note", { stage: Number(stageSelect.value), lane: Number(laneSelect.value), text });
    if (answer.ok || answer.queued) { input.value = ""; showCount(); }
  });

  function options(select, list) {
    const current = select.value;
    // Refilled only when the stages or lanes change, so an open list is left alone.
    if (select.dataset.shape === JSON.stringify(list)) return;
    select.dataset.shape = JSON.stringify(list);
    fill(select, list.map((x) => h("option", { value: x.id }, x.name)));
    if (list.some((x) => String(x.id) === current)) select.value = current;
  }

  function draw() {
    const active = root.contains(document.activeElement) ? document.activeElement : null;
    const focusedId = active?.id || null;
    // Where the caret is in a text field, so that typing goes on where it was.
    const caret = typeof active?.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    drawAll();
    if (focusedId && document.activeElement?.id !== focusedId) {
      const again = document.getElementById(focusedId);
      again?.focus();
      if (caret && typeof again?.selectionStart === "number") again.setSelectionRange(...caret);
    }
  }

  // Others' notes in the chosen cell, each with its +1, kept in place as updates arrive.
  const showCell = keyedList(cellNotes, { key: (n) => n.id, make: () => {
    const text = h("span", { class: "answer-text" });
    const plus = h("span", { class: "plus-count" });
    const plusOne = plusOneButton(act);
    return { element: h("li", {}, text, plus, plusOne.button),
      update(n) {
        text.textContent = n.text;
        plus.textContent = n.plus ? `+${n.plus}` : "";
        plusOne.update({ id: n.id, can: n.canPlus, given: n.given, what: n.text });
      } };
  } });

  // One's own notes: Change and Delete stay put while others' notes arrive.
  const showMine = keyedList(mineList, { key: (n) => `${n.id}:${n.open}:${n.editing}`, make: (n) => {
    if (n.editing) {
      const field = h("input", { id: "journey-edit", value: editing.draft, maxlength: LIMIT, "aria-label": `Change your note in ${n.where}` });
      field.addEventListener("input", () => { editing.draft = field.value; });
      return { element: h("li", { class: "editing" }, field,
        h("button", { type: "button", onclick: async () => {
          if ((await act("edit_note", { id: n.id, text: field.value })).ok) { editing = null; draw(); }
        } }, "Save"),
        h("button", { type: "button", class: "secondary", onclick: () => { editing = null; draw(); } }, "Cancel")) };
    }
    const text = h("span", { class: "answer-text" });
    const where = h("span", { class: "where" });
    const change = named("Change", n.text);
    const remove = named("Delete", n.text);
    return { element: h("li", {}, text, where,
      n.open ? [h("button", { type: "button", class: "secondary", onclick: () => {
        editing = { id: n.id, draft: text.textContent }; draw(); mineList.querySelector("input")?.focus();
      } }, change),
      h("button", { type: "button", class: "secondary", onclick: () => act("delete_note", { id: n.id }) }, remove)] : null),
    update(note) {
      text.textContent = note.text;
      where.textContent = note.where;
      change[1].textContent = remove[1].textContent = `: ${note.text}`;
    } };
  } });

  const tapped = pendingChoices(act, () => draw()); // feelings on their way to the server

  // The feelings' radios, made once per set of stages and then only updated.
  const feelings = rebuildWhenChanged(() => {
    const { view } = activity;
    if (!view.asks_feelings) { fill(feelingsBox); return []; }
    const radios = [];
    fill(feelingsBox, h("h2", {}, "How does the person feel at each stage?"),
      view.stages.map((s) => h("fieldset", { class: "feeling" },
        h("legend", {}, s.name),
        h("div", { class: "feeling-choices" }, FEELINGS.map(([value, label]) => {
          const id = `feel-${s.id}-${value}`;
          const radio = h("input", { type: "radio", name: `feel-${s.id}`, id, value });
          radio.addEventListener("change", () => tapped.choose(s.id, value, "feel", { stage: s.id, value }));
          radios.push({ radio, stage: s.id, value });
          return h("div", { class: "feeling-choice" }, radio, h("label", { for: id }, `${value > 0 ? "+" : ""}${value}`, h("span", { class: "feeling-label" }, label)));
        })))));
    return radios;
  });

  function drawAll() {
    const { view, mine, is_open: open, revealed } = activity;
    prompt.textContent = view.prompt;
    const said = open ? "Choose a stage and a lane, then write what happens there."
      : "The journey map is closed for now.";
    if (state.textContent !== said) state.textContent = said;
    options(stageSelect, view.stages);
    options(laneSelect, view.lanes);
    const stage = Number(stageSelect.value);
    const lane = Number(laneSelect.value);
    const stageNames = names(view.stages);
    const laneNames = names(view.lanes);
    form.hidden = !open;
    const plussed = new Set(mine?.plus || []);
    const ownIds = new Set((mine?.notes || []).map((n) => n.id));
    const here = revealed ? (view.notes || []).filter((n) => n.stage === stage && n.lane === lane) : [];
    cellHeading.textContent = revealed
      ? `Already in ${stageNames.get(stage)} / ${laneNames.get(lane)}: ${plural(here.length, "note")}`
      : "";
    cellHeading.hidden = !revealed;
    showCell(here.map((n) => ({ ...n, canPlus: open && !ownIds.has(n.id), given: plussed.has(n.id) })));

    const own = mine?.notes || [];
    mineHeading.hidden = mineList.hidden = !own.length;
    showMine(own.map((n) => ({ ...n, open, editing: open && editing?.id === n.id,
      where: `${stageNames.get(n.stage)} / ${laneNames.get(n.lane)}` })));

    const felt = tapped.over(mine?.feelings || {});
    for (const { radio, stage: s, value } of feelings([view.asks_feelings, view.stages])) {
      radio.checked = felt[String(s)] === value;
      radio.disabled = !open;
    }
  }

  return { update(next) { activity = next; draw(); } };
}

// ---------------------------------------------------------------- projector
export function presenter(root) {
  root.classList.add("journey-screen");
  const grid = h("div", { class: "journey-grid" });
  let seen = null;
  return presenterFrame(root, grid, ({ view, revealed }, tally) => {
    const notes = revealed ? view.notes || [] : [];
    tally.textContent = plural(view.count, "note") + (revealed ? "" : " · the grid is hidden until the facilitator reveals it");
    const stages = view.focus === null ? view.stages : view.stages.filter((s) => s.id === view.focus);
    const curve = revealed && view.focus === null ? feelingsCurve(view, { dark: true, aligned: true }) : null;
    grid.dataset.focus = view.focus === null ? "no" : "yes";
    // Sizes set through the style object, so the page needs no inline style text.
    grid.style.gridTemplateColumns = `minmax(0, 11vw) repeat(${stages.length}, minmax(0, 1fr))`;
    grid.style.gridTemplateRows = `auto repeat(${view.lanes.length}, minmax(0, 1fr))${curve ? " 19vh" : ""}`;
    const fresh = seen === null ? new Set() : new Set(notes.filter((n) => !seen.has(n.id)).map((n) => n.id));
    seen = new Set(notes.map((n) => n.id));
    const curveCell = curve ? h("div", { class: "curve-cell" }, curve) : null;
    if (curveCell) curveCell.style.gridColumn = `2 / span ${stages.length}`;
    fill(grid, h("div", { class: "corner-cell" }),
      stages.map((s) => h("div", { class: "stage-head" }, s.name)),
      view.lanes.map((lane) => [h("div", { class: "lane-head" }, lane.name),
        stages.map((s) => {
          const here = notes.filter((n) => n.stage === s.id && n.lane === lane.id).sort((a, b) => b.plus - a.plus);
          return h("div", { class: "cell" },
            h("ul", {}, here.map((n) => h("li", { class: fresh.has(n.id) ? "is-new" : "" },
              n.text, n.plus ? h("span", { class: "plus-count" }, ` +${n.plus}`) : null))),
            here.length > 2 ? h("span", { class: "cell-count" }, plural(here.length, "note")) : null);
        })]),
      curve ? [h("div", { class: "lane-head" }, "How the person feels (very bad to very good)"), curveCell] : null);
  });
}

// ---------------------------------------------------------------- console
// Every part that holds a control is made once and updated in place; the curve, a
// picture with no controls, is drawn afresh.

/** A stage in "Stages and screen focus": its name to change, and its buttons. */
function stageItem(act) {
  let stage = null;
  let shownName = null; // the name as the server last gave it: what is typed stays
  const name = h("input", { maxlength: 80 });
  const earlier = namedButton({ class: "secondary", onclick: () => act("move_stage", { stage: stage.id, position: stage.index - 1 }) });
  const later = namedButton({ class: "secondary", onclick: () => act("move_stage", { stage: stage.id, position: stage.index + 1 }) });
  const focus = namedButton({ class: "secondary", onclick: () => act("focus", { stage: stage.focused ? null : stage.id }) });
  const remove = namedButton({ class: "danger", onclick: () => act("remove_stage", { stage: stage.id }) });
  const element = h("li", {}, name,
    h("button", { type: "button", class: "secondary", onclick: () => act("rename_stage", { stage: stage.id, name: name.value }) }, "Rename"),
    earlier.button, later.button, focus.button, remove.button);
  return {
    element,
    update(next) {
      stage = next;
      if (next.name !== shownName) { name.value = next.name; shownName = next.name; }
      name.setAttribute("aria-label", `Name of stage ${next.index + 1}`);
      earlier.button.disabled = next.index === 0;
      later.button.disabled = next.last;
      earlier.name("Earlier", next.name);
      later.name("Later", next.name);
      focus.button.setAttribute("aria-pressed", String(next.focused));
      focus.name(next.focused ? "Show the whole grid" : "Focus the screen here", next.name);
      remove.name("Remove", next.name);
    },
  };
}

function stageTools(act) {
  const list = h("ol", { class: "stage-list" });
  const newStage = h("input", { id: "new-stage", maxlength: 80 });
  const add = h("form", { class: "inline" },
    h("label", { for: "new-stage", class: "visually-hidden" }, "New stage name"), newStage,
    h("button", { type: "submit" }, "Add a stage"));
  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    if ((await act("add_stage", { name: newStage.value })).ok) newStage.value = "";
  });
  const show = keyedList(list, { key: (s) => s.id, make: () => stageItem(act) });
  return {
    element: h("details", { class: "stage-tools" }, h("summary", {}, "Stages and screen focus"), list, add),
    update(view) {
      show(view.stages.map((s, index) => ({ ...s, index, last: index === view.stages.length - 1, focused: view.focus === s.id })));
    },
  };
}

/** A note on the console: hide it, move it to another cell, merge it into another. */
function noteItem(act) {
  let note = null;
  let shownCell = null; // the note's cell as last shown: a cell chosen to move to stays
  const text = h("span", { class: "answer-text" });
  const who = h("span", { class: "who" });
  const mark = hiddenMark();
  const toggle = hideToggle(act);
  const target = h("select", {});
  const move = namedButton({ class: "secondary", onclick: () => {
    const [stage, lane] = target.value.split(":").map(Number);
    act("move_note", { id: note.id, stage, lane });
  } });
  const into = h("select", {});
  const merge = namedButton({ class: "secondary", onclick: () => act("merge_notes", { id: note.id, into: Number(into.value) }) });
  const element = h("li", {}, text, who, mark.badge,
    h("div", { class: "note-tools" }, toggle.button, target, move.button, into, merge.button));
  return {
    element,
    update({ note: n, cells, others }) {
      note = n;
      setClass(element, n.hidden ? "is-hidden" : "");
      setText(text, n.plus ? `${n.text} (+${n.plus})` : n.text);
      setText(who, n.by_facilitator ? "entered by you" : `participant ${n.number}${n.organisation ? ` · ${n.organisation}` : ""}`);
      mark.update(n);
      toggle.update(n, n.text);
      setOptions(target, cells);
      const cell = `${n.stage}:${n.lane}`;
      if (cell !== shownCell) { target.value = cell; shownCell = cell; }
      target.setAttribute("aria-label", `Move “${n.text}” to`);
      move.name("Move", n.text);
      setOptions(into, others.map((o) => [o.id, o.text.slice(0, 60)]));
      into.setAttribute("aria-label", `Merge “${n.text}” into`);
      merge.name("Merge", n.text);
      into.hidden = merge.button.hidden = !others.length;
    },
  };
}

/** The notes of one lane of a stage: the lane's name and its notes, hidden while empty. */
function laneBlock(act) {
  const heading = h("h4", {});
  const list = h("ul", { class: "moderation" });
  const show = keyedList(list, { key: (x) => x.note.id, make: () => noteItem(act) });
  const element = h("div", {}, heading, list);
  return {
    element,
    update({ lane, notes, all, cells }) {
      setText(heading, lane.name);
      element.hidden = !notes.length;
      show(notes.map((n) => ({ note: n, cells,
        others: all.filter((o) => o.id !== n.id && o.stage === n.stage && o.lane === n.lane && !o.hidden) })));
    },
  };
}

function stageSection(act) {
  const heading = h("h3", {});
  const lanes = h("div", {});
  const show = keyedList(lanes, { key: (x) => x.lane.id, make: () => laneBlock(act) });
  return {
    element: h("section", { class: "console-stage" }, heading, lanes),
    update({ stage, view, cells }) {
      const here = view.notes.filter((n) => n.stage === stage.id);
      setText(heading, `${stage.name} (${plural(here.length, "note")})`);
      show(view.lanes.map((lane) => ({ lane, notes: here.filter((n) => n.lane === lane.id), all: view.notes, cells })));
    },
  };
}

/** A note for someone without a phone; what is typed stays while updates arrive. */
function proxyForm(act) {
  const stage = h("select", { id: "proxy-stage" });
  const lane = h("select", { id: "proxy-lane" });
  const text = h("input", { id: "proxy-note", maxlength: LIMIT });
  const form = h("form", { class: "proxy-form" }, h("h3", {}, "Add a note for someone without a phone"),
    h("label", { for: "proxy-stage" }, "Stage"), stage, h("label", { for: "proxy-lane" }, "Lane"), lane,
    h("label", { for: "proxy-note" }, "Note"), text, h("button", { type: "submit" }, "Add the note"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await act("add_note", { stage: Number(stage.value), lane: Number(lane.value), text: text.value });
    if (answer.ok || answer.queued) text.value = "";
  });
  return {
    element: form,
    update(view, open) {
      setOptions(stage, view.stages.map((s) => [s.id, s.name]));
      setOptions(lane, view.lanes.map((l) => [l.id, l.name]));
      form.hidden = !open;
    },
  };
}

export function facilitator(root, { act }) {
  const tally = h("p", { class: "tally-small" });
  const tools = stageTools(act);
  const curve = h("div", {});
  const stages = h("div", {});
  const proxy = proxyForm(act);
  const showStages = keyedList(stages, { key: (x) => x.stage.id, make: () => stageSection(act) });
  const frame = consoleFrame(root, (body, activity) => {
    const { view } = activity;
    setText(tally, plural(view.count, "note"));
    tools.update(view);
    fill(curve, feelingsCurve(view));
    const cells = view.stages.flatMap((s) => view.lanes.map((l) => [`${s.id}:${l.id}`, `${s.name} / ${l.name}`]));
    showStages(view.stages.map((stage) => ({ stage, view, cells })));
    proxy.update(view, activity.is_open);
  });
  frame.body.append(tally, tools.element, curve, stages, proxy.element);
  return frame;
}
