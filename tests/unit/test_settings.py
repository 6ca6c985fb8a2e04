"""Checking a facilitator's settings, and cleaning what people type."""
import pytest

import activities
from activities import question
from activities.actions import payload_value, validate_payload
from activities.base import Field, Rejected, clean_text, validate_config

FIELDS = [
    Field("prompt", "Question", required=True, max_length=20),
    Field("notes", "Notes", kind="textarea", max_length=50),
    Field("rounds", "Rounds", kind="number", default=3, minimum=1, maximum=10),
    Field("anonymous", "Anonymous", kind="bool", default=True),
    Field("layout", "Layout", kind="choice", default="wall", choices=("wall", "list")),
]


def settings(**raw):
    return validate_config(FIELDS, {"prompt": "Why?", **raw})


# ---------------------------------------------------------------------- defaults
def test_missing_settings_take_their_defaults():
    assert settings() == {"prompt": "Why?", "notes": "", "rounds": 3, "anonymous": True,
                          "layout": "wall"}


def test_the_open_questions_defaults():
    # configure() keeps a translation (prompt_cy) only when one is given.
    assert activities.configure(question, {"prompt": "What works?"}) == {
        "prompt": "What works?", "max_answers": 3, "hide_results": False, "review_first": False}
    assert activities.configure(question, {"prompt": "What works?", "prompt_cy": "Beth?"})[
        "prompt_cy"] == "Beth?"


@pytest.mark.parametrize("raw", [None, {}, {"prompt": ""}, {"prompt": "  \n "}])
def test_a_required_setting_must_be_filled_in(raw):
    with pytest.raises(Rejected, match="Question: please fill this in"):
        validate_config(FIELDS, raw)


@pytest.mark.parametrize("raw", [[], "prompt", 3, ["prompt", "Why?"]])
def test_settings_must_be_an_object(raw):
    with pytest.raises(Rejected, match="Settings must be an object"):
        validate_config(FIELDS, raw)


def test_an_unknown_setting_is_refused_by_name():
    with pytest.raises(Rejected, match="Unknown setting: colour, size"):
        settings(size=3, colour="red")


# ---------------------------------------------------------------------- numbers
@pytest.mark.parametrize("given, kept", [(1, 1), (10, 10), ("4", 4), (" 7 ", 7)])
def test_whole_numbers_within_bounds_are_accepted(given, kept):
    assert settings(rounds=given)["rounds"] == kept


@pytest.mark.parametrize("given", [0, 11, -1, "0", "-3", "11", 10**30])
def test_numbers_outside_the_bounds_are_refused_with_the_bounds(given):
    with pytest.raises(Rejected, match="Rounds: please give a number from 1 to 10"):
        settings(rounds=given)


@pytest.mark.parametrize("given", [True, False, 2.5, 3.0, None, "", "three", "--3", "3-",
                                   "2²", "1e3", "0x3", [3], {"n": 3}])
def test_anything_but_a_whole_number_is_refused_in_words(given):
    with pytest.raises(Rejected, match="Rounds: please give a whole number"):
        settings(rounds=given)


# ---------------------------------------------------------------------- text
@pytest.mark.parametrize("given", [3, True, ["Why?"], {"q": "Why?"}])
def test_text_settings_must_be_text(given):
    with pytest.raises(Rejected, match="Question: please give text"):
        validate_config(FIELDS, {"prompt": given})


def test_text_settings_have_a_length_limit_counted_after_cleaning():
    assert settings(prompt="  " + "q" * 20 + "  ")["prompt"] == "q" * 20
    with pytest.raises(Rejected, match="Question: please keep it to 20 characters"):
        settings(prompt="q" * 21)


def test_one_line_settings_lose_control_characters_and_line_breaks():
    assert settings(prompt="Why\x00 do\r\nwe\t\x1b wait?\x7f")["prompt"] == "Why do we wait?"


def test_textarea_settings_keep_line_breaks_but_lose_other_controls():
    assert settings(notes="Line one\r\nLine\x08 two\x00")["notes"] == "Line one\nLine two"


# ---------------------------------------------------------------------- bool and choice
@pytest.mark.parametrize("given", ["true", "yes", 1, 0, None])
def test_yes_or_no_settings_take_only_true_or_false(given):
    with pytest.raises(Rejected, match="Anonymous: please answer yes or no"):
        settings(anonymous=given)
    assert settings(anonymous=False)["anonymous"] is False


@pytest.mark.parametrize("given", ["grid", "", None, "WALL", ["wall"]])
def test_a_choice_must_be_one_on_offer(given):
    with pytest.raises(Rejected, match="Layout: please choose one of wall, list"):
        settings(layout=given)
    assert settings(layout="list")["layout"] == "list"


def test_a_field_of_an_unknown_kind_is_refused_rather_than_passed_through():
    with pytest.raises(Rejected, match="unknown kind"):
        validate_config([Field("colour", "Colour", kind="colour", default="red")], {})


def test_a_field_describes_itself_for_the_form_builder():
    described = FIELDS[2].describe()
    expected = {"name": "rounds", "label": "Rounds", "kind": "number", "default": 3,
                "required": False, "min": 1, "max": 10, "choices": [], "help": ""}
    assert {k: described.get(k) for k in expected} == expected
    assert FIELDS[4].describe()["choices"] == ["wall", "list"]


# ---------------------------------------------------------------------- cleaning text
@pytest.mark.parametrize("control", [chr(c) for c in (*range(0, 9), 11, 12, *range(13, 32),
                                                      127, 0x80, 0x85, 0x9b, 0x9f)])
def test_every_control_character_is_removed(control):
    assert clean_text(f"a{control}b") == "ab"
    assert clean_text(f"a{control}b", multiline=True) == "ab"


def test_lone_surrogates_are_removed_but_real_characters_are_kept():
    assert clean_text("caf\u00e9 \ud800ok \U0001F600") == "caf\u00e9 ok \U0001F600"


def test_one_line_text_collapses_runs_of_space():
    assert clean_text("  many   spaces\n\nand\tlines  ") == "many spaces and lines"


def test_multiline_text_keeps_its_lines_and_trims_the_ends():
    assert clean_text("\n  first\n\n  second  \n", multiline=True) == "first\n\n  second"


# ---------------------------------------------------------------------- payloads
ANSWER = Field("text", "Your answer", kind="textarea", required=True, max_length=10)


def test_a_payload_text_is_cleaned_and_refused_in_words():
    assert payload_value(ANSWER, " Hello\x00 ") == "Hello"
    with pytest.raises(Rejected, match="Your answer: please write some text"):
        payload_value(ANSWER, None)
    with pytest.raises(Rejected, match="Your answer: please write some text"):
        payload_value(ANSWER, ["Hello"])
    with pytest.raises(Rejected, match="Your answer: please write something first"):
        payload_value(ANSWER, " \x00")
    with pytest.raises(Rejected, match=r"keep it to 10 characters \(it has 11\)"):
        payload_value(ANSWER, "x" * 11)
    optional = Field("meaning", "What it means", kind="textarea", default="", max_length=10)
    assert payload_value(optional, "") == "" and payload_value(optional, None) == ""


def test_a_one_line_payload_text_loses_its_line_breaks_and_its_own_words_are_used():
    term = Field("term", "The term", required=True, max_length=20,
                 error="Give the term you use.")
    assert payload_value(term, "  Data\n  sharing\t ") == "Data sharing"
    for odd in (None, 3, "", " \n\t", "\x00\x1b"):
        with pytest.raises(Rejected, match="^Give the term you use.$"):
            payload_value(term, odd)
    with pytest.raises(Rejected, match="^The term: please keep it to 20 characters"):
        payload_value(term, "x" * 21)  # too long is said as such, never cut short


@pytest.mark.parametrize("value", [None, True, "3", 3.0, [3]])
def test_a_payload_number_is_a_whole_number_and_not_a_bool(value):
    ident = Field("id", "The id", kind="number", required=True)
    assert payload_value(ident, 3) == 3
    with pytest.raises(Rejected, match="The id is missing or not a number"):
        payload_value(ident, value)


def test_a_payload_key_is_refused_in_the_fields_own_words_however_it_is_wrong():
    option = Field("option", "The option", kind="key", required=True, max_length=12,
                   error="That option is not in this vote.")
    assert payload_value(option, "o12ab") == "o12ab"
    for odd in (None, 3, "", "o" * 13, ["o12ab"]):
        with pytest.raises(Rejected, match="^That option is not in this vote.$"):
            payload_value(option, odd)


def test_a_data_field_is_what_its_check_returns_and_one_with_no_check_is_refused():
    def pair(value):
        if not isinstance(value, list) or len(value) != 2:
            raise Rejected("Give two.")
        return value
    assert payload_value(Field("pair", "A pair", kind="data", check=pair), [1, 2]) == [1, 2]
    with pytest.raises(Rejected, match="Give two"):
        payload_value(Field("pair", "A pair", kind="data", required=True, check=pair), None)
    with pytest.raises(Rejected, match="nothing checks"):
        payload_value(Field("blob", "A blob", kind="data"), {"anything": 1})


def test_only_the_declared_fields_of_a_payload_are_kept():
    fields = [ANSWER, Field("id", "The id", kind="number")]
    assert validate_payload(fields, {"text": "Hi", "extra": "x" * 60_000, "id": None}) == \
        {"text": "Hi", "id": None}
    with pytest.raises(Rejected, match="must be an object"):
        validate_payload(fields, ["text", "Hi"])
