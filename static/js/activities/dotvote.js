// Dot voting: big targets on the phone, hidden tallies then ranked bars on the screen.
import { h, fill, named, plural, setText } from "../core/dom.js";
import { picker } from "../core/picker.js";
import { consoleFrame, phoneFrame, presenterFrame } from "../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../core/keyed.js";
import { moderationList } from "../core/moderation.js";

const LIMIT = 200;
const GROUP_COUNT = 8; // colours for organisations, [data-colour] in app.css

function dotsRow(count, total, className = "dot") {
  return h("span", { class: "dots", "aria-hidden": "true" },
    Array.from({ length: total }, (_, i) => h("span", { class: i < count ? `${className} is-on` : className })));
}

function rankLabel(row, rows) {
  const tied = rows.filter((r) => r.rank === row.rank).length > 1;
  return tied ? `=${row.rank}` : String(row.rank);
}

/** Ranked bars; segmented by organisation when a breakdown is given. */
function resultsList(results, breakdown, { big = false } = {}) {
  const max = Math.max(1, ...results.map((r) => r.dots));
  const byOption = new Map((breakdown?.options || []).map((o) => [o.id, o.by]));
  const groups = breakdown?.groups || [];
  return h("ol", { class: big ? "results results-big" : "results" }, results.map((row) => {
    const by = byOption.get(row.id) || {};
    const segments = groups.length > 1
      ? groups.map((g, i) => h("span", { class: "segment", dataset: { colour: i % GROUP_COUNT },
        title: `${g}: ${by[g] || 0}` }))
      : [h("span", { class: "segment", dataset: { colour: "0" } })];
    const bar = h("span", { class: "bar", "aria-hidden": "true" }, segments);
    // Widths are set as properties, not inline style text, so the page needs no unsafe-inline CSS.
    bar.style.width = `${(row.dots / max) * 100}%`;
    if (groups.length > 1) {
      groups.forEach((g, i) => { segments[i].style.flexGrow = String(by[g] || 0); });
    }
    return h("li", { class: "result" },
      h("span", { class: "rank" }, rankLabel(row, results)),
      h("span", { class: "result-text" }, row.text),
      h("span", { class: "bar-track" }, bar),
      h("span", { class: "result-dots" }, plural(row.dots, "dot")));
  }));
}

function legend(breakdown) {
  if (!breakdown || breakdown.groups.length < 2) return null;
  return h("ul", { class: "legend", "aria-label": "Organisations" }, breakdown.groups.map((g, i) =>
    h("li", {}, h("span", { class: "swatch", dataset: { colour: i % GROUP_COUNT } }),
      `${g} (${plural(breakdown.voters[g], "person", "people")})`)));
}

/** Who gave what, by organisation, as a table (for the console and screen readers). */
function breakdownTable(results, breakdown) {
  if (!breakdown || !breakdown.groups.length) return null;
  const byOption = new Map(breakdown.options.map((o) => [o.id, o.by]));
  return h("table", { class: "breakdown" },
    h("caption", {}, "Dots by organisation (groups under three people are counted as Other)"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Option"),
      breakdown.groups.map((g) => h("th", { scope: "col" }, g)))),
    h("tbody", {}, results.map((row) => h("tr", {}, h("th", { scope: "row" }, row.text),
      breakdown.groups.map((g) => h("td", {}, String((byOption.get(row.id) || {})[g] || 0)))))));
}

// ---------------------------------------------------------------- phone
/** One option on the phone, made once and updated in place: the button a finger or the
 * keyboard is on stays the same button while other people's votes arrive. */
function optionItem(option, tap) {
  const text = h("span", { class: "option-text" });
  const dots = h("span", { class: "option-dots" });
  const add = h("button", { type: "button", class: "option-add", onclick: () => tap("add", option.id) }, text, dots);
  const gone = h("span", { class: "visually-hidden" });
  const remove = h("button", { type: "button", class: "option-remove", onclick: () => tap("remove", option.id) },
    h("span", { "aria-hidden": "true" }, "−"), gone);
  const element = h("li", { class: "option" }, add, remove);
  let shown = null;
  return {
    element,
    update({ option: { text: words }, count, canAdd, canRemove }) {
      element.className = count ? "option has-dots" : "option";
      add.disabled = !canAdd;
      text.textContent = words;
      gone.textContent = `Take a dot back from ${words}`;
      // Names come from the buttons' own text (no aria-label), so that what is seen is
      // what is heard, and what a voice-control user can say.
      if (shown !== count) {
        fill(dots, count
          ? [dotsRow(count, count), h("span", { class: "visually-hidden" }, `${plural(count, "dot")} of yours. Tap to add another.`)]
          : h("span", { class: "tap-hint" }, "Tap to add a dot"));
        shown = count;
      }
      if (!canRemove && document.activeElement === remove) add.focus(); // the keyboard stays on the option
      remove.hidden = !canRemove;
    },
  };
}

export function participant(root, { act }) {
  const { prompt, state: status, body } = phoneFrame(root, { stateClass: "dots-left" });
  const pending = new Map(); // option -> taps not yet confirmed
  let activity = null;

  async function tap(action, option) {
    pending.set(option, (pending.get(option) || 0) + (action === "add" ? 1 : -1));
    draw();
    await act(action, { option });
    pending.set(option, (pending.get(option) || 0) - (action === "add" ? 1 : -1));
    draw();
  }

  // The voting screen and the proposing screen are each built once per phase.
  const screen = rebuildWhenChanged(() => (activity.view.phase === "proposing" ? proposing() : voting()));

  function voting() {
    const list = h("ul", { class: "options" });
    const resultsBox = h("div", {});
    fill(body, list, resultsBox);
    return { phase: "voting", options: keyedList(list, { key: (o) => o.option.id, make: (o) => optionItem(o.option, tap) }), resultsBox };
  }

  function proposing() {
    const input = h("input", { id: "proposal", maxlength: LIMIT });
    const form = h("form", { class: "answer-form" },
      h("label", { for: "proposal" }, "Your proposal"), input,
      h("button", { type: "submit", class: "wide" }, "Propose"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      const answer = await act("propose", { text });
      if (answer.ok || answer.queued) input.value = "";
    });
    const closed = h("p", {}, "Proposals are closed for now.");
    const ownHeading = h("h2", {}, "Your proposals");
    const ownList = h("ul", { class: "my-answers" });
    fill(body, form, closed, ownHeading, ownList);
    return { phase: "proposing", form, closed, ownHeading, ownList,
      own: keyedList(ownList, { key: (p) => `${p.id}:${p.open}`, make: (p) => proposalItem(p, act) }) };
  }

  function draw() {
    const { view, mine, is_open: open, revealed } = activity;
    prompt.textContent = view.prompt;
    const parts = screen(view.phase === "proposing" ? "proposing" : "voting");
    if (parts.phase === "proposing") {
      status.textContent = "Propose options to vote on. The facilitator starts the vote.";
      const own = mine?.proposals || [];
      parts.form.hidden = !open;
      parts.closed.hidden = open;
      parts.ownHeading.hidden = parts.ownList.hidden = !own.length;
      parts.own(own.map((p) => ({ ...p, open })));
      return;
    }
    const dots = { ...(mine?.dots || {}) };
    for (const [option, n] of pending) dots[option] = Math.max(0, (dots[option] || 0) + n);
    const spent = Object.values(dots).reduce((a, b) => a + b, 0);
    const left = Math.max(0, view.dots - spent);
    const said = open ? `${left} of ${plural(view.dots, "dot")} left` : "Voting is closed. These are your dots.";
    if (status.textContent !== said) fill(status, dotsRow(left, view.dots, "dot-left"), said); // read out on change only
    const cap = view.cap || view.dots;
    parts.options(view.options.map((option) => {
      const count = dots[option.id] || 0;
      return { option, count, canAdd: open && left > 0 && count < cap, canRemove: open && count > 0 };
    }));
    fill(parts.resultsBox, revealed && view.results ? [h("h2", {}, "Results"), resultsList(view.results)] : null);
  }

  return { update(next) { activity = next; draw(); } };
}

function proposalItem(p, act) {
  return { element: h("li", {}, h("span", { class: "answer-text" }, p.text),
    p.open ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw_proposal", { id: p.id }) },
      named("Withdraw", p.text)) : null) };
}

// ---------------------------------------------------------------- projector
export function presenter(root) {
  const body = h("div", { class: "vote-body" });
  return presenterFrame(root, body, ({ view, revealed }) => {
    if (view.phase === "proposing") {
      fill(body, h("p", { class: "tally" }, `${plural(view.proposal_count, "proposal")} so far · voting starts soon`),
        h("ul", { class: "wall" }, (view.proposals || []).map((p) => h("li", {}, p.text))));
      return;
    }
    const stats = h("ul", { class: "stats" },
      h("li", {}, h("span", { class: "stat" }, String(view.voters)), view.voters === 1 ? "person has voted" : "people have voted"),
      h("li", {}, h("span", { class: "stat" }, String(view.dots_placed)), view.dots_placed === 1 ? "dot placed" : "dots placed"),
      h("li", {}, h("span", { class: "stat" }, String(view.used_all)), "used all their dots"));
    if (!revealed || !view.results) {
      fill(body, stats, h("p", { class: "tally" }, "Results are hidden until the facilitator reveals them."));
      return;
    }
    const shown = view.results.slice(0, 12);
    fill(body, legend(view.breakdown), resultsList(shown, view.breakdown, { big: true }),
      view.results.length > shown.length
        ? h("p", { class: "tally" }, `and ${plural(view.results.length - shown.length, "more option")}`) : null,
      h("p", { class: "tally" }, `${plural(view.voters, "person", "people")} voted · ${plural(view.dots_placed, "dot")}`));
  }, { tally: false });
}

// ---------------------------------------------------------------- console
/** The activities before this one, nearest first: the usual source of options. */
function earlierFirst(agenda, activityId) {
  const here = agenda.findIndex((a) => a.id === activityId);
  return [...agenda.slice(0, here).reverse(), ...agenda.slice(here + 1)];
}

/** Before the vote: proposals to moderate, options to take from an earlier activity. */
function proposingPanel(body, { act, request, agenda }) {
  const tally = h("p", { class: "tally-small" });
  const sofar = h("p", {});
  const pickerBox = h("div", {});
  const list = h("ul", { class: "moderation" });
  fill(body, tally, h("button", { type: "button", onclick: () => act("start_voting", {}) }, "Start the vote"),
    sofar, pickerBox, list);
  const proposals = moderationList(list, act, { text: (p) => p.text });
  let sources = [];
  // The picker is made again only when the agenda it offers changes.
  const showPicker = rebuildWhenChanged(() => {
    // Said next to the picker: an activity with nothing to take (a health check, say).
    const pickError = h("p", { class: "error", role: "alert", hidden: true });
    const chooser = picker({ sources, request, label: "Add options from an earlier activity",
      onError: (message) => { pickError.textContent = message; pickError.hidden = false; },
      onPick: (texts) => texts.length && act("add_options", { texts }) });
    chooser?.addEventListener("change", () => { pickError.hidden = true; });
    fill(pickerBox, chooser, pickError);
  });
  return ({ id, view }) => {
    setText(tally, `${plural(view.proposal_count, "proposal")}. Hidden ones will not become options.`);
    setText(sofar, view.options.length ? `Options so far: ${view.options.map((o) => o.text).join(" · ")}` : "");
    sofar.hidden = !view.options.length;
    sources = earlierFirst(agenda(), id);
    showPicker(sources.map((a) => [a.id, a.position, a.label]));
    proposals(view.proposals);
  };
}

/** Dots entered for someone without a phone. The fields are made again only when the
 * options change; what is typed in them is kept. */
function ballotForm(act, view, entering) {
  const inputs = view.options.map((o) => {
    const input = h("input", { type: "number", min: 0, max: view.cap || view.dots,
      id: `ballot-${o.id}`, value: entering[o.id] ?? "" });
    input.addEventListener("input", () => { entering[o.id] = input.value; });
    return input;
  });
  const form = h("form", { class: "ballot-form" },
    h("h3", {}, "Enter dots for someone without a phone"),
    view.options.map((o, i) => h("div", { class: "ballot-field" }, h("label", { for: `ballot-${o.id}` }, o.text), inputs[i])),
    h("button", { type: "submit" }, "Add these dots"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const dots = {};
    for (const o of view.options) {
      const n = Number(entering[o.id] || 0);
      if (n) dots[o.id] = n;
    }
    const answer = await act("enter_ballot", { dots });
    if (answer.ok || answer.queued) {
      for (const key of Object.keys(entering)) delete entering[key];
      for (const input of inputs) input.value = "";
    }
  });
  return form;
}

/** A ballot the facilitator entered, with its Withdraw button. */
function enteredItem(act, ballot) {
  const text = h("span", { class: "answer-text" });
  const element = h("li", {}, text, h("button", { type: "button", class: "secondary",
    onclick: () => act("withdraw_ballot", { ballot }) }, named("Withdraw", `ballot ${ballot}`)));
  return { element, update({ words }) { setText(text, words); } };
}

/** During and after the vote: the results (drawn afresh: they hold no controls), the
 * ballot form and the entered ballots (kept in place). */
function votingPanel(body, { act }) {
  const tally = h("p", { class: "tally-small" });
  const results = h("div", {});
  const ballotBox = h("div", {});
  const enteredHeading = h("h3", {}, "Dots you entered");
  const enteredList = h("ul", { class: "moderation" });
  fill(body, tally, results, ballotBox, enteredHeading, enteredList);
  const entering = {}; // values typed into the ballot form survive updates
  let view = null;
  const form = rebuildWhenChanged(() => fill(ballotBox, ballotForm(act, view, entering)));
  const entered = keyedList(enteredList, { key: (b) => b.ballot, make: (b) => enteredItem(act, b.ballot) });
  return (activity) => {
    view = activity.view;
    setText(tally, `${plural(view.voters, "person", "people")} voted · ${plural(view.dots_placed, "dot")} placed · ${view.used_all} used all their dots`
      + (activity.revealed ? "" : " · the room cannot see the results yet"));
    fill(results, legend(view.breakdown), resultsList(view.results, view.breakdown), breakdownTable(view.results, view.breakdown));
    form([view.options, view.cap, view.dots]);
    ballotBox.hidden = !activity.is_open;
    entered(view.entered.map((b) => ({ ballot: b.ballot, words: `${b.ballot}: ${Object.entries(b.dots).map(([o, n]) =>
      `${view.options.find((x) => x.id === o)?.text} ×${n}`).join(", ")}` })));
    enteredHeading.hidden = enteredList.hidden = !view.entered.length;
  };
}

export function facilitator(root, context) {
  let body = null;
  let proposing = false;
  // Each phase's panel is made once, then updated in place.
  const panel = rebuildWhenChanged(() => (proposing ? proposingPanel : votingPanel)(body, context));
  return consoleFrame(root, (into, activity) => {
    body = into;
    proposing = activity.view.phase === "proposing";
    panel(proposing)(activity);
  });
}
