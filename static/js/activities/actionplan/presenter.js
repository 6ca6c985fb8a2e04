// Action plan on the projector: the earlier workshop's actions and where they stand, then
// the actions the room agreed (owner, due date, status), then the proposals.
//
// Volume: the server sends a presenter the 60 agreed actions due first and the 20
// proposals most supported (the tally says so when there are more). Every action sent at
// the largest size that holds them all; past that, pages at the smallest readable size
// that turn by themselves ("Actions 9–16 of 30"), in the order of the list: reviewed,
// agreed by due date, proposed by support.
import { h, fill, setLine, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { pager, range } from "../../core/fit.js";
import { ownerAndDueParts, statusNames, thenAndNow } from "./shared.js";

function row(item, statuses) {
  const reviewed = item.was !== undefined;
  const status = reviewed ? (item.reviewed ? item.status : "unsaid") : item.agreed ? item.status : "proposed";
  const said = reviewed ? [thenAndNow(item, statuses)] : item.agreed ? [statuses[item.status]]
    : [t("Proposed"), item.plus ? `+${item.plus}` : ""];
  return h("li", { class: "plan-row", dataset: { status, kind: reviewed ? "review" : item.agreed ? "agreed" : "proposed" } },
    h("span", { class: "plan-text", dir: "auto" }, item.text),
    setLine(h("span", { class: "plan-meta" }), [...ownerAndDueParts(item), ...said]));
}

export function presenter(root) {
  const list = h("ul", { class: "plan-rows" });
  const more = h("p", { class: "more" });
  const box = h("div", { class: "fit plan-box" }, list, more);
  let rows = [];
  let statuses = {};
  const pages = pager(box, ["large", "small"], (from, to, total) => {
    fill(list, rows.slice(from, to).map((item) => row(item, statuses)));
    setText(more, t("Actions %(range)s", { range: range(from, to, total) }));
    more.hidden = to - from === total;
  });
  return presenterFrame(root, box, ({ view, revealed }, tally) => {
    statuses = statusNames(view.statuses);
    const items = revealed ? view.items || [] : [];
    rows = [...view.review, ...items];
    const parts = [];
    if (view.review.length) {
      const said = view.review.filter((r) => r.reviewed).length;
      parts.push(tn("%(done)d of %(num)d earlier action reviewed", "%(done)d of %(num)d earlier actions reviewed",
        view.review.length, { done: said }));
    }
    parts.push(tn("%(num)d action agreed", "%(num)d actions agreed", view.agreed),
      tn("%(num)d proposed", "%(num)d proposed", view.count - view.agreed));
    const agreed = items.filter((i) => i.agreed).length;
    if (revealed && agreed < view.agreed) {
      parts.push(tn("the %(num)d agreed due first on the screen", "the %(num)d agreed due first on the screen", agreed));
    }
    if (revealed && items.length - agreed < view.count - view.agreed) {
      parts.push(tn("the %(num)d proposed most supported on the screen", "the %(num)d proposed most supported on the screen",
        items.length - agreed));
    }
    if (!revealed) parts.push(t("hidden until the facilitator reveals them"));
    setLine(tally, parts);
    pages.show(rows.length);
  });
}
