// Partner map on the phone: name who holds what the partnership needs.
import { h, named } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { keyedList } from "../../core/keyed.js";

export function participant(root, { act, limits }) {
  const { prompt, state, body } = phoneFrame(root);
  const name = h("input", { id: "partner-name", maxlength: limits.name.name });
  const where = h("fieldset", { class: "choices" }, h("legend", {}, "Where are they?"));
  const form = h("form", { class: "answer-form" }, h("label", { for: "partner-name" }, "An organisation or role"), name, where,
    h("button", { type: "submit", class: "wide" }, "Add to the map"));
  const mineHeading = h("h2", {}, "Who you named");
  const mine = h("ul", { class: "my-answers" });
  body.append(form, mineHeading, mine);
  let built = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const place = form.querySelector("input[name=place]:checked")?.value;
    if (!place) { state.textContent = "Say where they are: in the room, involved elsewhere, or missing."; return; }
    const answer = await act("name", { name: name.value, place });
    if (answer.ok || answer.queued) { // ready for the next one, whose place is its own
      name.value = "";
      for (const radio of form.querySelectorAll("input[name=place]")) radio.checked = false;
      name.focus();
    }
  });
  const showMine = keyedList(mine, { key: (m) => `${m.id}:${m.open}`, make: (m) => ({ element:
    h("li", {}, h("span", { class: "answer-text" }, m.name), h("span", { class: "where" }, m.where),
      m.open ? h("button", { type: "button", class: "secondary", onclick: () => act("withdraw", { id: m.id }) },
        named("Remove", m.name)) : null) }) });
  return {
    update(activity) {
      const { view, mine: own, is_open: open } = activity;
      prompt.textContent = view.prompt;
      if (!built) {
        where.append(...Object.entries(view.places).map(([key, label]) => h("div", { class: "check" },
          h("input", { type: "radio", name: "place", id: `place-${key}`, value: key }), h("label", { for: `place-${key}` }, label))));
        built = true;
      }
      const said = open ? "Name the organisations or roles the partnership needs." : "The map is closed for now.";
      if (state.textContent !== said) state.textContent = said;
      form.hidden = !open;
      const mentions = own?.mentions || [];
      mineHeading.hidden = mine.hidden = !mentions.length;
      showMine(mentions.map((m) => ({ ...m, open, where: view.places[m.place] })));
    },
  };
}
