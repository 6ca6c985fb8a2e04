"""Helpers for the unit layer: activities driven by hand, and an engine on a SQLite file
with no Flask app around it."""
from activities import question
from activities.actions import perform
from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Actor, Context, validate_config
from workshop.engine import Engine
from workshop.store import Store

ANN = Actor(PARTICIPANT, participant_id=11, number=1, organisation="Council")
BEN = Actor(PARTICIPANT, participant_id=12, number=2, organisation=None)
FAC = Actor(FACILITATOR)


def handle(module, state, action, payload, ctx):
    """An action carried out as the engine carries it out (the role, the payload and the
    type's rules checked): its reply."""
    return perform(module, state, action, payload, ctx)[1]


class Question:
    """An open question's state, with each action numbered as the engine would number it."""

    def __init__(self, prompt="What gets in the way?", **settings):
        self.config = validate_config(question.config_fields, {"prompt": prompt, **settings})
        self.state = question.initial_state(self.config)
        self.seq = 100

    def do(self, actor, action, **payload):
        self.seq += 1
        return handle(question, self.state, action, payload,
                      Context(actor, self.seq, 1_700_000_000.0 + self.seq))

    def answer(self, actor, text):
        return self.do(actor, "answer", text=text)["id"]

    def view(self, role, revealed=True):
        return question.public_view(self.state, role, revealed)

    def wall(self, role, revealed=True):
        """The answer texts a screen of this role shows, newest first."""
        return [a["text"] for a in self.view(role, revealed).get("answers", [])]

    def mine(self, actor):
        """The texts this participant sees as their own."""
        return [a["text"] for a in question.own_view(self.state, actor.participant_id)["answers"]]


# ---------------------------------------------------------------------- engine
def open_engine(url, on_change=None):
    """An engine as a freshly started server process would build it."""
    store = Store(url)
    store.migrate()
    return Engine(store, on_change)


class Changes:
    """Records what the engine reports as changed, as the broadcaster would receive it."""

    def __init__(self):
        self.calls = []

    def __call__(self, code, participant_ids=()):
        self.calls.append((code, participant_ids))

    def take(self):
        calls, self.calls = self.calls, []
        return calls


class Session:
    """One workshop run through the engine: the facilitator, and people joining."""

    def __init__(self, engine, title="Sharing well", organisations=("Council", "Police")):
        self.engine = engine
        self.code, self.key = engine.create_workshop(title, list(organisations))
        self.tokens = {}

    def restarted(self, engine):
        """The same workshop, as seen by another engine (a restarted server)."""
        again = object.__new__(Session)
        again.engine, again.code, again.key, again.tokens = engine, self.code, self.key, {
            **self.tokens}
        return again

    def join(self, name=None, organisation=None):
        actor, token = self.engine.join(self.code, name, organisation)
        self.tokens[actor.number] = token
        return actor

    def control(self, command, **args):
        return self.engine.control(self.code, command, args)

    def add_question(self, prompt="What gets in the way?", **settings):
        reply = self.control("add_activity", type="question",
                             config={"prompt": prompt, **settings})
        return reply["activity"]["id"]

    def act(self, actor, activity_id, action, cid=None, **payload):
        return self.engine.act(self.code, actor, activity_id, action, payload, cid)

    def answer(self, actor, activity_id, text, cid=None):
        return self.act(actor, activity_id, "answer", cid=cid, text=text)["id"]

    @property
    def live(self):
        return self.engine.workshop(self.code)

    def view(self, role=PRESENTER, participant_id=None):
        return self.engine.view(self.code, role, participant_id)

    def wall(self, role=FACILITATOR):
        """Answer texts of the running question as this role's screen shows them."""
        activity = self.view(role)["activity"]
        return [a["text"] for a in activity["view"].get("answers", [])]

    def mine(self, actor):
        own = self.engine.own(self.code, actor.participant_id)["mine"]
        return [a["text"] for a in own["answers"]]

    def stored_actions(self):
        """The accepted actions as the database holds them."""
        with self.engine.store.transaction() as tx:
            return tx.actions(self.live.id)
