// Journey map on the projector: the grid and the feelings curve.
//
// Volume: the server sends the notes of each cell with most +1s (all a cell could show)
// and how many each cell holds (view.cells). Each stage's column grows with its share of
// the notes, and each lane's row is at least as tall as its cells' top notes need and
// grows with the room all its notes would take, so the busy cells get the room. A cell
// says how many notes it holds and shows the ones most people agree with that fit whole,
// and "and 37 more". When some cell could not show its top note whole, the stages are
// shown a half, then a third, then one at a time, in pages that turn by themselves
// ("stages 1–3 of 6"). Focusing a stage gives it the whole screen, its notes set larger.
import { h, fill, setLine, setText } from "../../core/dom.js";
import { languages, localised, t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { fitInTurn, overflows, range } from "../../core/fit.js";
import { feelingsCurve } from "./shared.js";

const SECONDS = 15; // per page of stages
const px = (n) => `calc(${n} * var(--px))`;
// The lanes' names, in units of --px: wider on a screen in two languages, which says
// each name twice.
const LANE_HEAD = languages.length > 1 ? { whole: 300, focused: 380 } : { whole: 210, focused: 260 };
// A stage's share of the width left over: grows with its notes, never starves the rest;
// one with no notes keeps to the least.
const share = (n) => (n ? 1 + Math.cbrt(n) : 0.1).toFixed(2);
const mostAgreed = (a, b) => b.plus - a.plus; // sort() keeps the order of equals: oldest first

/** A cell: how many notes (`total`, of which the server sent the top `notes`), then the
 * top ones that fit whole. Where the top note does not fit in the columns (a long note in
 * a narrow column is tall), it goes across the whole cell, and if need be without the
 * count above it ("and 39 more" says the rest): the top note is always shown. */
function cell(notes, total, fresh) {
  const count = h("span", { class: "cell-count" }, tn("%(num)d note", "%(num)d notes", total));
  const list = h("ul", {});
  const more = h("p", { class: "more" });
  const box = h("div", { class: "cell fit" }, count, list, more);
  let compact = false;
  const draw = (chosen) => {
    fill(list, chosen.map((i) => notes[i]).map((n) => h("li", { class: fresh.has(n.id) ? "is-new" : "", dir: "auto" },
      n.text, n.plus ? h("span", { class: "plus-count" }, ` +${n.plus}`) : null)));
    count.hidden = !total || (chosen.length === 1 && total === 1) || (compact && chosen.length > 0);
    setText(more, tn("and %(num)d more", "and %(num)d more", total - chosen.length));
    more.hidden = !chosen.length || chosen.length === total; // none shown: the count says it
  };
  const layout = (wide, short) => {
    list.classList.toggle("one-column", wide);
    compact = short;
  };
  draw([]);
  return {
    box,
    /** The least height the cell needs to show its top note whole (across the cell, no
     * count), or (`all`) every note in columns (the first fifty: enough to ask for all
     * the room there is). */
    need(all = false) {
      layout(!all, !all);
      draw([...notes.keys()].slice(0, all ? 50 : 1));
      return box.scrollHeight;
    },
    /** Lays the cell out so that its top note fits, if it can; answers whether it does. */
    placeTop() {
      if (!notes.length) return true;
      for (const [wide, short] of [[false, false], [true, false], [true, true]]) {
        layout(wide, short);
        draw([0]);
        if (!overflows(box)) return true;
      }
      return false;
    },
    /** The top notes that fit whole, in that layout. */
    fit() {
      fitInTurn(box, notes.length, draw);
    },
  };
}

/** The feelings curve under one stage's column: the server draws the curve with the
 * stages spread evenly across it; each column shows its own stretch of it, so that the
 * curve follows the columns however wide each has grown. Only the first is read out. */
function curvePart(view, stage, words) {
  const chart = feelingsCurve(view, words);
  const [, , width, height] = chart.getAttribute("viewBox").split(" ").map(Number);
  const step = width / view.stages.length;
  const index = view.stages.indexOf(stage);
  chart.setAttribute("viewBox", `${index * step} 0 ${step} ${height}`);
  if (index > 0) {
    chart.removeAttribute("role");
    chart.removeAttribute("aria-label");
    chart.setAttribute("aria-hidden", "true");
  }
  return h("div", { class: "curve-cell" }, chart);
}

/** Each column stretches its stretch of the curve to its own width and the row's height,
 * which would squash the circles into ovals, each column differently: once laid out, each
 * circle is scaled across by the ratio of the two stretches, so that it is round again. */
function roundCircles(chart) {
  const { width, height } = chart.viewBox.baseVal;
  const box = chart.getBoundingClientRect();
  if (!box.width || !box.height) return;
  const ratio = (box.height / height) / (box.width / width);
  for (const circle of chart.querySelectorAll("circle")) {
    const cx = circle.cx.baseVal.value;
    circle.setAttribute("transform", `translate(${cx} 0) scale(${ratio} 1) translate(${-cx} 0)`);
  }
}

/** Stages in pages of `size`: [[s1, s2, s3], [s4, s5, s6]]. */
function chunks(stages, size) {
  const pages = [];
  for (let i = 0; i < stages.length; i += size) pages.push(stages.slice(i, i + size));
  return pages;
}

export function presenter(root) {
  const grid = h("div", { class: "journey-grid" });
  let seen = null;
  let pages = [];
  let page = 0;
  let ticker = null;
  let drawPage = null; // draws pages[page] with the latest view

  function turn() {
    if (!grid.isConnected) { clearInterval(ticker); return; } // the activity has moved on
    page = (page + 1) % pages.length;
    drawPage();
  }

  return presenterFrame(root, grid, ({ view, revealed, words }, tally) => {
    const notes = revealed ? view.notes || [] : [];
    const counts = revealed ? view.cells || [] : [];
    const total = (stage, lane) => counts.filter((c) => c.stage === stage && (lane === undefined || c.lane === lane))
      .reduce((sum, c) => sum + c.count, 0);
    const focused = view.stages.find((s) => s.id === view.focus);
    const said = [tn("%(num)d note", "%(num)d notes", view.count), !revealed
      ? t("the grid is hidden until the facilitator reveals it")
      : focused && tn("%(num)d note in %(stage)s", "%(num)d notes in %(stage)s", total(focused.id),
        { stage: localised(focused.name, words) })];
    // Notes seen before stay seen: a focused stage's view leaves the other stages' out.
    const fresh = seen === null ? new Set() : new Set(notes.filter((n) => !seen.has(n.id)).map((n) => n.id));
    seen = new Set([...(seen || []), ...notes.map((n) => n.id)]);
    grid.dataset.focus = focused ? "yes" : "no";

    /** Draws the grid for these stages. A `trial` only answers whether every cell can
     * show its top note, as soon as one cannot. */
    function draw(stages, trial = false) {
      const here = (stage, lane) => notes.filter((n) => n.stage === stage && n.lane === lane);
      const curve = view.curve && !focused; // the server draws it once revealed
      // Sizes set through the style object, so the page needs no inline style text.
      grid.style.gridTemplateColumns = `${px(focused ? LANE_HEAD.focused : LANE_HEAD.whole)} ${stages.map((stage) =>
        `minmax(${px(170)}, ${share(total(stage.id))}fr)`).join(" ")}`;
      const curveHead = curve ? h("div", { class: "lane-head" }, t("How the person feels")) : null;
      let curveNeeds = 0; // its name's height, once drawn: in two languages it may take more
      const rows = (track) => `auto ${view.lanes.map((_l, i) => track(i)).join(" ")}${curve
        ? ` minmax(max(${px(64)}, ${curveNeeds}px), max(${px(110)}, ${curveNeeds}px))` : ""}`; // the curve gives way first, to a point
      // Rows just as tall as their lane's name, to measure what each cell needs.
      grid.style.gridTemplateRows = rows(() => "min-content");
      const cells = view.lanes.map((lane) => stages.map((s) => cell(here(s.id, lane.id).sort(mostAgreed), total(s.id, lane.id), fresh)));
      const heads = stages.map((s) => h("div", { class: "stage-head", dir: "auto" }, localised(s.name, words)));
      const laneHeads = view.lanes.map((lane) => h("div", { class: "lane-head", dir: "auto" }, localised(lane.name, words)));
      fill(grid, h("div", { class: "corner-cell" }), heads,
        view.lanes.map((lane, i) => [laneHeads[i], cells[i].map((c) => c.box)]),
        curve ? [curveHead, stages.map((stage) => curvePart(view, stage, words))] : null);
      curveNeeds = curveHead?.scrollHeight || 0;
      // Each row at least as tall as its cells' top notes need, if the grid has the room,
      // and growing with the room all its notes would take.
      const tallest = (i, all) => Math.max(laneHeads[i].scrollHeight, ...cells[i].map((c) => c.need(all)));
      const needs = cells.map((_row, i) => tallest(i, false));
      const wishes = cells.map((_row, i) => tallest(i, true));
      grid.style.gridTemplateRows = rows((i) => `minmax(${needs[i]}px, ${wishes[i]}fr)`);
      if (grid.scrollHeight > grid.clientHeight + 1) grid.style.gridTemplateRows = rows((i) => `minmax(min-content, ${wishes[i]}fr)`);
      if (trial) return cells.flat().every((c) => c.placeTop());
      for (const c of cells.flat()) { c.placeTop(); c.fit(); }
      for (const chart of grid.querySelectorAll(".curve-cell svg")) roundCircles(chart);
    }

    const all = focused ? [focused] : view.stages;
    const sizes = [...new Set([all.length, Math.ceil(all.length / 2), Math.ceil(all.length / 3), 1])];
    const first = pages[page]?.[0]?.id;
    pages = chunks(all, sizes[sizes.length - 1]);
    for (const size of sizes) {
      const tried = chunks(all, size);
      if (tried.every((stages) => draw(stages, true))) { pages = tried; break; }
    }
    page = Math.max(0, pages.findIndex((stages) => stages.some((s) => s.id === first)));
    drawPage = () => {
      const start = all.indexOf(pages[page][0]);
      const part = pages[page].length === 1 ? t("stage %(num)d of %(total)d", { num: start + 1, total: all.length })
        : t("stages %(range)s", { range: range(start, start + pages[page].length, all.length) });
      setLine(tally, [...said, pages.length > 1 && part]);
      draw(pages[page]);
    };
    drawPage();
    clearInterval(ticker);
    ticker = pages.length > 1 ? setInterval(turn, SECONDS * 1000) : null;
  });
}
