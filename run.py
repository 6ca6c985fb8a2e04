"""Start Roundtable. The async runtime's monkey patching happens here and nowhere else."""
import os

ASYNC_MODE = os.environ.get("ROUNDTABLE_ASYNC_MODE", "gevent")
if ASYNC_MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()
    # psycopg2 talks to PostgreSQL in C, out of gevent's sight: without this, every
    # greenlet waits while one of them waits for the database.
    from psycogreen.gevent import patch_psycopg

    patch_psycopg()

import importlib.util  # noqa: E402  (after patching, by design)
import logging  # noqa: E402
import resource  # noqa: E402
import socket  # noqa: E402

from workshop import collector, create_app, qr  # noqa: E402
from workshop.extensions import socketio  # noqa: E402


def lan_address():
    """The address phones on the same network can reach. Connecting a UDP socket sends
    nothing; it only asks the system which interface it would use."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


# eventlet's server serves at most this many connections at once (its default, 1,024,
# would leave the 1,024th phone of a keynote waiting); gevent's has no such cap.
EVENTLET_MAX_CONNECTIONS = 20000


def server_options():
    """Options for the web server socketio.run starts.

    gevent's server treats a connection whose WebSocket has ended as an ordinary
    keep-alive HTTP connection: it keeps it open and reads the client's last WebSocket
    frames as if they were HTTP requests, answering them with HTTP 400 bytes. Close the
    connection once the WebSocket request is over, as eventlet's server does.

    gevent's server also prints a failed request's environ with its error, showing the
    client's address; its request environ here shows only the method and path."""
    if ASYNC_MODE == "eventlet":
        return {"max_size": EVENTLET_MAX_CONNECTIONS}
    if ASYNC_MODE != "gevent" or importlib.util.find_spec("geventwebsocket"):
        return {}
    from gevent import pywsgi

    class Environ(pywsgi.WSGISecureEnviron):
        default_whitelist_keys = ("REQUEST_METHOD", "PATH_INFO")

    class Handler(pywsgi.WSGIHandler):
        def get_environ(self):
            return Environ(super().get_environ())

        def handle_one_response(self):
            super().handle_one_response()
            if self.headers.get("Upgrade", "").lower() == "websocket":
                self.close_connection = True

    return {"handler_class": Handler}


def allow_many_connections():
    """Every phone holds a socket open: raise the open-file limit from the usual soft
    default of 1,024 to what the system allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def main():
    allow_many_connections()
    app = create_app()
    host, port = app.config["HOST"], app.config["PORT"]
    shown = host if host not in ("0.0.0.0", "::", "") else lan_address()
    address = app.config["PUBLIC_URL"] or f"http://{shown}:{port}"
    print(f"\nRoundtable is running. Open {address}/ to start a workshop.\n", flush=True)
    if os.environ.get("ROUNDTABLE_QUIET") != "1":
        print(qr.terminal(f"{address}/"), flush=True)
    socketio.start_background_task(keep_tidy, app.extensions["roundtable"])
    collector.start()  # the app is built: what exists now lives as long as the process
    socketio.start_background_task(app.extensions["roundtable_collector"].keep, socketio.sleep)
    socketio.run(app, host=host, port=port, log_output=False, **server_options())


def keep_tidy(engine, every=3600):
    """Delete workshops past their retention period: at start, then every hour. A failed
    round (the database unavailable, say) is reported and tried again next hour."""
    while True:
        try:
            codes = engine.purge()
        except Exception:
            logging.exception("Deleting unused workshops failed; trying again in an hour.")
        else:
            if codes:
                print(f"Deleted {len(codes)} workshop(s) unused for "
                      f"{engine.retention_days} days.", flush=True)
        socketio.sleep(every)


if __name__ == "__main__":
    main()
