// Shared language on the projector: the term groups, growing live.
import { h, fill, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { hiddenBadge } from "../../core/moderation.js";
import { STATUS } from "./shared.js";

function groupCard(group) {
  return h("li", { class: `term-group status-${group.status}` },
    h("p", { class: "term" }, group.terms.join(" = "),
      group.status !== "open" ? h("span", { class: "term-status" }, STATUS[group.status]) : null),
    h("ul", { class: "definitions" }, group.definitions.map((d) => h("li", { class: d.hidden ? "is-hidden" : "" },
      group.terms.length > 1 ? h("strong", {}, `${d.term}: `) : null, d.meaning,
      h("span", { class: "who" }, [d.organisation, d.plus ? `+${d.plus}` : ""].filter(Boolean).join(" · ")),
      hiddenBadge(d)))));
}

export function presenter(root) {
  const list = h("ul", { class: "glossary glossary-big" });
  return presenterFrame(root, list, ({ view, revealed }, tally) => {
    const groups = revealed ? view.groups || [] : [];
    tally.textContent = plural(view.count, "definition") + (revealed ? ` of ${plural(groups.length, "term")}` : " · hidden until the facilitator reveals them");
    fill(list, groups.map((g) => groupCard(g)));
  });
}
