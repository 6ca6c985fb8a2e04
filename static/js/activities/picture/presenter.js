// Build the picture on the projector: a gallery wall, a spotlight, or one shared baseplate.
import { h, fill, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { drawPicture } from "./draw.js";

export function presenter(root) {
  const body = h("div", { class: "picture-stage" });
  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    if (view.mode === "together") {
      tally.textContent = `${plural(view.count, "brick")} from ${plural(view.builders, "person", "people")}`;
      fill(body, view.board ? h("div", { class: "shared-board" }, drawPicture({ kind: "bricks", bricks: view.board, title: "The shared baseplate" }, view.colours))
        : h("p", { class: "tally" }, "The baseplate is hidden until the facilitator reveals it."));
      return;
    }
    tally.textContent = plural(view.count, "picture") + (revealed ? "" : " · hidden until the facilitator reveals them");
    const pictures = view.pictures || [];
    const spot = pictures.find((p) => p.id === view.spotlight);
    if (spot) {
      fill(body, h("figure", { class: "spotlight" }, drawPicture(spot, view.colours),
        h("figcaption", {}, h("span", { class: "spot-title" }, spot.title), spot.meaning ? h("span", { class: "spot-meaning" }, spot.meaning) : null)));
      return;
    }
    // As many columns as it takes for every picture to fit on the screen at once.
    const n = pictures.length;
    body.dataset.size = n > 12 ? "tiny" : n > 8 ? "small" : n > 3 ? "medium" : "large";
    fill(body, h("ul", { class: "gallery" }, pictures.map((p) => h("li", {},
      h("figure", {}, drawPicture(p, view.colours), h("figcaption", {}, p.title))))));
  });
}
