// Questions from the room on the phone: ask, upvote other people's questions (and take
// it back), and see one's own, with where each stands.
import { h, named, setText } from "../../core/dom.js";
import { keepDraft } from "../../core/drafts.js";
import { phoneFrame } from "../../core/frame.js";
import { localised, t, tn } from "../../core/i18n.js";
import { keyedList } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { STANDING, votes } from "./shared.js";

/** One of one's own questions: its words, where it stands, its votes; Withdraw. */
function ownQuestion(act) {
  let question = null;
  const text = h("span", { class: "answer-text", dir: "auto" });
  const where = h("span", { class: "where" });
  const note = reviewNote();
  const word = waitingWord();
  const withdraw = h("button", { type: "button", class: "secondary",
    onclick: () => act("withdraw", { id: question.id }) }, ...named(t("Withdraw"), ""));
  const element = h("li", {}, text, where, note.element, withdraw, word.element);
  return {
    element,
    update(item) {
      question = item;
      setText(text, item.text);
      setText(where, item.cid ? "" : [STANDING[item.status], votes(item.plus)].filter(Boolean).join(" · "));
      note.show(item.waiting);
      word.show(item.busy);
      withdraw.hidden = !item.open || Boolean(item.cid);
      withdraw.disabled = Boolean(item.busy);
      withdraw.lastChild.textContent = `: ${item.text}`;
    },
  };
}

/** A question from the room: its words, its votes, and Upvote (pressed once given). */
function roomQuestion(act) {
  let question = null;
  const text = h("span", { class: "answer-text", dir: "auto" });
  const where = h("span", { class: "where" });
  const label = h("span", {});
  const spoken = h("span", { class: "visually-hidden" });
  const upvote = h("button", { type: "button", class: "secondary", onclick: () =>
    act(question.upvoted ? "unvote" : "upvote", { id: question.id }) }, label, spoken);
  const element = h("li", {}, text, where, upvote);
  return {
    element,
    update(item) {
      question = item;
      setText(text, item.text);
      setText(where, [item.status !== "open" ? STANDING[item.status] : "", votes(item.plus),
        item.organisation, item.own ? t("your question") : ""].filter(Boolean).join(" · "));
      upvote.hidden = item.own || !item.canVote;
      upvote.disabled = Boolean(item.busy); // one change on its way at a time
      upvote.setAttribute("aria-pressed", String(item.upvoted));
      setText(label, item.busy ? t("Sending…") : item.upvoted ? t("Upvoted") : t("Upvote"));
      setText(spoken, `: ${item.text}`);
    },
  };
}

export function participant(root, { act, activityId, dismiss, limits }) {
  const { prompt, state, body } = phoneFrame(root, { promptId: "questions-prompt" });
  const input = h("textarea", { id: "question", name: "question", rows: 3,
    maxlength: limits.ask.text, "aria-describedby": "question-count" });
  const count = h("p", { class: "hint", id: "question-count" });
  const draft = keepDraft(input, activityId, "question");
  const form = h("form", { class: "answer-form", "aria-labelledby": "questions-prompt" },
    h("label", { for: "question" }, t("Your question")), input, draft.reason, count,
    h("button", { type: "submit", class: "wide" }, t("Ask")));
  const mineHeading = h("h2", {}, t("Your questions"));
  const mineList = h("ul", { class: "my-answers my-questions" });
  const roomHeading = h("h2", {}, t("Questions from the room"));
  const roomHint = h("p", { class: "hint" }, t("Upvote the ones you want answered. Tap again to take it back."));
  const roomList = h("ul", { class: "my-answers room-questions" });
  const roomMore = h("p", { class: "hint" }); // the phone is sent the most wanted only
  body.append(form, mineHeading, mineList, roomHeading, roomHint, roomList, roomMore);
  let activity = null;

  const showCount = () => {
    count.textContent = t("%(used)s of %(most)s characters", { used: input.value.length, most: limits.ask.text });
  };
  input.addEventListener("input", showCount);
  showCount();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    draft.clear(); // on its way: listed under "Your questions" until it is in
    const answer = await act("ask", { text });
    if (!answer.ok && !answer.queued) draft.giveBack(text, answer.error);
    input.focus();
  });

  const showMine = keyedList(mineList, { key: (q) => (q.cid ? `new:${q.cid}` : q.id), make: () => ownQuestion(act) });
  const showRoom = keyedList(roomList, { key: (q) => q.id, make: () => roomQuestion(act) });

  function update(next) {
    activity = next;
    const { view, mine, is_open: open, revealed, queued = [] } = activity;
    setText(prompt, localised(view.prompt, activity.words));
    for (const item of activity.returned || []) {
      if (item.action === "ask" && open) { draft.giveBack(item.payload.text, item.error); dismiss(item.cid); }
    }
    const coming = queued.filter((q) => q.action === "ask");
    const remaining = Math.max(0, (mine ? mine.remaining : 0) - coming.length);
    form.hidden = !open || (remaining === 0 && !input.value);
    const said = !open ? t("Questions are closed for now.")
      : remaining === 0 ? t("You have asked all your questions. You can withdraw one below.")
        : tn("You can ask %(num)d more question.", "You can ask %(num)d more questions.", remaining);
    if (state.textContent !== said) state.textContent = said;

    const removals = latestQueued(queued, "withdraw", (q) => q.payload.id);
    const own = (mine?.questions || []).map((q) => ({ ...q, open,
      busy: removals.has(q.id) ? { ...removals.get(q.id), what: "remove" } : null }));
    const mineAll = [...own, ...coming.map((q) => ({ cid: q.cid, text: q.payload.text, busy: q }))];
    mineHeading.hidden = mineList.hidden = !mineAll.length;
    showMine(mineAll);

    const ownIds = new Set(own.map((q) => q.id));
    const upvoted = new Set(mine?.upvoted || []);
    const voting = new Map(); // question id -> the latest upvote or unvote on its way
    for (const q of queued) if (q.action === "upvote" || q.action === "unvote") voting.set(q.payload.id, q);
    const room = revealed ? view.questions || [] : [];
    roomHeading.hidden = roomHint.hidden = roomList.hidden = !room.length;
    showRoom(room.map((q) => ({ ...q, own: ownIds.has(q.id), canVote: open && q.status !== "answered",
      upvoted: voting.has(q.id) ? voting.get(q.id).action === "upvote" : upvoted.has(q.id),
      busy: voting.get(q.id) || null })));
    const rest = room.length ? view.count - room.length : 0;
    setText(roomMore, rest > 0 ? tn("and %(num)d more question", "and %(num)d more questions", rest) : "");
    roomMore.hidden = rest <= 0;
  }
  return { update };
}
