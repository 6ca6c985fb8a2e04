"""A conference hall's workshop, as an archive to import (POST /api/workshops/import, which
replays every contribution through its activity's rules): 2,000 people from five
organisations, each with a journey note and how they feel at its stage, a definition of one
of 400 terms (one in seven 280 characters long), one of 500 partners named, a picture and a
proposal, every activity revealed. Used to check that the presenter is sent, and shows,
what a screen can hold however many contribute (tests/live/test_conference_views.py, and in
the browser tests/e2e/test_presenter_conference.py)."""

PEOPLE = 2000
TERMS = 400
PARTNERS = 500
ORGANISATIONS = ["Council", "Police", "Health", "Schools", "Housing"]
AGENDA = ["journey", "glossary", "partnermap", "picture", "dotvote", "checklist", "actionplan",
          "questions"]
CHECKLIST = ("purpose", "data", "special", "basis", "rights", "security", "retention", "review")
AGREED_ACTIONS = 40  # of the proposed actions, the facilitator agrees every 50th
UPVOTERS = 1000  # people who upvote a question (the archive holds at most 20,000 actions)
PLACES = ("room", "involved", "missing")
STAGES, LANES = 6, 5  # the journey's template: the information-sharing journey
FEELING = (2, 2, 1, 2, 0, -1, 2)  # person n's, at their note's stage: FEELING[n % 7]
LONG = "Nobody knows who decides, so the referral waits while each partner asks another; " * 4


def note(n):
    """Person n's words: one in seven 280 characters long, the others 20 to 69 characters,
    as in a real room (tests/busy_room_content.py)."""
    return f"{n:04} {LONG}"[:280 if n % 7 == 0 else 20 + (n * 7) % 50]


def cell(n):
    """The journey cell (stage, lane) person n writes in."""
    return n % STAGES, n % LANES


def conference():
    """The archive, as a JSON-ready dict; the first activity running."""
    configs = [{"prompt": "The journey"}, {"prompt": "Our words"}, {"prompt": "Who holds it?"},
               {"prompt": "Build it"}, {"prompt": "What first?", "propose_first": True},
               {"prompt": "What will the agreement say?"}, {"prompt": "What will we do?"},
               {"prompt": "Questions for the panel"}]
    actions = []

    def act(activity, by, action, **payload):
        """Adds an action; answers its sequence number, the id of what it makes."""
        actions.append({"activity": AGENDA.index(activity), "seq": len(actions) + 1,
                        "by": by, "name": action, "payload": payload,
                        "at": 1_760_000_000.0 + len(actions)})
        return len(actions)

    asked = []  # the questions' ids
    for n in range(1, PEOPLE + 1):
        stage, lane = cell(n)
        act("journey", n, "add_note", stage=stage, lane=lane, text=note(n))
        act("journey", n, "feel", stage=stage, value=FEELING[n % len(FEELING)])
        act("glossary", n, "define", term=f"Term {n % TERMS}", meaning=note(n))
        act("partnermap", n, "name", name=f"Partner {n % PARTNERS}", place=PLACES[n % 3])
        act("picture", n, "submit", kind="bricks", bricks=[[n % 30, n % 18, 2, 2, n % 8]],
            title=f"Picture {n}")
        act("dotvote", n, "propose", text=f"Proposal {n}: {LONG}"[:200])
        key = CHECKLIST[n % len(CHECKLIST)]
        answer = act("checklist", n, "answer", question=key, text=note(n),
                     partner=f"Partner {n % PARTNERS}" if key == "basis" else "",
                     basis="public_task" if key == "basis" else None,
                     date=f"2027-{n % 12 + 1:02}-15" if key == "review" else None)
        if n <= len(CHECKLIST) * 3:  # the facilitator agrees an answer to each question
            act("checklist", None, "agree", id=answer)
        action = act("actionplan", n, "propose", text=f"Action {n}: {LONG}"[:20 + n % 260],
                     owner=ORGANISATIONS[n % 5], due=f"2027-{n % 12 + 1:02}-01")
        if n % (PEOPLE // AGREED_ACTIONS) == 0:
            act("actionplan", None, "agree", id=action)
        asked.append(act("questions", n, "ask", text=note(n)))
    for n in range(1, UPVOTERS + 1):  # the earlier questions gather the votes
        act("questions", n, "upvote", id=asked[(n * 7) % 50])
    act("questions", None, "mark", id=asked[7], status="answering")
    for answered in asked[:5]:
        act("questions", None, "mark", id=answered, status="answered")
    return {
        "schema": "roundtable.workshop", "version": 1,
        "workshop": {"title": "A conference", "organisations": ORGANISATIONS, "current": 0},
        "agenda": [{"type": t, "config": c, "is_open": True, "revealed": True}
                   for t, c in zip(AGENDA, configs)],
        "participants": [{"number": n, "organisation": ORGANISATIONS[n % 5]}
                         for n in range(1, PEOPLE + 1)],
        "actions": actions,
    }
