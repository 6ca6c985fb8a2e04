// Build the picture on the projector: a gallery wall, a spotlight, or one shared baseplate.
//
// Volume: every picture with its title at the largest size that holds them all (four,
// five, then six across); past that, pages of six across that turn by themselves
// ("Pictures 13–24 of 40"). The server sends the newest 24 (and the one in the spotlight):
// past that, the tally says "the newest 24 in the gallery". A picture in the spotlight
// takes the whole stage.
import { h, fill, setLine, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { fitMost, pager, range } from "../../core/fit.js";
import { drawPicture } from "./draw.js";
import { bricksFrom } from "./shared.js";

export function presenter(root) {
  const body = h("div", { class: "picture-stage" });
  const gallery = h("ul", { class: "gallery" });
  const more = h("p", { class: "more" });
  const wall = h("div", { class: "fit gallery-box" }, gallery, more);
  let pictures = [];
  let colours = [];
  const pages = pager(wall, ["large", "medium", "small"], (from, to, total) => {
    fill(gallery, pictures.slice(from, to).map((p) => h("li", {},
      h("figure", {}, drawPicture(p, colours), h("figcaption", { dir: "auto" }, p.title)))));
    setText(more, t("Pictures %(range)s", { range: range(from, to, total) }));
    more.hidden = to - from === total;
  });

  return presenterFrame(root, body, ({ view, revealed }, tally) => {
    colours = view.colours;
    if (view.mode === "together") {
      setLine(tally, [bricksFrom(view), !view.board && t("the baseplate is hidden until the facilitator reveals it")]);
      fill(body, view.board ? h("div", { class: "shared-board" }, drawPicture({ kind: "bricks", bricks: view.board, title: t("The shared baseplate") }, colours)) : null);
      return;
    }
    pictures = view.pictures || [];
    const spot = pictures.find((p) => p.id === view.spotlight);
    setLine(tally, [tn("%(num)d picture", "%(num)d pictures", view.count), !revealed
      ? t("hidden until the facilitator reveals them")
      : !spot && pictures.length < view.count && tn("the newest %(num)d in the gallery", "the newest %(num)d in the gallery", pictures.length)]);
    if (spot) {
      pages.stop();
      const figure = h("figure", { class: "spotlight fit" }, drawPicture(spot, colours),
        h("figcaption", {}, h("span", { class: "spot-title", dir: "auto" }, spot.title),
          spot.meaning ? h("span", { class: "spot-meaning", dir: "auto" }, spot.meaning) : null));
      fill(body, figure);
      // A long meaning is set smaller, and the picture gives it room, until it all fits.
      fitMost(figure, ["large", "medium", "small"], 1, () => {});
      return;
    }
    if (body.firstChild !== wall) fill(body, wall);
    pages.show(pictures.length);
  });
}
