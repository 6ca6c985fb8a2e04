"""Roundtable: live workshops for partnerships."""
import logging

from flask import abort, request
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from . import assets, export
from . import config as settings
from .alerts import Alerts
from .broadcast import Broadcaster
from .collector import Collector
from .config import PROJECT_ROOT
from .engine import Engine
from .eventcontext import App
from .extensions import TextPacket, socketio
from .limits import Limits
from .middleware import LIVE_PATH, Answers
from .security import HEADERS, STATIC_HEADERS
from .storage import Storage
from .store import Store


def create_app(config=None):
    """Build the app. `config` overrides settings from the environment (tests use it)."""
    cfg = settings.load(config)
    app = App(__name__, static_folder=None, template_folder=str(PROJECT_ROOT / "templates"))
    app.config.update(cfg)
    app.config["MAX_CONTENT_LENGTH"] = cfg["MAX_MESSAGE_BYTES"]
    logging.basicConfig(level=logging.INFO)

    if cfg["DATABASE_URL"].startswith("sqlite:///"):
        settings.INSTANCE_DIR.mkdir(exist_ok=True)
    store = Store(cfg["DATABASE_URL"], cfg["DB_BUSY_TIMEOUT_MS"])
    store.migrate()
    engine = Engine(store, retention_days=cfg["RETENTION_DAYS"],
                    storage=Storage(cfg["PARTICIPANT_STORED_BYTES"], cfg["WORKSHOP_STORED_BYTES"]),
                    sleep=socketio.sleep)  # the runtime's, once init_app below has bound it
    app.extensions["roundtable"] = engine
    app.extensions["roundtable_limits"] = Limits(cfg)
    app.extensions["roundtable_alerts"] = Alerts(socketio, cfg)

    from . import gate, live, websocket
    socketio.init_app(
        app,
        async_mode=cfg["ROUNDTABLE_ASYNC_MODE"],
        cors_allowed_origins=live.origin_allowed(cfg),
        max_http_buffer_size=cfg["MAX_MESSAGE_BYTES"],
        message_queue=cfg["MESSAGE_QUEUE"] or None,
        transports=_transports(cfg["TRANSPORTS"]),
        ping_interval=cfg["PING_INTERVAL"],
        ping_timeout=cfg["PING_TIMEOUT"],
        async_handlers=False,  # one message at a time per connection: see live.command
        serializer=TextPacket,
    )
    websocket.install(socketio.server)  # bounded WebSocket reading, or no start at all
    gate.install(socketio.server)  # only packets Roundtable can answer reach the handlers
    app.wsgi_app = Answers(app.wsgi_app, cfg["MAX_MESSAGE_BYTES"])
    if cfg["PROXY_HOPS"]:  # outermost, so pages and Socket.IO both see the real client
        hops = cfg["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    broadcaster = Broadcaster(socketio, engine, cfg["BROADCAST_INTERVAL"], cfg["PHONE_INTERVAL"])
    app.extensions["roundtable_broadcaster"] = broadcaster
    collector = app.extensions["roundtable_collector"] = Collector()  # run.py starts it
    broadcaster.noted = collector.changed
    engine.on_change, engine.on_delete = broadcaster.mark, broadcaster.ended
    if cfg["MESSAGE_QUEUE"]:
        _join_cluster(cfg["MESSAGE_QUEUE"], engine, broadcaster)

    assets.install(app, PROJECT_ROOT / "static")  # versioned, compressed static files
    # The pages and the API, compressed for a slow link. Brotli first: its dictionary
    # knows HTML, so a phone's page comes out about 15% smaller than with zstd; at level 5
    # it takes about 0.2 ms a page (levels 9 and above take ten to a hundred times that).
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "zstd", "gzip", "deflate"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    Compress(app)

    from . import i18n
    i18n.init_app(app)

    from .views import api, outputs, pages
    app.register_blueprint(pages.bp)
    app.register_blueprint(outputs.bp)
    app.register_blueprint(api.bp)
    # Each Socket.IO event runs in a request context made from its connection's first
    # request, to /socket.io/, where Flask serves nothing (Engine.IO answers there, before
    # Flask), matched once per connection (eventcontext.py). With no rule to match, Flask
    # kept a NotFound, whose traceback held the event's frames in a reference cycle that
    # only a full garbage collection could free. These rules, never reached, let it match
    # (one for a connection that began as a WebSocket, one for one that began polling).
    for name, kind in (("live", {"methods": ["GET", "POST"]}), ("live_ws", {"websocket": True})):
        app.add_url_rule(f"{LIVE_PATH}/", name, _never_reached, strict_slashes=False, **kind)

    from . import commands
    commands.register(app)

    @app.context_processor
    def transports():
        return {"transports": ",".join(_transports(cfg["TRANSPORTS"]))}

    # For the console: the downloads on offer.
    app.jinja_env.globals["output_formats"] = list(export.FORMATS.values())

    @app.after_request
    def secure_headers(response):
        chosen = STATIC_HEADERS if request.endpoint == "static" else HEADERS
        for name, value in chosen.items():  # a view's own policy (the report's) stays
            response.headers.setdefault(name, value)
        return response

    return app


def _never_reached():
    abort(404)


def _transports(setting):
    chosen = [t.strip() for t in setting.split(",") if t.strip() in ("websocket", "polling")]
    return chosen or ["websocket", "polling"]


def _join_cluster(url, engine, broadcaster):
    """Several processes on one database and one message queue act as one server."""
    from .cluster import Cluster

    cluster = Cluster(url, engine, broadcaster, socketio)
    engine.shared = True

    def changed(code, participant_ids=()):
        broadcaster.mark(code, participant_ids)
        cluster.changed(code, participant_ids)

    def deleted(code):
        broadcaster.ended(code)
        cluster.deleted(code)

    engine.on_change, engine.on_delete, engine.on_presence = changed, deleted, cluster.presence
    cluster.start()
