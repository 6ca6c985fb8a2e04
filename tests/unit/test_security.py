"""Join codes people can read off a screen, and secrets stored only as digests."""
import re

import pytest

from workshop import security

LOOK_ALIKES = "0O1IL"


def test_the_code_alphabet_has_no_look_alike_characters():
    assert not set(LOOK_ALIKES) & set(security.CODE_ALPHABET)
    assert re.fullmatch(r"[A-Z2-9]+", security.CODE_ALPHABET)
    assert len(set(security.CODE_ALPHABET)) == len(security.CODE_ALPHABET) == 31


def test_join_codes_are_six_readable_characters_and_vary():
    codes = {security.new_join_code() for _ in range(300)}
    assert len(codes) > 250
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(security.CODE_ALPHABET)


@pytest.mark.parametrize("typed", ["K7P3XQ", "k7p3xq", "K7p3Xq", "k7p 3xq", "k7p-3xq",
                                   " k7-p3 xq ", "K-7-P-3-X-Q"])
def test_a_typed_code_is_read_whatever_the_case_spaces_or_dashes(typed):
    assert security.normalise_code(typed) == "K7P3XQ"


@pytest.mark.parametrize("typed", ["", "K7P3X", "K7P3XQ2", "K0P3XQ", "KOP3XQ", "K1P3XQ",
                                   "KIP3XQ", "KLP3XQ", "klp3xq", "K7P3X!", "K7P3X_",
                                   "K7P3\nXQ", None, 123456, ["K7P3XQ"]])
def test_what_cannot_be_a_code_is_not_read_as_one(typed):
    assert security.normalise_code(typed) is None


def test_every_new_code_survives_being_typed_in_lower_case():
    for _ in range(50):
        code = security.new_join_code()
        assert security.normalise_code(code.lower()) == code


def test_secrets_are_long_url_safe_and_unique():
    secrets = {security.new_secret() for _ in range(100)}
    assert len(secrets) == 100
    for secret in secrets:
        assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", secret)


def test_a_digest_is_stable_and_does_not_contain_the_secret():
    secret = security.new_secret()
    digest = security.digest(secret)
    assert digest == security.digest(secret)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert secret not in digest
    assert security.digest(security.new_secret()) != digest


def test_only_the_right_secret_matches_its_digest():
    secret = security.new_secret()
    stored = security.digest(secret)
    assert security.matches(secret, stored)
    assert not security.matches(secret + "x", stored)
    assert not security.matches(security.new_secret(), stored)
    assert not security.matches("", stored)
    assert not security.matches(None, stored)
    assert not security.matches(stored, stored)  # the digest itself is not a key
