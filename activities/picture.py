"""Build the picture: partners build, with bricks on a baseplate or with a finger drawing,
"a picture of what it is they are building", give it a title and say what it means.

Two modes. *Each builds their own*: a phone builds locally and submits the whole
picture, which it can replace until the activity closes; the screen shows a gallery
wall. *Build together*: one shared baseplate; every brick is its own action, so two
phones reaching for the same studs are settled by the order the server takes them.

Pictures are data (bricks, or simplified strokes), validated and capped here, and
rendered as SVG by `render_svg`; nothing a phone sends is ever stored as markup. The
screens draw the same shapes from the same data (static/js/activities/picture/draw.js),
not from a drawing sent by the server as the feelings curve is: a phone draws its own
picture while offline, and the shared baseplate changes for every phone with every tap.
tests/e2e/test_picture_drawing.py holds the two to one drawing."""
from dataclasses import dataclass, field
from xml.sax.saxutils import escape


from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_babel import gettext as _
from flask_babel import ngettext

from .actions import Action
from .base import N_, FACILITATOR, PARTICIPANT, PRESENTER, Field, Rejected, is_int
from .contributions import (REVIEW, Contribution, approved, find, id_field, moderation,
                            shown_organisations, visible)

type_id = "picture"
title = _l("Build the picture")
description = (_l("Each person builds with bricks or draws on their phone, gives it a title "
               "and says what it means; or everyone builds on one shared baseplate."))

WIDTH, HEIGHT = 32, 20  # studs
SIZES = {(1, 1), (1, 2), (2, 1), (2, 2), (1, 4), (4, 1)}
COLOURS = ("#c4281c", "#0d69ab", "#f5cd2f", "#287f46", "#f2f3f2", "#1b2a34", "#da8541",
           "#a0bcdb")  # red, blue, yellow, green, white, black, orange, light blue
COLOUR_NAMES = (N_("red"), N_("blue"), N_("yellow"), N_("green"), N_("white"), N_("black"),
                N_("orange"), N_("light blue"))  # sent in English: each phone says them with t()
CANVAS = 1000  # drawings are in a 1000 x 625 box (the baseplate's proportions)
CANVAS_HEIGHT = 625
MAX_STROKES = 300
MAX_POINTS = 4000
STROKE_WIDTHS = (4, 10, 24)
TITLE_LIMIT = 80
MEANING_LIMIT = 400
SHARED_BRICKS_PER_PERSON = 200
GALLERY_LIMIT = 24  # pictures a presenter is sent: the newest, two pages of the gallery

config_fields = [
    Field("prompt", _l("What to build"), translatable=True, required=True, max_length=200,
          default=N_("Build what this partnership will have built in a year")),
    Field("mode", _l("How people build"), kind="choice", default="gallery",
          choices=("gallery", "together"),
          help="gallery: each builds their own picture; together: one shared baseplate."),
    Field("hide_results", _l("Hide the pictures from the room until I reveal them"), kind="bool",
          default=False),
    REVIEW,
]

@dataclass(kw_only=True)
class Picture(Contribution):
    TEXTS = ("title", "meaning")
    kind: str  # "bricks" or "drawing"
    bricks: list  # [x, y, w, h, colour]
    strokes: list  # {"colour", "width", "points": [x0, y0, x1, y1, ...]}
    title: str
    meaning: str


@dataclass
class State:
    config: dict
    pictures: dict = field(default_factory=dict)  # participant id -> Picture
    board: dict = field(default_factory=dict)  # brick id -> (x, y, w, h, colour, author)
    taken: dict = field(default_factory=dict)  # (x, y) stud -> brick id
    spotlight: int | None = None  # picture id shown full screen


def initial_state(config):
    return State(config=config)


# ---------------------------------------------------------------------- validation
def _brick(raw):
    if not isinstance(raw, (list, tuple)) or len(raw) != 5 or not all(map(is_int, raw)):
        raise Rejected(_l("A brick is [x, y, width, height, colour] in whole numbers."))
    x, y, w, h, colour = raw
    if (w, h) not in SIZES:
        raise Rejected(_l("Bricks come in 1×1, 1×2, 2×2 and 1×4, turned either way."))
    if not (0 <= x and x + w <= WIDTH and 0 <= y and y + h <= HEIGHT):
        raise Rejected(_l("That brick would hang off the baseplate."))
    if not 0 <= colour < len(COLOURS):
        raise Rejected(_l("Choose one of the brick colours."))
    return [x, y, w, h, colour]


def _studs(brick):
    x, y, w, h = brick[:4]
    return [(x + i, y + j) for i in range(w) for j in range(h)]


def validate_bricks(raw):
    if not isinstance(raw, list):
        raise Rejected(_l("Send the bricks as a list."))
    if len(raw) > WIDTH * HEIGHT:
        raise Rejected(_l("A baseplate holds at most %(most)d bricks.", most=WIDTH * HEIGHT))
    bricks, used = [], set()
    for item in raw:
        brick = _brick(item)
        studs = _studs(brick)
        if used.intersection(studs):
            raise Rejected(_l("Two bricks overlap: each stud takes one brick."))
        used.update(studs)
        bricks.append(brick)
    return bricks


def validate_strokes(raw):
    if not isinstance(raw, list):
        raise Rejected(_l("Send the drawing as a list of strokes."))
    if len(raw) > MAX_STROKES:
        raise Rejected(_l("A drawing can have up to %(most)d strokes. Try fewer, longer lines.",
                          most=MAX_STROKES))
    strokes, total = [], 0
    for item in raw:
        if not isinstance(item, dict):
            raise Rejected(_l("Each stroke needs a colour, a width and points."))
        colour, width, points = item.get("colour"), item.get("width"), item.get("points")
        if not is_int(colour) or not 0 <= colour < len(COLOURS):
            raise Rejected(_l("Choose one of the pen colours."))
        if not is_int(width) or width not in STROKE_WIDTHS:
            raise Rejected(_l("Choose one of the pen sizes."))
        if not isinstance(points, list) or len(points) < 2 or len(points) % 2:
            raise Rejected(_l("A stroke needs at least one point, as x, y pairs."))
        for i, value in enumerate(points):
            limit = CANVAS if i % 2 == 0 else CANVAS_HEIGHT
            if not is_int(value) or not 0 <= value <= limit:
                raise Rejected(_l("A stroke goes off the page."))
        total += len(points) // 2
        if total > MAX_POINTS:
            raise Rejected(_l("That drawing is too detailed to store. Try fewer, simpler lines."))
        strokes.append({"colour": colour, "width": width, "points": list(points)})
    return strokes


# ---------------------------------------------------------------------- actions
def _together(state):
    return state.config["mode"] == "together"


def _submit(state, payload, ctx):
    if _together(state):
        raise Rejected(_l("Everyone is building on the shared baseplate: place bricks on it."))
    if payload["kind"] == "bricks":  # the bricks or strokes are checked as fields
        bricks, strokes = _given(payload["bricks"], _l("Send the bricks as a list.")), []
        if not bricks:
            raise Rejected(_l("Place at least one brick first."))
    else:
        bricks, strokes = [], _given(payload["strokes"],
                                     _l("Send the drawing as a list of strokes."))
        if not strokes:
            raise Rejected(_l("Draw something first."))
    actor = ctx.actor
    earlier = state.pictures.get(actor.participant_id)
    if earlier is not None and earlier.hidden:
        raise Rejected(_l("The facilitator has taken your picture off the wall."))
    picture = Picture.made(ctx, state.config, kind=payload["kind"], bricks=bricks,
                           strokes=strokes,
                           title=payload["title"], meaning=payload["meaning"])
    if earlier is not None:  # a replacement keeps its id
        picture.id = earlier.id
    state.pictures[actor.participant_id] = picture
    return {"id": picture.id}


def _given(value, missing):
    if value is None:
        raise Rejected(missing)
    return value


def _withdraw(state, payload, ctx):
    picture = state.pictures.get(ctx.actor.participant_id)
    if picture is None or picture.hidden:
        raise Rejected(_l("You have no picture to withdraw."))
    del state.pictures[ctx.actor.participant_id]
    if state.spotlight == picture.id:
        state.spotlight = None
    return {"id": picture.id}


def _place(state, payload, ctx):
    if not _together(state):
        raise Rejected(_l("Build your own picture, then send it."))
    brick, who = payload["brick"], ctx.actor.participant_id
    if sum(1 for b in state.board.values() if b[5] == who) >= SHARED_BRICKS_PER_PERSON:
        raise Rejected(lazy_ngettext(
            "You have placed %(num)d brick: leave some room for the others.",
            "You have placed %(num)d bricks: leave some room for the others.",
            SHARED_BRICKS_PER_PERSON))
    studs = _studs(brick)
    if any(stud in state.taken for stud in studs):
        raise Rejected(_l("Someone has just put a brick there. Try another spot."))
    state.board[ctx.seq] = (*brick, who)
    for stud in studs:
        state.taken[stud] = ctx.seq
    return {"id": ctx.seq}


def _remove(state, payload, ctx):
    brick_id = payload["id"]
    brick = state.board.get(brick_id)
    if brick is None:
        raise Rejected(_l("That brick is no longer there."))
    if ctx.actor.role != FACILITATOR and brick[5] != ctx.actor.participant_id:
        raise Rejected(_l("You can only take away your own bricks."))
    del state.board[brick_id]
    for stud in _studs(brick):
        state.taken.pop(stud, None)
    return {"id": brick_id}


def _spotlight(state, payload, ctx):
    if payload["id"] is None:
        state.spotlight = None
    else:
        picture = _picture(state, payload)
        if picture.hidden:
            raise Rejected(_l("Restore that picture before showing it."))
        state.spotlight = picture.id
    return {"spotlight": state.spotlight}


def contributions(state):
    return state.pictures.values()


def _picture(state, payload):
    by_id = {p.id: p for p in state.pictures.values()}  # pictures are kept by their author
    return find(by_id, payload["id"], _l("That picture is no longer there."))


def _off_the_screen(state, picture):
    """A hidden picture leaves the spotlight."""
    if picture.hidden and state.spotlight == picture.id:
        state.spotlight = None


actions = {
    "submit": Action(_submit, (PARTICIPANT,), [
        Field("kind", _l("The kind of picture"), kind="choice", required=True,
              choices=("bricks", "drawing"),
              error=_l("Say whether this is a brick build or a drawing.")),
        Field("bricks", _l("The bricks"), kind="data", check=validate_bricks,
              help="for `bricks`: a list of bricks", example=[[0, 0, 2, 2, 0]]),
        Field("strokes", _l("The drawing"), kind="data", check=validate_strokes,
              help="for `drawing`: a list of strokes",
              example=[{"colour": 1, "width": 10, "points": [100, 100, 400, 300]}]),
        Field("title", _l("The title"), required=True, max_length=TITLE_LIMIT),
        Field("meaning", _l("What it means"), kind="textarea", default="",
              max_length=MEANING_LIMIT)],
        reply={"id": 7},
        doc="Gallery mode: sends or replaces their picture, with at least one brick or "
            "stroke. A replacement keeps its id."),
    "withdraw": Action(_withdraw, (PARTICIPANT,), reply={"id": 7},
                       doc="Gallery mode: takes their picture off the wall."),
    "place": Action(_place, (PARTICIPANT,), [
        Field("brick", _l("The brick"), kind="data", required=True, check=_brick,
              help="`[x, y, width, height, colour]`", example=[4, 4, 1, 4, 2])],
        reply={"id": 18}, before_reveal=(PARTICIPANT,),
        doc=f"Together mode: puts one brick on the shared baseplate, which every phone "
            f"shows (they build on it). Up to {SHARED_BRICKS_PER_PERSON} per person."),
    "remove": Action(_remove, (PARTICIPANT, FACILITATOR), [id_field("brick")], reply={"id": 18},
                     doc="Together mode: takes a brick off the shared baseplate: a "
                         "participant their own, the facilitator any."),
    **moderation(_picture, "picture", contributions, then=_off_the_screen),
    "spotlight": Action(_spotlight, (FACILITATOR,), [
        Field("id", _l("The picture's id"), kind="number", help="a picture's `id`, or `null` "
                                                          "for none")],
        reply={"spotlight": 7}, doc="Gallery mode: shows one picture full screen, or none."),
}


# ---------------------------------------------------------------------- views
def _board(state):
    return [[brick_id, *brick[:5]] for brick_id, brick in state.board.items()]


def _picture_view(picture, role):
    view = {"id": picture.id, "kind": picture.kind, "bricks": picture.bricks,
            "strokes": picture.strokes, "title": picture.title, "meaning": picture.meaning}
    if role == FACILITATOR:
        view.update(number=picture.number, organisation=picture.organisation,
                    **picture.marks())
    return view


def public_view(state, role, revealed):
    together = state.config["mode"] == "together"
    pictures = visible(state.pictures.values())
    view = {
        "prompt": state.config["prompt"],
        "mode": state.config["mode"],
        "width": WIDTH, "height": HEIGHT, "colours": list(COLOURS),
        "colour_names": list(COLOUR_NAMES),
        "count": len(state.board) if together else len(pictures),
        "builders": len({b[5] for b in state.board.values()}) if together else len(pictures),
        "spotlight": state.spotlight if role == FACILITATOR or state.spotlight in
        {p.id for p in pictures} else None,
    }
    if together and (revealed or role != PRESENTER):
        view["board"] = _board(state)  # phones build on it, so they always see it
    if not together:
        if role == FACILITATOR:
            view["pictures"] = [_picture_view(p, role) for p in state.pictures.values()]
        elif revealed and role == PRESENTER:
            shown = pictures[-GALLERY_LIMIT:]
            shown += [p for p in pictures[:-GALLERY_LIMIT] if p.id == state.spotlight]
            view["pictures"] = [_picture_view(p, role) for p in shown]
    return view


def own_view(state, participant_id):
    picture = state.pictures.get(participant_id)
    return {
        "picture": {**_picture_view(picture, PARTICIPANT), "waiting": picture.held}
        if picture and not picture.hidden else None,
        "taken_off": bool(picture and picture.hidden),
        "my_bricks": [i for i, b in state.board.items() if b[5] == participant_id],
    }


def summary(state):
    pictures = visible(state.pictures.values())
    return {
        "prompt": state.config["prompt"],
        "mode": state.config["mode"],
        "pictures": [{"id": p.id, "title": p.title, "meaning": p.meaning, "kind": p.kind,
                      "svg": render_svg(p.kind, p.bricks, p.strokes, p.title)}
                     for p in pictures],
        "board": {"bricks": len(state.board),
                  "svg": render_svg("bricks", [list(b[:5]) for b in state.board.values()], [],
                                    "The shared baseplate")}
        if state.config["mode"] == "together" else None,
    }


def report(state):
    """The report's section: each visible picture with its title and meaning, or the
    shared baseplate as it stands."""
    if state.config["mode"] == "together":
        builders = len({b[5] for b in state.board.values()})
        return [{"kind": "figure", "caption": ngettext(
            "The shared baseplate: %(num)d brick from %(people)s.",
            "The shared baseplate: %(num)d bricks from %(people)s.", len(state.board),
            people=ngettext("%(num)d person", "%(num)d people", builders)),
                 "svg": render_svg("bricks", [list(b[:5]) for b in state.board.values()], [],
                                   _("The shared baseplate"))}]
    pictures = visible(state.pictures.values())
    return [{"kind": "text", "text": ngettext("%(num)d picture.", "%(num)d pictures.",
                                              len(pictures))}] + [
        {"kind": "figure", "svg": render_svg(p.kind, p.bricks, p.strokes, p.title),
         "caption": p.title, "text": p.meaning} for p in pictures]


def svg_files(state):
    """Each visible picture (or the shared baseplate) as a named SVG file for the ZIP."""
    if state.config["mode"] == "together":
        return {"shared-baseplate.svg": render_svg(
            "bricks", [list(b[:5]) for b in state.board.values()], [], _("The shared baseplate"))}
    return {f"picture-{p.number or p.id}.svg": render_svg(p.kind, p.bricks, p.strokes, p.title)
            for p in visible(state.pictures.values())}


def export_rows(state):
    """Each picture with its title, meaning, anonymous author number and organisation
    (folded so that nobody can be singled out)."""
    pictures = approved(state.pictures.values())
    shown = shown_organisations(pictures)
    return [
        {"picture": p.id, "title": p.title, "meaning": p.meaning, "kind": p.kind,
         "bricks": len(p.bricks), "strokes": len(p.strokes), "participant": p.number,
         "organisation": shown[p.id], "hidden": p.hidden}
        for p in pictures
    ]


# ---------------------------------------------------------------------- SVG
def render_svg(kind, bricks, strokes, label):
    """A picture as a self-contained SVG document, built from validated numbers; the only
    text in it, the title, is escaped."""
    label = "".join(ch for ch in label if ch not in "\ufffe\uffff")  # not allowed in XML
    unit = CANVAS / WIDTH
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CANVAS} {CANVAS_HEIGHT}" '
             f'role="img" aria-label="{escape(label, {chr(34): "&quot;"})}">',
             f"<title>{escape(label)}</title>"]
    if kind == "bricks":
        parts.append(f'<rect width="{CANVAS}" height="{CANVAS_HEIGHT}" fill="#3c8d3f"/>')
        for x, y, w, h, colour in bricks:
            parts.append(
                f'<rect x="{x * unit + 1:.1f}" y="{y * unit + 1:.1f}" width="{w * unit - 2:.1f}" '
                f'height="{h * unit - 2:.1f}" rx="3" fill="{COLOURS[colour]}" '
                f'stroke="#00000055" stroke-width="1.5"/>')
            for sx, sy in _studs([x, y, w, h]):
                parts.append(f'<circle cx="{(sx + .5) * unit:.1f}" cy="{(sy + .5) * unit:.1f}" '
                             f'r="{unit * .3:.1f}" fill="#ffffff33"/>')
    else:
        parts.append(f'<rect width="{CANVAS}" height="{CANVAS_HEIGHT}" fill="#ffffff"/>')
        for stroke in strokes:
            points = stroke["points"]
            pairs = " ".join(f"{points[i]},{points[i + 1]}" for i in range(0, len(points), 2))
            if len(points) == 2:
                pairs += f" {points[0]},{points[1]}"  # a dot: a line of no length
            parts.append(f'<polyline points="{pairs}" fill="none" '
                         f'stroke="{COLOURS[stroke["colour"]]}" stroke-width="{stroke["width"]}" '
                         'stroke-linecap="round" stroke-linejoin="round"/>')
    parts.append("</svg>")
    return "".join(parts)
