"""Start Roundtable. The async runtime's monkey patching happens here and nowhere else."""
import os

ASYNC_MODE = os.environ.get("ROUNDTABLE_ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import socket  # noqa: E402  (after patching, by design)

from workshop import create_app, qr  # noqa: E402
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


def main():
    app = create_app()
    host, port = app.config["HOST"], app.config["PORT"]
    shown = host if host not in ("0.0.0.0", "::", "") else lan_address()
    address = app.config["PUBLIC_URL"] or f"http://{shown}:{port}"
    print(f"\nRoundtable is running. Open {address}/ to start a workshop.\n", flush=True)
    if os.environ.get("ROUNDTABLE_QUIET") != "1":
        print(qr.terminal(f"{address}/"), flush=True)
    socketio.run(app, host=host, port=port, log_output=False)


if __name__ == "__main__":
    main()
