"""The word cloud's words: counted once per contribution, English and Welsh stop words
left out, words said once left out, the most said first, as people write them; and the
facilitator's `display` command, which puts an activity's items on the screen as a cloud."""
import pytest

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Rejected
from activities.words import LIMIT, cloud, words_of
from tests.unit.helpers import FAC


def words(result):
    return [(w["word"], w["count"]) for w in result["words"]]


def test_each_contribution_counts_a_word_once():
    said = cloud(["Trust trust TRUST", "trust and data", "data"])
    assert words(said) == [("data", 2), ("trust", 2)]
    assert said["items"] == 3 and said["more"] == 0


def test_words_said_once_are_left_out():
    assert words(cloud(["Consent unclear", "Consent forms", "Budgets"])) == [("consent", 2)]
    assert cloud(["Only once"])["words"] == []


def test_english_and_welsh_stop_words_are_left_out():
    english = ["The data is with the council and the police", "Data that they have"]
    assert words(cloud(english)) == [("data", 2)]
    welsh = ["Mae’r data gyda’r cyngor", "Mae data yn y system ac yn y cyngor"]
    assert words(cloud(welsh)) == [("cyngor", 2), ("data", 2)]
    assert words_of("Dydyn ni ddim yn gwybod pwy sy’n gyfrifol") == [
        ("Dydyn", True), ("gwybod", False), ("gyfrifol", False)]


def test_numbers_single_letters_and_possessives_are_not_words():
    assert words_of("In 2019 a partner's 3 records, i.e. 40%") == [
        ("partner", False), ("records", False)]


def test_the_most_said_first_then_alphabetically():
    texts = ["apples bananas cherries", "bananas cherries", "cherries apples", "cherries"]
    assert words(cloud(texts)) == [("cherries", 4), ("apples", 2), ("bananas", 2)]


def test_a_word_is_shown_as_it_is_written_inside_a_sentence():
    said = cloud(["GDPR is used to say no", "We blame gdpr", "GDPR again", "Wales and Wales",
                  "Across Wales", "Nobody knows", "nobody asks"])
    assert words(said) == [("GDPR", 3), ("nobody", 2), ("Wales", 2)]


def test_at_most_the_limit_with_the_rest_counted():
    names = [f"word{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(LIMIT + 5)]
    said = cloud([f"{name} common" for name in names] * 2)
    assert len(said["words"]) == LIMIT and said["more"] == 6  # 86 words said twice or more
    assert said["words"][0] == {"word": "common", "count": 2 * (LIMIT + 5)}


def test_a_plural_said_beside_its_singular_is_one_word():
    said = cloud(["Partners disagree", "one partner", "the families", "a family", "Family",
                  "processes", "a process", "boxes", "box"])
    assert words(said) == [("family", 3), ("box", 2), ("partner", 2), ("process", 2)]


def test_a_word_is_never_taken_for_a_plural_on_its_own():
    said = cloud(["The news", "news again", "always late", "always"])
    assert words(said) == [("always", 2), ("news", 2)]


def test_letters_typed_differently_are_one_word():
    typed = "dw\u0302r gla\u0302n"  # ŵ and â typed as a letter and a combining mark
    assert words_of(typed) == words_of("d\u0175r gl\u00e2n") == [("dŵr", True), ("glân", False)]
    assert words(cloud(["sy’n dda", "sy'n dda"])) == [("dda", 2)]


# ---------------------------------------------------------------------- on the screen
@pytest.fixture
def answered(session):
    question = session.add_question()
    session.control("start")
    people = [session.join() for _ in range(3)]
    for person, text in zip(people, ["Consent is unclear", "Consent forms differ",
                                     "Nobody owns the consent"]):
        session.answer(person, question, text)
    session.question = question
    return session


def test_the_screen_shows_the_answers_as_a_cloud_once_the_facilitator_says_so(answered):
    assert "cloud" not in answered.view(PRESENTER)["activity"]
    assert answered.view(PRESENTER)["activity"]["display"] is None
    reply = answered.control("display", activity_id=answered.question, **{"as": "cloud"})
    assert reply == {"activity_id": answered.question, "display": {"as": "cloud", "group": None}}
    shown = answered.view(PRESENTER)["activity"]
    assert shown["display"] == {"as": "cloud", "group": None}
    assert shown["cloud"] == {"words": [{"word": "consent", "count": 3}], "more": 0, "items": 3}
    assert "cloud" not in answered.view(PARTICIPANT)["activity"]  # phones keep their own view
    answered.control("display", **{"as": "standard"})
    assert "cloud" not in answered.view(PRESENTER)["activity"]


def test_a_hidden_activitys_cloud_reaches_the_console_only(answered):
    answered.control("display", **{"as": "cloud"})
    answered.control("hide_results")
    assert "cloud" not in answered.view(PRESENTER)["activity"]
    assert answered.view(FACILITATOR)["activity"]["cloud"]["words"][0]["word"] == "consent"


def test_a_cloud_of_one_group_of_a_journeys_notes(session):
    journey = session.control("add_activity", type="journey",
                              config={"prompt": "The journey"})["activity"]["id"]
    session.control("start")
    view = session.view(FACILITATOR)["activity"]
    assert view["cloud_groups"] == []  # no notes yet
    lanes = {lane["name"]: lane["id"] for lane in view["view"]["lanes"]}
    people = [session.join() for _ in range(2)]
    for person in people:
        session.act(person, journey, "add_note", stage=0, lane=lanes["Barriers"],
                    text="Consent is unclear")
        session.act(person, journey, "add_note", stage=0, lane=lanes["What happens"],
                    text="The school calls")
    assert session.view(FACILITATOR)["activity"]["cloud_groups"] == ["Barriers", "What happens"]
    session.control("display", **{"as": "cloud", "group": "Barriers"})
    assert [w["word"] for w in session.view(PRESENTER)["activity"]["cloud"]["words"]] == \
        ["consent", "unclear"]


def test_what_the_facilitator_hides_leaves_the_cloud(answered):
    answered.control("display", **{"as": "cloud"})
    answer = answered.view(FACILITATOR)["activity"]["view"]["answers"][0]["id"]
    answered.act(FAC, answered.question, "hide", id=answer)
    assert answered.view(PRESENTER)["activity"]["cloud"]["words"] == [
        {"word": "consent", "count": 2}]


@pytest.mark.parametrize(("args", "refusal"), [
    ({"as": "pie chart"}, "Show it as a word cloud, or as it is"),
    ({"as": "cloud", "group": 3}, "Name the group of items"),
    ({"as": "cloud", "group": ""}, "Name the group of items"),
])
def test_the_display_command_is_refused_in_words(answered, args, refusal):
    with pytest.raises(Rejected, match=refusal):
        answered.control("display", **args)


def test_an_activity_with_nothing_to_count_has_no_cloud(session):
    session.control("add_activity", type="healthcheck", config={})
    session.control("start")
    with pytest.raises(Rejected, match="nothing to show as a word cloud"):
        session.control("display", **{"as": "cloud"})
    assert "cloud_groups" not in session.view(FACILITATOR)["activity"]
