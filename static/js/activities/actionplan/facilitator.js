// Action plan on the console: add actions, give each an owner and a date, agree them, set
// their status; review an earlier workshop's actions; hide what should not be shown.
// Rows are made once and updated in place, and a field being typed in keeps its words
// while other people's proposals arrive.
import { h, namedButton, setClass, setOptions, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { hiddenMark, hideToggle, reviewMarks, rowClass } from "../../core/moderation.js";
import { ownerAndDue, statusNames, thenAndNow } from "./shared.js";

/** A field that follows the server's value unless someone is typing in it. */
function follow(field, value) {
  if (document.activeElement === field || field.dataset.typed === "yes") return;
  if (field.value !== (value || "")) field.value = value || "";
}

function typedIn(...fields) {
  for (const field of fields) field.addEventListener("input", () => { field.dataset.typed = "yes"; });
  return () => { for (const field of fields) delete field.dataset.typed; };
}

/** An owner field with the workshop's organisations to choose from. */
function ownerField(id, organisations, limit) {
  const input = h("input", { id, maxlength: limit, list: `${id}-list`, autocomplete: "off" });
  const list = h("datalist", { id: `${id}-list` });
  return { input, list, offer: () => setOptions(list, organisations().map((o) => [o, o])) };
}

function reviewRow(act) {
  let item = null;
  const words = h("span", { class: "answer-text", dir: "auto" });
  const about = h("span", { class: "who" });
  const buttons = ["done", "progress", "stuck", "open"].map((key) => ({ key,
    ...namedButton({ class: "secondary", onclick: () => act("status", { id: item.id, status: key }) }) }));
  const element = h("li", {}, words, about, h("div", { class: "note-tools" }, buttons.map((b) => b.button)));
  return { element, update(next) {
    item = next;
    setText(words, item.text);
    setText(about, [ownerAndDue(item), thenAndNow(item, item.statuses)].filter(Boolean).join(" · "));
    for (const b of buttons) {
      b.name(item.statuses[b.key], item.text);
      b.button.setAttribute("aria-pressed", String(item.reviewed && item.status === b.key));
    }
  } };
}

function itemRow(act, organisations, limits) {
  let item = null;
  const n = itemRow.count = (itemRow.count || 0) + 1;
  const text = h("textarea", { id: `plan-text-${n}`, rows: 2, maxlength: limits.update.text });
  const owner = ownerField(`plan-owner-${n}`, organisations, limits.update.owner);
  const due = h("input", { id: `plan-due-${n}`, type: "date" });
  const settled = typedIn(text, owner.input, due);
  const save = namedButton({ class: "secondary", onclick: async () => {
    const answer = await act("update", { id: item.id, text: text.value, owner: owner.input.value, due: due.value || null });
    if (answer.ok) settled();
  } });
  const agree = namedButton({ onclick: () => act(item.agreed ? "unagree" : "agree", { id: item.id }) });
  const status = h("select", { id: `plan-status-${n}` });
  status.addEventListener("change", () => act("status", { id: item.id, status: status.value }));
  const statusLabel = h("label", { for: `plan-status-${n}` }, t("Status"));
  const who = h("span", { class: "who" });
  const mark = hiddenMark();
  const toggle = hideToggle(act);
  const review = reviewMarks(act);
  const element = h("li", { class: "plan-item" },
    h("label", { for: `plan-text-${n}`, class: "visually-hidden" }, t("The action")), text,
    h("div", { class: "plan-fields" },
      h("label", { for: owner.input.id }, t("Owner")), owner.input, owner.list,
      h("label", { for: due.id }, t("Due")), due, save.button),
    h("div", { class: "note-tools" }, agree.button, statusLabel, status, who, mark.badge, ...review.elements,
      toggle.button));
  return { element, update(next) {
    item = next;
    setClass(element, ["plan-item", rowClass(item), item.agreed ? "is-agreed" : ""].filter(Boolean).join(" "));
    follow(text, item.text);
    follow(owner.input, item.owner);
    follow(due, item.due);
    owner.offer();
    save.name(t("Save"), item.text);
    agree.name(item.agreed ? t("Agreed: take back") : t("Agree"), item.text);
    agree.button.setAttribute("aria-pressed", String(item.agreed));
    setOptions(status, Object.entries(item.statuses));
    if (document.activeElement !== status) status.value = item.status;
    status.hidden = statusLabel.hidden = !item.agreed;
    setText(who, [item.by_facilitator ? (item.origin === "starting" ? t("from the settings") : t("entered by you"))
      : t("participant %(number)s", { number: item.number }), item.by_facilitator ? "" : item.organisation,
    item.plus ? `+${item.plus}` : ""].filter(Boolean).join(" · "));
    agree.button.hidden = item.held && !item.agreed;
    mark.update(item);
    review.update(item, item.text);
    toggle.update(item, item.text);
  } };
}

export function facilitator(root, { act, limits, organisations = () => [] }) {
  const tally = h("p", { class: "tally-small" });
  const reviewHeading = h("h3", {}, t("Actions from the earlier workshop: where does each stand?"));
  const reviewList = h("ul", { class: "moderation plan-review" });
  const text = h("textarea", { id: "plan-new-text", rows: 2, maxlength: limits.propose.text });
  const owner = ownerField("plan-new-owner", organisations, limits.propose.owner);
  const due = h("input", { id: "plan-new-due", type: "date" });
  const form = h("form", { class: "proxy-form" },
    h("label", { for: "plan-new-text" }, t("Add an action")), text,
    h("div", { class: "plan-fields" },
      h("label", { for: owner.input.id }, t("Owner")), owner.input, owner.list,
      h("label", { for: due.id }, t("Due")), due, h("button", { type: "submit" }, t("Add"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!text.value.trim()) { text.focus(); return; }
    const answer = await act("propose", { text: text.value, owner: owner.input.value, due: due.value || null });
    if (answer.ok || answer.queued) { text.value = ""; owner.input.value = ""; due.value = ""; }
  });
  const planHeading = h("h3", {}, t("The plan: agree each action once it has an owner and a date"));
  const list = h("ul", { class: "moderation plan-items" });
  const showReview = keyedList(reviewList, { key: (r) => r.id, make: () => reviewRow(act) });
  const showItems = keyedList(list, { key: (i) => i.id, make: () => itemRow(act, organisations, limits) });
  const frame = consoleFrame(root, (body, { view }) => {
    owner.offer();
    setText(tally, [tn("%(num)d action agreed", "%(num)d actions agreed", view.agreed),
      tn("%(num)d proposed", "%(num)d proposed", view.count - view.agreed),
      view.proposals ? "" : t("phones cannot propose")].filter(Boolean).join(" · "));
    const statuses = statusNames(view.statuses);
    reviewHeading.hidden = reviewList.hidden = !view.review.length;
    showReview(view.review.map((r) => ({ ...r, statuses })));
    planHeading.hidden = list.hidden = !view.items.length;
    showItems(view.items.map((i) => ({ ...i, statuses })));
  });
  frame.body.append(tally, reviewHeading, reviewList, form, planHeading, list);
  return frame;
}
