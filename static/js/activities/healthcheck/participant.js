// Partnership health check on the phone: rate each element 1–5.
import { h, fill, setText } from "../../core/dom.js";
import { keepDraft, readDraft, writeDraft } from "../../core/drafts.js";
import { phoneFrame } from "../../core/frame.js";
import { rebuildWhenChanged } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { ORIGINS, SCORES, answeredSoFar } from "./shared.js";
import { localised, t } from "../../core/i18n.js";

/** One radio with its label; `change` acts on it. */
function choice(name, id, value, caption, change, wrapper = "feeling-choice") {
  const radio = h("input", { type: "radio", name, id, value });
  radio.addEventListener("change", change);
  return { radio, element: h("div", { class: wrapper }, radio, h("label", { for: id }, caption)) };
}

export function participant(root, { act, activityId, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const room = h("p", { class: "hint room-count" });
  state.after(room);
  let activity = null;
  const typed = {}; // element -> true while its sentence has words not yet sent

  // The controls are made once per set of elements, then only updated: a tap or the focus
  // is never lost to someone else's rating arriving at the same moment.
  const controls = rebuildWhenChanged(() => {
    const { view } = activity;
    const rows = view.elements.map((element, i) => {
      const sentence = h("textarea", { id: `sentence-${i}`, rows: 2, maxlength: limits.comment.text });
      const name = `sentence-${i}`;
      typed[i] = Boolean(readDraft(activityId, name));
      const kept = keepDraft(sentence, activityId, name);
      sentence.addEventListener("input", () => { typed[i] = true; });
      sentence.addEventListener("change", async () => {
        const text = sentence.value;
        const answer = await act("comment", { element: i, text });
        if (answer.ok && sentence.value === text) { typed[i] = false; writeDraft(activityId, name, ""); }
        else if (!answer.ok && !answer.queued) kept.giveBack(text, answer.error);
      });
      const scores = SCORES.map(([score, label]) => choice(`score-${i}`, `score-${i}-${score}`, score,
        [String(score), h("span", { class: "feeling-label" }, label)], () => act("rate", { element: i, score })));
      const word = waitingWord();
      const note = reviewNote();
      const fieldset = h("fieldset", { class: "health-element" },
        h("legend", {}, localised(element.name, activity.words)),
        element.meaning ? h("p", { class: "hint" }, localised(element.meaning, activity.words)) : null,
        h("div", { class: "score-choices" }, scores.map((c) => c.element)),
        h("label", { for: `sentence-${i}`, class: "sentence-label" }, t("One sentence (optional)")), sentence,
        kept.reason, note.element, word.element);
      return { element: fieldset, sentence, word, note, scores: scores.map((c) => c.radio) };
    });
    const origins = view.ask_origin ? Object.keys(view.origin_choices).map((key) => [key, ORIGINS[key]]).map(([key, label]) =>
      ({ key, ...choice("origin", `origin-${key}`, key, label, () => act("origin", { origin: key }), "check") })) : [];
    fill(body, rows.map((r) => r.element), origins.length ? h("fieldset", { class: "health-element" },
      h("legend", {}, t("How did this partnership come about?")), origins.map((o) => o.element)) : null);
    return { rows, origins };
  });

  function draw() {
    const { view, mine, is_open: open } = activity;
    setText(prompt, localised(view.prompt, activity.words));
    // What was tapped is shown as chosen until the server has it (it waits in the outbox).
    const queued = activity.queued || [];
    const scores = { ...mine?.scores };
    for (const [i, q] of latestQueued(queued, "rate", (item) => String(item.payload.element))) scores[i] = q.payload.score;
    const chosen = latestQueued(queued, "origin", () => "origin").get("origin")?.payload.origin ?? mine?.origin;
    const comments = latestQueued(queued, "comment", (item) => item.payload.element);
    const done = Object.keys(scores).length;
    const said = open ? t("%(done)d of %(all)d rated. Change them until it closes.", { done, all: view.elements.length })
      : t("The health check is closed for now.");
    if (state.textContent !== said) state.textContent = said; // read out only when it changes
    room.textContent = answeredSoFar(view.people);
    const { rows, origins } = controls([view.elements, view.ask_origin && view.origin_choices]);
    rows.forEach((row, i) => {
      row.scores.forEach((radio) => {
        radio.checked = scores[String(i)] === Number(radio.value);
        radio.disabled = !open;
      });
      row.sentence.disabled = !open;
      row.note.show((mine?.waiting || []).includes(String(i)));
      if (!typed[i] && document.activeElement !== row.sentence) {
        row.sentence.value = comments.get(i)?.payload.text ?? mine?.comments?.[String(i)] ?? "";
      }
      row.word.show(comments.get(i) || null);
    });
    for (const o of origins) { o.radio.checked = chosen === o.key; o.radio.disabled = !open; }
  }
  return { update(next) { activity = next; draw(); } };
}
