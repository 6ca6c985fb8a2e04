// Sharing checklist on the projector: each question with what the room agreed, or the
// answers proposed so far.
//
// Volume: each question shows its agreed answers (every partner's lawful basis) and, if
// none is agreed yet, the two answers with most +1s and "and N more" (the server sends a
// presenter only those, and how many answers each question has: q.count); the questions
// at the largest size that holds them all, else in pages that turn by themselves
// ("Questions 1–4 of 8"), each page as many cards as fit (shortenedCards). A question
// whose card fits in no column, when a column has a third of the wall free, or whose card
// would not fit the screen even alone, shows the answers that fit there and counts the
// rest: a page is not left mostly empty for it.
import { h, setLine, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { pager, range, shortenedCards } from "../../core/fit.js";
import { said } from "./shared.js";

const PROPOSED = 2; // shown for a question with nothing agreed yet

/** What a question's card shows: what was agreed, or the answers with most +1s; for the
 * lawful basis, each partner's agreed basis and proposals for partners with none. */
function chosen(q, agreed) {
  if (q.kind !== "basis") return agreed.length ? agreed : q.answers.slice(0, PROPOSED);
  const settled = new Set(agreed.map((a) => a.partner.toLowerCase()));
  return [...agreed, ...q.answers.filter((a) => !a.agreed && !settled.has(a.partner.toLowerCase())).slice(0, PROPOSED)];
}

function card(q, bases, most = Infinity) {
  const agreed = q.answers.filter((a) => a.agreed);
  const shown = chosen(q, agreed).slice(0, most);
  const rest = (q.count ?? q.answers.length) - shown.length;
  return h("li", { class: "check-card", dataset: { agreed: agreed.length ? "yes" : "no" } },
    h("p", { class: "check-label" }, t(q.label), h("span", { class: "check-state" }, agreed.length ? t("Agreed") : q.answers.length ? t("Not agreed yet") : t("No answers yet"))),
    h("ul", { class: "check-answers" }, shown.map((a) => h("li", { dir: "auto" }, said(a, bases),
      !a.agreed && a.plus ? h("span", { class: "who" }, ` +${a.plus}`) : null))),
    rest ? h("p", { class: "term-more" }, tn("and %(num)d more answer", "and %(num)d more answers", rest)) : null);
}

export function presenter(root) {
  const list = h("ul", { class: "check-cards cards" });
  const more = h("p", { class: "more" });
  const box = h("div", { class: "fit check-box" }, list, more);
  let questions = [];
  let bases = {};
  const cards = shortenedCards(box, list, (i, most) => card(questions[i], bases, most),
    (i) => questions[i].answers.length);
  const pages = pager(box, ["large", "small"], (from, to, total) => {
    setText(more, t("Questions %(range)s", { range: range(from, to, total) }));
    // First, as the cards are measured with it. At the smallest size the line keeps its
    // place when all cards are shown, so that a page is packed alike however many follow.
    more.hidden = to - from === total && box.dataset.size !== "small";
    more.style.visibility = to - from === total ? "hidden" : "";
    cards.draw(from, to);
  });
  return presenterFrame(root, box, ({ view, revealed }, tally) => {
    cards.forget();
    bases = view.bases;
    questions = revealed ? view.questions : [];
    const settled = revealed ? view.questions.filter((q) => q.agreed).length : 0;
    setLine(tally, [tn("%(num)d answer", "%(num)d answers", view.count), revealed
      ? tn("%(done)d of %(num)d question agreed", "%(done)d of %(num)d questions agreed", view.questions.length, { done: settled })
      : t("hidden until the facilitator reveals them")]);
    pages.show(questions.length);
  });
}
