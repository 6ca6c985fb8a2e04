// "Take from an earlier activity": choose one, tick its items (grouped, e.g. by lane),
// and hand the ticked texts on. Used by the activity form and by a running vote.
import { h, fill } from "./dom.js";
import { t } from "./i18n.js";

export function picker({ sources, request, onPick, label = t("Take options from an earlier activity"), onError }) {
  if (!sources.length) return null;
  const select = h("select", { id: "picker-source" },
    sources.map((a) => h("option", { value: a.id }, `${a.position + 1}. ${a.label}`)));
  const list = h("fieldset", { class: "picker-items", hidden: true });
  const show = h("button", { type: "button", class: "secondary", onclick: async () => {
    const answer = await request("items", { activity_id: Number(select.value) });
    if (!answer.ok) { onError?.(answer.error); return; }
    const groups = new Map();
    answer.items.forEach((item, i) => {
      const group = item.group || "";
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push(h("div", { class: "check" },
        h("input", { type: "checkbox", id: `pick-${i}`, value: item.text, checked: !item.group }),
        h("label", { for: `pick-${i}` }, item.text)));
    });
    fill(list, h("legend", {}, t("Tick the ones to take")),
      answer.items.length ? [...groups].map(([group, boxes]) => (group
        ? h("div", { class: "picker-group" }, h("p", { class: "picker-group-name" }, group,
          h("button", { type: "button", class: "secondary", onclick: () => boxes.forEach((b) => { b.querySelector("input").checked = true; }) },
            t("Tick all"), h("span", { class: "visually-hidden" }, t(" in %(group)s", { group })))), boxes)
        : boxes)) : h("p", {}, t("That activity has nothing to take yet.")),
      answer.items.length ? h("button", { type: "button", onclick: () => {
        onPick([...list.querySelectorAll("input:checked")].map((box) => box.value));
        list.hidden = true;
      } }, t("Take the ticked ones")) : null);
    list.hidden = false;
  } }, t("Show its items"));
  return h("div", { class: "picker" },
    h("label", { for: "picker-source" }, label),
    h("div", { class: "inline" }, select, show), list);
}
