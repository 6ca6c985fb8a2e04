// Shared language: terms and what partners mean by them, grouped, growing live.
import { h, fill, plural } from "../core/dom.js";

const STATUS = { open: "Not settled", agreed: "Agreed", contested: "Means different things" };

function groupCard(group, { big = false, extra = () => null, definitionExtra = () => null } = {}) {
  return h("li", { class: `term-group status-${group.status}` },
    h("p", { class: "term" }, group.terms.join(" = "),
      group.status !== "open" ? h("span", { class: "term-status" }, STATUS[group.status]) : null),
    h("ul", { class: "definitions" }, group.definitions.map((d) => h("li", { class: d.hidden ? "is-hidden" : "" },
      group.terms.length > 1 ? h("strong", {}, `${d.term}: `) : null, d.meaning,
      h("span", { class: "who" }, [d.organisation, d.plus ? `+${d.plus}` : ""].filter(Boolean).join(" · ")),
      d.hidden ? h("span", { class: "badge" }, "hidden") : null,
      definitionExtra(d)))),
    extra(group), big ? null : null);
}

// ---------------------------------------------------------------- phone
export function participant(root, { act }) {
  const prompt = h("h1", { class: "prompt" });
  const state = h("p", { class: "activity-state", role: "status" });
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
  root.append(prompt, state, form, mineHeading, mine, allHeading, all);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await act("define", { term: term.value, meaning: meaning.value });
    if (answer.ok || answer.queued) { term.value = ""; meaning.value = ""; term.focus(); }
  });
  return {
    update(activity) {
      const { view, mine: own, is_open: open, revealed } = activity;
      prompt.textContent = view.prompt;
      state.textContent = open ? "Add the words your organisation uses, and what they mean to you." : "The glossary is closed for now.";
      form.hidden = !open;
      const entries = own?.entries || [];
      mineHeading.hidden = mine.hidden = !entries.length;
      fill(mine, entries.map((e) => h("li", {}, h("span", { class: "answer-text" }, h("strong", {}, `${e.term}: `), e.meaning),
        open ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: e.id }) },
          "Remove", h("span", { class: "visually-hidden" }, `: ${e.term}`)) : null)));
      const plussed = new Set(own?.plus || []);
      const ownIds = new Set(entries.map((e) => e.id));
      const groups = revealed ? view.groups || [] : [];
      allHeading.hidden = all.hidden = !groups.length;
      fill(all, groups.map((g) => groupCard(g, { definitionExtra: (d) => (open && !ownIds.has(d.id)
        ? h("button", { type: "button", class: "secondary", disabled: plussed.has(d.id), onclick: () => act("plus_one", { id: d.id }) },
          plussed.has(d.id) ? "+1 given" : "+1", h("span", { class: "visually-hidden" }, `: ${d.term}, ${d.meaning}`)) : null) })));
    },
  };
}

// ---------------------------------------------------------------- projector
export function presenter(root) {
  const prompt = h("h1", { class: "prompt" });
  const tally = h("p", { class: "tally" });
  const list = h("ul", { class: "glossary glossary-big" });
  root.append(prompt, tally, list);
  return {
    update(activity) {
      const { view, revealed } = activity;
      prompt.textContent = view.prompt;
      const groups = revealed ? view.groups || [] : [];
      tally.textContent = plural(view.count, "definition") + (revealed ? ` of ${plural(groups.length, "term")}` : " · hidden until the facilitator reveals them");
      fill(list, groups.map((g) => groupCard(g, { big: true })));
    },
  };
}

// ---------------------------------------------------------------- console
export function facilitator(root, { act }) {
  const prompt = h("h2", {});
  const body = h("div", {});
  root.append(prompt, body);
  return {
    update(activity) {
      const { view } = activity;
      prompt.textContent = view.prompt;
      const groups = view.groups;
      fill(body, h("p", { class: "tally-small" }, `${plural(view.count, "definition")} of ${plural(groups.length, "term")}`),
        h("ul", { class: "glossary" }, groups.map((g, i) => groupCard(g, {
          definitionExtra: (d) => h("button", { type: "button", class: "secondary", onclick: () => act(d.hidden ? "restore" : "hide", { id: d.id }) },
            d.hidden ? "Restore" : "Hide", h("span", { class: "visually-hidden" }, `: ${d.term}, ${d.meaning}`)),
          extra: (group) => {
            const others = groups.filter((o) => o.key !== group.key);
            const target = others.length ? h("select", { id: `link-${i}`, "aria-label": `Link “${group.terms[0]}” with` },
              others.map((o) => h("option", { value: o.terms[0] }, o.terms.join(" = ")))) : null;
            return h("div", { class: "note-tools" },
              Object.entries(STATUS).map(([status, label]) => h("button", { type: "button", class: "secondary",
                "aria-pressed": String(group.status === status), onclick: () => act("mark", { term: group.terms[0], status }) },
              label, h("span", { class: "visually-hidden" }, `: ${group.terms[0]}`))),
              target, target ? h("button", { type: "button", class: "secondary", onclick: () => act("link", { term: group.terms[0], same_as: target.value }) },
                "Means the same as", h("span", { class: "visually-hidden" }, `: ${group.terms[0]}`)) : null,
              group.terms.length > 1 ? group.terms.map((t) => h("button", { type: "button", class: "secondary", onclick: () => act("unlink", { term: t }) },
                `Unlink “${t}”`)) : null);
          },
        }))));
    },
  };
}
