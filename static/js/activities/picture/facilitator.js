// Build the picture on the console: the shared baseplate, or the wall with its spotlight.
import { h, fill, namedButton, setClass, setText, svg } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { keyedList, rebuildWhenChanged } from "../../core/keyed.js";
import { hiddenMark, hideToggle, reviewMarks, rowClass } from "../../core/moderation.js";
import { brickShapes, drawPicture } from "./draw.js";
import { bricksFrom } from "./shared.js";

// Made once and updated in place, so that a click or the focus survives others' updates.

/** Build together: the shared baseplate; bricks come and go on it, each drawn once. */
function sharedPanel(body, act) {
  const tally = h("p", { class: "tally-small" });
  const layer = svg("g", {});
  const show = keyedList(layer, { key: (brick) => JSON.stringify(brick), make: (brick) => {
    const element = svg("g", {});
    element.append(...brickShapes(brick, colours));
    return { element };
  } });
  let colours = null;
  let board = null;
  fill(body, tally);
  return (view) => {
    colours = view.colours;
    if (!board) {
      board = drawPicture({ kind: "bricks", title: t("The shared baseplate") }, colours);
      board.append(layer);
      board.addEventListener("click", (event) => {
        const id = event.target.closest("[data-id]")?.dataset.id;
        if (id && confirm(t("Take this brick off the shared baseplate?"))) act("remove", { id: Number(id) });
      });
      body.append(board);
    }
    setText(tally, t("%(bricks)s. Click a brick to take it off.", { bricks: bricksFrom(view) }));
    show(view.board || []);
  };
}

/** A picture on the console wall: drawn again only when it changes; Spotlight and Hide. */
function pictureItem(act) {
  let picture = null;
  let art = null;
  let drawn = null;
  const title = document.createTextNode("");
  const mark = hiddenMark();
  const meaning = h("p", { class: "hint" });
  const who = h("p", { class: "who" });
  const spotlight = namedButton({ class: "secondary", onclick: () => act("spotlight", { id: picture.id }) });
  const review = reviewMarks(act);
  const toggle = hideToggle(act);
  const element = h("li", {}, h("p", { class: "picture-title" }, title, mark.badge,
    ...review.elements.slice(0, 2)), meaning, who,
  h("div", { class: "button-row" }, review.elements[2], spotlight.button, toggle.button));
  return {
    element,
    update({ picture: p, colours, spotlit }) {
      picture = p;
      const shape = JSON.stringify([p.kind, p.bricks, p.strokes, p.title]);
      if (shape !== drawn) {
        const fresh = drawPicture(p, colours);
        if (art) art.replaceWith(fresh); else element.prepend(fresh);
        art = fresh;
        drawn = shape;
      }
      setClass(element, rowClass(p) || (spotlit ? "is-spotlit" : ""));
      if (title.data !== p.title) title.data = p.title;
      mark.update(p);
      setText(meaning, p.meaning || "");
      meaning.hidden = !p.meaning;
      setText(who, [t("participant %(number)s", { number: p.number }), p.organisation].filter(Boolean).join(" · "));
      spotlight.name(t("Spotlight"), p.title);
      spotlight.button.hidden = p.hidden || p.held;
      review.update(p, p.title);
      toggle.update(p, p.title);
    },
  };
}

/** Each builds their own: the spotlight's buttons and the wall of pictures. */
function galleryPanel(body, act) {
  let view = null;
  const visible = () => (view.pictures || []).filter((p) => !p.hidden && !p.held);
  const step = (d) => {
    const shown = visible();
    if (!shown.length) return;
    const index = shown.findIndex((p) => p.id === view.spotlight);
    // From the wall (no spotlight), Next starts at the first picture and Previous at the last.
    const from = index >= 0 ? index : d > 0 ? -1 : shown.length;
    act("spotlight", { id: shown[(from + d + shown.length) % shown.length].id });
  };
  const tally = h("p", { class: "tally-small" });
  const previous = h("button", { type: "button", class: "secondary", onclick: () => step(-1) }, t("Previous picture"));
  const next = h("button", { type: "button", class: "secondary", onclick: () => step(1) }, t("Next picture"));
  const wall = h("button", { type: "button", class: "secondary", onclick: () => act("spotlight", { id: null }) }, t("Back to the wall"));
  const list = h("ul", { class: "console-gallery" });
  const show = keyedList(list, { key: (x) => x.picture.id, make: () => pictureItem(act) });
  fill(body, tally, h("div", { class: "button-row", role: "group", "aria-label": t("Spotlight") }, previous, next, wall), list);
  return (latest) => {
    view = latest;
    setText(tally, tn("%(num)d picture", "%(num)d pictures", view.count));
    previous.disabled = next.disabled = !visible().length;
    wall.disabled = view.spotlight === null;
    show((view.pictures || []).map((picture) => ({ picture, colours: view.colours, spotlit: view.spotlight === picture.id })));
  };
}

export function facilitator(root, { act }) {
  let body = null;
  let together = false;
  const panel = rebuildWhenChanged(() => (together ? sharedPanel : galleryPanel)(body, act));
  return consoleFrame(root, (into, { view }) => {
    body = into;
    together = view.mode === "together";
    panel(together)(view);
  });
}
