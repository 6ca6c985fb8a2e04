// Partner map on the projector: three rings.
import { h, fill, plural } from "../../core/dom.js";
import { presenterFrame } from "../../core/frame.js";
import { rings } from "./rings.js";

export function presenter(root) {
  const holder = h("div", { class: "rings-holder" });
  return presenterFrame(root, holder, ({ view, revealed }, tally) => {
    tally.textContent = plural(view.count, "mention") + (revealed ? ` of ${plural((view.partners || []).length, "partner")}` : " · hidden until the facilitator reveals the map");
    fill(holder, revealed ? rings(view) : null);
  });
}
