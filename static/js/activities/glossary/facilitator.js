// Shared language on the console: moderate, mark and link terms.
import { h, namedButton, setClass, setOptions, setText } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../../core/keyed.js";
import { hiddenMark, hideToggle, reviewMarks, rowClass } from "../../core/moderation.js";
import { STATUS, definitionsOf } from "./shared.js";

/** A definition on the console, updated in place: its words, who gave it, Hide or Restore. */
function consoleDefinition(act) {
  const term = h("strong", {});
  const meaning = document.createTextNode("");
  const who = h("span", { class: "who" });
  const mark = hiddenMark();
  const review = reviewMarks(act);
  const toggle = hideToggle(act);
  const element = h("li", {}, term, meaning, who, mark.badge, ...review.elements, toggle.button);
  return {
    element,
    update(d) {
      setClass(element, rowClass(d));
      setText(term, `${d.term}: `);
      term.hidden = !d.linked;
      if (meaning.data !== d.meaning) meaning.data = d.meaning;
      setText(who, [d.organisation, d.plus ? `+${d.plus}` : ""].filter(Boolean).join(" · "));
      mark.update(d);
      review.update(d, `${d.term}, ${d.meaning}`);
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
    unlinks = group.terms.length > 1 ? group.terms.map((term) => h("button", { type: "button", class: "secondary",
      onclick: () => act("unlink", { term }) }, t("Unlink “%(term)s”", { term }))) : [];
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
      target.setAttribute("aria-label", t("Link “%(term)s” with", { term: group.terms[0] }));
      link.name(t("Means the same as"), group.terms[0]);
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
    setText(tally, definitionsOf(view.count, groups.length));
    showGroups(groups.map((group, index) => ({ group, index, others: groups.filter((o) => o.key !== group.key) })));
  });
  frame.body.append(tally, list);
  return frame;
}
