// Partnership health check: rate each element 1–5 on the phone; the spread on the screen.
import { h, fill, plural } from "../core/dom.js";

const SCORES = [[1, "Poor"], [2, "Weak"], [3, "Fair"], [4, "Good"], [5, "Strong"]];

/** Stacked counts of 1..5 for one element: the spread, not just the mean. */
function spreadBar(element, big = false) {
  const total = element.count || 1;
  const bar = h("span", { class: big ? "spread-bar big" : "spread-bar", "aria-hidden": "true" },
    SCORES.map(([score]) => {
      const n = element.spread[String(score)] || 0;
      const part = h("span", { class: `score-${score}` }, n ? String(n) : "");
      part.style.flexGrow = String(n);
      return part;
    }));
  return h("div", { class: "health-row" },
    h("span", { class: "health-name" }, element.name),
    bar,
    h("span", { class: "health-mean" }, element.mean === null ? "–" : element.mean.toFixed(1)),
    h("span", { class: "visually-hidden" }, `${element.name}: ${SCORES.map(([s]) => `${element.spread[String(s)]} chose ${s}`).join(", ")}.`));
}

function legend() {
  return h("ul", { class: "legend score-legend", "aria-hidden": "true" }, SCORES.map(([score, label]) =>
    h("li", {}, h("span", { class: `swatch score-${score}` }), `${score} ${label}`)));
}

function groupTable(results) {
  if (results.groups.length < 2) return null;
  return h("table", { class: "breakdown" },
    h("caption", {}, "Average by organisation (groups under three people are counted as Other)"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Element"), results.groups.map((g) => h("th", { scope: "col" }, g)))),
    h("tbody", {}, results.elements.map((e) => h("tr", {}, h("th", { scope: "row" }, e.name),
      results.groups.map((g) => h("td", {}, e.by_group[g] === undefined ? "" : String(e.by_group[g])))))));
}

function origins(results, choices) {
  if (!results.origins) return null;
  return h("p", { class: "origins" }, Object.entries(choices).map(([key, label]) =>
    `${label}: ${results.origins[key]}`).join(" · "));
}

// ---------------------------------------------------------------- phone
export function participant(root, { act }) {
  const prompt = h("h1", { class: "prompt" });
  const state = h("p", { class: "activity-state", role: "status" });
  const body = h("div", {});
  root.append(prompt, state, body);
  let activity = null;
  const drafts = {};

  function draw() {
    const { view, mine, is_open: open } = activity;
    prompt.textContent = view.prompt;
    const scores = mine?.scores || {};
    const done = Object.keys(scores).length;
    state.textContent = open ? `${done} of ${view.elements.length} rated. Change them until it closes.`
      : "The health check is closed for now.";
    const focusedId = root.contains(document.activeElement) ? document.activeElement.id : null;
    fill(body, view.elements.map((element, i) => {
      const sentence = h("textarea", { id: `sentence-${i}`, rows: 2, maxlength: 200, disabled: !open });
      sentence.value = drafts[i] ?? mine?.comments?.[String(i)] ?? "";
      sentence.addEventListener("input", () => { drafts[i] = sentence.value; });
      sentence.addEventListener("change", async () => {
        const answer = await act("comment", { element: i, text: sentence.value });
        if (answer.ok) delete drafts[i];
      });
      return h("fieldset", { class: "health-element" },
        h("legend", {}, element.name),
        element.meaning ? h("p", { class: "hint" }, element.meaning) : null,
        h("div", { class: "score-choices" }, SCORES.map(([score, label]) => {
          const id = `score-${i}-${score}`;
          const radio = h("input", { type: "radio", name: `score-${i}`, id, value: score,
            checked: scores[String(i)] === score, disabled: !open });
          radio.addEventListener("change", () => act("rate", { element: i, score }));
          return h("div", { class: "feeling-choice" }, radio,
            h("label", { for: id }, String(score), h("span", { class: "feeling-label" }, label)));
        })),
        h("label", { for: `sentence-${i}`, class: "sentence-label" }, "One sentence (optional)"), sentence);
    }),
    view.ask_origin ? h("fieldset", { class: "health-element" },
      h("legend", {}, "How did this partnership come about?"),
      Object.entries(view.origin_choices).map(([key, label]) => {
        const id = `origin-${key}`;
        const radio = h("input", { type: "radio", name: "origin", id, value: key, checked: mine?.origin === key, disabled: !open });
        radio.addEventListener("change", () => act("origin", { origin: key }));
        return h("div", { class: "check" }, radio, h("label", { for: id }, label));
      })) : null);
    if (focusedId) document.getElementById(focusedId)?.focus();
  }
  return { update(next) { activity = next; draw(); } };
}

// ---------------------------------------------------------------- projector
export function presenter(root) {
  const prompt = h("h1", { class: "prompt" });
  const tally = h("p", { class: "tally" });
  const body = h("div", { class: "health-screen" });
  root.append(prompt, tally, body);
  return {
    update(activity) {
      const { view, revealed } = activity;
      prompt.textContent = view.prompt;
      tally.textContent = `${plural(view.people, "person", "people")} have answered`
        + (revealed ? "" : " · results are hidden until the facilitator reveals them");
      if (!view.results) { fill(body); return; }
      const groups = view.results.groups;
      fill(body, legend(), view.results.elements.map((e) => [spreadBar(e, true),
        groups.length > 1 ? h("p", { class: "by-group" }, groups.map((g) =>
          `${g} ${e.by_group[g] === undefined ? "–" : e.by_group[g].toFixed(1)}`).join(" · ")) : null]),
        origins(view.results, view.origin_choices));
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
      const results = view.results;
      prompt.textContent = view.prompt;
      fill(body, h("p", { class: "tally-small" }, `${plural(view.people, "person", "people")} have answered`),
        legend(), results.elements.map((e) => spreadBar(e)), groupTable(results),
        origins(results, view.origin_choices),
        results.elements.some((e) => e.comments.length) ? h("h3", {}, "Sentences") : null,
        results.elements.map((e) => (e.comments.length ? [h("h4", {}, e.name), h("ul", { class: "moderation" },
          e.comments.map((c) => h("li", { class: c.hidden ? "is-hidden" : "" }, h("span", { class: "answer-text" }, c.text),
            c.hidden ? h("span", { class: "badge" }, "hidden") : null,
            h("button", { type: "button", class: "secondary", onclick: () => act(c.hidden ? "restore" : "hide", { id: c.id }) },
              c.hidden ? "Restore" : "Hide", h("span", { class: "visually-hidden" }, `: ${c.text}`)))))] : null)));
    },
  };
}
