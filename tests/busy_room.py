"""The busy room: a real workshop's size, made on a running server through its public API
and Socket.IO, as the people in the room would make it.

    room = BusyRoom(base_url)          # the workshop and its agenda
    room.join()                        # forty people join it
    room.fill()                        # every activity, in agenda order, with their words
    room.show("journey")               # the presenter shows that activity now
    room.close()

Forty people from five organisations (two with 60-character names, one Welsh) answer an
open question (65 answers), rate the partnership's health, define 19 terms (16 once
linked), name 60 partners, write 56 journey notes (42 in one cell), vote with 3 dots on
47 options, send 22 pictures, build on one shared baseplate, propose 47 options for
another vote, answer the sharing checklist (24 answers, a lawful basis for each
organisation, the agreed ones marked), answer the twenty DPIA screening questions (800
answers, the organisations disagreeing on a few), and propose 20 actions (8 agreed with
owners and dates) after reviewing six from an earlier workshop, ask a panel 42 questions
and upvote them (one being answered, five answered), and answer a question reviewed
before the room sees it (30 answers approved, 15 waiting, 5 of them with personal data
typed in by mistake). Some texts are 280 characters, some Welsh, Arabic or Hebrew: the
words are in busy_room_content.py.

Everything goes through the same doors a phone and the console use, so the room stays
valid as the code behind them changes. A phone joined in a browser can be one of the
forty: pass its cookie to join().
"""
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
import socketio

from busy_room_content import (ACTION_SUPPORT, ACTIONS, AGREED_ACTIONS, ANSWERS, BARRIER_PLUS,
                               BARRIERS, BUSY_CELL, CHECKLIST_ANSWERS, CHECKLIST_BASES,
                               CHECKLIST_REVIEW, DEFINITIONS, DPIA_LEANINGS, EARLIER_ACTIONS,
                               EARLIER_REVIEWED, FEELINGS, GLOSSARY_LINKS, GLOSSARY_MARKS,
                               HEALTH_ORIGINS, HEALTH_SENTENCES, JOURNEY_NOTES, ORGANISATIONS,
                               PANEL, PARTNERS, PERSONAL_ANSWERS, PICTURE_MEANINGS,
                               PICTURE_TITLES, PROPOSALS, QUESTION, QUESTION_VOTES, QUESTIONS,
                               REVIEWED, TITLE)

TIMEOUT = 20  # seconds for any one answer from the server
RETRY_FOR = 60  # seconds to keep resending what the server asked to have sent again
AGENDA = ["question", "healthcheck", "glossary", "partnermap", "journey", "dotvote",
          "picture", "baseplate", "proposals", "checklist", "dpia", "actionplan", "questions",
          "reviewed"]
# positions; "baseplate" is a picture built together, "proposals" a second vote whose
# options the room is still proposing; "checklist", "dpia" and "actionplan" are the
# agreement activities, the action plan opening with an earlier workshop's actions to
# review; "reviewed" is an open question reviewed before the room sees it
ANSWERING = 1  # the question being answered (an index of QUESTIONS)
ANSWERED = range(20, 25)  # the questions answered
APPROVED = 30  # of the reviewed question's answers, the first approved


def organisations_of_people():
    """Each person's organisation, the organisations taking turns until each is full."""
    left = dict(ORGANISATIONS)
    people = []
    while any(left.values()):
        for name, _count in ORGANISATIONS:
            if left[name]:
                people.append(name)
                left[name] -= 1
    return people


PEOPLE = organisations_of_people()  # 40 organisation names, person by person


class Person:
    """A participant (or the facilitator) on a Socket.IO connection of their own."""

    def __init__(self, base, auth, cookie=None):
        self.sio = socketio.Client()
        self.sio.connect(base, auth=auth, transports=["websocket"],
                         headers={"Cookie": cookie} if cookie else {}, wait_timeout=TIMEOUT)

    def act(self, activity_id, action, **payload):
        """One action, sent again with the same id for as long as the server asks."""
        message = {"activity_id": activity_id, "action": action, "payload": payload,
                   "cid": uuid.uuid4().hex}
        deadline = time.monotonic() + RETRY_FOR
        while True:
            answer = self.sio.call("act", message, timeout=TIMEOUT)
            if not answer.get("retry") or time.monotonic() > deadline:
                break
            time.sleep(0.5)  # the server asked for a moment before the same again
        assert answer.get("ok"), f"{action} {payload}: {answer}"
        return answer

    def call(self, event, data):
        answer = self.sio.call(event, data, timeout=TIMEOUT)
        assert answer.get("ok"), f"{event} {data}: {answer}"
        return answer

    def close(self):
        self.sio.disconnect()


def join(base, code, organisation):
    """Joins over HTTP as the join page does; answers the participant's cookie."""
    session = requests.Session()
    session.post(f"{base}/j/{code}", data={"name": "", "organisation": organisation},
                 allow_redirects=False, timeout=TIMEOUT).raise_for_status()
    return f"rt_p_{code}={session.cookies.get(f'rt_p_{code}')}"


def bricks_for(seed, tries=None):
    """A picture of bricks that never overlap: a different one for every seed."""
    rng = random.Random(seed)
    taken = set()
    bricks = []
    for _ in range(tries or rng.randint(12, 40)):
        width, height = rng.choice([(1, 1), (1, 2), (2, 1), (2, 2), (1, 4), (4, 1)])
        x, y = rng.randrange(32 - width + 1), rng.randrange(20 - height + 1)
        studs = {(x + i, y + j) for i in range(width) for j in range(height)}
        if not studs & taken:
            taken |= studs
            bricks.append([x, y, width, height, rng.randrange(8)])
    return bricks


def drawing_for(seed):
    rng = random.Random(seed)
    return [{"colour": rng.randrange(8), "width": rng.choice([4, 10, 24]),
             "points": [rng.randrange(1001) if i % 2 == 0 else rng.randrange(626)
                        for i in range(12)]} for _ in range(rng.randint(3, 8))]


class BusyRoom:
    """A workshop of forty people, on the server at `base`."""

    def __init__(self, base, languages=None):
        """`languages`: the workshop's, e.g. ["cy", "en_GB"] (English alone if not given)."""
        self.base = base
        made = requests.post(f"{base}/api/workshops", timeout=TIMEOUT, json={
            "title": TITLE, "organisations": [name for name, _n in ORGANISATIONS],
            "agenda": "partnership", "languages": languages})
        made.raise_for_status()
        self.made = made.json()
        self.code = self.made["code"]
        self.api = f"{base}/api/workshops/{self.code}"
        self.auth = {"Authorization": f"Bearer {self.made['facilitator_key']}"}
        question = self.post("activities", {"type": "question", "config": {"prompt": QUESTION}})
        self.post(f"activities/{question['activity']['id']}/move", {"position": 0})
        self.post("activities", {"type": "picture", "config": {
            "prompt": "Build one picture of the partnership together", "mode": "together"}})
        self.post("activities", {"type": "dotvote", "config": {
            "prompt": "What should the partnership do first?", "propose_first": True}})
        self.post("activities", {"type": "checklist", "config": {}})
        self.post("activities", {"type": "dpia", "config": {
            "plan": "Schools, health visitors, the police and early help share who is "
                    "working with a family, and why."}})
        self.post("activities", {"type": "actionplan", "config": {
            "review": "\n".join(EARLIER_ACTIONS)}})
        self.post("activities", {"type": "questions", "config": {
            "prompt": PANEL, "show_organisation": True}})
        self.post("activities", {"type": "question", "config": {
            "prompt": REVIEWED, "review_first": True, "max_answers": 2}})
        agenda = requests.get(self.api, headers=self.auth, timeout=TIMEOUT).json()["agenda"]
        self.ids = dict(zip(AGENDA, (a["id"] for a in agenda)))
        self.people = []
        self.facilitator = Person(base, {"code": self.code, "role": "facilitator",
                                         "key": self.made["facilitator_key"]})

    def join(self, cookies=()):
        """Forty people join, each with the organisation PEOPLE gives them; `cookies` are
        people who joined already (the first of PEOPLE, and so on), in a browser, say."""
        cookies = list(cookies) + [join(self.base, self.code, organisation)
                                   for organisation in PEOPLE[len(cookies):]]
        self.people = self._parallel(lambda cookie: Person(
            self.base, {"code": self.code, "role": "participant"}, cookie), cookies)

    # ------------------------------------------------------------------ the console
    def post(self, path, body):
        answer = requests.post(f"{self.api}/{path}", headers=self.auth, json=body,
                               timeout=TIMEOUT)
        assert answer.ok, f"{path} {body}: {answer.status_code} {answer.text}"
        return answer.json()

    def control(self, command, **args):
        return self.post("control", {"command": command, **args})

    def show(self, name):
        """Runs the activity (a type, or "baseplate") on every screen."""
        self.control("goto", position=AGENDA.index(name))

    def view(self):
        return self.facilitator.call("sync", {})["view"]

    # ------------------------------------------------------------------ the room at work
    @staticmethod
    def _parallel(job, items, workers=8):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(job, items))

    def _everyone(self, actions):
        """`actions` maps a person's index to their [(action, payload)], sent in order;
        different people send at the same time, as in a room."""
        def run(entry):
            index, steps = entry
            activity_id, person = self.ids[self._filling], self.people[index]
            return [person.act(activity_id, action, **payload) for action, payload in steps]
        return dict(zip(actions, self._parallel(run, list(actions.items()))))

    def _start(self, name):
        self._filling = name
        self.show(name)

    def fill(self):
        for name in AGENDA:
            getattr(self, f"fill_{name}")()

    def fill_question(self):
        self._start("question")
        steps = {}
        for k, text in enumerate(ANSWERS):
            steps.setdefault(k % len(self.people), []).append(("answer", {"text": text}))
        self._everyone(steps)

    def fill_healthcheck(self, reveal=True):
        self._start("healthcheck")
        base = [3, 2, 4, 2, 3, 3]
        leaning = [[0, 0, 0, 0, 0, 0], [1, 1, 0, 1, 0, -1], [0, -1, -1, 0, 1, 0],
                   [-1, -1, -2, -1, 0, 1], [1, 0, 1, 1, -1, 0]]  # organisations differ
        organisation = {name: i for i, (name, _n) in enumerate(ORGANISATIONS)}
        steps = {}
        for i, person in enumerate(PEOPLE):
            lean = leaning[organisation[person]]
            scores = [min(5, max(1, base[e] + lean[e] + (i + e) % 3 - 1)) for e in range(6)]
            steps[i] = [("rate", {"element": e, "score": s}) for e, s in enumerate(scores)]
            steps[i].append(("origin", {"origin": HEALTH_ORIGINS[i % len(HEALTH_ORIGINS)]}))
        for e, text in enumerate(HEALTH_SENTENCES):
            steps[e * 5].append(("comment", {"element": e, "text": text}))
        self._everyone(steps)
        if reveal:
            self.control("reveal")

    def fill_glossary(self):
        self._start("glossary")
        made = self._everyone({i: [("define", {"term": t, "meaning": m})]
                               for i, (t, m) in enumerate(DEFINITIONS)})
        glossary = self.ids["glossary"]
        for term, same_as in GLOSSARY_LINKS:
            self.facilitator.act(glossary, "link", term=term, same_as=same_as)
        for term, status in GLOSSARY_MARKS:
            self.facilitator.act(glossary, "mark", term=term, status=status)
        ids = [made[i][0]["id"] for i in range(len(DEFINITIONS))]
        plus = {0: 9, 4: 7, 7: 6, 9: 5, 13: 4, 19: 3, 24: 2}  # definition index: +1s
        voters = range(len(DEFINITIONS), len(self.people))
        self._everyone({v: [("plus_one", {"id": ids[d]}) for d, n in plus.items()
                            if k < n] for k, v in enumerate(voters)})

    def fill_partnermap(self):
        self._start("partnermap")
        steps = {}
        turn = 0
        for name, place, count in PARTNERS:
            for k in range(count):
                # now and then someone places a partner elsewhere than most people do
                where = place if k % 4 != 3 else ("involved" if place != "involved" else "room")
                steps.setdefault(turn % len(self.people), []).append(
                    ("name", {"name": name, "place": where}))
                turn += 1
        self._everyone(steps)

    def fill_journey(self):
        self._start("journey")
        steps = {}
        notes = [*JOURNEY_NOTES, *((*BUSY_CELL, text) for text in BARRIERS)]
        for k, (stage, lane, text) in enumerate(notes):
            steps.setdefault(k % len(self.people), []).append(
                ("add_note", {"stage": stage, "lane": lane, "text": text}))
        made = self._everyone(steps)
        ids = {}  # note text -> (author, id)
        for k, (_s, _l, text) in enumerate(notes):
            person = k % len(self.people)
            ids[text] = (person, made[person][k // len(self.people)]["id"])
        plus = {}
        for index, n in BARRIER_PLUS.items():
            author, note = ids[BARRIERS[index]]
            givers = [p for p in range(len(self.people)) if p != author][index % 7:][:n]
            for p in givers:
                plus.setdefault(p, []).append(("plus_one", {"id": note}))
        for i in range(len(self.people)):
            plus.setdefault(i, []).extend(
                ("feel", {"stage": s, "value": v}) for s, v in enumerate(FEELINGS[i % 5]))
        self._everyone(plus)

    def fill_dotvote(self, reveal=True):
        self._start("dotvote")
        self._everyone({i * 7: [("propose", {"text": text})] for i, text in enumerate(PROPOSALS)})
        barriers = [item["text"] for item in self.facilitator.call(
            "items", {"activity_id": self.ids["journey"]})["items"] if item["group"] == "Barriers"]
        vote = self.ids["dotvote"]
        self.facilitator.act(vote, "add_options", texts=barriers)
        self.facilitator.act(vote, "start_voting")
        options = [o["id"] for o in self.view()["activity"]["view"]["options"]]
        weights = [1 / (1 + k) ** 1.2 for k in range(len(options))]  # a few clear favourites
        self._everyone({i: [("add", {"option": o}) for o in random.Random(i).choices(
            options, weights, k=3)] for i in range(len(self.people))})
        if reveal:
            self.control("reveal")

    def fill_picture(self):
        self._start("picture")
        steps = {}
        for k, title in enumerate(PICTURE_TITLES):
            meaning = PICTURE_MEANINGS[k] if k < len(PICTURE_MEANINGS) else ""
            picture = ({"kind": "drawing", "strokes": drawing_for(k)} if k % 5 == 2
                       else {"kind": "bricks", "bricks": bricks_for(k)})
            steps[k + 3] = [("submit", {**picture, "title": title, "meaning": meaning})]
        self._everyone(steps)

    def fill_baseplate(self):
        self._start("baseplate")
        bricks = bricks_for("shared", tries=400)
        self._everyone({i: [("place", {"brick": b}) for b in bricks[i::len(self.people)]]
                        for i in range(len(self.people))})

    def fill_proposals(self):
        self._start("proposals")
        texts = [*PROPOSALS, *BARRIERS]
        steps = {}
        for k, text in enumerate(texts):
            steps.setdefault(k % len(self.people), []).append(("propose", {"text": text}))
        self._everyone(steps)

    def fill_checklist(self):
        self._start("checklist")
        steps = {}
        for k, (question, text, _agreed) in enumerate(CHECKLIST_ANSWERS):
            steps.setdefault(k, []).append(("answer", {"question": question, "text": text}))
        for k, (partner, basis, law, _agreed) in enumerate(CHECKLIST_BASES):
            steps.setdefault(20 + k, []).append(("answer", {
                "question": "basis", "partner": partner, "basis": basis, "text": law}))
        date, words = CHECKLIST_REVIEW
        steps.setdefault(30, []).append(("answer", {"question": "review", "date": date,
                                                    "text": words}))
        made = self._everyone(steps)
        agreed = [made[k][0]["id"] for k, (_q, _t, yes) in enumerate(CHECKLIST_ANSWERS) if yes]
        agreed += [made[20 + k][0]["id"] for k, entry in enumerate(CHECKLIST_BASES) if entry[3]]
        for answer in agreed:
            self.facilitator.act(self.ids["checklist"], "agree", id=answer)
        ids = [made[k][0]["id"] for k in range(len(CHECKLIST_ANSWERS))]
        self._everyone({v: [("plus_one", {"id": ids[(v + i) % len(ids)]}) for i in range(2)]
                        for v in range(len(CHECKLIST_ANSWERS), len(self.people))})

    def fill_dpia(self, reveal=True):
        self._start("dpia")
        organisation = {name: i for i, (name, _n) in enumerate(ORGANISATIONS)}
        answer = {"y": "yes", "n": "no", "u": "unsure"}
        steps = {}
        for i, person in enumerate(PEOPLE):
            leaning = DPIA_LEANINGS[organisation[person]]
            # now and then someone says "not sure" where their colleagues say otherwise
            steps[i] = [("answer", {"question": q, "answer": "unsure" if (i + q) % 11 == 0
                                    else answer[leaning[q]]}) for q in range(len(leaning))]
        self._everyone(steps)
        if reveal:
            self.control("reveal")

    def fill_actionplan(self):
        self._start("actionplan")
        plan = self.ids["actionplan"]
        made = self._everyone({k: [("propose", {"text": text})] for k, text in enumerate(ACTIONS)})
        ids = [made[k][0]["id"] for k in range(len(ACTIONS))]
        support = {}
        for index, n in ACTION_SUPPORT.items():
            for giver in [p for p in range(len(self.people)) if p != index][index:][:n]:
                support.setdefault(giver, []).append(("support", {"id": ids[index]}))
        self._everyone(support)
        for index, (owner, due, status) in AGREED_ACTIONS.items():
            self.facilitator.act(plan, "update", id=ids[index], text=ACTIONS[index],
                                 owner=ORGANISATIONS[owner][0], due=due)
            self.facilitator.act(plan, "agree", id=ids[index])
            if status != "open":
                self.facilitator.act(plan, "status", id=ids[index], status=status)
        review = self.view()["activity"]["view"]["review"]
        for index, status in EARLIER_REVIEWED.items():
            self.facilitator.act(plan, "status", id=review[index]["id"], status=status)

    def fill_questions(self):
        self._start("questions")
        steps = {}
        for k, text in enumerate(QUESTIONS):
            steps.setdefault(k % len(self.people), []).append(("ask", {"text": text}))
        made = self._everyone(steps)
        ids = {}  # question index -> (author, id)
        for k in range(len(QUESTIONS)):
            author = k % len(self.people)
            ids[k] = (author, made[author][k // len(self.people)]["id"])
        votes = {}
        for index, n in QUESTION_VOTES.items():
            author, question = ids[index]
            for voter in [p for p in range(len(self.people)) if p != author][index % 5:][:n]:
                votes.setdefault(voter, []).append(("upvote", {"id": question}))
        self._everyone(votes)
        activity = self.ids["questions"]
        for index in ANSWERED:
            self.facilitator.act(activity, "mark", id=ids[index][1], status="answered")
        self.facilitator.act(activity, "mark", id=ids[ANSWERING][1], status="answering")

    def fill_reviewed(self):
        self._start("reviewed")
        self._everyone({i: [("answer", {"text": text})]
                        for i, text in enumerate(ANSWERS[:APPROVED])})
        self.facilitator.act(self.ids["reviewed"], "approve_all")
        waiting = ANSWERS[APPROVED:APPROVED + 10] + PERSONAL_ANSWERS  # people 30-39, then 0-4
        self._everyone({(APPROVED + i) % len(self.people): [("answer", {"text": text})]
                        for i, text in enumerate(waiting)})

    def close(self):
        for person in [*self.people, self.facilitator]:
            person.close()
