// Journey map on the console: stages, notes to moderate, move and merge, notes for someone.
import { h, fill, namedButton, setClass, setOptions, setText } from "../../core/dom.js";
import { localised, t, tn } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { hiddenMark, hideToggle, reviewMarks, rowClass } from "../../core/moderation.js";
import { feelingsCurve } from "./shared.js";

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
    h("button", { type: "button", class: "secondary", onclick: () => act("rename_stage", { stage: stage.id, name: name.value }) }, t("Rename")),
    earlier.button, later.button, focus.button, remove.button);
  return {
    element,
    update(next) {
      stage = next;
      if (next.name !== shownName) { name.value = next.name; shownName = next.name; }
      name.setAttribute("aria-label", t("Name of stage %(number)d", { number: next.index + 1 }));
      earlier.button.disabled = next.index === 0;
      later.button.disabled = next.last;
      earlier.name(t("Earlier"), next.name);
      later.name(t("Later"), next.name);
      focus.button.setAttribute("aria-pressed", String(next.focused));
      focus.name(next.focused ? t("Show the whole grid") : t("Focus the screen here"), next.name);
      remove.name(t("Remove"), next.name);
    },
  };
}

function stageTools(act, limits) {
  const list = h("ol", { class: "stage-list" });
  const newStage = h("input", { id: "new-stage", maxlength: limits.add_stage.name });
  const add = h("form", { class: "inline" },
    h("label", { for: "new-stage", class: "visually-hidden" }, t("New stage name")), newStage,
    h("button", { type: "submit" }, t("Add a stage")));
  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    if ((await act("add_stage", { name: newStage.value })).ok) newStage.value = "";
  });
  const show = keyedList(list, { key: (s) => s.id, make: () => stageItem(act, limits) });
  return {
    element: h("details", { class: "stage-tools" }, h("summary", {}, t("Stages and screen focus")), list, add),
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
      setText(who, n.by_facilitator ? t("entered by you")
        : [t("participant %(number)s", { number: n.number }), n.organisation].filter(Boolean).join(" · "));
      mark.update(n);
      review.update(n, n.text);
      toggle.update(n, n.text);
      setOptions(target, cells);
      const cell = `${n.stage}:${n.lane}`;
      if (cell !== shownCell) { target.value = cell; shownCell = cell; }
      target.setAttribute("aria-label", t("Move “%(note)s” to", { note: n.text }));
      move.name(t("Move"), n.text);
      setOptions(into, others.map((o) => [o.id, o.text.slice(0, 60)]));
      into.setAttribute("aria-label", t("Merge “%(note)s” into", { note: n.text }));
      merge.name(t("Merge"), n.text);
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
    update({ lane, notes, all, cells, words }) {
      setText(heading, localised(lane.name, words));
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
    update({ stage, view, cells, words }) {
      const here = view.notes.filter((n) => n.stage === stage.id);
      setText(heading, tn("%(stage)s (%(num)d note)", "%(stage)s (%(num)d notes)", here.length,
        { stage: localised(stage.name, words) }));
      show(view.lanes.map((lane) => ({ lane, notes: here.filter((n) => n.lane === lane.id), all: view.notes, cells, words })));
    },
  };
}

/** A note for someone without a phone; what is typed stays while updates arrive. */
function proxyForm(act, limits) {
  const stage = h("select", { id: "proxy-stage" });
  const lane = h("select", { id: "proxy-lane" });
  const text = h("input", { id: "proxy-note", maxlength: limits.add_note.text });
  const form = h("form", { class: "proxy-form" }, h("h3", {}, t("Add a note for someone without a phone")),
    h("label", { for: "proxy-stage" }, t("Stage")), stage, h("label", { for: "proxy-lane" }, t("Lane")), lane,
    h("label", { for: "proxy-note" }, t("Note")), text, h("button", { type: "submit" }, t("Add the note")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await act("add_note", { stage: Number(stage.value), lane: Number(lane.value), text: text.value });
    if (answer.ok || answer.queued) text.value = "";
  });
  return {
    element: form,
    update(view, open, words) {
      setOptions(stage, view.stages.map((s) => [s.id, localised(s.name, words)]));
      setOptions(lane, view.lanes.map((l) => [l.id, localised(l.name, words)]));
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
    const { words } = activity;
    setText(tally, tn("%(num)d note", "%(num)d notes", view.count));
    tools.update(view);
    fill(curve, view.curve ? feelingsCurve(view, words) : null);
    const cells = view.stages.flatMap((s) => view.lanes.map((l) => [`${s.id}:${l.id}`,
      `${localised(s.name, words)} / ${localised(l.name, words)}`]));
    showStages(view.stages.map((stage) => ({ stage, view, cells, words })));
    proxy.update(view, activity.is_open, words);
  });
  frame.body.append(tally, tools.element, curve, stages, proxy.element);
  return frame;
}
