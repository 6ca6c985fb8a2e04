// Dot voting on the phone: big targets to place dots, and proposals before the vote.
import { h, fill, named, setText } from "../../core/dom.js";
import { keepDraft } from "../../core/drafts.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../../core/keyed.js";
import { countQueued, latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { resultsList } from "./results.js";
import { localised, t, tn } from "../../core/i18n.js";

/** `total` dots, the first `count` filled; of those, the last `waiting` are not in yet. */
function dotsRow(count, total, className = "dot", waiting = 0) {
  return h("span", { class: "dots", "aria-hidden": "true" },
    Array.from({ length: total }, (_, i) => h("span", {
      class: i >= count ? className : i >= count - waiting ? `${className} is-on is-waiting` : `${className} is-on` })));
}

/** One option on the phone, made once and updated in place: the button a finger or the
 * keyboard is on stays the same button while other people's votes arrive. */
function optionItem(option, tap) {
  const text = h("span", { class: "option-text" });
  const dots = h("span", { class: "option-dots" });
  const add = h("button", { type: "button", class: "option-add", onclick: () => tap("add", option.id) }, text, dots);
  const gone = h("span", { class: "visually-hidden" });
  const remove = h("button", { type: "button", class: "option-remove", onclick: () => tap("remove", option.id) },
    h("span", { "aria-hidden": "true" }, "−"), gone);
  const word = waitingWord();
  const element = h("li", { class: "option" }, add, remove, word.element);
  let shown = null;
  return {
    element,
    update({ option: { text: words }, count, waiting, canAdd, canRemove }) {
      element.className = count ? "option has-dots" : "option";
      add.disabled = !canAdd;
      text.textContent = words;
      gone.textContent = t("Take a dot back from %(option)s", { option: words });
      // Names come from the buttons' own text (no aria-label), so that what is seen is
      // what is heard, and what a voice-control user can say.
      if (shown !== `${count}:${waiting.n}`) {
        fill(dots, count
          ? [dotsRow(count, count, "dot", waiting.n), h("span", { class: "visually-hidden" }, tn("%(num)d dot of yours. Tap to add another.", "%(num)d dots of yours. Tap to add another.", count))]
          : h("span", { class: "tap-hint" }, t("Tap to add a dot")));
        shown = `${count}:${waiting.n}`;
      }
      word.show(waiting.latest);
      if (!canRemove && document.activeElement === remove) add.focus(); // the keyboard stays on the option
      remove.hidden = !canRemove;
    },
  };
}

export function participant(root, { act, activityId, dismiss, limits }) {
  const { prompt, state: status, body } = phoneFrame(root, { stateClass: "dots-left" });
  let activity = null;

  // A tap is a dot on its way: it counts against the budget, and shows as waiting, until
  // the server has it (the phone's outbox holds it, across a reload too).
  const tap = (action, option) => act(action, { option });

  // The voting screen and the proposing screen are each built once per phase.
  const screen = rebuildWhenChanged(() => (activity.view.phase === "proposing" ? proposing() : voting()));

  function voting() {
    const list = h("ul", { class: "options" });
    const resultsBox = h("div", {});
    fill(body, resultsBox, list); // revealed results come first, above a long list
    return { phase: "voting", options: keyedList(list, { key: (o) => o.option.id, make: (o) => optionItem(o.option, tap) }), resultsBox };
  }

  function proposing() {
    const input = h("input", { id: "proposal", maxlength: limits.propose.text });
    const draft = keepDraft(input, activityId, "proposal");
    const form = h("form", { class: "answer-form" },
      h("label", { for: "proposal" }, t("Your proposal")), input, draft.reason,
      h("button", { type: "submit", class: "wide" }, t("Propose")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      draft.clear(); // on its way: listed under "Your proposals" until it is in
      const answer = await act("propose", { text });
      if (!answer.ok && !answer.queued) draft.giveBack(text, answer.error);
    });
    const closed = h("p", {}, t("Proposals are closed for now."));
    const ownHeading = h("h2", {}, t("Your proposals"));
    const ownList = h("ul", { class: "my-answers" });
    fill(body, form, closed, ownHeading, ownList);
    return { phase: "proposing", form, closed, ownHeading, ownList, draft,
      own: keyedList(ownList, { key: (p) => (p.cid ? `new:${p.cid}` : `${p.id}:${p.open}`), make: (p) => proposalItem(p, act) }) };
  }

  function draw() {
    const { view, mine, is_open: open, revealed } = activity;
    setText(prompt, localised(view.prompt, activity.words));
    const parts = screen(view.phase === "proposing" ? "proposing" : "voting");
    const queued = activity.queued || [];
    if (parts.phase === "proposing") {
      status.textContent = t("Propose options to vote on. The facilitator starts the vote.");
      for (const item of activity.returned || []) {
        if (item.action === "propose" && open) { parts.draft.giveBack(item.payload.text, item.error); dismiss(item.cid); }
      }
      const removals = latestQueued(queued, "withdraw_proposal", (q) => q.payload.id);
      const own = [...(mine?.proposals || []).map((p) => ({ ...p, open, busy: removals.has(p.id) ? { ...removals.get(p.id), what: "remove" } : null })),
        ...queued.filter((q) => q.action === "propose").map((q) => ({ cid: q.cid, text: q.payload.text, busy: q }))];
      parts.form.hidden = !open;
      parts.closed.hidden = open;
      parts.ownHeading.hidden = parts.ownList.hidden = !own.length;
      parts.own(own);
      return;
    }
    const adds = countQueued(queued, "add", (q) => q.payload.option);
    const removes = countQueued(queued, "remove", (q) => q.payload.option);
    const latest = new Map(queued.filter((q) => q.action === "add" || q.action === "remove").map((q) => [q.payload.option, q]));
    const dots = { ...(mine?.dots || {}) };
    for (const option of new Set([...adds.keys(), ...removes.keys()])) {
      dots[option] = Math.max(0, (dots[option] || 0) + (adds.get(option) || 0) - (removes.get(option) || 0));
    }
    const spent = Object.values(dots).reduce((a, b) => a + b, 0);
    const left = Math.max(0, view.dots - spent);
    const waitingDots = queued.filter((q) => q.action === "add").length;
    const leftOf = tn("%(left)s of %(num)d dot left", "%(left)s of %(num)d dots left", view.dots, { left });
    const said = !open ? t("Voting is closed. These are your dots.")
      : waitingDots ? tn("%(left_of)s (%(num)d dot not sent yet)", "%(left_of)s (%(num)d dots not sent yet)", waitingDots, { left_of: leftOf })
        : left ? leftOf
          : tn("Your vote is in: %(num)d dot placed. Take it back to move it.",
            "Your vote is in: all %(num)d dots placed. Take one back to move it.", view.dots);
    if (status.textContent !== said) fill(status, dotsRow(left, view.dots, "dot-left"), said); // read out on change only
    const cap = view.cap || view.dots;
    parts.options(view.options.map((option) => {
      const count = dots[option.id] || 0;
      const last = latest.get(option.id);
      return { option, count, canAdd: open && left > 0 && count < cap, canRemove: open && count > 0,
        waiting: { n: Math.min(count, adds.get(option.id) || 0), latest: last && { ...last, what: last.action === "add" ? "new" : "remove" } } };
    }));
    fill(parts.resultsBox, revealed && view.results ? [h("h2", {}, t("The results are in")),
      resultsList(view.results, null, { words: activity.words }), h("h2", {}, t("Your dots"))] : null);
  }

  return { update(next) { activity = next; draw(); } };
}

function proposalItem(p, act) {
  const word = waitingWord();
  const note = reviewNote();
  const withdraw = p.open ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw_proposal", { id: p.id }) },
    named(t("Withdraw"), p.text)) : null;
  const element = h("li", {}, h("span", { class: "answer-text" }, p.text), note.element, withdraw, word.element);
  return { element, update({ busy, waiting }) {
    note.show(waiting);
    word.show(busy);
    element.classList.toggle("is-waiting", Boolean(busy));
    if (withdraw) withdraw.disabled = Boolean(busy);
  } };
}
