// DPIA screening on the phone: each of the ICO's screening questions, yes, no or not sure.
import { h, fill, setText } from "../../core/dom.js";
import { localised, t, tn } from "../../core/i18n.js";
import { phoneFrame } from "../../core/frame.js";
import { rebuildWhenChanged } from "../../core/keyed.js";
import { latestQueued } from "../../core/outbox.js";
import { answered, ico, outcomeBlock } from "./shared.js";

export function participant(root, { act }) {
  const { prompt, state, body } = phoneFrame(root);
  const room = h("p", { class: "hint room-count" });
  state.after(room);
  const result = h("div", { class: "dpia-result" });
  let activity = null;

  // Made once per set of questions, then only updated: a tap is never lost to someone
  // else's answer arriving at the same moment.
  const controls = rebuildWhenChanged(() => {
    const { view } = activity;
    const rows = view.questions.map((q, i) => {
      const radios = Object.entries(view.answers).map(([key, label]) => {
        const radio = h("input", { type: "radio", name: `dpia-${i}`, id: `dpia-${i}-${key}`, value: key });
        radio.addEventListener("change", () => act("answer", { question: i, answer: key }));
        return { radio, element: h("div", { class: "feeling-choice" }, radio, h("label", { for: `dpia-${i}-${key}` }, t(label))) };
      });
      const clear = h("button", { type: "button", class: "secondary" }, t("Clear"),
        ico("span", { class: "visually-hidden" }, `: ${q.text}`));
      clear.addEventListener("click", () => act("answer", { question: i, answer: null }));
      return { part: q.part, clear, radios: radios.map((r) => r.radio), element: h("fieldset", { class: "health-element dpia-question" },
        ico("legend", {}, q.text), h("div", { class: "score-choices" }, radios.map((r) => r.element), clear)) };
    });
    const parts = Object.entries(view.parts).map(([part, lead]) => {
      const mine = rows.filter((r) => r.part === part);
      return mine.length ? [ico("h2", {}, lead), mine.map((r) => r.element)] : null;
    });
    fill(body, view.plan ? h("p", { class: "dpia-plan" }, h("strong", {}, t("The sharing:")), " ", localised(view.plan, activity.words)) : null,
      parts, result, h("p", { class: "hint" }, t("Questions from the ICO:"), " ", ico("span", {}, view.source)));
    return rows;
  });

  function draw() {
    const { view, mine, is_open: open } = activity;
    setText(prompt, localised(view.prompt, activity.words));
    // What was tapped is shown as chosen until the server has it (it waits in the outbox).
    const answers = { ...mine?.answers };
    for (const [i, q] of latestQueued(activity.queued, "answer", (item) => String(item.payload.question))) {
      answers[i] = q.payload.answer;
    }
    const done = Object.values(answers).filter(Boolean).length;
    setText(state, open ? tn("%(done)d of %(num)d answered. Change them until it closes.",
      "%(done)d of %(num)d answered. Change them until it closes.", view.questions.length, { done })
      : t("The screening is closed for now."));
    setText(room, t("%(answered)s so far.", { answered: answered(view.people) }));
    const rows = controls([view.questions, view.parts, view.plan]);
    rows.forEach((row, i) => {
      for (const radio of row.radios) {
        radio.checked = answers[String(i)] === radio.value;
        radio.disabled = !open;
      }
      row.clear.hidden = !answers[String(i)] || !open;
    });
    fill(result, activity.revealed && view.results ? outcomeBlock(view.results.outcome, { sources: false }) : null);
  }
  return { update(next) { activity = next; draw(); } };
}
