// Shared language on the phone: add terms, +1 others' meanings once revealed.
import { h, fill, named, setText } from "../../core/dom.js";
import { keepDraft } from "../../core/drafts.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { plusOneButton } from "../../core/plusone.js";
import { STATUS } from "./shared.js";
import { localised, t, tn } from "../../core/i18n.js";

/** A term group on the phone, updated in place as definitions and +1s arrive. */
function phoneGroup(act) {
  const term = h("p", { class: "term" });
  const list = h("ul", { class: "definitions" });
  const more = h("p", { class: "term-more" }); // the phone is sent the top meanings only
  const element = h("li", {}, term, list, more);
  const definitions = keyedList(list, { key: (d) => d.id, make: () => phoneDefinition(act) });
  return {
    element,
    update(group) {
      element.className = `term-group status-${group.status}`;
      fill(term, group.terms.join(" = "),
        group.status !== "open" ? h("span", { class: "term-status" }, STATUS[group.status]) : null);
      definitions(group.definitions.map((d) => ({ ...d, linked: group.terms.length > 1, plussed: group.plussed,
        plussing: group.plussing, canPlus: group.canPlus })));
      const rest = group.meanings - group.definitions.length;
      setText(more, rest > 0 ? tn("and %(num)d more meaning", "and %(num)d more meanings", rest) : "");
      more.hidden = rest <= 0;
    },
  };
}

function phoneDefinition(act) {
  const words = h("span", {});
  const who = h("span", { class: "who" });
  const plusOne = plusOneButton(act);
  const element = h("li", {}, words, who, plusOne.button);
  return {
    element,
    update(d) {
      fill(words, d.linked ? h("strong", {}, `${d.term}: `) : null, d.meaning);
      who.textContent = [d.organisation, d.plus ? `+${d.plus}` : ""].filter(Boolean).join(" · ");
      plusOne.update({ id: d.id, can: d.canPlus(d), given: d.plussed.has(d.id), waiting: d.plussing.get(d.id)?.state,
        what: `${d.term}, ${d.meaning}` });
    },
  };
}

export function participant(root, { act, activityId, dismiss, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const term = h("input", { id: "term", maxlength: limits.define.term });
  const meaning = h("textarea", { id: "meaning", rows: 3, maxlength: limits.define.meaning });
  const termDraft = keepDraft(term, activityId, "term");
  const meaningDraft = keepDraft(meaning, activityId, "meaning");
  const form = h("form", { class: "answer-form" },
    h("label", { for: "term" }, t("A term you use")), term, termDraft.reason,
    h("label", { for: "meaning" }, t("What you mean by it")), meaning,
    h("button", { type: "submit", class: "wide" }, t("Add to the glossary")));
  const mineHeading = h("h2", {}, t("Your terms"));
  const mine = h("ul", { class: "my-answers" });
  const allHeading = h("h2", {}, t("The glossary so far"));
  const all = h("ul", { class: "glossary" });
  const allMore = h("p", { class: "hint" }); // the phone is sent the most defined terms only
  body.append(form, mineHeading, mine, allHeading, all, allMore);
  /** A refused entry back in the boxes, with the reason. */
  function giveBack(payload, why) {
    termDraft.giveBack(payload.term, why);
    meaningDraft.giveBack(payload.meaning, null);
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const payload = { term: term.value, meaning: meaning.value };
    termDraft.clear(); // on its way: listed under "Your terms" until it is in
    meaningDraft.clear();
    term.focus();
    const answer = await act("define", payload);
    if (!answer.ok && !answer.queued) giveBack(payload, answer.error);
  });
  const showMine = keyedList(mine, { key: (e) => (e.cid ? `new:${e.cid}` : `${e.id}:${e.open}`), make: (e) => {
    const word = waitingWord();
    const note = reviewNote();
    const remove = e.open && !e.cid ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: e.id }) },
      named(t("Remove"), e.term)) : null;
    const element = h("li", {}, h("span", { class: "answer-text" }, h("strong", {}, `${e.term}: `), e.meaning), note.element, remove, word.element);
    return { element, update({ busy, waiting }) {
      note.show(waiting);
      word.show(busy);
      element.classList.toggle("is-waiting", Boolean(busy));
      if (remove) remove.disabled = Boolean(busy);
    } };
  } });
  const showAll = keyedList(all, { key: (g) => g.key, make: () => phoneGroup(act) });
  return {
    update(activity) {
      const { view, mine: own, is_open: open, revealed } = activity;
      setText(prompt, localised(view.prompt, activity.words));
      const said = open ? t("Add the words your organisation uses, and what they mean to you.") : t("The glossary is closed for now.");
      if (state.textContent !== said) state.textContent = said;
      form.hidden = !open;
      const queued = activity.queued || [];
      const taken = open ? (activity.returned || []).find((item) => item.action === "define") : null;
      if (taken) { dismiss(taken.cid); giveBack(taken.payload, taken.error); } // one at a time
      const removals = latestQueued(queued, "withdraw", (q) => q.payload.id);
      const entries = own?.entries || [];
      const listed = [...entries.map((e) => ({ ...e, open, busy: removals.has(e.id) ? { ...removals.get(e.id), what: "remove" } : null })),
        ...queued.filter((q) => q.action === "define").map((q) => ({ cid: q.cid, term: q.payload.term, meaning: q.payload.meaning, busy: q }))];
      mineHeading.hidden = mine.hidden = !listed.length;
      showMine(listed);
      const plussed = new Set(own?.plus || []);
      const plussing = latestQueued(queued, "plus_one", (q) => q.payload.id);
      const ownIds = new Set(entries.map((e) => e.id));
      const canPlus = (d) => open && !ownIds.has(d.id);
      const groups = revealed ? view.groups || [] : [];
      allHeading.hidden = all.hidden = !groups.length;
      showAll(groups.map((g) => ({ ...g, plussed, plussing, canPlus })));
      const rest = groups.length ? view.terms - groups.length : 0;
      setText(allMore, rest > 0 ? tn("and %(num)d more term", "and %(num)d more terms", rest) : "");
      allMore.hidden = rest <= 0;
    },
  };
}
