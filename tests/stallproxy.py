"""A TCP proxy on 127.0.0.1 that can stall, as venue wi-fi does: bytes pass through
until `hold()`, then wait (the connections stay open; nothing is dropped or refused) until
`release()` sends them on, in order.

    with StallingProxy(server.port) as proxy:
        page.goto(proxy.url + "/j/K7P3XQ")   # the page and its live connection go through it
        proxy.hold()
        ...                                  # the phone submits; nothing gets through
        proxy.release()

Each direction of each connection has a thread that reads a chunk and, while the proxy is
holding, waits before writing it on: what it has not read stays in the system's buffers,
so the sender sees a link that has stopped, not one that has gone. A connection made
while holding is accepted and held like the others. Every wait is bounded by `stop()`.
"""
import socket
import threading

HOST = "127.0.0.1"
CHUNK = 65536


class StallingProxy:
    def __init__(self, target_port, target_host=HOST):
        self.target = (target_host, target_port)
        self._listener = socket.create_server((HOST, 0))
        self.port = self._listener.getsockname()[1]
        self._open = threading.Event()  # set: bytes flow; clear: held
        self._open.set()
        self._stopping = threading.Event()
        self._sockets = set()
        self._lock = threading.Lock()
        self._threads = []

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self._spawn(self._accept)
        return self

    def hold(self):
        """From now on, nothing gets through either way, on any connection."""
        self._open.clear()

    def release(self):
        """Everything held goes on, in order, and bytes flow again."""
        self._open.set()

    def stop(self):
        self._stopping.set()
        self._open.set()
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                try:
                    sock.close()
                except OSError:
                    pass
        for thread in self._threads:
            thread.join(timeout=5)

    # ------------------------------------------------------------------ inside
    def _spawn(self, target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _keep(self, sock):
        with self._lock:
            self._sockets.add(sock)

    def _accept(self):
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # stopped
            self._keep(client)
            self._spawn(self._connect, client)

    def _connect(self, client):
        """Joins a new connection to the server, in a thread of its own: a connect that
        takes a while on a busy machine holds up no other connection."""
        try:
            upstream = socket.create_connection(self.target, timeout=10)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        self._keep(upstream)
        if self._stopping.is_set():  # stopped meanwhile: its sockets may be closed already
            for sock in (client, upstream):
                sock.close()
            return
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._spawn(self._pump, client, upstream)
        self._spawn(self._pump, upstream, client)

    def _pump(self, source, sink):
        """Copies source to sink, waiting while the proxy holds; passes on the end."""
        try:
            while True:
                data = source.recv(CHUNK)
                self._wait_until_open()
                if self._stopping.is_set():
                    return
                if not data:
                    sink.shutdown(socket.SHUT_WR)
                    return
                sink.sendall(data)
        except OSError:  # either side went away: so does the other
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass

    def _wait_until_open(self):
        while not self._open.wait(timeout=0.5):
            if self._stopping.is_set():
                return
