"""Random and malformed traffic against a real server (`run.py` on loopback, under gevent,
the default runtime): every Socket.IO event from participant, presenter and facilitator screens,
and every JSON API endpoint with and without the key.

Whatever arrives, after every example the server still answers `GET /`, has logged no
traceback, and has answered every command with `{ok: true, ...}` or with
`{ok: false, error}` in words; every API error is JSON in words, never a 500."""
import copy
import json
import re
from urllib.parse import quote

import pytest
import requests
import websocket
from hypothesis import example, given, note
from hypothesis import strategies as st

from activities.base import ROLES
from tests.fuzz.payloads import (ACT_BY_TYPE, ACT_MESSAGE, ACTIVITY_SPEC, ANY_CONFIG,
                                 COMMAND_ARGS, COMMANDS, CONTROL_MESSAGE, DEEP, EVENTS,
                                 HUGE_TEXT, JSON, JUNK, NOT_ROUNDTABLES, RESERVED, either,
                                 encoded_size, harvest, in_words, known, nested, resolve,
                                 server_settings, text)
from tests.realserver.realclient import (WAIT, Dropped, Workshop, raw_ask, raw_connect,
                                         raw_socket)
from tests.serverproc import DEFAULT_MODE, ServerProcess
from workshop.live import BROKEN, SAVE_FAILED

pytestmark = pytest.mark.realserver

# Far more than people send; the limits have tests of their own.
ROOMY = {"EVENTS_PER_SECOND": 100_000, "EVENT_BURST": 100_000,
         "PARTICIPANT_EVENTS_PER_SECOND": 100_000, "PARTICIPANT_EVENT_BURST": 100_000,
         "GUESS_BURST": 1_000_000, "JOIN_BURST": 1_000_000}
ASK_WAIT = 5.0  # seconds for one acknowledgement on loopback
MESSAGE_LIMIT = 60_000  # under the server's 64 KiB per message, with room to spare

AGENDA = [
    ("question", {"prompt": "What gets in the way?", "max_answers": 3}),
    ("questions", {"prompt": "Your questions for the panel", "review_first": True}),
    ("dotvote", {"prompt": "Which first?", "options": "alpha\nbeta\ngamma", "dots": 5,
                 "cap": 2, "hide_results": False}),
    ("dotvote", {"prompt": "What should we vote on?", "propose_first": True}),
    ("journey", {}),
    ("picture", {"mode": "gallery"}),
    ("picture", {"mode": "together", "hide_results": True}),
    ("healthcheck", {}),
    ("glossary", {}),
    ("partnermap", {}),
    ("checklist", {}),
    ("dpia", {"hide_results": False}),
    ("actionplan", {"starting": "Draft the protocol"}),
]


# ---------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz-server")
    server = ServerProcess(DEFAULT_MODE, directory / "roundtable.db",
                           log_path=directory / "server.log", env=ROOMY)
    server.start()
    yield server
    server.stop()


class Stage:
    """A workshop with one activity of every kind (and both modes of some), two phones,
    a presenter and a console, shared by the examples of a test."""

    def __init__(self, server):
        self.workshop = Workshop(server, organisations=["Council", "Police"])
        self.ids, self.types = [], []
        for type_id, settings in AGENDA:
            added = self.workshop.api("post", f"/api/workshops/{self.workshop.code}/activities",
                                      json={"type": type_id, "config": settings})
            assert added.status_code == 201, added.text
            self.ids.append(added.json()["activity"]["id"])
            self.types.append(type_id)
        people = [self.workshop.join(name="Ann", organisation="Council"), self.workshop.join()]
        self.screens = {
            "phone": self.workshop.screen("participant", people[0]),
            "other phone": self.workshop.screen("participant", people[1]),
            "presenter": self.workshop.screen("presenter"),
            "console": self.workshop.screen("facilitator"),
        }


@pytest.fixture(scope="module")
def stage(server):
    made = Stage(server)
    yield made
    made.workshop.close()


# ---------------------------------------------------------------------- checks
def answered(reply, what):
    """An acknowledgement as documented: ok true, or ok false with an error in words
    (and not the server's own 'something went wrong')."""
    assert isinstance(reply, dict), (what, reply)
    if reply.get("ok") is True:
        return reply
    assert reply.get("ok") is False, (what, reply)
    assert in_words(reply.get("error")), (what, reply)
    assert reply["error"] not in (BROKEN, SAVE_FAILED), (what, reply)
    return reply


def ok(reply, what=""):
    assert isinstance(reply, dict) and reply.get("ok") is True, (what, reply)
    return reply


def ask(screen, event, data, what=""):
    return answered(screen.ask(event, data, timeout=ASK_WAIT), (event, what, data))


def strict_json(text):
    """Parse as standard JSON: NaN and Infinity are not JSON."""
    def refuse(constant):
        raise ValueError(f"{constant} is not standard JSON")
    return json.loads(text, parse_constant=refuse)


def check_api(response, what):
    """No 500 and no traceback; an error is JSON {ok: false, error} in words; a JSON
    answer (other than a download) is {ok: true, ...}."""
    assert response.status_code < 500, (what, response.status_code, response.text[:800])
    assert "Traceback" not in response.text, (what, response.text[:800])
    kind = response.headers.get("Content-Type", "")
    download = "attachment" in response.headers.get("Content-Disposition", "")
    if response.status_code >= 400:
        assert kind.startswith("application/json"), (what, response.status_code,
                                                     response.text[:500])
        body = strict_json(response.text)
        assert body.get("ok") is False and in_words(body.get("error")), (what, body)
    elif kind.startswith("application/json"):
        body = strict_json(response.text)
        if not download:
            assert body.get("ok") is True, (what, body)
    return response


def healthy(server, mark):
    """The server is still running, still serves the home page, and has logged no
    traceback since `mark`."""
    assert server.alive, f"the server died:\n{server.log()}"
    home = requests.get(server.url + "/", timeout=WAIT)
    assert home.status_code == 200, home.status_code
    logged = server.log_since(mark)
    assert "Traceback" not in logged, logged[-5000:]


class Keyed(Workshop):
    """A workshop that already exists, known by its code and key (as after an import)."""

    def __init__(self, server, code, key):
        self.server, self.url, self.code, self.key, self.screens = \
            server, server.url, code, key, []


def exports_work(workshop):
    """What the facilitator takes away still comes out: the JSON API and every format."""
    check_api(workshop.api("get", f"/api/workshops/{workshop.code}"), "read")
    for fmt in ("json", "html", "csv"):
        response = check_api(workshop.api("get", f"/api/workshops/{workshop.code}/export",
                                          params={"format": fmt}), fmt)
        assert response.status_code == 200, (fmt, response.text[:500])


# ---------------------------------------------------------------------- Socket.IO
SENDERS = ["phone", "phone", "other phone", "console", "console", "presenter"]


@server_settings(200)
@given(data=st.data())
def test_actions_on_every_activity_are_answered_in_words(server, stage, data):
    """Phones, the console and the presenter send random `act` details (or the same as
    `read`, which answers only actions that read) to whichever activity is running:
    every one is answered, and the workshop carries on."""
    mark = server.log_size()
    console = stage.screens["console"]
    position = data.draw(st.integers(0, len(stage.ids) - 1), label="position")
    ok(ask(console, "control", {"command": "goto", "args": {"position": position}}))
    ok(ask(console, "control", {"command": data.draw(st.sampled_from(["open", "open", "close"]),
                                                     label="open or close")}))
    values = {**harvest(ok(ask(console, "sync", None))["view"]["activity"]["view"]),
              "activity": stage.ids, "current": [stage.ids[position]]}
    messages = ACT_BY_TYPE[stage.types[position]]
    for _ in range(data.draw(st.integers(1, 4), label="messages")):
        sender = data.draw(st.sampled_from(SENDERS), label="sender")
        event = data.draw(st.sampled_from(["act", "act", "act", "read"]), label="event")
        message = resolve(data.draw(messages, label="act"), values)
        note(f"{sender} {event}: {message!r:.2000}")
        if encoded_size(event, message) > MESSAGE_LIMIT:
            continue
        reply = ask(stage.screens[sender], event, message, sender)
        if reply["ok"]:
            assert sender != "presenter", reply
            assert ("own" in reply) == (sender != "console" and event == "act"), reply
            found = harvest(reply)
            values = {**values, "int": sorted({*values["int"], *found["int"]})}
    item = resolve(data.draw(either(known("activity")), label="items of"), values)
    ask(console, "items", {"activity_id": item})
    for name, screen in stage.screens.items():
        view = ok(ask(screen, "sync", {}), name)["view"]
        assert view["workshop"]["current"] == position, view["workshop"]
    exports_work(stage.workshop)
    healthy(server, mark)


@server_settings(120)
@given(data=st.data())
def test_facilitator_commands_are_answered_in_words(server, data):
    """The console sends random commands, and `items` and `act` for random activities,
    on a fresh partnership agenda: every one is answered in words."""
    mark = server.log_size()
    workshop = Workshop(server, organisations=["Council", "Police", "Health"])
    try:
        workshop.control("add_agenda", agenda="partnership")
        console = workshop.screen("facilitator")
        phone = workshop.screen("participant", workshop.join(organisation="Health"))
        for _ in range(data.draw(st.integers(1, 6), label="commands")):
            view = ok(ask(console, "sync", None))["view"]
            ids = [item["id"] for item in view["agenda"]]
            values = {**harvest(view), "activity": ids,
                      "current": [view["activity"]["id"]] if view["activity"] else []}
            kind = data.draw(st.sampled_from(["control", "control", "control", "items", "act"]),
                             label="event")
            strategy = {"control": CONTROL_MESSAGE, "act": ACT_MESSAGE,
                        "items": ITEMS_MESSAGE}[kind]
            message = resolve(data.draw(strategy, label=kind), values)
            note(f"{kind}: {message!r:.2000}")
            if encoded_size(kind, message) <= MESSAGE_LIMIT:
                ask(console, kind, message)
        # Whatever the console did, a phone is still served and the outputs come out.
        ok(ask(phone, "sync", None))
        exports_work(workshop)
    finally:
        workshop.close()
    healthy(server, mark)


ITEMS_MESSAGE = st.fixed_dictionaries({"activity_id": either(known("activity"))})


CODE = "@code"  # stands for the workshop's real join code; replaced before sending


def with_code(value, code):
    if value == CODE:
        return code
    if isinstance(value, list):
        return [with_code(item, code) for item in value]
    if isinstance(value, tuple):
        return tuple(with_code(item, code) for item in value)
    if isinstance(value, dict):
        return {key: with_code(item, code) for key, item in value.items()}
    return value


AUTH_LIKE = st.fixed_dictionaries({"code": st.sampled_from([CODE, "NOPE22", ""]),
                                   "role": st.sampled_from([*ROLES, "admin"])},
                                  optional={"key": text()})
ARGUMENT = st.one_of(JSON, AUTH_LIKE, DEEP, HUGE_TEXT)
EVENT_DATA = st.one_of(st.none(), ARGUMENT, st.tuples(ARGUMENT, ARGUMENT),
                       st.tuples(ARGUMENT, ARGUMENT, ARGUMENT))
EVENT_NAMES = st.one_of(st.sampled_from(EVENTS + RESERVED), text(20)).filter(
    lambda name: name not in NOT_ROUNDTABLES)


@pytest.fixture(scope="module")
def lobby(server):
    """A workshop with a running question and one screen of each role."""
    workshop = Workshop(server)
    workshop.add_question()
    workshop.control("start")
    screens = {"participant": workshop.screen("participant", workshop.join()),
               "presenter": workshop.screen("presenter"),
               "facilitator": workshop.screen("facilitator")}
    yield workshop, screens
    workshop.close()


@server_settings(300)
@example(role="presenter", event="connect", data=(None, {"code": "NOPE22", "role": "presenter"}))
@example(role="presenter", event="connect", data=(None, {"code": CODE, "role": "presenter"}))
@example(role="participant", event="connect", data=None)
@example(role="participant", event="disconnect", data=None)
@example(role="facilitator", event="disconnect", data=(1, 2, 3))
@given(role=st.sampled_from(ROLES), event=EVENT_NAMES, data=EVENT_DATA)
def test_any_event_from_any_screen_is_answered_in_words(server, lobby, role, event, data):
    """Any event name, known, reserved or made up, with any arguments, from any screen,
    gets an answer in words, and the screen stays part of its workshop."""
    workshop, screens = lobby
    mark = server.log_size()
    data = with_code(data, workshop.code)
    if encoded_size(event, data) <= MESSAGE_LIMIT:
        ask(screens[role], event, data, role)
    for name, screen in screens.items():
        assert screen.connected, name
        ok(ask(screen, "sync", None), name)
    healthy(server, mark)


def test_messages_nested_deeper_than_json_can_be_read_close_only_their_connection(
        server, lobby):
    """Nesting within what the JSON parser reads is refused in words; beyond it, the
    message is malformed: its connection is closed, with one line in the log and no
    traceback, and everybody else carries on."""
    workshop, screens = lobby
    mark = server.log_size()
    ws = raw_socket(server)
    try:
        assert raw_connect(ws, {"code": workshop.code, "role": "presenter"}).startswith("40")
        reply = raw_ask(ws, 1, "sync", {"deep": nested(900)})
        assert reply["ok"] is False and "nested too deeply" in reply["error"], reply
        for depth in (5_000, 20_000):
            ws.send('421["sync", ' + "[" * depth + "]" * depth + "]")
            with pytest.raises((Dropped, websocket.WebSocketException, OSError)):
                raw_ask(ws, 2, "sync")
            ws.close()
            ws = raw_socket(server)
            assert raw_connect(ws, {"code": workshop.code,
                                    "role": "presenter"}).startswith("40")
    finally:
        ws.close()
    assert "Traceback" not in server.log_since(mark)
    for name, screen in screens.items():
        ok(ask(screen, "sync", None), name)
    assert requests.get(server.url + "/", timeout=WAIT).status_code == 200


# ---------------------------------------------------------------------- HTTP API
ENDPOINTS = [
    ("POST", "/api/workshops", "create"),
    ("GET", "/api/types", None),
    ("GET", "/api/workshops/{code}", None),
    ("DELETE", "/api/workshops/{code}", None),
    ("POST", "/api/workshops/{code}/activities", "add"),
    ("PATCH", "/api/workshops/{code}/activities/{id}", "update"),
    ("DELETE", "/api/workshops/{code}/activities/{id}", None),
    ("GET", "/api/workshops/{code}/activities/{id}/items", None),
    ("POST", "/api/workshops/{code}/activities/{id}/move", "move"),
    ("POST", "/api/workshops/{code}/control", "control"),
    ("GET", "/api/workshops/{code}/export", "export"),
    ("POST", "/api/workshops/import", "import"),
]
METHODS = ["GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS"]
JSON_TYPE = "application/json"
BOUNDARY = "fuzz-boundary"


def in_url(value):
    """Percent-encoded UTF-8; a lone surrogate becomes bytes that are not UTF-8 at all."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def as_bytes(value):
    """JSON as a client library would send it, NaN and lone surrogates included."""
    return json.dumps(value).encode()


def upload(content, field="file"):
    """A multipart form with one file, as the console's import form sends it."""
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; "
            f"filename=\"workshop.json\"\r\nContent-Type: application/json\r\n\r\n").encode()
    return f"multipart/form-data; boundary={BOUNDARY}", head + content + \
        f"\r\n--{BOUNDARY}--\r\n".encode()


RAW_BODIES = st.one_of(
    st.just((JSON_TYPE, b"")),
    st.binary(max_size=200).map(lambda raw: (JSON_TYPE, raw)),
    st.binary(min_size=1, max_size=40).map(  # invalid UTF-8 inside otherwise good JSON
        lambda raw: (JSON_TYPE, b'{"title": "' + raw + b'", "command": "rename"}')),
    st.builds(lambda depth, kind: (JSON_TYPE, ("[" * depth + "]" * depth if kind == "list"
                                               else '{"a":' * depth + "1" + "}" * depth
                                               ).encode()),
              st.integers(1, 12_000), st.sampled_from(["list", "object"])),
    st.just((JSON_TYPE, ('{"title": 1' + "0" * 5000 + "}").encode())),  # too many digits
    st.just((JSON_TYPE, b'{"title": NaN, "position": Infinity, "seconds": -Infinity}')),
    st.just((JSON_TYPE, b"x" * 70_000)),  # over the 64 KiB limit
    st.tuples(st.sampled_from(["text/plain", "application/x-www-form-urlencoded",
                               f"multipart/form-data; boundary={BOUNDARY}",
                               "application/json; charset=utf-16", "application/json; x",
                               "multipart/form-data"]),
              st.binary(max_size=120)),
    JSON.map(lambda value: (JSON_TYPE, json.dumps(value).encode("utf-16"))),
)


def json_paths(value, prefix=()):
    """Every place in a JSON document, as a path of keys and indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_paths(item, (*prefix, index))


@st.composite
def mutated(draw, document):
    """An exported workshop with a few random changes: a value replaced, a key or item
    dropped, an item repeated, or a value wrapped in a list."""
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(0, 3), label="mutations")):
        places = list(json_paths(document))
        path = draw(st.sampled_from(places), label="where")
        change = draw(st.sampled_from(["replace", "replace", "drop", "repeat", "wrap"]),
                      label="change")
        if not path:
            if change == "replace":
                document = draw(JUNK)
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if change == "replace":
            parent[last] = draw(st.one_of(JUNK, st.sampled_from(
                [2 ** 70, -1, 0, 1.5, float("nan"), float("inf"), True, None, "\ud800",
                 "\x00", "", {}, []])), label="value")
        elif change == "drop":
            del parent[last]
        elif change == "repeat" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif change == "wrap":
            parent[last] = [parent[last]]
    return document


def _bodies(shaped, upload_too=False):
    """(how, content): "json" or "upload" with a value to encode once its refs are
    resolved, or a content type with raw bytes."""
    as_json = st.tuples(st.just("json"), shaped)
    if upload_too:
        as_json = st.one_of(as_json, st.tuples(st.just("upload"), shaped))
    return st.one_of(as_json, as_json, as_json, RAW_BODIES, st.just((None, b"")))


def encoded(how, content, known_values):
    """The content type and bytes to send."""
    if how == "json":
        return JSON_TYPE, as_bytes(resolve(content, known_values))
    if how == "upload":
        return upload(as_bytes(resolve(content, known_values)))
    return how, content


# A request body for each endpoint: mostly JSON of the right shape with random values
# ("activity" refs for ids), sometimes anything at all.
BODIES = {
    "create": _bodies(st.fixed_dictionaries({}, optional={
        "title": either(text(130)), "organisations": either(st.lists(text(), max_size=5)),
        "agenda": either(st.sampled_from(["partnership", "none"]))})),
    "add": _bodies(ACTIVITY_SPEC),
    "update": _bodies(st.fixed_dictionaries({"config": either(ANY_CONFIG)})),
    "move": _bodies(st.fixed_dictionaries({"position": either(st.integers(-2, 10))})),
    "control": _bodies(st.tuples(either(st.sampled_from(COMMANDS)), COMMAND_ARGS).map(
        lambda chosen: {"command": chosen[0], **chosen[1]})),
    None: _bodies(JSON),
    "export": _bodies(JSON),
}
_IMPORT_BODIES = {}


def bodies(kind, seed):
    if kind != "import":
        return BODIES[kind]
    if id(seed) not in _IMPORT_BODIES:
        _IMPORT_BODIES[id(seed)] = _bodies(mutated(seed.document), upload_too=True)
    return _IMPORT_BODIES[id(seed)]


# The Authorization header: the right key (most often), none, or a wrong one.
KEYS = st.one_of(
    st.sampled_from(["Bearer {key}"] * 3 + [None, "Bearer", "bearer {key}", "Bearer {key}x",
                                            "Basic " + "x" * 300]),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
            max_size=60).map(lambda value: "Bearer " + value))
# The code in the path: the workshop's (as typed in any case, or with a dash) or another.
CODES = st.one_of(st.sampled_from(["{code}", "{code}", "{lower}", "{dashed}", "NOPE22"]),
                  text(8))
ACTIVITIES = st.one_of(known("activity"), known("activity"), st.integers(-1, 2 ** 70),
                       text(6))
FORMATS = st.one_of(st.sampled_from(["json", "html", "csv"]), text(8))


def fill(template, **values):
    """`template` with each {name} replaced (random text may hold braces of its own)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


class Seed:
    """An exported workshop, shown briefly in reports of failing examples."""

    def __init__(self, document):
        self.document = document

    def __repr__(self):
        return "<the JSON export of a workshop with every kind of activity>"


@pytest.fixture(scope="module")
def seed(server):
    """A JSON export of a workshop where every kind of activity has contributions."""
    stage = Stage(server)
    console, phone = stage.screens["console"], stage.screens["phone"]
    contributions = {
        "question": ("answer", {"text": "Different words"}),
        "questions": ("ask", {"text": "Who holds the record?"}),
        "dotvote": ("add", {"option": None}),
        "journey": ("add_note", {"stage": 0, "lane": 0, "text": "A form"}),
        "picture": ("submit", {"kind": "bricks", "bricks": [[0, 0, 2, 2, 1]],
                               "title": "A bridge"}),
        "healthcheck": ("rate", {"element": 0, "score": 4}),
        "glossary": ("define", {"term": "Consent", "meaning": "Agreeing"}),
        "partnermap": ("name", {"name": "Schools", "place": "missing"}),
        "checklist": ("answer", {"question": "basis", "partner": "Police",
                                 "basis": "public_task"}),
        "dpia": ("answer", {"question": 1, "answer": "unsure"}),
        "actionplan": ("propose", {"text": "Share the list weekly", "due": "2027-01-31"}),
    }
    try:
        for position, (type_id, activity_id) in enumerate(zip(stage.types, stage.ids)):
            ok(console.ask("control", {"command": "goto", "args": {"position": position}}))
            view = ok(console.ask("sync"))["view"]["activity"]["view"]
            action, details = contributions[type_id]
            if type_id == "dotvote":
                if view["phase"] != "voting":
                    continue
                details = {"option": view["options"][0]["id"]}
            if type_id == "picture" and view["mode"] == "together":
                action, details = "place", {"brick": [1, 1, 1, 2, 3]}
            ok(phone.ask("act", {"activity_id": activity_id, "action": action,
                                 "payload": details}), type_id)
        exported = stage.workshop.api("get", f"/api/workshops/{stage.workshop.code}/export")
        assert exported.status_code == 200, exported.text[:500]
        return Seed(exported.json())
    finally:
        stage.workshop.close()


@server_settings(400)
@given(data=st.data())
def test_every_api_endpoint_answers_json_in_words(server, seed, data):
    """Random requests to every endpoint of the JSON API, with the right key, a wrong
    one or none, and bodies of every kind: never a 500 or a traceback, and every error
    is JSON with ok false and a reason in words."""
    mark = server.log_size()
    created = requests.post(f"{server.url}/api/workshops", timeout=WAIT,
                            json={"title": "Fuzzing", "organisations": ["Council"],
                                  "agenda": "partnership"})
    assert created.status_code == 201, created.text
    code, key = created.json()["code"], created.json()["facilitator_key"]
    agenda = requests.get(f"{server.url}/api/workshops/{code}", timeout=WAIT,
                          headers={"Authorization": f"Bearer {key}"}).json()["agenda"]
    ids = [item["id"] for item in agenda]
    for _ in range(data.draw(st.integers(1, 4), label="requests")):
        method, template, kind = data.draw(st.sampled_from(ENDPOINTS), label="endpoint")
        method = data.draw(st.one_of(st.just(method), st.just(method),
                                     st.sampled_from(METHODS)), label="method")
        code_text = fill(data.draw(CODES, label="code"), code=code, lower=code.lower(),
                         dashed=f"{code[:3]}-{code[3:]}")
        activity = resolve(data.draw(ACTIVITIES, label="activity"), {"activity": ids})
        path = template.format(code=in_url(code_text), id=in_url(str(activity)))
        params = {}
        if kind == "export":
            params["format"] = in_url(data.draw(FORMATS, label="format"))
        if kind == "import":
            params["agenda_only"] = data.draw(st.sampled_from(["", "1", "true", "no"]),
                                              label="agenda_only")
        content_type, body = encoded(*data.draw(bodies(kind, seed), label="body"),
                                     {"activity": ids})
        authorization = data.draw(KEYS, label="key")
        headers = {"Authorization": fill(authorization, key=key)} if authorization else {}
        if content_type:
            headers["Content-Type"] = content_type
        note(f"{method} {path} {params} {headers} {body[:300]!r}")
        query = "&".join(f"{name}={value}" for name, value in params.items())
        response = requests.request(method, f"{server.url}{path}?{query}", data=body,
                                    headers=headers, timeout=WAIT, allow_redirects=False)
        check_api(response, (method, path))
        if kind == "import" and response.status_code == 201:
            imported = response.json()
            exports_work(Keyed(server, imported["code"], imported["facilitator_key"]))
    healthy(server, mark)


def test_the_log_after_fuzzing_holds_no_address_or_cookie_and_no_traceback(server, stage):
    """Run last in this module, after every example above: the server's log names no
    client address, holds no cookie or key, and has no traceback (a bad connection is
    one line). The one address allowed is the server's own, in its start-up line (and
    in the line the test harness writes before each start)."""
    log_lines = [line for line in server.log_since(0).splitlines()
                 if not line.startswith(("Roundtable is running.", "--- start "))]
    text = "\n".join(log_lines)
    assert not re.search(r"\b127\.0\.0\.1\b|REMOTE_ADDR|REMOTE_PORT", text), \
        [line for line in log_lines if "127.0.0.1" in line or "REMOTE_" in line][:5]
    assert "rt_p_" not in text and "rt_f_" not in text and "HTTP_COOKIE" not in text
    assert stage.workshop.key not in text
    assert "Traceback" not in text
