// Partner map on the phone: name who holds what the partnership needs.
import { h, named, setText } from "../../core/dom.js";
import { keepDraft, readDraft, writeDraft } from "../../core/drafts.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";
import { latestQueued, reviewNote, waitingWord } from "../../core/outbox.js";
import { localised, t } from "../../core/i18n.js";

export function participant(root, { act, activityId, dismiss, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const name = h("input", { id: "partner-name", maxlength: limits.name.name });
  const draft = keepDraft(name, activityId, "name");
  const where = h("fieldset", { class: "choices" }, h("legend", {}, t("Where are they?")));
  const form = h("form", { class: "answer-form" }, h("label", { for: "partner-name" }, t("An organisation or role")), name,
    draft.reason, where, h("button", { type: "submit", class: "wide" }, t("Add to the map")));
  const mineHeading = h("h2", {}, t("Who you named"));
  const mine = h("ul", { class: "my-answers" });
  body.append(form, mineHeading, mine);
  let built = false;
  let places = {};
  const chosenPlace = () => form.querySelector("input[name=place]:checked")?.value;
  const choosePlace = (place) => {
    for (const radio of form.querySelectorAll("input[name=place]")) radio.checked = radio.value === place;
    writeDraft(activityId, "place", place || "");
  };
  where.addEventListener("change", () => writeDraft(activityId, "place", chosenPlace() || ""));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const place = chosenPlace();
    if (!place) { state.textContent = t("Say where they are: in the room, involved elsewhere, or missing."); return; }
    const payload = { name: name.value, place };
    draft.clear(); // on its way: listed under "Who you named" until it is in
    choosePlace(null); // ready for the next one, whose place is its own
    name.focus();
    const answer = await act("name", payload);
    if (!answer.ok && !answer.queued) giveBack(payload, answer.error);
  });

  /** A refused name back in the box, its place chosen again, with the reason. */
  function giveBack(payload, why) {
    draft.giveBack(payload.name, why);
    choosePlace(payload.place);
  }

  const showMine = keyedList(mine, { key: (m) => (m.cid ? `new:${m.cid}` : `${m.id}:${m.open}`), make: (m) => {
    const word = waitingWord();
    const note = reviewNote();
    const remove = m.open && !m.cid ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: m.id }) },
      named(t("Remove"), m.name)) : null;
    const element = h("li", {}, h("span", { class: "answer-text" }, m.name), h("span", { class: "where" }, m.where), note.element, remove, word.element);
    return { element, update({ busy, waiting }) {
      note.show(waiting);
      word.show(busy);
      element.classList.toggle("is-waiting", Boolean(busy));
      if (remove) remove.disabled = Boolean(busy);
    } };
  } });
  return {
    update(activity) {
      const { view, mine: own, is_open: open, queued = [] } = activity;
      setText(prompt, localised(view.prompt, activity.words));
      places = Object.fromEntries(Object.entries(view.places).map(([key, label]) => [key, t(label)]));
      if (!built) {
        where.append(...Object.entries(places).map(([key, label]) => h("div", { class: "check" },
          h("input", { type: "radio", name: "place", id: `place-${key}`, value: key }), h("label", { for: `place-${key}` }, label))));
        choosePlace(readDraft(activityId, "place")?.value || null);
        built = true;
      }
      const said = open ? t("Name the organisations or roles the partnership needs.") : t("The map is closed for now.");
      if (state.textContent !== said) state.textContent = said;
      form.hidden = !open;
      const taken = open ? (activity.returned || []).find((item) => item.action === "name") : null;
      if (taken) { dismiss(taken.cid); giveBack(taken.payload, taken.error); } // one at a time
      const removals = latestQueued(queued, "withdraw", (q) => q.payload.id);
      const listed = [...(own?.mentions || []).map((m) => ({ ...m, open, where: places[m.place],
        busy: removals.has(m.id) ? { ...removals.get(m.id), what: "remove" } : null })),
      ...queued.filter((q) => q.action === "name").map((q) => ({ cid: q.cid, name: q.payload.name, where: places[q.payload.place], busy: q }))];
      mineHeading.hidden = mine.hidden = !listed.length;
      showMine(listed);
    },
  };
}
