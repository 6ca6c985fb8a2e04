"""Journey mapping: a person's pathway, or a piece of information's journey between
partners, as stages (columns) by lanes (rows). Phones add notes to cells; the screen
shows the grid filling in, and how people feel at each stage as a curve.

Stages and lanes start from the settings (a template, editable) and the facilitator can
add, rename, move and remove stages while it runs; those are actions like any other, so
the grid's history replays exactly."""
from dataclasses import dataclass, field

from .base import (FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, clean_text, name_from,
                   plural, text_from)
from .contributions import MODERATION, find, fold_authors, mine, moderate, own, visible
from .drawing import element, markup

type_id = "journey"
title = "Journey map"
description = ("Stages by lanes: participants add notes to cells from their phones; the "
               "screen shows the grid filling in and how people feel at each stage.")

NOTE_LIMIT = 280
NAME_LIMIT = 80
MAX_STAGES = 12
MAX_LANES = 8
NOTES_PER_PERSON = 40
FEELINGS = (-2, -1, 0, 1, 2)

TEMPLATES = {
    "information-sharing": {
        "stages": ["Need identified", "Information gathered", "Decision to share",
                   "Information shared", "Information used", "Outcome"],
        "lanes": ["What happens", "What information, from whom to whom",
                  "On what basis (consent, law, agreement)", "Barriers",
                  "Enablers and ideas"],
    },
    "pathway": {
        "stages": ["First contact", "Assessment", "Referral", "Support", "Outcome"],
        "lanes": ["What the person does", "What services do", "Information shared",
                  "Pain points", "Opportunities"],
    },
}

# Starting points the console offers; every part stays editable.
presets = {
    "Information-sharing journey": {
        "stages": "\n".join(TEMPLATES["information-sharing"]["stages"]),
        "lanes": "\n".join(TEMPLATES["information-sharing"]["lanes"]),
    },
    "A person's pathway": {
        "stages": "\n".join(TEMPLATES["pathway"]["stages"]),
        "lanes": "\n".join(TEMPLATES["pathway"]["lanes"]),
    },
}

config_fields = [
    Field("prompt", "Title", required=True, max_length=200,
          default="The information-sharing journey",
          help="e.g. 'A referral from school to early help'"),
    Field("stages", "Stages, in order, one per line", kind="textarea",
          max_length=MAX_STAGES * (NAME_LIMIT + 1),
          default="\n".join(TEMPLATES["information-sharing"]["stages"]),
          help="Start from the information-sharing journey; edit freely. You can add, "
               "rename and reorder stages while it runs."),
    Field("lanes", "Lanes, in order, one per line", kind="textarea",
          max_length=MAX_LANES * (NAME_LIMIT + 1),
          default="\n".join(TEMPLATES["information-sharing"]["lanes"])),
    Field("feelings", "Ask how people feel at each stage (-2 to +2)", kind="bool",
          default=True),
    Field("hide_results", "Hide the grid from the room until I reveal it", kind="bool",
          default=False),
]

allowed = {
    "add_note": {PARTICIPANT, FACILITATOR},
    "edit_note": {PARTICIPANT},
    "delete_note": {PARTICIPANT},
    "plus_one": {PARTICIPANT},
    "feel": {PARTICIPANT},
    "move_note": {FACILITATOR},
    "merge_notes": {FACILITATOR},
    **MODERATION,
    "add_stage": {FACILITATOR},
    "rename_stage": {FACILITATOR},
    "move_stage": {FACILITATOR},
    "remove_stage": {FACILITATOR},
    "focus": {FACILITATOR},
}


def _names(text, label, limit):
    names, seen = [], set()
    for line in (text or "").splitlines():
        line = clean_text(line.lstrip("-•* \t"))
        if not line or line.casefold() in seen:
            continue
        if len(line) > NAME_LIMIT:
            raise Rejected(f"{label}: please keep each name to {NAME_LIMIT} characters.")
        seen.add(line.casefold())
        names.append(line)
    if not names:
        raise Rejected(f"{label}: give at least one, one per line.")
    if len(names) > limit:
        raise Rejected(f"{label}: a journey map can have up to {limit}.")
    return names


def check_config(config):
    stages = _names(config["stages"], "Stages", MAX_STAGES)
    lanes = _names(config["lanes"], "Lanes", MAX_LANES)
    return {**config, "stages": "\n".join(stages), "lanes": "\n".join(lanes)}


@dataclass
class Note:
    id: int
    author: int | None  # participant id; None when the facilitator typed it
    number: int | None
    organisation: str | None
    stage: int
    lane: int
    text: str
    plus: set = field(default_factory=set)  # participant ids who +1'd it
    by_facilitator: bool = False
    hidden: bool = False
    merged: list = field(default_factory=list)  # texts of duplicates merged into it


@dataclass
class State:
    config: dict
    stages: dict  # stage id -> name, in order
    lanes: dict  # lane id -> name, in order
    notes: dict = field(default_factory=dict)  # note id -> Note
    feelings: dict = field(default_factory=dict)  # (participant id, stage id) -> -2..2
    focus: int | None = None  # the stage the screen shows full size
    next_stage: int = 0


def initial_state(config):
    stages = config["stages"].splitlines()
    lanes = config["lanes"].splitlines()
    return State(config=config, stages=dict(enumerate(stages)), lanes=dict(enumerate(lanes)),
                 next_stage=len(stages))


def handle(state, action, payload, ctx):
    handler = _ACTIONS.get(action)
    if handler is None:
        raise Rejected(f"A journey map has no action called '{action}'.")
    return handler(state, payload, ctx)


# ---------------------------------------------------------------------- notes
def _add_note(state, payload, ctx):
    actor = ctx.actor
    stage, lane = _stage(state, payload), _lane(state, payload)
    text = text_from(payload, "text", "Your note", NOTE_LIMIT)
    by_facilitator = actor.role == FACILITATOR
    if not by_facilitator and sum(1 for n in state.notes.values()
                                  if n.author == actor.participant_id) >= NOTES_PER_PERSON:
        raise Rejected(f"You have written {NOTES_PER_PERSON} notes, the most one person can.")
    state.notes[ctx.seq] = Note(
        ctx.seq, None if by_facilitator else actor.participant_id,
        None if by_facilitator else actor.number,
        None if by_facilitator else actor.organisation, stage, lane, text,
        by_facilitator=by_facilitator)
    return {"id": ctx.seq}


def _edit_note(state, payload, ctx):
    note = _own(state, payload, ctx)
    note.text = text_from(payload, "text", "Your note", NOTE_LIMIT)
    return {"id": note.id}


def _delete_note(state, payload, ctx):
    note = _own(state, payload, ctx)
    del state.notes[note.id]
    return {"id": note.id}


def _plus_one(state, payload, ctx):
    note = _note(state, payload)
    if note.hidden:
        raise Rejected("That note is no longer there.")
    who = ctx.actor.participant_id
    if note.author == who:
        raise Rejected("That is your own note: +1 other people's.")
    if who in note.plus:
        raise Rejected("You have already given that note a +1.")
    note.plus.add(who)
    return {"id": note.id, "plus": len(note.plus)}


def _feel(state, payload, ctx):
    stage = _stage(state, payload)
    if not state.config["feelings"]:
        raise Rejected("This journey map does not ask about feelings.")
    value = payload.get("value")
    if value is None:
        state.feelings.pop((ctx.actor.participant_id, stage), None)
        return {"stage": stage, "value": None}
    if isinstance(value, bool) or value not in FEELINGS:
        raise Rejected("Choose a feeling from -2 (very bad) to +2 (very good).")
    state.feelings[(ctx.actor.participant_id, stage)] = value
    return {"stage": stage, "value": value}


def _move_note(state, payload, ctx):
    note = _note(state, payload)
    note.stage, note.lane = _stage(state, payload), _lane(state, payload)
    return {"id": note.id}


def _merge_notes(state, payload, ctx):
    """Fold a duplicate into another note: its +1s, and its author's, add up."""
    note = _note(state, payload)
    into = state.notes.get(payload.get("into")) if isinstance(payload.get("into"), int) else None
    if into is None or into is note:
        raise Rejected("Choose another note to merge it into.")
    into.plus |= note.plus
    if note.author is not None:
        into.plus.add(note.author)
    into.plus.discard(into.author)
    into.merged += [note.text, *note.merged]
    del state.notes[note.id]
    return {"id": into.id, "plus": len(into.plus)}


def _moderate(action):
    return lambda state, payload, ctx: moderate(_note(state, payload), action)


# ---------------------------------------------------------------------- stages
def _add_stage(state, payload, ctx):
    if len(state.stages) >= MAX_STAGES:
        raise Rejected(f"A journey map can have up to {MAX_STAGES} stages.")
    name = _stage_name(state, payload)
    position = payload.get("position", len(state.stages))
    _check_position(position, len(state.stages) + 1)
    stage = state.next_stage
    state.next_stage += 1
    _place(state, stage, name, position)
    return {"stage": stage}


def _rename_stage(state, payload, ctx):
    stage = _stage(state, payload)
    state.stages[stage] = _stage_name(state, payload, except_stage=stage)
    return {"stage": stage}


def _move_stage(state, payload, ctx):
    stage = _stage(state, payload)
    position = payload.get("position")
    _check_position(position, len(state.stages))
    name = state.stages.pop(stage)
    _place(state, stage, name, position)
    return {"stage": stage}


def _remove_stage(state, payload, ctx):
    stage = _stage(state, payload)
    if any(n.stage == stage for n in state.notes.values()):
        raise Rejected("That stage has notes, hidden ones included: move them to another "
                       "stage first.")
    if len(state.stages) == 1:
        raise Rejected("A journey map needs at least one stage.")
    del state.stages[stage]
    state.feelings = {k: v for k, v in state.feelings.items() if k[1] != stage}
    if state.focus == stage:
        state.focus = None
    return {"stage": stage}


def _focus(state, payload, ctx):
    if payload.get("stage") is None:
        state.focus = None
    else:
        state.focus = _stage(state, payload)
    return {"focus": state.focus}


def _check_position(position, places):
    """Before anything changes: a refused action must leave the state as it was."""
    if isinstance(position, bool) or not isinstance(position, int) or \
            not 0 <= position < places:
        raise Rejected(f"Choose a position from 1 to {places}.")


def _place(state, stage, name, position):
    items = list(state.stages.items())
    items.insert(position, (stage, name))
    state.stages = dict(items)


def _stage_name(state, payload, except_stage=None):
    name = name_from(payload, "name", NAME_LIMIT, "Give the stage a name.",
                     f"Keep stage names to {NAME_LIMIT} characters.")
    if any(n.casefold() == name.casefold() for s, n in state.stages.items()
           if s != except_stage):
        raise Rejected("There is already a stage with that name.")
    return name


_ACTIONS = {
    "add_note": _add_note,
    "edit_note": _edit_note,
    "delete_note": _delete_note,
    "plus_one": _plus_one,
    "feel": _feel,
    "move_note": _move_note,
    "merge_notes": _merge_notes,
    "hide": _moderate("hide"),
    "restore": _moderate("restore"),
    "add_stage": _add_stage,
    "rename_stage": _rename_stage,
    "move_stage": _move_stage,
    "remove_stage": _remove_stage,
    "focus": _focus,
}


def _stage(state, payload):
    stage = payload.get("stage")
    # int first: a list or an object cannot even be looked up (and is no stage)
    if isinstance(stage, bool) or not isinstance(stage, int) or stage not in state.stages:
        raise Rejected("Choose one of the journey's stages.")
    return stage


def _lane(state, payload):
    lane = payload.get("lane")
    if isinstance(lane, bool) or not isinstance(lane, int) or lane not in state.lanes:
        raise Rejected("Choose one of the journey's lanes.")
    return lane


def _note(state, payload):
    return find(state.notes, payload, "The note's id", "That note is no longer there.")


def _own(state, payload, ctx):
    return own(_note(state, payload), ctx.actor.participant_id,
               "You can only change your own notes.")


# ---------------------------------------------------------------------- views
def _feelings(state):
    """Per stage: how many chose each value, and the mean."""
    result = []
    for stage in state.stages:
        values = [v for (_, s), v in state.feelings.items() if s == stage]
        result.append({
            "stage": stage,
            "count": len(values),
            "mean": round(sum(values) / len(values), 2) if values else None,
            "spread": {str(f): values.count(f) for f in FEELINGS},
        })
    return result


def _note_view(note, role):
    view = {"id": note.id, "stage": note.stage, "lane": note.lane, "text": note.text,
            "plus": len(note.plus)}
    if role == FACILITATOR:
        view.update(number=note.number, organisation=note.organisation,
                    by_facilitator=note.by_facilitator, hidden=note.hidden,
                    merged=list(note.merged))
    return view


def public_view(state, role, revealed):
    view = {
        "prompt": state.config["prompt"],
        "stages": [{"id": s, "name": n} for s, n in state.stages.items()],
        "lanes": [{"id": lane, "name": n} for lane, n in state.lanes.items()],
        "asks_feelings": state.config["feelings"],
        "focus": state.focus,
        "count": len(visible(state.notes.values())),
    }
    if role == FACILITATOR:
        view["notes"] = [_note_view(n, role) for n in state.notes.values()]
    elif revealed:
        view["notes"] = [_note_view(n, role) for n in visible(state.notes.values())]
    if state.config["feelings"] and (revealed or role == FACILITATOR):
        view["feelings"] = _feelings(state)
        if role != PARTICIPANT and any(f["count"] for f in view["feelings"]):
            view["curve"] = feelings_chart(view["feelings"], list(state.stages.values()),
                                           aligned=role == PRESENTER)
    return view


def own_view(state, participant_id):
    return {
        "notes": [{"id": n.id, "stage": n.stage, "lane": n.lane, "text": n.text}
                  for n in mine(state.notes.values(), participant_id)],
        "plus": [n.id for n in state.notes.values() if participant_id in n.plus],
        "feelings": {str(s): v for (p, s), v in state.feelings.items() if p == participant_id},
    }


def items(state):
    """Visible notes, grouped by lane, most +1s first: e.g. the barriers to vote on."""
    notes = visible(state.notes.values())
    return [{"id": n.id, "text": n.text, "group": state.lanes[n.lane]}
            for lane in state.lanes
            for n in sorted((n for n in notes if n.lane == lane), key=lambda n: -len(n.plus))]


def summary(state):
    notes = visible(state.notes.values())
    return {
        "prompt": state.config["prompt"],
        "stages": list(state.stages.values()),
        "lanes": list(state.lanes.values()),
        "notes": len(notes),
        "grid": [{"stage": state.stages[n.stage], "lane": state.lanes[n.lane],
                  "text": n.text, "plus": len(n.plus)} for n in notes],
        "feelings": [{**f, "stage": state.stages[f["stage"]]} for f in _feelings(state)]
        if state.config["feelings"] else [],
    }


def report(state):
    """The report's section: the grid of visible notes, and the feelings curve."""
    notes = visible(state.notes.values())
    blocks = [{"kind": "text", "text": f"{plural(len(notes), 'note')}."}, {
        "kind": "table",
        "caption": "The journey: stages across, lanes down (+N: agreed by N others)",
        "columns": [""] + list(state.stages.values()),
        "rows": [[lane_name] + [[f"{n.text} (+{len(n.plus)})" if n.plus else n.text
                                 for n in notes if n.lane == lane and n.stage == stage]
                                for stage in state.stages]
                 for lane, lane_name in state.lanes.items()],
        "header_column": True,
    }]
    if state.config["feelings"]:
        feelings = _feelings(state)
        blocks.append({"kind": "figure",
                       "svg": markup(feelings_chart(feelings, list(state.stages.values()))),
                       "caption": "How the person feels at each stage: the line is the "
                                  "average, the circles how many chose each answer."})
        blocks.append({
            "kind": "table", "caption": "Feelings per stage, from -2 (very bad) to +2 (very good)",
            "columns": ["Stage", "Answers", "Average"]
                       + [f"{v:+d}" if v else "0" for v in FEELINGS],
            "rows": [[state.stages[f["stage"]], f["count"],
                      "" if f["mean"] is None else f["mean"]]
                     + [f["spread"][str(v)] for v in FEELINGS] for f in feelings],
        })
    return blocks


def feelings_chart(feelings, stage_names, aligned=False):
    """The feelings curve as a drawing (activities/drawing.py): the average as a line,
    the spread as circles sized by how many chose each answer. `aligned`, for the
    projector's grid: no text, stretched so that each stage sits above its column."""
    width, height = 900, 300
    left = 0 if aligned else 110
    step = (width - left) / max(1, len(feelings))

    def y(value, below=0):  # one decimal place, as the report has always had
        return f"{20 + (2 - value) / 4 * (height - 80) + below:.1f}"

    def text(x, at, words, size, anchor="middle", colour="#4a5568"):
        return element("text", {"x": x, "y": at, "text-anchor": anchor, "font-size": size,
                                "fill": colour}, words)

    said = "; ".join(f"{name}: " + ("no answers" if f["mean"] is None else f"average {f['mean']:g}")
                     for name, f in zip(stage_names, feelings))
    chart = element("svg", {
        "viewBox": f"0 0 {width} {height}", "class": "feelings-chart", "role": "img",
        "aria-label": f"How the person feels at each stage, from very bad (-2) to very good "
                      f"(+2): {said}"} | ({"preserveAspectRatio": "none"} if aligned else {}))
    for value, words in zip(FEELINGS, ("Very bad", "Bad", "Neutral", "Good", "Very good")):
        chart.append(element("line", {"x1": left, "x2": width, "y1": y(value), "y2": y(value),
                                      "stroke": "#4a5568",
                                      "stroke-opacity": 0.6 if value == 0 else 0.2}))
        if not aligned:
            chart.append(text(left - 10, y(value, below=5), words, 14, "end"))
    points = []
    for i, feeling in enumerate(feelings):
        x = f"{left + step * (i + 0.5):.1f}"
        for value in FEELINGS:
            count = feeling["spread"][str(value)]
            if count:
                chart.append(element("circle", {
                    "cx": x, "cy": y(value), "r": f"{4 + count ** 0.5 * 4:.1f}",
                    "fill": "#0a5c8a", "fill-opacity": ".3", "class": "spread"}))
        if feeling["mean"] is not None:
            points.append((x, y(feeling["mean"])))
        if not aligned:  # stretched, text would be stretched too
            chart.append(text(x, height - 30, stage_names[i][:24], 13, colour="#1b2230"))
            chart.append(text(x, height - 12, plural(feeling["count"], "answer"), 12))
    if len(points) > 1:
        chart.append(element("polyline", {"points": " ".join(f"{x},{y}" for x, y in points),
                                          "fill": "none", "stroke": "#c76b00",
                                          "stroke-width": 3, "class": "mean-line"}))
    for cx, cy in points:
        chart.append(element("circle", {"cx": cx, "cy": cy, "r": 5, "fill": "#c76b00",
                                        "class": "mean-point"}))
    return chart


def export_rows(state):
    """Every note with its stage, lane, +1s, and its author's anonymous number and
    organisation (folded so that nobody can be singled out)."""
    shown = fold_authors(state.notes.values())
    return [
        {"note": n.id, "stage": state.stages[n.stage], "lane": state.lanes[n.lane],
         "text": n.text, "plus_ones": len(n.plus), "participant": n.number,
         "organisation": shown.get(n.organisation, "") if n.author is not None else "",
         "entered_by_facilitator": n.by_facilitator, "hidden": n.hidden}
        for n in state.notes.values()
    ]
