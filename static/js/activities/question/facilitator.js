// Open question on the console: every answer to moderate, and answers for someone without a phone.
import { h, setLine, setText } from "../../core/dom.js";
import { localised, t } from "../../core/i18n.js";
import { answersFrom } from "./shared.js";
import { moderationList } from "../../core/moderation.js";

/** The console: every answer with its author number, to hide or restore; entries for
 * someone without a phone. */
export function facilitator(root, { act, limits }) {
  const prompt = h("h2", {});
  const tally = h("p", { class: "tally-small" });
  const input = h("input", { id: "proxy-answer", maxlength: limits.answer.text });
  const form = h("form", { class: "proxy-form" },
    h("label", { for: "proxy-answer" }, t("Add an answer for someone without a phone")),
    h("div", { class: "inline" }, input, h("button", { type: "submit" }, t("Add"))));
  const list = h("ul", { class: "moderation" });
  root.append(prompt, tally, form, list);
  const answers = moderationList(list, act, { text: (a) => a.text,
    who: (a) => (a.by_facilitator ? t("entered by you")
      : [t("participant %(number)s", { number: a.number }), a.organisation].filter(Boolean).join(" · ")) });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    const answer = await act("answer", { text: input.value });
    if (answer.ok || answer.queued) input.value = "";
  });
  return {
    update(activity) {
      const { view } = activity;
      setText(prompt, localised(view.prompt, activity.words));
      setLine(tally, [answersFrom(view)]);
      answers(view.answers);
    },
  };
}
