"""What a person at the back of the room would object to on the presenter screen, found
from the geometry of what the browser drew (presenter_geometry.js measures it):

- two pieces of text on top of each other;
- text cut off by the edge of its box or of the screen (what does not fit must be left
  out and counted in words, "and 12 more" or "1–16 of 65", never cut);
- anything of the activity under the footer (timer, people connected) or the join corner;
- letters too small: contribution text at least 28 px on a 1920x1080 screen (24 px in the
  dense journey grid), every other label at least 22 px, in proportion on smaller screens.

Each check answers a list of problems in words, empty when there are none.
"""
import re
from pathlib import Path

SCRIPT = (Path(__file__).parent / "presenter_geometry.js").read_text()
SLACK = 1.5  # px: rounding of boxes in the layout


def measure(page, contribution=None):
    """The page's text and boxes. `contribution` is a CSS selector for the participants'
    own words (answers, notes, names), which have the larger minimum size."""
    return page.evaluate(SCRIPT, {"contribution": contribution})


def scale(report):
    """The screen's size relative to 1920x1080, by the side that limits it."""
    return min(report["width"] / 1920, report["height"] / 1080)


def _meet(a, b, slack=SLACK):
    """How far two boxes overlap across and down (negative: apart)."""
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) - slack,
            min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) - slack)


def _label(text):
    return f"{text['what']} “{text['text']}”"


def overlaps(report):
    """Lines of two different elements on top of each other. Lines of text may touch
    where line spacing is tight, so they overlap only past a third of a line's height."""
    lines = [(t, line) for t in report["texts"] for line in t["lines"]]
    found = []
    for i, (a, box_a) in enumerate(lines):
        for b, box_b in lines[i + 1:]:
            if a["id"] == b["id"]:
                continue
            across, down = _meet(box_a, box_b)
            least = min(box_a["bottom"] - box_a["top"], box_b["bottom"] - box_b["top"])
            if across > 0 and down > least / 3:
                found.append(f"{_label(a)} overlaps {_label(b)}")
    return sorted(set(found))


def clipped(report):
    """Text running past the screen's edge or the edge of a box that hides overflow."""
    screen = {"left": 0, "top": 0, "right": report["width"], "bottom": report["height"],
              "what": "the screen"}
    found = []
    for text in report["texts"]:
        for line in text["lines"]:
            for box in [screen, *text["clips"]]:
                if (line["left"] < box["left"] - SLACK or line["right"] > box["right"] + SLACK
                        or line["top"] < box["top"] - SLACK
                        or line["bottom"] > box["bottom"] + SLACK):
                    found.append(f"{_label(text)} is cut off by {box['what']}")
    return sorted(set(found))


def covered(report):
    """The activity's text or painted things under the footer or the join corner."""
    found = []
    things = [(_label(t), line) for t in report["texts"] if t["in_stage"] for line in t["lines"]]
    things += [(p["what"], p) for p in report["painted"]]
    for cover in (report["footer"], report["corner"]):
        if cover is None:
            continue
        for what, box in things:
            across, down = _meet(box, cover)
            if across > 0 and down > 0:
                found.append(f"{what} is under {cover['what']}")
    return sorted(set(found))


def too_small(report, contribution_px=28, label_px=22):
    """Letters smaller than the minimum for their kind, at this screen's scale."""
    factor = scale(report)
    found = []
    for text in report["texts"]:
        least = (contribution_px if text["contribution"] else label_px) * factor
        if text["size"] < least - 0.25:
            found.append(f"{_label(text)} is {text['size']:.1f} px, under {least:.1f} px")
    return sorted(set(found))


def contribution_sizes(report):
    return [t["size"] for t in report["texts"] if t["contribution"]]


def problems(report, contribution_px=28):
    return overlaps(report) + clipped(report) + covered(report) + too_small(
        report, contribution_px)


def page_in(text):
    """What a page line such as "11–20 of 65", or "4 of 8" for a page of one, says is
    shown: (first, last, total)."""
    found = re.search(r"(\d+)(?:–(\d+))? of (\d+)", text.replace(",", ""))
    assert found, f"“{text}” does not say which page it is"
    first, last, total = found.groups()
    return int(first), int(last or first), int(total)


def number_in(text, pattern):
    """The number a phrase such as "and 12 more" or "1–16 of 65" holds, as ints."""
    found = re.search(pattern, text.replace(",", ""))
    assert found, f"“{text}” does not say {pattern}"
    return tuple(int(n) for n in found.groups())


# Pages turn by themselves, so what a check reads is read at one moment, in one call.
SNAPSHOT = """(spec) => {
  const seen = (el) => el.checkVisibility();
  const texts = (root, selector) => [...root.querySelectorAll(selector)].filter(seen)
    .map((el) => el.textContent.trim());
  const out = {};
  for (const [name, selector] of Object.entries(spec)) {
    if (typeof selector === "string") { out[name] = texts(document, selector); continue; }
    const [outer, parts] = selector; // each visible `outer`, with the texts of its parts
    out[name] = [...document.querySelectorAll(outer)].filter(seen).map((el) =>
      Object.fromEntries(Object.entries(parts).map(([key, inner]) => [key, texts(el, inner)])));
  }
  return out;
}"""


def snapshot(page, **spec):
    """{name: [texts of the visible matches]} for selectors; for (outer, {part: selector}),
    [{part: [texts]}] for each visible outer element. All read at one moment."""
    return page.evaluate(SNAPSHOT, spec)


def more_in(texts, pattern=r"and (\d+) more"):
    """The number an "and N more" line says, or 0 when there is none."""
    return number_in(texts[0], pattern)[0] if texts else 0
