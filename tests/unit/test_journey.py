"""Journey mapping on its own: notes in cells, changing and deleting one's own, +1s,
the facilitator's moving, merging, hiding and restoring, stages edited while it runs,
feelings per stage, the settings, what each role sees, items for a later vote, the summary
and the export; then through the engine: everything done while it runs replays the same."""
import copy

import pytest

from activities import journey
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Actor, Context,
                             Rejected, validate_config)
from tests.unit.helpers import handle, open_engine

PROMPT = "A referral from school to early help"
STAGES = ["Need identified", "Information gathered", "Decision to share",
          "Information shared", "Information used", "Outcome"]
LANES = ["What happens", "What information, from whom to whom",
         "On what basis (consent, law, agreement)", "Barriers", "Enablers and ideas"]
FAC = Actor(FACILITATOR)


def person(number, organisation=None):
    return Actor(PARTICIPANT, participant_id=700 + number, number=number,
                 organisation=organisation)


ANN = person(1, "Council")
BEN = person(2, "Police")
CAT = person(3, None)
DAN = person(4, "Council")


def settings(**changes):
    """A journey's settings as the console sends them, checked as the engine does."""
    raw = {"prompt": PROMPT, **changes}
    return journey.check_config(validate_config(journey.config_fields, raw))


class Map:
    """One journey map's state, each action numbered as the engine would number it."""

    def __init__(self, **changes):
        self.config = settings(**changes)
        self.state = journey.initial_state(self.config)
        self.seq = 100

    def do(self, actor, action, **payload):
        self.seq += 1
        return handle(journey, self.state, action, payload,
                      Context(actor, self.seq, 1_700_000_000.0 + self.seq))

    def stage(self, name):
        [found] = [s for s, n in self.state.stages.items() if n == name]
        return found

    def lane(self, name):
        [found] = [lane for lane, n in self.state.lanes.items() if n == name]
        return found

    def note(self, actor, text, stage=STAGES[0], lane=LANES[0]):
        return self.do(actor, "add_note", stage=self.stage(stage), lane=self.lane(lane),
                       text=text)["id"]

    def view(self, role, revealed=True):
        return journey.public_view(self.state, role, revealed)

    def stage_names(self, role=PRESENTER):
        return [s["name"] for s in self.view(role)["stages"]]

    def notes(self, role, revealed=True):
        """Note texts a screen of this role shows."""
        return [n["text"] for n in self.view(role, revealed).get("notes", [])]

    def shown(self, role, note_id):
        [found] = [n for n in self.view(role)["notes"] if n["id"] == note_id]
        return found

    def cell_of(self, note_id, role=FACILITATOR):
        """(stage name, lane name) of a note as a screen shows it."""
        view = self.view(role)
        note = next(n for n in view["notes"] if n["id"] == note_id)
        stages = {s["id"]: s["name"] for s in view["stages"]}
        lanes = {lane["id"]: lane["name"] for lane in view["lanes"]}
        return stages[note["stage"]], lanes[note["lane"]]

    def mine(self, actor):
        return journey.own_view(self.state, actor.participant_id)

    def my_texts(self, actor):
        return [n["text"] for n in self.mine(actor)["notes"]]

    def feelings(self, role=FACILITATOR):
        """Per stage name: (count, mean, spread) as a screen shows them."""
        view = self.view(role)
        names = {s["id"]: s["name"] for s in view["stages"]}
        return {names[f["stage"]]: (f["count"], f["mean"], f["spread"])
                for f in view["feelings"]}

    def refused(self, actor, action, **payload):
        """The action is refused in words, and the map is exactly as it was."""
        before = copy.deepcopy(self.state)
        with pytest.raises(Rejected) as refusal:
            self.do(actor, action, **payload)
        assert self.state == before, f"a refused {action} changed the map"
        return str(refusal.value)


@pytest.fixture
def jmap():
    return Map()


# ---------------------------------------------------------------------- adding notes
def test_a_note_lands_in_the_chosen_cell_and_among_the_authors_own(jmap):
    note = jmap.note(ANN, "School nurse notices weight loss", STAGES[0], LANES[0])
    other = jmap.note(BEN, "Consent form is unclear", STAGES[2], "Barriers")
    assert jmap.cell_of(note, PRESENTER) == (STAGES[0], LANES[0])
    assert jmap.cell_of(other, PARTICIPANT) == (STAGES[2], "Barriers")
    assert jmap.my_texts(ANN) == ["School nurse notices weight loss"]
    assert jmap.my_texts(BEN) == ["Consent form is unclear"]
    assert jmap.view(PRESENTER)["count"] == 2


@pytest.mark.parametrize("where", [
    {"stage": 99, "lane": 0}, {"stage": 0, "lane": 99}, {"stage": -1, "lane": 0},
    {"stage": "0", "lane": 0}, {"stage": 0, "lane": "0"}, {"stage": True, "lane": 0},
    {"stage": 0, "lane": False}, {"stage": None, "lane": 0}, {"lane": 0}, {"stage": 0},
])
def test_a_note_goes_only_into_a_cell_of_the_map(jmap, where):
    message = jmap.refused(ANN, "add_note", text="Somewhere", **where)
    assert "Choose one of the journey's" in message
    assert jmap.notes(FACILITATOR) == []


def test_a_note_can_go_into_a_stage_added_while_it_runs(jmap):
    added = jmap.do(FAC, "add_stage", name="Review")["stage"]
    note = jmap.do(ANN, "add_note", stage=added, lane=jmap.lane("Barriers"),
                   text="Nobody checks back")["id"]
    assert jmap.cell_of(note) == ("Review", "Barriers")


def test_a_note_keeps_to_280_characters(jmap):
    longest = "x" * 280
    jmap.note(ANN, longest)
    message = jmap.refused(ANN, "add_note", stage=0, lane=0, text="y" * 281)
    assert "280 characters" in message and "281" in message
    assert jmap.notes(FACILITATOR) == [longest]


@pytest.mark.parametrize("text", ["", "   ", "\u0007\n", None, 42, ["a note"]])
def test_an_empty_or_non_text_note_is_refused(jmap, text):
    assert "Your note" in jmap.refused(ANN, "add_note", stage=0, lane=0, text=text)


def test_control_characters_are_taken_out_of_a_note(jmap):
    jmap.note(ANN, "  Sent\u0000 by\u001b fax\n  ")
    assert jmap.notes(PRESENTER) == ["Sent by fax"]


def test_one_person_can_add_up_to_forty_notes(jmap):
    for n in range(journey.NOTES_PER_PERSON):
        jmap.note(ANN, f"Note {n}")
    assert "40 notes" in jmap.refused(ANN, "add_note", stage=0, lane=0, text="One more")
    jmap.note(BEN, "Someone else's note")
    jmap.note(FAC, "Typed in for someone without a phone")
    assert jmap.view(FACILITATOR)["count"] == 42


def test_a_note_the_facilitator_types_has_no_author(jmap):
    note = jmap.note(FAC, "From the paper sheet")
    shown = jmap.shown(FACILITATOR, note)
    assert (shown["number"], shown["organisation"], shown["by_facilitator"]) == (None, None, True)


# ---------------------------------------------------------------------- own notes
def test_people_change_their_own_notes(jmap):
    note = jmap.note(ANN, "Phone call to the GP")
    jmap.do(ANN, "edit_note", id=note, text="Secure email to the GP")
    assert jmap.notes(PRESENTER) == ["Secure email to the GP"]
    assert jmap.my_texts(ANN) == ["Secure email to the GP"]


def test_nobody_changes_or_deletes_someone_elses_note(jmap):
    note = jmap.note(ANN, "Phone call to the GP")
    facilitators = jmap.note(FAC, "Typed by the facilitator")
    for target in (note, facilitators):
        assert "your own notes" in jmap.refused(BEN, "edit_note", id=target, text="Mine now")
        assert "your own notes" in jmap.refused(BEN, "delete_note", id=target)
    assert sorted(jmap.notes(PRESENTER)) == ["Phone call to the GP", "Typed by the facilitator"]


def test_a_change_keeps_to_the_same_rules_as_a_new_note(jmap):
    note = jmap.note(ANN, "Phone call")
    assert "280 characters" in jmap.refused(ANN, "edit_note", id=note, text="z" * 281)
    assert "write something" in jmap.refused(ANN, "edit_note", id=note, text="  ")
    assert jmap.notes(PRESENTER) == ["Phone call"]


def test_people_delete_their_own_notes(jmap):
    gone = jmap.note(ANN, "Wrong cell")
    jmap.note(ANN, "Right cell")
    jmap.do(ANN, "delete_note", id=gone)
    assert jmap.notes(FACILITATOR) == ["Right cell"]
    assert jmap.my_texts(ANN) == ["Right cell"]
    assert "no longer there" in jmap.refused(ANN, "delete_note", id=gone)


def test_a_hidden_note_cannot_be_changed_or_deleted_by_its_author(jmap):
    note = jmap.note(ANN, "Something rude")
    jmap.do(FAC, "hide", id=note)
    assert "your own notes" in jmap.refused(ANN, "edit_note", id=note, text="Something nice")
    assert "your own notes" in jmap.refused(ANN, "delete_note", id=note)
    assert jmap.shown(FACILITATOR, note)["text"] == "Something rude"


@pytest.mark.parametrize("note_id", [None, "1", True, 1.5, 99999])
def test_changing_a_note_that_is_not_there_is_refused(jmap, note_id):
    jmap.note(ANN, "A note")
    jmap.refused(ANN, "edit_note", id=note_id, text="Changed")
    jmap.refused(ANN, "delete_note", id=note_id)


# ---------------------------------------------------------------------- +1s
def test_a_note_gets_one_plus_one_per_person(jmap):
    note = jmap.note(ANN, "Shared case notes")
    assert jmap.do(BEN, "plus_one", id=note) == {"id": note, "plus": 1}
    assert "already given" in jmap.refused(BEN, "plus_one", id=note)
    assert jmap.do(CAT, "plus_one", id=note)["plus"] == 2
    assert jmap.shown(PRESENTER, note)["plus"] == 2
    assert jmap.mine(BEN)["plus"] == [note]
    assert jmap.mine(ANN)["plus"] == []


def test_nobody_plus_ones_their_own_note(jmap):
    note = jmap.note(ANN, "Shared case notes")
    assert "your own note" in jmap.refused(ANN, "plus_one", id=note)
    assert jmap.shown(PRESENTER, note)["plus"] == 0


def test_a_hidden_note_takes_no_plus_ones(jmap):
    note = jmap.note(ANN, "Something rude")
    jmap.do(FAC, "hide", id=note)
    assert "no longer there" in jmap.refused(BEN, "plus_one", id=note)
    jmap.do(FAC, "restore", id=note)
    assert jmap.do(BEN, "plus_one", id=note)["plus"] == 1


# ---------------------------------------------------------------------- merging
def test_merging_adds_up_the_plus_ones_and_keeps_the_merged_text(jmap):
    duplicate = jmap.note(ANN, "No shared IT", lane="Barriers")
    kept = jmap.note(BEN, "Systems do not talk to each other", lane="Barriers")
    jmap.do(CAT, "plus_one", id=duplicate)
    jmap.do(BEN, "plus_one", id=duplicate)  # the kept note's own author liked the duplicate
    jmap.do(DAN, "plus_one", id=kept)
    jmap.do(CAT, "plus_one", id=kept)

    reply = jmap.do(FAC, "merge_notes", id=duplicate, into=kept)
    # CAT and DAN, and ANN, who wrote the duplicate; never BEN on his own note.
    assert reply == {"id": kept, "plus": 3}
    merged = jmap.shown(FACILITATOR, kept)
    assert merged["plus"] == 3
    assert merged["text"] == "Systems do not talk to each other"
    assert merged["merged"] == ["No shared IT"]
    assert jmap.notes(PRESENTER) == ["Systems do not talk to each other"]
    assert jmap.my_texts(ANN) == []
    assert jmap.mine(ANN)["plus"] == [kept]
    assert "your own note" in jmap.refused(BEN, "plus_one", id=kept)
    assert "already given" in jmap.refused(ANN, "plus_one", id=kept)


def test_merging_twice_keeps_every_merged_text(jmap):
    first = jmap.note(ANN, "No shared IT")
    second = jmap.note(BEN, "Different systems")
    kept = jmap.note(CAT, "Systems do not talk to each other")
    jmap.do(FAC, "merge_notes", id=first, into=second)
    jmap.do(FAC, "merge_notes", id=second, into=kept)
    merged = jmap.shown(FACILITATOR, kept)
    assert sorted(merged["merged"]) == ["Different systems", "No shared IT"]
    assert merged["plus"] == 2  # ANN and BEN, the authors of what was merged


def test_a_facilitators_note_merged_adds_no_plus_one(jmap):
    typed = jmap.note(FAC, "From the paper sheet")
    kept = jmap.note(ANN, "Paper forms")
    assert jmap.do(FAC, "merge_notes", id=typed, into=kept)["plus"] == 0


@pytest.mark.parametrize("into", ["self", None, "1", True, 99999])
def test_a_note_merges_only_into_another_note(jmap, into):
    note = jmap.note(ANN, "No shared IT")
    jmap.note(BEN, "Different systems")
    target = note if into == "self" else into
    assert "another note" in jmap.refused(FAC, "merge_notes", id=note, into=target)


# ---------------------------------------------------------------------- moving
def test_the_facilitator_moves_a_note_to_another_cell(jmap):
    note = jmap.note(ANN, "Consent not recorded", STAGES[0], LANES[0])
    jmap.do(FAC, "move_note", id=note, stage=jmap.stage(STAGES[2]), lane=jmap.lane("Barriers"))
    assert jmap.cell_of(note, PRESENTER) == (STAGES[2], "Barriers")
    assert jmap.mine(ANN)["notes"][0]["stage"] == jmap.stage(STAGES[2])


@pytest.mark.parametrize("where", [{"stage": 99, "lane": 0}, {"stage": 0, "lane": 99},
                                   {"stage": "2", "lane": 3}, {"lane": 3}])
def test_a_note_moves_only_to_a_cell_of_the_map(jmap, where):
    note = jmap.note(ANN, "Consent not recorded")
    jmap.refused(FAC, "move_note", id=note, **where)
    assert jmap.cell_of(note) == (STAGES[0], LANES[0])


# ---------------------------------------------------------------------- hiding
def test_a_hidden_note_is_seen_only_by_the_facilitator_until_restored(jmap):
    hidden = jmap.note(ANN, "Something rude")
    jmap.note(BEN, "Something useful")
    jmap.do(ANN, "plus_one", id=jmap.note(CAT, "Also useful"))
    jmap.do(FAC, "hide", id=hidden)

    for role in (PARTICIPANT, PRESENTER):
        assert "Something rude" not in jmap.notes(role)
        assert jmap.view(role)["count"] == 2
    assert jmap.my_texts(ANN) == []
    console = jmap.shown(FACILITATOR, hidden)
    assert (console["text"], console["hidden"]) == ("Something rude", True)
    assert "Something rude" not in [i["text"] for i in journey.items(jmap.state)]
    assert journey.summary(jmap.state)["notes"] == 2
    assert "Something rude" not in [g["text"] for g in journey.summary(jmap.state)["grid"]]
    [row] = [r for r in journey.export_rows(jmap.state) if r["text"] == "Something rude"]
    assert row["hidden"] is True

    jmap.do(FAC, "restore", id=hidden)
    assert "Something rude" in jmap.notes(PRESENTER)
    assert "Something rude" in jmap.notes(PARTICIPANT)
    assert jmap.my_texts(ANN) == ["Something rude"]
    assert jmap.shown(FACILITATOR, hidden)["hidden"] is False


def test_until_revealed_only_the_facilitator_sees_notes(jmap):
    jmap.note(ANN, "Something useful")
    jmap.do(BEN, "feel", stage=0, value=1)
    for role in (PARTICIPANT, PRESENTER):
        view = jmap.view(role, revealed=False)
        assert "notes" not in view and "feelings" not in view
        assert view["count"] == 1
    assert jmap.notes(FACILITATOR, revealed=False) == ["Something useful"]
    assert jmap.my_texts(ANN) == ["Something useful"]


def test_participants_and_the_screen_never_see_who_wrote_a_note(jmap):
    jmap.note(ANN, "Something useful")
    for role in (PARTICIPANT, PRESENTER):
        [note] = jmap.view(role)["notes"]
        assert set(note) == {"id", "stage", "lane", "text", "plus"}
    [note] = jmap.view(FACILITATOR)["notes"]
    assert (note["number"], note["organisation"]) == (1, "Council")


# ---------------------------------------------------------------------- stages
def test_a_stage_is_added_at_a_position_or_at_the_end(jmap):
    jmap.do(FAC, "add_stage", name="Review", position=2)
    jmap.do(FAC, "add_stage", name="Closure")
    assert jmap.stage_names() == [*STAGES[:2], "Review", *STAGES[2:], "Closure"]
    assert jmap.stage_names(PARTICIPANT) == jmap.stage_names(FACILITATOR) == jmap.stage_names()


@pytest.mark.parametrize("position, words", [
    (-1, "position from 1 to 7"), (7, "position from 1 to 7"), (100, "position from 1 to 7"),
    ("2", "position by its number"), (True, "position by its number"),
    (1.0, "position by its number")])
def test_a_stage_is_added_only_at_a_position_on_the_map(jmap, position, words):
    message = jmap.refused(FAC, "add_stage", name="Review", position=position)
    assert words in message
    assert jmap.stage_names() == STAGES


def test_a_stage_with_no_position_goes_at_the_end(jmap):
    jmap.do(FAC, "add_stage", name="Review", position=None)
    assert jmap.stage_names() == [*STAGES, "Review"]


def test_a_refused_stage_leaves_the_next_stage_as_it_would_be_on_replay(jmap):
    """Refused actions are not stored: what is added after one must not depend on it."""
    with pytest.raises(Rejected):
        jmap.do(FAC, "add_stage", name="Review", position=-1)
    added = jmap.do(FAC, "add_stage", name="Review")["stage"]

    replayed = Map()
    assert replayed.do(FAC, "add_stage", name="Review")["stage"] == added


@pytest.mark.parametrize("name", ["", "   ", None, 5, "x" * 81, "outcome", " Outcome "])
def test_a_new_stage_needs_a_new_name_of_up_to_80_characters(jmap, name):
    jmap.refused(FAC, "add_stage", name=name)
    assert jmap.stage_names() == STAGES


def test_a_map_has_at_most_twelve_stages(jmap):
    for n in range(journey.MAX_STAGES - len(STAGES)):
        jmap.do(FAC, "add_stage", name=f"Extra {n}")
    assert "up to 12 stages" in jmap.refused(FAC, "add_stage", name="One too many")
    assert len(jmap.stage_names()) == 12


def test_a_stage_is_renamed_to_a_name_no_other_stage_has(jmap):
    stage = jmap.stage("Outcome")
    jmap.do(FAC, "rename_stage", stage=stage, name="  What changed  ")
    assert jmap.stage_names()[-1] == "What changed"
    jmap.do(FAC, "rename_stage", stage=stage, name="WHAT changed")  # its own name, recased
    assert jmap.stage_names()[-1] == "WHAT changed"
    assert "already a stage" in jmap.refused(FAC, "rename_stage", stage=stage,
                                             name="need IDENTIFIED")
    jmap.refused(FAC, "rename_stage", stage=stage, name="")
    jmap.refused(FAC, "rename_stage", stage=99, name="Elsewhere")
    assert jmap.stage_names() == [*STAGES[:-1], "WHAT changed"]


def test_renaming_a_stage_keeps_its_notes(jmap):
    note = jmap.note(ANN, "Referral form sent", "Information shared", "What happens")
    jmap.do(FAC, "rename_stage", stage=jmap.stage("Information shared"), name="Referral")
    assert jmap.cell_of(note, PRESENTER) == ("Referral", "What happens")


def test_a_stage_moves_with_its_notes(jmap):
    note = jmap.note(ANN, "Outcome recorded", "Outcome", "What happens")
    jmap.do(FAC, "move_stage", stage=jmap.stage("Outcome"), position=0)
    assert jmap.stage_names() == ["Outcome", *STAGES[:-1]]
    jmap.do(FAC, "move_stage", stage=jmap.stage("Need identified"), position=5)
    assert jmap.stage_names() == ["Outcome", *STAGES[1:-1], "Need identified"]
    assert jmap.cell_of(note, PRESENTER) == ("Outcome", "What happens")


@pytest.mark.parametrize("position, words", [
    (-1, "position from 1 to 6"), (6, "position from 1 to 6"), (100, "position from 1 to 6"),
    (None, "position from 1 to 6"), ("1", "position by its number"),
    (True, "position by its number")])
def test_a_stage_moved_to_a_position_not_on_the_map_stays_where_it_was(jmap, position, words):
    jmap.note(ANN, "Outcome recorded", "Outcome", "What happens")
    message = jmap.refused(FAC, "move_stage", stage=jmap.stage("Outcome"), position=position)
    assert words in message
    assert jmap.stage_names() == STAGES
    assert journey.summary(jmap.state)["stages"] == STAGES


def test_a_stage_with_notes_is_not_removed(jmap):
    note = jmap.note(ANN, "Outcome recorded", "Outcome", "What happens")
    outcome = jmap.stage("Outcome")
    assert "has notes" in jmap.refused(FAC, "remove_stage", stage=outcome)
    jmap.do(FAC, "hide", id=note)  # hidden notes still belong to it, and may come back
    message = jmap.refused(FAC, "remove_stage", stage=outcome)
    assert "has notes" in message and "hide" not in message
    jmap.do(FAC, "move_note", id=note, stage=jmap.stage("Information used"), lane=0)
    jmap.do(FAC, "remove_stage", stage=outcome)
    assert jmap.stage_names() == STAGES[:-1]
    assert jmap.shown(FACILITATOR, note)["stage"] == jmap.stage("Information used")


def test_removing_a_stage_clears_its_feelings_and_the_screens_focus_on_it(jmap):
    outcome, used = jmap.stage("Outcome"), jmap.stage("Information used")
    jmap.do(ANN, "feel", stage=outcome, value=-2)
    jmap.do(ANN, "feel", stage=used, value=1)
    jmap.do(FAC, "focus", stage=outcome)
    assert jmap.view(PRESENTER)["focus"] == outcome

    jmap.do(FAC, "remove_stage", stage=outcome)
    assert jmap.view(PRESENTER)["focus"] is None
    assert jmap.mine(ANN)["feelings"] == {str(used): 1}
    assert [f["stage"] for f in jmap.view(FACILITATOR)["feelings"]] == \
        [jmap.stage(name) for name in STAGES[:-1]]
    assert jmap.feelings()["Information used"][:2] == (1, 1.0)

    # A stage added later does not inherit the removed stage's feelings.
    added = jmap.do(FAC, "add_stage", name="Outcome")["stage"]
    assert jmap.feelings()["Outcome"][:2] == (0, None)
    assert str(added) not in jmap.mine(ANN)["feelings"]


def test_removing_another_stage_keeps_the_focus(jmap):
    focus = jmap.stage("Decision to share")
    jmap.do(FAC, "focus", stage=focus)
    jmap.do(FAC, "remove_stage", stage=jmap.stage("Outcome"))
    assert jmap.view(PRESENTER)["focus"] == focus


def test_the_last_stage_is_not_removed():
    jmap = Map(stages="Only one")
    assert "at least one stage" in jmap.refused(FAC, "remove_stage", stage=0)


def test_the_screen_focuses_on_one_stage_and_back_to_the_whole_grid(jmap):
    stage = jmap.stage("Decision to share")
    assert jmap.view(PRESENTER)["focus"] is None
    assert jmap.do(FAC, "focus", stage=stage) == {"focus": stage}
    for role in (PRESENTER, PARTICIPANT, FACILITATOR):
        assert jmap.view(role)["focus"] == stage
    jmap.refused(FAC, "focus", stage=99)
    jmap.refused(FAC, "focus", stage="2")
    assert jmap.do(FAC, "focus", stage=None) == {"focus": None}
    assert jmap.view(PRESENTER)["focus"] is None


# ---------------------------------------------------------------------- feelings
@pytest.mark.parametrize("value", [-2, -1, 0, 1, 2])
def test_a_feeling_from_minus_two_to_plus_two_is_recorded(jmap, value):
    jmap.do(ANN, "feel", stage=1, value=value)
    assert jmap.mine(ANN)["feelings"] == {"1": value}
    assert jmap.feelings()[STAGES[1]][:2] == (1, value)


@pytest.mark.parametrize("value", [-3, 3, 10, 0.5, "1", True, False, [1], {}])
def test_a_feeling_outside_minus_two_to_plus_two_is_refused(jmap, value):
    assert "-2" in jmap.refused(ANN, "feel", stage=1, value=value)
    assert jmap.mine(ANN)["feelings"] == {}


@pytest.mark.parametrize("stage", [99, "1", None, True])
def test_a_feeling_is_for_a_stage_of_the_map(jmap, stage):
    jmap.refused(ANN, "feel", stage=stage, value=1)


def test_one_feeling_per_stage_per_person_changeable_and_clearable(jmap):
    jmap.do(ANN, "feel", stage=0, value=-1)
    jmap.do(ANN, "feel", stage=0, value=2)  # changed her mind
    jmap.do(ANN, "feel", stage=1, value=0)
    assert jmap.mine(ANN)["feelings"] == {"0": 2, "1": 0}
    assert jmap.feelings()[STAGES[0]][:2] == (1, 2.0)

    assert jmap.do(ANN, "feel", stage=0, value=None) == {"stage": 0, "value": None}
    assert jmap.mine(ANN)["feelings"] == {"1": 0}
    assert jmap.feelings()[STAGES[0]][:2] == (0, None)
    jmap.do(ANN, "feel", stage=0, value=None)  # clearing twice is harmless
    assert jmap.mine(ANN)["feelings"] == {"1": 0}


def test_feelings_are_refused_when_the_map_does_not_ask():
    jmap = Map(feelings=False)
    assert "does not ask" in jmap.refused(ANN, "feel", stage=0, value=1)
    for role in (FACILITATOR, PRESENTER, PARTICIPANT):
        view = jmap.view(role)
        assert view["asks_feelings"] is False and "feelings" not in view
    assert journey.summary(jmap.state)["feelings"] == []


def test_each_stage_shows_the_mean_and_the_spread_of_feelings(jmap):
    for actor, value in ((ANN, -2), (BEN, -1), (CAT, -1), (DAN, 1)):
        jmap.do(actor, "feel", stage=jmap.stage("Decision to share"), value=value)
    jmap.do(ANN, "feel", stage=jmap.stage("Outcome"), value=2)
    jmap.do(BEN, "feel", stage=jmap.stage("Outcome"), value=1)

    shown = jmap.feelings(PRESENTER)
    assert list(shown) == STAGES
    assert shown["Decision to share"] == (
        4, -0.75, {"-2": 1, "-1": 2, "0": 0, "1": 1, "2": 0})
    assert shown["Outcome"] == (2, 1.5, {"-2": 0, "-1": 0, "0": 0, "1": 1, "2": 1})
    assert shown["Need identified"] == (0, None, {"-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0})
    assert jmap.feelings(PARTICIPANT) == shown == jmap.feelings(FACILITATOR)


def test_a_mean_of_thirds_is_rounded_to_two_places(jmap):
    for actor, value in ((ANN, 1), (BEN, 0), (CAT, 0)):
        jmap.do(actor, "feel", stage=0, value=value)
    assert jmap.feelings()[STAGES[0]][1] == 0.33


# ---------------------------------------------------------------------- settings
def test_the_default_map_is_the_information_sharing_journey():
    jmap = Map()
    assert jmap.stage_names() == STAGES
    assert [lane["name"] for lane in jmap.view(PRESENTER)["lanes"]] == LANES
    assert jmap.view(PRESENTER)["asks_feelings"] is True


def test_stages_and_lanes_are_cleaned_blank_lines_and_repeats_dropped():
    config = settings(stages="\n  First contact \n\n- Assessment\nfirst CONTACT\n• Referral\n",
                      lanes="Barriers\r\nbarriers\n\t\n* Ideas")
    assert config["stages"] == "First contact\nAssessment\nReferral"
    assert config["lanes"] == "Barriers\nIdeas"
    jmap = Map(stages=config["stages"], lanes=config["lanes"])
    assert jmap.stage_names() == ["First contact", "Assessment", "Referral"]


@pytest.mark.parametrize("changes, words", [
    ({"stages": ""}, "Stages: give at least one"),
    ({"stages": " \n - \n\n"}, "Stages: give at least one"),
    ({"lanes": "\n\n"}, "Lanes: give at least one"),
    ({"stages": "x" * 81}, "80 characters"),
    ({"lanes": "Fine\n" + "y" * 81}, "80 characters"),
    ({"stages": "\n".join(f"Stage {n}" for n in range(13))}, "up to 12"),
    ({"lanes": "\n".join(f"Lane {n}" for n in range(9))}, "up to 8"),
    ({"prompt": ""}, "Title"),
])
def test_settings_out_of_bounds_are_refused_in_words(changes, words):
    with pytest.raises(Rejected) as refusal:
        settings(**changes)
    assert words in str(refusal.value)


def test_the_most_stages_and_lanes_of_the_longest_names_are_accepted():
    stages = [f"{n:02d}" + "s" * 78 for n in range(journey.MAX_STAGES)]
    lanes = [f"{n:02d}" + "l" * 78 for n in range(journey.MAX_LANES)]
    config = settings(stages="\n".join(stages), lanes="\n".join(lanes))
    assert config["stages"].splitlines() == stages
    assert config["lanes"].splitlines() == lanes


def test_repeats_do_not_count_towards_the_limit():
    config = settings(stages="\n".join(["Same"] * 20 + [f"Stage {n}" for n in range(11)]))
    assert len(config["stages"].splitlines()) == 12


# ---------------------------------------------------------------------- items, summary, export
def test_items_are_grouped_by_lane_most_plus_ones_first(jmap):
    ideas_one = jmap.note(ANN, "Shared consent form", STAGES[0], "Enablers and ideas")
    barrier_few = jmap.note(ANN, "Nobody knows the law", STAGES[0], "Barriers")
    barrier_most = jmap.note(BEN, "Systems do not talk", STAGES[4], "Barriers")
    happens = jmap.note(CAT, "Teacher rings the office", STAGES[1], "What happens")
    barrier_none = jmap.note(CAT, "Staff turnover", STAGES[2], "Barriers")
    hidden = jmap.note(DAN, "Something rude", STAGES[2], "Barriers")
    for actor in (ANN, CAT, DAN):
        jmap.do(actor, "plus_one", id=barrier_most)
    jmap.do(BEN, "plus_one", id=barrier_few)
    for actor in (ANN, BEN, CAT):
        jmap.do(actor, "plus_one", id=hidden)
    jmap.do(FAC, "hide", id=hidden)

    items = journey.items(jmap.state)
    assert [(i["group"], i["text"]) for i in items] == [
        ("What happens", "Teacher rings the office"),
        ("Barriers", "Systems do not talk"),
        ("Barriers", "Nobody knows the law"),
        ("Barriers", "Staff turnover"),
        ("Enablers and ideas", "Shared consent form"),
    ]
    assert [i["id"] for i in items] == [happens, barrier_most, barrier_few, barrier_none,
                                        ideas_one]


def test_the_summary_lists_the_grid_and_the_feelings_by_name(jmap):
    note = jmap.note(ANN, "Form sent by post", "Information shared", "What happens")
    jmap.do(BEN, "plus_one", id=note)
    jmap.note(BEN, "Rude", "Outcome", "Barriers")
    jmap.do(FAC, "hide", id=jmap.note(CAT, "Hidden one"))
    jmap.do(ANN, "feel", stage=jmap.stage("Outcome"), value=-1)
    jmap.do(FAC, "rename_stage", stage=jmap.stage("Outcome"), name="What changed")

    summary = journey.summary(jmap.state)
    assert summary["prompt"] == PROMPT
    assert summary["stages"] == [*STAGES[:-1], "What changed"]
    assert summary["lanes"] == LANES
    assert summary["notes"] == 2
    assert summary["grid"] == [
        {"stage": "Information shared", "lane": "What happens", "text": "Form sent by post",
         "plus": 1},
        {"stage": "What changed", "lane": "Barriers", "text": "Rude", "plus": 0},
    ]
    [changed] = [f for f in summary["feelings"] if f["stage"] == "What changed"]
    assert (changed["count"], changed["mean"]) == (1, -1.0)


def test_export_rows_carry_the_cell_the_plus_ones_the_number_and_a_folded_organisation(jmap):
    council = [person(n, "Council") for n in (1, 2, 3)]
    police = person(4, "Police")  # alone: shown as Other
    nobody = [person(5), person(6)]  # no organisation: Other
    ids = {}
    for actor in council + [police] + nobody:
        ids[actor.number] = jmap.note(actor, f"Note by {actor.number}", STAGES[actor.number - 1],
                                      LANES[actor.number % len(LANES)])
    jmap.note(police, "Police again", "Outcome", "Barriers")  # one person, not two
    typed = jmap.note(FAC, "From the paper sheet", "Outcome", "Enablers and ideas")
    for actor in nobody:
        jmap.do(actor, "plus_one", id=ids[1])
    jmap.do(FAC, "rename_stage", stage=jmap.stage("Outcome"), name="What changed")

    rows = {row["text"]: row for row in journey.export_rows(jmap.state)}
    assert len(rows) == 8
    first = rows["Note by 1"]
    assert (first["stage"], first["lane"], first["plus_ones"], first["participant"],
            first["organisation"]) == (STAGES[0], LANES[1], 2, 1, "Council")
    assert [rows[f"Note by {n}"]["organisation"] for n in (1, 2, 3)] == ["Council"] * 3
    assert (rows["Note by 4"]["organisation"], rows["Police again"]["organisation"]) == (
        OTHER, OTHER)
    assert rows["Police again"]["stage"] == "What changed"
    assert rows["Police again"]["participant"] == 4
    assert [rows[f"Note by {n}"]["organisation"] for n in (5, 6)] == [OTHER, OTHER]
    assert all(row["organisation"] != "Police" for row in rows.values())
    facilitators = rows["From the paper sheet"]
    assert (facilitators["note"], facilitators["participant"], facilitators["organisation"],
            facilitators["entered_by_facilitator"]) == (typed, None, "", True)


def test_a_small_other_group_takes_in_the_smallest_named_one():
    jmap = Map()
    for actor in [person(n, "Council") for n in (1, 2, 3)]:
        jmap.note(actor, f"Note by {actor.number}")
    jmap.note(person(5, "Police"), "Police note")
    rows = {row["text"]: row["organisation"] for row in journey.export_rows(jmap.state)}
    # Other would hold one person, so Council joins it: nobody can be singled out.
    assert set(rows.values()) == {OTHER}


# ---------------------------------------------------------------------- through the engine
def start_journey(session, **config):
    reply = session.control("add_activity", type="journey",
                            config={"prompt": PROMPT, **config})
    session.control("start")
    return reply["activity"]["id"]


def test_participants_act_only_on_the_running_open_map(session):
    first = start_journey(session)
    ann = session.join(organisation="Council")
    session.act(ann, first, "add_note", stage=0, lane=0, text="While open")
    session.control("close")
    with pytest.raises(Rejected, match="closed"):
        session.act(ann, first, "add_note", stage=0, lane=0, text="While closed")
    session.control("open")
    session.control("add_activity", type="question", config={"prompt": "Anything else?"})
    session.control("next")
    with pytest.raises(Rejected, match="not running"):
        session.act(ann, first, "add_note", stage=0, lane=0, text="After it ended")
    # The facilitator may still tidy it up.
    session.act(Actor(FACILITATOR), first, "add_note", stage=0, lane=0, text="Tidied")
    texts = [n.text for n in session.live.activity(first).state.notes.values()]
    assert texts == ["While open", "Tidied"]


def test_a_phone_reads_a_cell_through_the_engine_and_nothing_is_stored(session):
    first = start_journey(session)
    ann, ben = session.join(), session.join()
    note = session.act(ann, first, "add_note", stage=1, lane=2, text="Who decides?")["id"]

    def read(actor, action="open_cell", activity=first, **payload):
        return session.engine.read(session.code, actor, activity, action,
                                   {"stage": 1, "lane": 2, **payload})

    stored, version = session.stored_actions(), session.live.version
    cell = read(ben)
    assert [n["text"] for n in cell["notes"]] == ["Who decides?"] and cell["count"] == 1
    assert (session.stored_actions(), session.live.version) == (stored, version)
    session.control("close")  # a closed map can still be read
    assert read(ben)["notes"] == cell["notes"]
    stored = session.stored_actions()
    with pytest.raises(Rejected, match="ask for it with read"):
        session.act(ben, first, "open_cell", stage=1, lane=2)
    with pytest.raises(Rejected, match="send it with act"):
        read(ben, "plus_one", id=note)
    with pytest.raises(Rejected, match="That is for participants"):
        read(Actor(FACILITATOR))
    session.control("add_activity", type="question", config={"prompt": "Anything else?"})
    session.control("next")
    with pytest.raises(Rejected, match="not running"):
        read(ben)
    assert len(session.stored_actions()) == len(stored)


def test_a_cell_is_not_read_before_the_notes_are_shown(session):
    hidden = start_journey(session, hide_results=True)
    ann = session.join()
    session.act(ann, hidden, "add_note", stage=0, lane=0, text="Not yet")
    with pytest.raises(Rejected, match="not shown to the room yet"):
        session.engine.read(session.code, ann, hidden, "open_cell", {"stage": 0, "lane": 0})
    session.control("reveal")
    cell = session.engine.read(session.code, ann, hidden, "open_cell", {"stage": 0, "lane": 0})
    assert [n["text"] for n in cell["notes"]] == ["Not yet"]


def test_facilitator_actions_are_refused_to_participants(session):
    activity = start_journey(session)
    ann = session.join()
    note = session.act(ann, activity, "add_note", stage=0, lane=0, text="Mine")["id"]
    for action, payload in (("hide", {"id": note}), ("move_note", {"id": note, "stage": 1,
                                                                    "lane": 1}),
                            ("add_stage", {"name": "Sneaky"}), ("focus", {"stage": 1}),
                            ("remove_stage", {"stage": 5})):
        with pytest.raises(Rejected, match="Only the facilitator"):
            session.act(ann, activity, action, **payload)
    view = session.view(FACILITATOR)["activity"]["view"]
    assert [s["name"] for s in view["stages"]] == STAGES
    assert view["focus"] is None
    assert [(n["stage"], n["lane"], n["hidden"]) for n in view["notes"]] == [(0, 0, False)]


def test_a_map_edited_while_it_runs_replays_the_same_in_a_restarted_engine(session, db_url):
    activity = start_journey(session, stages="Referral\nAssessment\nSupport")
    fac = Actor(FACILITATOR)
    ann = session.join(organisation="Council")
    ben = session.join(organisation="Police")
    cat = session.join()

    def act(actor, action, **payload):
        return session.act(actor, activity, action, **payload)

    first = act(ann, "add_note", stage=0, lane=3, text="Form lost")["id"]
    # Refused stage edits change nothing, so a replay that never sees them agrees.
    for refused in ({"name": "Review", "position": 9}, {"name": "support"}):
        with pytest.raises(Rejected):
            act(fac, "add_stage", **refused)
    with pytest.raises(Rejected):
        act(fac, "move_stage", stage=2, position=-1)
    review = act(fac, "add_stage", name="Review", position=1)["stage"]
    closure = act(fac, "add_stage", name="Closure")["stage"]
    second = act(ben, "add_note", stage=review, lane=3, text="Nobody reviews")["id"]
    third = act(cat, "add_note", stage=closure, lane=4, text="Ask the family")["id"]
    act(fac, "rename_stage", stage=review, name="Joint review")
    act(fac, "move_stage", stage=closure, position=0)
    act(ann, "plus_one", id=second)
    act(cat, "plus_one", id=first)
    act(ann, "feel", stage=review, value=-2)
    act(ben, "feel", stage=2, value=1)
    act(ann, "feel", stage=2, value=-1)
    act(ann, "feel", stage=2, value=None)
    act(fac, "move_note", id=first, stage=review, lane=3)
    act(fac, "merge_notes", id=first, into=second)
    act(ben, "edit_note", id=second, text="Nobody reviews the plan")
    hidden = act(ann, "add_note", stage=closure, lane=0, text="Rude")["id"]
    act(fac, "hide", id=hidden)
    act(cat, "delete_note", id=third)
    with pytest.raises(Rejected):
        act(fac, "remove_stage", stage=review)
    with pytest.raises(Rejected):
        act(fac, "remove_stage", stage=closure)  # its one note is hidden, not gone
    act(fac, "remove_stage", stage=2)  # Support, and Ben's feeling about it
    act(fac, "focus", stage=review)
    act(cat, "add_note", stage=review, lane=4, text="Ask the family early")
    follow_up = act(fac, "add_stage", name="Follow-up")["stage"]

    def seen(engine_session):
        views = {role: engine_session.view(role)["activity"] for role in
                 (FACILITATOR, PRESENTER, PARTICIPANT)}
        own = {a.number: engine_session.engine.own(engine_session.code, a.participant_id)
               for a in (ann, ben, cat)}
        return views, own, engine_session.engine.export(engine_session.code)

    before = seen(session)
    console = before[0][FACILITATOR]["view"]
    assert [s["name"] for s in console["stages"]] == \
        ["Closure", "Referral", "Joint review", "Assessment", "Follow-up"]
    assert console["focus"] == review
    notes = {n["text"]: (n["stage"], n["lane"], n["plus"], n["hidden"])
             for n in console["notes"]}
    assert notes == {"Nobody reviews the plan": (review, 3, 2, False),
                     "Rude": (closure, 0, 0, True),
                     "Ask the family early": (review, 4, 0, False)}
    assert before[1][1]["mine"]["feelings"] == {str(review): -2}
    assert before[1][2]["mine"]["feelings"] == {}

    again = session.restarted(open_engine(db_url))
    assert seen(again) == before
    # It carries on from there: a note in the stage added last lands where it should.
    again.act(ben, activity, "add_note", stage=follow_up, lane=0, text="After the restart")
    shown = again.view(PARTICIPANT)["activity"]["view"]  # the presenter: the focused stage's
    [after] = [n for n in shown["notes"] if n["text"] == "After the restart"]
    assert [s["name"] for s in shown["stages"] if s["id"] == after["stage"]] == ["Follow-up"]
