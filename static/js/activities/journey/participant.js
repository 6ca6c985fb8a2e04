// Journey map on the phone: pick a cell and write; say how the person feels. At a
// conference the phone's view holds only each cell's count and its top notes; opening a
// cell asks the server for its notes (`open_cell`, a read), and asks again whenever the
// view's `stamp` of that cell changes, while it stays open. A read that failed is asked
// again by itself: after the connection is back (a view comes with it), or, when the
// connection was up, after a pause that grows with each failure; one read at a time.
import { h, fill, named, setText } from "../../core/dom.js";
import { keepDraft, readDraft, writeDraft } from "../../core/drafts.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { plusOneButton } from "../../core/plusone.js";
import { localised, t, tn } from "../../core/i18n.js";

const FEELINGS = [
  [-2, t("Very bad")], [-1, t("Bad")], [0, t("Neutral")], [1, t("Good")], [2, t("Very good")],
];

const names = (list, words) => new Map(list.map((x) => [x.id, localised(x.name, words)]));

const CELL_PAGES = 10; // as activities/journey.py: at most this many pages of a cell's notes
// The pause before a read that failed while connected is asked again, after each failure
// in turn (the last repeats), give or take a quarter so that phones do not ask in step.
const READ_RETRY_MS = [2000, 5000, 10000, 30000];

export function participant(root, { act, read, activityId, dismiss, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const stageSelect = h("select", { id: "journey-stage" });
  const laneSelect = h("select", { id: "journey-lane" });
  const cellNotes = h("ul", { class: "cell-notes" });
  const input = h("textarea", { id: "journey-note", rows: 3, maxlength: limits.add_note.text, "aria-describedby": "journey-note-count" });
  const count = h("p", { class: "hint", id: "journey-note-count" });
  const draft = keepDraft(input, activityId, "note");
  const form = h("form", { class: "answer-form" },
    h("label", { for: "journey-note" }, t("Your note for this cell")), input, draft.reason, count,
    h("button", { type: "submit", class: "wide" }, t("Add the note")));
  const cellHeading = h("h2", { class: "cell-heading" });
  const cellMore = h("p", { class: "hint" }); // the phone is sent a cell's most agreed notes only
  const openButton = h("button", { type: "button", id: "journey-open-cell", class: "secondary wide cell-button" });
  const moreButton = h("button", { type: "button", id: "journey-more-notes", class: "secondary wide cell-button" }, t("Show more notes"));
  const cellStatus = h("p", { class: "hint", role: "status" });
  const mineHeading = h("h2", {}, t("Your notes"));
  const mineList = h("ul", { class: "my-answers" });
  const feelingsBox = h("div", { class: "feelings" });
  body.append(
    h("div", { class: "cell-picker" },
      h("div", {}, h("label", { for: "journey-stage" }, t("Stage")), stageSelect),
      h("div", {}, h("label", { for: "journey-lane" }, t("Lane")), laneSelect)),
    form, cellHeading, openButton, cellStatus, cellNotes, cellMore, moreButton, mineHeading, mineList, feelingsBox); // the box before a long cell
  let activity = null;
  // The note being changed, {id, draft}: kept on the phone across a reload too.
  let editing = readDraft(activityId, "edit")?.value || null;
  const keepEditing = () => writeDraft(activityId, "edit", editing);
  let cell = readDraft(activityId, "cell")?.value || null; // {stage, lane} chosen
  // The cell opened to read all its notes: {stage, lane, pages, asked (the view's stamp
  // of it when last asked), answer (the server's, with its stamp), loading, error, and
  // after a failed read: offlineIn (the view it failed in, offline) or pause (a timer),
  // failures (in a row)}; null when none is.
  let opened = null;

  /** Asks the server for the opened cell's notes; once more after the answer on its way,
   * if there is one (more pages were asked for meanwhile). */
  async function readCell(stamp) {
    const asking = opened;
    if (!asking) return;
    if (asking.loading) { asking.again = true; return; }
    clearTimeout(asking.pause);
    asking.pause = asking.offlineIn = null;
    asking.asked = stamp;
    asking.loading = true;
    const answer = await read("open_cell", { stage: asking.stage, lane: asking.lane, pages: asking.pages });
    asking.loading = false;
    if (opened !== asking) return; // closed, or another cell opened, meanwhile
    if (answer.ok) {
      asking.answer = answer;
      asking.error = null;
      asking.failures = 0;
    } else {
      asking.error = answer.error;
      readAgainLater(asking, answer);
    }
    if (asking.again) {
      asking.again = false;
      readCell(stampOf(activity.view, asking));
    }
    draw();
  }
  /** After a failed read: offline, the next view (one comes when the connection is back,
   * and none while it is down) asks again, in drawAll; connected, a timer does, so that a
   * read the server keeps refusing is not asked again at every view. */
  function readAgainLater(asking, answer) {
    if (answer.offline) { asking.offlineIn = activity.view; return; }
    asking.failures += 1;
    const wait = READ_RETRY_MS[Math.min(asking.failures, READ_RETRY_MS.length) - 1];
    asking.pause = setTimeout(() => {
      asking.pause = null;
      if (opened === asking && root.isConnected) readCell(stampOf(activity.view, asking)); // still shown
    }, wait * (0.75 + Math.random() / 2));
  }
  /** The cell the stage and lane lists show. */
  const chosen = () => ({ stage: Number(stageSelect.value), lane: Number(laneSelect.value) });
  /** The view's stamp of a cell: it changes whenever what the room sees of it does. */
  const stampOf = (view, { stage, lane }) => (view.cells || []).find((c) => c.stage === stage && c.lane === lane)?.stamp ?? 0;
  openButton.addEventListener("click", () => {
    clearTimeout(opened?.pause);
    opened = opened ? null : { ...chosen(), pages: 1, answer: null, loading: false, error: null, failures: 0 };
    if (opened) readCell(stampOf(activity.view, opened));
    draw();
  });
  moreButton.addEventListener("click", () => {
    opened.pages += 1;
    readCell(stampOf(activity.view, opened));
    draw();
  });

  const showCount = () => { count.textContent = t("%(used)d of %(most)d characters", { used: input.value.length, most: limits.add_note.text }); };
  input.addEventListener("input", showCount);
  showCount();
  const chooseCell = () => {
    cell = { stage: Number(stageSelect.value), lane: Number(laneSelect.value) };
    writeDraft(activityId, "cell", cell);
    draw();
  };
  stageSelect.addEventListener("change", chooseCell);
  laneSelect.addEventListener("change", chooseCell);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    const payload = { stage: Number(stageSelect.value), lane: Number(laneSelect.value), text };
    draft.clear(); // on its way: listed under "Your notes" until it is in
    const answer = await act("add_note", payload);
    if (!answer.ok && !answer.queued) { giveBack(payload, answer.error); draw(); }
  });

  /** A refused note back in the box, in its cell, with the reason. */
  function giveBack({ stage, lane, text }, why) {
    cell = { stage, lane };
    writeDraft(activityId, "cell", cell);
    draft.giveBack(text, why);
  }

  function options(select, list, chosen) {
    // Refilled only when the stages or lanes change, so an open list is left alone.
    if (select.dataset.shape !== JSON.stringify(list)) {
      select.dataset.shape = JSON.stringify(list);
      fill(select, list.map((x) => h("option", { value: x.id }, localised(x.name, activity.words))));
    }
    if (chosen !== undefined && list.some((x) => x.id === chosen) && select.value !== String(chosen)) {
      select.value = String(chosen);
    }
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
        plusOne.update({ id: n.id, can: n.canPlus, given: n.given, waiting: n.waiting, what: n.text });
      } };
  } });

  // One's own notes: Change and Delete stay put while others' notes arrive.
  const showMine = keyedList(mineList, { key: (n) => (n.cid ? `new:${n.cid}` : `${n.id}:${n.open}:${n.editing}`), make: (n) => {
    if (n.editing) {
      const field = h("input", { id: "journey-edit", value: editing.draft, maxlength: limits.edit_note.text, "aria-label": t("Change your note in %(place)s", { place: n.where }) });
      field.addEventListener("input", () => { editing.draft = field.value; keepEditing(); });
      const stop = () => { editing = null; keepEditing(); draw(); };
      const reason = h("p", { class: "error given-back", role: "alert", hidden: !editing.reason }, editing.reason ? t("Not sent: %(reason)s", { reason: editing.reason }) : "");
      return { element: h("li", { class: "editing" }, field, reason,
        h("button", { type: "button", onclick: async () => {
          const text = field.value;
          stop();
          const answer = await act("edit_note", { id: n.id, text });
          if (!answer.ok && !answer.queued) { editing = { id: n.id, draft: text, reason: answer.error }; keepEditing(); draw(); }
        } }, t("Save")),
        h("button", { type: "button", class: "secondary", onclick: stop }, t("Cancel"))) };
    }
    const text = h("span", { class: "answer-text" });
    const where = h("span", { class: "where" });
    const word = waitingWord();
    const held = reviewNote();
    const change = named(t("Change"), n.text);
    const remove = named(t("Delete"), n.text);
    const buttons = n.open && !n.cid ? [h("button", { type: "button", class: "secondary", onclick: () => {
      editing = { id: n.id, draft: text.textContent }; keepEditing(); draw(); mineList.querySelector("input")?.focus();
    } }, change),
    h("button", { type: "button", class: "secondary", onclick: () => act("delete_note", { id: n.id }) }, remove)] : [];
    const element = h("li", {}, text, where, held.element, buttons, word.element);
    return { element,
      update(note) {
        text.textContent = note.text;
        where.textContent = note.where;
        held.show(note.waiting);
        change[1].textContent = remove[1].textContent = `: ${note.text}`;
        word.show(note.busy);
        element.classList.toggle("is-waiting", Boolean(note.busy));
        for (const button of buttons) button.disabled = Boolean(note.busy); // one change at a time
      } };
  } });

  /** A feeling tapped: shown as chosen (from the outbox) until the server has it. */
  const feel = (stage, value) => act("feel", { stage, value });

  // The feelings' radios, made once per set of stages and then only updated.
  const feelings = rebuildWhenChanged(() => {
    const { view } = activity;
    if (!view.asks_feelings) { fill(feelingsBox); return []; }
    const radios = [];
    fill(feelingsBox, h("h2", {}, t("How does the person feel at each stage?")),
      view.stages.map((s) => h("fieldset", { class: "feeling" },
        h("legend", {}, localised(s.name, activity.words)),
        h("div", { class: "feeling-choices" }, FEELINGS.map(([value, label]) => {
          const id = `feel-${s.id}-${value}`;
          const radio = h("input", { type: "radio", name: `feel-${s.id}`, id, value });
          radio.addEventListener("change", () => feel(s.id, value));
          radios.push({ radio, stage: s.id, value });
          return h("div", { class: "feeling-choice" }, radio, h("label", { for: id }, `${value > 0 ? "+" : ""}${value}`, h("span", { class: "feeling-label" }, label)));
        })))));
    return radios;
  });

  function drawAll() {
    const { view, mine, is_open: open, revealed } = activity;
    setText(prompt, localised(view.prompt, activity.words));
    const said = open ? t("Choose a stage and a lane, then write what happens there.")
      : t("The journey map is closed for now.");
    if (state.textContent !== said) state.textContent = said;
    const queued = activity.queued || [];
    const taken = open ? (activity.returned || []).find((item) => item.action === "add_note") : null;
    if (taken) { // one at a time: the box holds one note
      dismiss(taken.cid);
      giveBack(taken.payload, taken.error);
    }
    options(stageSelect, view.stages, cell?.stage);
    options(laneSelect, view.lanes, cell?.lane);
    const stage = Number(stageSelect.value);
    const lane = Number(laneSelect.value);
    const stageNames = names(view.stages, activity.words);
    const laneNames = names(view.lanes, activity.words);
    form.hidden = !open;
    const plussed = new Set(mine?.plus || []);
    const plussing = latestQueued(queued, "plus_one", (q) => q.payload.id);
    const ownIds = new Set((mine?.notes || []).map((n) => n.id));
    const onPhone = revealed ? (view.notes || []).filter((n) => n.stage === stage && n.lane === lane) : [];
    const inCell = revealed ? (view.cells || []).find((c) => c.stage === stage && c.lane === lane)?.count || 0 : 0;
    const place = { stage: stageNames.get(stage), lane: laneNames.get(lane) };
    cellHeading.textContent = revealed
      ? tn("Already in %(stage)s / %(lane)s: %(num)d note", "Already in %(stage)s / %(lane)s: %(num)d notes", inCell, place)
      : "";
    if (opened && (!revealed || opened.stage !== stage || opened.lane !== lane)) {
      clearTimeout(opened.pause);
      opened = null;
    }
    // Asked again when the view says the cell changed since the phone asked, unless the
    // answer already showed it so (the answer can come before the view that says so);
    // after a failed read, at the first view since (see readAgainLater).
    const now = opened && stampOf(view, opened);
    if (opened && !opened.loading && !opened.pause && (opened.offlineIn ? view !== opened.offlineIn
      : now !== opened.asked && now !== opened.answer?.stamp)) readCell(now);
    const answered = opened?.answer;
    const here = answered ? answered.notes : onPhone;
    const rest = answered ? answered.more : inCell - here.length;
    setText(cellMore, rest > 0 ? tn("and %(num)d more note", "and %(num)d more notes", rest) : "");
    cellMore.hidden = rest <= 0;
    moreButton.hidden = !answered || rest <= 0 || opened.pages >= CELL_PAGES;
    // A cell with notes this phone was not sent can be opened to read them all.
    openButton.hidden = !opened && inCell <= onPhone.length;
    setText(openButton, opened ? t("Show only the top notes of %(stage)s / %(lane)s", place)
      : tn("Read the %(num)d note in %(stage)s / %(lane)s", "Read all %(num)d notes in %(stage)s / %(lane)s", inCell, place));
    // While a read that failed is asked again, the failure's words give way to "Loading".
    const loading = opened?.loading && (!answered || opened.error);
    setText(cellStatus, loading ? t("Loading the notes…") : opened?.error || "");
    cellHeading.hidden = !revealed;
    showCell(here.map((n) => ({ ...n, canPlus: open && !ownIds.has(n.id), given: plussed.has(n.id), waiting: plussing.get(n.id)?.state })));

    const edits = latestQueued(queued, "edit_note", (q) => q.payload.id);
    const removals = latestQueued(queued, "delete_note", (q) => q.payload.id);
    const whereIs = (n) => `${stageNames.get(n.stage)} / ${laneNames.get(n.lane)}`;
    const own = [...(mine?.notes || []).map((n) => ({ ...n, open, editing: open && editing?.id === n.id, where: whereIs(n),
      text: edits.get(n.id)?.payload.text ?? n.text,
      busy: removals.has(n.id) ? { ...removals.get(n.id), what: "remove" } : edits.has(n.id) ? { ...edits.get(n.id), what: "change" } : null })),
    ...queued.filter((q) => q.action === "add_note").map((q) => ({ cid: q.cid, text: q.payload.text, where: whereIs(q.payload), busy: q }))];
    mineHeading.hidden = mineList.hidden = !own.length;
    showMine(own);

    const felt = { ...(mine?.feelings || {}) };
    for (const [stageId, q] of latestQueued(queued, "feel", (item) => String(item.payload.stage))) felt[stageId] = q.payload.value;
    for (const { radio, stage: s, value } of feelings([view.asks_feelings, view.stages])) {
      radio.checked = felt[String(s)] === value;
      radio.disabled = !open;
    }
  }

  return { update(next) { activity = next; draw(); } };
}
