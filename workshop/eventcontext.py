"""Socket.IO events' request contexts, with what belongs to the connection made once.

Flask-SocketIO runs each event in a Flask request context made from its connection's
first request (`app.request_context(environ)` with the environ Engine.IO kept for the
connection): a new Request, a URL adapter bound to it and the URL matched against every
rule, for every vote, although all three are the same for every event of a connection.
Here the first event's context keeps its Request and URL adapter in the connection's
environ, and every later event's context takes them from there, already matched. The
context itself is still made, pushed and popped per event by Flask (application context,
`g`, the language chosen, teardown), as before.

Written here because neither Flask nor Flask-SocketIO has a setting for it; the two
places changed are the Flask methods that make a request context and its URL adapter.
A connection's events run one at a time (async_handlers=False), so its Request is never
in two events at once; Flask-SocketIO sets `request.sid`, `namespace` and `event` on it
afresh for each event.
"""
from flask import Flask
from flask.ctx import RequestContext

from .middleware import LIVE_PATH

CONNECTION = "roundtable.connection"  # in a connection's environ: (Request, URL adapter)


class App(Flask):
    def request_context(self, environ):
        # Flask serves nothing under the live path (Engine.IO answers there, before
        # Flask): a context for it is a Socket.IO event's.
        if environ.get("PATH_INFO", "").startswith(LIVE_PATH):
            return EventContext(self, environ)
        return super().request_context(environ)

    def create_url_adapter(self, request):
        known = request.environ.get(CONNECTION) if request is not None else None
        if known is not None and known[0] is request:
            return known[1]
        return super().create_url_adapter(request)


class EventContext(RequestContext):
    def __init__(self, app, environ):
        known = environ.get(CONNECTION)
        super().__init__(app, environ, request=known[0] if known else None)
        if known is None:
            environ[CONNECTION] = (self.request, self.url_adapter)

    def match_request(self):
        if self.request.url_rule is None and self.request.routing_exception is None:
            super().match_request()  # the connection's first event
