"""Every registered activity type keeps the activity contract (activities/base.py)."""
import json

import pytest

import activities
from activities.base import (FACILITATOR, PARTICIPANT, PRESENTER, ROLES, Actor, Context,
                             Field, Rejected, validate_config)

TYPES = sorted(activities.TYPES.items())
KINDS = {"text", "textarea", "number", "bool", "choice"}
ACTORS = {
    PARTICIPANT: Actor(PARTICIPANT, participant_id=7, number=1, organisation="Council"),
    FACILITATOR: Actor(FACILITATOR),
    PRESENTER: Actor(PRESENTER),
}
# What a careless or hostile client might send as an action's details.
ODD_PAYLOADS = [{}, {"id": True}, {"id": "1"}, {"id": None}, {"id": -1}, {"id": 10**20},
                {"text": None}, {"text": 5}, {"text": ""}, {"text": "x" * 100_000},
                {"choice": []}, {"value": {}}, {"position": 1.5}]


def filled(module):
    """The least a facilitator must fill in: required fields, and nothing else."""
    raw = {}
    for f in module.config_fields:
        if f.required:
            raw[f.name] = {"text": "Something to discuss", "textarea": "Something to discuss",
                           "number": f.minimum if f.minimum is not None else 1,
                           "bool": True, "choice": f.choices[0] if f.choices else None}[f.kind]
    return raw


def configured(module):
    """Settings the type accepts as a whole (check_config, where it has one), trying the
    required fields alone, then with every text field given two lines as well."""
    generous = {**filled(module), **{f.name: "First thing\nSecond thing"
                                     for f in module.config_fields
                                     if f.kind == "textarea" and not f.required}}
    refusals = []
    for raw in (filled(module), generous):
        config = validate_config(module.config_fields, raw)
        check = getattr(module, "check_config", None)
        try:
            return check(config) if check else config
        except Rejected as refused:
            refusals.append(str(refused))
    pytest.fail(f"{module.type_id}: no simple settings were accepted: {refusals}")


def fresh(module):
    return module.initial_state(configured(module))


def json_safe(value):
    """Survives the trip to a browser unchanged."""
    return json.loads(json.dumps(value, allow_nan=False)) == value


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
        assert isinstance(text, str) and text.strip()


def test_config_fields_are_well_formed(module):
    names = [f.name for f in module.config_fields]
    assert len(names) == len(set(names)), "setting names must be unique"
    for f in module.config_fields:
        assert isinstance(f, Field)
        assert f.kind in KINDS
        assert f.label.strip()
        if f.kind == "choice":
            assert f.choices
        assert json_safe(f.describe())


def test_allowed_names_actions_and_real_roles(module):
    assert module.allowed
    for action, roles in module.allowed.items():
        assert isinstance(action, str) and action
        assert roles and set(roles) <= set(ROLES)


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


def test_summary_and_export_rows_are_json_safe(module):
    state = fresh(module)
    summary = module.summary(state)
    rows = module.export_rows(state)
    assert isinstance(summary, dict) and json_safe(summary)
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
    assert json_safe(rows)


@pytest.mark.parametrize("action", ["", "no_such_action", "__init__", "handle"])
def test_handle_refuses_an_unknown_action_in_words(module, action):
    state = fresh(module)
    before = module.public_view(state, FACILITATOR, True)
    with pytest.raises(Rejected) as refused:
        module.handle(state, action, {}, Context(ACTORS[FACILITATOR], 1, 1.0))
    assert str(refused.value).strip()
    assert module.public_view(state, FACILITATOR, True) == before


def test_odd_payloads_are_refused_or_answered_never_crash(module):
    """Whatever a client sends, handle either refuses in words or replies JSON-safely."""
    seq = 0
    for action, roles in sorted(module.allowed.items()):
        for role in sorted(roles):
            for payload in ODD_PAYLOADS:
                seq += 1
                state = fresh(module)
                try:
                    reply = module.handle(state, action, dict(payload),
                                          Context(ACTORS[role], seq, float(seq)))
                except Rejected as refused:
                    assert str(refused).strip()
                else:
                    assert isinstance(reply, dict) and json_safe(reply)
                for view_role in ROLES:
                    assert json_safe(module.public_view(state, view_role, True))
