"""Nothing acknowledged is lost: a restarted server rebuilds every screen from the database."""
import pytest

from activities.base import FACILITATOR, PARTICIPANT, PRESENTER, Actor, Rejected
from tests.unit.helpers import Session, open_engine
from workshop import store as store_module
from workshop.store import StoreUnavailable

FAC = Actor(FACILITATOR)


def screens(engine, code, participant_ids):
    """Everything every screen shows, minus the clock and this process's connections."""
    def steady(view):
        view = {k: v for k, v in view.items() if k != "now"}
        view["workshop"] = {k: v for k, v in view["workshop"].items() if k != "connected"}
        if "people" in view:
            view["people"] = [{k: v for k, v in p.items() if k != "connected"}
                              for p in view["people"]]
        return view

    shown = {role: steady(engine.view(code, role)) for role in (FACILITATOR, PRESENTER)}
    for pid in participant_ids:
        shown[pid] = (steady(engine.view(code, PARTICIPANT, pid)), engine.own(code, pid))
    shown["export"] = engine.export(code)
    return shown


def busy_workshop(session):
    """A workshop that has seen a bit of everything."""
    first = session.add_question("What gets in the way?", max_answers=2)
    second = session.add_question("What would help?", hide_results=True)
    third = session.add_question("Anything else?")
    session.control("start")
    ann = session.join("Ann", "Council")
    ben = session.join(None, "Harbour Trust")
    cat = session.join()
    a1 = session.answer(ann, first, "No shared budget", cid="a1")
    session.answer(ann, first, "Different IT systems")
    b1 = session.answer(ben, first, "Consent rules are unclear")
    session.act(ben, first, "edit", id=b1, text="Consent rules are unclear to staff")
    c1 = session.answer(cat, first, "Something rude")
    session.act(FAC, first, "hide", id=c1)
    session.answer(cat, first, "Something constructive")
    session.act(ann, first, "withdraw", id=a1)
    session.answer(FAC, first, "From table 4: time", cid="f1")
    session.control("close")
    session.control("next")
    session.answer(ann, second, "A named contact")
    session.control("timer", seconds=300)
    session.control("move_activity", activity_id=third, position=0)
    session.control("update_activity", activity_id=second,
                    config={"prompt": "What would help most?", "max_answers": 4,
                            "hide_results": True})
    session.control("set_organisations", organisations=["Council", "Police", "Health"])
    session.control("rename", title="Sharing well, round two")
    return [ann, ben, cat]


def test_a_restarted_server_shows_exactly_what_was_shown_before(engine, db_url):
    session = Session(engine)
    people = busy_workshop(session)
    ids = [p.participant_id for p in people]
    before = screens(engine, session.code, ids)

    restarted = open_engine(db_url)
    assert screens(restarted, session.code, ids) == before
    assert restarted.workshop(session.code).version == engine.workshop(session.code).version


def test_after_a_restart_people_keep_their_identity_and_the_facilitator_their_key(engine,
                                                                                  db_url):
    session = Session(engine)
    ann = busy_workshop(session)[0]
    restarted = open_engine(db_url)
    assert restarted.participant(session.code, session.tokens[1]) == ann
    assert restarted.check_key(session.code, session.key)
    assert restarted.view(session.code, FACILITATOR)["people"][1]["organisation"] == \
        "Harbour Trust"


def test_after_a_restart_a_retried_submission_is_still_recognised(engine, db_url):
    session = Session(engine)
    question = session.add_question()
    session.control("start")
    ann = session.join()
    first = session.act(ann, question, "answer", cid="retry-me", text="Once only")

    restarted = session.restarted(open_engine(db_url))
    again = restarted.act(ann, question, "answer", cid="retry-me", text="Once only")
    assert again == {**first, "duplicate": True}
    assert restarted.wall(PRESENTER) == ["Once only"]
    assert len(restarted.stored_actions()) == 1


def test_the_restarted_server_carries_on_where_the_last_one_stopped(engine, db_url):
    session = Session(engine)
    ben = busy_workshop(session)[1]
    version = session.live.version
    restarted = session.restarted(open_engine(db_url))
    running_now = restarted.view(FACILITATOR)["activity"]["id"]
    reply = restarted.act(ben, running_now, "answer", text="After the restart")
    assert reply["id"] == version + 1  # numbering continues; nothing is reused
    again = session.restarted(open_engine(db_url))
    assert again.wall(FACILITATOR) == ["After the restart", "A named contact"]


def test_a_refused_settings_change_leaves_the_stored_settings_alone(engine, db_url):
    session = Session(engine)
    question = session.add_question(max_answers=3)
    session.control("start")
    ann = session.join()
    for text in ("a", "b", "c"):
        session.answer(ann, question, text)
    with pytest.raises(Rejected):
        session.control("update_activity", activity_id=question,
                        config={"prompt": "Changed?", "max_answers": 1})
    restarted = open_engine(db_url)
    activity = restarted.view(session.code, FACILITATOR)["agenda"][0]
    assert activity["config"] == {"prompt": "What gets in the way?", "max_answers": 3,
                                  "hide_results": False, "review_first": False}
    assert len(restarted.view(session.code, FACILITATOR)["activity"]["view"]["answers"]) == 3


def test_a_change_the_database_could_not_take_is_not_shown_as_if_it_had_been(
        engine, db_url, monkeypatch):
    session = Session(engine)
    question = session.add_question()
    session.control("start")
    ann = session.join()
    session.answer(ann, question, "Saved")
    version = session.live.version

    def database_gone(self, **values):
        raise StoreUnavailable("disk full")

    monkeypatch.setattr(store_module.Tx, "add_action", database_gone)
    with pytest.raises(StoreUnavailable):
        session.answer(ann, question, "Never saved")
    monkeypatch.undo()

    assert session.wall(PRESENTER) == ["Saved"]
    assert session.live.version == version
    assert open_engine(db_url).view(session.code, PRESENTER)["activity"]["view"]["count"] == 1
    session.answer(ann, question, "Saved on retry")
    assert session.wall(PRESENTER) == ["Saved on retry", "Saved"]


def test_a_retry_racing_through_another_server_process_is_stored_once(engine, db_url,
                                                                       monkeypatch):
    """Two processes take the same submission at once; the database keeps one."""
    session = Session(engine)
    question = session.add_question()
    session.control("start")
    ann = session.join()
    other = open_engine(db_url)
    other.workshop(session.code)  # the other process has the workshop in memory too
    first = session.act(ann, question, "answer", cid="race", text="Only once")

    looked = []
    real_earlier = other._earlier

    def not_there_yet(live, actor_key, client_id):
        """The other process checked before the first one committed."""
        looked.append(client_id)
        return None if len(looked) == 1 else real_earlier(live, actor_key, client_id)

    monkeypatch.setattr(other, "_earlier", not_there_yet)
    reply = other.act(session.code, ann, question, "answer", {"text": "Only once"}, "race")
    assert reply == {**first, "duplicate": True}
    texts = [a["text"] for a in other.view(session.code, FACILITATOR)["activity"]["view"]
             ["answers"]]
    assert texts == ["Only once"]
    assert len(session.stored_actions()) == 1


def test_a_deleted_workshop_stays_deleted_after_a_restart(engine, db_url):
    session = Session(engine)
    busy_workshop(session)
    engine.delete_workshop(session.code)
    assert open_engine(db_url).workshop(session.code) is None


def test_a_resend_accepted_through_another_process_takes_no_new_version(engine, db_url):
    """Answered from what the other process stored; nothing is written, so the workshop's
    version (and every screen) stays as it was."""
    session = Session(engine)
    question = session.add_question()
    session.control("start")
    ann = session.join()
    other = open_engine(db_url)
    other.workshop(session.code)  # in memory there before the submission arrived here
    first = session.act(ann, question, "answer", cid="resent", text="Only once")
    version = session.live.version
    again = other.act(session.code, ann, question, "answer", {"text": "Only once"}, "resent")
    assert again == {**first, "duplicate": True}
    with engine.store.transaction() as tx:
        assert tx.workshop_by_code(session.code).version == version
    assert other.workshop(session.code).version == version
    assert len(session.stored_actions()) == 1
