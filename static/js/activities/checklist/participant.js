// Sharing checklist on the phone: answer a question, +1 others' answers, see what the
// room agreed.
import { h, named, setOptions, setText } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { plusOneButton } from "../../core/plusone.js";
import { answerFields, said } from "./shared.js";

export function participant(root, { act, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const question = h("select", { id: "checklist-question" });
  const ask = h("p", { class: "hint", id: "checklist-ask" });
  const fields = answerFields("checklist", limits.answer);
  const form = h("form", { class: "answer-form" },
    h("label", { for: "checklist-question" }, "Question"), question, ask, fields.element,
    h("button", { type: "submit", class: "wide" }, "Send"));
  const mineHeading = h("h2", {}, "Your answers");
  const mineList = h("ul", { class: "my-answers" });
  const roomHeading = h("h2", {}, "The room’s answers");
  const roomList = h("ul", { class: "checklist" });
  body.append(form, mineHeading, mineList, roomHeading, roomList);
  let activity = null;

  const kindOf = () => activity.view.questions.find((q) => q.key === question.value) || activity.view.questions[0];
  function showKind() {
    const q = kindOf();
    setText(ask, q.ask);
    fields.show(q.kind, activity.view.bases);
  }
  question.addEventListener("change", showKind);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await act("answer", fields.payload(question.value));
    if (answer.ok || answer.queued) fields.clear();
    fields.focus();
  });

  const showMine = keyedList(mineList, { key: (a) => `${a.id}:${a.open && !a.agreed}`, make: (a) => {
    const words = h("span", { class: "answer-text", dir: "auto" });
    const about = h("span", { class: "who" });
    const element = h("li", {}, words, about);
    if (a.open && !a.agreed) {
      element.append(h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: a.id }) },
        named("Withdraw", a.words)));
    }
    return { element, update(next) {
      setText(words, next.words);
      setText(about, [next.label, next.agreed ? "agreed by the room" : ""].filter(Boolean).join(" · "));
    } };
  } });

  const showRoom = keyedList(roomList, { key: (q) => q.key, make: () => {
    const label = h("p", { class: "term" });
    const list = h("ul", { class: "definitions" });
    const answers = keyedList(list, { key: (a) => a.id, make: () => {
      const words = h("span", { dir: "auto" });
      const who = h("span", { class: "who" });
      const plus = plusOneButton(act);
      return { element: h("li", {}, words, who, plus.button), update(a) {
        setText(words, a.words);
        setText(who, [a.agreed ? "Agreed" : "", a.organisation, a.plus ? `+${a.plus}` : ""].filter(Boolean).join(" · "));
        plus.update({ id: a.id, can: a.can, given: a.given, what: a.words });
      } };
    } });
    return { element: h("li", { class: "term-group" }, label, list), update(q) {
      setText(label, q.label);
      answers(q.answers);
    } };
  } });

  return {
    update(next) {
      activity = next;
      const { view, mine, is_open: open, revealed } = activity;
      prompt.textContent = view.prompt;
      setText(state, open ? "Answer any question; the facilitator marks what the room agrees."
        : "The checklist is closed for now.");
      form.hidden = !open;
      setOptions(question, view.questions.map((q) => [q.key, q.label]));
      showKind();
      const labels = Object.fromEntries(view.questions.map((q) => [q.key, q.label]));
      const own = mine?.answers || [];
      mineHeading.hidden = mineList.hidden = !own.length;
      showMine(own.map((a) => ({ ...a, open, label: labels[a.question], words: said(a, view.bases) })));
      const ownIds = new Set(own.map((a) => a.id));
      const given = new Set(mine?.plus || []);
      const questions = revealed ? view.questions.filter((q) => q.answers?.length) : [];
      roomHeading.hidden = roomList.hidden = !questions.length;
      showRoom(questions.map((q) => ({ ...q, answers: q.answers.map((a) => ({ ...a, words: said(a, view.bases),
        can: open && !ownIds.has(a.id), given: given.has(a.id) })) })));
    },
  };
}
