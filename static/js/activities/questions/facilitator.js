// Questions from the room on the console: every question, most wanted first, with who
// asked; mark one being answered, then answered; moderate; ask for someone without a phone.
import { h, namedButton, setClass, setText } from "../../core/dom.js";
import { consoleFrame } from "../../core/frame.js";
import { t, tn } from "../../core/i18n.js";
import { keyedList } from "../../core/keyed.js";
import { hiddenMark, hideToggle, reviewMarks, rowClass } from "../../core/moderation.js";
import { STANDING, asked, votes } from "./shared.js";

/** A question on the console, made once and updated in place. */
function consoleQuestion(act) {
  let question = null;
  const text = h("span", { class: "answer-text", dir: "auto" });
  const about = h("span", { class: "who" });
  const mark = hiddenMark();
  const review = reviewMarks(act);
  const toggle = hideToggle(act);
  const answer = namedButton({ onclick: () => act("mark", { id: question.id,
    status: question.status === "answering" ? "answered" : "answering" }) });
  const reopen = namedButton({ class: "secondary", onclick: () => act("mark", { id: question.id, status: "open" }) });
  const element = h("li", {}, text, about, mark.badge, ...review.elements.slice(0, 2),
    h("div", { class: "note-tools" }, review.elements[2], answer.button, reopen.button, toggle.button));
  return {
    element,
    update(q) {
      question = q;
      setClass(element, rowClass(q) || (q.status === "answering" ? "is-answering" : ""));
      setText(text, q.text);
      const who = q.by_facilitator ? t("entered by you")
        : t("participant %(number)s", { number: q.number }) + (q.organisation ? ` · ${q.organisation}` : "");
      setText(about, [STANDING[q.status], votes(q.plus), who].filter(Boolean).join(" · "));
      mark.update(q);
      review.update(q, q.text);
      toggle.update(q, q.text);
      answer.name(q.status === "answering" ? t("Answered") : t("Answer now"), q.text);
      answer.button.hidden = q.status === "answered" || q.hidden || q.held;
      reopen.name(q.status === "answered" ? t("Not answered after all") : t("Back to the list"), q.text);
      reopen.button.hidden = q.status === "open";
    },
  };
}

export function facilitator(root, { act, limits }) {
  const tally = h("p", { class: "tally-small" });
  const input = h("input", { id: "proxy-question", maxlength: limits.ask.text });
  const form = h("form", { class: "proxy-form" },
    h("label", { for: "proxy-question" }, t("Ask for someone without a phone")),
    h("div", { class: "inline" }, input, h("button", { type: "submit" }, t("Ask"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    const answer = await act("ask", { text: input.value });
    if (answer.ok || answer.queued) input.value = "";
  });
  const list = h("ul", { class: "moderation" });
  const show = keyedList(list, { key: (q) => q.id, make: () => consoleQuestion(act) });
  const frame = consoleFrame(root, (body, { view }) => {
    setText(tally, [asked(view), tn("%(num)d answered", "%(num)d answered", view.answered)].join(" · "));
    show(view.questions);
  });
  frame.body.append(tally, form, list);
  return frame;
}
