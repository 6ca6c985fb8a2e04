// Journey map on the phone: pick a cell and write; say how the person feels.
import { h, fill, named, plural } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../../core/keyed.js";
import { pendingChoices } from "../../core/pending.js";
import { plusOneButton } from "../../core/plusone.js";

const FEELINGS = [
  [-2, "Very bad"], [-1, "Bad"], [0, "Neutral"], [1, "Good"], [2, "Very good"],
];

const names = (list) => new Map(list.map((x) => [x.id, x.name]));

export function participant(root, { act, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const stageSelect = h("select", { id: "journey-stage" });
  const laneSelect = h("select", { id: "journey-lane" });
  const cellNotes = h("ul", { class: "cell-notes" });
  const input = h("textarea", { id: "journey-note", rows: 3, maxlength: limits.add_note.text, "aria-describedby": "journey-note-count" });
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
    form, cellHeading, cellNotes, mineHeading, mineList, feelingsBox); // the box before a long cell
  let activity = null;
  let editing = null;

  const showCount = () => { count.textContent = `${input.value.length} of ${limits.add_note.text} characters`; };
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
      const field = h("input", { id: "journey-edit", value: editing.draft, maxlength: limits.edit_note.text, "aria-label": `Change your note in ${n.where}` });
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
