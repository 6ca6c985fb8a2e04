"""What the presenter is sent when a conference contributes: what its screen can show,
and how many there are of the rest, never every item (a hall of 2,000 would otherwise
send every screen every note at each update). The facilitator still gets everything."""
import json

import pytest

from activities import (actionplan, checklist, configure, dotvote, glossary, journey, partnermap,
                        picture, questions)
from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Actor, Context, Rejected
from tests.unit.helpers import handle

ORGANISATIONS = ["Council", "Police", "Health", "Schools", "Housing"]


def person(n):
    return Actor(PARTICIPANT, participant_id=5000 + n, number=n,
                 organisation=ORGANISATIONS[n % len(ORGANISATIONS)])


class Activity:
    """One activity's state, each action numbered as the engine would number it."""

    def __init__(self, module, **config):
        self.module = module
        self.state = module.initial_state(configure(module, config))
        self.seq = 100

    def do(self, actor, action, **payload):
        self.seq += 1
        return handle(self.module, self.state, action, payload,
                      Context(actor, self.seq, 1_700_000_000.0 + self.seq))

    def view(self, role, revealed=True):
        return self.module.public_view(self.state, role, revealed)


def size(view):
    return len(json.dumps(view, ensure_ascii=False).encode())


# ---------------------------------------------------------------------- journey map
def busy_journey(people=300):
    """Every note in two cells; in the busiest, the later notes have the most +1s."""
    room = Activity(journey, prompt="The journey")
    ids = [room.do(person(n), "add_note", stage=2, lane=3, text=f"Barrier {n}")["id"]
           for n in range(people)]
    for n in range(20):
        room.do(person(n), "add_note", stage=0, lane=0, text=f"First {n}")
    for backers, note in enumerate(ids[-5:], 1):  # the last five: +1 .. +5
        for n in range(backers):
            room.do(person(n), "plus_one", id=note)
    return room, ids


def test_the_presenter_gets_the_most_agreed_notes_of_each_cell_and_every_cells_count():
    room, ids = busy_journey()
    view = room.view(PRESENTER)
    cells = {(c["stage"], c["lane"]): c["count"] for c in view["cells"]}
    assert cells == {(2, 3): 300, (0, 0): 20}
    assert view["count"] == 320
    busy = [n for n in view["notes"] if (n["stage"], n["lane"]) == (2, 3)]
    assert len(busy) == journey.CELL_LIMIT
    # most +1s first, then the oldest of those with none
    assert [n["id"] for n in busy] == ids[-5:][::-1] + ids[:journey.CELL_LIMIT - 5]
    assert len([n for n in view["notes"] if n["stage"] == 0]) == journey.CELL_LIMIT


def test_a_stage_in_focus_is_sent_alone_with_more_of_each_cell():
    room, ids = busy_journey()
    room.do(Actor(FACILITATOR), "focus", stage=2)
    view = room.view(PRESENTER)
    assert {n["stage"] for n in view["notes"]} == {2}
    assert len(view["notes"]) == journey.FOCUS_LIMIT
    assert {(c["stage"], c["lane"]): c["count"] for c in view["cells"]} == \
        {(2, 3): 300, (0, 0): 20}  # the counts of every cell all the same


def test_the_facilitator_still_gets_every_note_and_a_phone_the_most_agreed_of_each_cell():
    room, ids = busy_journey()
    assert len(room.view(FACILITATOR)["notes"]) == 320
    phone = room.view(PARTICIPANT)
    assert {(c["stage"], c["lane"]): c["count"] for c in phone["cells"]} == \
        {(2, 3): 300, (0, 0): 20}
    busy = [n["id"] for n in phone["notes"] if (n["stage"], n["lane"]) == (2, 3)]
    assert busy == ids[-5:][::-1][:journey.CELL_ON_PHONE]
    assert len(phone["notes"]) == 2 * journey.CELL_ON_PHONE
    assert "cells" not in room.view(PRESENTER, revealed=False)
    assert "cells" not in room.view(PARTICIPANT, revealed=False)


def test_a_phone_gets_every_cells_most_agreed_note_before_any_cells_second():
    room = Activity(journey, prompt="The journey")  # 6 stages, 5 lanes: 30 cells
    firsts = {}
    for n in range(6 * 30):  # more than a room's worth (WHOLE_ROOM)
        stage, lane = n % 6, n // 6 % 5
        note = room.do(person(n), "add_note", stage=stage, lane=lane, text=f"Note {n}")
        firsts.setdefault((stage, lane), note["id"])
    notes = room.view(PARTICIPANT)["notes"]
    assert len(notes) == journey.NOTES_ON_PHONE == 30
    assert {n["id"] for n in notes} == set(firsts.values())


def read_cell(room, actor, revealed=True, **payload):
    """A phone's `open_cell`, as the engine carries out an action that only reads."""
    return handle(journey, room.state, "open_cell", payload,
                  Context(actor, room.seq, 1_700_000_000.0, revealed=revealed))


def test_a_phone_opening_a_busy_cell_reads_its_most_agreed_notes_a_page_at_a_time():
    room, ids = busy_journey()
    reader = person(999)
    cell = read_cell(room, reader, stage=2, lane=3)
    assert (cell["stage"], cell["lane"], cell["count"]) == (2, 3, 300)
    assert [n["id"] for n in cell["notes"]] == \
        ids[-5:][::-1] + ids[:journey.CELL_PAGE - 5]  # most +1s, then the oldest
    assert cell["more"] == 300 - journey.CELL_PAGE
    assert cell["notes"][0] == {"id": ids[-1], "stage": 2, "lane": 3,
                                "text": "Barrier 299", "plus": 5}  # nobody's name or number
    three = read_cell(room, reader, stage=2, lane=3, pages=3)
    assert len(three["notes"]) == 3 * journey.CELL_PAGE and three["more"] == 300 - 90
    whole = read_cell(room, reader, stage=2, lane=3, pages=journey.CELL_PAGES)
    assert len(whole["notes"]) == 300 and whole["more"] == 0
    assert read_cell(room, reader, stage=1, lane=1) == {
        "stage": 1, "lane": 1, "count": 0, "more": 0, "stamp": 0, "notes": []}


def test_an_opened_cell_always_holds_its_readers_own_notes_and_never_what_others_may_not_see():
    room, ids = busy_journey()
    writer = person(150)  # wrote ids[150]: no +1s, far down the cell
    mine = room.do(writer, "add_note", stage=2, lane=3, text="My second, also unread")["id"]
    room.do(Actor(FACILITATOR), "hide", id=ids[0])
    room.do(Actor(FACILITATOR), "hide", id=mine)  # hidden from its author too
    room.state.config["review_first"] = True
    held = room.do(person(998), "add_note", stage=2, lane=3, text="Waits for review")["id"]
    theirs = [n["id"] for n in read_cell(room, writer, stage=2, lane=3)["notes"]]
    assert ids[150] in theirs and len(theirs) == journey.CELL_PAGE + 1
    others = read_cell(room, person(997), stage=2, lane=3, pages=journey.CELL_PAGES)
    seen = {n["id"] for n in others["notes"]}
    assert ids[150] in seen and not seen & {ids[0], mine, held}
    assert others["count"] == 299 and others["more"] == 0
    # the author of what waits does not find it in the cell either: it is in their own list
    assert held not in {n["id"] for n in read_cell(room, person(998), stage=2, lane=3,
                                                   pages=journey.CELL_PAGES)["notes"]}


def test_a_cell_is_read_only_while_the_notes_are_shown_and_only_a_cell_of_the_map():
    room, ids = busy_journey()
    with pytest.raises(Rejected, match="not shown to the room yet"):
        read_cell(room, person(1), revealed=False, stage=2, lane=3)
    for payload, words in (({"stage": 99, "lane": 3}, "one of the journey's stages"),
                           ({"stage": 2, "lane": "3"}, "one of the journey's lanes"),
                           ({"stage": 2, "lane": 3, "pages": 0}, "from 1 to 10"),
                           ({"stage": 2, "lane": 3, "pages": 11}, "from 1 to 10")):
        with pytest.raises(Rejected, match=words):
            read_cell(room, person(1), **payload)


def test_a_cells_stamp_on_a_phone_changes_with_what_the_room_sees_of_that_cell_only():
    room, ids = busy_journey()

    def stamps():
        return {(c["stage"], c["lane"]): c["stamp"] for c in room.view(PARTICIPANT)["cells"]}

    seen = stamps()
    assert seen[(2, 3)] == read_cell(room, person(1), stage=2, lane=3)["stamp"]
    assert "stamp" not in room.view(PRESENTER)["cells"][0]
    changes = [lambda: room.do(person(7), "plus_one", id=ids[200]),
               lambda: room.do(person(200), "edit_note", id=ids[200], text="Barrier, put "
                                                                         "another way"),
               lambda: room.do(Actor(FACILITATOR), "hide", id=ids[201]),
               lambda: room.do(person(202), "delete_note", id=ids[202]),
               lambda: room.do(person(400), "add_note", stage=2, lane=3, text="Another")]
    for change in changes:
        change()
        now = stamps()
        assert now[(2, 3)] != seen[(2, 3)] and now[(0, 0)] == seen[(0, 0)]
        seen = now
    room.do(person(400), "add_note", stage=0, lane=0, text="Elsewhere")
    assert stamps()[(2, 3)] == seen[(2, 3)]


def test_a_rooms_worth_reaches_every_phone_whole_to_read_and_plus_one():
    """Forty people: a cell of 42 notes, 40 meanings, questions, actions and checklist
    answers reach each phone every one, so nothing gains +1s for being shown first."""
    notes = Activity(journey, prompt="The journey")
    for n in range(56):
        stage, lane = (2, 3) if n < 42 else (n % 6, 0)
        notes.do(person(n), "add_note", stage=stage, lane=lane, text=f"Note {n}")
    assert len(notes.view(PARTICIPANT)["notes"]) == 56
    words = Activity(glossary, prompt="Words")
    for n in range(40):
        words.do(person(n), "define", term=f"Term {n % 16:02}", meaning=f"Meaning {n}")
    groups = words.view(PARTICIPANT)["groups"]
    assert (len(groups), sum(len(g["definitions"]) for g in groups)) == (16, 40)
    asked = Activity(questions, prompt="Ask the panel")
    plan = Activity(actionplan)
    answers = Activity(checklist)
    for n in range(40):
        asked.do(person(n), "ask", text=f"Question {n}")
        plan.do(person(n), "propose", text=f"Action {n}", owner="", due=None)
        answers.do(person(n), "answer", question="purpose", text=f"Purpose {n}")
    assert len(asked.view(PARTICIPANT)["questions"]) == 40
    assert len(plan.view(PARTICIPANT)["items"]) == 40
    purpose = next(q for q in answers.view(PARTICIPANT)["questions"] if q["key"] == "purpose")
    assert len(purpose["answers"]) == purpose["count"] == 40


# ---------------------------------------------------------------------- shared language
def test_the_presenter_gets_the_most_defined_terms_with_their_top_meanings():
    room = Activity(glossary, prompt="Words")
    n = 0
    for term in range(glossary.TERMS_ON_SCREEN + 20):  # term t has 1 + t % 7 meanings
        for meaning in range(1 + term % 7):
            n += 1
            room.do(person(n), "define", term=f"Term {term:03}", meaning=f"Meaning {meaning}")
    busiest = glossary._groups(room.state)  # every term, every meaning the room may see
    view = room.view(PRESENTER)
    assert view["terms"] == len(busiest) == glossary.TERMS_ON_SCREEN + 20
    assert len(view["groups"]) == glossary.TERMS_ON_SCREEN
    shown = [g["terms"][0] for g in view["groups"]]
    assert shown == sorted(shown), "not in the glossary's order"
    least_shown = min(g["meanings"] for g in view["groups"])
    assert all(len(g["definitions"]) <= least_shown for g in busiest
               if g["terms"][0] not in shown), "a term with more meanings was left out"
    for group in view["groups"]:
        full = next(g for g in busiest if g["key"] == group["key"])
        assert group["meanings"] == len(full["definitions"])
        assert group["definitions"] == full["definitions"][:glossary.MEANINGS_ON_SCREEN]
    phone = room.view(PARTICIPANT)  # the same choice, fewer of each
    assert phone["terms"] == view["terms"]
    assert len(phone["groups"]) == glossary.TERMS_ON_PHONE
    on_phone = {g["key"] for g in phone["groups"]}
    least_sent = min(g["meanings"] for g in phone["groups"])
    assert all(len(g["definitions"]) <= least_sent for g in busiest
               if g["key"] not in on_phone), "a term with more meanings was left out"
    for group in phone["groups"]:
        full = next(g for g in busiest if g["key"] == group["key"])
        assert group["meanings"] == len(full["definitions"])
        assert group["definitions"] == full["definitions"][:glossary.MEANINGS_ON_PHONE]


# ---------------------------------------------------------------------- partner map
def test_the_presenter_gets_the_most_named_of_each_ring_and_each_rings_count():
    room = Activity(partnermap, prompt="Who?")
    n = 0
    for ring, partners in (("room", 5), ("missing", partnermap.NAMES_ON_SCREEN + 30)):
        for p in range(partners):
            for _times in range(1 + p % 4):
                n += 1
                room.do(person(n), "name", name=f"{ring} partner {p}", place=ring)
    everything = room.view(FACILITATOR)["partners"]
    view = room.view(PRESENTER)
    assert view["rings"] == {"room": 5, "involved": 0,
                             "missing": partnermap.NAMES_ON_SCREEN + 30}
    missing = [p for p in view["partners"] if p["place"] == "missing"]
    assert missing == [p for p in everything if p["place"] == "missing"][
        :partnermap.NAMES_ON_SCREEN], "not the most named"
    assert [p for p in view["partners"] if p["place"] == "room"] == \
        [p for p in everything if p["place"] == "room"]


# ---------------------------------------------------------------------- pictures
def test_the_presenter_gets_the_newest_pictures_and_the_one_in_the_spotlight():
    room = Activity(picture, prompt="Build it")
    ids = [room.do(person(n), "submit", kind="bricks", bricks=[[n % 20, 0, 1, 1, 0]],
                   title=f"Picture {n}")["id"] for n in range(picture.GALLERY_LIMIT + 10)]
    view = room.view(PRESENTER)
    assert view["count"] == picture.GALLERY_LIMIT + 10
    assert [p["id"] for p in view["pictures"]] == ids[-picture.GALLERY_LIMIT:]
    room.do(Actor(FACILITATOR), "spotlight", id=ids[0])
    assert ids[0] in [p["id"] for p in room.view(PRESENTER)["pictures"]]


# ---------------------------------------------------------------------- proposals
def test_the_presenter_gets_the_newest_proposals_and_their_count():
    room = Activity(dotvote, prompt="What first?", propose_first=True)
    texts = [f"Proposal {n}" for n in range(dotvote.PROPOSALS_ON_SCREEN + 50)]
    for n, text in enumerate(texts):
        room.do(person(n), "propose", text=text)
    view = room.view(PRESENTER)
    assert view["proposal_count"] == len(texts)
    assert [p["text"] for p in view["proposals"]] == texts[-dotvote.PROPOSALS_ON_SCREEN:]
    assert len(room.view(FACILITATOR)["proposals"]) == len(texts)


def test_a_conference_journey_view_stays_small():
    """2,000 people, a 280-character note each, in one cell: the presenter's view is a
    few dozen notes, not 2,000."""
    room = Activity(journey, prompt="The journey")
    for n in range(2000):
        room.do(person(n), "add_note", stage=n % 6, lane=n % 5, text=("x" * 270) + f"{n:010}")
    assert size(room.view(FACILITATOR)) > 600_000
    assert size(room.view(PRESENTER)) < 30 * journey.CELL_LIMIT * 400
