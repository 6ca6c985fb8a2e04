// Sharing checklist on the console: every answer by question, to agree, take back, hide
// or restore; answers for the room typed in.
import { h, namedButton, setClass, setOptions, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { hiddenMark, hideToggle, reviewMarks, rowClass } from "../../core/moderation.js";
import { answerFields, said } from "./shared.js";

function answerRow(act) {
  let answer = null;
  const words = h("span", { class: "answer-text", dir: "auto" });
  const who = h("span", { class: "who" });
  const agree = namedButton({ onclick: () => act(answer.agreed ? "unagree" : "agree", { id: answer.id }) });
  const mark = hiddenMark();
  const toggle = hideToggle(act);
  const review = reviewMarks(act);
  const element = h("li", {}, words, who, mark.badge, ...review.elements, agree.button, toggle.button);
  return { element, update(next) {
    answer = next;
    setClass(element, `${rowClass(answer)}${answer.agreed ? " is-agreed" : ""}`.trim());
    setText(words, answer.words);
    setText(who, [answer.by_facilitator ? t("entered by you") : t("participant %(number)s", { number: answer.number }),
      answer.by_facilitator ? "" : answer.organisation, answer.plus ? `+${answer.plus}` : ""].filter(Boolean).join(" · "));
    agree.name(answer.agreed ? t("Agreed: take back") : t("Agree"), answer.words);
    agree.button.setAttribute("aria-pressed", String(answer.agreed));
    agree.button.hidden = answer.hidden || answer.held;
    mark.update(answer);
    review.update(answer, answer.words);
    toggle.update(answer, answer.words);
  } };
}

export function facilitator(root, { act, limits }) {
  const tally = h("p", { class: "tally-small" });
  const question = h("select", { id: "checklist-entry-question" });
  const fields = answerFields("checklist-entry", limits.answer);
  let view = null;
  const showKind = () => fields.show((view.questions.find((q) => q.key === question.value) || view.questions[0]).kind, view.bases);
  question.addEventListener("change", showKind);
  const form = h("form", { class: "proxy-form" },
    h("label", { for: question.id }, t("Add an answer (then press Agree on it if the room agrees)")), question,
    fields.element, h("button", { type: "submit" }, t("Add")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await act("answer", fields.payload(question.value));
    if (answer.ok || answer.queued) fields.clear();
  });
  const list = h("ul", { class: "checklist" });
  const showQuestions = keyedList(list, { key: (q) => q.key, make: () => {
    const label = h("h4", {});
    const state = h("span", { class: "term-status" });
    const answers = h("ul", { class: "moderation" });
    const showAnswers = keyedList(answers, { key: (a) => a.id, make: () => answerRow(act) });
    return { element: h("li", { class: "term-group" }, label, state, answers), update(q) {
      setText(label, t("%(label)s: %(question)s", { label: t(q.label), question: t(q.ask) }));
      setText(state, q.agreed ? t("Agreed (%(count)d)", { count: q.agreed }) : t("Not agreed yet"));
      showAnswers(q.answers);
    } };
  } });
  const frame = consoleFrame(root, (body, { view: next }) => {
    view = next;
    setOptions(question, view.questions.map((q) => [q.key, t(q.label)]));
    showKind();
    setText(tally, [tn("%(num)d answer", "%(num)d answers", view.count),
      tn("%(done)d of %(num)d question agreed", "%(done)d of %(num)d questions agreed", view.questions.length,
        { done: view.questions.filter((q) => q.agreed).length })].join(" · "));
    showQuestions(view.questions.map((q) => ({ ...q, answers: q.answers.map((a) => ({ ...a, words: said(a, view.bases) })) })));
  });
  frame.body.append(tally, form, list);
  return frame;
}
