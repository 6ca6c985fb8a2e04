"""Several server processes acting as one, through Redis (MESSAGE_QUEUE).

Flask-SocketIO's message queue already carries every emit to every process, so a view
computed where a change happened reaches screens connected anywhere. Two things are
left to say between processes, and this module says them on one Redis channel:

- which participants' own views may have changed, so that each process refreshes the
  ones of the phones connected to it (it alone knows who they are);
- who is connected where, so that every process counts the whole room;
- that a workshop was deleted, so that no process serves it from memory.

Each process keeps its in-memory copy up to date lazily (`Engine.catch_up`) before it
answers a screen or broadcasts a view.
"""
import json
import logging
import secrets

log = logging.getLogger(__name__)

CHANNEL = "roundtable:cluster"


class Cluster:
    def __init__(self, url, engine, broadcaster, socketio):
        import redis  # only needed when several processes share the work

        self.redis = redis.Redis.from_url(url)
        self.engine = engine
        self.broadcaster = broadcaster
        self.socketio = socketio
        self.origin = secrets.token_hex(8)

    def start(self):
        self.socketio.start_background_task(self._listen)

    # ------------------------------------------------------------------ saying
    def changed(self, code, participant_ids=()):
        people = participant_ids if participant_ids == "all" else list(participant_ids)
        if people:
            self._publish({"code": code, "people": people})

    def presence(self, code):
        self._publish({"code": code, "connected": list(self.engine.connected_here(code))})

    def deleted(self, code):
        self._publish({"code": code, "deleted": True})

    def _publish(self, message):
        try:
            self.redis.publish(CHANNEL, json.dumps({**message, "origin": self.origin}))
        except Exception:  # the queue being down must not fail the change itself
            log.exception("could not tell the other processes")

    # ------------------------------------------------------------------ hearing
    def _listen(self):
        while True:
            try:
                pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(CHANNEL)
                for item in pubsub.listen():
                    self._hear(item)
            except Exception:
                log.exception("lost the other processes; listening again shortly")
                self.socketio.sleep(1)

    def _hear(self, item):
        try:
            message = json.loads(item["data"])
        except (TypeError, ValueError):
            return
        if message.get("origin") == self.origin or not isinstance(message.get("code"), str):
            return
        code = message["code"]
        if message.get("deleted"):
            self.engine.forget(code)
        elif "connected" in message:
            self.engine.remote_presence(code, message["origin"], message["connected"])
            self.broadcaster.mark(code)
        elif message.get("people"):
            people = message["people"]
            local = set(self.engine.connected_here(code))
            mine = local if people == "all" else local & set(people)
            if mine:
                self.broadcaster.mark_own(code, mine)
