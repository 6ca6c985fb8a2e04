"""The participant page on a slow link: what it weighs on the wire and how many round
trips it takes the first time, and that a reload asks the server for nothing but the
page itself. Measured in Chromium through its DevTools protocol, for each activity type.

Budget: the first load under 40 KB on the wire (headers and compressed bodies, the page
included) and every file in the first round trip after the page; on a reload, no file
is fetched or revalidated.
"""
import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import CONNECTED, PHONE, WAIT_MS, running

pytestmark = pytest.mark.browser

BUDGET_BYTES = 40_000
CONFIGS = {
    "question": {"prompt": "What helps?"},
    "questions": {"prompt": "Your questions"},
    "dotvote": {"prompt": "Which first?", "options": "Housing\nSchools"},
    "journey": {"prompt": "A referral"},
    "picture": {"prompt": "What are we building?"},
    "healthcheck": {"prompt": "How healthy are we?"},
    "glossary": {"prompt": "Our words"},
    "partnermap": {"prompt": "Who holds what?"},
    "checklist": {"prompt": "What will the agreement say?"},
    "dpia": {"prompt": "Do we need a DPIA?"},
    "actionplan": {"prompt": "What next?"},
}


class Network:
    """What one page asked of the network, from Chromium's own account."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.requests = {}  # request id -> {url, initiator, bytes, cached, status}
        self.sockets = []
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", self._from_cache)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.webSocketCreated", lambda e: self.sockets.append(e))
        self.cdp.send("Network.enable")

    def _sent(self, event):
        self.requests[event["requestId"]] = {
            "url": event["request"]["url"], "initiator": event["initiator"], "bytes": 0,
            "cached": False, "status": None}

    def _from_cache(self, event):
        self.requests[event["requestId"]]["cached"] = True

    def _received(self, event):
        entry = self.requests[event["requestId"]]
        response = event["response"]
        entry["status"] = response["status"]
        entry["cached"] = entry["cached"] or response.get("fromDiskCache") \
            or response.get("fromMemoryCache") or False

    def _finished(self, event):
        self.requests[event["requestId"]]["bytes"] = event["encodedDataLength"]

    def http(self):
        return [r for r in self.requests.values() if r["url"].startswith("http")]

    def reset(self):
        self.requests.clear()
        self.sockets.clear()


def a_phone_with_a_cookie(browser, base, made):
    """A phone that has joined (over HTTP, so that the join page fills no cache) and
    opens the participant page for the first time: nothing of it is cached yet. It holds
    the cookies its join gave it, the participant's and the join link's pass."""
    session = requests.Session()
    joined = session.post(f"{base}/j/{made['code']}", data={}, allow_redirects=False,
                          timeout=10)
    assert joined.status_code == 303, joined.status_code
    assert f"rt_p_{made['code']}" in session.cookies
    context = browser.new_context(**PHONE)
    context.set_default_timeout(WAIT_MS)
    context.add_cookies([{"name": cookie.name, "value": cookie.value, "url": base}
                         for cookie in session.cookies])
    return context.new_page()


def shown(page, prompt):
    expect(page.locator(".prompt")).to_have_text(prompt)
    page.wait_for_selector(CONNECTED)


@pytest.mark.parametrize("activity_type", CONFIGS)
def test_the_participant_page_is_light_and_a_reload_fetches_no_file(server, browser,
                                                                   activity_type, record_property):
    config = CONFIGS[activity_type]
    made = running(server.url, activity_type, config)
    page = a_phone_with_a_cookie(browser, server.url, made)
    network = Network(page)
    url = f"{server.url}/j/{made['code']}"
    try:
        page.goto(url)
        shown(page, config["prompt"])
        first = network.http()
        total = sum(r["bytes"] for r in first)
        record_property("first load", f"{activity_type}: {total} bytes in {len(first)} responses")
        assert total < BUDGET_BYTES, \
            f"{total} bytes on the wire: " + ", ".join(f"{r['url']} {r['bytes']}" for r in first)
        assert not any(r["cached"] for r in first), "a first load found something cached"

        # One round trip after the page: every file is named by the page itself, so the
        # browser asks for them all as it reads it, none waiting for another to arrive.
        files = [r for r in first if r["url"] != url]
        late = [r["url"] for r in files
                if r["initiator"].get("type") != "parser" or r["initiator"].get("url") != url]
        assert not late, f"fetched only once another file had arrived: {late}"
        assert len(network.sockets) == 1, network.sockets  # then the live connection
        assert not any("/socket.io/" in r["url"] for r in first), "long-polling was used"

        # A reload: the page again, and not a single file asked for, not even checked.
        network.reset()
        page.reload()
        shown(page, config["prompt"])
        asked = [r for r in network.http() if not r["cached"]]
        assert [r["url"] for r in asked] == [url], asked
        assert not any(r["status"] == 304 for r in network.http())
    finally:
        page.context.close()
