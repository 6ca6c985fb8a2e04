"""Journey mapping over Socket.IO: many phones adding notes at once, what the screen and
the phones are sent, retried notes, what only the facilitator may do, and the barriers
taken into a dot vote."""

import pytest

from tests.conftest import cid
from tests.live.helpers import (add_activity, as_text, at_once, keys_anywhere, newest,
                                received, refused_in_words, snapshot)

PROMPT = "A referral from school to early help"
STAGES = ["Need identified", "Information gathered", "Decision to share",
          "Information shared", "Information used", "Outcome"]
LANES = ["What happens", "What information, from whom to whom",
         "On what basis (consent, law, agreement)", "Barriers", "Enablers and ideas"]
ORGANISATIONS = ["Council", "Police", "Health"]
PEOPLE_AT_ONCE = 12
NOTES_EACH = 2


def add_journey(room, **config):
    """The facilitator adds a journey map to the agenda over the API."""
    return add_activity(room, "journey", **{"prompt": PROMPT, **config})






def act(client, room, action, submission=None, **payload):
    """What a phone (or the console) sends; answers the acknowledgement."""
    return client.emit("act", {"activity_id": room.journey, "action": action,
                               "payload": payload, "cid": submission or cid()}, callback=True)


def add_note(phone, room, stage, lane, text, submission=None):
    """A phone's "Add the note", with the stage and lane chosen by name."""
    return act(phone, room, "add_note", submission, stage=room.stages[stage],
               lane=room.lanes[lane], text=text)


def grid(view, room):
    """The notes a view shows: text -> (stage name, lane name, +1s)."""
    stages = {i: n for n, i in room.stages.items()}
    lanes = {i: n for n, i in room.lanes.items()}
    return {n["text"]: (stages[n["stage"]], lanes[n["lane"]], n["plus"])
            for n in view["activity"]["view"].get("notes", [])}


@pytest.fixture
def mapping(room):
    """A running journey map (the information-sharing template) and its console."""
    room.journey = add_journey(room)
    room.control("start")
    room.console = room.facilitator()
    view = snapshot(room.console)["activity"]["view"]
    room.stages = {s["name"]: s["id"] for s in view["stages"]}
    room.lanes = {lane["name"]: lane["id"] for lane in view["lanes"]}
    assert list(room.stages) == STAGES and list(room.lanes) == LANES
    return room


# ---------------------------------------------------------------------- many at once
def test_many_phones_adding_notes_at_once_all_land_in_their_cells(mapping):
    screen = mapping.presenter()
    phones = [mapping.phone(organisation=ORGANISATIONS[n % 3]) for n in range(PEOPLE_AT_ONCE)]
    cells = [(stage, lane) for stage in STAGES for lane in LANES]
    plans = [[(*cells[p * NOTES_EACH + k], f"Phone {p} note {k}") for k in range(NOTES_EACH)]
             for p in range(PEOPLE_AT_ONCE)]
    screen.get_received()

    def writer(phone, plan):
        return lambda: [add_note(phone, mapping, stage, lane, text) for stage, lane, text in plan]

    acks = at_once([writer(phone, plan) for phone, plan in zip(phones, plans)])

    for plan, answers in zip(plans, acks):
        assert all(answer["ok"] for answer in answers), answers
        own = answers[-1]["own"]["mine"]["notes"]
        assert sorted(n["text"] for n in own) == sorted(text for _s, _l, text in plan)
    expected = {text: (stage, lane, 0) for plan in plans for stage, lane, text in plan}
    assert len(expected) == PEOPLE_AT_ONCE * NOTES_EACH

    sent = received(screen).get("view")
    assert sent, "the presenter was sent no updates"
    assert grid(newest(sent), mapping) == expected
    assert newest(sent)["activity"]["view"]["count"] == len(expected)
    assert grid(snapshot(screen), mapping) == expected
    console = grid(snapshot(mapping.console), mapping)
    assert console == expected


def test_a_phone_is_never_sent_who_wrote_a_note(mapping):
    writers = [mapping.phone(organisation=org) for org in ORGANISATIONS]
    reader = mapping.phone(organisation="Council")
    reader.get_received()
    noted = []
    for n, phone in enumerate(writers):
        answer = add_note(phone, mapping, STAGES[n], "Barriers", f"Barrier number {n}")
        assert answer["ok"], answer
        noted.append(answer["id"])
    assert act(reader, mapping, "plus_one", id=noted[0])["ok"]
    assert act(reader, mapping, "feel", stage=mapping.stages[STAGES[0]], value=-1)["ok"]
    assert act(mapping.console, mapping, "hide", id=noted[2])["ok"]
    assert act(mapping.console, mapping, "merge_notes", id=noted[1], into=noted[0])["ok"]

    sent = received(reader)
    assert sent.get("view") and sent.get("mine"), sent.keys()
    messages = sent["view"] + sent["mine"] + [snapshot(reader)]
    for message in messages:
        keys = keys_anywhere(message)
        assert not keys & {"number", "organisation", "organisations", "by_facilitator",
                           "hidden", "merged", "people"}, keys
        assert "Police" not in as_text(message) and "Health" not in as_text(message)
    shown = newest(sent["view"])["activity"]["view"]["notes"]
    assert [set(note) for note in shown] == [{"id", "stage", "lane", "text", "plus"}]
    assert [(note["text"], note["plus"]) for note in shown] == [("Barrier number 0", 2)]

    # The console is told who wrote what, by anonymous number and organisation.
    console = {n["text"]: n for n in snapshot(mapping.console)["activity"]["view"]["notes"]}
    assert console["Barrier number 0"]["organisation"] == "Council"
    assert console["Barrier number 0"]["merged"] == ["Barrier number 1"]
    assert console["Barrier number 2"]["hidden"] is True


# ---------------------------------------------------------------------- retries
def test_a_retried_note_with_the_same_id_is_stored_once(mapping):
    http = mapping.join(organisation="Police")
    phone, other_tab = mapping.phone(http), mapping.phone(http)
    first = add_note(phone, mapping, "Outcome", "Barriers", "Family not told", "note-1")
    again = add_note(phone, mapping, "Outcome", "Barriers", "Family not told", "note-1")
    from_other_tab = add_note(other_tab, mapping, "Outcome", "Barriers", "Family not told",
                              "note-1")
    assert first["ok"] is True and not first.get("duplicate")
    for answer in (again, from_other_tab):
        assert answer["ok"] is True and answer["duplicate"] is True
        assert answer["id"] == first["id"]
        assert [n["text"] for n in answer["own"]["mine"]["notes"]] == ["Family not told"]
    assert grid(snapshot(mapping.console), mapping) == {
        "Family not told": ("Outcome", "Barriers", 0)}

    someone_else = mapping.phone()  # the same id from another person is their own note
    assert not add_note(someone_else, mapping, "Outcome", "Barriers", "Family not told",
                        "note-1").get("duplicate")
    assert snapshot(mapping.console)["activity"]["view"]["count"] == 2
    with mapping.engine.store.transaction() as tx:
        stored = [a for a in tx.actions(mapping.engine.workshop(mapping.code).id)
                  if a.client_id == "note-1"]
    assert len(stored) == 2
    assert len({a.participant_id for a in stored}) == 2


# ---------------------------------------------------------------------- facilitator only
FACILITATOR_ONLY = [
    ("move_note", lambda ids, room: {"id": ids[0], "stage": room.stages["Outcome"],
                                     "lane": room.lanes["Barriers"]}),
    ("merge_notes", lambda ids, room: {"id": ids[0], "into": ids[1]}),
    ("hide", lambda ids, room: {"id": ids[1]}),
    ("restore", lambda ids, room: {"id": ids[2]}),
    ("add_stage", lambda ids, room: {"name": "Review", "position": 0}),
    ("rename_stage", lambda ids, room: {"stage": room.stages["Outcome"], "name": "The end"}),
    ("move_stage", lambda ids, room: {"stage": room.stages["Outcome"], "position": 0}),
    ("remove_stage", lambda ids, room: {"stage": room.stages["Information used"]}),
    ("focus", lambda ids, room: {"stage": room.stages["Outcome"]}),
]


@pytest.mark.parametrize("action, payload", FACILITATOR_ONLY,
                         ids=[action for action, _ in FACILITATOR_ONLY])
def test_a_participant_cannot_rearrange_or_moderate_the_map(mapping, action, payload):
    phone = mapping.phone()
    other = mapping.phone()
    ids = [add_note(phone, mapping, STAGES[0], LANES[0], "My own note")["id"],
           add_note(other, mapping, STAGES[0], LANES[0], "Someone else's")["id"],
           add_note(other, mapping, STAGES[1], LANES[0], "Hidden one")["id"]]
    assert act(mapping.console, mapping, "hide", id=ids[2])["ok"]
    before = snapshot(mapping.console)["activity"]["view"]

    answer = act(phone, mapping, action, **payload(ids, mapping))
    assert "Only the facilitator" in refused_in_words(answer)
    assert snapshot(mapping.console)["activity"]["view"] == before

    screen = mapping.presenter()
    assert "only shows" in refused_in_words(act(screen, mapping, action,
                                                **payload(ids, mapping)))
    assert snapshot(mapping.console)["activity"]["view"] == before


def test_the_console_rearranges_the_map_and_every_screen_follows(mapping):
    phone = mapping.phone()
    screen = mapping.presenter()
    note = add_note(phone, mapping, "Outcome", "Barriers", "Nobody follows up")["id"]
    outcome = mapping.stages["Outcome"]
    review = act(mapping.console, mapping, "add_stage", name="Review", position=0)
    assert review["ok"], review
    for action, payload in (("rename_stage", {"stage": outcome, "name": "What changed"}),
                            ("move_note", {"id": note, "stage": review["stage"],
                                           "lane": mapping.lanes["Enablers and ideas"]}),
                            ("focus", {"stage": review["stage"]})):
        answer = act(mapping.console, mapping, action, **payload)
        assert answer["ok"], answer
    for client in (screen, phone):
        view = snapshot(client)["activity"]["view"]
        assert [s["name"] for s in view["stages"]] == ["Review", *STAGES[:-1], "What changed"]
        assert view["focus"] == review["stage"]
        [shown] = view["notes"]
        assert (shown["stage"], shown["lane"]) == (review["stage"],
                                                   mapping.lanes["Enablers and ideas"])


# ---------------------------------------------------------------------- into a dot vote
def test_the_barriers_become_the_options_of_a_dot_vote(mapping):
    phones = [mapping.phone(organisation=ORGANISATIONS[n % 3]) for n in range(5)]
    written = [
        ("Decision to share", "Barriers", "Nobody is sure what consent covers"),
        ("Information shared", "Barriers", "Systems do not talk to each other"),
        ("Outcome", "Barriers", "Families are not told what happened"),
        ("Need identified", "Barriers", "Something rude"),
        ("Information shared", "What happens", "Email to the social worker"),
        ("Decision to share", "Enablers and ideas", "One shared consent form"),
    ]
    ids = {}
    for n, (stage, lane, text) in enumerate(written):
        answer = add_note(phones[n % 5], mapping, stage, lane, text)
        assert answer["ok"], answer
        ids[text] = answer["id"]
    for phone in phones[2:5]:
        assert act(phone, mapping, "plus_one", id=ids["Systems do not talk to each other"])["ok"]
    assert act(phones[0], mapping, "plus_one", id=ids["Families are not told what happened"])["ok"]
    assert act(mapping.console, mapping, "hide", id=ids["Something rude"])["ok"]

    taken = mapping.console.emit("items", {"activity_id": mapping.journey}, callback=True)
    assert taken["ok"] is True, taken
    barriers = [item["text"] for item in taken["items"] if item["group"] == "Barriers"]
    assert barriers == ["Systems do not talk to each other",  # most +1s first
                        "Families are not told what happened",
                        "Nobody is sure what consent covers"]

    added = mapping.console.emit("control", {"command": "add_activity", "args": {
        "type": "dotvote", "config": {"prompt": "Which barrier should we tackle first?",
                                      "options": "\n".join(barriers)}}}, callback=True)
    assert added["ok"] is True, added
    assert mapping.console.emit("control", {"command": "next"}, callback=True)["ok"]

    voter = phones[1]
    vote = snapshot(voter)["activity"]
    assert vote["type"] == "dotvote"
    options = {o["text"]: o["id"] for o in vote["view"]["options"]}
    assert list(options) == barriers
    tapped = voter.emit("act", {"activity_id": vote["id"], "action": "add",
                                "payload": {"option": options[barriers[1]]}, "cid": cid()},
                        callback=True)
    assert tapped["ok"] is True and tapped["dots"] == 1, tapped

    # The journey is no longer running: its notes are kept, and phones cannot add more.
    late = add_note(voter, mapping, "Outcome", "Barriers", "Too late")
    assert "not running" in refused_in_words(late)
    kept = mapping.console.emit("items", {"activity_id": mapping.journey}, callback=True)
    assert kept["items"] == taken["items"]
