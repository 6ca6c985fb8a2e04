"""What a participant cannot do, tried one attempt at a time over HTTP and over Socket.IO:
act as the facilitator, see what is hidden, act in another workshop, or change somebody
else's contributions.

Every refusal is checked against what a person would see: the attempt is refused (in
words, or with the page's status), nothing changed (the workshop's version, which every
stored change moves, is the same), and where it makes sense the same attempt by the person
entitled to it does work, so the refusal is the permission check and not a typo."""
import json

import pytest

import activities
from activities.base import FACILITATOR, PARTICIPANT
from tests.conftest import Room, cid
from tests.live.helpers import refusal, refused_in_words
from workshop import engine as engine_module
from workshop.extensions import socketio

ONLY_FACILITATOR = "Only the facilitator can do that."
MARK = "Zebra-crossing-7301"  # a contribution's text, easy to look for anywhere


# ---------------------------------------------------------------------- helpers
def act(client, activity_id, action, **payload):
    return client.emit("act", {"activity_id": activity_id, "action": action,
                               "payload": payload, "cid": cid()}, callback=True)


def control(client, command, **args):
    return client.emit("control", {"command": command, "args": args}, callback=True)


def sync(client):
    reply = client.emit("sync", {}, callback=True)
    assert reply["ok"] is True, reply
    return reply["view"]


def version(room):
    return room.engine.workshop(room.code).version


def facilitator_view(room):
    return room.engine.view(room.code, FACILITATOR)


def token_of(http, code):
    return http.get_cookie(f"rt_p_{code}").value


def text_of(value):
    return json.dumps(value, ensure_ascii=False)


def add(room, type_id, **config):
    answer = room.api("post", f"/api/workshops/{room.code}/activities",
                      {"type": type_id, "config": config})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["activity"]["id"]


CONFIGS = {
    "question": {"prompt": "What gets in the way?"},
    "questions": {"prompt": "Your questions for the panel"},
    "dotvote": {"prompt": "Which first?", "options": "Budgets\nConsent\nSystems"},
    "journey": {},
    "picture": {},
    "healthcheck": {},
    "glossary": {"prompt": "Which words do we use differently?"},
    "partnermap": {"prompt": "Who is involved?"},
    "checklist": {},
    "actionplan": {},
}


# ====================================================================== as the facilitator
# ---------------------------------------------------------------------- Socket.IO
def control_attempts(first, second):
    """A command of every kind, with arguments that work for the facilitator."""
    return {
        "start": {}, "next": {}, "previous": {}, "goto": {"position": 1}, "open": {},
        "close": {}, "reveal": {}, "hide_results": {}, "timer": {"seconds": 60},
        "joining": {"open": False},
        "display": {"activity_id": first, "as": "cloud"},
        "add_activity": {"type": "question", "config": {"prompt": "Sneaked in"}},
        "update_activity": {"activity_id": first, "config": {"prompt": "Rewritten"}},
        "move_activity": {"activity_id": first, "position": 1},
        "remove_activity": {"activity_id": second},
        "add_agenda": {"agenda": "partnership"},
        "set_organisations": {"organisations": ["Mine only"]},
        "set_languages": {"languages": ["cy"]},
        "rename": {"title": "Taken over"},
    }


def test_every_control_command_has_an_attempt_below():
    assert set(control_attempts(1, 2)) == set(engine_module.CONTROLS)


@pytest.mark.parametrize("command", sorted(engine_module.CONTROLS))
def test_a_participant_cannot_run_a_control_command_over_socketio(room, command):
    first = room.add_question("First", hide_results=True)
    second = room.add_question("Second")
    room.control("start")
    args = control_attempts(first, second)[command]
    phone = room.phone()
    before, shown = version(room), facilitator_view(room)

    assert refused_in_words(control(phone, command, **args)) == ONLY_FACILITATOR
    assert version(room) == before
    assert facilitator_view(room)["agenda"] == shown["agenda"]
    assert facilitator_view(room)["workshop"]["title"] == shown["workshop"]["title"]

    assert control(room.facilitator(), command, **args)["ok"] is True  # the real one can


def test_a_participant_cannot_read_an_activitys_items_over_socketio(room):
    question = room.add_question()
    room.control("start")
    phone = room.phone()
    assert act(phone, question, "answer", text=MARK)["ok"] is True
    assert refused_in_words(phone.emit("items", {"activity_id": question}, callback=True)) \
        == ONLY_FACILITATOR
    offered = room.facilitator().emit("items", {"activity_id": question}, callback=True)
    assert [item["text"] for item in offered["items"]] == [MARK]


def facilitator_only_actions():
    return [(type_id, action) for type_id, module in activities.TYPES.items()
            for action, declared in sorted(module.actions.items())
            if PARTICIPANT not in declared.roles]


@pytest.mark.parametrize("type_id,action", facilitator_only_actions(),
                         ids=[f"{t}-{a}" for t, a in facilitator_only_actions()])
def test_a_participant_cannot_take_a_facilitator_only_action_over_socketio(
        room, type_id, action):
    activity = add(room, type_id, **CONFIGS[type_id])
    room.control("start")
    phone = room.phone()
    before = version(room)
    assert refused_in_words(act(phone, activity, action, id=1)) == ONLY_FACILITATOR
    assert version(room) == before
    # The facilitator is let past the permission check (then told if the details are off).
    answered = act(room.facilitator(), activity, action, id=1)
    assert answered.get("error") != ONLY_FACILITATOR, answered


@pytest.mark.parametrize("moderation", ["hide", "restore"])
def test_a_participant_cannot_moderate_another_persons_answer_over_socketio(room, moderation):
    question = room.add_question()
    room.control("start")
    author, other = room.phone(), room.phone()
    answer_id = act(author, question, "answer", text=MARK)["id"]
    console = room.facilitator()
    if moderation == "restore":
        assert act(console, question, "hide", id=answer_id)["ok"] is True
    before, hidden = version(room), moderation == "restore"

    assert refused_in_words(act(other, question, moderation, id=answer_id)) == ONLY_FACILITATOR
    assert refused_in_words(act(author, question, moderation, id=answer_id)) == \
        ONLY_FACILITATOR
    assert version(room) == before
    shown = facilitator_view(room)["activity"]["view"]["answers"]
    assert [(a["text"], a["hidden"]) for a in shown] == [(MARK, hidden)]

    assert act(console, question, moderation, id=answer_id)["ok"] is True


def test_a_participant_cookie_does_not_open_the_console_connection(room):
    http = room.join()
    auth = {"code": room.code, "role": "facilitator"}
    assert "Only the facilitator" in refusal(room.app, auth, http=http)


def test_a_participant_token_given_as_the_key_does_not_open_the_console_connection(room):
    http = room.join()
    auth = {"code": room.code, "role": "facilitator", "key": token_of(http, room.code)}
    assert "Only the facilitator" in refusal(room.app, auth)


def test_a_participant_token_in_the_facilitator_cookie_does_not_open_the_console_connection(
        room):
    http = room.join()
    http.set_cookie(f"rt_f_{room.code}", token_of(http, room.code))
    assert "Only the facilitator" in refusal(room.app, {"code": room.code,
                                                        "role": "facilitator"}, http=http)


# ---------------------------------------------------------------------- HTTP
def console_attempts(code):
    return {
        "console page": ("get", f"/f/{code}", {}),
        "html report": ("get", f"/f/{code}/export/html", {}),
        "spreadsheets": ("get", f"/f/{code}/export/csv", {}),
        "json archive": ("get", f"/f/{code}/export/json", {}),
        "delete now": ("post", f"/f/{code}/delete", {"data": {"confirm": code}}),
    }


@pytest.mark.parametrize("attempt", list(console_attempts("X")))
@pytest.mark.parametrize("credential", ["participant cookie", "token as facilitator cookie"])
def test_a_participant_cannot_use_the_console_over_http(room, attempt, credential):
    question = room.add_question()
    room.control("start")
    http = room.join()
    assert act(room.phone(http), question, "answer", text=MARK)["ok"] is True
    if credential == "token as facilitator cookie":
        http.set_cookie(f"rt_f_{room.code}", token_of(http, room.code))
    method, path, options = console_attempts(room.code)[attempt]
    before = version(room)

    refused = getattr(http, method)(path, **options)
    assert refused.status_code == 403, (refused.status_code, refused.text[:200])
    assert "Only the facilitator" in refused.text
    assert MARK not in refused.text
    assert "Set-Cookie" not in refused.headers
    assert room.engine.workshop(room.code) is not None and version(room) == before

    console = room.app.test_client()
    console.get(f"/f/{room.code}/{room.key}")
    allowed = getattr(console, method)(path, **options)
    assert allowed.status_code in (200, 303), allowed.status_code


def api_attempts(code, activity):
    workshop = f"/api/workshops/{code}"
    return {
        "read the workshop": ("get", workshop, None),
        "add an activity": ("post", f"{workshop}/activities",
                            {"type": "question", "config": {"prompt": "Sneaked in"}}),
        "change an activity": ("patch", f"{workshop}/activities/{activity}",
                               {"config": {"prompt": "Rewritten"}}),
        "remove an activity": ("delete", f"{workshop}/activities/{activity}", None),
        "read items": ("get", f"{workshop}/activities/{activity}/items", None),
        "move an activity": ("post", f"{workshop}/activities/{activity}/move",
                             {"position": 0}),
        "run a command": ("post", f"{workshop}/control", {"command": "next"}),
        "export": ("get", f"{workshop}/export?format=json", None),
        "delete the workshop": ("delete", workshop, None),
    }


@pytest.mark.parametrize("attempt", list(api_attempts("X", 1)))
@pytest.mark.parametrize("credential", ["participant cookie", "token as bearer key"])
def test_a_participant_cannot_use_the_facilitator_api(room, attempt, credential):
    room.add_question("First")
    question = room.add_question("Second")
    room.control("start")
    http = room.join()
    headers = {}
    if credential == "token as bearer key":
        headers["Authorization"] = f"Bearer {token_of(http, room.code)}"
    method, path, body = api_attempts(room.code, question)[attempt]
    before = version(room)

    refused = getattr(http, method)(path, json=body, headers=headers)
    assert refused.status_code == 401, (refused.status_code, refused.text[:200])
    assert "facilitator key" in refused.get_json()["error"]
    assert version(room) == before and room.engine.workshop(room.code) is not None

    allowed = room.api(method, path, body)
    assert allowed.status_code in (200, 201), (allowed.status_code, allowed.text[:200])


# ====================================================================== hidden things
def non_facilitator_views(room, http_author, http_other):
    """Everything the room's phones and screens can be sent now: each phone's snapshot
    (their own part included) and a presenter screen opened from a phone."""
    author = room.phone(http_author)
    other = room.phone(http_other)
    peeking = socketio.test_client(room.app, flask_test_client=http_other,
                                   auth={"code": room.code, "role": "presenter"})
    return {"author": sync(author), "other phone": sync(other),
            "presenter opened by a phone": sync(peeking)}


def contribution(type_id):
    """(config, action, payload) of a contribution carrying MARK, for each type."""
    return {
        "question": ({}, "answer", {"text": MARK}),
        "questions": ({}, "ask", {"text": MARK}),
        "dotvote": ({"propose_first": True, "options": ""}, "propose", {"text": MARK}),
        "journey": ({}, "add_note", {"stage": 0, "lane": 0, "text": MARK}),
        "picture": ({}, "submit", {"kind": "bricks", "bricks": [[0, 0, 2, 2, 1]],
                                   "title": MARK}),
        "healthcheck": ({}, "comment", {"element": 0, "text": MARK}),
        "glossary": ({}, "define", {"term": MARK, "meaning": "What we mean by it"}),
        "partnermap": ({}, "name", {"name": MARK, "place": "missing"}),
        "checklist": ({}, "answer", {"question": "purpose", "text": MARK}),
        "actionplan": ({}, "propose", {"text": MARK, "owner": "Police"}),
    }[type_id]


def hidden_id(room):
    """The id the facilitator's hide action takes for the MARK contribution: that of the
    object in the console's view whose text carries MARK."""
    def ids(value):
        if isinstance(value, dict):
            if "id" in value and any(isinstance(v, str) and MARK in v for v in value.values()):
                yield value["id"]
            for inner in value.values():
                yield from ids(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from ids(inner)

    found = list(ids(facilitator_view(room)["activity"]["view"]))
    assert found, facilitator_view(room)["activity"]["view"]
    return found[0]


@pytest.mark.parametrize("type_id", [t for t, module in activities.TYPES.items()
                                     if "hide" in module.actions])  # not the DPIA: no words
def test_a_hidden_contribution_reaches_no_phone_and_no_room_screen(room, type_id):
    config, action, payload = contribution(type_id)
    activity = add(room, type_id, **{**CONFIGS[type_id], **config, "hide_results": False})
    room.control("start")
    http_author, http_other = room.join(), room.join()
    assert act(room.phone(http_author), activity, action, **payload)["ok"] is True
    seen = non_facilitator_views(room, http_author, http_other)
    assert MARK in text_of(seen), "before hiding, somebody in the room sees it"

    console = room.facilitator()
    assert act(console, activity, "hide", id=hidden_id(room))["ok"] is True
    for who, view in non_facilitator_views(room, http_author, http_other).items():
        assert MARK not in text_of(view), who
    assert MARK in text_of(facilitator_view(room)), "the facilitator still sees it"


def test_hidden_answers_are_sent_to_no_phone_as_they_change(room):
    question = room.add_question(hide_results=True)
    room.control("start")
    watcher, writer = room.phone(), room.phone()
    presenter = room.presenter()
    assert act(writer, question, "answer", text=MARK)["ok"] is True
    received = [p["args"][0] for client in (watcher, presenter)
                for p in client.get_received() if p["name"] == "view"]
    assert received, "the screens were sent the change"
    assert MARK not in text_of(received)
    assert "answers" not in sync(watcher)["activity"]["view"]

    control(room.facilitator(), "reveal")
    assert MARK in text_of(sync(watcher))


def test_hidden_dot_vote_results_reach_no_phone_and_no_room_screen(room):
    vote = add(room, "dotvote", **CONFIGS["dotvote"])  # results hidden by default
    room.control("start")
    options = [o["id"] for o in facilitator_view(room)["activity"]["view"]["options"]]
    http_author, http_other = room.join(), room.join()
    voter = room.phone(http_author)
    for _ in range(3):
        assert act(voter, vote, "add", option=options[1])["ok"] is True

    for who, view in non_facilitator_views(room, http_author, http_other).items():
        shown = view["activity"]["view"]
        assert "results" not in shown and "breakdown" not in shown, who
    assert sync(voter)["activity"]["mine"]["dots"] == {options[1]: 3}  # own dots only

    control(room.facilitator(), "reveal")
    results = sync(room.phone(http_other))["activity"]["view"]["results"]
    assert {r["id"]: r["dots"] for r in results}[options[1]] == 3


@pytest.mark.parametrize("type_id", ["question", "questions", "journey", "picture",
                                     "healthcheck", "glossary", "partnermap", "checklist",
                                     "actionplan"])
def test_results_kept_hidden_until_revealed_reach_no_phone_and_no_room_screen(room, type_id):
    config, action, payload = contribution(type_id)
    activity = add(room, type_id, **{**CONFIGS[type_id], **config, "hide_results": True})
    room.control("start")
    http_author, http_other = room.join(), room.join()
    assert act(room.phone(http_author), activity, action, **payload)["ok"] is True
    seen = non_facilitator_views(room, http_author, http_other)
    for who in ("other phone", "presenter opened by a phone"):
        assert MARK not in text_of(seen[who]), who

    control(room.facilitator(), "reveal")
    assert MARK in text_of(non_facilitator_views(room, http_author, http_other)
                           ["presenter opened by a phone"])


def participant_pages(code):
    return {
        "participant page": ("get", f"/j/{code}"),
        "presenter page": ("get", f"/s/{code}"),
        "console page": ("get", f"/f/{code}"),
        "json archive": ("get", f"/f/{code}/export/json"),
        "html report": ("get", f"/f/{code}/export/html"),
        "api read": ("get", f"/api/workshops/{code}"),
        "api export": ("get", f"/api/workshops/{code}/export?format=json"),
        "api items": ("get", f"/api/workshops/{code}/activities/1/items"),
    }


@pytest.mark.parametrize("page", list(participant_pages("X")))
def test_hidden_contributions_are_in_no_page_a_participant_can_open(room, page):
    question = room.add_question(hide_results=True)
    room.control("start")
    http = room.join()
    answer_id = act(room.phone(http), question, "answer", text=MARK)["id"]
    act(room.facilitator(), question, "hide", id=answer_id)
    method, path = participant_pages(room.code)[page]

    response = getattr(http, method)(path.replace("/activities/1/", f"/activities/{question}/"))
    assert MARK not in response.get_data(as_text=True)
    # The facilitator's copy has it, so the check would see it if it leaked.
    assert MARK in room.api("get", f"/api/workshops/{room.code}").get_data(as_text=True)


# ====================================================================== another workshop
def test_a_participant_token_does_not_join_another_workshop_over_http(app, room):
    other = Room(app)
    http = room.join()
    http.set_cookie(f"rt_p_{other.code}", token_of(http, room.code))
    page = http.get(f"/j/{other.code}")
    assert page.status_code == 200
    assert 'data-role="participant"' not in page.text  # the join form, not the phone screen
    assert 'class="join-form"' in page.text
    assert other.engine.workshop(other.code).joined == 0


def test_a_participant_token_does_not_connect_to_another_workshop_over_socketio(app, room):
    other = Room(app)
    http = room.join()
    http.set_cookie(f"rt_p_{other.code}", token_of(http, room.code))
    reason = refusal(app, {"code": other.code, "role": "participant"}, http=http)
    assert "Join the workshop first" in reason


def test_a_participant_cannot_act_on_another_workshops_activity_over_socketio(app, room):
    mine = room.add_question("Ours")
    room.control("start")
    other = Room(app)
    theirs = other.add_question("Theirs")
    other.control("start")
    phone = room.phone()
    before = version(other)

    reply = act(phone, theirs, "answer", text=MARK)
    assert refused_in_words(reply) == "That activity is not in this workshop's agenda."
    assert version(other) == before
    assert MARK not in text_of(other.engine.export(other.code))
    assert MARK not in text_of(room.engine.export(room.code))
    assert act(other.phone(), theirs, "answer", text="Their own")["ok"] is True
    assert act(phone, mine, "answer", text="Our own")["ok"] is True


def test_a_participant_of_one_workshop_cannot_use_the_api_of_another(app, room):
    other = Room(app)
    other.add_question()
    http = room.join()
    bearer = {"Authorization": f"Bearer {token_of(http, room.code)}"}
    refused = http.get(f"/api/workshops/{other.code}", headers=bearer)
    assert refused.status_code == 401
    assert "results" not in refused.get_json()


def test_one_workshops_facilitator_key_does_not_open_another_workshops_api(app, room):
    other = Room(app)
    refused = app.test_client().post(f"/api/workshops/{other.code}/control",
                                     json={"command": "rename", "title": "Taken over"},
                                     headers={"Authorization": f"Bearer {room.key}"})
    assert refused.status_code == 401
    assert other.engine.workshop(other.code).title == "Sharing well"


# ====================================================================== others' contributions
def others_contribution_attempts():
    """(type, config, setup action and payload, attempt action, attempt payload builder,
    the refusal)."""
    return [
        ("question", {}, ("answer", {"text": MARK}),
         "edit", lambda i: {"id": i, "text": "Rewritten"}, "You can only change your own"),
        ("question", {}, ("answer", {"text": MARK}),
         "withdraw", lambda i: {"id": i}, "You can only change your own"),
        ("questions", {}, ("ask", {"text": MARK}),
         "edit", lambda i: {"id": i, "text": "Rewritten"}, "You can only change your own"),
        ("questions", {}, ("ask", {"text": MARK}),
         "withdraw", lambda i: {"id": i}, "You can only change your own"),
        ("dotvote", {"propose_first": True, "options": ""}, ("propose", {"text": MARK}),
         "withdraw_proposal", lambda i: {"id": i}, "You can only withdraw your own"),
        ("journey", {}, ("add_note", {"stage": 0, "lane": 0, "text": MARK}),
         "edit_note", lambda i: {"id": i, "text": "Rewritten"}, "You can only change your own"),
        ("journey", {}, ("add_note", {"stage": 0, "lane": 0, "text": MARK}),
         "delete_note", lambda i: {"id": i}, "You can only change your own"),
        ("glossary", {}, ("define", {"term": MARK, "meaning": "Ours"}),
         "edit", lambda i: {"id": i, "term": "Other", "meaning": "Rewritten"},
         "You can only change your own"),
        ("glossary", {}, ("define", {"term": MARK, "meaning": "Ours"}),
         "withdraw", lambda i: {"id": i}, "You can only change your own"),
        ("partnermap", {}, ("name", {"name": MARK, "place": "missing"}),
         "withdraw", lambda i: {"id": i}, "You can only remove the names you gave"),
        ("checklist", {}, ("answer", {"question": "purpose", "text": MARK}),
         "edit", lambda i: {"id": i, "question": "purpose", "text": "Rewritten"},
         "You can only change your own"),
        ("checklist", {}, ("answer", {"question": "purpose", "text": MARK}),
         "withdraw", lambda i: {"id": i}, "You can only change your own"),
        ("actionplan", {}, ("propose", {"text": MARK}),
         "edit", lambda i: {"id": i, "text": "Rewritten"},
         "You can only change the actions you proposed"),
        ("actionplan", {}, ("propose", {"text": MARK}),
         "withdraw", lambda i: {"id": i}, "You can only change the actions you proposed"),
    ]


def attempt_id(attempt):
    return f"{attempt[0]}-{attempt[3]}"


@pytest.mark.parametrize("attempt", others_contribution_attempts(), ids=attempt_id)
def test_a_participant_cannot_change_another_persons_contribution_over_socketio(
        room, attempt):
    type_id, config, (setup, setup_payload), action, build, refusal_text = attempt
    activity = add(room, type_id, **{**CONFIGS[type_id], **config})
    room.control("start")
    author, intruder = room.phone(), room.phone()
    made = act(author, activity, setup, **setup_payload)
    assert made["ok"] is True, made
    before, shown = version(room), facilitator_view(room)["activity"]["view"]

    reply = act(intruder, activity, action, **build(made["id"]))
    assert refusal_text in refused_in_words(reply)
    assert version(room) == before
    assert facilitator_view(room)["activity"]["view"] == shown

    assert act(author, activity, action, **build(made["id"]))["ok"] is True  # theirs to change


def test_a_participant_cannot_take_back_another_persons_dot_over_socketio(room):
    vote = add(room, "dotvote", **CONFIGS["dotvote"])
    room.control("start")
    option = facilitator_view(room)["activity"]["view"]["options"][0]["id"]
    author, intruder = room.phone(), room.phone()
    assert act(author, vote, "add", option=option)["ok"] is True
    before = version(room)

    reply = act(intruder, vote, "remove", option=option)
    assert "no dot on that option" in refused_in_words(reply)
    assert version(room) == before
    assert sync(author)["activity"]["mine"]["dots"] == {option: 1}
    assert act(author, vote, "remove", option=option)["ok"] is True


def test_a_participant_cannot_take_away_another_persons_brick_over_socketio(room):
    board = add(room, "picture", mode="together")
    room.control("start")
    author, intruder = room.phone(), room.phone()
    brick = act(author, board, "place", brick=[0, 0, 2, 2, 1])
    assert brick["ok"] is True, brick
    before = version(room)

    reply = act(intruder, board, "remove", id=brick["id"])
    assert "only take away your own bricks" in refused_in_words(reply)
    assert version(room) == before
    assert act(author, board, "remove", id=brick["id"])["ok"] is True


def test_a_participant_cannot_remove_everybodys_answers_over_http(room):
    """The only HTTP route to contributions is the facilitator's: removing the activity."""
    question = room.add_question()
    room.control("start")
    http = room.join()
    assert act(room.phone(), question, "answer", text=MARK)["ok"] is True
    for headers in ({}, {"Authorization": f"Bearer {token_of(http, room.code)}"}):
        refused = http.delete(f"/api/workshops/{room.code}/activities/{question}",
                              headers=headers)
        assert refused.status_code == 401
    assert MARK in text_of(room.engine.export(room.code))
