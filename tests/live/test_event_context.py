"""A Socket.IO event's request context: what belongs to the connection (its request, the
URL matched) is made once, at its first event; what belongs to the event (the application
context, `g`) is new for each, as Flask makes it (workshop/eventcontext.py)."""
from flask import g, request
from werkzeug.test import EnvironBuilder

from workshop.middleware import LIVE_PATH


def environ_of(path, cookie):
    return EnvironBuilder(path=path, query_string="EIO=4&transport=websocket",
                          headers={"Host": "127.0.0.1:5000", "Cookie": cookie}).get_environ()


def in_contexts(app, environ, times=3):
    seen = []
    for _ in range(times):
        with app.request_context(environ):
            g.mark = len(seen)
            seen.append((request._get_current_object(), g._get_current_object(),
                         request.url_rule and request.url_rule.endpoint,
                         request.cookies.get("rt_lang")))
    return seen


def test_a_connections_events_share_its_request_matched_once_each_in_a_context_of_its_own(
        app):
    welsh = in_contexts(app, environ_of(f"{LIVE_PATH}/", "rt_lang=cy"))
    assert len({id(r) for r, *_ in welsh}) == 1  # one request for the connection
    assert len({id(events_g) for _, events_g, *_ in welsh}) == 3  # a g for each event
    assert {(endpoint, lang) for _, _, endpoint, lang in welsh} == {("live", "cy")}

    english = in_contexts(app, environ_of(f"{LIVE_PATH}/", "rt_lang=en_GB"))
    assert english[0][0] is not welsh[0][0]  # another connection, another request
    assert english[0][3] == "en_GB"


def test_a_page_request_still_gets_a_request_of_its_own_each_time(app):
    page = in_contexts(app, environ_of("/", ""), times=2)
    assert page[0][0] is not page[1][0]
