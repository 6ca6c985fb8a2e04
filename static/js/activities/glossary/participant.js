// Shared language on the phone: add terms, +1 others' meanings once revealed.
import { h, fill, named } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { plusOneButton } from "../../core/plusone.js";
import { STATUS } from "./shared.js";

/** A term group on the phone, updated in place as definitions and +1s arrive. */
function phoneGroup(act) {
  const term = h("p", { class: "term" });
  const list = h("ul", { class: "definitions" });
  const element = h("li", {}, term, list);
  const definitions = keyedList(list, { key: (d) => d.id, make: () => phoneDefinition(act) });
  return {
    element,
    update(group) {
      element.className = `term-group status-${group.status}`;
      fill(term, group.terms.join(" = "),
        group.status !== "open" ? h("span", { class: "term-status" }, STATUS[group.status]) : null);
      definitions(group.definitions.map((d) => ({ ...d, linked: group.terms.length > 1, plussed: group.plussed, canPlus: group.canPlus })));
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
      plusOne.update({ id: d.id, can: d.canPlus(d), given: d.plussed.has(d.id), what: `${d.term}, ${d.meaning}` });
    },
  };
}

export function participant(root, { act, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const term = h("input", { id: "term", maxlength: limits.define.term });
  const meaning = h("textarea", { id: "meaning", rows: 3, maxlength: limits.define.meaning });
  const form = h("form", { class: "answer-form" },
    h("label", { for: "term" }, "A term you use"), term,
    h("label", { for: "meaning" }, "What you mean by it"), meaning,
    h("button", { type: "submit", class: "wide" }, "Add to the glossary"));
  const mineHeading = h("h2", {}, "Your terms");
  const mine = h("ul", { class: "my-answers" });
  const allHeading = h("h2", {}, "The glossary so far");
  const all = h("ul", { class: "glossary" });
  body.append(form, mineHeading, mine, allHeading, all);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await act("define", { term: term.value, meaning: meaning.value });
    if (answer.ok || answer.queued) { term.value = ""; meaning.value = ""; term.focus(); }
  });
  const showMine = keyedList(mine, { key: (e) => `${e.id}:${e.open}`, make: (e) => ({ element:
    h("li", {}, h("span", { class: "answer-text" }, h("strong", {}, `${e.term}: `), e.meaning),
      e.open ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: e.id }) },
        named("Remove", e.term)) : null) }) });
  const showAll = keyedList(all, { key: (g) => g.key, make: () => phoneGroup(act) });
  return {
    update(activity) {
      const { view, mine: own, is_open: open, revealed } = activity;
      prompt.textContent = view.prompt;
      const said = open ? "Add the words your organisation uses, and what they mean to you." : "The glossary is closed for now.";
      if (state.textContent !== said) state.textContent = said;
      form.hidden = !open;
      const entries = own?.entries || [];
      mineHeading.hidden = mine.hidden = !entries.length;
      showMine(entries.map((e) => ({ ...e, open })));
      const plussed = new Set(own?.plus || []);
      const ownIds = new Set(entries.map((e) => e.id));
      const canPlus = (d) => open && !ownIds.has(d.id);
      const groups = revealed ? view.groups || [] : [];
      allHeading.hidden = all.hidden = !groups.length;
      showAll(groups.map((g) => ({ ...g, plussed, canPlus })));
    },
  };
}
