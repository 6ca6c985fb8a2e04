"""Every word a person reads goes through the catalogue: a static check of the pages
(templates/) and of the refusals and messages the Python code gives (workshop/,
activities/), beside the catalogue test, which can only see words that are marked.

Pages: the text between tags and the words of the attributes a person meets (aria-label,
title, alt, placeholder, the value of an input button) must come from a translation call:
`{{ _() }}` or `{% trans %}`. What is left once Jinja's own parts are taken out may hold no letters:
only punctuation, numbers, symbols (`·`, `→`) and the product's name, Roundtable, which is
not translated (docs/welsh-glossary.md). Letters there are a word nobody can translate.

Python: a refusal (`Rejected(...)`, `abort(..., description=...)`, `description=` or
`error=` given to anything) and the `"error"` of a reply dict must not be a string
written in the code (a literal, an f-string, one joined or formatted from them), nor a
name the module binds to one; nor may such a string go to a function of ours that raises
its parameter as the refusal (`_need(state, phase, "Voting has not started yet.")`). A
marked word (`_l()`, `lazy_ngettext()`, `_()`...) is a call, so it passes. The JavaScript
has a check of its own.
"""
import ast
import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOWN_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}
NOT_WORDS = "Roundtable"  # the product's name: the same in every language
# Jinja's parts: a {% trans %} block, the blocks that fill in a tag's attributes (a
# page's body_class and data, a {% set %} of attributes), comments, expressions, tags.
JINJA = re.compile(r"{%-?\s*trans\b.*?endtrans\s*-?%}"
                   r"|{%\s*block (?:body_class|data)\s*%}.*?{%\s*endblock\s*%}"
                   r"|{%\s*set \w+\s*%}.*?{%\s*endset\s*%}"
                   r"|{#.*?#}|{{.*?}}|{%.*?%}", re.S)


def _has_words(text):
    return any(ch.isalpha() for ch in text.replace(NOT_WORDS, ""))


class _PageWords(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        attrs = dict(attrs)
        shown = SHOWN_ATTRIBUTES | ({"value"} if tag == "input" and attrs.get("type") in (
            "submit", "button", "reset") else set())
        for name in sorted(shown & attrs.keys()):
            if _has_words(attrs[name] or ""):
                self.found.append(f'{tag} {name}="{attrs[name]}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and _has_words(data):
            self.found.append(" ".join(data.split()))


def unmarked_in_page(source):
    """The words of a Jinja page that no translation call gives."""
    parser = _PageWords()
    parser.feed(JINJA.sub(" ", source))
    parser.close()
    return parser.found


def _is_written_string(node, strings):
    """Whether `node` is text written in the code: a literal, an f-string, one joined
    or %-formatted or .format()ed from them, or a name bound to one (`strings`)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_written_string(node.left, strings) or _is_written_string(node.right, strings)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _is_written_string(node.func.value, strings)
    return isinstance(node, ast.Name) and node.id in strings


def _name(call):
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None)


def relays(tree):
    """{function name: position of the parameter it raises as a Rejected refusal}."""
    found = {}
    for f in ast.walk(tree):
        if isinstance(f, ast.FunctionDef):
            params = [a.arg for a in f.args.args]
            for node in ast.walk(f):
                if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                        and _name(node.exc) == "Rejected" and node.exc.args
                        and isinstance(node.exc.args[0], ast.Name)
                        and node.exc.args[0].id in params):
                    found[f.name] = params.index(node.exc.args[0].id)
    return found


def unmarked_in_python(source, relayed=None):
    """(line, code) of each refusal or message in `source` written as a bare string."""
    tree = ast.parse(source)
    relayed = {**relays(tree), **(relayed or {})}
    strings = {target.id for node in tree.body if isinstance(node, ast.Assign)
               for target in node.targets if isinstance(target, ast.Name)
               and _is_written_string(node.value, set())}
    found = []
    for node in ast.walk(tree):
        said = []
        if isinstance(node, ast.Call):
            name = _name(node)
            if name == "Rejected" and node.args:
                said.append(node.args[0])
            if name in relayed and len(node.args) > relayed[name]:
                said.append(node.args[relayed[name]])
            said += [k.value for k in node.keywords if k.arg in ("description", "error")]
        elif isinstance(node, ast.Dict):
            said += [value for key, value in zip(node.keys, node.values)
                     if isinstance(key, ast.Constant) and key.value == "error"]
        found += [(n.lineno, ast.unparse(n)) for n in said if _is_written_string(n, strings)]
    return found


def python_files():
    return sorted([*ROOT.glob("workshop/**/*.py"), *ROOT.glob("activities/*.py")])


def test_every_word_of_every_page_is_marked():
    found = {page.name: unmarked_in_page(page.read_text(encoding="utf-8"))
             for page in sorted((ROOT / "templates").glob("*.html"))}
    assert {page: words for page, words in found.items() if words} == {}


def test_every_refusal_and_message_in_the_python_code_is_marked():
    relayed = {}
    for path in python_files():
        relayed.update(relays(ast.parse(path.read_text(encoding="utf-8"))))
    found = {str(path.relative_to(ROOT)): unmarked_in_python(path.read_text(encoding="utf-8"),
                                                             relayed)
             for path in python_files()}
    assert {path: lines for path, lines in found.items() if lines} == {}


# The checker itself, on small samples: it finds what is planted and passes what is marked.
def test_the_page_check_finds_unmarked_text_and_attributes():
    page = """{% extends "base.html" %}{% block title %}{{ title }}: Roundtable{% endblock %}
    <h1>Hello</h1><p>{{ _("Marked") }} · 3 → 4</p>
    <button aria-label="Close" value="x1">{{ _("Shut") }}</button>
    <input type="submit" value="Send"><input name="code" value="{{ code }}">
    <img alt="{{ _('A picture') }}" title="A picture"><p>{% trans %}Long words{% endtrans %}</p>
    <input placeholder="e.g. a title"><style>p { content: "words" }</style>{# a note #}"""
    assert unmarked_in_page(page) == ["Hello", 'button aria-label="Close"',
                                      'input value="Send"', 'img title="A picture"',
                                      'input placeholder="e.g. a title"']


def test_the_python_check_finds_refusals_written_as_bare_strings():
    source = '''
GONE = "That is gone."
KEPT = _l("That is kept.")
def _need(state, phase, message):
    if state.phase != phase:
        raise Rejected(message)
def act(state, n):
    _need(state, "voting", "Voting has not started yet.")
    _need(state, "voting", _l("Voting has not started yet."))
    raise Rejected(f"Choose a step from 1 to {n}.")
    raise Rejected(GONE)
    raise Rejected(KEPT)
    raise Rejected(_l("Choose a step from 1 to %(n)d.", n=n))
    abort(400, description="Choose a language.")
    return {"ok": False, "error": "No such thing: " + str(n)}
    return {"ok": False, "error": _("No such thing.")}
    raise Rejected("%s is wrong." % n)
    log.warning("closed a connection that sent %s", n)
'''
    assert [line for line, _code in unmarked_in_python(source)] == [8, 10, 11, 14, 15, 17]
