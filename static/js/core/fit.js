// Volume on the projector: what does not fit is never cut off or hidden under something.
// A view is drawn at the largest of its sizes that holds everything; at the smallest size
// (the floor readable from the back of a room) it shows the most relevant items with
// "and N more", or turns pages by itself with "11–20 of 65" on each. Fitting is measured
// in the browser, because only the browser knows how long a line of a given text is.
import { h, fill, setText } from "./dom.js";
import { t, tn } from "./i18n.js";

/** Whether `box`'s content runs past its edges. The box must have a definite size and
 * hide its overflow. */
export function overflows(box) {
  return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
}

/** The most items, from `from`, that `draw(from, to)` leaves inside `box` (0 if not
 * even one fits), drawn that way. A binary search: a few layouts, not one per item. */
export function mostThatFit(box, total, draw, from = 0) {
  let fits = 0;
  let over = total - from + 1;
  while (over - fits > 1) {
    const n = Math.floor((fits + over) / 2);
    draw(from, from + n);
    if (overflows(box)) over = n; else fits = n;
  }
  draw(from, from + fits);
  return fits;
}

/** The items, in their order of relevance, that fit in `box` together: each is tried in
 * turn and kept if it still fits, so that one long item does not keep shorter, less
 * relevant ones off the screen. `draw(chosen)` draws a list of indexes. Gives up after
 * `misses` items in a row that did not fit. Answers the indexes drawn. */
export function fitInTurn(box, total, draw, { misses = 8 } = {}) {
  const chosen = [];
  for (let i = 0, missed = 0; i < total && missed < misses; i += 1) {
    draw([...chosen, i]);
    if (overflows(box)) missed += 1;
    else { chosen.push(i); missed = 0; }
  }
  draw(chosen);
  return chosen;
}

/** Draws `total` items into `box` at the largest of `sizes` (names, largest first, set
 * as box.dataset.size for the stylesheet) that holds them all; at the last size, the
 * first items that fit and a count of the rest. `draw(from, to)` draws items from..to
 * and, when `to < total`, says "and N more". Answers how many are shown. */
export function fitMost(box, sizes, total, draw) {
  for (const size of sizes) {
    box.dataset.size = size;
    draw(0, total);
    if (!overflows(box)) return total;
  }
  return mostThatFit(box, total, draw);
}

/** Pages for `box`: all items at the largest of `sizes` that holds them; else pages at the
 * smallest, turned every `seconds`. `draw(from, to, total)` draws items from..to and,
 * when not all are shown, says which ("11–20 of 65"). show(total) lays the pages out
 * again (after an update, or when the screen changes size) and keeps the page in view,
 * or turns to the one holding `item` (a new arrival) when given. */
export function pager(box, sizes, draw, { seconds = 12 } = {}) {
  let pages = [[0, 0]];
  let page = 0;
  let total = 0;
  let ticker = null;

  function turn() {
    if (!box.isConnected) { clearInterval(ticker); return; } // the activity has moved on
    page = (page + 1) % pages.length;
    draw(...pages[page], total);
  }

  function layout() {
    for (const size of sizes) {
      box.dataset.size = size;
      draw(0, total, total);
      if (!overflows(box)) return [[0, total]];
    }
    const found = [];
    for (let from = 0; from < total;) {
      const n = Math.max(1, mostThatFit(box, total, (a, b) => draw(a, b, total), from));
      found.push([from, from + n]);
      from += n;
    }
    return found;
  }

  return {
    show(count, { item } = {}) {
      total = count;
      const shownFirst = pages[page][0];
      pages = total ? layout() : [[0, 0]];
      const wanted = item === undefined ? shownFirst : item;
      page = Math.max(0, pages.findIndex(([from, to]) => wanted >= from && wanted < to));
      draw(...pages[page], total);
      clearInterval(ticker);
      ticker = pages.length > 1 ? setInterval(turn, seconds * 1000) : null;
    },
    stop() { clearInterval(ticker); ticker = null; },
  };
}

/** Lays the cards of `list` (its children) out as a wall that packs: each card in turn
 * goes into the column with most room left, so that a page ends only when the next card
 * would fit in no column. CSS columns keep the cards in order down each column and
 * balance the columns, which left a fifth of a page empty whenever the next card would
 * have unbalanced them: hence by hand. The list's --cards (set for each size in the
 * stylesheet) says how many columns, its column-gap the space between cards both ways.
 * The cards are placed absolutely and the list is as tall as its tallest column, so that
 * `overflows` sees a wall too tall for its box. Answers where the next card would go (the
 * top of the column with most room). */
export function packCards(list) {
  const style = getComputedStyle(list);
  const columns = Math.max(1, Number.parseInt(style.getPropertyValue("--cards"), 10) || 1);
  const gap = Number.parseFloat(style.columnGap) || 0;
  const width = (list.clientWidth - gap * (columns - 1)) / columns;
  const cards = [...list.children];
  for (const card of cards) card.style.width = `${width}px`;
  const heights = cards.map((card) => card.getBoundingClientRect().height); // one layout
  const tops = new Array(columns).fill(0); // where each column's next card goes
  cards.forEach((card, i) => {
    const column = tops.indexOf(Math.min(...tops));
    card.style.left = `${column * (width + gap)}px`; // not inline-start: a card may be dir="rtl"
    card.style.top = `${tops[column]}px`;
    tops[column] += heights[i] + gap;
  });
  list.style.height = `${Math.max(0, ...tops.map((top) => top - gap))}px`;
  return Math.min(...tops); // where the next card would go
}

/** The height `list` may take in its box (a `.fit` flex column): from its top to the
 * box's inner foot, less what is shown under it (the page line). */
function wallHeight(list) {
  const box = list.parentElement;
  const style = getComputedStyle(box);
  const gap = Number.parseFloat(style.rowGap) || 0;
  let foot = box.getBoundingClientRect().bottom - (Number.parseFloat(style.paddingBottom) || 0);
  for (let next = list.nextElementSibling; next; next = next.nextElementSibling) {
    if (!next.hidden) foot -= next.getBoundingClientRect().height + gap;
  }
  return foot - list.getBoundingClientRect().top;
}

/** The room, as a share of a wall's height, worth a card cut short rather than the card
 * whole on the next page. Under a third, the page is already two-thirds full or more
 * (no worse than the foot a page of whole cards leaves for a tall card), and a card cut
 * to a sliver would show its heading and an entry or two while the whole card, with all
 * it shows, comes a page later; over it, the page would be left mostly empty. */
const SHORTEN = 1 / 3;

/** A wall of cards that may be cut short (a glossary's terms, a checklist's questions):
 * `card(i, most)` makes item i's card showing at most `most` of its entries (Infinity:
 * as many as it shows in full) and "and N more" for the rest; `entries(i)` says how many
 * it has. draw(from, to) packs cards from..to into `list`, each whole if it fits; a card
 * that fits in no column is cut to the entries that fit in the column with most room
 * (its heading and at least one entry, or it is not placed and overflows, so that the
 * pager ends the page before it) when that room is at least SHORTEN of the wall's height,
 * or when the card is too tall for the screen even alone (then beside the cards before
 * it, and as the first of a page with its heading alone if need be). What each card shows
 * depends only on the cards before it on its page, so it is found once per size, wall
 * height (with or without the page line), first card and card; forget() after the items change. */
export function shortenedCards(box, list, card, entries) {
  let found = new Map();
  const remembered = (key, work) => {
    if (!found.has(key)) found.set(key, work());
    return found.get(key);
  };
  const draw = (from, limits, last = null) => packCards(fill(list,
    limits.map((most, k) => card(from + k, most)), last));
  function shown(from, i, limits, wall, height) {
    const fits = remembered(`${wall} ${from} ${i} whole`, () => {
      draw(from, limits, card(i, Infinity));
      return !overflows(box);
    });
    if (fits) return Infinity;
    const tooTall = remembered(`${wall} ${i} alone`, () => {
      packCards(fill(list, card(i, Infinity)));
      return overflows(box);
    });
    return remembered(`${wall} ${from} ${i}`, () => {
      const room = height - draw(from, limits);
      if (!tooTall && room < SHORTEN * height) return Infinity; // not placed
      const most = mostThatFit(box, entries(i), (_first, n) => draw(from, limits, card(i, n)));
      if (i === from) return most;
      return tooTall ? Math.max(1, most) : most || Infinity; // without an entry: not placed
    });
  }
  return {
    draw(from, to) {
      const height = Math.round(wallHeight(list));
      const wall = `${box.dataset.size} ${height}`; // what the cards are measured against
      const limits = [];
      for (let i = from; i < to; i += 1) limits.push(shown(from, i, limits, wall, height));
      draw(from, limits);
    },
    forget() { found = new Map(); },
  };
}

/** "11–20 of 65", or "4 of 8" for a page of one. */
export function range(from, to, total) {
  return to - from === 1 ? t("%(num)d of %(total)d", { num: to, total })
    : t("%(first)d–%(last)d of %(total)d", { first: from + 1, last: to, total });
}

/** A wall of texts (answers, proposals) in `box`, paged as above, newest first: a new
 * text glows as it arrives, on the first page, which the wall turns to. show(texts)
 * takes them newest first, [{id, text}], as the server sends answers. `noun` names them
 * on the page line. */
/** A wall's tally when the server sent only the newest: "the newest 40 on the wall". */
export const newestOnTheWall = (n) => tn("the newest %(num)d on the wall", "the newest %(num)d on the wall", n);

export function pagedWall(box, noun) {
  const wall = h("ul", { class: "wall cards" });
  const more = h("p", { class: "more" });
  box.classList.add("fit");
  box.append(wall, more);
  let texts = [];
  let known = null; // ids already shown: the others are new
  let fresh = new Set();
  const pages = pager(box, ["large", "medium", "small"], (from, to, total) => {
    packCards(fill(wall, texts.slice(from, to).map((t) => h("li", { class: fresh.has(t.id) ? "is-new" : "", dir: "auto" }, t.text))));
    setText(more, t("%(what)s %(range)s", { what: noun, range: range(from, to, total) }));
    more.hidden = to - from === total;
  });
  return {
    show(newestFirst) {
      texts = newestFirst;
      fresh = known === null ? new Set() : new Set(texts.filter((t) => !known.has(t.id)).map((t) => t.id));
      known = new Set(texts.map((t) => t.id));
      const arrival = texts.findIndex((t) => fresh.has(t.id));
      pages.show(texts.length, arrival < 0 ? {} : { item: arrival });
      fresh = new Set(); // they glow once, not again when the page turns
    },
  };
}
