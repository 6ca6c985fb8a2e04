// Journey map: pick a cell and write on the phone; the grid and the feelings curve on the screen.
import { h, fill, named, plural } from "../core/dom.js";
import { consoleFrame, phoneFrame, presenterFrame } from "../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../core/keyed.js";
import { hiddenBadge, hideButton } from "../core/moderation.js";
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
export function facilitator(root, { act }) {

  function stageControls(view) {
    const newStage = h("input", { id: "new-stage", maxlength: 80 });
    const add = h("form", { class: "inline" },
      h("label", { for: "new-stage", class: "visually-hidden" }, "New stage name"), newStage,
      h("button", { type: "submit" }, "Add a stage"));
    add.addEventListener("submit", async (event) => {
      event.preventDefault();
      if ((await act("add_stage", { name: newStage.value })).ok) newStage.value = "";
    });
    return h("details", { class: "stage-tools" }, h("summary", {}, "Stages and screen focus"),
      h("ol", { class: "stage-list" }, view.stages.map((s, i) => {
        const name = h("input", { value: s.name, maxlength: 80, "aria-label": `Name of stage ${i + 1}` });
        return h("li", {}, name,
          h("button", { type: "button", class: "secondary", onclick: () => act("rename_stage", { stage: s.id, name: name.value }) }, "Rename"),
          h("button", { type: "button", class: "secondary", disabled: i === 0, onclick: () => act("move_stage", { stage: s.id, position: i - 1 }) },
            named("Earlier", s.name)),
          h("button", { type: "button", class: "secondary", disabled: i === view.stages.length - 1, onclick: () => act("move_stage", { stage: s.id, position: i + 1 }) },
            named("Later", s.name)),
          h("button", { type: "button", class: "secondary", "aria-pressed": String(view.focus === s.id),
            onclick: () => act("focus", { stage: view.focus === s.id ? null : s.id }) },
          named(view.focus === s.id ? "Show the whole grid" : "Focus the screen here", s.name)),
          h("button", { type: "button", class: "danger", onclick: () => act("remove_stage", { stage: s.id }) },
            named("Remove", s.name)));
      })), add);
  }

  function noteRow(n, view, stageNames, laneNames) {
    const cells = view.stages.flatMap((s) => view.lanes.map((l) => ({ value: `${s.id}:${l.id}`, label: `${s.name} / ${l.name}` })));
    const target = h("select", { "aria-label": `Move “${n.text}” to` },
      cells.map((c) => h("option", { value: c.value, selected: c.value === `${n.stage}:${n.lane}` }, c.label)));
    const others = view.notes.filter((o) => o.id !== n.id && o.stage === n.stage && o.lane === n.lane && !o.hidden);
    const into = others.length ? h("select", { "aria-label": `Merge “${n.text}” into` },
      others.map((o) => h("option", { value: o.id }, o.text.slice(0, 60)))) : null;
    return h("li", { class: n.hidden ? "is-hidden" : "" },
      h("span", { class: "answer-text" }, n.text, n.plus ? ` (+${n.plus})` : ""),
      h("span", { class: "who" }, n.by_facilitator ? "entered by you"
        : `participant ${n.number}${n.organisation ? ` · ${n.organisation}` : ""}`),
      hiddenBadge(n),
      h("div", { class: "note-tools" },
        hideButton(act, n, n.text),
        target,
        h("button", { type: "button", class: "secondary", onclick: () => {
          const [stage, lane] = target.value.split(":").map(Number);
          act("move_note", { id: n.id, stage, lane });
        } }, named("Move", n.text)),
        into, into ? h("button", { type: "button", class: "secondary", onclick: () => act("merge_notes", { id: n.id, into: Number(into.value) }) },
          named("Merge", n.text)) : null));
  }

  function proxyForm(view) {
    const stage = h("select", { id: "proxy-stage" }, view.stages.map((s) => h("option", { value: s.id }, s.name)));
    const lane = h("select", { id: "proxy-lane" }, view.lanes.map((l) => h("option", { value: l.id }, l.name)));
    const text = h("input", { id: "proxy-note", maxlength: LIMIT });
    const form = h("form", { class: "proxy-form" }, h("h3", {}, "Add a note for someone without a phone"),
      h("label", { for: "proxy-stage" }, "Stage"), stage, h("label", { for: "proxy-lane" }, "Lane"), lane,
      h("label", { for: "proxy-note" }, "Note"), text, h("button", { type: "submit" }, "Add the note"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const answer = await act("add_note", { stage: Number(stage.value), lane: Number(lane.value), text: text.value });
      if (answer.ok || answer.queued) text.value = "";
    });
    return form;
  }

  return consoleFrame(root, (body, activity) => {
    const { view } = activity;
    const stageNames = names(view.stages);
    const laneNames = names(view.lanes);
    const open = root.querySelector("details.stage-tools")?.open;
    const tools = stageControls(view);
    tools.open = Boolean(open);
    fill(body, h("p", { class: "tally-small" }, plural(view.count, "note")), tools, feelingsCurve(view),
      view.stages.map((s) => {
        const here = view.notes.filter((n) => n.stage === s.id);
        return h("section", { class: "console-stage" }, h("h3", {}, `${s.name} (${plural(here.length, "note")})`),
          view.lanes.map((l) => {
            const cell = here.filter((n) => n.lane === l.id);
            return cell.length ? [h("h4", {}, l.name), h("ul", { class: "moderation" }, cell.map((n) => noteRow(n, view, stageNames, laneNames)))] : null;
          }));
      }),
      activity.is_open ? proxyForm(view) : null);
  });
}
