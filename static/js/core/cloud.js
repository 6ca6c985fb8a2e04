// A word cloud on the projector: the words the room said (activities/words.py counts
// them, the most said first), each sized by how many said it, none over another.
//
// The layout is worked out here, where the words can be measured at their real size,
// and only when the words or the screen's size change: the same words on the same screen
// always give the same cloud (no randomness), so that an update that changes nothing
// moves nothing. Each word, most said first, takes the first free place on a spiral out
// from the middle. If one does not fit, every word is set smaller and the cloud laid out
// again, down to the smallest size readable from the back of the room; past that, the
// words that still find no place are left out and counted ("and 12 more words").
// Screen readers get the list behind it, with the counts.
import { h, fill, setLine, setText } from "./dom.js";
import { presenterFrame } from "./frame.js";
import { t, tn } from "./i18n.js";

const LARGEST = 3.6; // the most said word's size, in times the smallest
const GAP = 0.18; // space kept round each word, in times its size

/** Where each word goes in a box of `width` x `height`: [{word, count, size, x, y}] for
 * those placed, most said first, at sizes from `least` px up. Measured with `measure(word,
 * size)` -> {width, height}. */
export function layout(words, width, height, least, measure) {
  const most = Math.max(...words.map((w) => w.count));
  const fewest = Math.min(...words.map((w) => w.count));
  const sizeOf = (count, scale) => least * Math.max(1, scale * (1 + (LARGEST - 1)
    * (most === fewest ? 0.5 : Math.sqrt((count - fewest) / (most - fewest)))));
  let placed = [];
  for (let scale = 1; ; scale *= 0.85) {
    placed = place(words, width, height, (count) => sizeOf(count, scale), measure);
    if (placed.length === words.length || sizeOf(most, scale) <= least) return placed;
  }
}

function place(words, width, height, sizeOf, measure) {
  const placed = [];
  const boxes = [];
  const aspect = width / height;
  for (const { word, count } of words) {
    const size = sizeOf(count);
    const box = measure(word, size);
    const gap = size * GAP;
    const w = box.width + 2 * gap;
    const hgt = box.height + 2 * gap;
    if (w > width || hgt > height) continue;
    // An Archimedean spiral from the middle, stretched to the box's shape.
    for (let turn = 0; turn < 2400; turn += 1) {
      const angle = turn * 0.35;
      const radius = 2 * angle;
      const x = width / 2 + radius * Math.cos(angle) * Math.sqrt(aspect) - w / 2;
      const y = height / 2 + radius * Math.sin(angle) / Math.sqrt(aspect) - hgt / 2;
      if (x < 0 || y < 0 || x + w > width || y + hgt > height) continue;
      if (boxes.some((b) => x < b.x + b.w && b.x < x + w && y < b.y + b.h && b.y < y + hgt)) continue;
      boxes.push({ x, y, w, h: hgt });
      placed.push({ word, count, size, x: x + gap, y: y + gap });
      break;
    }
  }
  return placed;
}

/** The projector's part for an activity shown as a word cloud: update(activity) with the
 * view's `cloud` ({words, more, items}), or without it while results are hidden. */
export function wordCloud(root) {
  const box = h("div", { class: "cloud-box" });
  const words = h("div", { class: "cloud", "aria-hidden": "true" });
  const more = h("p", { class: "more" });
  const list = h("ul", { class: "visually-hidden" });
  box.append(words, more, list);
  let drawn = null; // what the cloud was last laid out for
  return presenterFrame(root, box, ({ cloud, display, revealed }, tally) => {
    if (!revealed || !cloud) {
      setText(tally, t("The word cloud is hidden until the facilitator reveals the results."));
      fill(words); fill(list); more.textContent = ""; drawn = null;
      return;
    }
    const total = cloud.words.length + cloud.more;
    const of = display?.group
      ? tn("A word cloud of %(num)d contribution in %(group)s", "A word cloud of %(num)d contributions in %(group)s",
        cloud.items, { group: t(display.group) })
      : tn("A word cloud of %(num)d contribution", "A word cloud of %(num)d contributions", cloud.items);
    setLine(tally, [of, tn("%(num)d word said more than once", "%(num)d words said more than once", total)]);
    const width = words.clientWidth; // "and N more" keeps its line, needed or not
    const height = words.clientHeight;
    const key = JSON.stringify([cloud.words, width, height]);
    if (key === drawn) return;
    drawn = key;
    fill(list, cloud.words.map((w) => h("li", {}, tn("%(word)s: %(num)d time", "%(word)s: %(num)d times",
      w.count, { word: w.word }))));
    if (!cloud.words.length) {
      fill(words, h("p", { class: "cloud-empty" }, t("No word has been said more than once yet.")));
      more.textContent = "";
      return;
    }
    const probe = h("span", { class: "cloud-word" });
    words.replaceChildren(probe);
    const least = parseFloat(getComputedStyle(probe).fontSize); // the smallest readable size
    const measure = (word, size) => {
      probe.style.fontSize = `${size}px`;
      probe.textContent = word;
      return { width: probe.offsetWidth, height: probe.offsetHeight };
    };
    const placed = layout(cloud.words, width, height, least, measure);
    fill(words, placed.map((w) => {
      const span = h("span", { class: "cloud-word", dir: "auto" }, w.word);
      Object.assign(span.style, { fontSize: `${w.size}px`, left: `${w.x}px`, top: `${w.y}px` });
      return span;
    }));
    const rest = total - placed.length;
    setText(more, rest ? tn("and %(num)d more word", "and %(num)d more words", rest) : "");
  });
}
