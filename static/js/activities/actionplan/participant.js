// Action plan on the phone: propose actions, support others', see the plan and the review.
import { h, named, plural, setText } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { ownerAndDue, thenAndNow } from "./shared.js";

/** The workshop's organisations, offered as owners (the page carries them). */
function organisations() {
  try { return JSON.parse(document.body.dataset.organisations || "[]"); } catch { return []; }
}

export function participant(root, { act, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const reviewHeading = h("h2", {}, "Actions from the last workshop");
  const reviewList = h("ul", { class: "plan-list" });
  const text = h("textarea", { id: "action-text", rows: 3, maxlength: limits.propose.text });
  const owner = h("input", { id: "action-owner", maxlength: limits.propose.owner, list: "action-owners", autocomplete: "off" });
  const owners = h("datalist", { id: "action-owners" }, organisations().map((o) => h("option", { value: o })));
  const due = h("input", { id: "action-due", type: "date" });
  const left = h("p", { class: "hint", id: "action-left" });
  const form = h("form", { class: "answer-form" },
    h("label", { for: "action-text" }, "An action"), text,
    h("label", { for: "action-owner" }, "Which organisation could own it? ", h("span", { class: "optional" }, "(optional)")), owner, owners,
    h("label", { for: "action-due" }, "By when? ", h("span", { class: "optional" }, "(optional)")), due,
    left, h("button", { type: "submit", class: "wide" }, "Propose"));
  const mineHeading = h("h2", {}, "Your proposals");
  const mineList = h("ul", { class: "my-answers" });
  const planHeading = h("h2", {}, "The plan so far");
  const planList = h("ul", { class: "plan-list" });
  body.append(reviewHeading, reviewList, form, mineHeading, mineList, planHeading, planList);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!text.value.trim()) { text.focus(); return; }
    const answer = await act("propose", { text: text.value, owner: owner.value, due: due.value || null });
    if (answer.ok || answer.queued) { text.value = ""; owner.value = ""; due.value = ""; }
    text.focus();
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

  const showMine = keyedList(mineList, { key: (i) => `${i.id}:${i.open && !i.agreed}`, make: (i) => {
    const words = h("span", { class: "answer-text", dir: "auto" });
    const about = h("span", { class: "who" });
    const element = h("li", {}, words, about);
    if (i.open && !i.agreed) {
      element.append(h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: i.id }) },
        named("Withdraw", i.text)));
    }
    return { element, update(item) {
      setText(words, item.text);
      setText(about, [item.agreed ? "agreed by the room" : "", ownerAndDue(item)].filter(Boolean).join(" · "));
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
      setText(about, [i.agreed ? `Agreed · ${i.statuses[i.status]}` : "Proposed",
        ownerAndDue(i), i.plus ? `+${i.plus}` : ""].filter(Boolean).join(" · "));
      support.hidden = !i.canSupport;
      support.disabled = i.supported;
      fillButton(support, i.supported ? "Supported" : "Support", i.text);
    } };
  } });

  return {
    update(activity) {
      const { view, mine, is_open: open, revealed } = activity;
      prompt.textContent = view.prompt;
      const remaining = mine ? mine.remaining : 0;
      const said = !open ? "The action plan is closed for now."
        : view.proposals ? "Propose what the partnership should do next, and support others’ proposals."
          : "The facilitator is writing the plan with the room.";
      setText(state, said);
      form.hidden = !open || !view.proposals || remaining === 0;
      setText(left, `You can propose ${plural(remaining, "more action")}.`);
      const review = view.review || [];
      reviewHeading.hidden = reviewList.hidden = !review.length;
      showReview(review.map((r) => ({ ...r, statuses: view.statuses })));
      const own = mine?.items || [];
      mineHeading.hidden = mineList.hidden = !own.length;
      showMine(own.map((i) => ({ ...i, open })));
      const ownIds = new Set(own.map((i) => i.id));
      const supported = new Set(mine?.plus || []);
      const items = revealed ? view.items || [] : [];
      planHeading.hidden = planList.hidden = !items.length;
      showPlan(items.map((i) => ({ ...i, statuses: view.statuses, supported: supported.has(i.id),
        canSupport: open && !i.agreed && i.origin === "proposed" && !ownIds.has(i.id) })));
    },
  };
}

function fillButton(button, word, what) {
  const text = `${word}: ${what}`;
  if (button.dataset.said === text) return;
  button.dataset.said = text;
  button.replaceChildren(...named(word, what));
}
