// Shared language on the projector: the term groups, growing live.
//
// Volume: each term shows its three meanings with the most +1s and "and N more
// meanings"; the terms, in the glossary's order, at the largest size that holds them
// all, else in pages that turn by themselves ("Terms 7–12 of 16"), each page as many
// cards as fit (shortenedCards: each card into the column with most room; a term that
// fits in no column while one has a third of the wall free shows the meanings that fit
// there and "and N more meanings"). The server sends the
// sixty terms with most definitions (view.terms says how many there are), each with its
// top three meanings and how many it has (group.meanings).
import { h, setLine, setText } from "../../core/dom.js";
import { t, tn } from "../../core/i18n.js";
import { presenterFrame } from "../../core/frame.js";
import { pager, range, shortenedCards } from "../../core/fit.js";
import { STATUS, definitionsOf } from "./shared.js";

const MEANINGS = 3; // per term on the screen: the ones most people recognise

function groupCard(group, most = Infinity) {
  const shown = group.definitions.slice(0, Math.min(MEANINGS, most)); // the server sorts them by +1s
  const rest = (group.meanings ?? group.definitions.length) - shown.length;
  return h("li", { class: `term-group status-${group.status}` },
    h("p", { class: "term", dir: "auto" }, group.terms.join(" = "),
      group.status !== "open" ? h("span", { class: "term-status" }, STATUS[group.status]) : null),
    h("ul", { class: "definitions" }, shown.map((d) => h("li", { dir: "auto" },
      group.terms.length > 1 ? h("strong", {}, `${d.term}: `) : null, d.meaning, " ",
      h("span", { class: "who" }, [d.organisation, d.plus ? `+${d.plus}` : ""].filter(Boolean).join(" · "))))),
    rest ? h("p", { class: "term-more" }, tn("and %(num)d more meaning", "and %(num)d more meanings", rest)) : null);
}

export function presenter(root) {
  const list = h("ul", { class: "glossary glossary-big cards" });
  const more = h("p", { class: "more" });
  const box = h("div", { class: "fit glossary-box" }, list, more);
  let groups = [];
  const cards = shortenedCards(box, list, (i, most) => groupCard(groups[i], most),
    (i) => Math.min(MEANINGS, groups[i].definitions.length));
  const pages = pager(box, ["large", "small"], (from, to, total) => {
    setText(more, t("Terms %(range)s", { range: range(from, to, total) }));
    // First, as the cards are measured with it. At the smallest size the line keeps its
    // place when all cards are shown, so that a page is packed alike however many follow.
    more.hidden = to - from === total && box.dataset.size !== "small";
    more.style.visibility = to - from === total ? "hidden" : "";
    cards.draw(from, to);
  });
  return presenterFrame(root, box, ({ view, revealed }, tally) => {
    cards.forget();
    groups = revealed ? view.groups || [] : [];
    const terms = view.terms ?? groups.length;
    setLine(tally, !revealed ? [tn("%(num)d definition", "%(num)d definitions", view.count),
      t("hidden until the facilitator reveals them")]
      : [definitionsOf(view.count, terms), groups.length < terms && tn("the %(num)d most defined on the screen",
        "the %(num)d most defined on the screen", groups.length)]);
    pages.show(groups.length);
  });
}
