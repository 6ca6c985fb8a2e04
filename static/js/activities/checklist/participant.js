// Sharing checklist on the phone: answer a question, +1 others' answers, see what the
// room agreed. What is typed is kept on the phone until it is sent; answers on their way,
// or waiting for the connection, are listed with the person's own.
import { h, named, setOptions, setText } from "../../core/dom.js";
import { keepDraft } from "../../core/drafts.js";
import { localised, t, tn } from "../../core/i18n.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { plusOneButton } from "../../core/plusone.js";
import { answerFields, said } from "./shared.js";

export function participant(root, { act, activityId, dismiss, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const question = h("select", { id: "checklist-question" });
  const ask = h("p", { class: "hint", id: "checklist-ask" });
  const fields = answerFields("checklist", limits.answer, (field, name) => keepDraft(field, activityId, name));
  const form = h("form", { class: "answer-form" },
    h("label", { for: "checklist-question" }, t("Question")), question, ask, fields.element,
    h("button", { type: "submit", class: "wide" }, t("Send")));
  const mineHeading = h("h2", {}, t("Your answers"));
  const mineList = h("ul", { class: "my-answers" });
  const roomHeading = h("h2", {}, t("The room’s answers"));
  const roomList = h("ul", { class: "glossary" });
  body.append(form, mineHeading, mineList, roomHeading, roomList);
  let activity = null;

  const kindOf = () => activity.view.questions.find((q) => q.key === question.value) || activity.view.questions[0];
  function showKind() {
    const q = kindOf();
    setText(ask, t(q.ask));
    fields.show(q.kind, activity.view.bases);
  }
  question.addEventListener("change", showKind);
  function giveBack(payload, why) {
    question.value = payload.question;
    showKind();
    fields.giveBack(payload, why);
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!fields.filled()) { fields.focus(); return; }
    const payload = fields.payload(question.value);
    fields.clear(); // on its way: listed under "Your answers" until it is in
    fields.focus();
    const answer = await act("answer", payload);
    if (!answer.ok && !answer.queued) giveBack(payload, answer.error);
  });

  const showMine = keyedList(mineList, { key: (a) => (a.cid ? `new:${a.cid}` : `${a.id}:${a.open && !a.agreed}`), make: (a) => {
    const words = h("span", { class: "answer-text", dir: "auto" });
    const about = h("span", { class: "who" });
    const word = waitingWord();
    const note = reviewNote();
    const withdraw = a.open && !a.agreed && !a.cid ? h("button", { type: "button", class: "secondary",
      onclick: () => act("withdraw", { id: a.id }) }, named(t("Withdraw"), a.words)) : null;
    const element = h("li", {}, words, about, note.element, withdraw, word.element);
    return { element, update(next) {
      setText(words, next.words);
      note.show(next.waiting);
      setText(about, [t(next.label), next.agreed ? t("agreed by the room") : ""].filter(Boolean).join(" · "));
      word.show(next.busy);
      element.classList.toggle("is-waiting", Boolean(next.busy));
      if (withdraw) withdraw.disabled = Boolean(next.busy);
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
        setText(who, [a.agreed ? t("Agreed") : "", a.organisation, a.plus ? `+${a.plus}` : ""].filter(Boolean).join(" · "));
        plus.update({ id: a.id, can: a.can, given: a.given, waiting: a.waiting, what: a.words });
      } };
    } });
    const more = h("p", { class: "term-more" }); // the phone is sent the first answers only
    return { element: h("li", { class: "term-group" }, label, list, more), update(q) {
      setText(label, t(q.label));
      answers(q.answers);
      const rest = q.count - q.answers.length;
      setText(more, rest > 0 ? tn("and %(num)d more answer", "and %(num)d more answers", rest) : "");
      more.hidden = rest <= 0;
    } };
  } });

  return {
    update(next) {
      activity = next;
      const { view, mine, is_open: open, revealed } = activity;
      setText(prompt, localised(view.prompt, activity.words));
      setText(state, open ? t("Answer any question; the facilitator marks what the room agrees.")
        : t("The checklist is closed for now."));
      form.hidden = !open;
      setOptions(question, view.questions.map((q) => [q.key, t(q.label)]));
      showKind();
      const queued = activity.queued || [];
      const taken = open ? (activity.returned || []).find((item) => item.action === "answer") : null;
      if (taken) { dismiss(taken.cid); giveBack(taken.payload, taken.error); } // one at a time
      const labels = Object.fromEntries(view.questions.map((q) => [q.key, q.label]));
      const own = mine?.answers || [];
      const removals = latestQueued(queued, "withdraw", (q) => q.payload.id);
      const listed = [...own.map((a) => ({ ...a, open, label: labels[a.question], words: said(a, view.bases),
        busy: removals.has(a.id) ? { ...removals.get(a.id), what: "remove" } : null })),
      ...queued.filter((q) => q.action === "answer").map((q) => ({ cid: q.cid, label: labels[q.payload.question],
        words: said(q.payload, view.bases), busy: q }))];
      mineHeading.hidden = mineList.hidden = !listed.length;
      showMine(listed);
      const ownIds = new Set(own.map((a) => a.id));
      const given = new Set(mine?.plus || []);
      const plussing = latestQueued(queued, "plus_one", (q) => q.payload.id);
      const questions = revealed ? view.questions.filter((q) => q.answers?.length) : [];
      roomHeading.hidden = roomList.hidden = !questions.length;
      showRoom(questions.map((q) => ({ ...q, answers: q.answers.map((a) => ({ ...a, words: said(a, view.bases),
        can: open && !ownIds.has(a.id), given: given.has(a.id), waiting: plussing.get(a.id)?.state })) })));
    },
  };
}
