"""The outputs of a workshop that used every activity type: the spreadsheets ZIP, the JSON
archive (export, import, refusal of a tampered file), the HTML report, who may download
them, deleting a workshop now or after the retention period, and the command line."""
import copy
import csv
import io
import json
import re
import zipfile
from datetime import timedelta
from html.parser import HTMLParser
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select, update

from tests.conftest import Room, cid, last
from tests.live.helpers import refused_in_words
from workshop import create_app, store
from workshop.models import Base, Workshop, utcnow

PHONE_ADDRESS = "203.0.113.77"  # the venue wifi, as the server sees the phones

QUESTION = "What gets in the way of sharing information?"
VOTE = "Which barrier should we tackle first?"
JOURNEY = "A referral from school to early help"
PICTURE = "Build what this partnership will have built in a year"
TITLES = [QUESTION, VOTE, JOURNEY, PICTURE]
TYPES = ["question", "dotvote", "journey", "picture"]
FILE_STARTS = ["01-what-gets-in-the-way", "02-which-barrier", "03-a-referral-from-school",
               "04-build-what-this-partnership"]

# (name typed, organisation chosen) of participants 1 to 6, in the order they join.
PEOPLE = [("Amélie Durand", "Council"), ("", "Council"), ("Ben Okafor", "Council"),
          ("", "Police"), ("Dana Whitfield", "Police"), ("", "")]
NAMES = [name for name, _ in PEOPLE if name]

HOSTILE = '=HYPERLINK("http://evil.example","x")'
ACCENT = "Le café du coin : on s'y parle mieux qu'en réunion"
ANSWERS = [HOSTILE, ACCENT, "+44 numbers are written three different ways",
           "-nobody owns the agreement", "@everyone asks for consent again"]
HIDDEN = "The Henderson family's case notes were emailed to everyone"

OPTIONS = ["Consent rules", "Different IT systems", "Trust between teams"]
BALLOTS = [  # each participant's dots (3 each): Council has three voters, Police two
    {"Consent rules": 2, "Different IT systems": 1},
    {"Consent rules": 2, "Trust between teams": 1},
    {"Consent rules": 1, "Different IT systems": 2},
    {"Consent rules": 1, "Different IT systems": 1},
    {"Trust between teams": 1},
    {"Consent rules": 1},
]
RANKED = [("1", "Consent rules", "7"), ("2", "Different IT systems", "4"),
          ("3", "Trust between teams", "2")]

STAGES = ["Referral", "Assessment", "Support"]
LANES = ["What happens", "Barriers"]
NOTES = [  # (author's place in PEOPLE, stage, lane, text)
    (0, 0, 0, "School nurse calls early help"),
    (1, 1, 1, "The consent form is six pages long"),
    (2, 2, 0, "=SUM(A1:A3) referrals lost between teams"),
]
PLUS_ONES = [(3, 1), (4, 1), (5, 0)]  # (who, whose note): note 2 gets two, note 1 one
FEELINGS = [(0, 0, 1), (1, 0, 1), (2, 0, 2), (3, 0, 0), (0, 1, -2), (1, 1, -1), (2, 2, 1)]

# Every accepted action: answers and the hiding of one, dots, notes, +1s, feelings, pictures.
ACTIONS = len(ANSWERS) + 2 + sum(sum(b.values()) for b in BALLOTS) + len(NOTES) + \
    len(PLUS_ONES) + len(FEELINGS) + 2

BRICK_TITLE = "Our bridge <script>alert(1)</script>"
DRAWING_TITLE = "Paths that finally cross"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = b"\xef\xbb\xbf"


# ---------------------------------------------------------------------- building it
def ok(reply):
    assert isinstance(reply, dict) and reply.get("ok") is True, reply
    return reply


def act(client, activity_id, action, **payload):
    return ok(client.emit("act", {"activity_id": activity_id, "action": action,
                                  "payload": payload, "cid": cid()}, callback=True))


def add(room, type_id, **config):
    answer = room.api("post", f"/api/workshops/{room.code}/activities",
                      {"type": type_id, "config": config})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["activity"]["id"]


def phone_from_the_venue(room, name, organisation):
    http = room.app.test_client()
    http.environ_base.update({"REMOTE_ADDR": PHONE_ADDRESS,
                              "HTTP_X_FORWARDED_FOR": PHONE_ADDRESS})
    joined = http.post(f"/j/{room.code}", data={"name": name, "organisation": organisation})
    assert joined.status_code == 303
    return http, room.phone(http)


def run_every_activity(room):
    """A workshop that used every activity type, through the phones and the console."""
    ids = [add(room, "question", prompt=QUESTION),
           add(room, "dotvote", prompt=VOTE, options="\n".join(OPTIONS), dots=3),
           add(room, "journey", prompt=JOURNEY, stages="\n".join(STAGES),
               lanes="\n".join(LANES), feelings=True),
           add(room, "picture", prompt=PICTURE, mode="gallery")]
    console = room.facilitator()
    joined = [phone_from_the_venue(room, name, organisation) for name, organisation in PEOPLE]
    browsers = [http for http, _ in joined]
    phones = [phone for _, phone in joined]

    room.control("start")
    for phone, text in zip(phones, ANSWERS):
        act(phone, ids[0], "answer", text=text)
    hidden = act(phones[5], ids[0], "answer", text=HIDDEN)["id"]
    act(console, ids[0], "hide", id=hidden)

    room.control("next")
    options = {o["text"]: o["id"] for o in
               room.api("get", f"/api/workshops/{room.code}/activities/{ids[1]}/items")
               .get_json()["items"]}
    for phone, ballot in zip(phones, BALLOTS):
        for option, dots in ballot.items():
            for _ in range(dots):
                act(phone, ids[1], "add", option=options[option])
    room.control("reveal")

    room.control("next")
    notes = [act(phones[who], ids[2], "add_note", stage=stage, lane=lane, text=text)["id"]
             for who, stage, lane, text in NOTES]
    for who, note in PLUS_ONES:
        act(phones[who], ids[2], "plus_one", id=notes[note])
    for who, stage, value in FEELINGS:
        act(phones[who], ids[2], "feel", stage=stage, value=value)

    room.control("next")
    act(phones[0], ids[3], "submit", kind="bricks", title=BRICK_TITLE,
        meaning="Both banks meet in the middle", bricks=[[0, 0, 2, 2, 0], [4, 4, 1, 4, 1]])
    act(phones[3], ids[3], "submit", kind="drawing", title=DRAWING_TITLE,
        strokes=[{"colour": 1, "width": 10, "points": [10, 10, 200, 300, 420, 90]}])
    return SimpleNamespace(room=room, ids=ids, console=console, browsers=browsers,
                           phones=phones,
                           tokens=[http.get_cookie(f"rt_p_{room.code}").value
                                   for http in browsers])


@pytest.fixture
def used(room):
    return run_every_activity(room)


def export(room, fmt, code=None, key=None):
    answer = room.app.test_client().get(
        f"/api/workshops/{code or room.code}/export?format={fmt}",
        headers={"Authorization": f"Bearer {key or room.key}"})
    assert answer.status_code == 200, answer.data[:300]
    return answer


def workshops(app):
    with app.extensions["roundtable"].store.engine.connect() as db:
        return db.scalar(select(func.count()).select_from(Workshop))


# ---------------------------------------------------------------------- reading it
def spreadsheets(body):
    """{file name: bytes} of the ZIP, in its order."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sheets(body):
    """The ZIP's CSV files in its order, each as its rows."""
    return [csv_rows(raw) for name, raw in spreadsheets(body).items() if name.endswith(".csv")]


def csv_rows(raw):
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


class Page(HTMLParser):
    """Just enough of a document to check: every element with its attributes, its text
    and its child elements."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area",
            "base", "embed", "param", "track"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []  # each {"tag", "attrs", "text", "classes", "children"}
        self._open = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "children": [],
                   "classes": set((dict(attrs).get("class") or "").split())}
        self.elements.append(element)
        if self._open:
            self._open[-1]["children"].append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self._open.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def all(self, tag, cls=None):
        return [e for e in self.elements
                if e["tag"] == tag and (cls is None or cls in e["classes"])]

    def texts(self, tag, cls=None):
        return [words(e) for e in self.all(tag, cls)]

    def by_id(self, element_id):
        [found] = [e for e in self.elements if e["attrs"].get("id") == element_id]
        return found

    def table(self, caption):
        """The rows (header row first) of the table whose caption starts so."""
        for table in self.all("table"):
            captions = [words(c) for c in table["children"] if c["tag"] == "caption"]
            if captions and captions[0].startswith(caption):
                return [[words(cell) for cell in row["children"] if cell["tag"] in ("th", "td")]
                        for part in table["children"] if part["tag"] in ("thead", "tbody")
                        for row in part["children"]]
        raise AssertionError(f"no table captioned {caption!r}")


def words(element):
    return " ".join(element["text"].split())


def directives(policy):
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


# ---------------------------------------------------------------------- CSV
def test_the_zip_holds_one_spreadsheet_per_activity_in_agenda_order_and_the_pictures(used):
    answer = export(used.room, "csv")
    assert answer.mimetype == "application/zip"
    files = spreadsheets(answer.data)
    sheets = [name for name in files if name.endswith(".csv")]
    assert len(sheets) == 4, list(files)
    for name, start in zip(sheets, FILE_STARTS):
        assert name.startswith(start), (name, start)
    pictures = sorted(name for name in files if name.endswith(".svg"))
    assert pictures == [f"{sheets[3][:-4]}/picture-1.svg", f"{sheets[3][:-4]}/picture-4.svg"]
    assert set(files) == set(sheets) | set(pictures)

    titles = []
    for name in pictures:
        svg = ElementTree.fromstring(files[name])
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        assert not list(svg.iter("{http://www.w3.org/2000/svg}script"))
        titles.append(svg.find("{http://www.w3.org/2000/svg}title").text)
    assert titles == [BRICK_TITLE, DRAWING_TITLE]  # the title is text, never markup


def test_every_spreadsheet_starts_with_a_byte_order_mark_so_excel_reads_accents(used):
    files = spreadsheets(export(used.room, "csv").data)
    sheets = {name: raw for name, raw in files.items() if name.endswith(".csv")}
    assert len(sheets) == 4
    for name, raw in sheets.items():
        assert raw.startswith(BOM), name
        assert len(csv_rows(raw)) > 0, name


def test_formula_like_cells_are_neutralised_and_accents_survive(used):
    question, vote, journey, picture = sheets(export(used.room, "csv").data)
    texts = [row["text"] for row in question]
    assert texts == ["'" + HOSTILE, ACCENT, "'+44 numbers are written three different ways",
                     "'-nobody owns the agreement", "'@everyone asks for consent again", HIDDEN]
    assert {row["text"]: row["hidden"] for row in question}[HIDDEN] == "yes"
    assert "'=SUM(A1:A3) referrals lost between teams" in [row["text"] for row in journey]
    assert {row["title"] for row in picture} == {BRICK_TITLE, DRAWING_TITLE}
    for rows in (question, vote, journey, picture):
        for row in rows:
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_START), (column, cell)


def test_the_vote_spreadsheet_folds_an_organisation_of_fewer_than_three_voters(used):
    vote = sheets(export(used.room, "csv").data)[1]
    assert sum(int(row["dots"]) for row in vote) == 13
    by_organisation = {}
    for row in vote:
        by_organisation[row["organisation"]] = by_organisation.get(row["organisation"], 0) + \
            int(row["dots"])
    assert by_organisation == {"Council": 9, "Other": 4}  # Police's two voters are in Other
    assert not [row for row in vote if "Police" in row.values()]


def test_no_spreadsheet_carries_names_tokens_or_addresses(used):
    files = spreadsheets(export(used.room, "csv").data)
    columns, cells = set(), []
    for name, raw in files.items():
        if name.endswith(".csv"):
            for row in csv_rows(raw):
                columns.update(row)
                cells.extend(row.values())
    column_words = {word for column in columns for word in column.split("_")}
    assert not column_words & {"name", "names", "token", "ip", "address", "cookie", "email"}, \
        columns
    everything = "\n".join(files[name].decode("utf-8") for name in files)
    assert any(ACCENT in cell for cell in cells)  # the check reads what was written
    for secret in NAMES + used.tokens + [used.room.key, PHONE_ADDRESS]:
        assert secret not in everything, secret


# ---------------------------------------------------------------------- JSON
def comparable(document):
    """The document without what a new workshop must change: its code and dates."""
    document = copy.deepcopy(document)
    del document["exported_at"]
    for field in ("code", "created_at", "last_used_at"):
        del document["workshop"][field]
    return document


def import_api(app, document, agenda_only=False):
    path = "/api/workshops/import" + ("?agenda_only=1" if agenda_only else "")
    return app.test_client().post(path, data=json.dumps(document),
                                  content_type="application/json")


def test_an_exported_workshop_imports_as_the_same_workshop(used):
    room = used.room
    first = json.loads(export(room, "json").data)
    assert first["schema"] == "roundtable.workshop" and first["version"] == 1
    assert [item["type"] for item in first["agenda"]] == TYPES
    assert len(first["participants"]) == 6 and len(first["actions"]) == ACTIONS

    made = import_api(room.app, first)
    assert made.status_code == 201, made.get_json()
    code, key = made.get_json()["code"], made.get_json()["facilitator_key"]
    assert code != room.code
    again = json.loads(export(room, "json", code, key).data)
    assert again["workshop"]["code"] == code
    assert comparable(again) == comparable(first)
    # ... and it is the same workshop to a reader, not only the same file.
    assert ACCENT in Page(export(room, "html", code, key).get_data(as_text=True)).texts("li")
    assert [r["summary"] for r in again["results"]] == [r["summary"] for r in first["results"]]


def test_the_agenda_alone_imports_as_a_template_with_nobody_and_nothing_done(used):
    room = used.room
    first = json.loads(export(room, "json").data)
    made = import_api(room.app, first, agenda_only=True)
    assert made.status_code == 201, made.get_json()
    code, key = made.get_json()["code"], made.get_json()["facilitator_key"]
    template = json.loads(export(room, "json", code, key).data)
    assert [(a["type"], a["config"]) for a in template["agenda"]] == \
        [(a["type"], a["config"]) for a in first["agenda"]]
    assert all(a["is_open"] for a in template["agenda"])
    assert template["workshop"]["title"] == first["workshop"]["title"]
    assert template["workshop"]["current"] == -1
    assert template["participants"] == [] and template["actions"] == []
    assert template["results"][0]["summary"]["answers"] == 0


def tampered(document):
    """Ways a file can be wrong; each must be refused as a whole."""
    dot_vote = document["agenda"].index(next(a for a in document["agenda"]
                                             if a["type"] == "dotvote"))
    spent = next(a for a in document["actions"]
                 if a["activity"] == dot_vote and a["name"] == "add" and a["by"] == 6)
    beyond = copy.deepcopy(document)
    for _ in range(3):  # participant 6 had one dot left of three: the third is too many
        beyond["actions"].append({**spent, "seq": beyond["actions"][-1]["seq"] + 1})
    wrong_schema = {**copy.deepcopy(document), "schema": "someone.else"}
    newer = {**copy.deepcopy(document), "version": 2}
    missing = copy.deepcopy(document)
    missing["participants"] = [p for p in missing["participants"] if p["number"] != 2]
    no_number = copy.deepcopy(document)
    del no_number["participants"][2]["number"]
    long_name = copy.deepcopy(document)
    long_name["participants"][0]["name"] = "A" * 70  # the join form takes 60 characters
    return {"a dot beyond the budget": (beyond, "dots"),
            "a wrong schema": (wrong_schema, "not a Roundtable workshop file"),
            "a newer version": (newer, "version 2"),
            "a participant missing": (missing, "participant 2"),
            "a participant's number missing": (no_number, "number"),
            "a name longer than joining allows": (long_name, "name")}


def test_a_tampered_file_is_refused_in_words_and_creates_no_workshop(used):
    app = used.room.app
    document = json.loads(export(used.room, "json").data)
    assert import_api(app, document).status_code == 201  # the untampered file imports
    before = workshops(app)
    for what, (bad, words) in tampered(document).items():
        answer = import_api(app, bad)
        assert answer.status_code == 400, (what, answer.get_json())
        error = refused_in_words(answer.get_json())
        assert words in error, (what, error)
        form = app.test_client().post("/workshops/import", data={
            "file": (io.BytesIO(json.dumps(bad).encode()), "workshop.json"),
            "mode": "complete"}, content_type="multipart/form-data")
        assert form.status_code == 400, what
        assert error.replace("'", "&#39;") in form.get_data(as_text=True), what
        assert workshops(app) == before, what


def test_a_file_that_is_not_json_is_refused_in_words(room):
    before = workshops(room.app)
    answer = room.app.test_client().post("/api/workshops/import", data=b"\x89PNG not json",
                                         content_type="application/json")
    assert answer.status_code == 400
    assert "not a Roundtable JSON export" in refused_in_words(answer.get_json())
    assert workshops(room.app) == before


def test_the_console_import_form_opens_the_new_workshops_console(used):
    app = used.room.app
    document = export(used.room, "json").data
    answer = app.test_client().post("/workshops/import", data={
        "file": (io.BytesIO(document), "workshop.json"), "mode": "agenda"},
        content_type="multipart/form-data")
    assert answer.status_code == 303
    code, key = re.fullmatch(r".*/f/([A-Z0-9]{6})/([\w-]+)\?created=1", answer.location).groups()
    template = json.loads(export(used.room, "json", code, key).data)
    assert [a["type"] for a in template["agenda"]] == TYPES
    assert template["participants"] == []


# ---------------------------------------------------------------------- HTML report
@pytest.fixture
def report(used):
    answer = export(used.room, "html")
    html = answer.get_data(as_text=True)
    return SimpleNamespace(response=answer, html=html, page=Page(html))


def test_the_report_has_every_activity_in_agenda_order(report):
    assert report.page.texts("h2") == TITLES
    kinds = [re.sub(r"^\d+\. ", "", t) for t in report.page.texts("p", "kind")[1:]]
    assert kinds == ["Open question", "Dot voting", "Journey map", "Build the picture"]
    assert report.page.texts("title")[0] == "Sharing well: workshop report"


def test_the_report_shows_the_answers_but_not_the_hidden_one(report):
    assert "5 answers from 5 people." in report.page.texts("p")
    answers = report.page.texts("li")
    for text in ANSWERS:
        assert text in answers, text
    assert HIDDEN not in report.html
    assert "Henderson" not in report.html


def test_the_report_ranks_the_vote_and_folds_small_organisations(report):
    [bars] = report.page.all("ol", "bars")
    ranked = [tuple(" ".join(span["text"].split()) for span in
                    [c for c in li["children"] if c["tag"] == "span"][:3])
              for li in bars["children"]]
    assert ranked == RANKED
    assert "6 people placed 13 dots (3 each)." in report.page.texts("p")
    assert report.page.table("Dots by organisation") == [
        ["Option", "Council (3)", "Other (3)"],  # Police's two voters are counted as Other
        ["Consent rules", "5", "2"],
        ["Different IT systems", "3", "1"],
        ["Trust between teams", "1", "1"],
    ]


def test_the_report_shows_the_journey_notes_with_their_agreement(report):
    assert "3 notes." in report.page.texts("p")
    assert report.page.table("The journey") == [
        ["", *STAGES],
        ["What happens", "School nurse calls early help (+1)", "",
         "=SUM(A1:A3) referrals lost between teams"],
        ["Barriers", "", "The consent form is six pages long (+2)", ""],
    ]
    assert report.page.table("Feelings per stage") == [
        ["Stage", "Answers", "Average", "-2", "-1", "0", "+1", "+2"],
        ["Referral", "4", "1.0", "0", "0", "1", "2", "1"],
        ["Assessment", "2", "-1.5", "1", "1", "0", "0", "0"],
        ["Support", "1", "1.0", "0", "0", "0", "1", "0"],
    ]


def test_the_pictures_title_is_shown_as_text_never_run(report):
    assert "<script" not in report.html.lower()
    assert not report.page.all("script")
    assert "Our bridge &lt;script&gt;alert(1)&lt;/script&gt;" in report.html
    assert BRICK_TITLE in report.page.texts("figcaption")
    assert DRAWING_TITLE in report.page.texts("figcaption")


def test_the_report_names_nobody(used, report):
    for name in NAMES:
        assert name not in report.html, name
        assert name.split()[0] not in report.html, name
    assert not re.search(r"participant\s*\d", report.html, re.IGNORECASE)
    for secret in used.tokens + [used.room.key, PHONE_ADDRESS]:
        assert secret not in report.html


def test_the_report_asks_for_nothing_outside_itself(report):
    referring = [(e["tag"], name, value) for e in report.page.elements
                 for name, value in e["attrs"].items()
                 if name in ("src", "href", "xlink:href", "srcset", "action", "data",
                             "poster", "background")]
    assert not [r for r in referring if "http" in (r[2] or "")], referring
    assert not report.page.all("link") and not report.page.all("img")
    assert "url(" not in report.html and "@import" not in report.html
    assert "http://evil.example" in report.html  # the hostile answer, as words on the page


def test_the_report_is_served_with_a_policy_that_allows_no_script(report):
    policy = directives(report.response.headers["Content-Security-Policy"])
    assert "script-src" not in policy
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" in policy.get("style-src", [])  # its own inline styles work
    assert report.response.mimetype == "text/html"
    assert report.response.headers["Content-Disposition"].startswith("attachment;")


# ---------------------------------------------------------------------- access
def test_console_downloads_need_the_facilitator_cookie(used):
    room = used.room
    facilitator = room.app.test_client()
    facilitator.get(f"/f/{room.code}/{room.key}")
    other = Room(room.app)
    other_console = room.app.test_client()
    other_console.get(f"/f/{other.code}/{other.key}")
    for fmt in ("html", "csv", "json"):
        path = f"/f/{room.code}/export/{fmt}"
        assert room.app.test_client().get(path).status_code == 403, fmt
        assert used.browsers[0].get(path).status_code == 403, fmt  # a participant's cookie
        assert other_console.get(path).status_code == 403, fmt  # another workshop's
        answer = facilitator.get(path)
        assert answer.status_code == 200, fmt
        assert f'filename="roundtable-{room.code}' in answer.headers["Content-Disposition"]
        assert answer.headers["Cache-Control"] == "no-store"


def test_api_exports_need_the_bearer_key(used):
    room = used.room
    facilitator = room.app.test_client()
    facilitator.get(f"/f/{room.code}/{room.key}")
    other = Room(room.app)
    for fmt in ("html", "csv", "json"):
        path = f"/api/workshops/{room.code}/export?format={fmt}"
        refusals = [
            room.app.test_client().get(path),
            used.browsers[0].get(path),
            used.browsers[0].get(path, headers={"Authorization": f"Bearer {used.tokens[0]}"}),
            facilitator.get(path),  # the console's cookie is not the API's key
            room.app.test_client().get(path, headers={"Authorization": f"Bearer {other.key}"}),
        ]
        for answer in refusals:
            assert answer.status_code == 401, (fmt, answer.status_code)
            assert "facilitator key" in refused_in_words(answer.get_json())
        assert export(room, fmt).status_code == 200


# ---------------------------------------------------------------------- deletion
def rows_of(app, workshop_id):
    """{table: rows belonging to the workshop}, for every table there is."""
    found = {}
    with app.extensions["roundtable"].store.engine.connect() as db:
        for table in Base.metadata.sorted_tables:
            column = table.c.id if table.name == "workshop" else table.c.workshop_id
            found[table.name] = db.scalar(select(func.count()).select_from(table)
                                          .where(column == workshop_id))
    return found


def workshop_id(app, code):
    with app.extensions["roundtable"].store.engine.connect() as db:
        return db.scalar(select(Workshop.id).where(Workshop.code == code))


@pytest.fixture
def two_workshops(used):
    """The workshop that used every type, its screens open, and another one beside it."""
    room = used.room
    other = Room(room.app)
    other.add_question("Something else entirely?")
    other.control("start")
    other_phone = other.phone(name="", organisation="")
    act(other_phone, other.engine.workshop(other.code).activities[0].id, "answer",
        text="Still here afterwards")
    screens = [used.console, room.presenter(), used.phones[0], used.phones[5]]
    for screen in screens + [other.presenter(), other_phone]:
        screen.get_received()
    return SimpleNamespace(room=room, other=other, screens=screens, other_phone=other_phone,
                           id=workshop_id(room.app, room.code),
                           other_before=json.loads(export(other, "json").data),
                           other_rows=rows_of(room.app, workshop_id(room.app, other.code)))


def check_deleted(app, two):
    room = two.room
    assert set(rows_of(app, two.id)) == {t.name for t in Base.metadata.sorted_tables}
    assert all(count == 0 for count in rows_of(app, two.id).values()), rows_of(app, two.id)
    assert app.test_client().get(f"/j/{room.code}").status_code == 404
    assert app.test_client().get(f"/s/{room.code}").status_code == 404
    for screen in two.screens:
        assert last(screen, "ended") == {"code": room.code}
    assert last(two.other_phone, "ended") is None
    other = two.other
    assert rows_of(app, workshop_id(app, other.code)) == two.other_rows
    assert comparable(json.loads(export(other, "json").data)) == comparable(two.other_before)


def test_deleting_over_the_api_removes_every_row_and_ends_every_screen(two_workshops):
    room = two_workshops.room
    before = rows_of(room.app, two_workshops.id)
    assert before == {"workshop": 1, "activity": 4, "participant": 6, "action": ACTIONS}
    refused = room.app.test_client().delete(f"/api/workshops/{room.code}")
    assert refused.status_code == 401
    assert rows_of(room.app, two_workshops.id) == before

    answer = room.api("delete", f"/api/workshops/{room.code}")
    assert answer.status_code == 200 and answer.get_json() == {"ok": True,
                                                               "deleted": room.code}
    check_deleted(room.app, two_workshops)
    assert room.api("get", f"/api/workshops/{room.code}/export?format=json").status_code == 404


def test_deleting_from_the_console_needs_the_join_code_typed(two_workshops):
    room = two_workshops.room
    before = rows_of(room.app, two_workshops.id)
    console = room.app.test_client()
    console.get(f"/f/{room.code}/{room.key}")

    for typed in ("", "ABCDEF", room.code[:5], "not a code"):
        answer = console.post(f"/f/{room.code}/delete", data={"confirm": typed})
        assert answer.status_code == 303, typed
        assert rows_of(room.app, two_workshops.id) == before, typed
        page = Page(console.get(answer.location).get_data(as_text=True))
        assert words(page.by_id("confirm-error")) == \
            "That is not this workshop's code. Nothing was deleted.", typed
    for screen in two_workshops.screens:
        assert last(screen, "ended") is None
    stranger = room.app.test_client().post(f"/f/{room.code}/delete",
                                           data={"confirm": room.code})
    assert stranger.status_code == 403  # the right code, but no facilitator cookie
    assert rows_of(room.app, two_workshops.id) == before

    typed = f"{room.code[:3].lower()} {room.code[3:].lower()}"  # as read out, then typed
    answer = console.post(f"/f/{room.code}/delete", data={"confirm": typed})
    assert answer.status_code == 303
    assert answer.location.endswith(f"/?deleted={room.code}")
    check_deleted(room.app, two_workshops)
    assert console.get(f"/f/{room.code}").status_code == 404


def test_a_participants_cookie_cannot_delete_the_workshop(used):
    room = used.room
    before = rows_of(room.app, workshop_id(room.app, room.code))
    answer = used.browsers[0].post(f"/f/{room.code}/delete", data={"confirm": room.code})
    assert answer.status_code == 403
    answer = used.browsers[0].delete(f"/api/workshops/{room.code}",
                                     headers={"Authorization": f"Bearer {used.tokens[0]}"})
    assert answer.status_code == 401
    assert rows_of(room.app, workshop_id(room.app, room.code)) == before


# ---------------------------------------------------------------------- retention
RETENTION_DAYS = 2


@pytest.fixture
def short_app(database_url):
    app = create_app({
        "DATABASE_URL": database_url,
        "ROUNDTABLE_ASYNC_MODE": "threading",
        "BROADCAST_INTERVAL": 0,
        "RETENTION_DAYS": RETENTION_DAYS,
    })
    yield app
    app.extensions["roundtable"].store.engine.dispose()


def last_used(app, code, moment):
    """Set when a workshop was last used, in the database itself."""
    engine = app.extensions["roundtable"]
    with engine.store.engine.begin() as db:
        db.execute(update(Workshop).where(Workshop.code == code).values(last_used_at=moment))
    engine.forget(code)


@pytest.fixture
def ages(short_app):
    """Three workshops: unused for longer than the period, used within it, and new."""
    now = utcnow()
    made = {name: Room(short_app) for name in ("old", "recent", "new")}
    made["old"].add_question()
    made["recent"].add_question()
    last_used(short_app, made["old"].code, now - timedelta(days=RETENTION_DAYS, hours=1))
    last_used(short_app, made["recent"].code, now - timedelta(days=RETENTION_DAYS - 1))
    return made


def exists(app, code):
    return workshop_id(app, code) is not None


def test_purge_deletes_only_workshops_unused_for_longer_than_the_period(short_app, ages):
    old_id = workshop_id(short_app, ages["old"].code)
    deleted = short_app.extensions["roundtable"].purge()
    assert deleted == [ages["old"].code]
    assert not exists(short_app, ages["old"].code)
    assert all(count == 0 for count in rows_of(short_app, old_id).values())
    assert exists(short_app, ages["recent"].code) and exists(short_app, ages["new"].code)
    assert short_app.test_client().get(f"/j/{ages['old'].code}").status_code == 404
    assert short_app.test_client().get(f"/j/{ages['recent'].code}").status_code == 200
    assert short_app.extensions["roundtable"].purge() == []


def once_listed(monkeypatch, meanwhile):
    """Run `meanwhile` right after the purge has listed the workshops to delete, as if
    it happened in between (another process, or someone using a workshop)."""
    listed = store.Tx.unused_since

    def unused_since(tx, cutoff):
        codes = listed(tx, cutoff)
        monkeypatch.setattr(store.Tx, "unused_since", listed)  # once
        meanwhile()
        return codes
    monkeypatch.setattr(store.Tx, "unused_since", unused_since)


def test_a_workshop_another_process_purged_first_is_skipped(short_app, ages, database_url,
                                                            monkeypatch):
    other = create_app({"DATABASE_URL": database_url, "ROUNDTABLE_ASYNC_MODE": "threading",
                        "BROADCAST_INTERVAL": 0, "RETENTION_DAYS": RETENTION_DAYS})
    try:
        here = short_app.extensions["roundtable"]
        here.workshop(ages["old"].code)  # known here, as in a running process
        once_listed(monkeypatch, lambda: other.extensions["roundtable"].purge())
        assert here.purge() == []  # the other process deleted it, and said so
        assert not exists(short_app, ages["old"].code)
        assert exists(short_app, ages["recent"].code)
    finally:
        other.extensions["roundtable"].store.engine.dispose()


def test_a_workshop_used_after_the_purge_listed_it_stays(short_app, ages, monkeypatch):
    code = ages["old"].code
    once_listed(monkeypatch, lambda: last_used(short_app, code, utcnow()))
    assert short_app.extensions["roundtable"].purge() == []
    assert exists(short_app, code)
    assert short_app.test_client().get(f"/j/{code}").status_code == 200


def test_the_purge_command_deletes_what_the_period_has_passed(short_app, ages):
    result = short_app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Deleted 1 workshop(s): {ages['old'].code}."
    assert not exists(short_app, ages["old"].code)
    assert exists(short_app, ages["recent"].code) and exists(short_app, ages["new"].code)
    again = short_app.test_cli_runner().invoke(args=["purge"])
    assert again.output.strip() == "Deleted 0 workshop(s)."


def test_the_console_shows_the_day_the_workshop_will_be_deleted(short_app, ages):
    room = ages["recent"]
    moment = utcnow().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
    last_used(short_app, room.code, moment)
    console = short_app.test_client()
    console.get(f"/f/{room.code}/{room.key}")
    page = Page(console.get(f"/f/{room.code}").get_data(as_text=True))
    day = moment + timedelta(days=RETENTION_DAYS)
    expected = f"{day.day} {day:%B %Y}"  # 4 December 2026: no 0 before the day
    assert words(page.by_id("delete-after")) == expected
    assert f"{RETENTION_DAYS} days after it was last used" in words(page.by_id("retention"))


# ---------------------------------------------------------------------- command line
def test_the_export_command_writes_each_format(used, tmp_path):
    room = used.room
    runner = room.app.test_cli_runner()
    written = {}
    for fmt in ("html", "csv", "json"):
        path = tmp_path / f"out.{fmt}"
        result = runner.invoke(args=["export", room.code.lower(), "--format", fmt,
                                     "-o", str(path)])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == f"Wrote {path}"
        written[fmt] = path.read_bytes()
    assert Page(written["html"].decode()).texts("h2") == TITLES
    files = spreadsheets(written["csv"])
    assert len([n for n in files if n.endswith(".csv")]) == 4
    assert comparable(json.loads(written["json"])) == \
        comparable(json.loads(export(room, "json").data))

    missing = runner.invoke(args=["export", "ZZZZZZ", "-o", str(tmp_path / "none.json")])
    assert missing.exit_code != 0 and "no workshop with the code ZZZZZZ" in missing.output
    assert not (tmp_path / "none.json").exists()


def test_the_import_command_creates_a_workshop_that_exports_the_same(used, tmp_path):
    room = used.room
    runner = room.app.test_cli_runner()
    path = tmp_path / "workshop.json"
    assert runner.invoke(args=["export", room.code, "-o", str(path)]).exit_code == 0
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    code, key = re.search(r"Created workshop ([A-Z0-9]{6})\. Facilitator key: (\S+)",
                          result.output).groups()
    assert f"/f/{code}/{key}" in result.output
    assert comparable(json.loads(export(room, "json", code, key).data)) == \
        comparable(json.loads(path.read_text(encoding="utf-8")))

    result = runner.invoke(args=["import", str(path), "--agenda-only"])
    assert result.exit_code == 0, result.output
    code, key = re.search(r"Created workshop ([A-Z0-9]{6})\. Facilitator key: (\S+)",
                          result.output).groups()
    template = json.loads(export(room, "json", code, key).data)
    assert [a["type"] for a in template["agenda"]] == TYPES
    assert template["participants"] == [] and template["actions"] == []


def test_the_import_command_refuses_a_tampered_file_and_creates_nothing(used, tmp_path):
    room = used.room
    document = json.loads(export(room, "json").data)
    runner = room.app.test_cli_runner()
    before = workshops(room.app)
    for what, (bad, words) in tampered(document).items():
        path = tmp_path / "tampered.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        result = runner.invoke(args=["import", str(path)])
        assert result.exit_code == 1, (what, result.output)
        assert result.output.startswith("Error: ") and words in result.output, what
        assert "Traceback" not in result.output
    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    assert workshops(room.app) == before
