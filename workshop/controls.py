"""The facilitator's commands (`CONTROLS`): running the workshop (which step, open,
reveal, the timer) and building the agenda.

Each command is `command(tx, live, args) -> reply`, run by Engine.control inside one
transaction under the workshop's lock: it checks everything first and raises Rejected
without changing anything, or changes the in-memory workshop `live` and the database
(`tx`) alike.

Moving between steps is safe to repeat. The console says which step it was showing
(`from`) as well as where to go: a command whose step the workshop has already reached
(a retried acknowledgement, or a second console pressing Next at the same moment) does
nothing more, and one sent from a step the workshop has since left is refused, so that
no activity is ever skipped.
"""
import time

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

import activities
from activities.base import Rejected, is_int

from . import agendas, i18n, text
from .running import LiveActivity, replay

MAX_ACTIVITIES = 60
TIMER_LIMIT = 3 * 60 * 60


def _target(live, args):
    """The activity a command names, or the current one."""
    if args.get("activity_id") is not None:
        return live.activity(args["activity_id"])
    activity = live.current_activity()
    if activity is None:
        raise Rejected(_l("No activity is running: start the agenda first."))
    return activity


def _seen(live, args):
    """The step the console was showing when the command was sent, or, when it does not
    say, the current one."""
    seen = args.get("from")
    if seen is None:
        return live.current
    if not is_int(seen):
        raise Rejected(_l("Say which step the console was showing, by its number."))
    return seen


def _go(tx, live, position, args):
    """Run the step at `position` (-1: the join slide), if the workshop is still at the
    step the console was showing."""
    if not live.activities:
        raise Rejected(_l("The agenda is empty: add an activity first."))
    if not is_int(position) or not -1 <= position < len(live.activities):
        raise Rejected(_l("Choose a step from 1 to %(most)d.", most=len(live.activities)))
    if _seen(live, args) != live.current:
        if position == live.current:  # done already: sent twice, or by two consoles
            return {"current": position}
        if live.current < 0:
            raise Rejected(_l("The workshop moved on meanwhile: it shows how to join now. "
                              "Nothing was changed."))
        raise Rejected(_l("The workshop moved on meanwhile: it is at step %(step)d now. "
                          "Nothing was changed.", step=live.current + 1))
    live.current = position
    live.timer_ends_at = live.timer_seconds = None
    tx.update_workshop(live.id, current=position, timer_ends_at=None, timer_seconds=None)
    return {"current": position}


def _start(tx, live, args):
    return _go(tx, live, 0, args)


def _next(tx, live, args):
    seen = _seen(live, args)
    if live.activities and seen >= len(live.activities) - 1:  # else _go says "empty"
        raise Rejected(_l("This is the last activity of the agenda."))
    return _go(tx, live, seen + 1, args)


def _previous(tx, live, args):
    seen = _seen(live, args)
    if seen < 0:
        raise Rejected(_l("The workshop has not started yet."))
    return _go(tx, live, seen - 1, args)


def _goto(tx, live, args):
    return _go(tx, live, args.get("position"), args)


def _lifecycle(column, value):
    def command(tx, live, args):
        activity = _target(live, args)
        setattr(activity, column, value)
        tx.update_activity(activity.id, **{column: value})
        return {"activity_id": activity.id, column: value}
    return command


def _joining(tx, live, args):
    """Open or close the door to new people. Those who joined can always come back."""
    if not isinstance(args.get("open"), bool):
        raise Rejected(_l("Say whether new people may join: open true or false."))
    live.joining_open = args["open"]
    tx.update_workshop(live.id, joining_open=live.joining_open)
    return {"joining_open": live.joining_open}


def _display(tx, live, args):
    """How the presenter shows an activity: its own view, or its items as a word cloud
    (of one group of them, such as the journey's barriers, when `group` names one)."""
    activity = _target(live, args)
    if getattr(activity.module, "items", None) is None:
        raise Rejected(_l("This activity has nothing to show as a word cloud."))
    shown = args.get("as")
    group = args.get("group")
    if shown not in ("cloud", "standard"):
        raise Rejected(_l("Show it as a word cloud, or as it is: as cloud or standard."))
    if group is not None and not (isinstance(group, str) and 0 < len(group) <= 200):
        raise Rejected(_l("Name the group of items to make a cloud of, or none for all."))
    activity.display = {"as": "cloud", "group": group} if shown == "cloud" else None
    tx.update_activity(activity.id, display=activity.display)
    return {"activity_id": activity.id, "display": activity.display}


def _timer(tx, live, args):
    seconds = args.get("seconds")
    if not is_int(seconds) or not 0 <= seconds <= TIMER_LIMIT:
        raise Rejected(_l("The timer takes a number of seconds, up to three hours (0 stops it)."))
    ends_at = time.time() + seconds if seconds else None
    live.timer_ends_at, live.timer_seconds = ends_at, seconds or None
    tx.update_workshop(live.id, timer_ends_at=ends_at, timer_seconds=seconds or None)
    return {"ends_at": ends_at}


def _add_activity(tx, live, args):
    module = activities.get(args.get("type"))
    if module is None:
        raise Rejected(_l("Choose one of the activity types on offer."))
    if len(live.activities) >= MAX_ACTIVITIES:
        raise Rejected(lazy_ngettext("An agenda can hold up to %(num)d activity.",
                                     "An agenda can hold up to %(num)d activities.",
                                     MAX_ACTIVITIES))
    config = activities.configure(module, args.get("config"))
    revealed = not config.get("hide_results", False)
    row = tx.add_activity(live.id, len(live.activities), module.type_id, config, revealed)
    activity = LiveActivity(row.id, module.type_id, config, True, revealed,
                            module.initial_state(config))
    live.activities.append(activity)
    return {"activity": activity.describe(len(live.activities) - 1)}


def _update_activity(tx, live, args):
    activity = live.activity(args.get("activity_id"))
    module = activity.module
    changes = args.get("config")
    if not isinstance(changes, dict):
        raise Rejected(_l("Settings must be an object of named values."))
    config = activities.configure(module, {**activity.config, **changes})  # unnamed stay
    state = module.initial_state(config)
    for action in tx.actions(live.id, activity.id):
        try:
            replay(live, module, state, action)
        except Rejected as exc:
            raise Rejected(_l("These settings would drop contributions already made "
                              "(%(why)s) Keep the earlier settings or remove those first.",
                              why=exc)) from None
    changes = {"config": config}
    if config.get("hide_results") != activity.config.get("hide_results"):
        changes["revealed"] = activity.revealed = not config.get("hide_results", False)
    activity.config, activity.state = config, state
    tx.update_activity(activity.id, **changes)
    return {"activity": activity.describe(live.activities.index(activity))}


def _move_activity(tx, live, args):
    activity = live.activity(args.get("activity_id"))
    position = args.get("position")
    if not is_int(position) or not 0 <= position < len(live.activities):
        raise Rejected(_l("Choose a position from 1 to %(most)d.", most=len(live.activities)))
    running = live.current_activity()
    live.activities.remove(activity)
    live.activities.insert(position, activity)
    _renumber(tx, live, running)
    return {"position": position}


def _remove_activity(tx, live, args):
    activity = live.activity(args.get("activity_id"))
    running = live.current_activity()
    live.activities.remove(activity)
    tx.delete_activity(activity.id)
    live.accepted = {k: v for k, v in live.accepted.items() if v[0] != activity.id}
    if running is activity:
        running = None
        live.current = min(live.current, len(live.activities) - 1)
    _renumber(tx, live, running)
    return {"removed": activity.id}


def _renumber(tx, live, running):
    """Store positions after a move or removal; the running activity stays running."""
    for position, activity in enumerate(live.activities):
        tx.update_activity(activity.id, position=position)
    if running is not None:
        live.current = live.activities.index(running)
    tx.update_workshop(live.id, current=live.current)


def _add_agenda(tx, live, args):
    agenda = agendas.AGENDAS.get(args.get("agenda")) if isinstance(args.get("agenda"), str) \
        else None
    if agenda is None:
        raise Rejected(_l("Choose one of the ready-made agendas."))
    # Checked before adding any: a refusal half-way would leave the in-memory agenda
    # holding activities the database never stored.
    room = MAX_ACTIVITIES - len(live.activities)
    if len(agenda["activities"]) > room:
        # i18n: the count is the room left; %(most)d is at least 2, %(wanted)d more than it
        raise Rejected(lazy_ngettext(
            "An agenda can hold up to %(most)d activities: this one has room for %(num)d "
            "more, and the ready-made agenda has %(wanted)d.",
            "An agenda can hold up to %(most)d activities: this one has room for %(num)d "
            "more, and the ready-made agenda has %(wanted)d.",
            room, most=MAX_ACTIVITIES, wanted=len(agenda["activities"])))
    added = [_add_activity(tx, live, {"type": type_id, "config": config})["activity"]
             for type_id, config in agenda["activities"]]
    return {"added": len(added)}


def _set_organisations(tx, live, args):
    live.organisations = text.clean_organisations(args.get("organisations"))
    tx.update_workshop(live.id, organisations=live.organisations)
    return {"organisations": live.organisations}


def _set_languages(tx, live, args):
    """The workshop's languages: one, or several shown one after the other (Welsh first,
    as the Welsh Language Standards expect, is the facilitator's to choose)."""
    chosen = i18n.check_languages(args.get("languages"))
    live.languages = tuple(chosen)
    tx.update_workshop(live.id, languages=" ".join(chosen))
    return {"languages": chosen}


def _rename(tx, live, args):
    live.title = text.clean_title(args.get("title"))
    tx.update_workshop(live.id, title=live.title)
    return {"title": live.title}


CONTROLS = {
    "start": _start,
    "next": _next,
    "previous": _previous,
    "goto": _goto,
    "open": _lifecycle("is_open", True),
    "close": _lifecycle("is_open", False),
    "reveal": _lifecycle("revealed", True),
    "hide_results": _lifecycle("revealed", False),
    "timer": _timer,
    "display": _display,
    "joining": _joining,
    "add_activity": _add_activity,
    "update_activity": _update_activity,
    "move_activity": _move_activity,
    "remove_activity": _remove_activity,
    "add_agenda": _add_agenda,
    "set_organisations": _set_organisations,
    "set_languages": _set_languages,
    "rename": _rename,
}
