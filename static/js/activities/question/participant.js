// Open question on the phone: a text box, one's own answers, the wall once revealed.
import { h, fill, named, setText } from "../../core/dom.js";
import { keepDraft, readDraft, writeDraft } from "../../core/drafts.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { localised, t, tn } from "../../core/i18n.js";

/** The phone: write an answer, see and change one's own, and the wall once revealed.
 * Answers on their way, or waiting for the connection, are listed with the others and
 * count against the person's allowance. */
export function participant(root, { act, activityId, dismiss, limits }) {
  const { prompt, state, body } = phoneFrame(root, { promptId: "question-prompt" });
  const input = h("textarea", { id: "answer", name: "answer", rows: 3, maxlength: limits.answer.text,
    "aria-describedby": "answer-count" });
  const count = h("p", { class: "hint", id: "answer-count" });
  const send = h("button", { type: "submit", class: "wide" }, t("Send"));
  const draft = keepDraft(input, activityId, "answer");
  const form = h("form", { class: "answer-form", "aria-labelledby": "question-prompt" },
    h("label", { for: "answer" }, t("Your answer")), input, draft.reason, count, send);
  const mineHeading = h("h2", {}, t("Your answers"));
  const mineList = h("ul", { class: "my-answers" });
  const wallHeading = h("h2", {}, t("Everyone’s answers"));
  const wall = h("ul", { class: "wall-phone" });
  const wallMore = h("p", { class: "hint" }); // the phone is sent the newest answers only
  body.append(form, mineHeading, mineList, wallHeading, wall, wallMore);
  let activity = null;
  // The answer being changed, {id, draft}: kept while other people's answers arrive, and
  // on the phone across a reload.
  let editing = readDraft(activityId, "edit")?.value || null;
  const keepEditing = () => writeDraft(activityId, "edit", editing);

  const showCount = () => { count.textContent = t("%(used)d of %(most)d characters", { used: input.value.length, most: limits.answer.text }); };
  input.addEventListener("input", showCount);
  showCount();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    draft.clear(); // on its way: listed under "Your answers" until it is in
    const answer = await act("answer", { text });
    if (!answer.ok && !answer.queued) draft.giveBack(text, answer.error);
    input.focus();
  });

  function edit(item) {
    const field = h("input", { value: editing.draft, maxlength: limits.edit.text, "aria-label": t("Change your answer") });
    field.addEventListener("input", () => { editing.draft = field.value; keepEditing(); });
    const stop = () => { editing = null; keepEditing(); update(activity); };
    const reason = h("p", { class: "error given-back", role: "alert", hidden: !editing.reason }, editing.reason ? t("Not sent: %(reason)s", { reason: editing.reason }) : "");
    return { element: h("li", { class: "editing" }, field, reason,
      h("button", { type: "button", onclick: async () => {
        const text = field.value;
        stop();
        const answer = await act("edit", { id: item.id, text });
        if (!answer.ok && !answer.queued) {
          editing = { id: item.id, draft: text, reason: answer.error };
          keepEditing();
          update(activity);
        }
      } }, t("Save")),
      h("button", { type: "button", class: "secondary", onclick: stop }, t("Cancel"))) };
  }

  function own(item) {
    const text = h("span", { class: "answer-text" });
    const word = waitingWord();
    const note = reviewNote();
    const li = h("li", {}, text, word.element, note.element);
    const spoken = [];
    const buttons = [];
    if (item.open) {
      const change = named(t("Change"), item.text);
      const remove = named(t("Remove"), item.text);
      spoken.push(change[1], remove[1]);
      buttons.push(
        h("button", { type: "button", class: "secondary", onclick: () => {
          editing = { id: item.id, draft: text.textContent };
          keepEditing();
          update(activity);
          mineList.querySelector("input")?.focus();
        } }, change),
        h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: item.id }) }, remove));
      li.append(...buttons);
    }
    return { element: li,
      update({ text: words, busy, waiting }) {
        text.textContent = words;
        note.show(waiting);
        for (const span of spoken) span.textContent = `: ${words}`;
        word.show(busy);
        li.classList.toggle("is-waiting", Boolean(busy));
        for (const button of buttons) button.disabled = Boolean(busy); // one change at a time
      } };
  }

  /** An answer not yet in: its words, and whether it is on its way or waiting. */
  function onItsWay() {
    const text = h("span", { class: "answer-text" });
    const word = waitingWord();
    const element = h("li", { class: "is-waiting" }, text, word.element);
    return { element, update({ text: words, busy }) { text.textContent = words; word.show(busy); } };
  }

  // One's own answers are kept in place as others' arrive: Change and Remove stay put.
  const showMine = keyedList(mineList, {
    key: (item) => (item.cid ? `new:${item.cid}` : `${item.id}:${item.open}:${item.editing}`),
    make: (item) => (item.cid ? onItsWay() : item.editing ? edit(item) : own(item)),
  });

  function takeBack(open) {
    for (const item of activity.returned || []) {
      if (item.action === "answer" && open) {
        draft.giveBack(item.payload.text, item.error);
        dismiss(item.cid);
      }
    }
  }

  function update(next) {
    activity = next;
    const { view, mine, is_open: open, queued = [] } = activity;
    setText(prompt, localised(view.prompt, activity.words));
    const coming = queued.filter((q) => q.action === "answer");
    const remaining = Math.max(0, (mine ? mine.remaining : 0) - coming.length);
    form.hidden = !open || (remaining === 0 && !input.value);
    takeBack(!form.hidden);
    const said = !open
      ? t("Answers are closed for now.")
      : remaining === 0 ? t("You have given all your answers. You can change or remove them below.")
        : tn("You can give %(num)d more answer.", "You can give %(num)d more answers.", remaining);
    if (state.textContent !== said) state.textContent = said;
    const edits = latestQueued(queued, "edit", (q) => q.payload.id);
    const removals = latestQueued(queued, "withdraw", (q) => q.payload.id);
    const items = (mine ? mine.answers : []).map((item) => {
      const change = edits.get(item.id);
      const removal = removals.get(item.id);
      return { ...item, open, editing: open && editing?.id === item.id,
        text: change ? change.payload.text : item.text,
        busy: removal ? { ...removal, what: "remove" } : change ? { ...change, what: "change" } : null };
    });
    const all = [...items, ...coming.map((q) => ({ cid: q.cid, text: q.payload.text, busy: q }))];
    mineHeading.hidden = mineList.hidden = all.length === 0;
    showMine(all);
    const others = view.answers || [];
    wallHeading.hidden = wall.hidden = !activity.revealed || others.length === 0;
    fill(wall, others.map((a) => h("li", {}, a.text)));
    const rest = wall.hidden ? 0 : view.count - others.length;
    setText(wallMore, rest > 0 ? tn("and %(num)d more answer", "and %(num)d more answers", rest) : "");
    wallMore.hidden = rest <= 0;
  }
  return { update };
}
