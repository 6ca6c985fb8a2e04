"""Each screen loads only its own part of an activity type's browser code.

A phone on a slow link should not download the projector's or the console's drawing
code. The workshop below runs one activity of every type; the phone, the projector and
the console follow it, and each must have loaded `static/js/activities/<type>/<its
screen>.js` for every type, and never another screen's file."""
import re

import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import CONNECTED, join, no_script_errors, open_presenter

pytestmark = pytest.mark.browser

SCREENS = ("participant", "presenter", "facilitator")
PART = re.compile(r"/static/js/activities/(\w+)/(\w+)\.js")


def loaded_parts(page):
    """Every activity file the page requests, as (type, file name) pairs."""
    found = []
    page.on("request", lambda request: found.extend(PART.findall(request.url)))
    return found


def test_each_screen_loads_only_its_own_part_of_every_activity_type(server, people):
    base = server.url
    made = requests.post(f"{base}/api/workshops", timeout=10,
                         json={"title": "Every type", "agenda": "partnership"}).json()
    api = f"{base}/api/workshops/{made['code']}"
    auth = {"Authorization": f"Bearer {made['facilitator_key']}"}
    requests.post(f"{api}/activities", headers=auth, timeout=10, json={
        "type": "question", "config": {"prompt": "What gets in the way?"}}).raise_for_status()
    for type_id in ("questions", "checklist", "dpia", "actionplan"):  # settings all default
        requests.post(f"{api}/activities", headers=auth, timeout=10,
                      json={"type": type_id, "config": {}}).raise_for_status()
    agenda = requests.get(api, headers=auth, timeout=10).json()["agenda"]
    types = {item["type"] for item in agenda}
    known = {t["type"] for t in requests.get(f"{base}/api/types", timeout=10).json()["types"]}
    assert types == known, "the agenda should hold one activity of every type"

    phone, screen, console = people.phone(), people.presenter(), people.facilitator()
    loaded = {"participant": loaded_parts(phone), "presenter": loaded_parts(screen),
              "facilitator": loaded_parts(console)}
    join(phone, made["join_url"])
    open_presenter(screen, made["presenter_url"])
    console.goto(made["facilitator_url"])
    console.wait_for_selector(CONNECTED)

    for step, item in enumerate(agenda):
        requests.post(f"{api}/control", headers=auth, timeout=10,
                      json={"command": "start" if step == 0 else "next"}).raise_for_status()
        expect(phone.locator("#screen .activity .prompt")).to_have_text(item["label"])
        expect(screen.locator("#stage .activity .prompt")).to_have_text(item["label"])
        expect(console.locator("#current .activity h2").first).to_have_text(item["label"])

    for name in SCREENS:
        files = loaded[name]
        assert {t for t, file in files if file == name} == types, \
            f"the {name} screen did not load its part of every type: {files}"
        others = [(t, file) for t, file in files if file in SCREENS and file != name]
        assert not others, f"the {name} screen loaded other screens' parts: {others}"
    no_script_errors(phone, screen, console)
