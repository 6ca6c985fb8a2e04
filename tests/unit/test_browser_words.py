"""No English words reach a page from the browser's code except through the catalogue.

The catalogue test sees only the words the code marks (t(), tn()); a word written into
a page as a bare string literal would stay English on a Welsh phone and never be
noticed. This scans static/js for string and template literals with words in them (two
letters or more, outside any ${...}) in the places that put text on a page:

- the children of h(tag, attrs, ...children) (and svg()), and what named(), notice(),
  setLine() and confirm() show;
- what is given to setText(element, text), textContent, innerText, title, ariaLabel,
  placeholder, alt;
- the values of the attributes people see or hear: "aria-label", title, placeholder,
  alt, in h()'s attributes or setAttribute().

A literal inside another call among those (t("…"), localised(…), x.join(" · ")) is that
call's business, not the page's, and is left alone; what the scan cannot see (words kept
in a constant and put on the page later) is for reviewers and the browser test
(tests/e2e/test_welsh_phone.py), which looks at the page itself. Hand-written rather than
a JavaScript parser: the project has no Node tool chain, and these few shapes are all
the code uses."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "static" / "js"

PUTS_TEXT = {"h": 2, "svg": 2, "setText": 1, "setLine": 1, "notice": 1, "named": 0,
             "confirm": 0}  # calls whose arguments from this one on reach the page
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "ariaLabel")
PROPERTIES = ("textContent", "innerText", "title", "ariaLabel", "placeholder", "alt")
WORDS = re.compile(r"[A-Za-z]{2,}")
TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<template>`)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<regex_or_punct>[^\s\w])
""", re.S | re.X)


def tokens(source, base=0):
    """(kind, text, offset) of the code's tokens, comments left out. A template literal
    is one token: its text outside ${...}; what is inside ${...} is scanned as code too,
    as tokens of its own (offsets from `base`). Regular expression literals are not told
    from division: the code's regexes have no quotes in them that matter here."""
    out, at = [], 0
    while at < len(source):
        if source[at].isspace():
            at += 1
            continue
        match = TOKEN.match(source, at)
        if not match:
            at += 1
            continue
        kind = match.lastgroup
        if kind == "template":
            text, inner, at = _template(source, at + 1)
            out.append(("template", text, base + match.start()))
            for start, code in inner:
                out.extend(tokens(code, base + start))
            continue
        if kind != "comment":
            out.append((kind, match.group(), base + match.start()))
        at = match.end()
    return out


def _template(source, at):
    """A template literal from just after its backquote: (its text outside ${...}, the
    code inside each ${...} with where it starts, where it ends)."""
    text, inner = [], []
    while at < len(source):
        c = source[at]
        if c == "\\":
            text.append(source[at:at + 2])
            at += 2
        elif c == "`":
            return "".join(text), inner, at + 1
        elif source.startswith("${", at):
            depth, start = 1, at + 2
            at = start
            while at < len(source) and depth:
                if source[at] == "`":  # a template inside: skip it whole
                    _t, _i, at = _template(source, at + 1)
                    continue
                depth += {"{": 1, "}": -1}.get(source[at], 0)
                at += 1
            inner.append((start, source[start:at - 1]))
        else:
            text.append(c)
            at += 1
    return "".join(text), inner, at


def _closing(toks, i):
    """The index of the bracket closing the one at toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j][1] in "([{":
            depth += 1
        elif toks[j][1] in ")]}":
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def _arguments(toks, open_at):
    """The top-level arguments of the call whose "(" is toks[open_at]: [(start, end)]."""
    close = _closing(toks, open_at)
    parts, start, j = [], open_at + 1, open_at + 1
    while j < close:
        if toks[j][1] in "([{":
            j = _closing(toks, j) + 1
            continue
        if toks[j][1] == ",":
            parts.append((start, j))
            start = j + 1
        j += 1
    if start < close:
        parts.append((start, close))
    return parts


def _literals(toks, start, end):
    """Literals with words in toks[start:end], that the expression itself shows: not
    those inside another call's parentheses (theirs to say), nor an object's keys, nor
    what a value is compared with (x === "open")."""
    found, j = [], start
    while j < end:
        kind, text, _ = toks[j]
        if text == "(" and j > start and toks[j - 1][0] == "name":
            j = _closing(toks, j) + 1  # a call: its arguments are its own
            continue
        words = text[1:-1] if kind == "string" else text
        if kind in ("string", "template") and WORDS.search(words):
            key = j + 1 < end and toks[j + 1][1] == ":" and toks[j - 1][1] in "{,"
            compared = ((toks[j - 1][1] == "=" and toks[j - 2][1] in "=!")
                        or (j + 1 < end and toks[j + 1][1] in "=!"))
            if not (key or compared):
                found.append(j)
        j += 1
    return found


def _value(toks, j):
    """(start, end) of the expression starting at toks[j], to the next top-level , ; ) }."""
    start = j
    while j < len(toks) and toks[j][1] not in ",;)}":
        j = _closing(toks, j) + 1 if toks[j][1] in "([{" else j + 1
    return start, j


def unmarked(source):
    """[(line, literal)] for each literal in `source` that reaches the page unmarked."""
    toks, found = tokens(source), set()
    for i, (kind, text, _) in enumerate(toks):
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        declared = i > 0 and toks[i - 1][1] == "function"
        if kind == "name" and nxt == "(" and text in PUTS_TEXT and not declared:
            for n, (a, b) in enumerate(_arguments(toks, i + 1)):
                if n >= PUTS_TEXT[text]:
                    found.update(_literals(toks, a, b))
        elif kind == "name" and text == "setAttribute" and nxt == "(":
            args = _arguments(toks, i + 1)
            if len(args) == 2 and toks[args[0][0]][1].strip("\"'") in ATTRIBUTES:
                found.update(_literals(toks, *args[1]))
        elif (kind in ("name", "string") and text.strip("\"'") in ATTRIBUTES and nxt == ":"
              and toks[i - 1][1] in "{,"):
            found.update(_literals(toks, *_value(toks, i + 2)))
        elif (kind == "name" and text in PROPERTIES and toks[i - 1][1] == "." and nxt == "="
              and toks[i + 2][1] != "="):
            found.update(_literals(toks, *_value(toks, i + 2)))
    return sorted((source.count("\n", 0, toks[j][2]) + 1, toks[j][1]) for j in found)


def test_no_words_reach_a_page_from_the_browser_code_outside_the_catalogue():
    found = [f"{path.relative_to(ROOT)}:{line}: {text}"
             for path in sorted(CODE.rglob("*.js"))
             for line, text in unmarked(path.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


MARKS = re.compile(r"(?<![\w$.])(t|tn)\(")


def hidden_in_templates(source):
    """[(line, code)] for each ${...} of a template literal that marks a message: the
    extraction (Babel's JavaScript reader) does not look inside template literals, so such
    a message would never reach the catalogue and would stay English."""
    found, at = [], 0
    while (at := source.find("`", at)) >= 0:
        before = source[:at]
        if before.count("//", before.rfind("\n") + 1) or before.count('"') % 2:
            at += 1  # a backquote in a comment or a string (rough, but enough here)
            continue
        _text, inner, end = _template(source, at + 1)
        found += [(source.count("\n", 0, start) + 1, code) for start, code in inner
                  if MARKS.search(code)]
        at = end
    return found


def test_no_message_is_marked_inside_a_template_literal():
    found = [f"{path.relative_to(ROOT)}:{line}: ${{{code}}}"
             for path in sorted(CODE.rglob("*.js"))
             for line, code in hidden_in_templates(path.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


def test_the_template_check_finds_a_marked_message_inside_one():
    assert hidden_in_templates('x.textContent = `${n} ${t("Send anyway?")}`;\nconst y = `${a}`;') \
        == [(1, 't("Send anyway?")')]
    assert hidden_in_templates('const s = `${count(n)} · ${list.join(", ")}`;') == []


PLANTED = """
import { t } from "../core/i18n.js";
const a = h("p", { class: "tally wide" }, "Hidden until revealed");
const b = h("p", {}, t("Send"), h("span", {}, `${n} answers`));
tally.textContent = count + (revealed ? "" : " · hidden until the facilitator reveals them");
setText(heading, `${stage.name} (${n})`);
setText(other, "Nothing yet");
const c = h("button", { type: "button", "aria-label": "Remove this note", title: t("Fine") });
el.setAttribute("aria-label", `Move ${name} up`);
el.title = "A title";
const d = h("li", {}, named("Delete", text));
"""


def test_the_scan_finds_each_kind_of_unmarked_word_and_passes_marked_ones():
    assert unmarked(PLANTED) == [
        (3, '"Hidden until revealed"'),
        (4, " answers"),
        (5, '" · hidden until the facilitator reveals them"'),
        (7, '"Nothing yet"'),
        (8, '"Remove this note"'),
        (9, "Move  up"),
        (10, '"A title"'),
        (11, '"Delete"'),
    ]
    marked = PLANTED.replace('"Hidden until revealed"', 't("Hidden until revealed")')
    assert (3, '"Hidden until revealed"') not in unmarked(marked)
    assert unmarked("""h("p", {}, `${a} · ${b}`, t("Sent"), x.join(" and "));""") == []
