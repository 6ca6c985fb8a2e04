// Journey map on the console: stages, notes to moderate, move and merge, notes for someone.
import { h, fill, drawing, namedButton, plural, setClass, setOptions, setText } from "../../core/dom.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { hiddenMark, hideToggle, reviewMarks, rowClass } from "../../core/moderation.js";

// Every part that holds a control is made once and updated in place; the curve, a
// picture with no controls, is drawn afresh.

/** A stage in "Stages and screen focus": its name to change, and its buttons. */
function stageItem(act, limits) {
  let stage = null;
  let shownName = null; // the name as the server last gave it: what is typed stays
  const name = h("input", { maxlength: limits.rename_stage.name });
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

function stageTools(act, limits) {
  const list = h("ol", { class: "stage-list" });
  const newStage = h("input", { id: "new-stage", maxlength: limits.add_stage.name });
  const add = h("form", { class: "inline" },
    h("label", { for: "new-stage", class: "visually-hidden" }, "New stage name"), newStage,
    h("button", { type: "submit" }, "Add a stage"));
  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    if ((await act("add_stage", { name: newStage.value })).ok) newStage.value = "";
  });
  const show = keyedList(list, { key: (s) => s.id, make: () => stageItem(act, limits) });
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
  const review = reviewMarks(act);
  const toggle = hideToggle(act);
  const target = h("select", {});
  const move = namedButton({ class: "secondary", onclick: () => {
    const [stage, lane] = target.value.split(":").map(Number);
    act("move_note", { id: note.id, stage, lane });
  } });
  const into = h("select", {});
  const merge = namedButton({ class: "secondary", onclick: () => act("merge_notes", { id: note.id, into: Number(into.value) }) });
  const element = h("li", {}, text, who, mark.badge, ...review.elements.slice(0, 2),
    h("div", { class: "note-tools" }, review.elements[2], toggle.button, target, move.button, into,
      merge.button));
  return {
    element,
    update({ note: n, cells, others }) {
      note = n;
      setClass(element, rowClass(n));
      setText(text, n.plus ? `${n.text} (+${n.plus})` : n.text);
      setText(who, n.by_facilitator ? "entered by you" : `participant ${n.number}${n.organisation ? ` · ${n.organisation}` : ""}`);
      mark.update(n);
      review.update(n, n.text);
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
        others: all.filter((o) => o.id !== n.id && o.stage === n.stage && o.lane === n.lane && !o.hidden && !o.held) })));
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
function proxyForm(act, limits) {
  const stage = h("select", { id: "proxy-stage" });
  const lane = h("select", { id: "proxy-lane" });
  const text = h("input", { id: "proxy-note", maxlength: limits.add_note.text });
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

export function facilitator(root, { act, limits }) {
  const tally = h("p", { class: "tally-small" });
  const tools = stageTools(act, limits);
  const curve = h("div", {});
  const stages = h("div", {});
  const proxy = proxyForm(act, limits);
  const showStages = keyedList(stages, { key: (x) => x.stage.id, make: () => stageSection(act) });
  const frame = consoleFrame(root, (body, activity) => {
    const { view } = activity;
    setText(tally, plural(view.count, "note"));
    tools.update(view);
    fill(curve, view.curve ? drawing(view.curve) : null);
    const cells = view.stages.flatMap((s) => view.lanes.map((l) => [`${s.id}:${l.id}`, `${s.name} / ${l.name}`]));
    showStages(view.stages.map((stage) => ({ stage, view, cells })));
    proxy.update(view, activity.is_open);
  });
  frame.body.append(tally, tools.element, curve, stages, proxy.element);
  return frame;
}
