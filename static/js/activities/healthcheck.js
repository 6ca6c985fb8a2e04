// Partnership health check: rate each element 1–5 on the phone; the spread on the screen.
import { h, fill, plural } from "../core/dom.js";
import { consoleFrame, phoneFrame, presenterFrame } from "../core/frame.js";
import { rebuildWhenChanged } from "../core/keyed.js";
import { moderationList } from "../core/moderation.js";
import { pendingChoices } from "../core/pending.js";

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

/** "1 person has answered", "3 people have answered" */
const answered = (n) => `${plural(n, "person", "people")} ${n === 1 ? "has" : "have"} answered`;

function origins(results, choices) {
  if (!results.origins) return null;
  return h("p", { class: "origins" }, Object.entries(choices).map(([key, label]) =>
    `${label}: ${results.origins[key]}`).join(" · "));
}

// ---------------------------------------------------------------- phone
/** One radio with its label; `change` acts on it. */
function choice(name, id, value, caption, change, wrapper = "feeling-choice") {
  const radio = h("input", { type: "radio", name, id, value });
  radio.addEventListener("change", change);
  return { radio, element: h("div", { class: wrapper }, radio, h("label", { for: id }, caption)) };
}

export function participant(root, { act }) {
  const { prompt, state, body } = phoneFrame(root);
  const room = h("p", { class: "hint room-count" });
  state.after(room);
  let activity = null;
  const drafts = {}; // sentences being typed
  const tapped = pendingChoices(act, () => draw()); // scores and the origin on their way

  // The controls are made once per set of elements, then only updated: a tap or the focus
  // is never lost to someone else's rating arriving at the same moment.
  const controls = rebuildWhenChanged(() => {
    const { view } = activity;
    const rows = view.elements.map((element, i) => {
      const sentence = h("textarea", { id: `sentence-${i}`, rows: 2, maxlength: 200 });
      sentence.addEventListener("input", () => { drafts[i] = sentence.value; });
      sentence.addEventListener("change", async () => {
        const answer = await act("comment", { element: i, text: sentence.value });
        if (answer.ok) delete drafts[i];
      });
      const scores = SCORES.map(([score, label]) => choice(`score-${i}`, `score-${i}-${score}`, score,
        [String(score), h("span", { class: "feeling-label" }, label)], () => tapped.choose(i, score, "rate", { element: i, score })));
      const fieldset = h("fieldset", { class: "health-element" },
        h("legend", {}, element.name),
        element.meaning ? h("p", { class: "hint" }, element.meaning) : null,
        h("div", { class: "score-choices" }, scores.map((c) => c.element)),
        h("label", { for: `sentence-${i}`, class: "sentence-label" }, "One sentence (optional)"), sentence);
      return { element: fieldset, sentence, scores: scores.map((c) => c.radio) };
    });
    const origins = view.ask_origin ? Object.entries(view.origin_choices).map(([key, label]) =>
      ({ key, ...choice("origin", `origin-${key}`, key, label, () => tapped.choose("origin", key, "origin", { origin: key }), "check") })) : [];
    fill(body, rows.map((r) => r.element), origins.length ? h("fieldset", { class: "health-element" },
      h("legend", {}, "How did this partnership come about?"), origins.map((o) => o.element)) : null);
    return { rows, origins };
  });

  function draw() {
    const { view, mine, is_open: open } = activity;
    prompt.textContent = view.prompt;
    const { origin: chosen, ...scores } = tapped.over({ ...mine?.scores, origin: mine?.origin });
    const done = Object.keys(scores).length;
    const said = open ? `${done} of ${view.elements.length} rated. Change them until it closes.`
      : "The health check is closed for now.";
    if (state.textContent !== said) state.textContent = said; // read out only when it changes
    room.textContent = `${answered(view.people)} so far.`;
    const { rows, origins } = controls([view.elements, view.ask_origin && view.origin_choices]);
    rows.forEach((row, i) => {
      row.scores.forEach((radio) => {
        radio.checked = scores[String(i)] === Number(radio.value);
        radio.disabled = !open;
      });
      row.sentence.disabled = !open;
      if (drafts[i] === undefined && document.activeElement !== row.sentence) {
        row.sentence.value = mine?.comments?.[String(i)] ?? "";
      }
    });
    for (const o of origins) { o.radio.checked = chosen === o.key; o.radio.disabled = !open; }
  }
  return { update(next) { activity = next; draw(); } };
}

// ---------------------------------------------------------------- projector
export function presenter(root) {
  const body = h("div", { class: "health-screen" });
  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    tally.textContent = answered(view.people)
      + (revealed ? "" : " · results are hidden until the facilitator reveals them");
    if (!view.results) { fill(body); return; }
    const groups = view.results.groups;
    fill(body, legend(), view.results.elements.map((e) => [spreadBar(e, true),
      groups.length > 1 ? h("p", { class: "by-group" }, groups.map((g) =>
        `${g} ${e.by_group[g] === undefined ? "–" : e.by_group[g].toFixed(1)}`).join(" · ")) : null]),
    origins(view.results, view.origin_choices));
  });
}

// ---------------------------------------------------------------- console
export function facilitator(root, { act }) {
  let view = null;
  const chart = h("div", {});
  const sentencesHeading = h("h3", {}, "Sentences");
  const sentencesBox = h("div", {});
  // Each element's sentences, to hide or restore, in a list made once per set of elements.
  const sentences = rebuildWhenChanged(() => {
    const parts = view.results.elements.map((e) => {
      const list = h("ul", { class: "moderation" });
      return { heading: h("h4", {}, e.name), list, show: moderationList(list, act, { text: (c) => c.text }) };
    });
    fill(sentencesBox, parts.map((part) => [part.heading, part.list]));
    return parts;
  });
  const frame = consoleFrame(root, (body, { view: next }) => {
    view = next;
    // The counts, bars and tables hold no controls: they are drawn afresh.
    fill(chart, h("p", { class: "tally-small" }, answered(view.people)),
      legend(), view.results.elements.map((e) => spreadBar(e)), groupTable(view.results),
      origins(view.results, view.origin_choices));
    const elements = view.results.elements;
    sentencesHeading.hidden = !elements.some((e) => e.comments.length);
    sentences(elements.map((e) => e.name)).forEach((part, i) => {
      part.heading.hidden = part.list.hidden = !elements[i].comments.length;
      part.show(elements[i].comments);
    });
  });
  frame.body.append(chart, sentencesHeading, sentencesBox);
  return frame;
}
