"""Drawings as data (activities/drawing.py): the tree a view carries and the SVG markup
the report holds are one drawing; text in either is text, never markup. The journey
map's feelings curve is the drawing: who is sent it, and in which form."""
from xml.etree import ElementTree

import pytest

from activities import journey
from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Actor, Context, validate_config
from activities.drawing import element, markup
from tests.unit.helpers import handle

SVG = "{http://www.w3.org/2000/svg}"


def test_markup_is_the_tree_with_text_and_values_escaped():
    tree = element("svg", {"aria-label": 'Stage "one" & <two>'},
                   element("text", {"x": 1}, "<script>alert(1)</script> & more"),
                   None,
                   element("line", {"x1": 0.5}))
    svg = markup(tree)
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("aria-label") == 'Stage "one" & <two>'
    [text, line] = list(root)
    assert (text.tag, text.get("x"), text.text) == (
        f"{SVG}text", "1", "<script>alert(1)</script> & more")
    assert (line.tag, line.get("x1"), list(line)) == (f"{SVG}line", "0.5", [])
    assert "<script>" not in svg


def test_a_tree_is_plain_lists_dicts_and_strings():
    assert element("g", None, element("circle", {"r": 2}), "words") == \
        ["g", {}, ["circle", {"r": 2}], "words"]


# ---------------------------------------------------------------- the feelings curve
STAGES = ["Need <identified>", "Decision to share", "Outcome"]


def journey_map(*feelings):
    """A journey map with these feelings: (participant number, stage index, value)."""
    config = journey.check_config(validate_config(journey.config_fields, {
        "prompt": "A referral", "stages": "\n".join(STAGES)}))
    state = journey.initial_state(config)
    stages = list(state.stages)
    for seq, (number, stage, value) in enumerate(feelings, start=1):
        actor = Actor(PARTICIPANT, participant_id=number, number=number)
        handle(journey, state, "feel", {"stage": stages[stage], "value": value},
               Context(actor, seq, 1_700_000_000.0 + seq))
    return state


def texts(tree):
    """The text a drawing shows, in order."""
    found = []
    for child in tree[2:]:
        found.extend([child] if isinstance(child, str) else texts(child))
    return found


def test_the_console_is_sent_the_curve_with_each_stage_named_and_counted():
    state = journey_map((1, 0, -2), (2, 0, 1), (3, 2, 2))
    curve = journey.public_view(state, FACILITATOR, revealed=False)["curve"]
    assert texts(curve) == ["Very bad", "Bad", "Neutral", "Good", "Very good",
                            "Need <identified>", "2 answers", "Decision to share",
                            "0 answers", "Outcome", "1 answer"]
    assert curve[1]["aria-label"].endswith(
        "Need <identified>: average -0.5; Decision to share: no answers; Outcome: average 2")
    means = [child for child in curve[2:] if child[1].get("class") == "mean-point"]
    assert len(means) == 2


def test_the_projector_is_sent_the_curve_only_once_revealed_and_without_text():
    state = journey_map((1, 1, 1))
    assert "curve" not in journey.public_view(state, PRESENTER, revealed=False)
    curve = journey.public_view(state, PRESENTER, revealed=True)["curve"]
    assert texts(curve) == []  # stretched under the grid's columns, text would be too
    assert curve[1]["preserveAspectRatio"] == "none"
    assert "Decision to share: average 1;" in curve[1]["aria-label"]


@pytest.mark.parametrize("revealed", [False, True])
def test_phones_are_never_sent_the_curve(revealed):
    assert "curve" not in journey.public_view(journey_map((1, 0, 1)), PARTICIPANT, revealed)


def test_no_curve_is_sent_before_anyone_answers():
    for role in (FACILITATOR, PRESENTER):
        assert "curve" not in journey.public_view(journey_map(), role, revealed=True)


def test_the_report_holds_the_curve_the_console_is_sent():
    state = journey_map((1, 0, -2), (2, 2, 2))
    [figure] = [block for block in journey.report(state) if block["kind"] == "figure"]
    assert figure["svg"] == markup(journey.public_view(state, FACILITATOR, True)["curve"])
