"""The message catalogues (translations/): what the code marks, every message in Welsh,
and compiled from what is committed.

This is the extraction diff: extracting the messages again from the code (Python, Jinja
and the browser's JavaScript, as `make translations` does) must give exactly the
committed template, and every message in it must have its Welsh. So a change that adds
or changes a marked message fails here until `make translations` has been run and the
Welsh written (translations/README.md)."""
from workshop.catalogues import catalogue_files, problems


def test_the_catalogues_are_what_the_code_marks_and_every_message_has_its_welsh():
    assert problems() == []


def test_there_is_a_welsh_catalogue():
    assert "cy" in catalogue_files()
