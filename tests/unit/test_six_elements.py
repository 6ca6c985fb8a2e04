"""The six elements of a good information-sharing partnership, type by type.

The health check (ratings 1 to 5, sentences, how the partnership came about, the spread
of ratings and averages by organisation, folded so nobody is singled out), shared
language (terms, +1s, the facilitator's links and marks), the partner map (names, places,
merging), and options added to a vote that is already set up. Then through the engine on
a SQLite file: the ready-made partnership agenda, and each type's state rebuilt the same
by a restarted engine."""
import copy
import json

import pytest

from activities import dotvote, glossary, healthcheck, partnermap
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Actor, Context,
                             Rejected, name_key, validate_config)
from tests.unit.helpers import handle, open_engine
from workshop import controls

FAC = Actor(FACILITATOR)


def person(number, organisation=None):
    return Actor(PARTICIPANT, participant_id=900 + number, number=number,
                 organisation=organisation)


ANN = person(1, "Council")
BEN = person(2, "Council")
CAT = person(3, "Council")
DAN = person(4, "Police")
EVE = person(5, "Police")
FAY = person(6, None)
GUS = person(7, "Police")
HAL = person(8, "Police")

ELEMENT_NAMES = ["Communication", "Shared language", "Partners", "Decision making",
                 "Creativity", "Environment"]


def settings(module, **raw):
    """An activity's settings as the console sends them, checked as the engine does."""
    config = validate_config(module.config_fields, raw)
    check = getattr(module, "check_config", None)
    return check(config) if check else config


class Run:
    """One activity's state driven by hand, each action numbered as the engine would."""

    def __init__(self, module, **raw):
        self.module = module
        self.config = settings(module, **raw)
        self.state = module.initial_state(self.config)
        self.seq = 100

    def do(self, actor, action, **payload):
        self.seq += 1
        return handle(self.module, self.state, action, payload,
                      Context(actor, self.seq, 1_700_000_000.0 + self.seq))

    def refused(self, actor, action, **payload):
        """The action is refused in words, and nothing changed."""
        before = copy.deepcopy(self.state)
        with pytest.raises(Rejected) as refusal:
            self.do(actor, action, **payload)
        assert self.state == before, f"a refused {action} changed the state"
        return str(refusal.value)

    def view(self, role, revealed=True):
        return self.module.public_view(self.state, role, revealed)

    def mine(self, actor):
        return self.module.own_view(self.state, actor.participant_id)


def as_text(value):
    return json.dumps(value, ensure_ascii=False)


# ====================================================================== health check
@pytest.fixture
def check():
    return Run(healthcheck)


def results(run, role=PRESENTER):
    return run.view(role)["results"]


def element(run, name, role=PRESENTER):
    """One element's results as a screen of this role has them."""
    [found] = [e for e in results(run, role)["elements"] if e["name"] == name]
    return found


def spread(*counts):
    """The spread as a screen has it: how many chose 1, 2, 3, 4 and 5."""
    return {str(score): n for score, n in zip((1, 2, 3, 4, 5), counts)}


def test_the_default_check_asks_about_the_six_elements_and_hides_results():
    run = Run(healthcheck)
    assert run.config["hide_results"] is True
    phone = run.view(PARTICIPANT, revealed=False)
    assert [e["name"] for e in phone["elements"]] == ELEMENT_NAMES
    assert all(e["meaning"] for e in phone["elements"])
    assert phone["prompt"] == "How healthy is our partnership?"
    assert phone["ask_origin"] is True
    assert set(phone["origin_choices"]) == {"reactive", "proactive", "both"}
    # Hidden until the reveal: the phones and the screen get no results at all.
    assert "results" not in phone
    assert "results" not in run.view(PRESENTER, revealed=False)
    assert "results" in run.view(FACILITATOR, revealed=False)


def test_each_score_from_one_to_five_is_taken(check):
    for score in (1, 2, 3, 4, 5):
        assert check.do(ANN, "rate", element=2, score=score) == {"element": 2, "score": score}
        assert check.mine(ANN)["scores"] == {"2": score}
        assert element(check, "Partners")["spread"] == {
            str(s): int(s == score) for s in (1, 2, 3, 4, 5)}


@pytest.mark.parametrize("score", [0, 6, -1, 2.5, "3", True, False, [3], {"score": 3}])
def test_a_score_outside_one_to_five_is_refused(check, score):
    assert check.refused(ANN, "rate", element=0, score=score) == \
        "Rate from 1 (poor) to 5 (strong)."
    assert check.mine(ANN)["scores"] == {}


@pytest.mark.parametrize("action,payload", [("rate", {"score": 3}), ("comment", {"text": "Hi"})])
@pytest.mark.parametrize("where", [6, -1, "0", True, None, 1.0, [0]])
def test_a_rating_or_sentence_is_for_one_of_the_elements(check, action, payload, where):
    assert check.refused(ANN, action, element=where, **payload) == "Choose one of the elements."
    assert check.refused(ANN, action, **payload) == "Choose one of the elements."


def test_a_rating_can_be_changed_and_cleared(check):
    check.do(ANN, "rate", element=0, score=2)
    check.do(ANN, "rate", element=0, score=4)
    assert check.mine(ANN)["scores"] == {"0": 4}
    communication = element(check, "Communication")
    assert (communication["count"], communication["mean"]) == (1, 4.0)
    assert communication["spread"] == spread(0, 0, 0, 1, 0)

    check.do(ANN, "rate", element=0, score=None)
    assert check.mine(ANN)["scores"] == {}
    communication = element(check, "Communication")
    assert (communication["count"], communication["mean"]) == (0, None)
    assert communication["spread"] == spread(0, 0, 0, 0, 0)
    assert check.view(PRESENTER)["people"] == 0
    # Clearing what was never given is no harm.
    check.do(ANN, "rate", element=1, score=None)
    assert check.mine(ANN)["scores"] == {}


def test_a_split_room_shows_its_ones_and_fives_not_only_the_average(check):
    for actor in (ANN, BEN):
        check.do(actor, "rate", element=0, score=1)
    for actor in (CAT, DAN):
        check.do(actor, "rate", element=0, score=5)
    for actor in (ANN, BEN, CAT, DAN):
        check.do(actor, "rate", element=1, score=3)
    split, agreed = element(check, "Communication"), element(check, "Shared language")
    assert split["mean"] == agreed["mean"] == 3.0
    assert split["spread"] == spread(2, 0, 0, 0, 2)
    assert agreed["spread"] == spread(0, 0, 4, 0, 0)
    [table] = [b for b in healthcheck.report(check.state)
               if b["kind"] == "table" and b["columns"][1:7] == ["1", "2", "3", "4", "5",
                                                                 "Average"]]
    assert table["rows"][0] == ["Communication", 2, 0, 0, 0, 2, 3.0]
    assert table["rows"][1] == ["Shared language", 0, 0, 4, 0, 0, 3.0]
    assert table["rows"][2] == ["Partners", 0, 0, 0, 0, 0, ""]


def test_averages_by_organisation_put_groups_under_three_into_other(check):
    # Three from the Council; two from the Police and one who gave none: "Other".
    for actor, score in ((ANN, 4), (BEN, 4), (CAT, 5), (DAN, 1), (EVE, 2), (FAY, 3)):
        check.do(actor, "rate", element=0, score=score)
    shown = results(check)
    assert shown["groups"] == ["Council", OTHER]
    assert element(check, "Communication")["by_group"] == {"Council": 4.33, OTHER: 2.0}
    assert "Police" not in as_text(check.view(PRESENTER))
    assert "Police" not in as_text(check.view(FACILITATOR))
    [by_organisation] = [b for b in healthcheck.report(check.state)
                         if b.get("caption", "").startswith("Average by organisation")]
    assert by_organisation["columns"] == ["Element", "Council", OTHER]
    assert by_organisation["rows"][0] == ["Communication", 4.33, 2.0]
    assert {row["organisation"] for row in healthcheck.export_rows(check.state)} == \
        {"Council", OTHER}


def test_a_lone_person_in_other_takes_the_smallest_organisation_with_them(check):
    # Council 3, Police 4, and one person with no organisation: "Other" would be one
    # person, so the smallest named group joins it.
    for actor in (ANN, BEN, CAT):
        check.do(actor, "rate", element=0, score=5)
    for actor in (DAN, EVE, GUS, HAL):
        check.do(actor, "rate", element=0, score=2)
    check.do(FAY, "rate", element=0, score=1)
    assert results(check)["groups"] == ["Police", OTHER]
    assert element(check, "Communication")["by_group"] == {"Police": 2.0, OTHER: 4.0}


def test_one_group_only_has_no_table_by_organisation(check):
    for actor in (ANN, DAN):
        check.do(actor, "rate", element=0, score=3)
    assert results(check)["groups"] == [OTHER]
    assert not [b for b in healthcheck.report(check.state)
                if b.get("caption", "").startswith("Average by organisation")]


def test_one_sentence_per_element_of_up_to_200_characters(check):
    check.do(ANN, "rate", element=1, score=2)
    check.do(ANN, "comment", element=1, text="  We say agreement,\u0000 they say contract ")
    assert check.mine(ANN)["comments"] == {"1": "We say agreement, they say contract"}
    first_id = element(check, "Shared language", FACILITATOR)["comments"][0]["id"]
    # A second sentence on the same element replaces the first.
    check.do(ANN, "comment", element=1, text="x" * 200)
    assert element(check, "Shared language")["comments"] == ["x" * 200]
    [kept] = element(check, "Shared language", FACILITATOR)["comments"]
    assert kept["id"] == first_id
    message = check.refused(ANN, "comment", element=1, text="y" * 201)
    assert "200 characters" in message and "201" in message
    assert check.refused(ANN, "comment", element=1, text=7) == \
        "Your sentence: please write some text."
    # An empty sentence takes it away.
    check.do(ANN, "comment", element=1, text="   ")
    assert check.mine(ANN)["comments"] == {}
    assert element(check, "Shared language")["comments"] == []


def test_a_sentence_without_a_rating_still_reaches_the_console_and_the_report(check):
    check.do(DAN, "comment", element=0, text="We never meet")
    assert check.mine(DAN) == {"scores": {}, "comments": {"0": "We never meet"},
                               "waiting": [], "origin": None}
    console = element(check, "Communication", FACILITATOR)
    assert [c["text"] for c in console["comments"]] == ["We never meet"]
    assert element(check, "Communication")["comments"] == ["We never meet"]
    assert {"kind": "list", "items": ["We never meet"]} in healthcheck.report(check.state)
    assert [r["sentence"] for r in healthcheck.export_rows(check.state)
            if r["element"] == "Communication"] == ["We never meet"]


def test_a_hidden_sentence_leaves_every_view_but_the_console(check):
    check.do(ANN, "rate", element=1, score=2)
    check.do(ANN, "comment", element=1, text="The police never answer")
    check.do(BEN, "rate", element=1, score=4)
    check.do(BEN, "comment", element=1, text="Meetings are useful")
    [rude] = [c["id"] for c in element(check, "Shared language", FACILITATOR)["comments"]
              if c["text"] == "The police never answer"]
    assert check.do(FAC, "hide", id=rude) == {"id": rude}

    assert element(check, "Shared language")["comments"] == ["Meetings are useful"]
    assert "results" not in check.view(PARTICIPANT)  # a phone shows its own answers only
    for role in (PRESENTER, PARTICIPANT):
        assert "The police never answer" not in as_text(check.view(role))
    console = element(check, "Shared language", FACILITATOR)["comments"]
    assert [(c["text"], c["hidden"]) for c in console] == [
        ("The police never answer", True), ("Meetings are useful", False)]
    assert check.mine(ANN)["comments"] == {}
    assert check.mine(ANN)["scores"] == {"1": 2}  # the rating stays
    assert "The police never answer" not in as_text(healthcheck.report(check.state))
    assert "The police never answer" not in as_text(healthcheck.export_rows(check.state))
    assert "The police never answer" not in as_text(healthcheck.summary(check.state))
    # Its author cannot put it back in other words; other elements are theirs to fill.
    assert "hidden your sentence" in check.refused(ANN, "comment", element=1, text="Again")
    check.do(ANN, "comment", element=2, text="The right people are here")
    assert check.mine(ANN)["comments"] == {"2": "The right people are here"}

    check.do(FAC, "restore", id=rude)
    assert element(check, "Shared language")["comments"] == [
        "The police never answer", "Meetings are useful"]
    assert check.mine(ANN)["comments"]["1"] == "The police never answer"


@pytest.mark.parametrize("wrong, words", [
    (999, "That sentence is no longer there."),
    (None, "The id is missing or not a number."),
    (True, "The id is missing or not a number."),
    ("1", "The id is missing or not a number.")])
def test_only_a_sentence_that_is_there_can_be_hidden(check, wrong, words):
    check.do(ANN, "comment", element=0, text="Fine")
    assert check.refused(FAC, "hide", id=wrong) == words


def test_how_the_partnership_came_about_is_asked_when_the_settings_say_so(check):
    assert check.do(ANN, "origin", origin="reactive") == {"origin": "reactive"}
    check.do(BEN, "origin", origin="proactive")
    check.do(CAT, "origin", origin="both")
    check.do(DAN, "origin", origin="reactive")
    assert results(check)["origins"] == {"reactive": 2, "proactive": 1, "both": 1}
    assert check.view(PRESENTER)["people"] == 4  # an origin alone is an answer
    for wrong in ("Reactive", "", ["reactive"], {"origin": "both"}, True, 1):
        assert check.refused(ANN, "origin", origin=wrong) == \
            "Choose reactive, proactive or both."
    check.do(ANN, "origin", origin=None)
    assert check.mine(ANN)["origin"] is None
    assert results(check)["origins"] == {"reactive": 1, "proactive": 1, "both": 1}
    [origins] = [b for b in healthcheck.report(check.state)
                 if b.get("caption") == "How the partnership came about"]
    assert origins["rows"] == [[healthcheck.ORIGINS["reactive"], 1],
                               [healthcheck.ORIGINS["proactive"], 1],
                               [healthcheck.ORIGINS["both"], 1]]


def test_a_check_that_does_not_ask_the_origin_refuses_it():
    run = Run(healthcheck, ask_origin=False)
    assert run.refused(ANN, "origin", origin="reactive") == \
        "This health check does not ask that."
    view = run.view(PRESENTER)
    assert (view["ask_origin"], view["origin_choices"], view["results"]["origins"]) == \
        (False, {}, None)
    run.do(ANN, "rate", element=0, score=3)
    assert not [b for b in healthcheck.report(run.state)
                if b.get("caption") == "How the partnership came about"]


def test_the_export_has_a_row_per_person_and_element_under_an_anonymous_number(check):
    check.do(ANN, "rate", element=0, score=5)
    check.do(ANN, "comment", element=0, text="Good chair")
    check.do(ANN, "origin", origin="proactive")
    check.do(DAN, "rate", element=5, score=1)
    rows = healthcheck.export_rows(check.state)
    assert len(rows) == 2 * 6
    assert rows[0] == {"response": 1, "organisation": OTHER, "element": "Communication",
                       "rating": 5, "sentence": "Good chair", "origin": "proactive"}
    assert rows[6 + 5] == {"response": 2, "organisation": OTHER, "element": "Environment",
                           "rating": 1, "sentence": "", "origin": ""}
    assert rows[6]["rating"] == ""
    assert "900" not in as_text(rows)  # no participant ids


# ---------------------------------------------------------------------- elements setting
def test_elements_are_read_from_name_colon_meaning_lines():
    text = ("  Trust :  We   believe each other \n\n\n Data quality: Records are right: "
            "mostly\nTiming\n")
    run = Run(healthcheck, elements=text)
    assert run.config["elements"] == ("Trust: We believe each other\n"
                                      "Data quality: Records are right: mostly\nTiming")
    assert run.view(PARTICIPANT)["elements"] == [
        {"name": "Trust", "meaning": "We believe each other"},
        {"name": "Data quality", "meaning": "Records are right: mostly"},
        {"name": "Timing", "meaning": ""}]
    run.do(ANN, "rate", element=2, score=4)
    assert element(run, "Timing")["mean"] == 4.0
    assert run.refused(ANN, "rate", element=3, score=4) == "Choose one of the elements."


def test_the_longest_names_and_meanings_and_twelve_elements_are_accepted():
    longest = f"{'N' * 60}: {'m' * 300}"
    assert Run(healthcheck, elements=longest).state.elements == [("N" * 60, "m" * 300)]
    twelve = "\n".join(f"Element {n}" for n in range(12))
    assert len(Run(healthcheck, elements=twelve).state.elements) == 12


@pytest.mark.parametrize("text,words", [
    (": no name", "a name of up to 60 characters"),
    (f"{'N' * 61}: too long a name", "a name of up to 60 characters"),
    (f"Trust: {'m' * 301}", "keep what 'Trust' means to 300 characters"),
    ("Trust: one\nTRUST: two", "'TRUST' is there twice"),
    ("\n   \n", "give from 1 to 12"),
    ("\n".join(f"Element {n}" for n in range(13)), "give from 1 to 12"),
    ("x" * 3001, "3000 characters"),
])
def test_elements_out_of_bounds_are_refused_in_words(text, words):
    with pytest.raises(Rejected, match="^Elements") as refusal:
        settings(healthcheck, elements=text)
    assert words in str(refusal.value)


# ====================================================================== shared language
@pytest.fixture
def words():
    return Run(glossary)


def define(run, actor, term, meaning):
    return run.do(actor, "define", term=term, meaning=meaning)["id"]


def groups(run, role=PRESENTER):
    """The glossary as a screen shows it: (terms, status, meanings) per group."""
    return [(" = ".join(g["terms"]), g["status"], [d["meaning"] for d in g["definitions"]])
            for g in run.view(role).get("groups", [])]


def group_of(run, term, role=PRESENTER):
    [found] = [g for g in run.view(role)["groups"]
               if name_key(term) in {name_key(t) for t in g["terms"]}]
    return found


def test_definitions_are_grouped_by_term_whatever_its_case_and_sorted(words):
    define(words, ANN, "Consent", "The person said yes")
    define(words, BEN, "information sharing agreement", "What we share and why")
    define(words, DAN, "  CONSENT ", "The lawful basis we rely on")
    define(words, FAC, "Data controller", "Who decides what happens to the data")
    define(words, EVE, "access request", "Someone asks for their records")
    assert groups(words) == [
        ("access request", "open", ["Someone asks for their records"]),
        ("Consent", "open", ["The person said yes", "The lawful basis we rely on"]),
        ("Data controller", "open", ["Who decides what happens to the data"]),
        ("information sharing agreement", "open", ["What we share and why"]),
    ]
    assert words.view(PRESENTER)["count"] == 5
    consent = group_of(words, "consent")
    assert [d["term"] for d in consent["definitions"]] == ["Consent", "CONSENT"]
    # The facilitator's own definition carries no organisation.
    assert group_of(words, "Data controller")["definitions"][0]["organisation"] == ""


def test_terms_and_meanings_are_cleaned_and_kept_to_their_limits(words):
    define(words, ANN, " Data\u0000  protection\n impact ", "  A check\u0007 before sharing ")
    assert groups(words) == [("Data protection impact", "open", ["A check before sharing"])]
    define(words, ANN, "t" * 80, "m" * 280)
    assert words.refused(ANN, "define", term="t" * 81, meaning="ok") == \
        "The term: please keep it to 80 characters (it has 81)."
    message = words.refused(ANN, "define", term="Term", meaning="m" * 281)
    assert "280 characters" in message and "281" in message
    for empty in ("", "   ", None, 5):
        assert words.refused(ANN, "define", term=empty, meaning="x") == "Give the term you use."
    assert words.refused(ANN, "define", term="Term", meaning=" ") == \
        "What it means: please write something first."


def test_one_person_adds_up_to_ten_definitions(words):
    for n in range(glossary.ENTRIES_PER_PERSON):
        define(words, ANN, f"Term {n}", "Meaning")
    assert "10 terms" in words.refused(ANN, "define", term="One more", meaning="Meaning")
    define(words, BEN, "One more", "Someone else's")
    define(words, FAC, "And another", "Typed in for the room")
    assert words.view(FACILITATOR)["count"] == 12


def test_people_change_and_withdraw_their_own_definitions_only(words):
    mine = define(words, ANN, "Consent", "Yes")
    theirs = define(words, BEN, "Agreement", "A signed paper")
    facilitators = define(words, FAC, "Contract", "Binding")
    words.do(ANN, "edit", id=mine, term="Explicit consent", meaning="Yes, in writing")
    assert words.mine(ANN)["entries"] == [{"id": mine, "term": "Explicit consent",
                                           "meaning": "Yes, in writing", "waiting": False}]
    for target in (theirs, facilitators):
        assert words.refused(ANN, "edit", id=target, term="Mine", meaning="Now") == \
            "You can only change your own definitions."
        assert words.refused(ANN, "withdraw", id=target) == \
            "You can only change your own definitions."
    assert words.refused(ANN, "edit", id=mine, term="Fine", meaning="") == \
        "What it means: please write something first."
    words.do(ANN, "withdraw", id=mine)
    assert words.mine(ANN)["entries"] == []
    assert [t for t, _s, _m in groups(words)] == ["Agreement", "Contract"]
    assert words.refused(ANN, "withdraw", id=mine) == "That definition is no longer there."
    assert words.refused(ANN, "withdraw") == "The id is missing or not a number."


def test_a_definition_takes_one_plus_one_from_each_other_person(words):
    first = define(words, ANN, "Consent", "The person said yes")
    second = define(words, BEN, "Consent", "The lawful basis")
    by_facilitator = define(words, FAC, "Controller", "Decides")
    assert words.do(CAT, "plus_one", id=second) == {"id": second, "plus": 1}
    words.do(DAN, "plus_one", id=second)
    words.do(CAT, "plus_one", id=by_facilitator)
    assert words.refused(CAT, "plus_one", id=second) == \
        "You have already given that definition a +1."
    assert words.refused(ANN, "plus_one", id=first) == \
        "That is your own definition: +1 other people's."
    assert sorted(words.mine(CAT)["plus"]) == sorted([second, by_facilitator])
    # Most +1s first within the term.
    consent = group_of(words, "Consent")
    assert [(d["meaning"], d["plus"]) for d in consent["definitions"]] == [
        ("The lawful basis", 2), ("The person said yes", 0)]


def test_the_facilitator_links_terms_that_mean_the_same(words):
    define(words, ANN, "Information sharing agreement", "What we share and why")
    define(words, DAN, "Information sharing contract", "The signed paper about sharing")
    define(words, BEN, "Consent", "The person said yes")
    reply = words.do(FAC, "link", term="information sharing AGREEMENT",
                     same_as="Information sharing contract")
    assert reply == {"term": "information sharing agreement",
                     "same_as": "information sharing contract"}
    assert groups(words) == [
        ("Consent", "open", ["The person said yes"]),
        ("Information sharing agreement = Information sharing contract", "open",
         ["What we share and why", "The signed paper about sharing"]),
    ]
    assert words.refused(FAC, "link", term="Information sharing contract",
                         same_as="Information sharing agreement") == \
        "Those terms are already linked."
    for term, same_as in (("Consent", "Permission"), ("Nothing", "Consent"),
                          ("Consent", None), (["Consent"], "Consent")):
        assert words.refused(FAC, "link", term=term, same_as=same_as) == \
            "Choose a term from the glossary."


def test_links_chain_and_unlinking_a_term_takes_only_that_term_out(words):
    for actor, term in ((ANN, "Agreement"), (BEN, "Contract"), (CAT, "Protocol"),
                        (DAN, "Memorandum"), (EVE, "Consent")):
        define(words, actor, term, f"What {term} means")
    words.do(FAC, "link", term="Agreement", same_as="Contract")
    words.do(FAC, "link", term="Contract", same_as="Protocol")
    words.do(FAC, "link", term="Memorandum", same_as="Agreement")  # joins the whole chain
    assert [t for t, _s, _m in groups(words)] == [
        "Agreement = Contract = Protocol = Memorandum", "Consent"]
    assert words.refused(FAC, "link", term="Protocol", same_as="Memorandum") == \
        "Those terms are already linked."
    words.do(FAC, "mark", term="Memorandum", status="agreed")

    # "Unlink Contract": Contract stands alone; the others stay one group, still agreed.
    assert words.do(FAC, "unlink", term="Contract") == {"term": "contract"}
    assert [(t, s) for t, s, _m in groups(words)] == [
        ("Agreement = Protocol = Memorandum", "agreed"), ("Consent", "open"),
        ("Contract", "open")]
    # The same for the term the others were linked to.
    words.do(FAC, "unlink", term="Protocol")
    assert [(t, s) for t, s, _m in groups(words)] == [
        ("Agreement = Memorandum", "agreed"), ("Consent", "open"), ("Contract", "open"),
        ("Protocol", "open")]
    words.do(FAC, "unlink", term="agreement")
    assert [(t, s) for t, s, _m in groups(words)] == [
        ("Agreement", "open"), ("Consent", "open"), ("Contract", "open"),
        ("Memorandum", "agreed"), ("Protocol", "open")]
    assert words.refused(FAC, "unlink", term="Protocol") == \
        "That term is not linked to another."
    assert words.refused(FAC, "unlink", term="Permission") == "Choose a term from the glossary."
    # Unlinked terms can be linked again.
    words.do(FAC, "link", term="Contract", same_as="Agreement")
    assert ("Agreement = Contract", "open") in [(t, s) for t, s, _m in groups(words)]


def test_the_facilitator_marks_a_term_agreed_contested_or_open(words):
    define(words, ANN, "Consent", "The person said yes")
    define(words, DAN, "Consent", "The lawful basis")
    define(words, BEN, "Agreement", "A paper")
    define(words, CAT, "Contract", "A paper")
    words.do(FAC, "link", term="Agreement", same_as="Contract")
    assert words.do(FAC, "mark", term="consent", status="contested") == \
        {"term": "consent", "status": "contested"}
    words.do(FAC, "mark", term="Agreement", status="agreed")  # any term marks its group
    assert [(t, s) for t, s, _m in groups(words)] == [("Agreement = Contract", "agreed"),
                                                      ("Consent", "contested")]
    words.do(FAC, "mark", term="Contract", status="open")
    assert group_of(words, "Agreement")["status"] == "open"
    for status in ("settled", None, "AGREED"):
        assert words.refused(FAC, "mark", term="Consent", status=status) == \
            "Mark a term open, agreed or contested."
    assert words.refused(FAC, "mark", term="Trust", status="agreed") == \
        "Choose a term from the glossary."


def test_a_mark_is_carried_when_its_term_is_linked(words):
    for actor, term in ((ANN, "Consent"), (BEN, "Permission"), (CAT, "Agreement"),
                        (DAN, "Contract")):
        define(words, actor, term, f"What {term} means")
    words.do(FAC, "mark", term="Consent", status="contested")
    words.do(FAC, "link", term="Consent", same_as="Permission")
    assert group_of(words, "Permission")["status"] == "contested"
    words.do(FAC, "mark", term="Contract", status="agreed")
    words.do(FAC, "link", term="Agreement", same_as="Contract")
    assert group_of(words, "Agreement")["status"] == "agreed"
    assert [(t, s) for t, s, _m in groups(words)] == [
        ("Agreement = Contract", "agreed"), ("Consent = Permission", "contested")]


def test_a_hidden_definition_leaves_every_view_but_the_console(words):
    kept = define(words, ANN, "Consent", "The person said yes")
    rude = define(words, BEN, "Consent", "Something rude")
    alone = define(words, DAN, "Rubbish", "Also rude")
    words.do(FAC, "hide", id=rude)
    words.do(FAC, "hide", id=alone)
    for role in (PRESENTER, PARTICIPANT):
        assert groups(words, role) == [("Consent", "open", ["The person said yes"])]
        assert words.view(role)["count"] == 1
    console = words.view(FACILITATOR)["groups"]
    assert [(d["meaning"], d["hidden"]) for g in console for d in g["definitions"]] == [
        ("The person said yes", False), ("Something rude", True), ("Also rude", True)]
    assert words.mine(BEN)["entries"] == []
    assert words.refused(BEN, "edit", id=rude, term="Consent", meaning="Sorry") == \
        "You can only change your own definitions."
    assert words.refused(CAT, "plus_one", id=rude) == "That definition is no longer there."
    assert [i["text"] for i in glossary.items(words.state)] == ["Consent"]
    assert "rude" not in as_text(glossary.report(words.state))
    assert "rude" not in as_text(glossary.summary(words.state))
    words.do(FAC, "restore", id=rude)
    assert groups(words) == [("Consent", "open", ["The person said yes", "Something rude"])]
    assert words.mine(BEN)["entries"] == [{"id": rude, "term": "Consent",
                                           "meaning": "Something rude", "waiting": False}]
    assert kept != rude


def test_while_hidden_from_the_room_only_the_glossary_count_is_sent(words):
    define(words, ANN, "Consent", "Yes")
    for role in (PRESENTER, PARTICIPANT):
        shown = words.view(role, revealed=False)
        assert "groups" not in shown and shown["count"] == 1
        assert "Yes" not in as_text(shown)


def test_items_summary_report_and_export_follow_the_groups(words):
    define(words, ANN, "Agreement", "What we share and why")
    define(words, BEN, "Contract", "The signed paper")
    define(words, CAT, "Consent", "The person said yes")
    define(words, DAN, "Consent", "The lawful basis")
    define(words, FAC, "Data", "Anything about a person")
    hidden = define(words, EVE, "Data", "Something rude")
    words.do(EVE, "plus_one", id=[e.id for e in words.state.entries.values()
                                  if e.meaning == "The lawful basis"][0])
    words.do(FAC, "hide", id=hidden)
    words.do(FAC, "link", term="Contract", same_as="Agreement")
    words.do(FAC, "mark", term="Contract", status="agreed")
    words.do(FAC, "mark", term="Consent", status="contested")

    assert glossary.items(words.state) == [
        {"id": "agreement", "text": "Agreement = Contract", "group": "agreed"},
        {"id": "consent", "text": "Consent", "group": "contested"},
        {"id": "data", "text": "Data", "group": "open"}]
    summary = glossary.summary(words.state)
    assert [[" = ".join(g["terms"]) for g in summary[status]]
            for status in ("agreed", "contested", "open")] == [
        ["Agreement = Contract"], ["Consent"], ["Data"]]

    report = glossary.report(words.state)
    assert report[0] == {"kind": "text", "text": "3 terms, 5 definitions."}
    tables = {b["caption"]: b["rows"] for b in report if b["kind"] == "table"}
    assert tables["Agreed terms"] == [["Agreement = Contract", [
        "What we share and why (Other)", "The signed paper (Other)"]]]
    assert tables["Terms that mean different things to different partners"] == [
        ["Consent", ["The lawful basis (Other, +1)", "The person said yes (Other)"]]]
    assert tables["Terms not yet settled"] == [["Data", ["Anything about a person "
                                                         "(facilitator)"]]]

    rows = glossary.export_rows(words.state)
    assert [(r["term_group"], r["status"], r["term"], r["plus_ones"], r["hidden"])
            for r in rows] == [
        ("Agreement = Contract", "agreed", "Agreement", 0, False),
        ("Agreement = Contract", "agreed", "Contract", 0, False),
        ("Consent", "contested", "Consent", 1, False),
        ("Consent", "contested", "Consent", 0, False),
        ("Data", "open", "Data", 0, False),
        ("Data", "open", "Data", 0, True)]
    assert {r["organisation"] for r in rows} == {OTHER, ""}


def test_organisations_of_three_or_more_are_named_on_definitions(words):
    for actor in (ANN, BEN, CAT, DAN, EVE, GUS):
        define(words, actor, "Consent", f"Meaning from {actor.number}")
    shown = group_of(words, "Consent", FACILITATOR)["definitions"]  # screens show fewer
    assert [d["organisation"] for d in shown] == ["Council"] * 3 + ["Police"] * 3
    # One more, with no organisation, would be alone in "Other": the smaller group joins it.
    define(words, FAY, "Consent", "Meaning from 6")
    shown = group_of(words, "Consent", FACILITATOR)["definitions"]
    assert [d["organisation"] for d in shown] == [OTHER] * 3 + ["Police"] * 3 + [OTHER]


# ====================================================================== partner map
@pytest.fixture
def pmap():
    return Run(partnermap)


def name(run, actor, who, place):
    return run.do(actor, "name", name=who, place=place)["id"]


def partners(run, role=PRESENTER):
    """The map as a screen shows it: (name, place, how many named it) per partner."""
    return [(p["name"], p["place"], p["count"]) for p in run.view(role).get("partners", [])]


def test_a_name_goes_on_the_map_where_the_person_puts_it(pmap):
    schools = name(pmap, ANN, " Schools\u0000 ", "room")
    name(pmap, BEN, "GP practices", "missing")
    name(pmap, FAC, "Housing", "involved")
    assert partners(pmap) == [("GP practices", "missing", 1), ("Housing", "involved", 1),
                              ("Schools", "room", 1)]
    assert pmap.mine(ANN) == {"mentions": [{"id": schools, "name": "Schools",
                                            "place": "room", "waiting": False}]}
    assert pmap.view(PRESENTER)["places"] == {"room": "In the room",
                                              "involved": "Involved elsewhere",
                                              "missing": "Missing"}


@pytest.mark.parametrize("place", ["Room", "elsewhere", None, "", ["room"], True])
def test_a_place_is_in_the_room_involved_or_missing(pmap, place):
    assert pmap.refused(ANN, "name", name="Schools", place=place) == \
        "Say whether they are in the room, involved elsewhere, or missing."


def test_a_name_is_needed_and_kept_to_80_characters(pmap):
    name(pmap, ANN, "n" * 80, "room")
    assert pmap.refused(ANN, "name", name="n" * 81, place="room") == \
        "The name: please keep it to 80 characters (it has 81)."
    for empty in ("", "  ", None, 3):
        assert pmap.refused(ANN, "name", name=empty, place="room") == \
            "Name the organisation or role."


def test_one_person_names_each_partner_once_and_twelve_at_most(pmap):
    name(pmap, ANN, "GP practices", "missing")
    assert "named them already" in pmap.refused(ANN, "name", name="gp  PRACTICES",
                                                place="room")
    name(pmap, BEN, "GP practices", "room")  # someone else may see it differently
    name(pmap, FAC, "GP practices", "missing")
    name(pmap, FAC, "GP practices", "missing")  # the facilitator types for several people
    assert partners(pmap) == [("GP practices", "missing", 4)]
    for n in range(partnermap.NAMES_PER_PERSON - 1):
        name(pmap, ANN, f"Partner {n}", "involved")
    assert "12" in pmap.refused(ANN, "name", name="One more", place="missing")


def test_people_remove_only_the_names_they_gave(pmap):
    mine = name(pmap, ANN, "Schools", "room")
    theirs = name(pmap, BEN, "Police", "room")
    facilitators = name(pmap, FAC, "Housing", "involved")
    for target in (theirs, facilitators):
        assert pmap.refused(ANN, "withdraw", id=target) == \
            "You can only remove the names you gave."
    pmap.do(ANN, "withdraw", id=mine)
    assert pmap.mine(ANN)["mentions"] == []
    assert pmap.refused(ANN, "withdraw", id=mine) == "That name is no longer on the map."
    name(pmap, ANN, "Schools", "missing")  # removed, so it can be given again elsewhere
    assert ("Schools", "missing", 1) in partners(pmap)


def test_the_facilitator_merges_two_names_for_one_partner(pmap):
    name(pmap, ANN, "GPs", "missing")
    name(pmap, BEN, "GP practices", "missing")
    name(pmap, CAT, "GP practices", "involved")
    name(pmap, DAN, "Schools", "room")
    assert pmap.do(FAC, "merge", name="gps", into="GP Practices") == \
        {"name": "gps", "into": "gp practices"}
    [gp] = [p for p in pmap.view(PRESENTER)["partners"] if p["key"] == "gp practices"]
    assert gp["name"] == "GP practices"  # the name most people used
    assert gp["names"] == ["GPs", "GP practices"]
    assert (gp["count"], gp["place"]) == (3, "missing")
    assert gp["places"] == {"room": 0, "involved": 1, "missing": 2}
    assert partners(pmap) == [("GP practices", "missing", 3), ("Schools", "room", 1)]
    assert pmap.refused(FAC, "merge", name="GP practices", into="GPs") == \
        "Those are already one."
    for left, right in (("GPs", "Doctors"), ("Nurses", "Schools"), (None, "Schools")):
        assert pmap.refused(FAC, "merge", name=left, into=right) == \
            "Choose two names from the map."
    # A merged group merges on as one.
    pmap.do(FAC, "merge", name="Schools", into="GPs")
    assert partners(pmap) == [("GP practices", "missing", 4)]


@pytest.mark.parametrize("places,shown", [
    (("room", "room", "missing"), "room"),
    (("involved", "involved", "room"), "involved"),
    (("room", "missing"), "missing"),
    (("involved", "missing"), "missing"),
    (("room", "involved", "missing"), "missing"),
    (("room", "involved"), "involved"),
])
def test_the_most_common_place_wins_and_a_tie_leans_to_missing(pmap, places, shown):
    for actor, place in zip((ANN, BEN, CAT), places):
        name(pmap, actor, "Youth charity", place)
    assert partners(pmap) == [("Youth charity", shown, len(places))]


def test_items_put_the_missing_partners_first_for_a_later_vote(pmap):
    name(pmap, ANN, "Schools", "room")
    name(pmap, BEN, "Schools", "room")
    name(pmap, ANN, "Housing", "involved")
    name(pmap, ANN, "Youth charity", "missing")
    name(pmap, BEN, "GP practices", "missing")
    name(pmap, CAT, "GP practices", "missing")
    hidden = name(pmap, DAN, "Rubbish", "missing")
    pmap.do(FAC, "hide", id=hidden)
    assert [(i["text"], i["group"]) for i in partnermap.items(pmap.state)] == [
        ("GP practices", "Missing"), ("Youth charity", "Missing"),
        ("Housing", "Involved elsewhere"), ("Schools", "In the room")]


def test_a_hidden_name_leaves_every_view_but_the_console(pmap):
    name(pmap, ANN, "Schools", "room")
    rude = name(pmap, DAN, "Useless lot", "missing")
    pmap.do(FAC, "hide", id=rude)
    assert partners(pmap) == [("Schools", "room", 1)]
    assert partners(pmap, PARTICIPANT) == []  # a phone lists its own names only
    for role in (PRESENTER, PARTICIPANT):
        assert pmap.view(role)["count"] == 1
        assert "Useless" not in as_text(pmap.view(role))
    assert [(m["name"], m["hidden"]) for m in pmap.view(FACILITATOR)["mentions"]] == [
        ("Schools", False), ("Useless lot", True)]
    assert "mentions" not in pmap.view(PRESENTER)
    assert pmap.mine(DAN)["mentions"] == []
    assert pmap.refused(DAN, "withdraw", id=rude) == "You can only remove the names you gave."
    assert "Useless" not in as_text(partnermap.export_rows(pmap.state))
    assert "Useless" not in as_text(partnermap.report(pmap.state))
    pmap.do(FAC, "restore", id=rude)
    assert ("Useless lot", "missing", 1) in partners(pmap)


def test_while_hidden_from_the_room_only_the_partner_count_is_sent(pmap):
    name(pmap, ANN, "Schools", "room")
    for role in (PRESENTER, PARTICIPANT):
        shown = pmap.view(role, revealed=False)
        assert "partners" not in shown and shown["count"] == 1


def test_the_report_and_export_list_each_partner_once_by_place(pmap):
    name(pmap, ANN, "GPs", "missing")
    name(pmap, BEN, "GP practices", "missing")
    name(pmap, CAT, "GP practices", "room")
    name(pmap, DAN, "Schools", "room")
    pmap.do(FAC, "merge", name="GPs", into="GP practices")
    report = partnermap.report(pmap.state)
    assert report[0] == {"kind": "text", "text": "2 partners named."}
    tables = {b["caption"]: b["rows"] for b in report if b["kind"] == "table"}
    assert tables == {"In the room": [["Schools", 1, 1, 0, 0]],
                      "Missing": [["GPs = GP practices", 3, 1, 0, 2]]}
    assert partnermap.export_rows(pmap.state) == [
        {"partner": "GP practices", "also_called": "GPs", "where": "Missing",
         "named_by": 3, "in the room": 1, "involved elsewhere": 0, "missing": 2},
        {"partner": "Schools", "also_called": "", "where": "In the room", "named_by": 1,
         "in the room": 1, "involved elsewhere": 0, "missing": 0}]


# ====================================================================== options added to a vote
def vote(**raw):
    return Run(dotvote, **{"prompt": "Which barrier should we tackle first?",
                           "options": "Housing\nSchools", "dots": 3, **raw})


def option_texts(run):
    return [o["text"] for o in run.view(PRESENTER)["options"]]


def test_added_options_are_one_line_each_and_never_repeated():
    run = vote()
    reply = run.do(FAC, "add_options", texts=[
        "  Consent is   unclear ", "HOUSING", "Forms differ\nbetween partners",
        "consent is unclear", "", "- Old IT systems", "\u0007"])
    assert reply == {"added": 3}
    assert option_texts(run) == ["Housing", "Schools", "Consent is unclear",
                                 "Forms differ between partners", "Old IT systems"]
    assert run.do(FAC, "add_options", texts=["Schools", "old it systems"]) == {"added": 0}
    assert len(option_texts(run)) == 5


@pytest.mark.parametrize("texts", ["Housing", None, [1], [["Housing"]], {"a": "b"},
                                   ["Fine", None]])
def test_options_to_add_are_a_list_of_texts(texts):
    run = vote()
    assert run.refused(FAC, "add_options", texts=texts) == \
        "Give the options as a list of texts."


def test_an_added_option_keeps_to_280_characters():
    run = vote()
    run.do(FAC, "add_options", texts=["o" * 280])
    assert "280 characters" in run.refused(FAC, "add_options", texts=["p" * 281])
    assert len(option_texts(run)) == 3


def test_a_vote_takes_up_to_sixty_options_all_or_none():
    run = vote()
    run.do(FAC, "add_options", texts=[f"Barrier {n}" for n in range(dotvote.MAX_OPTIONS - 3)])
    assert len(option_texts(run)) == dotvote.MAX_OPTIONS - 1
    assert run.refused(FAC, "add_options", texts=["One", "Two"]) == \
        "A vote can have up to 60 options."
    assert run.do(FAC, "add_options", texts=["One", "Housing"]) == {"added": 1}
    assert len(option_texts(run)) == dotvote.MAX_OPTIONS
    assert run.do(FAC, "add_options", texts=["schools"]) == {"added": 0}  # already there


def test_adding_options_never_moves_anybodys_dots():
    run = vote()
    ids = {o["text"]: o["id"] for o in run.view(PRESENTER)["options"]}
    run.do(ANN, "add", option=ids["Housing"])
    run.do(ANN, "add", option=ids["Housing"])
    run.do(BEN, "add", option=ids["Schools"])
    before = (run.mine(ANN), run.mine(BEN))
    run.do(FAC, "add_options", texts=["Transport", "Consent is unclear", "Schools"])
    assert (run.mine(ANN), run.mine(BEN)) == before
    after = {r["text"]: r["dots"] for r in run.view(FACILITATOR)["results"]}
    assert after == {"Housing": 2, "Schools": 1, "Transport": 0, "Consent is unclear": 0}
    assert {o["text"]: o["id"] for o in run.view(PRESENTER)["options"]
            if o["text"] in ids} == ids
    new = {o["text"]: o["id"] for o in run.view(PRESENTER)["options"]}["Transport"]
    run.do(ANN, "add", option=new)
    assert run.mine(ANN)["remaining"] == 0


def test_options_added_before_the_vote_join_the_proposals_without_repeats():
    run = vote(options="", propose_first=True)
    run.do(ANN, "propose", text="Consent is unclear")
    run.do(FAC, "add_options", texts=["consent is  unclear", "Old IT systems"])
    assert option_texts(run) == ["consent is unclear", "Old IT systems"]
    run.do(FAC, "start_voting")
    assert option_texts(run) == ["consent is unclear", "Old IT systems"]


# ====================================================================== through the engine
PARTNERSHIP = [
    ("healthcheck", "Partnership health check", "How healthy is our partnership?"),
    ("glossary", "Shared language",
     "Which words do you use for sharing information, and what do you mean by them?"),
    ("partnermap", "Partner map",
     "Who holds information, skills or knowledge this partnership needs?"),
    ("journey", "Journey map", "The information-sharing journey"),
    ("dotvote", "Dot voting", "Which barrier should we tackle first?"),
    ("picture", "Build the picture", "Build what this partnership will have built in a year"),
]


def agenda(session):
    return [(a["type"], a["type_title"], a["label"])
            for a in session.view(FACILITATOR)["agenda"]]


def test_the_partnership_agenda_adds_its_six_activities_in_order(session):
    session.add_question("Before we start: what brings you here?")
    assert session.control("add_agenda", agenda="partnership") == {"added": 6}
    assert agenda(session)[1:] == PARTNERSHIP
    items = {a["type"]: a for a in session.view(FACILITATOR)["agenda"]}
    assert [a["position"] for a in session.view(FACILITATOR)["agenda"]] == list(range(7))
    # The health check and the vote keep their results hidden; the rest show as they grow.
    assert {t: items[t]["revealed"] for t, _title, _label in PARTNERSHIP} == {
        "healthcheck": False, "glossary": True, "partnermap": True, "journey": True,
        "dotvote": False, "picture": True}
    assert items["dotvote"]["config"]["propose_first"] is True
    assert (items["dotvote"]["config"]["dots"], items["dotvote"]["config"]["options"]) == (3, "")
    assert items["picture"]["config"]["mode"] == "gallery"
    assert items["journey"]["config"]["lanes"].splitlines()[3] == "Barriers"
    assert [n for n, _m in session.live.activities[1].state.elements] == ELEMENT_NAMES

    session.control("goto", position=5)
    running = session.view(PRESENTER)["activity"]
    assert (running["type"], running["view"]["phase"]) == ("dotvote", "proposing")


@pytest.mark.parametrize("name", ["nope", "Partnership", None, ["partnership"], 5])
def test_an_unknown_agenda_is_refused_and_adds_nothing(session, name):
    with pytest.raises(Rejected, match="^Choose one of the ready-made agendas.$"):
        session.control("add_agenda", agenda=name)
    assert agenda(session) == []


def test_a_ready_made_agenda_that_does_not_fit_adds_nothing(session, db_url):
    for n in range(controls.MAX_ACTIVITIES - 3):
        session.control("add_activity", type="question", config={"prompt": f"Question {n}"})
    with pytest.raises(Rejected, match="up to 60 activities") as refusal:
        session.control("add_agenda", agenda="partnership")
    assert "room for 3 more" in str(refusal.value)
    assert len(agenda(session)) == 57
    assert len(agenda(session.restarted(open_engine(db_url)))) == 57
    # The agenda is still open for the three activities it has room for.
    session.control("add_activity", type="healthcheck", config={})
    assert len(agenda(session)) == 58


def test_participants_cannot_use_the_facilitators_tools(session):
    session.control("add_agenda", agenda="partnership")
    ids = [a["id"] for a in session.view(FACILITATOR)["agenda"]]
    ann = session.join(organisation="Council")
    session.control("start")
    session.act(ann, ids[0], "rate", element=0, score=3)
    session.act(ann, ids[0], "comment", element=0, text="Fine")
    sentence = session.view(FACILITATOR)["activity"]["view"]["results"]["elements"][0][
        "comments"][0]["id"]
    with pytest.raises(Rejected, match="Only the facilitator can do that."):
        session.act(ann, ids[0], "hide", id=sentence)
    session.control("next")
    session.act(ann, ids[1], "define", term="Consent", meaning="Yes")
    session.act(ann, ids[1], "define", term="Agreement", meaning="Paper")
    for action, payload in (("link", {"term": "Consent", "same_as": "Agreement"}),
                            ("mark", {"term": "Consent", "status": "agreed"})):
        with pytest.raises(Rejected, match="Only the facilitator can do that."):
            session.act(ann, ids[1], action, **payload)
    session.control("next")
    session.act(ann, ids[2], "name", name="Schools", place="room")
    session.act(ann, ids[2], "name", name="GPs", place="missing")
    with pytest.raises(Rejected, match="Only the facilitator can do that."):
        session.act(ann, ids[2], "merge", name="GPs", into="Schools")
    session.control("goto", position=4)
    with pytest.raises(Rejected, match="Only the facilitator can do that."):
        session.act(ann, ids[4], "add_options", texts=["Mine"])
    live = session.live
    assert live.activity(ids[1]).state.same_as == {} and live.activity(ids[1]).state.status == {}
    assert live.activity(ids[2]).state.merged == {}
    assert live.activity(ids[4]).state.options == {}


def test_each_type_replays_the_same_in_a_restarted_engine(session, db_url):
    session.control("add_agenda", agenda="partnership")
    ids = [a["id"] for a in session.view(FACILITATOR)["agenda"]]
    check_id, words_id, map_id, journey_id, vote_id, _picture_id = ids
    ann, ben, cat = (session.join(organisation="Council") for _ in range(3))
    dan, eve, fay = (session.join(organisation="Police") for _ in range(3))

    def act(actor, activity, action, **payload):
        return session.act(actor, activity, action, **payload)

    def refused(actor, activity, action, **payload):
        with pytest.raises(Rejected):
            act(actor, activity, action, **payload)

    fac = Actor(FACILITATOR)
    session.control("start")
    for n, actor in enumerate((ann, ben, cat, dan, eve, fay)):
        for index in range(6):
            act(actor, check_id, "rate", element=index, score=1 + (n + index) % 5)
        act(actor, check_id, "origin", origin=("reactive", "proactive", "both")[n % 3])
    act(ann, check_id, "rate", element=2, score=None)
    act(ben, check_id, "rate", element=2, score=5)
    act(dan, check_id, "comment", element=1, text="Agreement versus contract again")
    act(eve, check_id, "comment", element=3, text="Nobody decides")
    act(eve, check_id, "comment", element=3, text="Nobody decides anything")
    refused(ann, check_id, "rate", element=0, score=9)
    sentence = [c["id"] for e in session.view(FACILITATOR)["activity"]["view"]["results"][
        "elements"] for c in e["comments"] if c["text"].startswith("Agreement")][0]
    act(fac, check_id, "hide", id=sentence)
    refused(dan, check_id, "comment", element=1, text="Put it back")
    session.control("reveal")

    session.control("next")
    agreement = act(ann, words_id, "define", term="Information sharing agreement",
                    meaning="What we share and why")["id"]
    act(dan, words_id, "define", term="Information sharing contract", meaning="Signed paper")
    consent = act(ben, words_id, "define", term="Consent", meaning="The person said yes")["id"]
    act(eve, words_id, "define", term="consent", meaning="The lawful basis")
    gone = act(cat, words_id, "define", term="Protocol", meaning="Withdrawn later")["id"]
    rude = act(cat, words_id, "define", term="Rubbish", meaning="Rude")["id"]
    act(ann, words_id, "edit", id=agreement, term="Information sharing agreement",
        meaning="What we share, and why, in writing")
    act(cat, words_id, "withdraw", id=gone)
    act(cat, words_id, "plus_one", id=consent)
    act(dan, words_id, "plus_one", id=consent)
    refused(dan, words_id, "plus_one", id=consent)
    act(fac, words_id, "define", term="Data controller", meaning="Decides about the data")
    act(fac, words_id, "mark", term="Information sharing contract", status="agreed")
    act(fac, words_id, "link", term="Information sharing contract",
        same_as="Information sharing agreement")
    act(fac, words_id, "link", term="Data controller", same_as="Consent")
    act(fac, words_id, "unlink", term="Data controller")
    act(fac, words_id, "mark", term="consent", status="contested")
    act(fac, words_id, "hide", id=rude)

    session.control("next")
    act(ann, map_id, "name", name="GP practices", place="missing")
    act(ben, map_id, "name", name="GPs", place="missing")
    act(dan, map_id, "name", name="GP practices", place="involved")
    school = act(eve, map_id, "name", name="Schools", place="room")["id"]
    act(eve, map_id, "withdraw", id=school)
    act(eve, map_id, "name", name="Schools", place="involved")
    refused(eve, map_id, "name", name="schools", place="room")
    act(cat, map_id, "name", name="Youth charity", place="missing")
    odd = act(cat, map_id, "name", name="Nobody useful", place="room")["id"]
    act(fac, map_id, "merge", name="GPs", into="GP practices")
    act(fac, map_id, "hide", id=odd)
    act(fac, map_id, "restore", id=odd)
    act(fac, map_id, "hide", id=odd)

    session.control("next")
    act(ann, journey_id, "add_note", stage=0, lane=3, text="Consent forms differ")
    act(dan, journey_id, "add_note", stage=2, lane=3, text="Nobody knows who decides")

    session.control("next")
    act(ben, vote_id, "propose", text="Old IT systems")
    act(fac, vote_id, "add_options", texts=["Consent forms differ", "Nobody knows who decides"])
    act(fac, vote_id, "start_voting")
    options = {o["text"]: o["id"] for o in session.view(PRESENTER)["activity"]["view"]["options"]}
    for actor, text in ((ann, "Consent forms differ"), (ann, "Consent forms differ"),
                        (dan, "Old IT systems"), (eve, "Nobody knows who decides")):
        act(actor, vote_id, "add", option=options[text])
    act(ann, vote_id, "remove", option=options["Consent forms differ"])

    def seen(some_session):
        live = some_session.live
        states = {a.type_id: a.state for a in live.activities}
        views = {a.type_id: {role: a.module.public_view(a.state, role, a.revealed)
                             for role in (FACILITATOR, PRESENTER, PARTICIPANT)}
                 for a in live.activities}
        own = {a.type_id: {p.number: a.module.own_view(a.state, p.participant_id)
                           for p in (ann, ben, cat, dan, eve, fay)}
               for a in live.activities}
        return states, views, own, some_session.engine.export(some_session.code)

    before = seen(session)
    states, views = before[0], before[1]
    # What was done is there before the restart, so agreeing afterwards means something.
    assert views["healthcheck"][PRESENTER]["results"]["groups"] == ["Council", "Police"]
    assert "Agreement versus contract" not in as_text(views["healthcheck"][PRESENTER])
    assert [(" = ".join(g["terms"]), g["status"]) for g in
            views["glossary"][PRESENTER]["groups"]] == [
        ("Consent", "contested"), ("Data controller", "open"),
        ("Information sharing agreement = Information sharing contract", "agreed")]
    assert [(p["name"], p["place"], p["count"]) for p in
            views["partnermap"][PRESENTER]["partners"]] == [
        ("GP practices", "missing", 3), ("Schools", "involved", 1),
        ("Youth charity", "missing", 1)]
    assert {r["text"]: r["dots"] for r in views["dotvote"][FACILITATOR]["results"]} == {
        "Consent forms differ": 1, "Nobody knows who decides": 1, "Old IT systems": 1}
    assert states["glossary"].entries[consent].plus == {cat.participant_id,
                                                        dan.participant_id}

    again = session.restarted(open_engine(db_url))
    after = seen(again)
    for type_id in ("healthcheck", "glossary", "partnermap", "journey", "dotvote"):
        assert after[0][type_id] == states[type_id], f"the {type_id} replayed differently"
        assert after[1][type_id] == views[type_id], f"the {type_id} is shown differently"
        assert after[2][type_id] == before[2][type_id], f"own views of the {type_id} differ"
    assert after[3] == before[3]
