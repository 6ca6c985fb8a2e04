// Dot voting on the phone: big targets to place dots, and proposals before the vote.
import { h, fill, named, plural } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../../core/keyed.js";
import { resultsList } from "./results.js";

function dotsRow(count, total, className = "dot") {
  return h("span", { class: "dots", "aria-hidden": "true" },
    Array.from({ length: total }, (_, i) => h("span", { class: i < count ? `${className} is-on` : className })));
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

export function participant(root, { act, limits }) {
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
    fill(body, resultsBox, list); // revealed results come first, above a long list
    return { phase: "voting", options: keyedList(list, { key: (o) => o.option.id, make: (o) => optionItem(o.option, tap) }), resultsBox };
  }

  function proposing() {
    const input = h("input", { id: "proposal", maxlength: limits.propose.text });
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
    const said = !open ? "Voting is closed. These are your dots."
      : left ? `${left} of ${plural(view.dots, "dot")} left`
        : `Your vote is in: all ${plural(view.dots, "dot")} placed. Take one back to move it.`;
    if (status.textContent !== said) fill(status, dotsRow(left, view.dots, "dot-left"), said); // read out on change only
    const cap = view.cap || view.dots;
    parts.options(view.options.map((option) => {
      const count = dots[option.id] || 0;
      return { option, count, canAdd: open && left > 0 && count < cap, canRemove: open && count > 0 };
    }));
    fill(parts.resultsBox, revealed && view.results ? [h("h2", {}, "The results are in"),
      resultsList(view.results), h("h2", {}, "Your dots")] : null);
  }

  return { update(next) { activity = next; draw(); } };
}

function proposalItem(p, act) {
  return { element: h("li", {}, h("span", { class: "answer-text" }, p.text),
    p.open ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw_proposal", { id: p.id }) },
      named("Withdraw", p.text)) : null) };
}
