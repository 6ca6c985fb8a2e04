"""Build the picture over Socket.IO: many phones placing bricks on the shared baseplate at
once, several reaching for the same studs; gallery pictures reaching the screen; pictures
far over the caps refused in words; and what only the facilitator may do."""
import json

import pytest

from tests.conftest import cid
from tests.live.helpers import (add_activity, as_text, at_once, newest, received,
                                refused_in_words, snapshot)

PROMPT = "Build what this partnership will have built in a year"
ORGANISATIONS = ["Council", "Police", "Health"]
PEOPLE_AT_ONCE = 12
TAKEN = "Someone has just put a brick there. Try another spot."

# Clusters of studs that every phone reaches for. Each shape covers its cluster's centre
# stud, so any two attempts on one cluster overlap and only one of them can be placed.
CENTRES = [(4, 4), (12, 4), (20, 4), (28, 4), (4, 12), (12, 12), (20, 12), (28, 12)]
SHAPES = [(0, 0, 1, 1), (-1, -1, 2, 2), (0, -3, 1, 4), (-3, 0, 4, 1), (-1, 0, 2, 1),
          (0, -1, 1, 2), (0, 0, 2, 2), (0, 0, 4, 1), (0, 0, 1, 4)]
OWN_EACH = 3  # bricks each phone places in the bottom rows, where nobody else reaches


def add_picture(room, mode, **config):
    """The facilitator adds a picture activity to the agenda over the API."""
    return add_activity(room, "picture", **{"prompt": PROMPT, "mode": mode, **config})


def act(client, room, action, submission=None, **payload):
    """What a phone (or the console) sends; answers the acknowledgement."""
    return client.emit("act", {"activity_id": room.picture, "action": action,
                               "payload": payload, "cid": submission or cid()}, callback=True)






def board(view):
    """The bricks a view shows on the shared baseplate: (id, x, y, w, h, colour)."""
    return {tuple(brick) for brick in view["activity"]["view"]["board"]}


def studs(brick):
    x, y, w, h = brick[:4]
    return {(x + i, y + j) for i in range(w) for j in range(h)}


@pytest.fixture
def together(room):
    """A running shared baseplate and its console."""
    room.picture = add_picture(room, "together")
    room.control("start")
    room.console = room.facilitator()
    return room


@pytest.fixture
def gallery(room):
    """A running gallery of pictures, the console and the screen."""
    room.picture = add_picture(room, "gallery")
    room.control("start")
    room.console = room.facilitator()
    room.screen = room.presenter()
    return room


# ---------------------------------------------------------------------- the shared board
def plan_for(phone_number):
    """The bricks one phone tries, in order: one on every contested cluster (starting from
    a different cluster on each phone) with its own bricks in between."""
    plan = []
    for k in range(len(CENTRES)):
        cluster = (phone_number + k) % len(CENTRES)
        cx, cy = CENTRES[cluster]
        dx, dy, w, h = SHAPES[(phone_number + cluster) % len(SHAPES)]
        plan.append(("cluster", cluster, [cx + dx, cy + dy, w, h, (phone_number + k) % 8]))
        if k < OWN_EACH:
            slot = phone_number * OWN_EACH + k
            plan.append(("own", None, [slot % 32, 17 + slot // 32, 1, 1, phone_number % 8]))
    return plan


def test_many_phones_on_the_same_studs_get_one_brick_each_and_every_screen_agrees(together):
    screen = together.presenter()
    phones = [together.phone(organisation=ORGANISATIONS[n % 3]) for n in range(PEOPLE_AT_ONCE)]
    plans = [plan_for(n) for n in range(PEOPLE_AT_ONCE)]
    for client in (screen, *phones):
        client.get_received()

    def builder(phone, plan):
        return lambda: [act(phone, together, "place", brick=brick) for _, _, brick in plan]

    acks = at_once([builder(phone, plan) for phone, plan in zip(phones, plans)])

    placed = {}  # brick id -> (id, x, y, w, h, colour), as acknowledged
    placed_by = {n: set() for n in range(PEOPLE_AT_ONCE)}
    winners = {cluster: [] for cluster in range(len(CENTRES))}
    for number, (plan, answers) in enumerate(zip(plans, acks)):
        assert len(answers) == len(plan)
        for (where, cluster, brick), answer in zip(plan, answers):
            if answer["ok"]:
                placed[answer["id"]] = (answer["id"], *brick)
                placed_by[number].add(answer["id"])
                if where == "cluster":
                    winners[cluster].append(number)
            else:
                assert where == "cluster", f"a brick nobody else reached for was refused: {answer}"
                assert refused_in_words(answer) == TAKEN
    assert {cluster: len(won) for cluster, won in winners.items()} == \
        {cluster: 1 for cluster in winners}, winners
    assert len(placed) == len(CENTRES) + PEOPLE_AT_ONCE * OWN_EACH
    covered = [stud for brick in placed.values() for stud in studs(brick[1:])]
    assert len(covered) == len(set(covered)), "two acknowledged bricks share a stud"
    expected = set(placed.values())

    # After the dust settles, nobody's screen disagrees with what the server acknowledged.
    shown = received(screen)
    assert board(newest(shown["view"])) == expected
    assert newest(shown["view"])["activity"]["view"]["count"] == len(expected)
    assert newest(shown["view"])["activity"]["view"]["builders"] == PEOPLE_AT_ONCE
    assert board(snapshot(screen)) == expected
    assert board(snapshot(together.console)) == expected
    for number, phone in enumerate(phones):
        sent = received(phone)
        assert board(newest(sent["view"])) == expected, f"phone {number} shows another board"
        assert set(newest(sent["mine"])["mine"]["my_bricks"]) == placed_by[number]
        again = snapshot(phone)
        assert board(again) == expected
        assert set(again["activity"]["mine"]["my_bricks"]) == placed_by[number]


def test_the_same_stud_tapped_on_two_phones_and_retried_is_placed_once(together):
    first, second = together.phone(), together.phone()
    answers = at_once([lambda: act(first, together, "place", "tap-1", brick=[7, 7, 2, 2, 0]),
                       lambda: act(second, together, "place", "tap-1", brick=[8, 8, 1, 1, 1])])
    assert sorted(a["ok"] for a in answers) == [False, True]
    [won] = [a for a in answers if a["ok"]]
    [lost] = [a for a in answers if not a["ok"]]
    assert refused_in_words(lost) == TAKEN
    winner = first if answers[0]["ok"] else second
    brick = [7, 7, 2, 2, 0] if winner is first else [8, 8, 1, 1, 1]
    retried = act(winner, together, "place", "tap-1", brick=brick)  # the same tap, resent
    assert retried["ok"] and retried["duplicate"] and retried["id"] == won["id"]
    assert board(snapshot(together.console)) == {(won["id"], *brick)}


def test_a_phone_takes_its_own_brick_away_and_the_studs_are_free_for_anyone(together):
    ann, ben = together.phone(), together.phone()
    mine = act(ann, together, "place", brick=[0, 0, 4, 1, 2])
    assert mine["ok"] and mine["own"]["mine"]["my_bricks"] == [mine["id"]]
    assert refused_in_words(act(ben, together, "place", brick=[3, 0, 1, 1, 0])) == TAKEN
    taken_away = act(ann, together, "remove", id=mine["id"])
    assert taken_away["ok"] and taken_away["own"]["mine"]["my_bricks"] == []
    now = act(ben, together, "place", brick=[3, 0, 1, 1, 0])
    assert now["ok"]
    assert board(snapshot(ann)) == {(now["id"], 3, 0, 1, 1, 0)}


# ---------------------------------------------------------------------- the gallery
PICTURES = [
    ("Council", {"kind": "bricks", "bricks": [[0, 0, 2, 2, 0], [2, 0, 1, 4, 1]],
                 "title": "Everyone at one table", "meaning": "Partners sharing one picture"}),
    ("Police", {"kind": "drawing", "strokes": [{"colour": 1, "width": 10,
                                                "points": [10, 10, 400, 300, 990, 600]}],
                "title": "A bridge <between> us & them", "meaning": ""}),
    ("Health", {"kind": "bricks", "bricks": [[10, 10, 4, 1, 3]], "title": "A long wall",
                "meaning": "Still in the way"}),
    ("Council", {"kind": "drawing", "strokes": [{"colour": 0, "width": 24, "points": [5, 5]}],
                 "title": "One dot", "meaning": "Where we start"}),
]


def test_pictures_sent_from_several_phones_appear_on_the_screen_with_their_titles(gallery):
    phones = [gallery.phone(organisation=org) for org, _ in PICTURES]
    for client in (gallery.screen, *phones):
        client.get_received()
    answers = at_once([lambda phone=phone, sent=sent: act(phone, gallery, "submit", **sent)
                       for phone, (_, sent) in zip(phones, PICTURES)])
    for answer, (_, sent) in zip(answers, PICTURES):
        assert answer["ok"], answer
        assert answer["own"]["mine"]["picture"]["title"] == sent["title"]

    expected = {sent["title"]: (sent["kind"], sent["meaning"]) for _, sent in PICTURES}
    on_screen = newest(received(gallery.screen)["view"])["activity"]["view"]
    assert {p["title"]: (p["kind"], p["meaning"]) for p in on_screen["pictures"]} == expected
    assert on_screen["count"] == len(PICTURES)
    [drawing] = [p for p in on_screen["pictures"] if p["title"].startswith("A bridge")]
    assert drawing["strokes"] == PICTURES[1][1]["strokes"]

    # A phone changes its picture: the screen shows the new one in its place.
    again = act(phones[2], gallery, "submit", kind="bricks", bricks=[[12, 12, 2, 2, 4]],
                title="A gate in the wall", meaning="A way through")
    assert again["ok"] and again["id"] == answers[2]["id"]
    titles = sorted(p["title"] for p in snapshot(gallery.screen)["activity"]["view"]["pictures"])
    assert titles == sorted(["Everyone at one table", "A bridge <between> us & them",
                             "A gate in the wall", "One dot"])
    console = snapshot(gallery.console)["activity"]["view"]["pictures"]
    assert {p["title"]: p["organisation"] for p in console}["A gate in the wall"] == "Health"


def test_a_phone_is_never_sent_anyone_elses_gallery_picture(gallery):
    ann, ben = gallery.phone(organisation="Council"), gallery.phone(organisation="Police")
    ben.get_received()
    assert act(ann, gallery, "submit", **PICTURES[0][1])["ok"]
    assert act(gallery.console, gallery, "spotlight", id=snapshot(gallery.console)
               ["activity"]["view"]["pictures"][0]["id"])["ok"]
    sent = received(ben)
    assert sent.get("view"), "the other phone was sent no update"
    for message in sent["view"] + [snapshot(ben)]:
        text = as_text(message)
        assert "Everyone at one table" not in text and "Partners sharing" not in text
        assert "pictures" not in message["activity"]["view"]
    assert newest(sent["view"])["activity"]["view"]["count"] == 1


def test_until_revealed_the_screen_shows_only_how_many_pictures_there_are(room):
    room.picture = add_picture(room, "gallery", hide_results=True)
    room.control("start")
    screen, phone = room.presenter(), room.phone()
    assert act(phone, room, "submit", **PICTURES[0][1])["ok"]
    waiting = snapshot(screen)["activity"]["view"]
    assert "pictures" not in waiting and waiting["count"] == 1
    assert "Everyone at one table" not in as_text(waiting)
    room.control("reveal")
    shown = snapshot(screen)["activity"]["view"]
    assert [p["title"] for p in shown["pictures"]] == ["Everyone at one table"]


# ---------------------------------------------------------------------- over the caps
def envelope_size(room, payload):
    """Roughly the bytes of the Socket.IO message a phone would send for this payload."""
    return len(json.dumps(["act", {"activity_id": room.picture, "action": "submit",
                                   "payload": payload, "cid": "x" * 24}])) + 8


def near_the_limit(room, make):
    """The largest payload `make(n)` gives that still fits in one message."""
    limit = room.app.config["MAX_MESSAGE_BYTES"]
    n = 1
    while envelope_size(room, make(n * 2)) < limit:
        n *= 2
    low, high = n, n * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if envelope_size(room, make(middle)) < limit else (low, middle)
    payload = make(low)
    assert 0.9 * limit < envelope_size(room, payload) < limit
    return payload


def many_bricks(n):
    return {"kind": "bricks", "title": "Flood", "meaning": "",
            "bricks": [[31, 19, 1, 1, 7]] * n}


def many_strokes(n):
    return {"kind": "drawing", "title": "Flood", "meaning": "",
            "strokes": [{"colour": 0, "width": 4, "points": [1000, 625]}] * n}


def many_points(n):
    return {"kind": "drawing", "title": "Flood", "meaning": "",
            "strokes": [{"colour": 0, "width": 4, "points": [1000, 625] * n}]}


@pytest.mark.parametrize("make, words", [
    (many_bricks, "A baseplate holds at most 640 bricks."),
    (many_strokes, "A drawing can have up to 300 strokes. Try fewer, longer lines."),
    (many_points, "That drawing is too detailed to store. Try fewer, simpler lines."),
])
def test_a_picture_that_fits_in_a_message_but_not_in_the_caps_is_refused_in_words(
        gallery, make, words):
    payload = near_the_limit(gallery, make)
    phone = gallery.phone()
    answer = act(phone, gallery, "submit", **payload)
    assert refused_in_words(answer) == words
    assert snapshot(phone)["activity"]["mine"]["picture"] is None
    console = snapshot(gallery.console)["activity"]["view"]
    assert console["count"] == 0 and console["pictures"] == []
    # The same phone is still heard: a picture within the caps goes up.
    assert act(phone, gallery, "submit", **PICTURES[0][1])["ok"]


# ---------------------------------------------------------------------- facilitator only
@pytest.mark.parametrize("action", ["hide", "restore", "spotlight"])
def test_a_participant_cannot_moderate_or_spotlight_pictures(gallery, action):
    ann, ben = gallery.phone(), gallery.phone()
    picture_id = act(ann, gallery, "submit", **PICTURES[0][1])["id"]
    if action == "restore":
        assert act(gallery.console, gallery, "hide", id=picture_id)["ok"]
    answer = act(ben, gallery, action, id=picture_id)
    assert refused_in_words(answer) == "Only the facilitator can do that."
    [shown] = snapshot(gallery.console)["activity"]["view"]["pictures"]
    assert shown["hidden"] is (action == "restore")
    assert snapshot(gallery.screen)["activity"]["view"]["spotlight"] is None


def test_a_participant_cannot_withdraw_someone_elses_picture(gallery):
    ann, ben = gallery.phone(), gallery.phone()
    assert act(ann, gallery, "submit", **PICTURES[0][1])["ok"]
    assert refused_in_words(act(ben, gallery, "withdraw")) == "You have no picture to withdraw."
    assert [p["title"] for p in snapshot(gallery.screen)["activity"]["view"]["pictures"]] == \
        ["Everyone at one table"]


def test_the_presenter_screen_cannot_take_part(gallery):
    picture_id = act(gallery.phone(), gallery, "submit", **PICTURES[0][1])["id"]
    for action, payload in (("spotlight", {"id": picture_id}), ("hide", {"id": picture_id}),
                            ("submit", PICTURES[1][1])):
        answer = act(gallery.screen, gallery, action, **payload)
        assert refused_in_words(answer) == "The presenter screen only shows; it cannot take part."
    view = snapshot(gallery.console)["activity"]["view"]
    assert view["spotlight"] is None and view["count"] == 1


def test_a_participant_cannot_take_away_someone_elses_brick_but_the_facilitator_can(together):
    ann, ben = together.phone(), together.phone()
    placed = act(ann, together, "place", brick=[5, 5, 2, 2, 1])
    assert placed["ok"]
    answer = act(ben, together, "remove", id=placed["id"])
    assert refused_in_words(answer) == "You can only take away your own bricks."
    assert board(snapshot(ben)) == {(placed["id"], 5, 5, 2, 2, 1)}
    assert act(together.console, together, "remove", id=placed["id"])["ok"]
    assert board(snapshot(ben)) == set()
    assert snapshot(ann)["activity"]["mine"]["my_bricks"] == []
