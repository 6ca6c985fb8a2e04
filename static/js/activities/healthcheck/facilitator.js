// Partnership health check on the console: the spread, the groups, sentences to moderate.
import { h, fill } from "../../core/dom.js";
import { localised, number, t } from "../../core/i18n.js";
import { consoleFrame } from "../../core/frame.js";
import { rebuildWhenChanged } from "../../core/keyed.js";
import { moderationList } from "../../core/moderation.js";
import { answered } from "./shared.js";
import { spreadBar, legend, origins } from "./results.js";

function groupTable(results, words) {
  if (results.groups.length < 2) return null;
  return h("table", { class: "breakdown" },
    h("caption", {}, t("Average by organisation (groups under three people are counted as Other)")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Element")), results.groups.map((g) => h("th", { scope: "col" }, g)))),
    h("tbody", {}, results.elements.map((e) => h("tr", {}, h("th", { scope: "row" }, localised(e.name, words)),
      results.groups.map((g) => h("td", {}, e.by_group[g] === undefined ? "" : number(e.by_group[g])))))));
}

export function facilitator(root, { act }) {
  let view = null;
  let words = null;
  const chart = h("div", {});
  const sentencesHeading = h("h3", {}, t("Sentences"));
  const sentencesBox = h("div", {});
  // Each element's sentences, to hide or restore, in a list made once per set of elements.
  const sentences = rebuildWhenChanged(() => {
    const parts = view.results.elements.map((e) => {
      const list = h("ul", { class: "moderation" });
      return { heading: h("h4", {}, localised(e.name, words)), list, show: moderationList(list, act, { text: (c) => c.text }) };
    });
    fill(sentencesBox, parts.map((part) => [part.heading, part.list]));
    return parts;
  });
  const frame = consoleFrame(root, (body, { view: next, words: given }) => {
    view = next;
    words = given;
    // The counts, bars and tables hold no controls: they are drawn afresh.
    fill(chart, h("p", { class: "tally-small" }, answered(view.people)),
      legend(), view.results.elements.map((e) => spreadBar(e, words)), groupTable(view.results, words),
      origins(view.results, view.origin_choices));
    const elements = view.results.elements;
    sentencesHeading.hidden = !elements.some((e) => e.comments.length);
    sentences(elements.map((e) => e.name)).forEach((part, i) => {
      part.heading.hidden = part.list.hidden = !elements[i].comments.length;
      part.show(elements[i].comments);
    });
  });
  frame.body.append(chart, sentencesHeading, sentencesBox);
  return frame;
}
