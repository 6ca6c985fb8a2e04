"""From workshop to agreement, type by type: the action plan (proposals, owners, due
dates, agreeing, statuses, an earlier workshop's actions reviewed), the DPIA screening
(yes / no / not sure by organisation, folded; where partners disagree; what the answers
indicate, in the ICO's words) and the sharing checklist (answers, each partner's lawful
basis, what the room agreed)."""
import pytest

from activities import actionplan, checklist, dpia, guidance
from activities.base import FACILITATOR, OTHER, PARTICIPANT, PRESENTER, Actor, Rejected
from tests.unit.test_six_elements import Run, person

FAC = Actor(FACILITATOR)
ANN, BEN, CAT = person(1, "Council"), person(2, "Council"), person(3, "Council")
DAN, EVE, GUS = person(4, "Police"), person(5, "Police"), person(7, "Police")
# Alone in their organisations, or in none: shown together as Other, three of them.
FAY, HAL, IVY = person(6, "Youth club"), person(8, None), person(9, "Library")


# ---------------------------------------------------------------------- action plan
def plan(**settings):
    return Run(actionplan, prompt="What next?", **settings)


def test_an_action_is_proposed_given_an_owner_and_a_date_then_agreed():
    run = plan()
    proposed = run.do(ANN, "propose", text="Write the referral form together")["id"]
    with pytest.raises(Rejected, match="owner and a due date"):
        run.do(FAC, "agree", id=proposed)
    run.do(FAC, "update", id=proposed, text="Write the referral form together",
           owner="Council", due="2027-03-31")
    assert run.do(FAC, "agree", id=proposed) == {"id": proposed, "agreed": True}
    run.do(FAC, "status", id=proposed, status="progress")
    assert actionplan.agreed_actions(run.state) == [
        {"text": "Write the referral form together", "owner": "Council", "due": "2027-03-31",
         "status": "progress", "was": None, "reviewed": False, "origin": "proposed"}]
    # Agreed: its proposer can no longer change or withdraw it.
    for action, payload in (("edit", {"text": "Something else"}), ("withdraw", {})):
        with pytest.raises(Rejected, match="agreed"):
            run.do(ANN, action, id=proposed, **payload)
    # ... nor can the facilitator take its owner away while it stays agreed.
    with pytest.raises(Rejected, match="owner and a due date"):
        run.do(FAC, "update", id=proposed, text="Write it", owner="", due=None)


def test_due_dates_are_real_dates():
    run = plan()
    for bad in ("31/03/2027", "2027-02-30", "tomorrow", "1999-12-31", 20270331):
        with pytest.raises(Rejected, match="year-month-day"):
            run.do(ANN, "propose", text="Something", due=bad)
    assert run.do(ANN, "propose", text="Something", due="2027-02-28")["id"]


def test_only_agreed_actions_have_a_status_and_proposals_can_be_turned_off():
    run = plan(proposals=False)
    with pytest.raises(Rejected, match="no proposals from phones"):
        run.do(ANN, "propose", text="An idea")
    entered = run.do(FAC, "propose", text="Invite the GP practices", owner="Health board")["id"]
    with pytest.raises(Rejected, match="Agree the action first"):
        run.do(FAC, "status", id=entered, status="done")


def test_a_participant_proposes_up_to_five_and_others_support_them():
    run = plan()
    ids = [run.do(ANN, "propose", text=f"Action {n}")["id"] for n in range(5)]
    with pytest.raises(Rejected, match="the most one person can"):
        run.do(ANN, "propose", text="A sixth")
    assert run.do(BEN, "support", id=ids[2]) == {"id": ids[2], "plus": 1}
    with pytest.raises(Rejected, match="your own"):
        run.do(ANN, "support", id=ids[2])
    view = actionplan.public_view(run.state, PRESENTER, True)
    assert view["items"][0]["text"] == "Action 2", "the most supported proposal first"
    assert actionplan.own_view(run.state, BEN.participant_id)["plus"] == [ids[2]]


def test_the_room_sees_only_counts_until_the_reveal_and_never_who_proposed():
    run = plan(hide_results=True)
    run.do(ANN, "propose", text="Share the case list weekly", owner="Police")
    hidden = actionplan.public_view(run.state, PRESENTER, False)
    assert hidden["count"] == 1 and "items" not in hidden
    shown = actionplan.public_view(run.state, PARTICIPANT, True)["items"][0]
    assert "number" not in shown and "organisation" not in shown
    console = actionplan.public_view(run.state, FACILITATOR, False)["items"][0]
    assert (console["number"], console["organisation"]) == (1, "Council")


def test_actions_start_from_an_earlier_activitys_items():
    run = plan(starting="Consent is unclear\n\n- Systems do not talk")
    texts = [i["text"] for i in actionplan.public_view(run.state, PRESENTER, True)["items"]]
    assert texts == ["Consent is unclear", "Systems do not talk"]
    first = actionplan.public_view(run.state, FACILITATOR, True)["items"][0]
    assert first["id"] < 0 and first["by_facilitator"], "ids that never meet a sequence number"
    run.do(FAC, "update", id=first["id"], text="Agree a consent form", owner="Council",
           due="2027-01-15")
    run.do(FAC, "agree", id=first["id"])
    assert actionplan.agreed_actions(run.state)[0]["text"] == "Agree a consent form"


def test_an_earlier_workshops_open_actions_are_reviewed_and_the_report_says_what_changed():
    earlier = plan()
    for text, owner, due in (("Write the referral form", "Council", "2027-01-31"),
                             ("Train the front desk", "Police", "2027-02-28"),
                             ("Map the data flows", "Health board", "2027-03-31")):
        made = earlier.do(FAC, "propose", text=text, owner=owner, due=due)["id"]
        earlier.do(FAC, "agree", id=made)
    done = earlier.do(FAC, "propose", text="Book the room", owner="Council",
                      due="2026-12-01")["id"]
    earlier.do(FAC, "agree", id=done)
    earlier.do(FAC, "status", id=done, status="done")
    earlier.do(FAC, "propose", text="Never agreed")
    carried = actionplan.open_actions(earlier.state)
    assert [a["text"] for a in carried] == ["Write the referral form", "Train the front desk",
                                            "Map the data flows"]

    later = plan(review="\n".join(actionplan.review_line(a) for a in carried))
    review = actionplan.public_view(later.state, PARTICIPANT, False)["review"]
    assert [(r["text"], r["owner"], r["due"], r["was"]) for r in review] == [
        ("Write the referral form", "Council", "2027-01-31", "open"),
        ("Train the front desk", "Police", "2027-02-28", "open"),
        ("Map the data flows", "Health board", "2027-03-31", "open")]
    later.do(FAC, "status", id=review[0]["id"], status="done")
    later.do(FAC, "status", id=review[1]["id"], status="stuck")
    assert actionplan.changes(later.state) == ["1 done", "1 stuck", "1 not reviewed"]
    table = actionplan.report(later.state)[-1]
    assert table["columns"] == ["Action", "Owner", "Due", "Then", "Now"]
    assert table["rows"] == [
        ["Write the referral form", "Council", "2027-01-31", "Not started", "Done"],
        ["Train the front desk", "Police", "2027-02-28", "Not started", "Stuck"],
        ["Map the data flows", "Health board", "2027-03-31", "Not started", "Not reviewed"]]
    # What is still open goes on to the next workshop, stuck ones included.
    assert [a["text"] for a in actionplan.open_actions(later.state)] == [
        "Train the front desk", "Map the data flows"]


def test_review_lines_are_read_back_and_refused_in_words():
    config = actionplan.check_config({**Run(actionplan, prompt="x").config,
                                      "review": "Draft the ISP | Council | 2027-05-01 | In "
                                                "progress\nInvite health"})
    assert config["review"].splitlines() == [
        "Draft the ISP | Council | 2027-05-01 | in progress", "Invite health |  |  | not started"]
    for bad, said in (("A | B | C | D | E", "more than four parts"),
                      ("A | B | 2027-13-01", "year-month-day"),
                      ("A | B | | finished", "not a status")):
        with pytest.raises(Rejected, match=said):
            Run(actionplan, prompt="x", review=bad)


def test_action_plan_rows_fold_small_organisations():
    run = plan()
    for who in (ANN, BEN, CAT, DAN, FAY, HAL):
        run.do(who, "propose", text=f"From {who.number}")
    rows = {r["participant"]: r["organisation"] for r in actionplan.export_rows(run.state)}
    # The one police officer, the one from the youth club and the one who gave none:
    # three, shown together as Other.
    assert rows == {1: "Council", 2: "Council", 3: "Council", 4: OTHER, 6: OTHER, 8: OTHER}


# ---------------------------------------------------------------------- DPIA screening
def screening(**settings):
    return Run(dpia, prompt="Do we need a DPIA?", **settings)


def test_the_screening_asks_the_icos_questions_word_for_word():
    run = screening()
    view = dpia.public_view(run.state, PARTICIPANT, False)
    texts = [q["text"] for q in view["questions"]]
    assert texts[:12] == list(guidance.DPIA_ALWAYS)
    assert texts[3] == "Use new technologies."
    assert texts[12:] == [t for t, _source in guidance.DPIA_CONSIDER]
    assert view["parts"]["always"] == "We always carry out a DPIA if we plan to:"
    assert "ico.org.uk" in view["source"]
    assert len(screening(consider=False).state.questions) == 12


def test_answers_are_yes_no_or_not_sure_and_can_be_taken_back():
    run = screening()
    run.do(ANN, "answer", question=1, answer="unsure")
    assert dpia.own_view(run.state, ANN.participant_id) == {"answers": {"1": "unsure"}}
    run.do(ANN, "answer", question=1, answer=None)
    assert dpia.own_view(run.state, ANN.participant_id) == {"answers": {}}
    for bad in ({"question": 20, "answer": "yes"}, {"question": 0, "answer": "maybe"}):
        with pytest.raises(Rejected):
            run.do(ANN, "answer", **bad)
    with pytest.raises(Rejected):
        run.do(FAC, "answer", question=0, answer="yes")


def everyone(run, question, answers):
    for who, answer in answers.items():
        run.do(who, "answer", question=question, answer=answer)


def test_results_by_organisation_fold_small_groups_and_show_disagreement():
    run = screening()
    # Question 1 (special category data at scale): the council says no, the police yes.
    everyone(run, 1, {ANN: "no", BEN: "no", CAT: "no", DAN: "yes", EVE: "yes", GUS: "yes",
                      FAY: "yes", HAL: "unsure", IVY: "yes"})
    # Question 7 (combine data from several sources): everybody says no.
    everyone(run, 7, {ANN: "no", BEN: "no", CAT: "no", DAN: "no", EVE: "no", GUS: "no"})
    found = dpia.public_view(run.state, PRESENTER, True)["results"]
    assert found["groups"] == ["Council", "Police", OTHER], "three alone: Other"
    one, seven = found["questions"][1], found["questions"][7]
    assert one["by_group"]["Police"] == {"yes": 3, "no": 0, "unsure": 0}
    assert one["by_group"][OTHER] == {"yes": 2, "no": 0, "unsure": 1}
    assert one["disagree"] and not seven["disagree"]
    assert (one["reading"], seven["reading"]) == ("yes", "no")
    assert dpia.public_view(run.state, PRESENTER, False).get("results") is None
    assert {r["organisation"] for r in dpia.export_rows(run.state)} == {"Council", "Police",
                                                                         OTHER}


def test_the_outcome_says_why_in_the_icos_words():
    run = screening()
    assert dpia.results(run.state)["outcome"]["key"] == "unanswered"
    everyone(run, 7, {ANN: "no", DAN: "no"})
    assert dpia.results(run.state)["outcome"]["key"] == "not_indicated"
    everyone(run, 13, {ANN: "unsure"})  # "Automated decision-making with significant effects."
    found = dpia.results(run.state)["outcome"]
    assert found["key"] == "consider" and found["because"] == [guidance.DPIA_CONSIDER[1][0]]
    assert found["quotes"][0].text == "We consider whether to do a DPIA if we plan to " \
                                      "carry out any other:"
    everyone(run, 2, {ANN: "unsure", DAN: "no", EVE: "no"})
    assert dpia.results(run.state)["outcome"]["key"] == "unsettled"
    everyone(run, 2, {BEN: "yes", CAT: "yes"})  # two of five yes: still not settled
    assert dpia.results(run.state)["outcome"]["key"] == "unsettled"
    everyone(run, 2, {ANN: "yes"})  # three of five
    found = dpia.results(run.state)["outcome"]
    assert found["key"] == "required"
    assert found["because"] == ["Systematically monitor a publicly accessible place on a "
                                "large scale."]
    assert [q.source for q in found["quotes"]][:2] == [guidance.ICO_DPIA,
                                                       guidance.ICO_DPIA_AT_A_GLANCE]
    quoted = [b for b in dpia.report(run.state) if b["kind"] == "quote"]
    assert quoted[0] == {"kind": "quote", "text": "We always carry out a DPIA if we plan to:",
                         "source": guidance.ICO_DPIA.cite()}


# ---------------------------------------------------------------------- sharing checklist
def sheet():
    return Run(checklist, prompt="What will the agreement say?")


def test_checklist_answers_follow_their_questions_kind():
    run = sheet()
    with pytest.raises(Rejected, match="write something"):
        run.do(ANN, "answer", question="purpose", text="")
    with pytest.raises(Rejected, match="which partner"):
        run.do(ANN, "answer", question="basis", basis="public_task")
    with pytest.raises(Rejected, match="review date"):
        run.do(ANN, "answer", question="review", text="In a year")
    with pytest.raises(Rejected, match="lawful bases"):
        run.do(ANN, "answer", question="basis", partner="Council", basis="because")
    basis = run.do(ANN, "answer", question="basis", partner="Council", basis="public_task",
                   text="Children Act 2004, s.10")["id"]
    review = run.do(BEN, "answer", question="review", date="2027-09-30")["id"]
    answers = {a["id"]: a for q in checklist.public_view(run.state, FACILITATOR, True)
               ["questions"] for a in q["answers"]}
    assert checklist.said(answers[basis]) == "Council: Public task (Children Act 2004, s.10)"
    assert checklist.said(answers[review]) == "2027-09-30"


def test_the_room_agrees_one_answer_per_question_and_one_basis_per_partner():
    run = sheet()
    first = run.do(ANN, "answer", question="purpose", text="Help families earlier")["id"]
    second = run.do(DAN, "answer", question="purpose", text="Keep children safe")["id"]
    run.do(FAC, "agree", id=first)
    run.do(FAC, "agree", id=second)  # the room changed its mind: one agreed answer
    council = run.do(ANN, "answer", question="basis", partner="Council",
                     basis="public_task")["id"]
    police = run.do(DAN, "answer", question="basis", partner="police ",
                    basis="legal_obligation")["id"]
    run.do(FAC, "agree", id=council)
    run.do(FAC, "agree", id=police)
    agreed = checklist.agreed_answers(run.state)
    assert [a["text"] for a in agreed["purpose"]] == ["Keep children safe"]
    assert [(a["partner"], a["basis"]) for a in agreed["basis"]] == [
        ("Council", "public_task"), ("police", "legal_obligation")]
    assert "data" not in agreed, "a question nobody agreed is missing, not invented"
    with pytest.raises(Rejected, match="agreed that answer"):
        run.do(DAN, "edit", id=second, question="purpose", text="Something else")
    run.do(FAC, "hide", id=second)
    assert "purpose" not in checklist.agreed_answers(run.state), "hidden: no longer agreed"
    row = checklist.report(run.state)[1]["rows"][0]
    assert row[:2] == ["Purpose", "Not agreed yet"]


def test_checklist_shows_counts_before_the_reveal_and_folds_organisations():
    run = Run(checklist, prompt="x", hide_results=True)
    for who in (ANN, BEN, CAT, FAY, HAL, IVY):
        run.do(who, "answer", question="security", text=f"Encrypted email ({who.number})")
    view = checklist.public_view(run.state, PARTICIPANT, False)
    assert view["count"] == 6 and all("answers" not in q for q in view["questions"])
    shown = {r["participant"]: r["organisation"] for r in checklist.export_rows(run.state)}
    assert shown == {1: "Council", 2: "Council", 3: "Council", 6: OTHER, 8: OTHER, 9: OTHER}
