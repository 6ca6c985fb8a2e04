"""Every registered activity type keeps the activity contract (activities/base.py), and the
contract test itself catches a type that breaks it: each check is run against a
deliberately broken made-up type too."""
import copy
import itertools
import json
import types
from dataclasses import dataclass, field

import pytest

import activities
from activities.actions import Action, perform
from activities.base import (CONFIG_KINDS, FACILITATOR, PARTICIPANT, PAYLOAD_KINDS, PRESENTER,
                             ROLES, Actor, Context, Field, Rejected, validate_config)
from activities.contributions import (REVIEW, Contribution, approved, find, moderation,
                                      visible)

TYPES = sorted(activities.TYPES.items())
ACTORS = {
    PARTICIPANT: Actor(PARTICIPANT, participant_id=7, number=1, organisation="Council"),
    FACILITATOR: Actor(FACILITATOR),
    PRESENTER: Actor(PRESENTER),
}
PEOPLE = [ACTORS[PARTICIPANT], Actor(PARTICIPANT, participant_id=8, number=2,
                                     organisation="Police")]
# What a careless or hostile client might send as an action's details.
ODD_PAYLOADS = [{}, {"id": True}, {"id": "1"}, {"id": None}, {"id": -1}, {"id": 10**20},
                {"text": None}, {"text": 5}, {"text": ""}, {"text": "x" * 100_000},
                {"choice": []}, {"value": {}}, {"position": 1.5}, {"junk": "x" * 60_000}]


def filled(module):
    """The least a facilitator must fill in: required fields, and nothing else."""
    raw = {}
    for f in module.config_fields:
        if f.required:
            raw[f.name] = {"text": "Something to discuss", "textarea": "Something to discuss",
                           "number": f.minimum if f.minimum is not None else 1,
                           "bool": True, "choice": f.choices[0] if f.choices else None}[f.kind]
    return raw


def configurations(module):
    """Settings the type accepts as a whole (check_config, where it has one): the
    required fields alone, then with every text field given two lines as well; and each
    of those with each yes-or-no setting turned the other way and each choice made."""
    generous = {**filled(module), **{f.name: "First thing\nSecond thing"
                                     for f in module.config_fields
                                     if f.kind == "textarea" and not f.required}}
    variants = [{}]
    for f in module.config_fields:
        if f.kind == "bool":
            variants.append({f.name: not f.default})
        elif f.kind == "choice":
            variants += [{f.name: choice} for choice in f.choices]
    accepted = []
    for base, variant in itertools.product((filled(module), generous), variants):
        try:
            config = activities.configure(module, {**base, **variant})
        except Rejected:
            continue
        if config not in accepted:
            accepted.append(config)
    return accepted


def fresh(module):
    settings = configurations(module)
    assert settings, f"{module.type_id}: no simple settings were accepted"
    return module.initial_state(settings[0])


def json_safe(value):
    """Survives the trip to a browser unchanged."""
    return json.loads(json.dumps(value, allow_nan=False)) == value


# ---------------------------------------------------------------------- the checks
def table_problems(module):
    """The action table: the only way into the type. Every action declared once, with the
    roles that may send it (the presenter only watches) and a handler; no other dispatch
    (`handle`, `allowed`) beside it, which could take actions the table does not declare."""
    problems = [f"a {name}() of its own, beside the action table"
                for name in ("handle", "allowed") if hasattr(module, name)]
    table = getattr(module, "actions", None)
    if not isinstance(table, dict) or not table:
        return [*problems, "no action table"]
    for name, action in table.items():
        if not isinstance(name, str) or not name.isidentifier():
            problems.append(f"{name!r}: not an action name")
        if not isinstance(action, Action):
            problems.append(f"{name}: not declared as an Action")
            continue
        if not callable(action.run):
            problems.append(f"{name}: no handler")
        if not action.roles or not action.roles <= {PARTICIPANT, FACILITATOR}:
            problems.append(f"{name}: roles {sorted(action.roles)}")
        if not action.before_reveal <= set(ROLES):
            problems.append(f"{name}: shown before the reveal to {sorted(action.before_reveal)}")
        if not action.doc.strip() or not json_safe(action.reply):
            problems.append(f"{name}: no doc, or a reply that is not JSON")
    return problems


def field_problems(module):
    """Every payload field is validated: a kind the validation knows, a bound on its
    length where it is text, and a check where it is a structure."""
    problems = []
    for name, action in getattr(module, "actions", {}).items():
        names = [f.name for f in action.fields]
        if len(names) != len(set(names)):
            problems.append(f"{name}: a field declared twice")
        for f in action.fields:
            where = f"{name}.{f.name}"
            if not isinstance(f, Field) or f.kind not in PAYLOAD_KINDS:
                problems.append(f"{where}: not a field of a known kind")
            elif f.kind in ("text", "textarea", "key") and not (
                    isinstance(f.max_length, int) and f.max_length > 0):
                problems.append(f"{where}: text with no length limit")
            elif f.kind == "data" and not callable(f.check):
                problems.append(f"{where}: a structure nothing checks")
            elif f.kind == "choice" and not f.choices:
                problems.append(f"{where}: a choice of nothing")
    return problems


def _names(view):
    """What a person may name in an action, from what the facilitator's view shows: every
    id (of contributions, options, stages) first, then every other text."""
    ids, texts = [], []

    def walk(value, key=None):
        if isinstance(value, dict):
            for inner_key, inner in value.items():
                walk(inner, inner_key)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif key in ("id", "key") and isinstance(value, (int, str)) and \
                not isinstance(value, bool):
            ids.append(value)
        elif isinstance(value, str):
            texts.append(value)

    walk(view)
    return list(dict.fromkeys(ids + texts))


MARKER = "Marker text"


def _candidates(f, ids, text=MARKER):
    """Values worth trying for one field: text to spot if it leaks, and what exists."""
    if f.kind in ("text", "textarea"):
        return [text[:f.max_length]]
    if f.kind == "key":
        return [i for i in ids if isinstance(i, str)] + ["Marker text"]
    if f.kind == "number":
        numbers = [i for i in ids if isinstance(i, int)] + [0, 1, f.minimum, f.maximum]
        return [n for n in dict.fromkeys(numbers) if n is not None
                and (f.minimum is None or n >= f.minimum)
                and (f.maximum is None or n <= f.maximum)]
    if f.kind == "choice":
        return list(f.choices)
    if f.kind == "bool":
        return [True, False]
    return [f.example]


def contribute(module, state, leave_out=lambda action: False, after=lambda: None,
               text=MARKER):
    """Participants doing whatever they can, twice round: every participant action (but
    those that only read), by two people, with the first payload made from its fields
    that is accepted (typing `text`); `after()` is called after each. Returns how many
    actions were accepted."""
    accepted, seq = 0, 0
    for _round, (name, action), actor in itertools.product(
            range(2), sorted(module.actions.items()), PEOPLE):
        if PARTICIPANT not in action.roles or action.reads or leave_out(action):
            continue
        ids = _names(module.public_view(state, FACILITATOR, True))
        choices = [_candidates(f, ids, text) for f in action.fields]
        for values in itertools.islice(itertools.product(*choices), 200):
            seq += 1
            try:
                perform(module, state, name, dict(zip([f.name for f in action.fields], values)),
                        Context(actor, seq, float(seq)))
            except Rejected:
                continue
            accepted += 1
            after()
            break
    return accepted


def _counts_only(view):
    """A view with its top-level numbers (counts) set to 0."""
    return {key: 0 if isinstance(value, (int, float)) and not isinstance(value, bool)
            else value for key, value in view.items()}


def leaks_before_reveal(module):
    """Before the reveal, what participants add reaches a participant's or the presenter's
    screen only as counts: their views, counts aside, are the same after participants
    acted as before, after each action (leaving out what an action declares it shows
    before the reveal). Returns (problems, how many actions were accepted)."""
    problems, accepted = [], 0
    for config, role in itertools.product(configurations(module), (PARTICIPANT, PRESENTER)):
        state = module.initial_state(config)
        before = _counts_only(module.public_view(state, role, False))
        seen = []

        def look(state=state, role=role, seen=seen):
            seen.append(_counts_only(module.public_view(state, role, False)))

        accepted += contribute(module, state, after=look,
                               leave_out=lambda action, role=role: role in action.before_reveal)
        leaked = next((view for view in seen if view != before), None)
        if leaked is not None:
            problems.append(f"{role}, before the reveal, with {config}: {leaked}")
    return problems, accepted


PERSONAL = "Ring 07700 900123"  # looks like a phone number
STRANGER = 99  # a participant who typed nothing


def typed_by_participants(module):
    """Whether participants type text into this type: then it must offer review."""
    return any(f.kind in ("text", "textarea") for action in module.actions.values()
               if PARTICIPANT in action.roles for f in action.fields)


def read_answers(module, state):
    """What someone who typed nothing is answered, with the results revealed, by every
    action that only reads (Action.reads), for each payload made from what exists."""
    ids = _names(module.public_view(state, FACILITATOR, True))
    stranger = Actor(PARTICIPANT, participant_id=STRANGER, number=STRANGER)
    answers = []
    for name, action in sorted(module.actions.items()):
        if not action.reads:
            continue
        choices = [_candidates(f, ids) for f in action.fields]
        for values in itertools.islice(itertools.product(*choices), 200):
            try:
                answers.append(perform(module, state, name,
                                       dict(zip([f.name for f in action.fields], values)),
                                       Context(stranger, 0, 0.0, revealed=True))[1])
            except Rejected:
                continue
    return answers


def beyond_the_facilitator(module, state):
    """Everything of an activity that leaves the facilitator's console, as text: the
    room's views, revealed or not, a phone's own part (of someone who typed nothing), what
    actions that only read answer them, the summary, the report, the spreadsheet rows, and
    what a later activity may take."""
    seen = [module.public_view(state, role, revealed)
            for role in (PRESENTER, PARTICIPANT) for revealed in (True, False)]
    seen += [module.own_view(state, STRANGER), read_answers(module, state),
             module.summary(state), module.report(state),
             module.export_rows(state), getattr(module, "items", lambda state: [])(state)]
    return json.dumps(seen, ensure_ascii=False)


def reading_changes(module):
    """An action that only reads changes nothing: the facilitator's view and everyone's
    own part are the same after every read as before. Returns (problems, answers)."""
    problems, answered = [], 0
    for config in configurations(module):
        state = module.initial_state(config)
        contribute(module, state)

        def everything(state=state):
            return json.dumps([module.public_view(state, FACILITATOR, True)]
                              + [module.own_view(state, p.participant_id) for p in PEOPLE],
                              ensure_ascii=False)

        before = everything()
        answered += len(read_answers(module, state))
        if everything() != before:
            problems.append(f"a read changed the activity, with {config}")
    return problems, answered


def review_problems(module):
    """A type people type into offers review (the `review_first` setting, `contributions()`,
    `approve` and `approve_all`), and what waits for review, with review on or because
    it looks like personal data, reaches nothing beyond the facilitator's view until it
    is approved, then reaches the room. Returns (problems, how many texts were held)."""
    if not typed_by_participants(module):
        return [], 0
    problems = [what for what, missing in (
        ("no review setting", "review_first" not in {f.name for f in module.config_fields}),
        ("no contributions()", not callable(getattr(module, "contributions", None))),
        ("no approve or approve_all", not {"approve", "approve_all"} <= set(module.actions)),
    ) if missing]
    if problems:
        return problems, 0
    held = []
    for config, (review, text) in itertools.product(
            configurations(module), ((True, MARKER), (False, PERSONAL))):
        config = activities.configure(module, {**config, "review_first": review})
        state = module.initial_state(config)
        where = f"review {'on' if review else 'off'}, {config}"

        def look(state=state, text=text, where=where):
            """After each action: what the facilitator sees waiting is nowhere else, and
            once approved (in a copy), it reaches the room."""
            if text not in json.dumps(module.public_view(state, FACILITATOR, True),
                                      ensure_ascii=False):
                return
            held.append(where)
            if text in beyond_the_facilitator(module, state):
                problems.append(f"waiting for review, yet beyond the facilitator: {where}")
            approved_copy = copy.deepcopy(state)
            for n, contribution in enumerate(module.contributions(approved_copy)):
                perform(module, approved_copy, "approve", {"id": contribution.id},
                        Context(ACTORS[FACILITATOR], 10_000 + n, 1.0))
            if text not in beyond_the_facilitator(module, approved_copy):
                problems.append(f"approved, yet the room does not see it: {where}")

        contribute(module, state, text=text, after=look)
    return sorted(set(problems)), len(held)


# ---------------------------------------------------------------------- every type
@pytest.fixture(params=[module for _, module in TYPES], ids=[name for name, _ in TYPES])
def module(request):
    return request.param


def test_there_is_at_least_one_type_and_the_registry_finds_each():
    assert TYPES
    for type_id, module in TYPES:
        assert activities.get(type_id) is module
    for odd in ("no-such-type", None, 3, ["question"], {"type": "question"}):
        assert activities.get(odd) is None


def test_identity(module):
    assert activities.TYPES[module.type_id] is module
    assert isinstance(module.type_id, str) and module.type_id.isidentifier()
    for text in (module.title, module.description):
        assert str(text).strip()


def test_config_fields_are_well_formed(module):
    names = [f.name for f in module.config_fields]
    assert len(names) == len(set(names)), "setting names must be unique"
    for f in module.config_fields:
        assert isinstance(f, Field)
        assert f.kind in CONFIG_KINDS
        assert f.label.strip()
        if f.kind == "choice":
            assert f.choices
        assert json_safe(f.describe())


def test_every_action_is_declared_once_with_its_roles_and_its_handler(module):
    assert table_problems(module) == []


def test_every_payload_field_is_validated(module):
    assert field_problems(module) == []


def test_nothing_participants_add_shows_before_the_reveal_but_counts(module):
    problems, accepted = leaks_before_reveal(module)
    assert accepted, f"{module.type_id}: no participant action was accepted to look for leaks"
    assert problems == []


def test_what_waits_for_review_reaches_nobody_but_the_facilitator(module):
    problems, held = review_problems(module)
    assert problems == []
    assert held or not typed_by_participants(module), "nothing typed was held to check"


def test_an_action_that_only_reads_changes_nothing(module):
    problems, answered = reading_changes(module)
    assert problems == []
    assert answered or not any(a.reads for a in module.actions.values()), \
        f"{module.type_id}: no read was answered to see whether it changes anything"


def test_default_config_validates_when_required_fields_are_filled(module):
    config = validate_config(module.config_fields, filled(module))
    assert set(config) == {f.name for f in module.config_fields}
    defaults = {f.name: f.default for f in module.config_fields if not f.required}
    assert validate_config(module.config_fields, {**filled(module), **defaults}) == config
    assert json_safe(config)
    if any(f.required and not f.default for f in module.config_fields):
        with pytest.raises(Rejected):  # a required setting with no default must be given
            validate_config(module.config_fields, {})
    check = getattr(module, "check_config", None)  # optional: checks across settings
    if check is not None:
        try:
            checked = check(config)
        except Rejected as refused:
            assert str(refused).strip()
        else:
            assert set(checked) == set(config) and json_safe(checked)


def test_initial_state_and_every_view_is_json_safe(module):
    state = fresh(module)
    for role in ROLES:
        for revealed in (True, False):
            view = module.public_view(state, role, revealed)
            assert isinstance(view, dict)
            assert json_safe(view)
    own = module.own_view(state, 7)
    assert isinstance(own, dict) and json_safe(own)
    offer = getattr(module, "items", None)  # optional: options for a later activity
    if offer is not None:
        items = offer(state)
        assert isinstance(items, list) and json_safe(items)
        assert all(set(item) == {"id", "text"} for item in items)


def test_summary_and_export_rows_are_json_safe_with_contributions_in(module):
    for config in configurations(module):
        state = module.initial_state(config)
        contribute(module, state)
        summary = module.summary(state)
        rows = module.export_rows(state)
        assert isinstance(summary, dict) and json_safe(summary)
        assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
        assert json_safe(rows) and json_safe(module.own_view(state, 7))


@pytest.mark.parametrize("action", ["", "no_such_action", "__init__", "handle", None, 3])
def test_an_unknown_action_is_refused_in_words(module, action):
    state = fresh(module)
    before = module.public_view(state, FACILITATOR, True)
    with pytest.raises(Rejected) as refused:
        perform(module, state, action, {}, Context(ACTORS[FACILITATOR], 1, 1.0))
    assert str(refused.value).strip()
    assert module.public_view(state, FACILITATOR, True) == before


def test_odd_payloads_are_refused_or_answered_never_crash(module):
    """Whatever a client sends, an action either refuses in words or replies JSON-safely,
    and what it would store holds only the fields it declares (those it was given)."""
    seq = 0
    for name, action in sorted(module.actions.items()):
        for role in sorted(action.roles):
            for raw in ODD_PAYLOADS:
                seq += 1
                state = fresh(module)
                try:
                    payload, reply = perform(module, state, name, dict(raw),
                                             Context(ACTORS[role], seq, float(seq)))
                except Rejected as refused:
                    assert str(refused).strip()
                else:
                    assert isinstance(reply, dict) and json_safe(reply)
                    assert set(payload) == {f.name for f in action.fields} & set(raw)
                for view_role in ROLES:
                    assert json_safe(module.public_view(state, view_role, True))


# ---------------------------------------------------------------------- broken types
@dataclass(kw_only=True)
class Scribble(Contribution):
    TEXTS = ("text",)
    text: str


@dataclass
class Wall:
    config: dict
    notes: dict = field(default_factory=dict)


def _add(state, payload, ctx):
    note = Scribble.made(ctx, state.config, text=payload["text"])
    state.notes[note.id] = note
    return {"id": note.id}


def _notes(state):
    return state.notes.values()


def _wall_view(state, role, revealed):
    shown = list(_notes(state)) if role == FACILITATOR else visible(_notes(state))
    return {"count": len(visible(_notes(state))),
            **({"notes": [n.text for n in shown]} if revealed or role == FACILITATOR else {})}


def made_up(**overrides):
    """A small made-up type that keeps the contract; `overrides` break it."""
    module = types.SimpleNamespace(
        type_id="wall", title="Wall", description="Notes on a wall.", config_fields=[REVIEW],
        actions={"add": Action(_add, (PARTICIPANT,), [
            Field("text", "Your note", kind="textarea", required=True, max_length=80)],
            reply={"id": 1}, doc="Adds a note."),
            **moderation(lambda state, payload: find(state.notes, payload["id"], "Gone."),
                         "note", _notes)},
        initial_state=lambda config: Wall(config),
        public_view=_wall_view,
        own_view=lambda state, participant_id: {},
        contributions=_notes,
        summary=lambda state: {"notes": [n.text for n in visible(_notes(state))]},
        report=lambda state: [],
        export_rows=lambda state: [{"note": n.text, "hidden": n.hidden}
                                   for n in approved(_notes(state))])
    for name, value in overrides.items():
        setattr(module, name, value)
    return module


def test_the_made_up_type_keeps_the_contract():
    module = made_up()
    assert table_problems(module) == [] and field_problems(module) == []
    assert leaks_before_reveal(module)[0] == []
    problems, held = review_problems(module)
    assert problems == [] and held


def test_the_contract_test_catches_an_action_with_no_handler():
    module = made_up(actions={**made_up().actions, "tidy": Action(None, (FACILITATOR,),
                                                                 doc="Tidies.")})
    assert table_problems(module) == ["tidy: no handler"]


def test_the_contract_test_catches_a_type_taking_actions_its_table_does_not_declare():
    def handle(state, action, payload, ctx):  # a second way in, beside the table
        if action == "wipe":
            state.notes.clear()
            return {}
        return made_up().actions[action].run(state, payload, ctx)

    assert table_problems(made_up(handle=handle)) == [
        "a handle() of its own, beside the action table"]
    assert "no action table" in table_problems(made_up(actions={}))


def test_the_contract_test_catches_a_payload_field_nothing_validates():
    unchecked = Action(_add, (PARTICIPANT,), [
        Field("text", "Your note", kind="textarea", required=True, max_length=80),
        Field("extra", "Anything", kind="data")], reply={"id": 1}, doc="Adds a note.")
    assert field_problems(made_up(actions={"add": unchecked})) == [
        "add.extra: a structure nothing checks"]
    unbounded = Action(_add, (PARTICIPANT,), [
        Field("text", "Your note", kind="textarea", max_length=None)], doc="Adds a note.")
    assert field_problems(made_up(actions={"add": unbounded})) == [
        "add.text: text with no length limit"]
    odd_kind = Action(_add, (PARTICIPANT,), [Field("text", "Your note", kind="anything")],
                      doc="Adds a note.")
    assert field_problems(made_up(actions={"add": odd_kind})) == [
        "add.text: not a field of a known kind"]


def _read_all(state, payload, ctx):
    """Every note's text, held ones too: a read that answers what waits for review."""
    return {"notes": [n.text for n in _notes(state)]}


def test_the_contract_test_catches_a_read_answering_what_waits_for_review():
    reads = made_up(actions={**made_up().actions, "read_all": Action(
        _read_all, (PARTICIPANT,), reply={"notes": []}, doc="Reads the wall.", reads=True)})
    problems, held = review_problems(reads)
    assert held and problems and all(p.startswith("waiting for review, yet beyond the "
                                                  "facilitator") for p in problems)


def test_the_contract_test_catches_a_read_that_changes_something():
    def tidy(state, payload, ctx):
        state.notes.clear()
        return {}

    tidies = made_up(actions={**made_up().actions, "look": Action(
        tidy, (PARTICIPANT,), reply={}, doc="Looks, and tidies.", reads=True)})
    problems, answered = reading_changes(tidies)
    assert answered and problems
    assert reading_changes(made_up(actions={**made_up().actions, "read_all": Action(
        _read_all, (PARTICIPANT,), reply={"notes": []}, doc="Reads.", reads=True)})) \
        == ([], 2)


def leaky_view(state, role, revealed):
    """The latest note on every screen, revealed or not."""
    return {"count": len(state.notes), "latest": [n.text for n in _notes(state)][-1:]}


def test_the_contract_test_catches_notes_shown_before_the_reveal():
    problems, accepted = leaks_before_reveal(made_up(public_view=leaky_view))
    assert accepted and sorted({p.split(",")[0] for p in problems}) == [PARTICIPANT, PRESENTER]


def test_what_an_action_says_it_shows_before_the_reveal_is_not_a_leak():
    shown = made_up(actions={"add": Action(_add, (PARTICIPANT,), [
        Field("text", "Your note", kind="textarea", required=True, max_length=80)],
        reply={"id": 1}, doc="Adds a note, shown at once.", before_reveal=ROLES)},
        public_view=leaky_view)
    assert leaks_before_reveal(shown)[0] == []


def test_the_contract_test_catches_per_item_counts_shown_before_the_reveal():
    @dataclass
    class Tally:
        votes: dict = field(default_factory=lambda: {"yes": 0, "no": 0})

    def vote(state, payload, ctx):
        state.votes[payload["choice"]] += 1
        return {}

    tally = made_up(
        actions={"vote": Action(vote, (PARTICIPANT,), [
            Field("choice", "Your vote", kind="choice", required=True, choices=("yes", "no"))],
            reply={}, doc="Votes.")},
        initial_state=lambda config: Tally(),
        public_view=lambda state, role, revealed: {  # each option's tally, on every screen
            "voters": sum(state.votes.values()),
            "options": [{"id": o, "votes": n} for o, n in state.votes.items()]})
    problems, accepted = leaks_before_reveal(tally)
    assert accepted and sorted({p.split(",")[0] for p in problems}) == [PARTICIPANT, PRESENTER]


def test_the_contract_test_catches_typed_text_that_cannot_be_reviewed():
    assert review_problems(made_up(config_fields=[]))[0] == ["no review setting"]
    unlisted = made_up()
    del unlisted.contributions
    assert review_problems(unlisted)[0] == ["no contributions()"]
    assert review_problems(made_up(actions={"add": made_up().actions["add"]}))[0] == [
        "no approve or approve_all"]


def test_the_contract_test_catches_what_waits_for_review_reaching_the_room():
    def shows_all(state, role, revealed):  # held notes on every screen
        return {"count": len(state.notes), "notes": [n.text for n in _notes(state)]}

    problems, held = review_problems(made_up(public_view=shows_all))
    assert held and problems and all(p.startswith("waiting for review, yet beyond the "
                                                  "facilitator") for p in problems)
    problems, _held = review_problems(made_up(export_rows=lambda state: [
        {"note": n.text} for n in _notes(state)]))  # the spreadsheet holds what waits
    assert problems and all(p.startswith("waiting for review") for p in problems)


def test_the_contract_test_catches_an_approval_the_room_never_sees():
    def never_shown(state, role, revealed):
        return {"count": 0, **({"notes": [n.text for n in _notes(state)]}
                               if role == FACILITATOR else {})}

    problems, _held = review_problems(made_up(public_view=never_shown, summary=lambda state: {},
                                              export_rows=lambda state: []))
    assert problems and all(p.startswith("approved, yet the room does not see it")
                            for p in problems)


# ---------------------------------------------------------------------- a conference
HALL = 2000  # people in a conference hall, each adding what they can once, 280 characters long
PHONE_BUDGET = 16_000  # bytes of JSON a phone may be sent of one activity, once a second


def _hall_payloads(action, n):
    """Payloads person n may try for one action: every text at its longest and their own,
    choices and numbers turned by n so that the hall spreads over them."""
    def turned(values):
        values = list(values)
        return values[n % len(values):] + values[:n % len(values)] if values else values

    choices = []
    for f in action.fields:
        if f.kind in ("text", "textarea"):
            choices.append([f"{n:04} {'Nobody knows who decides, so the referral waits. ' * 9}"
                            [:f.max_length]])
        elif f.kind == "number":
            low = f.minimum if f.minimum is not None else 0
            high = f.maximum if f.maximum is not None else low + 8
            choices.append(turned(range(low, min(high, low + 8) + 1)))
        else:
            choices.append(turned(_candidates(f, [])))
    return itertools.islice(itertools.product(*choices), 30)


def conference_hall(module, config):
    """The activity after HALL people each did once every participant action that makes
    something (one that names no `id`), with the first payload it accepted."""
    state = module.initial_state(config)
    seq = 0
    for n, (name, action) in itertools.product(range(HALL), sorted(module.actions.items())):
        if PARTICIPANT not in action.roles or action.reads or \
                "id" in {f.name for f in action.fields}:
            continue
        person = Actor(PARTICIPANT, participant_id=10_000 + n, number=n,
                       organisation=("Council", "Police", "Health", "Schools", "Housing")[n % 5])
        for values in _hall_payloads(action, n):
            seq += 1
            try:
                perform(module, state, name, dict(zip([f.name for f in action.fields], values)),
                        Context(person, seq, float(seq)))
            except Rejected:
                continue
            break
    return state


def shown_to_all(module):
    """A setting of each kind that changes what a screen shows (yes-or-no, choices), with
    results shown as they come and nothing waiting for review: the room sees the most."""
    kinds = {}
    for config in configurations(module):
        config = {**config, **{name: False for name in ("hide_results", "review_first")
                               if name in config}}
        kinds.setdefault(tuple(v for v in config.values() if isinstance(v, bool)) + tuple(
            config[f.name] for f in module.config_fields if f.kind == "choice"), config)
    return list(kinds.values())


def test_a_phone_is_sent_what_its_screen_shows_however_large_the_room(module):
    """In a hall of 2,000, every phone is sent the room's view once a second: counts and
    a screenful or two of items, never every contribution (its own come apart, in own_view)."""
    for config in shown_to_all(module):
        state = conference_hall(module, config)
        everything = len(json.dumps(module.public_view(state, FACILITATOR, True)))
        phone = len(json.dumps(module.public_view(state, PARTICIPANT, True),
                               ensure_ascii=False).encode())
        own = len(json.dumps(module.own_view(state, 10_005), ensure_ascii=False).encode())
        assert phone + own < PHONE_BUDGET, \
            f"{module.type_id} {config}: {phone:,} + {own:,} bytes of {everything:,}"
