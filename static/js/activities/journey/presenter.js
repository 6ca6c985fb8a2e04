// Journey map on the projector: the grid and the feelings curve.
import { h, fill, drawing, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";

export function presenter(root) {
  root.classList.add("journey-screen");
  const grid = h("div", { class: "journey-grid" });
  let seen = null;
  return presenterFrame(root, grid, ({ view, revealed }, tally) => {
    const notes = revealed ? view.notes || [] : [];
    tally.textContent = plural(view.count, "note") + (revealed ? "" : " · the grid is hidden until the facilitator reveals it");
    const stages = view.focus === null ? view.stages : view.stages.filter((s) => s.id === view.focus);
    const curve = view.curve && view.focus === null ? drawing(view.curve) : null; // sent once revealed
    grid.dataset.focus = view.focus === null ? "no" : "yes";
    // Sizes set through the style object, so the page needs no inline style text.
    grid.style.gridTemplateColumns = `minmax(0, 11vw) repeat(${stages.length}, minmax(0, 1fr))`;
    grid.style.gridTemplateRows = `auto repeat(${view.lanes.length}, minmax(0, 1fr))${curve ? " 19vh" : ""}`;
    const fresh = seen === null ? new Set() : new Set(notes.filter((n) => !seen.has(n.id)).map((n) => n.id));
    seen = new Set(notes.map((n) => n.id));
    const curveCell = curve ? h("div", { class: "curve-cell" }, curve) : null;
    if (curveCell) curveCell.style.gridColumn = `2 / span ${stages.length}`;
    fill(grid, h("div", { class: "corner-cell" }),
      stages.map((s) => h("div", { class: "stage-head" }, s.name)),
      view.lanes.map((lane) => [h("div", { class: "lane-head" }, lane.name),
        stages.map((s) => {
          const here = notes.filter((n) => n.stage === s.id && n.lane === lane.id).sort((a, b) => b.plus - a.plus);
          return h("div", { class: "cell" },
            h("ul", {}, here.map((n) => h("li", { class: fresh.has(n.id) ? "is-new" : "" },
              n.text, n.plus ? h("span", { class: "plus-count" }, ` +${n.plus}`) : null))),
            here.length > 2 ? h("span", { class: "cell-count" }, plural(here.length, "note")) : null);
        })]),
      curve ? [h("div", { class: "lane-head" }, "How the person feels (very bad to very good)"), curveCell] : null);
  });
}
