"""The message catalogues (translations/): what the code marks, every message in Welsh,
and compiled from what is committed.

This is the extraction diff: extracting the messages again from the code (Python, Jinja
and the browser's JavaScript, as `make translations` does) must give exactly the
committed template, and every message in it must have its Welsh. So a change that adds
or changes a marked message fails here until `make translations` has been run and the
Welsh written (translations/README.md)."""
from workshop.catalogues import catalogue_files, po_text, problems, read


def test_the_catalogues_are_what_the_code_marks_and_every_message_has_its_welsh():
    assert problems() == []


def test_there_is_a_welsh_catalogue():
    assert "cy" in catalogue_files()


def test_a_checked_guess_keeps_no_trace_of_its_former_message(tmp_path):
    """A guess is written with the message it was made from ("#| msgid ..."); once the
    translator has checked it (no longer fuzzy), the next update keeps no trace of it."""
    path = tmp_path / "messages.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '#| msgid "Old words"\nmsgid "New words"\nmsgstr "Geiriau newydd"\n',
                    encoding="utf-8")
    kept = po_text(read(path, locale="cy")).decode()
    assert "Geiriau newydd" in kept
    assert "Old words" not in kept
