// Journey map: the feelings curve, drawn on the projector and the console.
import { plural, svg } from "../../core/dom.js";
import { FEELINGS } from "./shared.js";

/** How people feel at each stage: the mean as a line, the spread as dots sized by count.
 * With `aligned`, the stages sit at the centres of equal columns (the presenter's grid). */
export function feelingsCurve(view, { dark = false, aligned = false } = {}) {
  const feelings = view.feelings || [];
  if (!feelings.length || !feelings.some((f) => f.count)) return null;
  const width = 1000;
  const height = 260;
  const left = aligned ? 0 : 110;
  const step = (width - left) / feelings.length;
  const y = (value) => 24 + ((2 - value) / 4) * (height - 64);
  const x = (i) => left + step * (i + 0.5);
  const ink = dark ? "#d7dee8" : "#4a5568";
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "feelings-chart", role: "img",
    preserveAspectRatio: aligned ? "none" : "xMidYMid meet",
    "aria-label": "How people feel at each stage, from very bad (-2) to very good (+2): "
      + feelings.map((f, i) => `${view.stages[i]?.name}: ${f.mean === null ? "no answers" : `average ${f.mean}`}`).join("; ") });
  for (const [value, label] of FEELINGS) {
    chart.append(svg("line", { x1: left, x2: width, y1: y(value), y2: y(value), stroke: ink, "stroke-opacity": value === 0 ? 0.6 : 0.2 }));
    if (!aligned) chart.append(svg("text", { x: left - 12, y: y(value) + 6, "text-anchor": "end", fill: ink, "font-size": 18 }, label));
  }
  const points = [];
  feelings.forEach((f, i) => {
    for (const [value] of FEELINGS) {
      const n = f.spread[String(value)] || 0;
      if (n) chart.append(svg("ellipse", { cx: x(i), cy: y(value), rx: 5 + Math.sqrt(n) * 5, ry: 5 + Math.sqrt(n) * 5, class: "spread" }));
    }
    if (f.mean !== null) points.push([x(i), y(f.mean)]);
    if (!aligned) { // a stretched chart would distort text
      chart.append(svg("text", { x: x(i), y: height - 8, "text-anchor": "middle", fill: ink, "font-size": 18 },
        plural(f.count, "answer")));
    }
  });
  if (points.length > 1) chart.append(svg("polyline", { points: points.map((p) => p.join(",")).join(" "), class: "mean-line" }));
  for (const [cx, cy] of points) chart.append(svg("circle", { cx, cy, r: 8, class: "mean-point" }));
  return chart;
}
