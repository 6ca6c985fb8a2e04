"""docs/security.md names, for each protection, the tests that check it: every test it
names must exist, so the table stays true when tests are renamed or removed."""
import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION = "### Each protection and the tests that check it"
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def table():
    """The section's table: [(protection, [(file, test), ...])]."""
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert SECTION in text, f"docs/security.md has no section '{SECTION}'"
    lines = text.split(SECTION, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i, line in enumerate(lines[start:], start) if not line.startswith("|")),
               len(lines))
    rows = lines[start + 2:end]  # after the header and its rule
    return [(row.split("|")[1].strip(), NAMED.findall(row)) for row in rows]


@functools.cache
def functions_in(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_protection_names_a_test_and_every_named_test_exists():
    rows = table()
    assert len(rows) >= 20, rows
    missing = []
    for protection, named in rows:
        assert named, f"'{protection}' names no test"
        for path, test in named:
            if not (ROOT / path).is_file():
                missing.append(f"{path} (for '{protection}')")
            elif test not in functions_in(path):
                missing.append(f"{path}::{test} (for '{protection}')")
    assert not missing, "docs/security.md names tests that do not exist:\n" + "\n".join(missing)
