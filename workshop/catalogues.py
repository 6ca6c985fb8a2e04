"""The message catalogues: extracted from the code, merged into each language's
catalogue, compiled for gettext. One catalogue serves the server and the browser.

    .venv/bin/python -m workshop.catalogues     # what `make translations` runs

extracts every marked message (babel.cfg says where to look; KEYWORDS what marks one)
into translations/messages.pot, brings each translations/<language>/LC_MESSAGES/
messages.po up to date with it (new messages untranslated, changed ones marked fuzzy,
removed ones dropped) and compiles messages.mo beside it. A file is written only when
what it holds changes, so running it twice changes nothing. `problems()` is what the
catalogue test (and so `make check` and CI) asks: whether the committed catalogues are
what the code marks, complete and compiled.
"""
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"

# What marks a message, besides gettext's own names (_, gettext, ngettext): Python's lazy
# forms for what is made before anyone asks (settings' labels, refusals), words kept as
# written and translated where shown (i18n.gettext_noop), and the browser's t() and tn()
# (static/js/core/i18n.js).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "gettext_noop": None, "t": None, "tn": (1, 2)}
COMMENT_TAGS = ("i18n:",)  # `# i18n: ...` or `// i18n: ...` above a message: for translators


def extract():
    """A catalogue of every marked message in the code, with the files it is in."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    catalog = Catalog(project="Roundtable", version="", copyright_holder="Roundtable",
                      msgid_bugs_address="", charset="utf-8", fuzzy=False,
                      header_comment="# Every message Roundtable says, as the code marks it. "
                                     "Made by `make translations`:\n# never edit it by hand; "
                                     "translate in translations/<language>/LC_MESSAGES/.")
    for path, line, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, KEYWORDS, COMMENT_TAGS, strip_comment_tags=True):
        catalog.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return catalog


def catalogue_files():
    """{language: its messages.po} for every language that has a catalogue."""
    return {p.parent.parent.name: p for p in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))}


def read(path, locale=None):
    """A catalogue as Babel reads it, less the lines that kept a fuzzy guess's former
    message ("#| msgid ..."): Babel reads them back as translator comments, which every
    update would then carry along under messages long since checked."""
    with open(path, "rb") as file:
        catalog = read_po(file, locale=locale)
    for message in catalog:
        message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]
    return catalog


def po_text(catalog, template=False):
    """A catalogue as it is kept: sorted, paths without line numbers (so a message does
    not change when code moves), lines unwrapped."""
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, include_lineno=False,
             ignore_obsolete=True, omit_header=False, include_previous=not template)
    return out.getvalue()


def _messages(text):
    """A catalogue's text without its header, whose dates change on every run."""
    return text.split(b'\n\n', 1)[1] if b'\n\n' in text else text


def mo_bytes(catalog):
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _write_if_changed(path, text, compare=_messages):
    if path.exists() and compare(path.read_bytes()) == compare(text):
        return False
    path.write_bytes(text)
    return True


def update():
    """Extract, merge into every language's catalogue, compile. Returns what changed."""
    template = extract()
    changed = []
    if _write_if_changed(TEMPLATE, po_text(template, template=True)):
        changed.append(TEMPLATE)
    for language, path in catalogue_files().items():
        catalog = read(path, locale=language)
        catalog.update(template, update_header_comment=False)
        if _write_if_changed(path, po_text(catalog)):
            changed.append(path)
        mo = path.with_suffix(".mo")
        if _write_if_changed(mo, mo_bytes(read(path, locale=language)), compare=bytes):
            changed.append(mo)
    return changed


def problems():
    """What is wrong with the committed catalogues, in words: messages marked in the code
    but not in the template (or the other way round), messages a language lacks or has
    only as a fuzzy guess, and compiled files that are not what their catalogue gives."""
    found = []
    if _messages(po_text(extract(), template=True)) != _messages(TEMPLATE.read_bytes()):
        found.append("translations/messages.pot is not what the code marks: "
                     "run `make translations`")
    template = read(TEMPLATE)
    wanted = {m.id for m in template if m.id}
    for language, path in catalogue_files().items():
        catalog = read(path, locale=language)
        have = {m.id for m in catalog if m.id}
        for missing in sorted(map(str, wanted - have)):
            found.append(f"{language}: not in the catalogue: {missing}")
        for message in catalog:
            if not message.id or message.id not in wanted:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append(f"{language}: a guess to check (fuzzy): {message.id}")
            elif not all(strings):
                found.append(f"{language}: not translated: {message.id}")
        if path.with_suffix(".mo").read_bytes() != mo_bytes(catalog):
            found.append(f"{language}: messages.mo is not compiled from messages.po: "
                         "run `make translations`")
    return found


if __name__ == "__main__":
    for path in update():
        print(f"wrote {path.relative_to(ROOT)}")
    left = problems()
    print("\n".join(left) if left else "Every catalogue is complete.")
    sys.exit(1 if left and "--strict" in sys.argv else 0)
