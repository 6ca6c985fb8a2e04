"""docs/api.md's action tables are the action tables: written from them, and checked."""
import activities
from activities.reference import DOC, rewrite, tables_in


def test_every_type_has_its_action_table_in_the_api_document():
    assert tables_in(DOC.read_text(encoding="utf-8")) == list(activities.TYPES)


def test_the_documented_action_tables_are_the_ones_the_server_uses():
    text = DOC.read_text(encoding="utf-8")
    assert rewrite(text) == text, \
        "docs/api.md's action tables are out of date: run .venv/bin/python -m activities.reference"


def test_a_changed_action_shows_in_the_table(monkeypatch):
    question = activities.TYPES["question"]
    monkeypatch.setattr(question, "actions", {**question.actions,
                                              "wave": question.actions["withdraw"]})
    text = DOC.read_text(encoding="utf-8")
    assert rewrite(text) != text and "| `wave` | participant |" in rewrite(text)
