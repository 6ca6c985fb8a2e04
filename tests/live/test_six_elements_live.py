"""The partnership agenda over Socket.IO: several phones rating the health check at once,
the screen sent nothing of the results until the reveal, then the spread and averages by
organisation (small ones folded into Other); glossary definitions grouped on the screen
once the facilitator links two terms; partner map names merged by the facilitator; what
only the facilitator may do; and creating a workshop with the ready-made agenda."""

import pytest
from sqlalchemy import func, select

from tests.conftest import cid
from tests.live.helpers import (as_text, at_once, keys_anywhere, newest, received,
                                refused_in_words, snapshot)
from workshop.models import Workshop


STEPS = ["healthcheck", "glossary", "partnermap", "journey", "dotvote", "picture"]
ELEMENTS = ["Communication", "Shared language", "Partners", "Decision making", "Creativity",
            "Environment"]






def shown(client):
    """The running activity as this screen has it after everything it was sent."""
    return newest(received(client).get("view", []))["activity"]


@pytest.fixture
def partnership(room):
    """The ready-made partnership agenda, started at its health check, and the console."""
    assert room.control("add_agenda", agenda="partnership") == {"ok": True, "added": 6}
    room.console = room.facilitator()
    room.steps = {a["type"]: a["id"] for a in snapshot(room.console)["agenda"]}
    assert list(room.steps) == STEPS
    room.control("start")
    return room


def go_to(room, step):
    """The console's "Show now" on a step of the agenda."""
    room.control("goto", position=STEPS.index(step))


def act(client, room, step, action, submission=None, **payload):
    """What a phone (or the console) sends; answers the acknowledgement."""
    return client.emit("act", {"activity_id": room.steps[step], "action": action,
                               "payload": payload, "cid": submission or cid()}, callback=True)


def done(answer):
    assert answer["ok"] is True, answer
    return answer


# ---------------------------------------------------------------------- health check
COUNCIL_RATES = [5, 4, 3, 4, 2, 3]
OTHERS_RATE = [1, 2, 3, 4, 4, 1]
PEOPLE = [("Council", COUNCIL_RATES)] * 3 + [("Police", OTHERS_RATE)] * 2 \
    + [("", OTHERS_RATE)] * 2


def test_phones_rating_at_once_are_all_counted_and_shown_only_after_the_reveal(partnership):
    room = partnership
    screen = room.presenter()
    phones = [room.phone(organisation=organisation) for organisation, _plan in PEOPLE]
    screen.get_received()
    # Each says how the partnership came about; then they all rate at the same time.
    for phone, (organisation, _plan) in zip(phones, PEOPLE):
        done(act(phone, room, "healthcheck", "origin",
                 origin="reactive" if organisation == "Council" else "proactive"))

    def rater(phone, plan):
        return lambda: [act(phone, room, "healthcheck", "rate", element=index, score=score)
                        for index, score in enumerate(plan)]

    acks = at_once([rater(phone, plan) for phone, (_org, plan) in zip(phones, PEOPLE)])
    for answers, (_org, plan) in zip(acks, PEOPLE):
        assert all(answer["ok"] for answer in answers), answers
        assert answers[-1]["own"]["mine"]["scores"] == {
            str(index): score for index, score in enumerate(plan)}

    # Hidden: the screen and the phones learn how many answered, and nothing more.
    sent = received(screen).get("view", [])
    assert newest(sent)["activity"]["view"]["people"] == len(PEOPLE)
    for view in sent + [snapshot(screen)]:
        assert view["activity"]["revealed"] is False
        assert "results" not in view["activity"]["view"]
        assert not keys_anywhere(view) & {"spread", "mean", "by_group", "origins", "scores"}
    phone_view = snapshot(phones[0])["activity"]
    assert "results" not in phone_view["view"]
    assert phone_view["mine"]["scores"] == {str(i): s for i, s in enumerate(COUNCIL_RATES)}

    room.control("reveal")
    results = shown(screen)["view"]["results"]
    assert results["people"] == len(PEOPLE)
    # Two from the Police and two with no organisation: under three each, so "Other".
    assert results["groups"] == ["Council", "Other"]
    again = snapshot(screen)
    assert again["activity"]["view"]["results"] == results
    assert "Police" not in as_text(again)
    by_name = {e["name"]: e for e in results["elements"]}
    assert list(by_name) == ELEMENTS
    communication = by_name["Communication"]
    assert communication["spread"] == {"1": 4, "2": 0, "3": 0, "4": 0, "5": 3}
    assert (communication["count"], communication["mean"]) == (7, 2.71)
    assert communication["by_group"] == {"Council": 5.0, "Other": 1.0}
    partners = by_name["Partners"]
    assert partners["spread"] == {"1": 0, "2": 0, "3": 7, "4": 0, "5": 0}
    assert partners["by_group"] == {"Council": 3.0, "Other": 3.0}
    for index, name in enumerate(ELEMENTS):
        scores = [plan[index] for _org, plan in PEOPLE]
        assert by_name[name]["spread"] == {str(s): scores.count(s) for s in range(1, 6)}
        assert by_name[name]["by_group"] == {
            "Council": float(COUNCIL_RATES[index]), "Other": float(OTHERS_RATE[index])}
    assert results["origins"] == {"reactive": 3, "proactive": 4, "both": 0}


def test_a_hidden_sentence_never_reaches_the_screen_or_the_phones(partnership):
    room = partnership
    room.control("reveal")
    screen = room.presenter()
    writer, other = room.phone(organisation="Council"), room.phone(organisation="Police")
    done(act(writer, room, "healthcheck", "rate", element=0, score=1))
    done(act(writer, room, "healthcheck", "comment", element=0, text="The police never call"))
    done(act(other, room, "healthcheck", "comment", element=0, text="Meetings help"))
    console = snapshot(room.console)["activity"]["view"]["results"]["elements"][0]
    [rude] = [c["id"] for c in console["comments"] if c["text"].startswith("The police")]
    for client in (screen, writer, other):
        client.get_received()

    done(act(room.console, room, "healthcheck", "hide", id=rude))
    element = shown(screen)["view"]["results"]["elements"][0]
    assert element["comments"] == ["Meetings help"]
    for phone in (writer, other):  # phones show their own answers, never the sentences
        sent = received(phone)
        for message in sent.get("view", []) + sent.get("mine", []) + [snapshot(phone)]:
            assert "The police never call" not in as_text(message)
    assert snapshot(writer)["activity"]["mine"]["comments"] == {}
    assert refused_in_words(act(writer, room, "healthcheck", "comment", element=0,
                                text="Try again")) == \
        "The facilitator has hidden your sentence on this element."


# ---------------------------------------------------------------------- shared language
DEFINITIONS = [("Council", "Information sharing agreement", "What we share and why"),
               ("Police", "Information sharing contract", "The signed paper about sharing"),
               ("Health", "Consent", "The person said yes"),
               ("Council", "consent", "The lawful basis we rely on")]


def glossary_on(view):
    """The glossary as a screen shows it: (terms, status, meanings) per group."""
    return [(" = ".join(g["terms"]), g["status"], [d["meaning"] for d in g["definitions"]])
            for g in view["activity"]["view"]["groups"]]


def test_definitions_from_phones_group_on_the_screen_once_the_facilitator_links_them(
        partnership):
    room = partnership
    go_to(room, "glossary")
    screen = room.presenter()
    phones = [room.phone(organisation=organisation) for organisation, _t, _m in DEFINITIONS]
    for phone, (_org, term, meaning) in zip(phones, DEFINITIONS):
        answer = done(act(phone, room, "glossary", "define", term=term, meaning=meaning))
        assert answer["own"]["mine"]["entries"] == [
            {"id": answer["id"], "term": term, "meaning": meaning, "waiting": False}]
    assert glossary_on(snapshot(screen)) == [
        ("Consent", "open", ["The person said yes", "The lawful basis we rely on"]),
        ("Information sharing agreement", "open", ["What we share and why"]),
        ("Information sharing contract", "open", ["The signed paper about sharing"])]

    screen.get_received()
    phones[1].get_received()
    done(act(room.console, room, "glossary", "link", term="Information sharing contract",
             same_as="Information sharing agreement"))
    done(act(room.console, room, "glossary", "mark", term="consent", status="contested"))
    expected = [
        ("Consent", "contested", ["The person said yes", "The lawful basis we rely on"]),
        ("Information sharing agreement = Information sharing contract", "open",
         ["What we share and why", "The signed paper about sharing"])]
    assert glossary_on({"activity": shown(screen)}) == expected
    assert glossary_on({"activity": shown(phones[1])}) == expected
    # No organisation is named: each has under three people here.
    assert {d["organisation"] for group in snapshot(screen)["activity"]["view"]["groups"]
            for d in group["definitions"]} == {"Other"}


# ---------------------------------------------------------------------- partner map
def partners_on(activity):
    return [(p["name"], p["names"], p["place"], p["count"])
            for p in activity["view"]["partners"]]


def test_names_for_the_same_partner_are_merged_by_the_facilitator(partnership):
    room = partnership
    go_to(room, "partnermap")
    screen = room.presenter()
    phones = [room.phone() for _ in range(4)]
    for phone, (name, place) in zip(phones, [("GP practices", "missing"), ("GPs", "missing"),
                                             ("GP practices", "involved"),
                                             ("Schools", "room")]):
        done(act(phone, room, "partnermap", "name", name=name, place=place))
    assert partners_on(snapshot(screen)["activity"]) == [
        ("GP practices", ["GP practices"], "missing", 2),  # one each way: missing wins
        ("GPs", ["GPs"], "missing", 1),
        ("Schools", ["Schools"], "room", 1)]

    screen.get_received()
    assert done(act(room.console, room, "partnermap", "merge", name="GPs",
                    into="GP practices"))["into"] == "gp practices"
    assert partners_on(shown(screen)) == [
        ("GP practices", ["GP practices", "GPs"], "missing", 3),
        ("Schools", ["Schools"], "room", 1)]
    # Each mention is still there for the facilitator, and the missing come first for a vote.
    console = snapshot(room.console)["activity"]["view"]
    assert sorted(m["name"] for m in console["mentions"]) == [
        "GP practices", "GP practices", "GPs", "Schools"]
    items = done(room.console.emit("items", {"activity_id": room.steps["partnermap"]},
                                   callback=True))["items"]
    assert [(i["text"], i["group"]) for i in items] == [("GP practices", "Missing"),
                                                        ("Schools", "In the room")]


# ---------------------------------------------------------------------- facilitator only
# Each prepares what the action needs, through a phone (and the console where only it
# can), and answers the payload the facilitator's console would send.
def a_sentence(room, phone):
    done(act(phone, room, "healthcheck", "rate", element=0, score=2))
    done(act(phone, room, "healthcheck", "comment", element=0, text="Fine"))
    [comment] = snapshot(room.console)["activity"]["view"]["results"]["elements"][0][
        "comments"]
    return {"id": comment["id"]}


def two_terms(room, phone):
    done(act(phone, room, "glossary", "define", term="Consent", meaning="Yes"))
    done(act(phone, room, "glossary", "define", term="Permission", meaning="Also yes"))
    return {"term": "Consent", "same_as": "Permission"}


def two_linked_terms(room, phone):
    done(act(room.console, room, "glossary", "link", **two_terms(room, phone)))
    return {"term": "Consent"}


def a_term_to_mark(room, phone):
    two_terms(room, phone)
    return {"term": "Consent", "status": "agreed"}


def a_definition(room, phone):
    return {"id": done(act(phone, room, "glossary", "define", term="Consent",
                           meaning="Something rude"))["id"]}


def two_names(room, phone):
    done(act(phone, room, "partnermap", "name", name="GPs", place="missing"))
    done(act(phone, room, "partnermap", "name", name="GP practices", place="missing"))
    return {"name": "GPs", "into": "GP practices"}


def a_name(room, phone):
    return {"id": done(act(phone, room, "partnermap", "name", name="Nobody useful",
                           place="room"))["id"]}


def options(room, phone):
    return {"texts": ["Consent forms differ", "Old IT systems"]}


def proposals(room, phone):
    done(act(phone, room, "dotvote", "propose", text="Consent forms differ"))
    done(act(phone, room, "dotvote", "propose", text="Old IT systems"))
    return {}


FACILITATOR_ONLY = [
    ("healthcheck", "hide", a_sentence),
    ("healthcheck", "restore", a_sentence),
    ("glossary", "link", two_terms),
    ("glossary", "unlink", two_linked_terms),
    ("glossary", "mark", a_term_to_mark),
    ("glossary", "hide", a_definition),
    ("partnermap", "merge", two_names),
    ("partnermap", "hide", a_name),
    ("dotvote", "add_options", options),
    ("dotvote", "start_voting", proposals),
]


@pytest.mark.parametrize("step,action,prepare", FACILITATOR_ONLY,
                         ids=[f"{s}-{a}" for s, a, _p in FACILITATOR_ONLY])
def test_participants_cannot_link_mark_merge_or_hide(partnership, step, action, prepare):
    room = partnership
    go_to(room, step)
    phone = room.phone(organisation="Council")
    payload = prepare(room, phone)
    before = snapshot(room.console)["activity"]
    assert refused_in_words(act(phone, room, step, action, **payload)) == \
        "Only the facilitator can do that."
    assert refused_in_words(act(room.presenter(), room, step, action, **payload)) == \
        "The presenter screen only shows; it cannot take part."
    assert snapshot(room.console)["activity"] == before
    # The same from the console is carried out.
    assert act(room.console, room, step, action, **payload)["ok"] is True


# ---------------------------------------------------------------------- creating with an agenda
def stored_workshops(app):
    with app.extensions["roundtable"].store.transaction() as tx:
        return tx.connection.scalar(select(func.count()).select_from(Workshop))


def test_a_workshop_created_with_the_partnership_agenda_has_its_six_steps(app):
    http = app.test_client()
    answer = http.post("/api/workshops", json={"title": "Sharing well",
                                               "organisations": ["Council", "Police"],
                                               "agenda": "partnership"})
    assert answer.status_code == 201, answer.get_json()
    made = answer.get_json()
    read = http.get(f"/api/workshops/{made['code']}",
                    headers={"Authorization": f"Bearer {made['facilitator_key']}"}).get_json()
    assert [(a["type"], a["label"]) for a in read["agenda"]] == [
        ("healthcheck", "How healthy is our partnership?"),
        ("glossary", "Which words do you use for sharing information, and what do you mean "
                     "by them?"),
        ("partnermap", "Who holds information, skills or knowledge this partnership needs?"),
        ("journey", "The information-sharing journey"),
        ("dotvote", "Which barrier should we tackle first?"),
        ("picture", "Build what this partnership will have built in a year")]
    assert (read["workshop"]["current"], read["workshop"]["total"]) == (-1, 6)
    assert [r["type"] for r in read["results"]] == STEPS


@pytest.mark.parametrize("agenda", ["nope", "Partnership", "", 7, ["partnership"],
                                    {"id": "partnership"}])
def test_an_unknown_agenda_is_refused_in_words_and_no_workshop_is_made(app, agenda):
    answer = app.test_client().post("/api/workshops", json={"title": "Sharing well",
                                                            "agenda": agenda})
    assert answer.status_code == 400
    body = answer.get_json()
    assert refused_in_words(body) == "Choose one of the ready-made agendas."
    assert "code" not in body and "facilitator_key" not in body
    assert stored_workshops(app) == 0


def test_the_home_page_form_makes_the_workshop_with_its_agenda_or_refuses_in_words(app):
    http = app.test_client()
    refused = http.post("/workshops", data={"title": "Sharing well", "agenda": "nope"})
    assert refused.status_code == 400
    assert "Choose one of the ready-made agendas." in refused.get_data(as_text=True)
    assert stored_workshops(app) == 0

    made = http.post("/workshops", data={"title": "Sharing well", "organisations": "Council",
                                         "agenda": "partnership"})
    assert made.status_code == 303
    code = made.headers["Location"].rstrip("/").split("/")[-2]
    live = app.extensions["roundtable"].workshop(code)
    assert [a.type_id for a in live.activities] == STEPS
    assert stored_workshops(app) == 1
