// Sharing checklist: what every screen shares.
import { h, setOptions } from "../../core/dom.js";
import { date, t } from "../../core/i18n.js";

/** "30 Sep 2027" for "2027-09-30", as the page's language writes it. */
export function day(iso) {
  return date(new Date(`${iso}T12:00:00`), { day: "numeric", month: "short", year: "numeric" });
}

/** An answer in words: "Council: Public task (Children Act 2004)", "30 Sep 2027", or its text. */
export function said(answer, bases) {
  let words;
  if (answer.basis) words = t("%(partner)s: %(basis)s", { partner: answer.partner, basis: t(bases[answer.basis]) });
  else if (answer.date) words = day(answer.date);
  else return answer.text;
  return answer.text ? t("%(answer)s (%(note)s)", { answer: words, note: answer.text }) : words;
}

/** The fields of an answer, shown as the chosen question's kind needs them, within
 * `limits` (the answer action's): answerFields(prefix, limits, keep) answers
 * { element, show(kind, bases), payload(question), filled(), clear(),
 * giveBack(payload, why), focus() }. `keep(field, name)`, on a phone, keeps what is
 * typed (core/drafts.js keepDraft) and answers its draft. */
export function answerFields(prefix, limits, keep = null) {
  const text = h("textarea", { id: `${prefix}-text`, rows: 3, maxlength: limits.text });
  const textLabel = h("label", { for: `${prefix}-text` });
  const partner = h("input", { id: `${prefix}-partner`, maxlength: limits.partner, autocomplete: "off" });
  const basis = h("select", { id: `${prefix}-basis` });
  const date = h("input", { id: `${prefix}-date`, type: "date" });
  const drafts = keep ? [keep(text, "text"), keep(partner, "partner"), keep(date, "date")] : [];
  const forBasis = h("div", {}, h("label", { for: partner.id }, t("Which partner?")), partner,
    h("label", { for: basis.id }, t("Its lawful basis")), basis);
  const forDate = h("div", {}, h("label", { for: date.id }, t("Review date")), date);
  const element = h("div", { class: "answer-fields" }, forBasis, forDate, textLabel, text,
    drafts[0]?.reason);
  let kind = "text";
  return {
    element,
    show(next, bases) {
      kind = next;
      setOptions(basis, Object.entries(bases).map(([key, name]) => [key, t(name)]));
      forBasis.hidden = kind !== "basis";
      forDate.hidden = kind !== "date";
      textLabel.textContent = { text: t("Your answer"), basis: t("The law or power it rests on (optional)"),
        date: t("A note (optional)") }[kind];
    },
    payload(question) {
      return { question, text: text.value,
        ...(kind === "basis" ? { partner: partner.value, basis: basis.value } : {}),
        ...(kind === "date" ? { date: date.value || null } : {}) };
    },
    /** Whether what the question's kind needs is there: an empty form sends nothing. */
    filled() {
      return kind === "basis" ? Boolean(partner.value.trim() && basis.value)
        : kind === "date" ? Boolean(date.value) : Boolean(text.value.trim());
    },
    clear() {
      if (drafts.length) for (const draft of drafts) draft.clear();
      else { text.value = ""; partner.value = ""; date.value = ""; }
    },
    /** A refused answer back in its boxes, with the reason (a phone's drafts only). */
    giveBack(payload, why) {
      drafts[0]?.giveBack(payload.text || "", why);
      drafts[1]?.giveBack(payload.partner || "", null);
      drafts[2]?.giveBack(payload.date || "", null);
    },
    focus() { (kind === "basis" ? partner : kind === "date" ? date : text).focus(); },
  };
}
