"""Work that keeps the processor busy for a while (setting a busy workshop's report as a
PDF takes a few seconds), done in a thread of its own, so that the phones and screens of
every workshop on the server are still answered meanwhile.

Under gevent and eventlet every connection is a green thread on ONE operating-system
thread: a long computation there answers nobody else until it ends. Both runtimes have a
pool of real threads for such work (gevent's hub threadpool, eventlet's tpool); the green
thread that asked waits there, and the others run. Under plain threads (the tests'
`threading` mode) the work is simply done. The work given must read no database and touch
no connection: only compute, from what it is handed."""
from .extensions import socketio


def off_the_loop(job, *args):
    """job(*args), computed off the event loop; its result."""
    mode = socketio.async_mode
    if mode == "gevent":
        import gevent  # only ever imported where the server runs under gevent

        return gevent.get_hub().threadpool.apply(job, args)
    if mode == "eventlet":
        from eventlet import tpool  # only ever imported where it runs under eventlet

        return tpool.execute(job, *args)
    return job(*args)
