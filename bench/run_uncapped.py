"""run.py exactly as shipped, except that eventlet's WSGI server may hold more than its
default of 1,024 connections at once (eventlet.wsgi.server's max_size).

As shipped, socketio.run() under eventlet leaves max_size at 1,024: the 1,025th open
WebSocket waits in the listen queue until another closes, so a workshop of 2,000 phones
stops at 1,023 phones and a screen. The one-line fix this stands in for, in run.py's
main():

    socketio.run(app, ..., **server_options(), **({"max_size": MAX} if eventlet else {}))

gevent's server has no such cap. The benchmark's "eventlet (uncapped)" rows use this.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import run  # noqa: E402  (patches the runtime, as when started directly)

MAX_CONNECTIONS = int(os.environ.get("BENCH_MAX_CONNECTIONS", "20000"))

if __name__ == "__main__":
    shipped = run.server_options

    def server_options():
        options = shipped()
        if run.ASYNC_MODE == "eventlet":
            options["max_size"] = MAX_CONNECTIONS
        return options

    run.server_options = server_options
    run.main()
