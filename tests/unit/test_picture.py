"""Build the picture on its own: bricks and drawings checked and capped, one picture per
person replaced until the end, withdrawing, hiding, the spotlight, the shared baseplate
settled in the order the server takes the bricks, what each role sees, the export and the
SVG; then through the engine: a shared board replays the same in a fresh engine."""
import copy
import json
import xml.etree.ElementTree as ET

import pytest

from activities import picture
from activities.base import (FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Actor, Context,
                             Rejected, validate_config)
from tests.unit.helpers import handle, open_engine

PROMPT = "Build what this partnership will have built in a year"
FAC = Actor(FACILITATOR)
SVG_NS = "{http://www.w3.org/2000/svg}"
SIZES = [(1, 1), (1, 2), (2, 1), (2, 2), (1, 4), (4, 1)]


def person(number, organisation=None):
    return Actor(PARTICIPANT, participant_id=500 + number, number=number,
                 organisation=organisation)


ANN = person(1, "Council")
BEN = person(2, "Police")
CAT = person(3, None)
DAN = person(4, "Council")


class Activity:
    """One picture activity's state, each action numbered as the engine would number it."""

    def __init__(self, mode="gallery", **changes):
        self.config = validate_config(picture.config_fields,
                                      {"prompt": PROMPT, "mode": mode, **changes})
        self.state = picture.initial_state(self.config)
        self.seq = 100

    def do(self, actor, action, **payload):
        self.seq += 1
        return handle(picture, self.state, action, payload,
                      Context(actor, self.seq, 1_700_000_000.0 + self.seq))

    def refused(self, actor, action, **payload):
        """The action is refused in words, and nothing changed."""
        before = copy.deepcopy(self.state)
        with pytest.raises(Rejected) as refusal:
            self.do(actor, action, **payload)
        assert self.state == before, f"a refused {action} changed the activity"
        return str(refusal.value)

    # gallery
    def build(self, actor, bricks, title="A bridge", meaning=""):
        return self.do(actor, "submit", kind="bricks", bricks=bricks, title=title,
                       meaning=meaning)["id"]

    def draw(self, actor, strokes, title="A drawing", meaning=""):
        return self.do(actor, "submit", kind="drawing", strokes=strokes, title=title,
                       meaning=meaning)["id"]

    def view(self, role, revealed=True):
        return picture.public_view(self.state, role, revealed)

    def titles(self, role, revealed=True):
        return sorted(p["title"] for p in self.view(role, revealed).get("pictures", []))

    def mine(self, actor):
        return picture.own_view(self.state, actor.participant_id)

    # together
    def place(self, actor, x, y, w=1, h=1, colour=0):
        return self.do(actor, "place", brick=[x, y, w, h, colour])["id"]

    def board(self, role=FACILITATOR):
        return sorted(tuple(b) for b in self.view(role).get("board", []))


@pytest.fixture
def wall():
    return Activity("gallery")


@pytest.fixture
def plate():
    return Activity("together")


def stroke(*points, colour=5, width=10):
    return {"colour": colour, "width": width, "points": list(points)}


# ---------------------------------------------------------------------- settings
def test_the_settings_default_to_a_gallery_and_refuse_other_modes():
    config = validate_config(picture.config_fields, {"prompt": PROMPT})
    assert config["mode"] == "gallery" and config["hide_results"] is False
    with pytest.raises(Rejected, match="gallery, together"):
        validate_config(picture.config_fields, {"prompt": PROMPT, "mode": "mosaic"})


# ---------------------------------------------------------------------- bricks
def test_a_brick_picture_is_kept_as_built(wall):
    bricks = [[0, 0, 2, 2, 0], [2, 0, 1, 4, 1], [28, 19, 4, 1, 7], [31, 0, 1, 1, 3]]
    picture_id = wall.build(ANN, bricks, "Everyone at one table", "Partners sharing")
    mine = wall.mine(ANN)["picture"]
    assert mine == {"id": picture_id, "kind": "bricks", "bricks": bricks, "strokes": [],
                    "title": "Everyone at one table", "meaning": "Partners sharing",
                    "waiting": False}
    assert wall.view(PRESENTER)["count"] == 1


@pytest.mark.parametrize("size", SIZES)
def test_every_brick_size_on_offer_can_be_placed(wall, size):
    w, h = size
    wall.build(ANN, [[3, 3, w, h, 2]])
    assert wall.mine(ANN)["picture"]["bricks"] == [[3, 3, w, h, 2]]


@pytest.mark.parametrize("size", [(3, 1), (1, 3), (2, 4), (4, 2), (3, 3), (4, 4), (2, 3),
                                  (0, 1), (1, 0), (-1, 1), (8, 1), (1, 8)])
def test_bricks_of_other_sizes_are_refused(wall, size):
    w, h = size
    message = wall.refused(ANN, "submit", kind="bricks", bricks=[[3, 3, w, h, 0]], title="X")
    assert "1×1, 1×2, 2×2 and 1×4" in message
    assert wall.mine(ANN)["picture"] is None


@pytest.mark.parametrize("brick", [[0, 0, 1, 1, 0], [31, 19, 1, 1, 0], [28, 0, 4, 1, 0],
                                   [0, 16, 1, 4, 0], [30, 18, 2, 2, 0]])
def test_bricks_right_up_to_the_edge_stay_on(wall, brick):
    wall.build(ANN, [brick])
    assert wall.mine(ANN)["picture"]["bricks"] == [brick]


@pytest.mark.parametrize("brick", [[-1, 0, 1, 1, 0], [0, -1, 1, 1, 0], [32, 0, 1, 1, 0],
                                   [0, 20, 1, 1, 0], [29, 0, 4, 1, 0], [0, 17, 1, 4, 0],
                                   [31, 19, 2, 2, 0], [31, 5, 2, 1, 0], [5, 19, 1, 2, 0],
                                   [1000, 1000, 1, 1, 0]])
def test_bricks_hanging_off_the_baseplate_are_refused(wall, brick):
    message = wall.refused(ANN, "submit", kind="bricks", bricks=[brick], title="X")
    assert message == "That brick would hang off the baseplate."


@pytest.mark.parametrize("colour", range(len(picture.COLOURS)))
def test_each_of_the_eight_colours_is_taken(wall, colour):
    wall.build(ANN, [[0, 0, 1, 1, colour]])
    assert wall.mine(ANN)["picture"]["bricks"][0][4] == colour


@pytest.mark.parametrize("colour", [-1, 8, 99])
def test_colours_outside_the_palette_are_refused(wall, colour):
    message = wall.refused(ANN, "submit", kind="bricks", bricks=[[0, 0, 1, 1, colour]], title="X")
    assert message == "Choose one of the brick colours."


@pytest.mark.parametrize("brick", [[0, 0, 1, 1], [0, 0, 1, 1, 0, 0], [0, 0, 1, 1, "#c4281c"],
                                   [0, 0, 1, 1, "red"], [0.0, 0, 1, 1, 0], [0, 0, 1.5, 1, 0],
                                   [True, 0, 1, 1, 0], [0, 0, 1, 1, False], ["0", 0, 1, 1, 0],
                                   {"x": 0, "y": 0}, "0,0,1,1,0", None, 7, []])
def test_a_brick_must_be_five_whole_numbers(wall, brick):
    message = wall.refused(ANN, "submit", kind="bricks", bricks=[brick], title="X")
    assert message == "A brick is [x, y, width, height, colour] in whole numbers."


@pytest.mark.parametrize("bricks", [[[0, 0, 2, 2, 0], [1, 1, 1, 1, 1]],
                                    [[4, 4, 1, 1, 0], [4, 4, 1, 1, 0]],
                                    [[5, 0, 1, 4, 0], [3, 2, 4, 1, 3]],
                                    [[0, 0, 1, 1, 0], [9, 9, 2, 2, 0], [10, 7, 1, 4, 2]]])
def test_two_bricks_of_one_picture_cannot_share_a_stud(wall, bricks):
    message = wall.refused(ANN, "submit", kind="bricks", bricks=bricks, title="X")
    assert message == "Two bricks overlap: each stud takes one brick."


def test_bricks_side_by_side_do_not_overlap(wall):
    bricks = [[0, 0, 2, 2, 0], [2, 0, 2, 2, 1], [0, 2, 4, 1, 2], [4, 0, 1, 4, 3]]
    wall.build(ANN, bricks)
    assert wall.mine(ANN)["picture"]["bricks"] == bricks


def test_a_full_baseplate_of_640_bricks_is_taken_and_one_more_is_refused(wall):
    full = [[x, y, 1, 1, (x + y) % 8] for y in range(20) for x in range(32)]
    assert len(full) == 640
    wall.build(ANN, full)
    assert len(wall.mine(ANN)["picture"]["bricks"]) == 640
    message = wall.refused(BEN, "submit", kind="bricks", bricks=full + [[0, 0, 1, 1, 0]],
                           title="Too many")
    assert message == "A baseplate holds at most 640 bricks."


def test_thousands_of_bricks_are_refused_before_any_is_looked_at(wall):
    message = wall.refused(ANN, "submit", kind="bricks", bricks=[[0, 0, 1, 1, 0]] * 5000,
                           title="Flood")
    assert "at most 640 bricks" in message


@pytest.mark.parametrize("bricks, words", [
    ([], "Place at least one brick first."),
    (None, "Send the bricks as a list."),
    ("[[0,0,1,1,0]]", "Send the bricks as a list."),
    ({"0": [0, 0, 1, 1, 0]}, "Send the bricks as a list."),
])
def test_a_brick_picture_needs_a_list_of_bricks(wall, bricks, words):
    assert wall.refused(ANN, "submit", kind="bricks", bricks=bricks, title="X") == words


# ---------------------------------------------------------------------- drawings
def test_a_drawing_is_kept_as_drawn(wall):
    strokes = [stroke(0, 0, 500, 300, 1000, 625, colour=0, width=4),
               stroke(20, 30, colour=7, width=24)]
    wall.draw(BEN, strokes, "A bridge", "Two banks joined")
    mine = wall.mine(BEN)["picture"]
    assert (mine["kind"], mine["strokes"], mine["bricks"]) == ("drawing", strokes, [])
    assert (mine["title"], mine["meaning"]) == ("A bridge", "Two banks joined")


@pytest.mark.parametrize("points", [[1001, 0], [0, 626], [-1, 0], [0, -1], [10, 10, 1001, 10],
                                    [10, 10, 10, 700]])
def test_a_stroke_off_the_page_is_refused(wall, points):
    message = wall.refused(ANN, "submit", kind="drawing", strokes=[stroke(*points)], title="X")
    assert message == "A stroke goes off the page."


@pytest.mark.parametrize("points", [[10.5, 10], [10, "10"], [True, 10], [10, None],
                                    [[10, 10], [20, 20]]])
def test_stroke_points_are_whole_numbers(wall, points):
    message = wall.refused(ANN, "submit", kind="drawing", strokes=[stroke(*points)], title="X")
    assert message == "A stroke goes off the page."


@pytest.mark.parametrize("points", [[], [10], [10, 10, 20], [1, 2, 3, 4, 5]])
def test_a_stroke_needs_whole_x_y_pairs(wall, points):
    message = wall.refused(ANN, "submit", kind="drawing", strokes=[stroke(*points)], title="X")
    assert message == "A stroke needs at least one point, as x, y pairs."


def test_a_stroke_whose_points_are_not_a_list_is_refused(wall):
    bad = {"colour": 0, "width": 4, "points": "10,10 20,20"}
    assert "x, y pairs" in wall.refused(ANN, "submit", kind="drawing", strokes=[bad], title="X")


@pytest.mark.parametrize("width", picture.STROKE_WIDTHS)
def test_the_three_pen_sizes_are_taken(wall, width):
    wall.draw(ANN, [stroke(1, 1, 9, 9, width=width)])
    assert wall.mine(ANN)["picture"]["strokes"][0]["width"] == width


@pytest.mark.parametrize("width", [0, 1, 5, 11, 25, 100, -4, True, "10", None, [10]])
def test_other_pen_sizes_are_refused(wall, width):
    message = wall.refused(ANN, "submit", kind="drawing", strokes=[stroke(1, 1, width=width)],
                           title="X")
    assert message == "Choose one of the pen sizes."


@pytest.mark.parametrize("colour", [-1, 8, "#000000", True, None, 1.0])
def test_pen_colours_outside_the_palette_are_refused(wall, colour):
    message = wall.refused(ANN, "submit", kind="drawing", strokes=[stroke(1, 1, colour=colour)],
                           title="X")
    assert message == "Choose one of the pen colours."


@pytest.mark.parametrize("item", [[1, 1], "1,1", None, 3])
def test_a_stroke_must_be_an_object(wall, item):
    message = wall.refused(ANN, "submit", kind="drawing", strokes=[item], title="X")
    assert message == "Each stroke needs a colour, a width and points."


def test_a_drawing_holds_up_to_300_strokes(wall):
    dots = [stroke(n, n) for n in range(picture.MAX_STROKES)]
    wall.draw(ANN, dots)
    assert len(wall.mine(ANN)["picture"]["strokes"]) == 300
    message = wall.refused(BEN, "submit", kind="drawing", strokes=dots + [stroke(1, 1)],
                           title="Too many")
    assert message == "A drawing can have up to 300 strokes. Try fewer, longer lines."


def test_a_drawing_holds_up_to_4000_points(wall):
    def line(pairs):
        return stroke(*[v for n in range(pairs) for v in (n % 1000, n % 625)])

    wall.draw(ANN, [line(2500), line(1500)])
    assert sum(len(s["points"]) // 2 for s in wall.mine(ANN)["picture"]["strokes"]) == 4000
    message = wall.refused(BEN, "submit", kind="drawing", strokes=[line(2500), line(1501)],
                           title="Too detailed")
    assert message == "That drawing is too detailed to store. Try fewer, simpler lines."
    assert "too detailed" in wall.refused(BEN, "submit", kind="drawing", strokes=[line(4001)],
                                          title="One long line")


@pytest.mark.parametrize("strokes, words", [
    ([], "Draw something first."),
    (None, "Send the drawing as a list of strokes."),
    ({"colour": 0, "width": 4, "points": [1, 1]}, "Send the drawing as a list of strokes."),
])
def test_a_drawing_needs_a_list_of_strokes(wall, strokes, words):
    assert wall.refused(ANN, "submit", kind="drawing", strokes=strokes, title="X") == words


@pytest.mark.parametrize("kind", [None, "", "painting", "Bricks", 1])
def test_a_picture_says_whether_it_is_bricks_or_a_drawing(wall, kind):
    message = wall.refused(ANN, "submit", kind=kind, bricks=[[0, 0, 1, 1, 0]], title="X")
    assert message == "Say whether this is a brick build or a drawing."


def test_a_brick_picture_keeps_only_its_bricks_and_a_drawing_only_its_strokes(wall):
    wall.do(ANN, "submit", kind="bricks", bricks=[[0, 0, 1, 1, 0]],
            strokes=[stroke(1, 1)], title="Bricks")
    wall.do(BEN, "submit", kind="drawing", bricks=[[0, 0, 1, 1, 0]],
            strokes=[stroke(1, 1)], title="Drawing")
    assert wall.mine(ANN)["picture"]["strokes"] == []
    assert wall.mine(BEN)["picture"]["bricks"] == []


# ---------------------------------------------------------------------- title and meaning
@pytest.mark.parametrize("title", [None, "", "   ", "\u0007", 42, ["A bridge"]])
def test_a_picture_needs_a_title(wall, title):
    message = wall.refused(ANN, "submit", kind="bricks", bricks=[[0, 0, 1, 1, 0]], title=title)
    assert message.startswith("The title:")


def test_the_title_keeps_to_80_characters_and_the_meaning_to_400(wall):
    brick = [[0, 0, 1, 1, 0]]
    message = wall.refused(ANN, "submit", kind="bricks", bricks=brick, title="t" * 81)
    assert "80 characters" in message and "81" in message
    message = wall.refused(ANN, "submit", kind="bricks", bricks=brick, title="Fine",
                           meaning="m" * 401)
    assert message.startswith("What it means:") and "400 characters" in message
    wall.build(ANN, brick, "t" * 80, "m" * 400)
    mine = wall.mine(ANN)["picture"]
    assert (len(mine["title"]), len(mine["meaning"])) == (80, 400)


def test_the_meaning_may_be_left_out_and_control_characters_are_taken_out(wall):
    wall.do(ANN, "submit", kind="bricks", bricks=[[0, 0, 1, 1, 0]],
            title="  One\u0000 table\u001b ")
    wall.build(BEN, [[0, 0, 1, 1, 0]], "Two", "Line one\nline two\u0007")
    wall.do(CAT, "submit", kind="bricks", bricks=[[0, 0, 1, 1, 0]], title="Three", meaning=None)
    assert wall.mine(ANN)["picture"]["title"] == "One table"
    assert wall.mine(ANN)["picture"]["meaning"] == wall.mine(CAT)["picture"]["meaning"] == ""
    assert "What it means" in wall.refused(DAN, "submit", kind="bricks",
                                           bricks=[[0, 0, 1, 1, 0]], title="Four", meaning=7)
    assert wall.mine(BEN)["picture"]["meaning"] == "Line one\nline two"


# ---------------------------------------------------------------------- one picture each
def test_sending_again_replaces_ones_picture_and_keeps_its_id(wall):
    first = wall.build(ANN, [[0, 0, 1, 1, 0]], "First go")
    other = wall.build(BEN, [[5, 5, 2, 2, 3]], "Ben's")
    again = wall.draw(ANN, [stroke(10, 10, 90, 90)], "Second go", "Better")
    assert again == first != other
    assert wall.titles(PRESENTER) == ["Ben's", "Second go"]
    assert wall.view(PRESENTER)["count"] == 2
    mine = wall.mine(ANN)["picture"]
    assert (mine["id"], mine["kind"], mine["bricks"], mine["meaning"]) == \
        (first, "drawing", [], "Better")


def test_a_refused_change_leaves_the_picture_on_the_wall_as_it_was(wall):
    wall.build(ANN, [[0, 0, 1, 1, 0]], "Kept")
    wall.refused(ANN, "submit", kind="bricks", bricks=[[31, 0, 2, 1, 0]], title="Broken")
    assert wall.mine(ANN)["picture"]["title"] == "Kept"


def test_withdrawing_takes_ones_picture_off_the_wall(wall):
    first = wall.build(ANN, [[0, 0, 1, 1, 0]], "Changed my mind")
    wall.build(BEN, [[0, 0, 1, 1, 0]], "Staying")
    assert wall.do(ANN, "withdraw") == {"id": first}
    assert wall.mine(ANN) == {"picture": None, "taken_off": False, "my_bricks": []}
    assert wall.titles(PRESENTER) == wall.titles(FACILITATOR) == ["Staying"]
    assert wall.refused(ANN, "withdraw") == "You have no picture to withdraw."
    assert wall.build(ANN, [[1, 1, 1, 1, 1]], "Back again") != first


def test_someone_without_a_picture_has_nothing_to_withdraw(wall):
    wall.build(BEN, [[0, 0, 1, 1, 0]])
    assert wall.refused(ANN, "withdraw") == "You have no picture to withdraw."
    assert wall.view(PRESENTER)["count"] == 1


# ---------------------------------------------------------------------- hiding
def test_a_hidden_picture_is_off_every_screen_but_the_console(wall):
    hidden = wall.build(ANN, [[0, 0, 1, 1, 0]], "Something rude")
    wall.build(BEN, [[0, 0, 1, 1, 0]], "Something kind")
    wall.do(FAC, "hide", id=hidden)

    assert wall.titles(PRESENTER) == ["Something kind"]
    assert wall.view(PRESENTER)["count"] == wall.view(PARTICIPANT)["count"] == 1
    assert wall.view(PRESENTER)["builders"] == 1
    console = {p["title"]: p for p in wall.view(FACILITATOR)["pictures"]}
    assert console["Something rude"]["hidden"] is True
    assert console["Something kind"]["hidden"] is False
    assert wall.mine(ANN) == {"picture": None, "taken_off": True, "my_bricks": []}
    assert [p["title"] for p in picture.summary(wall.state)["pictures"]] == ["Something kind"]
    assert "Something rude" not in json.dumps(picture.summary(wall.state))
    assert {r["title"]: r["hidden"] for r in picture.export_rows(wall.state)} == \
        {"Something rude": True, "Something kind": False}


def test_the_author_of_a_hidden_picture_cannot_send_it_again_or_withdraw_it(wall):
    hidden = wall.build(ANN, [[0, 0, 1, 1, 0]], "Something rude")
    wall.do(FAC, "hide", id=hidden)
    message = wall.refused(ANN, "submit", kind="bricks", bricks=[[2, 2, 1, 1, 1]],
                           title="Something else")
    assert message == "The facilitator has taken your picture off the wall."
    assert wall.refused(ANN, "withdraw") == "You have no picture to withdraw."
    assert wall.titles(FACILITATOR) == ["Something rude"]


def test_a_restored_picture_is_back_for_everyone(wall):
    hidden = wall.build(ANN, [[0, 0, 1, 1, 0]], "Second thoughts")
    wall.do(FAC, "hide", id=hidden)
    assert wall.do(FAC, "restore", id=hidden) == {"id": hidden}
    assert wall.titles(PRESENTER) == ["Second thoughts"]
    assert wall.mine(ANN)["picture"]["title"] == "Second thoughts"
    assert wall.mine(ANN)["taken_off"] is False
    wall.build(ANN, [[0, 0, 1, 1, 0]], "Changed after all")
    assert wall.titles(PRESENTER) == ["Changed after all"]


@pytest.mark.parametrize("picture_id", [None, "101", True, 1.5, 99999])
def test_hiding_a_picture_that_is_not_there_is_refused(wall, picture_id):
    wall.build(ANN, [[0, 0, 1, 1, 0]])
    wall.refused(FAC, "hide", id=picture_id)
    wall.refused(FAC, "restore", id=picture_id)


# ---------------------------------------------------------------------- spotlight
def test_the_spotlight_shows_one_picture_until_cleared(wall):
    first = wall.build(ANN, [[0, 0, 1, 1, 0]], "One")
    second = wall.draw(BEN, [stroke(1, 1)], "Two")
    assert wall.do(FAC, "spotlight", id=second) == {"spotlight": second}
    assert wall.view(PRESENTER)["spotlight"] == second
    assert wall.do(FAC, "spotlight", id=first) == {"spotlight": first}
    assert wall.do(FAC, "spotlight", id=None) == {"spotlight": None}
    assert wall.view(PRESENTER)["spotlight"] is None


def test_a_hidden_picture_cannot_be_spotlit(wall):
    hidden = wall.build(ANN, [[0, 0, 1, 1, 0]], "Something rude")
    wall.do(FAC, "hide", id=hidden)
    assert wall.refused(FAC, "spotlight", id=hidden) == "Restore that picture before showing it."
    assert wall.view(PRESENTER)["spotlight"] is None


def test_hiding_the_spotlit_picture_ends_the_spotlight(wall):
    spotlit = wall.build(ANN, [[0, 0, 1, 1, 0]], "Something rude")
    other = wall.build(BEN, [[0, 0, 1, 1, 0]], "Other")
    wall.do(FAC, "spotlight", id=spotlit)
    wall.do(FAC, "hide", id=other)
    assert wall.view(PRESENTER)["spotlight"] == spotlit  # hiding another picture: it stays
    wall.do(FAC, "hide", id=spotlit)
    assert wall.view(PRESENTER)["spotlight"] is None
    wall.do(FAC, "restore", id=spotlit)
    assert wall.view(PRESENTER)["spotlight"] is None


def test_withdrawing_the_spotlit_picture_ends_the_spotlight(wall):
    spotlit = wall.build(ANN, [[0, 0, 1, 1, 0]], "Mine")
    wall.do(FAC, "spotlight", id=spotlit)
    wall.build(ANN, [[2, 2, 1, 1, 0]], "Mine, changed")
    assert wall.view(PRESENTER)["spotlight"] == spotlit  # a change keeps it in the spotlight
    wall.do(ANN, "withdraw")
    assert wall.view(PRESENTER)["spotlight"] is None


def test_a_picture_that_is_gone_cannot_be_spotlit(wall):
    gone = wall.build(ANN, [[0, 0, 1, 1, 0]])
    wall.do(ANN, "withdraw")
    assert wall.refused(FAC, "spotlight", id=gone) == "That picture is no longer there."


# ---------------------------------------------------------------------- together
def test_each_brick_placed_goes_on_the_shared_board(plate):
    first = plate.place(ANN, 0, 0, 2, 2, 0)
    second = plate.place(BEN, 2, 0, 1, 4, 3)
    assert plate.board(PARTICIPANT) == [(first, 0, 0, 2, 2, 0), (second, 2, 0, 1, 4, 3)]
    assert plate.board(PRESENTER) == plate.board(FACILITATOR) == plate.board(PARTICIPANT)
    view = plate.view(PRESENTER)
    assert (view["count"], view["builders"]) == (2, 2)
    assert plate.mine(ANN)["my_bricks"] == [first]
    assert plate.mine(BEN)["my_bricks"] == [second]


@pytest.mark.parametrize("first, second", [(ANN, BEN), (BEN, ANN), (ANN, ANN)])
def test_the_first_brick_on_a_stud_keeps_it(plate, first, second):
    kept = plate.place(first, 4, 4, 2, 2, 1)
    for x, y, w, h in [(5, 5, 1, 1), (3, 4, 2, 1), (5, 1, 1, 4), (2, 5, 4, 1), (4, 4, 2, 2)]:
        message = plate.refused(second, "place", brick=[x, y, w, h, 2])
        assert message == "Someone has just put a brick there. Try another spot."
    assert plate.board() == [(kept, 4, 4, 2, 2, 1)]
    plate.place(second, 6, 4, 1, 1, 2)  # right next to it is free
    assert len(plate.board()) == 2


@pytest.mark.parametrize("brick", [[31, 0, 2, 1, 0], [0, 0, 3, 1, 0], [0, 0, 1, 1, 8],
                                   [0, 0, 1, 1], None, "0,0,1,1,0"])
def test_a_shared_brick_is_checked_like_any_other(plate, brick):
    plate.refused(ANN, "place", brick=brick)
    assert plate.board() == []


def test_people_take_away_their_own_bricks_and_free_the_studs(plate):
    mine = plate.place(ANN, 0, 0, 2, 2, 0)
    theirs = plate.place(BEN, 4, 0, 1, 1, 1)
    assert plate.refused(ANN, "remove", id=theirs) == "You can only take away your own bricks."
    assert plate.do(ANN, "remove", id=mine) == {"id": mine}
    assert plate.board() == [(theirs, 4, 0, 1, 1, 1)]
    assert plate.mine(ANN)["my_bricks"] == []
    assert plate.refused(ANN, "remove", id=mine) == "That brick is no longer there."
    taken = plate.place(BEN, 1, 1, 1, 1, 2)  # the studs are free again, for anyone
    assert plate.board() == [(theirs, 4, 0, 1, 1, 1), (taken, 1, 1, 1, 1, 2)]


def test_the_facilitator_takes_away_anyones_brick(plate):
    ann = plate.place(ANN, 0, 0, 1, 1, 0)
    ben = plate.place(BEN, 1, 0, 1, 1, 0)
    plate.do(FAC, "remove", id=ann)
    plate.do(FAC, "remove", id=ben)
    assert plate.board() == []
    assert (plate.view(PRESENTER)["count"], plate.view(PRESENTER)["builders"]) == (0, 0)


@pytest.mark.parametrize("brick_id", [None, "101", True, 1.5, 99999])
def test_taking_away_a_brick_that_is_not_there_is_refused(plate, brick_id):
    plate.place(ANN, 0, 0, 1, 1, 0)
    plate.refused(ANN, "remove", id=brick_id)
    plate.refused(FAC, "remove", id=brick_id)


def test_one_person_places_at_most_200_bricks_on_the_shared_board(plate):
    studs = [(x, y) for y in range(20) for x in range(32)]
    for x, y in studs[:picture.SHARED_BRICKS_PER_PERSON]:
        plate.place(ANN, x, y)
    message = plate.refused(ANN, "place", brick=[31, 19, 1, 1, 0])
    assert message == "You have placed 200 bricks: leave some room for the others."
    plate.place(BEN, 31, 19)  # the others still can
    plate.do(ANN, "remove", id=plate.mine(ANN)["my_bricks"][0])
    plate.place(ANN, 30, 19)  # and after taking one away, so can she
    assert len(plate.mine(ANN)["my_bricks"]) == 200


def test_a_shared_board_takes_bricks_not_whole_pictures(plate):
    message = plate.refused(ANN, "submit", kind="bricks", bricks=[[0, 0, 1, 1, 0]], title="X")
    assert message == "Everyone is building on the shared baseplate: place bricks on it."


def test_a_gallery_takes_whole_pictures_not_single_bricks(wall):
    assert wall.refused(ANN, "place", brick=[0, 0, 1, 1, 0]) == \
        "Build your own picture, then send it."
    assert wall.refused(ANN, "remove", id=101) == "That brick is no longer there."


def test_an_unknown_action_is_refused_by_name(wall):
    assert wall.refused(ANN, "paint", colour=1) == \
        "Build the picture has no action called 'paint'."


# ---------------------------------------------------------------------- what each role sees
def test_phones_never_see_anyone_elses_gallery_picture(wall):
    wall.build(ANN, [[0, 0, 1, 1, 0]], "Ann's secret plan", "Only for the wall")
    wall.draw(BEN, [stroke(1, 1)], "Ben's picture")
    for revealed in (True, False):
        view = wall.view(PARTICIPANT, revealed)
        assert "pictures" not in view
        assert "Ann's secret plan" not in json.dumps(view)
        assert view["count"] == 2
    assert wall.mine(BEN)["picture"]["title"] == "Ben's picture"
    assert "Ann's" not in json.dumps(wall.mine(BEN))


def test_the_screen_shows_pictures_only_once_revealed_and_never_who_made_them(wall):
    wall.build(ANN, [[0, 0, 1, 1, 0]], "A bridge", "Joined up")
    hidden = wall.view(PRESENTER, revealed=False)
    assert "pictures" not in hidden and hidden["count"] == 1
    [shown] = wall.view(PRESENTER, revealed=True)["pictures"]
    assert set(shown) == {"id", "kind", "bricks", "strokes", "title", "meaning"}
    assert (shown["title"], shown["meaning"]) == ("A bridge", "Joined up")


def test_the_console_sees_every_picture_and_who_made_it_revealed_or_not(wall):
    wall.build(ANN, [[0, 0, 1, 1, 0]], "A bridge")
    wall.do(FAC, "hide", id=wall.build(CAT, [[0, 0, 1, 1, 0]], "Hidden one"))
    for revealed in (True, False):
        console = {p["title"]: p for p in wall.view(FACILITATOR, revealed)["pictures"]}
        assert {t: (p["number"], p["organisation"], p["hidden"]) for t, p in console.items()} \
            == {"A bridge": (1, "Council", False), "Hidden one": (3, None, True)}


def test_phones_build_on_the_shared_board_even_while_the_screen_waits(plate):
    plate.place(ANN, 0, 0, 1, 1, 0)
    assert "board" not in plate.view(PRESENTER, revealed=False)
    assert plate.view(PRESENTER, revealed=False)["count"] == 1
    for role in (PARTICIPANT, FACILITATOR):
        assert len(plate.view(role, revealed=False)["board"]) == 1
    # A brick on the board says where it is, never who put it there.
    assert all(len(brick) == 6 for brick in plate.view(PARTICIPANT)["board"])
    assert str(ANN.participant_id) not in json.dumps(plate.view(PARTICIPANT))


def test_every_view_carries_the_palette_and_the_baseplates_size(wall):
    view = wall.view(PARTICIPANT)
    assert (view["width"], view["height"], view["prompt"], view["mode"]) == \
        (32, 20, PROMPT, "gallery")
    assert len(view["colours"]) == len(view["colour_names"]) == 8


# ---------------------------------------------------------------------- export
def test_the_export_lists_each_picture_with_small_organisations_folded():
    wall = Activity("gallery")
    people = [person(n, org) for n, org in enumerate(
        ["Council", "Council", "Council", "Health", "Health", "Health", "Police", None, None],
        start=1)]
    for n, who in enumerate(people):
        wall.build(who, [[n, 0, 1, 1, 0], [n, 5, 1, 2, 1]], f"Picture {who.number}",
                   f"Meaning {who.number}")
    wall.do(FAC, "hide", id=wall.mine(people[8])["picture"]["id"])
    rows = {r["title"]: r for r in picture.export_rows(wall.state)}
    assert {t: r["organisation"] for t, r in rows.items()} == {
        "Picture 1": "Council", "Picture 2": "Council", "Picture 3": "Council",
        "Picture 4": "Health", "Picture 5": "Health", "Picture 6": "Health",
        "Picture 7": OTHER, "Picture 8": OTHER, "Picture 9": OTHER}
    assert rows["Picture 7"] == {"picture": rows["Picture 7"]["picture"], "title": "Picture 7",
                                 "meaning": "Meaning 7", "kind": "bricks", "bricks": 2,
                                 "strokes": 0, "participant": 7, "organisation": OTHER,
                                 "hidden": False}
    assert rows["Picture 9"]["hidden"] is True
    assert "Police" not in json.dumps(picture.export_rows(wall.state))


def test_a_lone_organisation_is_folded_into_other_in_the_export(wall):
    wall.build(ANN, [[0, 0, 1, 1, 0]], "Alone")
    wall.draw(BEN, [stroke(1, 1, 2, 2)], "Also alone")
    rows = picture.export_rows(wall.state)
    assert {r["organisation"] for r in rows} == {OTHER}
    assert {(r["kind"], r["bricks"], r["strokes"]) for r in rows} == \
        {("bricks", 1, 0), ("drawing", 0, 1)}


# ---------------------------------------------------------------------- SVG
ALLOWED_ELEMENTS = {"svg", "title", "rect", "circle", "polyline"}
NASTY = 'Us & them <script>alert("x")</script> "quoted" <b>bold</b> > <!-- end'


def parse(svg_text):
    root = ET.fromstring(svg_text)  # fails on anything that is not well-formed XML
    assert root.tag == SVG_NS + "svg"
    return root


def tags(root):
    return [element.tag.removeprefix(SVG_NS) for element in root.iter()]


def test_a_brick_picture_as_svg_has_a_rect_per_brick_and_a_circle_per_stud():
    bricks = [[0, 0, 2, 2, 0], [4, 4, 1, 4, 7], [31, 19, 1, 1, 3]]
    root = parse(picture.render_svg("bricks", bricks, [], "Bricks"))
    found = tags(root)
    assert set(found) <= ALLOWED_ELEMENTS
    assert found.count("rect") == 1 + len(bricks)  # the baseplate and each brick
    assert found.count("circle") == 4 + 4 + 1
    fills = [r.get("fill") for r in root.iter(SVG_NS + "rect")][1:]
    assert fills == [picture.COLOURS[0], picture.COLOURS[7], picture.COLOURS[3]]
    assert root.find(SVG_NS + "title").text == "Bricks"
    assert root.get("viewBox") == "0 0 1000 625"


def test_a_drawing_as_svg_has_a_polyline_per_stroke_and_a_dot_is_a_visible_line():
    strokes = [stroke(0, 0, 500, 300, 1000, 625, colour=1, width=24), stroke(20, 30, width=4)]
    root = parse(picture.render_svg("drawing", [], strokes, "Lines"))
    assert set(tags(root)) <= ALLOWED_ELEMENTS
    lines = list(root.iter(SVG_NS + "polyline"))
    assert [line.get("points") for line in lines] == ["0,0 500,300 1000,625", "20,30 20,30"]
    assert [line.get("stroke-width") for line in lines] == ["24", "4"]
    assert lines[0].get("stroke") == picture.COLOURS[1]


@pytest.mark.parametrize("kind", ["bricks", "drawing"])
def test_a_title_with_markup_in_it_is_only_ever_text_in_the_svg(kind):
    svg_text = picture.render_svg(kind, [[0, 0, 1, 1, 0]], [stroke(1, 1)], NASTY)
    root = parse(svg_text)
    assert set(tags(root)) <= ALLOWED_ELEMENTS
    assert root.find(SVG_NS + "title").text == NASTY
    assert root.get("aria-label") == NASTY
    assert "<script" not in svg_text and "<b>" not in svg_text and "<!--" not in svg_text
    assert "&lt;script&gt;" in svg_text and "&amp;" in svg_text and "&quot;" in svg_text


def test_a_submitted_title_with_characters_xml_cannot_hold_still_makes_valid_svg(wall):
    """A title passes through text cleaning with characters that no XML document may
    contain (U+FFFE, U+FFFF); the pictures' SVG must still parse."""
    wall.build(ANN, [[0, 0, 1, 1, 0]], "Bridge\uffff over\ufffe water")
    [shown] = picture.summary(wall.state)["pictures"]
    root = parse(shown["svg"])
    assert root.find(SVG_NS + "title").text == "Bridge over water"


def test_every_picture_in_the_summary_is_svg_built_from_its_data(wall):
    wall.build(ANN, [[0, 0, 2, 2, 0]], NASTY, "Meaning")
    wall.draw(BEN, [stroke(1, 1, 50, 50)], "Lines")
    wall.do(FAC, "hide", id=wall.draw(CAT, [stroke(2, 2)], "Hidden"))
    summary = picture.summary(wall.state)
    assert [p["title"] for p in summary["pictures"]] == [NASTY, "Lines"]
    assert summary["board"] is None
    for shown in summary["pictures"]:
        root = parse(shown["svg"])
        assert set(tags(root)) <= ALLOWED_ELEMENTS
        assert root.find(SVG_NS + "title").text == shown["title"]


def test_the_shared_board_in_the_summary_is_svg_of_every_brick(plate):
    plate.place(ANN, 0, 0, 2, 2, 0)
    plate.place(BEN, 10, 10, 4, 1, 2)
    board = picture.summary(plate.state)["board"]
    assert board["bricks"] == 2
    root = parse(board["svg"])
    assert tags(root).count("rect") == 3 and tags(root).count("circle") == 8
    assert root.find(SVG_NS + "title").text == "The shared baseplate"


# ---------------------------------------------------------------------- through the engine
def start_picture(session, mode, **config):
    reply = session.control("add_activity", type="picture",
                            config={"prompt": PROMPT, "mode": mode, **config})
    session.control("start")
    return reply["activity"]["id"]


def seen(session, people):
    """Every screen of the running activity, and what each person sees of their own."""
    views = {role: session.view(role)["activity"]
             for role in (FACILITATOR, PRESENTER, PARTICIPANT)}
    own = {p.number: session.engine.own(session.code, p.participant_id)["mine"]
           for p in people}
    return views, own, session.engine.export(session.code)


def test_a_shared_board_built_by_several_people_replays_the_same_in_a_fresh_engine(session,
                                                                                   db_url):
    activity = start_picture(session, "together")
    people = [session.join(organisation=org) for org in ("Council", "Police", "Council", None)]
    ann, ben, cat, dan = people

    def place(actor, *brick):
        return session.act(actor, activity, "place", brick=list(brick))["id"]

    def refused(actor, action, **payload):
        with pytest.raises(Rejected) as refusal:
            session.act(actor, activity, action, **payload)
        return str(refusal.value)

    kept = place(ann, 4, 4, 2, 2, 0)
    # Ben and Cat reach for studs Ann already has: refused, and never stored.
    assert "Someone has just put a brick there" in refused(ben, "place", brick=[5, 5, 1, 1, 1])
    assert "Someone has just put a brick there" in refused(cat, "place", brick=[3, 4, 4, 1, 2])
    ben_first = place(ben, 6, 4, 1, 4, 1)
    cat_first = place(cat, 0, 0, 4, 1, 2)
    dan_first = place(dan, 31, 19, 1, 1, 7)
    assert "your own bricks" in refused(ben, "remove", id=kept)
    session.act(ann, activity, "remove", id=kept)
    freed = place(dan, 4, 4, 1, 1, 5)  # where Ann's brick was
    session.act(FAC, activity, "remove", id=cat_first)
    again = place(cat, 0, 0, 2, 1, 3)
    assert "Only the facilitator" in refused(ann, "spotlight", id=None)
    assert "for participants" in refused(FAC, "place", brick=[9, 9, 1, 1, 0])
    assert "Everyone is building on the shared baseplate" in refused(
        ann, "submit", kind="bricks", bricks=[[9, 9, 1, 1, 0]], title="X")

    before = seen(session, people)
    board = sorted(tuple(b) for b in before[0][PRESENTER]["view"]["board"])
    assert board == sorted([(ben_first, 6, 4, 1, 4, 1), (dan_first, 31, 19, 1, 1, 7),
                            (freed, 4, 4, 1, 1, 5), (again, 0, 0, 2, 1, 3)])
    assert before[1][dan.number]["my_bricks"] == [dan_first, freed]
    assert before[1][ann.number]["my_bricks"] == []

    fresh = session.restarted(open_engine(db_url))
    assert fresh.engine is not session.engine
    assert seen(fresh, people) == before
    # It carries on from there: the studs taken before the restart are still taken.
    with pytest.raises(Rejected, match="Someone has just put a brick there"):
        fresh.act(ann, activity, "place", brick=[6, 6, 1, 1, 0])
    assert fresh.act(ann, activity, "place", brick=[10, 10, 1, 1, 0])["id"] > again


def test_a_gallery_with_changes_hiding_and_spotlight_replays_the_same(session, db_url):
    activity = start_picture(session, "gallery")
    people = [session.join(organisation=org) for org in ("Council", "Police", None)]
    ann, ben, cat = people

    def act(actor, action, **payload):
        return session.act(actor, activity, action, **payload)

    first = act(ann, "submit", kind="bricks", bricks=[[0, 0, 2, 2, 0]], title="First")["id"]
    act(ben, "submit", kind="drawing", strokes=[stroke(1, 1, 20, 20)], title="Ben's")
    act(ann, "submit", kind="drawing", strokes=[stroke(5, 5, 50, 50)], title="Changed",
        meaning="It grew")
    rude = act(cat, "submit", kind="bricks", bricks=[[1, 1, 1, 1, 1]], title="Rude")["id"]
    act(FAC, "hide", id=rude)
    act(FAC, "spotlight", id=first)
    act(ben, "withdraw")
    with pytest.raises(Rejected, match="taken your picture off the wall"):
        act(cat, "submit", kind="bricks", bricks=[[1, 1, 1, 1, 1]], title="Again")
    with pytest.raises(Rejected, match="Only the facilitator"):
        act(ben, "hide", id=first)

    before = seen(session, people)
    console = {p["title"]: p for p in before[0][FACILITATOR]["view"]["pictures"]}
    assert set(console) == {"Changed", "Rude"}
    assert console["Changed"]["id"] == first and console["Rude"]["hidden"] is True
    assert before[0][PRESENTER]["view"]["spotlight"] == first
    assert before[1][cat.number]["taken_off"] is True

    assert seen(session.restarted(open_engine(db_url)), people) == before


def test_the_shared_board_is_closed_to_phones_while_the_activity_is_closed(session):
    activity = start_picture(session, "together")
    ann = session.join()
    placed = session.act(ann, activity, "place", brick=[0, 0, 1, 1, 0])["id"]
    session.control("close")
    with pytest.raises(Rejected, match="closed for now"):
        session.act(ann, activity, "place", brick=[2, 2, 1, 1, 0])
    with pytest.raises(Rejected, match="closed for now"):
        session.act(ann, activity, "remove", id=placed)
    assert len(session.view(PRESENTER)["activity"]["view"]["board"]) == 1
