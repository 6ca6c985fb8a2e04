// Shared language: terms and what partners mean by them, grouped, growing live.
import { h, fill, named, namedButton, plural, setClass, setOptions, setText } from "../core/dom.js";
import { consoleFrame, phoneFrame, presenterFrame } from "../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../core/keyed.js";
import { hiddenBadge, hiddenMark, hideToggle } from "../core/moderation.js";
import { plusOneButton } from "../core/plusone.js";

const STATUS = { open: "Not settled", agreed: "Agreed", contested: "Means different things" };

function groupCard(group) {
  return h("li", { class: `term-group status-${group.status}` },
    h("p", { class: "term" }, group.terms.join(" = "),
      group.status !== "open" ? h("span", { class: "term-status" }, STATUS[group.status]) : null),
    h("ul", { class: "definitions" }, group.definitions.map((d) => h("li", { class: d.hidden ? "is-hidden" : "" },
      group.terms.length > 1 ? h("strong", {}, `${d.term}: `) : null, d.meaning,
      h("span", { class: "who" }, [d.organisation, d.plus ? `+${d.plus}` : ""].filter(Boolean).join(" · ")),
      hiddenBadge(d)))));
}

// ---------------------------------------------------------------- phone
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

export function participant(root, { act }) {
  const { prompt, state, body } = phoneFrame(root);
  const term = h("input", { id: "term", maxlength: 80 });
  const meaning = h("textarea", { id: "meaning", rows: 3, maxlength: 280 });
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

// ---------------------------------------------------------------- projector
export function presenter(root) {
  const list = h("ul", { class: "glossary glossary-big" });
  return presenterFrame(root, list, ({ view, revealed }, tally) => {
    const groups = revealed ? view.groups || [] : [];
    tally.textContent = plural(view.count, "definition") + (revealed ? ` of ${plural(groups.length, "term")}` : " · hidden until the facilitator reveals them");
    fill(list, groups.map((g) => groupCard(g)));
  });
}

// ---------------------------------------------------------------- console
/** A definition on the console, updated in place: its words, who gave it, Hide or Restore. */
function consoleDefinition(act) {
  const term = h("strong", {});
  const meaning = document.createTextNode("");
  const who = h("span", { class: "who" });
  const mark = hiddenMark();
  const toggle = hideToggle(act);
  const element = h("li", {}, term, meaning, who, mark.badge, toggle.button);
  return {
    element,
    update(d) {
      setClass(element, d.hidden ? "is-hidden" : "");
      setText(term, `${d.term}: `);
      term.hidden = !d.linked;
      if (meaning.data !== d.meaning) meaning.data = d.meaning;
      setText(who, [d.organisation, d.plus ? `+${d.plus}` : ""].filter(Boolean).join(" · "));
      mark.update(d);
      toggle.update(d, `${d.term}, ${d.meaning}`);
    },
  };
}

/** A term group on the console, made once: its definitions, marking it, and linking it
 * with another term (the select keeps its choice while updates arrive). */
function consoleGroup(act) {
  let group = null;
  const words = document.createTextNode("");
  const status = h("span", { class: "term-status" });
  const list = h("ul", { class: "definitions" });
  const definitions = keyedList(list, { key: (d) => d.id, make: () => consoleDefinition(act) });
  const marks = Object.entries(STATUS).map(([key, label]) => ({ key, label,
    ...namedButton({ class: "secondary", onclick: () => act("mark", { term: group.terms[0], status: key }) }) }));
  const target = h("select", {});
  const link = namedButton({ class: "secondary", onclick: () => act("link", { term: group.terms[0], same_as: target.value }) });
  const tools = h("div", { class: "note-tools" }, marks.map((m) => m.button), target, link.button);
  let unlinks = [];
  const showUnlinks = rebuildWhenChanged(() => {
    for (const button of unlinks) button.remove();
    unlinks = group.terms.length > 1 ? group.terms.map((t) => h("button", { type: "button", class: "secondary",
      onclick: () => act("unlink", { term: t }) }, `Unlink “${t}”`)) : [];
    tools.append(...unlinks);
  });
  const element = h("li", {}, h("p", { class: "term" }, words, status), list, tools);
  return {
    element,
    update({ group: next, others, index }) {
      group = next;
      setClass(element, `term-group status-${group.status}`);
      if (words.data !== group.terms.join(" = ")) words.data = group.terms.join(" = ");
      setText(status, STATUS[group.status]);
      status.hidden = group.status === "open";
      definitions(group.definitions.map((d) => ({ ...d, linked: group.terms.length > 1 })));
      for (const m of marks) {
        m.button.setAttribute("aria-pressed", String(group.status === m.key));
        m.name(m.label, group.terms[0]);
      }
      setOptions(target, others.map((o) => [o.terms[0], o.terms.join(" = ")]));
      target.id = `link-${index}`;
      target.setAttribute("aria-label", `Link “${group.terms[0]}” with`);
      link.name("Means the same as", group.terms[0]);
      target.hidden = link.button.hidden = !others.length;
      showUnlinks(group.terms);
    },
  };
}

export function facilitator(root, { act }) {
  const tally = h("p", { class: "tally-small" });
  const list = h("ul", { class: "glossary" });
  const showGroups = keyedList(list, { key: (g) => g.group.key, make: () => consoleGroup(act) });
  const frame = consoleFrame(root, (body, { view }) => {
    const { groups } = view;
    setText(tally, `${plural(view.count, "definition")} of ${plural(groups.length, "term")}`);
    showGroups(groups.map((group, index) => ({ group, index, others: groups.filter((o) => o.key !== group.key) })));
  });
  frame.body.append(tally, list);
  return frame;
}
