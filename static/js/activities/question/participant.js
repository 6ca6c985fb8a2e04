// Open question on the phone: a text box, one's own answers, the wall once revealed.
import { h, fill, named, plural } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";

/** The phone: write an answer, see and change one's own, and the wall once revealed. */
export function participant(root, { act, limits }) {
  const { prompt, state, body } = phoneFrame(root, { promptId: "question-prompt" });
  const input = h("textarea", { id: "answer", name: "answer", rows: 3, maxlength: limits.answer.text,
    "aria-describedby": "answer-count" });
  const count = h("p", { class: "hint", id: "answer-count" });
  const send = h("button", { type: "submit", class: "wide" }, "Send");
  const form = h("form", { class: "answer-form", "aria-labelledby": "question-prompt" },
    h("label", { for: "answer" }, "Your answer"), input, count, send);
  const mineHeading = h("h2", {}, "Your answers");
  const mineList = h("ul", { class: "my-answers" });
  const wallHeading = h("h2", {}, "Everyone’s answers");
  const wall = h("ul", { class: "wall-phone" });
  body.append(form, mineHeading, mineList, wallHeading, wall);
  let activity = null;
  let editing = null; // {id, draft}: kept while other people's answers arrive

  const showCount = () => { count.textContent = `${input.value.length} of ${limits.answer.text} characters`; };
  input.addEventListener("input", showCount);
  showCount();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    send.disabled = true;
    const answer = await act("answer", { text });
    send.disabled = false;
    if (answer.ok || answer.queued) { input.value = ""; showCount(); }
    input.focus();
  });

  function edit(item) {
    const field = h("input", { value: editing.draft, maxlength: limits.edit.text, "aria-label": "Change your answer" });
    field.addEventListener("input", () => { editing.draft = field.value; });
    const stop = () => { editing = null; update(activity); };
    return { element: h("li", { class: "editing" }, field,
      h("button", { type: "button", onclick: async () => {
        const answer = await act("edit", { id: item.id, text: field.value });
        if (answer.ok) stop();
      } }, "Save"),
      h("button", { type: "button", class: "secondary", onclick: stop }, "Cancel")) };
  }

  function own(item) {
    const text = h("span", { class: "answer-text" });
    const li = h("li", {}, text);
    const spoken = [];
    if (item.open) {
      const change = named("Change", item.text);
      const remove = named("Remove", item.text);
      spoken.push(change[1], remove[1]);
      li.append(
        h("button", { type: "button", class: "secondary", onclick: () => {
          editing = { id: item.id, draft: text.textContent };
          update(activity);
          mineList.querySelector("input")?.focus();
        } }, change),
        h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: item.id }) }, remove));
    }
    return { element: li,
      update({ text: words }) {
        text.textContent = words;
        for (const span of spoken) span.textContent = `: ${words}`;
      } };
  }

  // One's own answers are kept in place as others' arrive: Change and Remove stay put.
  const showMine = keyedList(mineList, {
    key: (item) => `${item.id}:${item.open}:${item.editing}`,
    make: (item) => (item.editing ? edit(item) : own(item)),
  });

  function update(next) {
    activity = next;
    const { view, mine, is_open: open } = activity;
    prompt.textContent = view.prompt;
    const remaining = mine ? mine.remaining : 0;
    form.hidden = !open || remaining === 0;
    const said = !open
      ? "Answers are closed for now."
      : remaining === 0 ? "You have given all your answers. You can change or remove them below."
        : `You can give ${plural(remaining, "more answer")}.`;
    if (state.textContent !== said) state.textContent = said;
    const items = mine ? mine.answers : [];
    mineHeading.hidden = mineList.hidden = items.length === 0;
    showMine(items.map((item) => ({ ...item, open, editing: open && editing?.id === item.id })));
    const others = view.answers || [];
    wallHeading.hidden = wall.hidden = !activity.revealed || others.length === 0;
    fill(wall, others.map((a) => h("li", {}, a.text)));
  }
  return { update };
}
