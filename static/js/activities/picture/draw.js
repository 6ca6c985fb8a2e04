// Build the picture: drawing a picture, on every screen.
//
// A picture travels as its bricks and strokes and is drawn where it is shown: a phone
// draws its own picture while offline, and on the shared baseplate each tap changes the
// picture for every phone. The server draws the same shapes with the same attributes for
// the files a partnership keeps (render_svg in activities/picture.py);
// tests/e2e/test_picture_drawing.py holds the two to one drawing.
import { svg } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";

export const W = 32;
export const H = 20;
export const CANVAS = 1000;
export const CANVAS_H = 625;
const UNIT = CANVAS / W;

/** One brick: its rectangle (with its id, when it has one) and its studs. */
export function brickShapes(brick, colours) {
  const [id, x, y, w, hh, colour] = brick.length === 6 ? brick : [null, ...brick];
  const rect = svg("rect", { x: x * UNIT + 1, y: y * UNIT + 1, width: w * UNIT - 2, height: hh * UNIT - 2,
    rx: 3, fill: colours[colour], stroke: "#00000055", "stroke-width": 1.5, class: "brick", "data-id": id });
  const shapes = [rect];
  for (let i = 0; i < w; i += 1) {
    for (let j = 0; j < hh; j += 1) {
      shapes.push(svg("circle", { cx: (x + i + 0.5) * UNIT, cy: (y + j + 0.5) * UNIT, r: UNIT * 0.3, fill: "#ffffff33", class: "brick-stud" }));
    }
  }
  return shapes;
}

/** Draw a picture (bricks or strokes) into a fresh SVG element. */
export function drawPicture({ kind, bricks = [], strokes = [], title = "" }, colours, { studs = false } = {}) {
  const root = svg("svg", { viewBox: `0 0 ${CANVAS} ${CANVAS_H}`, class: "picture", role: "img",
    "aria-label": String(title || (kind === "bricks" ? tn("%(num)d brick", "%(num)d bricks", bricks.length) : t("A drawing"))) });
  if (kind === "bricks") {
    root.append(svg("rect", { width: CANVAS, height: CANVAS_H, fill: "#3c8d3f", class: "baseplate" }));
    if (studs) {
      for (let x = 0; x < W; x += 1) {
        for (let y = 0; y < H; y += 1) {
          root.append(svg("circle", { cx: (x + 0.5) * UNIT, cy: (y + 0.5) * UNIT, r: UNIT * 0.28, class: "stud", "data-x": x, "data-y": y }));
        }
      }
    }
    for (const brick of bricks) root.append(...brickShapes(brick, colours));
  } else {
    root.append(svg("rect", { width: CANVAS, height: CANVAS_H, fill: "#ffffff", class: "paper" }));
    for (const stroke of strokes) {
      const p = stroke.points;
      let points = "";
      for (let i = 0; i < p.length; i += 2) points += `${p[i]},${p[i + 1]} `;
      if (p.length === 2) points += `${p[0]},${p[1]}`;
      root.append(svg("polyline", { points, fill: "none", stroke: colours[stroke.colour],
        "stroke-width": stroke.width, "stroke-linecap": "round", "stroke-linejoin": "round" }));
    }
  }
  return root;
}
