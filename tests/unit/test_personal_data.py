"""Text that looks like personal data, found by the server's one module: the table of
examples the phone's check is held to as well, and the rules behind it."""
import re

import pytest

from activities import personal_data
from activities.personal_data import KINDS, find, nhs_check_digit, served
from tests.personal_data_examples import FOUND, NOT_FOUND


@pytest.mark.parametrize(("text", "kinds"), FOUND, ids=[t for t, _ in FOUND])
def test_what_looks_like_personal_data_is_found(text, kinds):
    assert find(text) == kinds


@pytest.mark.parametrize("text", NOT_FOUND)
def test_what_a_workshop_says_every_day_is_not_flagged(text):
    assert find(text) == ()


def test_the_table_finds_every_kind_and_each_alone():
    alone = {kinds[0] for _text, kinds in FOUND if len(kinds) == 1}
    assert alone == set(KINDS)


def test_several_texts_are_read_together_and_none_is_no_text():
    assert find("Call me", "on 07700 900123") == ("phone",)
    assert find() == () and find(None, "") == ()


def test_the_nhs_check_digit_is_modulus_11():
    assert nhs_check_digit("9434765919")
    assert not nhs_check_digit("9434765918")  # one digit off
    assert not nhs_check_digit("1234567890")  # the remainder gives 10: never issued
    assert not nhs_check_digit("0000000000")  # equal digits pass the sum, never issued
    assert not nhs_check_digit("943476591")  # nine digits
    # 4x10 + 2x2 = 44, a remainder of 0: the check is 11, written as 0
    assert nhs_check_digit("4000000020")
    assert not nhs_check_digit("4000000021")


def test_a_number_with_a_wrong_check_digit_is_not_an_nhs_number():
    assert find("943 476 5919") == ("nhs",)
    assert find("943 476 5918") == ()


def test_the_patterns_are_served_to_the_phone_as_the_server_reads_them():
    sent = served()
    assert [k["kind"] for k in sent] == list(KINDS)
    for kind in sent:
        pattern, check = KINDS[kind["kind"]]
        assert (kind["pattern"], kind["check"]) == (pattern, check)
        assert check is None or check in personal_data.CHECKS


def test_the_patterns_use_only_what_a_phones_browser_reads_alike():
    """No lookbehind (older phones' browsers refuse the whole pattern), no named groups,
    no \\d, \\s, \\w or \\b (Python reads them as Unicode, a browser as ASCII)."""
    for pattern, _check in KINDS.values():
        assert "(?<" not in pattern and "(?P" not in pattern
        assert not re.search(r"\\[dswbDSWB]", pattern), pattern
