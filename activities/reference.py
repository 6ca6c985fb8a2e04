"""docs/api.md's action tables, written from the action tables themselves, so that the
document says what the server does: who may send each action, each payload field with
its limits, an example reply and what the action does.

    .venv/bin/python -m activities.reference    # rewrites the tables in docs/api.md

Each table sits between `<!-- actions: <type> -->` and `<!-- end actions -->`; a unit
test (tests/unit/test_reference.py) fails when the committed document differs.
"""
import json
import re
import sys
from pathlib import Path

from . import TYPES

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
BLOCK = re.compile(r"(<!-- actions: (\w+) -->\n).*?(<!-- end actions -->)", re.S)


def field_text(f):
    """One payload field, in words."""
    optional = "" if f.required else ", optional"
    if f.kind in ("text", "textarea"):
        size = f"1 to {f.max_length}" if f.required else f"up to {f.max_length}"
        what = "text on one line" if f.kind == "text" else "text"
        return f"{what}, {size} characters{optional}"
    if f.kind == "number":
        bounds = f" from {f.minimum} to {f.maximum}" if f.minimum is not None else ""
        return f"a whole number{bounds}" + (f", {f.help}" if f.help else "") + optional
    if f.kind == "choice":
        return "one of " + ", ".join(f"`{c}`" for c in f.choices) + \
            (f", {f.help}" if f.help else "") + optional
    if f.kind == "bool":
        return f"`true` or `false`{optional}"
    example = f", e.g. `{json.dumps(f.example, ensure_ascii=False)}`" \
        if f.example is not None else ""
    return f"{f.help or 'text'}{example}{optional}"  # a key (a name), or data


def action_table(module):
    """The type's actions as a Markdown table, in the order the module declares them."""
    rows = ["| Action | Who | Payload | Reply | |", "| --- | --- | --- | --- | --- |"]
    for name, action in module.actions.items():
        who = ", ".join(role for role in ("participant", "facilitator") if role in action.roles)
        payload = "; ".join(f"`{f.name}`: {field_text(f)}" for f in action.fields) or "none"
        reply = f"`{json.dumps(action.reply, ensure_ascii=False)}`"
        rows.append(f"| `{name}` | {who} | {payload} | {reply} | {action.doc} |")
    return "\n".join(rows) + "\n"


def rewrite(text):
    """`text` (docs/api.md) with every action table made afresh."""
    def table(match):
        return match.group(1) + action_table(TYPES[match.group(2)]) + match.group(3)
    return BLOCK.sub(table, text)


def tables_in(text):
    """The types whose action table the document has."""
    return [match.group(2) for match in BLOCK.finditer(text)]


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC
    path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Wrote the action tables of {', '.join(tables_in(path.read_text()))} in {path}")
