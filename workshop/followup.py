"""A workshop that follows up an earlier one: started from that workshop's JSON file, it
runs the same agenda afresh, and opens with a review step holding the actions the earlier
workshop agreed and did not finish (an action plan whose `review` setting lists them), so
that the room says where each stands: done, in progress or stuck. The report of the new
workshop says what changed."""
import activities
from activities import actionplan
from activities.base import N_

REVIEW_PROMPT = N_("Actions from the last workshop: where does each stand?")


def plan(earlier):
    """The new workshop's plan (as archive.import_document writes it) from the plan of the
    earlier one, checked and replayed (`earlier["states"]` holds each activity's state)."""
    carried = [action for module, state in earlier["states"] if module is actionplan
               for action in actionplan.open_actions(state)][:actionplan.MAX_LINES]
    agenda = [{"type": item["type"], "config": _afresh(item), "is_open": True,
               "revealed": not item["config"].get("hide_results", False)}
              for item in earlier["agenda"]]
    if carried:
        config = activities.configure(actionplan, {
            "prompt": REVIEW_PROMPT, "proposals": False,
            "review": "\n".join(actionplan.review_line(action) for action in carried)})
        agenda.insert(0, {"type": actionplan.type_id, "config": config, "is_open": True,
                          "revealed": True})
    return {**earlier, "agenda": agenda, "participants": [], "actions": [],
            "current": -1}


def _afresh(item):
    """An activity's settings for the new workshop: an action plan's earlier review is
    done, and what is still open is in the review step."""
    if item["type"] != actionplan.type_id:
        return item["config"]
    return activities.configure(actionplan, {**item["config"], "review": ""})
