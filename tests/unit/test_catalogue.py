"""The message catalogues (translations/): complete, and compiled from what is committed."""
from workshop.catalogues import catalogue_files, mo_bytes, read


def test_every_catalogue_is_translated_and_compiled():
    for language, path in catalogue_files().items():
        catalog = read(path, locale=language)
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"{language}: not translated: {message.id}"
            assert not message.fuzzy, f"{language}: a guess to check (fuzzy): {message.id}"
        assert path.with_suffix(".mo").read_bytes() == mo_bytes(catalog), \
            f"{language}: messages.mo is not compiled from messages.po: run `make translations`"


def test_there_is_a_welsh_catalogue():
    assert "cy" in catalogue_files()
