"""Workshops kept by earlier releases still open as they were.

tests/fixtures/archives holds what a facilitator downloaded from a released version: the
JSON archive, the HTML report and the spreadsheets ZIP (see the README there). Each
archive is imported as a user would (the home page's upload) and exported again; what the
user reads must be what they read before: every accepted action replayed with the same
reply, the same results, the report's text and the same spreadsheets and pictures. A
rule tightened later would refuse an action and fail the import; a changed count or
wording fails the comparison."""
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

import activities

KEPT = Path(__file__).resolve().parent.parent / "fixtures" / "archives"
ARCHIVES = sorted(KEPT.glob("*.json"))
# The day the report was made, as CLDR writes it ("4 December 2026"; once "04 December").
MADE_ON = re.compile(r"^Made on \d{1,2} \w+ \d{4}\. ")


class Text(HTMLParser):
    """The text a reader sees, one piece per element, in document order (SVG included)."""

    HIDDEN = {"style", "script"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.pieces, self._hidden = [], 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self._hidden -= tag in self.HIDDEN

    def handle_data(self, data):
        words = " ".join(data.split())
        if words and not self._hidden:
            self.pieces.append(MADE_ON.sub("Made on (the day). ", words))


def drawn(svg):
    """What a picture shows: each element with its text and its attributes, in order."""
    return [(element.tag, sorted(element.attrib.items()), (element.text or "").strip())
            for element in ElementTree.fromstring(svg).iter()]


def zip_contents(body):
    """{file name: what it holds}: a spreadsheet's text, or what a picture draws."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: drawn(archive.read(name)) if name.endswith(".svg")
                else archive.read(name).decode("utf-8")
                for name in archive.namelist()}


def added_since(before, after):
    """What a later release adds to a kept workshop's file, and no more: each agenda item's
    settings added since, which must be at their defaults (so nothing works differently),
    and an empty `held_for_review` in each result (nothing waited for review before there
    was review). Returns `after` with those taken out, to compare with `before`."""
    after = json.loads(json.dumps(after))
    for old, new in zip(before["agenda"], after["agenda"]):
        fields = {f.name: f for f in activities.get(new["type"]).config_fields}
        for name in set(new["config"]) - set(old["config"]):
            assert new["config"].pop(name) == fields[name].default, (new["type"], name)
    for result in after["results"]:
        assert result.pop("held_for_review", []) == [], result["type"]
    return after


def kept(archive, suffix):
    return archive.with_name(archive.name.removesuffix(".json") + suffix)


def import_as_a_user(app, path, agenda_only=False):
    """The home page's import form; returns the new workshop's code and facilitator key."""
    data = {"file": (io.BytesIO(path.read_bytes()), path.name)}
    if agenda_only:
        data["mode"] = "agenda"
    answer = app.test_client().post("/workshops/import", data=data,
                                    content_type="multipart/form-data")
    refusal = re.search(r'id="import-error"[^>]*>(.*?)</p>', answer.get_data(as_text=True), re.S)
    assert answer.status_code == 303, refusal.group(1) if refusal else answer.status
    code, key = urlsplit(answer.headers["Location"]).path.rstrip("/").split("/")[-2:]
    return code, key


def download(app, code, key, fmt):
    answer = app.test_client().get(f"/api/workshops/{code}/export?format={fmt}",
                                   headers={"Authorization": f"Bearer {key}"})
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return answer.data


def test_there_are_kept_archives_with_their_report_and_spreadsheets():
    assert ARCHIVES, KEPT
    for archive in ARCHIVES:
        assert kept(archive, ".report.html").is_file(), archive.name
        assert kept(archive, ".spreadsheets.zip").is_file(), archive.name


@pytest.mark.parametrize("archive", ARCHIVES, ids=lambda path: path.stem)
def test_a_kept_archive_opens_with_the_same_contributions_and_results(app, archive):
    before = json.loads(archive.read_text("utf-8"))
    code, key = import_as_a_user(app, archive)
    after = added_since(before, json.loads(download(app, code, key, "json")))

    assert after["workshop"]["title"] == before["workshop"]["title"]
    assert after["workshop"]["organisations"] == before["workshop"]["organisations"]
    assert after["workshop"]["current"] == before["workshop"]["current"]
    assert after["agenda"] == before["agenda"]
    assert after["participants"] == before["participants"]
    # Every action accepted again, with the reply its author was given.
    assert len(after["actions"]) == len(before["actions"])
    for old, new in zip(before["actions"], after["actions"]):
        assert new == old, old
    for position, (old, new) in enumerate(zip(before["results"], after["results"])):
        assert new == old, f"agenda item {position + 1}: {old['type']}"
    assert len(after["results"]) == len(before["results"])


@pytest.mark.parametrize("archive", ARCHIVES, ids=lambda path: path.stem)
def test_a_kept_archive_gives_the_report_it_gave(app, archive):
    code, key = import_as_a_user(app, archive)
    report = download(app, code, key, "html").decode("utf-8")
    before = Text(kept(archive, ".report.html").read_text("utf-8")).pieces
    after = Text(report).pieces
    assert any(piece.startswith("Made on (the day). ") for piece in before)
    assert after == before


@pytest.mark.parametrize("archive", ARCHIVES, ids=lambda path: path.stem)
def test_a_kept_archive_gives_the_spreadsheets_and_pictures_it_gave(app, archive):
    code, key = import_as_a_user(app, archive)
    before = zip_contents(kept(archive, ".spreadsheets.zip").read_bytes())
    after = zip_contents(download(app, code, key, "csv"))
    assert list(after) == list(before)
    for name in before:
        assert after[name] == before[name], name


@pytest.mark.parametrize("archive", ARCHIVES, ids=lambda path: path.stem)
def test_a_kept_archive_gives_its_agenda_alone(app, archive):
    before = json.loads(archive.read_text("utf-8"))
    code, key = import_as_a_user(app, archive, agenda_only=True)
    after = json.loads(download(app, code, key, "json"))
    after["results"] = []  # an agenda alone has nothing to compare there
    assert [(a["type"], a["config"]) for a in added_since(before, after)["agenda"]] == \
        [(a["type"], a["config"]) for a in before["agenda"]]
    assert after["actions"] == [] and after["participants"] == []
