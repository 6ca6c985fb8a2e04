// Dot voting on the console: proposals, options from earlier activities, ballots, results.
import { h, fill, named, setLine, setText } from "../../core/dom.js";
import { localised, t, tn } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../../core/keyed.js";
import { moderationList } from "../../core/moderation.js";
import { picker } from "../../core/picker.js";
import { resultsList, legend, voted } from "./results.js";

/** Who gave what, by organisation, as a table (for the console and screen readers). */
function breakdownTable(results, breakdown, words) {
  if (!breakdown || !breakdown.groups.length) return null;
  const byOption = new Map(breakdown.options.map((o) => [o.id, o.by]));
  return h("table", { class: "breakdown" },
    h("caption", {}, t("Dots by organisation (groups under three people are counted as Other)")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Option")),
      breakdown.groups.map((g) => h("th", { scope: "col" }, g)))),
    h("tbody", {}, results.map((row) => h("tr", {}, h("th", { scope: "row" }, localised(row.text, words)),
      breakdown.groups.map((g) => h("td", {}, String((byOption.get(row.id) || {})[g] || 0)))))));
}

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
  fill(body, tally, h("button", { type: "button", onclick: () => act("start_voting", {}) }, t("Start the vote")),
    sofar, pickerBox, list);
  const proposals = moderationList(list, act, { text: (p) => p.text });
  let sources = [];
  // The picker is made again only when the agenda it offers changes.
  const showPicker = rebuildWhenChanged(() => {
    // Said next to the picker: an activity with nothing to take (a health check, say).
    const pickError = h("p", { class: "error", role: "alert", hidden: true });
    const chooser = picker({ sources, request, label: t("Add options from an earlier activity"),
      onError: (message) => { pickError.textContent = message; pickError.hidden = false; },
      onPick: (texts) => texts.length && act("add_options", { texts }) });
    chooser?.addEventListener("change", () => { pickError.hidden = true; });
    fill(pickerBox, chooser, pickError);
  });
  return ({ id, view, words }) => {
    setText(tally, tn("%(num)d proposal. Hidden ones will not become options.",
      "%(num)d proposals. Hidden ones will not become options.", view.proposal_count));
    setText(sofar, view.options.length ? t("Options so far: %(options)s",
      { options: view.options.map((o) => localised(o.text, words)).join(" · ") }) : "");
    sofar.hidden = !view.options.length;
    sources = earlierFirst(agenda(), id);
    showPicker(sources.map((a) => [a.id, a.position, a.label]));
    proposals(view.proposals);
  };
}

/** Dots entered for someone without a phone. The fields are made again only when the
 * options change; what is typed in them is kept. */
function ballotForm(act, view, entering, words) {
  const inputs = view.options.map((o) => {
    const input = h("input", { type: "number", min: 0, max: view.cap || view.dots,
      id: `ballot-${o.id}`, value: entering[o.id] ?? "" });
    input.addEventListener("input", () => { entering[o.id] = input.value; });
    return input;
  });
  const form = h("form", { class: "ballot-form" },
    h("h3", {}, t("Enter dots for someone without a phone")),
    view.options.map((o, i) => h("div", { class: "ballot-field" }, h("label", { for: `ballot-${o.id}` }, localised(o.text, words)), inputs[i])),
    h("button", { type: "submit" }, t("Add these dots")));
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
    onclick: () => act("withdraw_ballot", { ballot }) }, named(t("Withdraw"), t("ballot %(number)s", { number: ballot }))));
  return { element, update({ words }) { setText(text, words); } };
}

/** During and after the vote: the results (drawn afresh: they hold no controls), the
 * ballot form and the entered ballots (kept in place). */
function votingPanel(body, { act }) {
  const tally = h("p", { class: "tally-small" });
  const results = h("div", {});
  const ballotBox = h("div", {});
  const enteredHeading = h("h3", {}, t("Dots you entered"));
  const enteredList = h("ul", { class: "moderation" });
  fill(body, tally, results, ballotBox, enteredHeading, enteredList);
  const entering = {}; // values typed into the ballot form survive updates
  let view = null;
  let words = null;
  const form = rebuildWhenChanged(() => fill(ballotBox, ballotForm(act, view, entering, words)));
  const entered = keyedList(enteredList, { key: (b) => b.ballot, make: (b) => enteredItem(act, b.ballot) });
  return (activity) => {
    view = activity.view;
    words = activity.words;
    setLine(tally, [voted(view), tn("%(num)d dot placed", "%(num)d dots placed", view.dots_placed),
      tn("%(num)d used all their dots", "%(num)d used all their dots", view.used_all),
      !activity.revealed && t("the room cannot see the results yet")]);
    fill(results, legend(view.breakdown), resultsList(view.results, view.breakdown, { words }),
      breakdownTable(view.results, view.breakdown, words));
    form([view.options, view.cap, view.dots, words]);
    ballotBox.hidden = !activity.is_open;
    entered(view.entered.map((b) => ({ ballot: b.ballot, words: `${b.ballot}: ${Object.entries(b.dots).map(([o, n]) =>
      `${localised(view.options.find((x) => x.id === o)?.text, words)} ×${n}`).join(", ")}` })));
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
