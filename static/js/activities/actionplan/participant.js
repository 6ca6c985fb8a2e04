// Action plan on the phone: propose actions, support others', see the plan and the review.
// What is typed is kept on the phone until it is sent; proposals on their way, or waiting
// for the connection, are listed with the person's own.
import { h, named, setText } from "../../core/dom.js";
import { keepDraft } from "../../core/drafts.js";
import { localised, t, tn } from "../../core/i18n.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { ownerAndDue, statusNames, thenAndNow } from "./shared.js";

export function participant(root, { act, activityId, dismiss, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const reviewHeading = h("h2", {}, t("Actions from the last workshop"));
  const reviewList = h("ul", { class: "my-answers plan-list" });
  const text = h("textarea", { id: "action-text", rows: 3, maxlength: limits.propose.text });
  const owner = h("input", { id: "action-owner", maxlength: limits.propose.owner, autocomplete: "organization" });
  const due = h("input", { id: "action-due", type: "date" });
  const drafts = [keepDraft(text, activityId, "text"), keepDraft(owner, activityId, "owner"),
    keepDraft(due, activityId, "due")];
  const left = h("p", { class: "hint", id: "action-left" });
  const form = h("form", { class: "answer-form" },
    h("label", { for: "action-text" }, t("An action")), text, drafts[0].reason,
    h("label", { for: "action-owner" }, t("Which organisation could own it?"), " ", h("span", { class: "optional" }, t("(optional)"))), owner,
    h("label", { for: "action-due" }, t("By when?"), " ", h("span", { class: "optional" }, t("(optional)"))), due,
    left, h("button", { type: "submit", class: "wide" }, t("Propose")));
  const mineHeading = h("h2", {}, t("Your proposals"));
  const mineList = h("ul", { class: "my-answers" });
  const planHeading = h("h2", {}, t("The plan so far"));
  const planList = h("ul", { class: "my-answers plan-list" });
  const planMore = h("p", { class: "hint" }); // the phone is sent the first of the plan only
  body.append(reviewHeading, reviewList, form, mineHeading, mineList, planHeading, planList, planMore);

  /** A refused proposal back in its boxes, with the reason. */
  function giveBack(payload, why) {
    drafts[0].giveBack(payload.text, why);
    drafts[1].giveBack(payload.owner || "", null);
    drafts[2].giveBack(payload.due || "", null);
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!text.value.trim()) { text.focus(); return; }
    const payload = { text: text.value, owner: owner.value, due: due.value || null };
    for (const draft of drafts) draft.clear(); // on its way: listed under "Your proposals"
    text.focus();
    const answer = await act("propose", payload);
    if (!answer.ok && !answer.queued) giveBack(payload, answer.error);
  });

  const showReview = keyedList(reviewList, { key: (r) => r.id, make: () => {
    const words = h("span", { class: "answer-text", dir: "auto" });
    const about = h("span", { class: "who" });
    const where = h("span", { class: "plan-status" });
    return { element: h("li", {}, words, about, where), update(r) {
      setText(words, r.text);
      setText(about, ownerAndDue(r));
      setText(where, thenAndNow(r, r.statuses));
    } };
  } });

  const showMine = keyedList(mineList, { key: (i) => (i.cid ? `new:${i.cid}` : `${i.id}:${i.open && !i.agreed}`), make: (i) => {
    const words = h("span", { class: "answer-text", dir: "auto" });
    const about = h("span", { class: "who" });
    const word = waitingWord();
    const note = reviewNote();
    const withdraw = i.open && !i.agreed && !i.cid ? h("button", { type: "button", class: "secondary",
      onclick: () => act("withdraw", { id: i.id }) }, named(t("Withdraw"), i.text)) : null;
    const element = h("li", {}, words, about, note.element, withdraw, word.element);
    return { element, update(item) {
      setText(words, item.text);
      note.show(item.waiting);
      setText(about, [item.agreed ? t("agreed by the room") : "", ownerAndDue(item)].filter(Boolean).join(" · "));
      word.show(item.busy);
      element.classList.toggle("is-waiting", Boolean(item.busy));
      if (withdraw) withdraw.disabled = Boolean(item.busy);
    } };
  } });

  const showPlan = keyedList(planList, { key: (i) => i.id, make: () => {
    const words = h("span", { class: "answer-text", dir: "auto" });
    const about = h("span", { class: "who" });
    const support = h("button", { type: "button", class: "secondary" });
    const element = h("li", {}, words, about, support);
    let id = null;
    support.addEventListener("click", () => act("support", { id }));
    return { element, update(i) {
      id = i.id;
      element.dataset.agreed = i.agreed ? "yes" : "no";
      setText(words, i.text);
      setText(about, [i.agreed ? t("Agreed · %(status)s", { status: i.statuses[i.status] }) : t("Proposed"),
        ownerAndDue(i), i.plus ? `+${i.plus}` : ""].filter(Boolean).join(" · "));
      support.hidden = !i.canSupport;
      support.disabled = i.supported || Boolean(i.supporting); // one on its way at a time
      const word = i.supporting === "sending" ? t("Sending support…") : i.supporting ? t("Support waiting to send")
        : i.supported ? t("Supported") : t("Support");
      const said = `${word}: ${i.text}`;
      if (support.dataset.said !== said) {
        support.dataset.said = said;
        support.replaceChildren(...named(word, i.text));
      }
    } };
  } });

  return {
    update(activity) {
      const { view, mine, is_open: open, revealed } = activity;
      setText(prompt, localised(view.prompt, activity.words));
      setText(state, !open ? t("The action plan is closed for now.")
        : view.proposals ? t("Propose what the partnership should do next, and support others’ proposals.")
          : t("The facilitator is writing the plan with the room."));
      const queued = activity.queued || [];
      const taken = open ? (activity.returned || []).find((item) => item.action === "propose") : null;
      if (taken) { dismiss(taken.cid); giveBack(taken.payload, taken.error); } // one at a time
      const sending = queued.filter((q) => q.action === "propose");
      const remaining = Math.max(0, (mine ? mine.remaining : 0) - sending.length);
      form.hidden = !open || !view.proposals || remaining === 0;
      setText(left, tn("You can propose %(num)d more action.", "You can propose %(num)d more actions.", remaining));
      const review = view.review || [];
      reviewHeading.hidden = reviewList.hidden = !review.length;
      const statuses = statusNames(view.statuses);
      showReview(review.map((r) => ({ ...r, statuses })));
      const own = mine?.items || [];
      const removals = latestQueued(queued, "withdraw", (q) => q.payload.id);
      const listed = [...own.map((i) => ({ ...i, open, busy: removals.has(i.id) ? { ...removals.get(i.id), what: "remove" } : null })),
        ...sending.map((q) => ({ cid: q.cid, text: q.payload.text, owner: q.payload.owner, due: q.payload.due, busy: q }))];
      mineHeading.hidden = mineList.hidden = !listed.length;
      showMine(listed);
      const ownIds = new Set(own.map((i) => i.id));
      const supported = new Set(mine?.plus || []);
      const supporting = latestQueued(queued, "support", (q) => q.payload.id);
      const items = revealed ? view.items || [] : [];
      planHeading.hidden = planList.hidden = !items.length;
      const rest = items.length ? view.count - items.length : 0;
      setText(planMore, rest > 0 ? tn("and %(num)d more action", "and %(num)d more actions", rest) : "");
      planMore.hidden = rest <= 0;
      showPlan(items.map((i) => ({ ...i, statuses, supported: supported.has(i.id),
        supporting: supporting.get(i.id)?.state,
        canSupport: open && !i.agreed && i.origin === "proposed" && !ownIds.has(i.id) })));
    },
  };
}
