"""Journey mapping: a person's pathway, or a piece of information's journey between
partners, as stages (columns) by lanes (rows). Phones add notes to cells; the screen
shows the grid filling in, and how people feel at each stage as a curve.

Stages and lanes start from the settings (a template, editable) and the facilitator can
add, rename, move and remove stages while it runs; those are actions like any other, so
the grid's history replays exactly.

A phone is sent every note while the room has a room's worth, and beyond, a conference's,
only each cell's count and its top notes (`_on_phone`). To read the rest of a cell the
person opens it: the phone asks for that cell's notes with `open_cell`, an action that
only reads (nothing is stored, the engine answers it at once), and is sent the cell's
most agreed notes, a page at a time, with their own always among them and how many more
there are. While it stays open the phone keeps it live by asking again whenever the
room's view says the cell changed: each cell in a phone's view carries a `stamp`, a
checksum of what the room can see of it (its notes, their words and +1s), so a phone
asks again only when its open cell changed, at most once per view it is sent (about once
a second), and the server keeps no per-phone state. Why not a per-phone open cell in the
view: every phone's view is one message built once for all of them (broadcast.py);
per-phone parts would be built and encoded once per phone."""
import zlib
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import format_decimal

from .actions import Action
from .base import N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, clean_text
from .contributions import (REVIEW, WHOLE_ROOM, Contribution, Contributions, PlusOneRefusals,
                            approved, check_limit, find, id_field, mine, moderation, most_agreed,
                            own, plus_one, plussed, shown_organisations, visible)
from .drawing import element, markup

type_id = "journey"
title = _l("Journey map")
description = (_l("Stages by lanes: participants add notes to cells from their phones; the "
               "screen shows the grid filling in and how people feel at each stage."))

NOTE_LIMIT = 280
NAME_LIMIT = 80
MAX_STAGES = 12
MAX_LANES = 8
NOTES_PER_PERSON = 40
FEELINGS = (-2, -1, 0, 1, 2)
# The curve's words for each feeling: drawn in English in the views, which the browser
# translates (static/js/activities/journey/shared.js).
FEELING_WORDS = (N_("Very bad"), N_("Bad"), N_("Neutral"), N_("Good"), N_("Very good"))
# The notes a presenter is sent of each cell, most +1s first: more than the grid shows of
# one cell, or (a stage in focus has the whole screen) than a focused cell shows.
CELL_LIMIT = 12
FOCUS_LIMIT = 30
CELL_ON_PHONE = 3  # a phone: at most this many of a cell's notes, at most NOTES_ON_PHONE
NOTES_ON_PHONE = 30
# A cell opened on a phone: its most agreed notes, CELL_PAGE a page, up to CELL_PAGES pages
# (a phone's screen or two each; more than anyone reads standing in a hall).
CELL_PAGE = 30
CELL_PAGES = 10

TEMPLATES = {
    "information-sharing": {
        "stages": [N_("Need identified"), N_("Information gathered"), N_("Decision to share"),
                   N_("Information shared"), N_("Information used"), N_("Outcome")],
        "lanes": [N_("What happens"), N_("What information, from whom to whom"),
                  N_("On what basis (consent, law, agreement)"), N_("Barriers"),
                  N_("Enablers and ideas")],
    },
    "pathway": {
        "stages": [N_("First contact"), N_("Assessment"), N_("Referral"), N_("Support"),
                   N_("Outcome")],
        "lanes": [N_("What the person does"), N_("What services do"), N_("Information shared"),
                  N_("Pain points"), N_("Opportunities")],
    },
}

# Starting points the console offers; every part stays editable.
presets = {
    N_("Information-sharing journey"): {
        "stages": "\n".join(TEMPLATES["information-sharing"]["stages"]),
        "lanes": "\n".join(TEMPLATES["information-sharing"]["lanes"]),
    },
    N_("A person's pathway"): {
        "stages": "\n".join(TEMPLATES["pathway"]["stages"]),
        "lanes": "\n".join(TEMPLATES["pathway"]["lanes"]),
    },
}

config_fields = [
    Field("prompt", _l("Title"), translatable=True, required=True, max_length=200,
          default=N_("The information-sharing journey"),
          help=_l("e.g. ‘A referral from school to early help’")),
    Field("stages", _l("Stages, in order, one per line"), translatable=True, kind="textarea",
          max_length=MAX_STAGES * (NAME_LIMIT + 1),
          default="\n".join(TEMPLATES["information-sharing"]["stages"]),
          help=_l("Start from the information-sharing journey; edit freely. You can add, "
               "rename and reorder stages while it runs.")),
    Field("lanes", _l("Lanes, in order, one per line"), translatable=True, kind="textarea",
          max_length=MAX_LANES * (NAME_LIMIT + 1),
          default="\n".join(TEMPLATES["information-sharing"]["lanes"])),
    Field("feelings", _l("Ask how people feel at each stage (-2 to +2)"), kind="bool",
          default=True),
    Field("hide_results", _l("Hide the grid from the room until I reveal it"), kind="bool",
          default=False),
    REVIEW,
]

def _names(text, label, limit):
    names, seen = [], set()
    for line in (text or "").splitlines():
        line = clean_text(line.lstrip("-•* \t"))
        if not line or line.casefold() in seen:
            continue
        if len(line) > NAME_LIMIT:
            raise Rejected(_l("%(label)s: please keep each name to %(most)d characters.",
                              label=label, most=NAME_LIMIT))
        seen.add(line.casefold())
        names.append(line)
    if not names:
        raise Rejected(_l("%(label)s: give at least one, one per line.", label=label))
    if len(names) > limit:
        raise Rejected(_l("%(label)s: a journey map can have up to %(most)d.", label=label,
                          most=limit))
    return names


def check_config(config):
    stages = _names(config["stages"], "Stages", MAX_STAGES)
    lanes = _names(config["lanes"], "Lanes", MAX_LANES)
    return {**config, "stages": "\n".join(stages), "lanes": "\n".join(lanes)}


@dataclass(kw_only=True)
class Note(Contribution):
    TEXTS = ("text",)
    stage: int
    lane: int
    text: str
    merged: list = field(default_factory=list)  # texts of duplicates merged into it


@dataclass
class State:
    config: dict
    stages: dict  # stage id -> name, in order
    lanes: dict  # lane id -> name, in order
    notes: Contributions = field(default_factory=Contributions)  # note id -> Note
    feelings: dict = field(default_factory=dict)  # (participant id, stage id) -> -2..2
    focus: int | None = None  # the stage the screen shows full size
    next_stage: int = 0


def initial_state(config):
    stages = config["stages"].splitlines()
    lanes = config["lanes"].splitlines()
    return State(config=config, stages=dict(enumerate(stages)), lanes=dict(enumerate(lanes)),
                 next_stage=len(stages))


# ---------------------------------------------------------------------- notes
def _add_note(state, payload, ctx):
    stage, lane = _stage(state, payload), _lane(state, payload)
    check_limit(state.notes, ctx, NOTES_PER_PERSON,
                lazy_ngettext("You have written %(num)d note, the most one person can.",
                              "You have written %(num)d notes, the most one person can.",
                              NOTES_PER_PERSON))
    note = Note.made(ctx, state.config, stage=stage, lane=lane, text=payload["text"])
    state.notes[note.id] = note
    return {"id": note.id}


def _edit_note(state, payload, ctx):
    _own(state, payload, ctx).change(ctx, state.config, text=payload["text"])
    return {"id": payload["id"]}


def _delete_note(state, payload, ctx):
    note = _own(state, payload, ctx)
    del state.notes[note.id]
    return {"id": note.id}


def _plus_one(state, payload, ctx):
    return plus_one(_note(state, payload), ctx, PlusOneRefusals(
        _l("That note is no longer there."), _l("That is your own note: +1 other people's."),
        _l("You have already given that note a +1.")))


def _open_cell(state, payload, ctx):
    """One cell's notes for a phone that opened it: what the room may see of them, most
    +1s first (the older first among equals), `pages` pages of them, the asker's own
    always among them; `more` says how many are left out, `stamp` what the view's cells
    say of it (see the module's docstring)."""
    if not ctx.revealed:
        raise Rejected(_l("The notes are not shown to the room yet."))
    stage, lane = _stage(state, payload), _lane(state, payload)
    notes = [n for n in visible(state.notes.values()) if n.stage == stage and n.lane == lane]
    shown = most_agreed(notes, (payload["pages"] or 1) * CELL_PAGE)
    taken = {n.id for n in shown}
    shown += [n for n in notes if n.author == ctx.actor.participant_id and n.id not in taken]
    shown.sort(key=lambda n: (-len(n.plus), n.id))
    return {"stage": stage, "lane": lane, "count": len(notes), "more": len(notes) - len(shown),
            "stamp": _stamp(notes), "notes": [_note_view(n, PARTICIPANT) for n in shown]}


def _feel(state, payload, ctx):
    stage = _stage(state, payload)
    if not state.config["feelings"]:
        raise Rejected(_l("This journey map does not ask about feelings."))
    key = (ctx.actor.participant_id, stage)
    if payload["value"] is None:
        state.feelings.pop(key, None)
    else:
        state.feelings[key] = payload["value"]
    return {"stage": stage, "value": payload["value"]}


def _move_note(state, payload, ctx):
    note = _note(state, payload)
    note.stage, note.lane = _stage(state, payload), _lane(state, payload)
    return {"id": note.id}


def _merge_notes(state, payload, ctx):
    """Fold a duplicate into another note: its +1s, and its author's, add up."""
    note = _note(state, payload)
    into = state.notes.get(payload["into"])
    if into is None or into is note:
        raise Rejected(_l("Choose another note to merge it into."))
    into.plus |= note.plus
    if note.author is not None:
        into.plus.add(note.author)
    into.plus.discard(into.author)
    into.merged += [note.text, *note.merged]
    del state.notes[note.id]
    return {"id": into.id, "plus": len(into.plus)}


# ---------------------------------------------------------------------- stages
def _add_stage(state, payload, ctx):
    if len(state.stages) >= MAX_STAGES:
        raise Rejected(_l("A journey map can have up to %(most)d stages.", most=MAX_STAGES))
    name = _stage_name(state, payload)
    position = payload["position"]
    if position is None:
        position = len(state.stages)
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
    position = payload["position"]
    _check_position(position, len(state.stages))
    name = state.stages.pop(stage)
    _place(state, stage, name, position)
    return {"stage": stage}


def _remove_stage(state, payload, ctx):
    stage = _stage(state, payload)
    if any(n.stage == stage for n in state.notes.values()):
        raise Rejected(_l("That stage has notes, hidden ones included: move them to another "
                       "stage first."))
    if len(state.stages) == 1:
        raise Rejected(_l("A journey map needs at least one stage."))
    del state.stages[stage]
    state.feelings = {k: v for k, v in state.feelings.items() if k[1] != stage}
    if state.focus == stage:
        state.focus = None
    return {"stage": stage}


def _focus(state, payload, ctx):
    if payload["stage"] is None:
        state.focus = None
    else:
        state.focus = _stage(state, payload)
    return {"focus": state.focus}


def _check_position(position, places):
    """Before anything changes: a refused action must leave the state as it was."""
    if position is None or not 0 <= position < places:
        raise Rejected(_l("Choose a position from 1 to %(most)d.", most=places))


def _place(state, stage, name, position):
    items = list(state.stages.items())
    items.insert(position, (stage, name))
    state.stages = dict(items)


def _stage_name(state, payload, except_stage=None):
    name = payload["name"]
    if any(n.casefold() == name.casefold() for s, n in state.stages.items()
           if s != except_stage):
        raise Rejected(_l("There is already a stage with that name."))
    return name


def _stage(state, payload):
    if payload["stage"] not in state.stages:
        raise Rejected(STAGE.error)
    return payload["stage"]


def _lane(state, payload):
    if payload["lane"] not in state.lanes:
        raise Rejected(LANE.error)
    return payload["lane"]


def contributions(state):
    return state.notes.values()


def _note(state, payload):
    return find(state.notes, payload["id"], _l("That note is no longer there."))


def _own(state, payload, ctx):
    return own(_note(state, payload), ctx.actor.participant_id,
               _l("You can only change your own notes."))


STAGE = Field("stage", _l("The stage"), kind="number", required=True,
              error=_l("Choose one of the journey's stages."), help="a stage's `id`")
LANE = Field("lane", _l("The lane"), kind="number", required=True,
             error=_l("Choose one of the journey's lanes."), help="a lane's `id`")
TEXT = Field("text", _l("Your note"), kind="textarea", required=True, max_length=NOTE_LIMIT)
NOTE = id_field("note")
STAGE_NAME = Field("name", _l("The stage's name"), required=True, max_length=NAME_LIMIT,
                   error=_l("Give the stage a name."))
POSITION = Field("position", _l("The position"), kind="number", help="0-based",
                 error=_l("Choose a position by its number."))

actions = {
    "add_note": Action(_add_note, (PARTICIPANT, FACILITATOR), [STAGE, LANE, TEXT],
                       reply={"id": 6}, doc=f"A note in a cell. Up to {NOTES_PER_PERSON} "
                                            "per participant."),
    "edit_note": Action(_edit_note, (PARTICIPANT,), [NOTE, TEXT], reply={"id": 6},
                        doc="Changes one of their own notes."),
    "delete_note": Action(_delete_note, (PARTICIPANT,), [NOTE], reply={"id": 6},
                          doc="Removes one of their own notes."),
    "plus_one": Action(_plus_one, (PARTICIPANT,), [NOTE], reply={"id": 7, "plus": 3},
                       doc="Agrees with someone else's note, once."),
    "open_cell": Action(_open_cell, (PARTICIPANT,), [STAGE, LANE, Field(
        "pages", _l("How many pages of notes"), kind="number", minimum=1, maximum=CELL_PAGES,
        help=f"of {CELL_PAGE} notes; 1 if not given")],
        reply={"stage": 0, "lane": 3, "count": 212, "more": 182, "stamp": 2817390412,
               "notes": [{"id": 6, "stage": 0, "lane": 3, "text": "…", "plus": 14}]},
        reads=True,
        doc="Reads one cell's notes the room may see, sent with `read`: its most agreed "
            "first, `pages` pages of them, the person's own always among them; `more` is "
            "how many are left out, `stamp` as in the view's `cells`. Only while revealed."),
    "feel": Action(_feel, (PARTICIPANT,), [STAGE, Field(
        "value", _l("The feeling"), kind="number", minimum=min(FEELINGS), maximum=max(FEELINGS),
        error=_l("Choose a feeling from -2 (very bad) to +2 (very good)."),
        help="`null` takes it back")], reply={"stage": 0, "value": -1},
        doc="How the person feels at a stage. Only when `feelings` is on."),
    "move_note": Action(_move_note, (FACILITATOR,), [NOTE, STAGE, LANE], reply={"id": 6},
                        doc="Moves a note to another cell."),
    "merge_notes": Action(_merge_notes, (FACILITATOR,), [NOTE, Field(
        "into", _l("The note to merge into"), kind="number", required=True,
        error=_l("Choose another note to merge it into."), help="another note's `id`")],
        reply={"id": 7, "plus": 2},
        doc="Folds a duplicate into another note: its +1s and its author's become +1s of "
            "the other (never the other's own author), its text is kept in `merged`, and "
            "it is removed."),
    **moderation(_note, "note", contributions),
    "add_stage": Action(_add_stage, (FACILITATOR,), [STAGE_NAME, POSITION], reply={"stage": 6},
                        doc=f"Adds a stage, at the end unless `position` says where. Up to "
                            f"{MAX_STAGES} stages; names unique ignoring case."),
    "rename_stage": Action(_rename_stage, (FACILITATOR,), [STAGE, STAGE_NAME],
                           reply={"stage": 3}, doc="Renames a stage."),
    "move_stage": Action(_move_stage, (FACILITATOR,), [STAGE, POSITION], reply={"stage": 3},
                         doc="Moves a stage to another position."),
    "remove_stage": Action(_remove_stage, (FACILITATOR,), [STAGE], reply={"stage": 3},
                           doc="Removes a stage with no notes, hidden ones included, and "
                               "never the last one. Its feelings go with it."),
    "focus": Action(_focus, (FACILITATOR,), [Field(
        "stage", _l("The stage"), kind="number", error=_l("Choose one of the journey's stages."),
        help="a stage's `id`, or `null` for none")], reply={"focus": 1},
        doc="The stage the presenter shows full size, or none."),
}


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
        view.update(note.described(), merged=list(note.merged))
    return view


def _on_screen(state, notes):
    """What the presenter can show of the notes: the top of each cell, and only the
    focused stage's while one is in focus. The view's `cells` count them all."""
    if state.focus is not None:
        notes = [n for n in notes if n.stage == state.focus]
    cells = {}
    for note in notes:
        cells.setdefault((note.stage, note.lane), []).append(note)
    limit = CELL_LIMIT if state.focus is None else FOCUS_LIMIT
    return [note for cell in cells.values() for note in most_agreed(cell, limit)]


def _on_phone(notes):
    """What a phone is sent of the notes, to +1 them in the cell the person chose: the
    most agreed of each cell, taken in turns (every cell's first, then every cell's
    second...) up to NOTES_ON_PHONE; all of a room's worth. The view's `cells` count
    them all."""
    if len(notes) <= WHOLE_ROOM:
        return notes
    cells = {}
    for note in notes:
        cells.setdefault((note.stage, note.lane), []).append(note)
    tops = [most_agreed(cell, CELL_ON_PHONE) for cell in cells.values()]
    return [cell[rank] for rank in range(CELL_ON_PHONE) for cell in tops
            if rank < len(cell)][:NOTES_ON_PHONE]


def _stamp(notes):
    """A checksum of what the room sees of a cell's notes: changes when one is added,
    removed, moved, changed or given a +1 (see the module's docstring)."""
    stamp = 0
    for note in notes:
        stamp = zlib.crc32(f"{note.id} {len(note.plus)} {note.text}\n".encode(), stamp)
    return stamp


def _cells(notes, stamped):
    """How many notes each cell holds (cells with none left out), and for a phone the
    stamp of each (see the module's docstring)."""
    cells = {}
    for note in notes:
        cells.setdefault((note.stage, note.lane), []).append(note)
    return [{"stage": stage, "lane": lane, "count": len(held),
             **({"stamp": _stamp(held)} if stamped else {})}
            for (stage, lane), held in cells.items()]


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
        notes = visible(state.notes.values())
        view["cells"] = _cells(notes, stamped=role == PARTICIPANT)
        notes = _on_screen(state, notes) if role == PRESENTER else _on_phone(notes)
        view["notes"] = [_note_view(n, role) for n in notes]
    if state.config["feelings"] and (revealed or role == FACILITATOR):
        view["feelings"] = _feelings(state)
        if role != PARTICIPANT and any(f["count"] for f in view["feelings"]):
            view["curve"] = feelings_chart(view["feelings"], list(state.stages.values()),
                                           aligned=role == PRESENTER)
    return view


def own_view(state, participant_id):
    return {
        "notes": [{"id": n.id, "stage": n.stage, "lane": n.lane, "text": n.text,
                   "waiting": n.held} for n in mine(state.notes, participant_id)],
        "plus": plussed(state.notes.values(), participant_id),
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
    blocks = [{"kind": "text", "text": ngettext("%(num)d note.", "%(num)d notes.", len(notes))}, {
        "kind": "table",
        "caption": _("The journey: stages across, lanes down (+N: agreed by N others)"),
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
                       "caption": _("How the person feels at each stage: the line is the "
                                  "average, the circles how many chose each answer.")})
        blocks.append({
            "kind": "table",
            "caption": _("Feelings per stage, from -2 (very bad) to +2 (very good)"),
            "columns": [_("Stage"), _("Answers"), _("Average")]
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

    def text(x, at, words, size, anchor="middle", colour="#4a5568", more=None):
        return element("text", {"x": x, "y": at, "text-anchor": anchor, "font-size": size,
                                "fill": colour, **(more or {})}, words)

    said = "; ".join(_("%(stage)s: no answers", stage=name) if f["mean"] is None
                     else _("%(stage)s: average %(mean)s", stage=name,
                            mean=format_decimal(f["mean"], "#,##0.##"))
                     for name, f in zip(stage_names, feelings))
    chart = element("svg", {
        "viewBox": f"0 0 {width} {height}", "class": "feelings-chart", "role": "img",
        "aria-label": _("How the person feels at each stage, from very bad (-2) to very good "
                        "(+2): %(feelings)s", feelings=said)}
        | ({"preserveAspectRatio": "none"} if aligned else {}))
    for value, words in zip(FEELINGS, map(_, FEELING_WORDS)):
        chart.append(element("line", {"x1": left, "x2": width, "y1": y(value), "y2": y(value),
                                      "stroke": "#4a5568",
                                      "stroke-opacity": 0.6 if value == 0 else 0.2}))
        if not aligned:
            chart.append(text(left - 10, y(value, below=5), words, 14, "end"))
    # A circle's area grows with its count, and the largest stays inside the chart (the
    # top line is 20 from its edge) however many answered: a conference has thousands.
    most = max((n for f in feelings for n in f["spread"].values()), default=0)
    grow = min(4, (20 - 4) / max(1, most) ** 0.5)
    points = []
    for i, feeling in enumerate(feelings):
        x = f"{left + step * (i + 0.5):.1f}"
        for value in FEELINGS:
            count = feeling["spread"][str(value)]
            if count:
                chart.append(element("circle", {
                    "cx": x, "cy": y(value), "r": f"{4 + count ** 0.5 * grow:.1f}",
                    "fill": "#0a5c8a", "fill-opacity": ".3", "class": "spread"}))
        if feeling["mean"] is not None:
            points.append((x, y(feeling["mean"])))
        if not aligned:  # stretched, text would be stretched too
            chart.append(text(x, height - 30, stage_names[i][:24], 13, colour="#1b2230"))
            # data-count: for the browser to say it in its own language
            chart.append(text(x, height - 12, ngettext("%(num)d answer", "%(num)d answers",
                                                       feeling["count"]), 12,
                              more={"data-count": feeling["count"]}))
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
    notes = approved(state.notes.values())
    shown = shown_organisations(notes)
    return [
        {"note": n.id, "stage": state.stages[n.stage], "lane": state.lanes[n.lane],
         "text": n.text, "plus_ones": len(n.plus), "participant": n.number,
         "organisation": shown[n.id],
         "entered_by_facilitator": n.by_facilitator, "hidden": n.hidden}
        for n in notes
    ]
