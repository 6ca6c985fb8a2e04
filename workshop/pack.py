"""The agreement pack: a first draft of an information-sharing protocol or agreement,
filled in from what the workshop produced, in the structure of the WASPI Information
Sharing Protocol and of the ICO's checklist for a data sharing agreement
(activities/guidance.py quotes and cites both).

Every section says what it was drawn from. What the workshop did not produce is marked
"to be written", never filled in: a draft that made up a lawful basis or a retention
period would be worse than none. Where it comes from:

- parties: the workshop's partner organisations, the organisations people gave when
  they joined (small groups folded into Other, as everywhere), the partner map;
- purpose, data items, special category data, each partner's lawful basis, rights,
  security, retention and the review date: what the room agreed in the sharing checklist;
- data flows and their basis: the journey map's lanes, stage by stage;
- definitions: the shared language's agreed terms; contested ones flagged;
- priorities: the dot vote; the baseline: the health check; the DPIA screening; and the
  action plan with owners and dates (and, in a follow-up, what changed).
"""
from datetime import UTC, datetime

from flask import render_template

from activities import (actionplan, checklist, dotvote, dpia, glossary, guidance, healthcheck,
                        journey, partnermap)
from activities.base import OTHER, name_key, plural

from .document import Document, heading, missing, note, source, text
from .contents import who_came
from .offload import off_the_loop

MARKING = "DRAFT FOR DISCUSSION – NOT FOR SIGNATURE"
TOP_PRIORITIES = 10


def quote(q):
    return {"kind": "quote", "text": q.text, "source": q.source.cite()}


def table(caption, columns, rows, header_column=True):
    return {"kind": "table", "caption": caption, "columns": columns, "rows": rows,
            "header_column": header_column}


class Workshop:
    """The workshop as the pack reads it: its activities by type, each with its title."""

    def __init__(self, engine, code):
        self.live = engine.workshop(code)
        self.parts = who_came(self.live)

    def of(self, module):
        """[(title, state)] of every activity of this type, in agenda order."""
        return [(a.config.get("prompt") or module.title, a.state)
                for a in self.live.activities if a.module is module]

    @staticmethod
    def drawn(module, found):
        titles = "; ".join(f"“{title}”" for title, _state in found)
        return f"{module.title} {titles}"


def pack_document(engine, code):
    room = Workshop(engine, code)
    parts = room.parts
    document = Document(parts["title"], "Information-sharing agreement: first draft",
                        marking=MARKING,
                        file_title=f"{parts['title']}: information-sharing agreement, "
                                   "first draft")
    named = len([o for o, _n in parts["organisations"] if o != OTHER])
    among = f" from {plural(named, 'organisation')}" if named else ""
    document.meta = [
        f"Drafted on {datetime.now(UTC).strftime('%d %B %Y')} from the workshop “"
        f"{parts['title']}” ({plural(parts['people'], 'person', 'people')}{among}).",
        "Every section says what it was drawn from. What the workshop did not cover is "
        "marked TO BE WRITTEN: the partners write it; nothing was made up to fill a gap.",
    ]
    agreed = _agreed_answers(room)
    document.add(*_about())
    document.add(heading("Part 1. Information Sharing Protocol", 1),
                 note(f"In the structure of the {guidance.WASPI_ISP.publisher}'s "
                      f"{guidance.WASPI_ISP.title} ({guidance.WASPI_ISP.url}; "
                      f"{guidance.WASPI_ISP.version})."))
    partners = _partners(room)
    sections = {
        "introduction": _introduction(room, agreed),
        "partners": _partners_section(room, partners),
        "benefits": _benefits(room),
        "basis": _basis(room, agreed, partners),
        "information": _information(room, agreed),
        "identifying": [missing("how practitioners identify the service user and match "
                                "records between partners. The workshop did not cover it.")],
        "informing": _from_checklist(room, agreed, "rights", "how service users are told "
                                     "about the sharing (the checklist's People's rights)"),
        "security": _from_checklist(room, agreed, "security", "how the information is "
                                    "sent, stored and kept secure, and who may see it"),
        "records": _from_checklist(room, agreed, "retention", "how long each partner keeps "
                                   "the information, and how it is destroyed"),
        "requests": _requests(room, agreed),
        "complaints": [missing("how a complaint about the sharing is made and handled, and "
                               "which partner answers it. The workshop did not cover it.")],
        "review": _review(room, agreed),
        "glossary": _glossary(room),
        "flows": _flows(room),
    }
    for number, (key, title) in enumerate(guidance.WASPI_SECTIONS, 1):
        label = title if title.startswith("Appendix") else f"{number}. {title}"
        document.add(heading(label, 2), *sections[key])
    document.add(*_ico_checklist(room, agreed, partners))
    document.add(heading("Part 3. What the workshop found and decided", 1),
                 *_priorities(room), *_baseline(room), *_screening(room), *_actions(room),
                 *_signatures(partners))
    return document


# ---------------------------------------------------------------------- front matter
def _about():
    return [heading("About this draft", 2),
            text("An information-sharing agreement sets out why partners share information, "
                 "what they share, on what basis, and how they keep it safe. The ICO says:"),
            quote(guidance.AGREEMENT_GOOD_PRACTICE), quote(guidance.AGREEMENT_WHAT_FOR),
            text("Partners call it by different names; the ICO again:"),
            quote(guidance.AGREEMENT_NAMES),
            text("Part 1 follows the sections of a WASPI Information Sharing Protocol, which "
                 "WASPI describes so:"),
            quote(guidance.WASPI_WHAT_AN_ISP_DETAILS),
            text("Part 2 goes through the ICO's checklist for a data sharing agreement and "
                 "says where this draft answers each question. Part 3 holds what the workshop "
                 "found and decided: its priorities, the partnership's health-check baseline, "
                 "the DPIA screening, and the action plan with owners and dates."),
            note("This is a draft for the partners' information governance leads and data "
                 "protection officers to complete and check. It is not legal advice.")]


# ---------------------------------------------------------------------- Part 1
def _agreed_answers(room):
    """The sharing checklist's agreed answers by question, from every checklist, and the
    titles they came from."""
    found = room.of(checklist)
    answers = {}
    for _title, state in found:
        for key, given in checklist.agreed_answers(state).items():
            answers.setdefault(key, []).extend(given)
    return {"answers": answers, "found": found}


def _from_checklist(room, agreed, key, what, ask=None):
    label = checklist.QUESTIONS[key][0]
    given = agreed["answers"].get(key)
    if not agreed["found"]:
        return [missing(f"{what}. The workshop had no sharing checklist.")]
    blocks = [source(f"{room.drawn(checklist, agreed['found'])}: {label}, as agreed in the "
                     "room.")]
    if not given:
        return blocks + [missing(f"{what}. The room did not agree an answer to “{label}”.")]
    return blocks + [text(checklist.said(answer)) for answer in given]


def _introduction(room, agreed):
    blocks = [text(f"This Information Sharing Protocol (ISP) sets out how the partners below "
                   f"share personal information for the purpose described here. It was "
                   f"drafted from the workshop “{room.parts['title']}” and is to be agreed "
                   f"by each partner."),
              heading("Purpose", 3)]
    return blocks + _from_checklist(room, agreed, "purpose", "the purpose of the sharing")


def _partners(room):
    """The parties: the workshop's partner organisations and the organisations people gave
    when they joined (those of fewer than three people are folded into Other, and so not
    named), by name matched ignoring case and spacing: {key: {name, people, place}}, with
    `place` where the partner map put them."""
    partners = {}
    for name in room.live.organisations:
        partners.setdefault(name_key(name), {"name": name, "people": None, "place": None})
    for name, count in room.parts["organisations"]:
        if name != OTHER:
            partners.setdefault(name_key(name), {"name": name, "people": None,
                                                 "place": None})["people"] = count
    for named in _mapped(room):
        if named["key"] in partners:
            partners[named["key"]]["place"] = named["place"]
    return partners


def _mapped(room):
    """Every name on the partner maps: [{key, name, place}], most named first."""
    return [{"key": name_key(p["name"]), "name": p["name"],
             "place": partnermap.PLACES[p["place"]]}
            for _title, state in room.of(partnermap)
            for p in partnermap.summary(state)["partners"]]


def _partners_section(room, partners):
    maps = room.of(partnermap)
    drawn = ["the workshop's list of partner organisations",
             "the organisations people gave when they joined (fewer than three people "
             "counted as Other)"] + ([room.drawn(partnermap, maps)] if maps else [])
    blocks = [source("; ".join(drawn) + ".")]
    if partners:
        rows = [[p["name"], p["people"] if p["people"] is not None else "",
                 p["place"] or ("not named" if maps else "")]
                for p in sorted(partners.values(), key=lambda p: p["name"].casefold())]
        blocks.append(table("The parties to this ISP", ["Partner", "People at the workshop",
                                                        "On the partner map"], rows))
    else:
        blocks.append(missing("the parties. The workshop named no partner organisation."))
    others = [m for m in _mapped(room) if m["key"] not in partners]
    involved = [m["name"] for m in others if m["place"] != partnermap.PLACES["missing"]]
    absent = [m["name"] for m in others if m["place"] == partnermap.PLACES["missing"]]
    if involved:
        blocks += [text("Also named on the partner map as in the room or involved elsewhere: "
                        "decide whether each is a party:"), {"kind": "list", "items": involved}]
    if absent:
        blocks += [text("Named on the partner map as missing: to invite, or to decide "
                        "without, before the ISP is agreed:"), {"kind": "list", "items": absent}]
    return blocks + [missing("each party's contact point, and the departments and teams "
                             "that share information under this ISP.")]


def _benefits(room):
    notes = _journey_notes(room, lane_words=("enabler", "idea"), stage_words=("outcome",))
    blocks = [missing("the benefits of sharing, for service users and for the partners.")]
    if notes:
        blocks += [text("What the room said that may help to write it (journey notes on "
                        "enablers, ideas and outcomes; the room's words, not the ISP's):"),
                   {"kind": "list", "items": notes}]
    return blocks


def _basis(room, agreed, partners):
    blocks = []
    given = agreed["answers"].get("basis", [])
    if agreed["found"]:
        blocks.append(source(f"{room.drawn(checklist, agreed['found'])}: Lawful basis, per "
                             "partner, as agreed in the room; the six lawful bases of "
                             f"{guidance.UK_GDPR_ARTICLE_6.title}."))
        settled = {name_key(a["partner"]) for a in given}
        rows = [[a["partner"], guidance.LAWFUL_BASES[a["basis"]], a["text"] or ""]
                for a in given]
        rows += [[p["name"], "TO BE WRITTEN", ""] for key, p in sorted(partners.items())
                 if key not in settled]
        blocks.append(table("Each partner's lawful basis for sharing",
                            ["Partner", "Lawful basis (UK GDPR Article 6(1))",
                             "The law or power it rests on"], rows))
        if not given:
            blocks.append(missing("each partner's lawful basis. The room agreed none."))
    else:
        blocks.append(missing("each partner's lawful basis. The workshop had no sharing "
                              "checklist."))
    blocks += [heading("Special category and criminal offence data", 3),
               *_from_checklist(room, agreed, "special", "whether special category or "
                                "criminal offence data is shared, and the condition for it")]
    said = _lane_rows(room, ("basis",))
    if said:
        blocks += [heading("What the room said about the basis at each stage", 3),
                   source(_journeys(room) + ": the lane on the basis for sharing."),
                   table("The basis, stage by stage (the room's words)", ["Stage", "Notes"],
                         said)]
    return blocks


def _information(room, agreed):
    blocks = _from_checklist(room, agreed, "data", "the data items shared")
    if _flow_rows(room):
        blocks.append(text("The data flows, stage by stage, with what the room said of their "
                           "basis: Appendix B."))
    return blocks


def _requests(room, agreed):
    blocks = _from_checklist(room, agreed, "rights", "how people ask for their information, "
                             "and how partners handle requests")
    return blocks + [missing("which partner answers a request under the Data Protection Act "
                             "or the Freedom of Information Act for information shared under "
                             "this ISP, and how the partners consult each other first.")]


def _review(room, agreed):
    given = agreed["answers"].get("review")
    if not given:
        return _from_checklist(room, agreed, "review", "when the partners will review this ISP")
    return [source(f"{room.drawn(checklist, agreed['found'])}: Review date, as agreed in the "
                   "room."),
            text(f"The partners will review this ISP by {_day(given[0]['date'])}"
                 + (f" ({given[0]['text']})." if given[0]["text"] else "."))]


def _glossary(room):
    found = room.of(glossary)
    if not found:
        return [missing("the definitions of the terms this ISP uses. The workshop had no "
                        "shared-language activity.")]
    blocks = [source(room.drawn(glossary, found) + ": terms the room marked agreed are "
                     "defined; terms marked contested are flagged.")]
    agreed, contested, unsettled = [], [], []
    for _title, state in found:
        groups = glossary.summary(state)
        agreed += groups["agreed"]
        contested += groups["contested"]
        unsettled += groups["open"]
    if agreed:
        blocks.append(table("Agreed terms", ["Term", "Meaning (the definition most "
                                                     "recognised)", "Also said"],
                            [[" = ".join(g["terms"]), g["definitions"][0]["meaning"],
                              [d["meaning"] for d in g["definitions"][1:]]] for g in agreed]))
    else:
        blocks.append(missing("definitions: the room marked no term agreed."))
    if contested:
        blocks += [text("CONTESTED: these terms mean different things to different partners. "
                        "Settle each before the ISP is agreed:"),
                   table("Contested terms", ["Term", "What partners mean by it"],
                         [[" = ".join(g["terms"]),
                           [f"{d['meaning']} ({d['organisation'] or 'facilitator'})"
                            for d in g["definitions"]]] for g in contested])]
    if unsettled:
        blocks += [note("Terms raised but not settled: "
                        + "; ".join(" = ".join(g["terms"]) for g in unsettled) + ".")]
    return blocks


def _flows(room):
    flows = _flow_rows(room)
    if not flows:
        return [missing("the data flows between partners. The workshop had no "
                        "information-sharing journey, or nothing in its lanes on what is "
                        "shared.")]
    return [source(_journeys(room) + ": its lanes on what is shared, from whom to whom, and "
                                     "on what basis (the room's words, stage by stage)."),
            table("What is shared, from whom to whom, and on what basis",
                  ["Stage", "What information, from whom to whom", "On what basis"], flows)]


# ---------------------------------------------------------------------- the journey's lanes
def _journeys(room):
    return room.drawn(journey, room.of(journey))


def _lane(lanes, words):
    """The first lane whose name holds all of `words` (the information-sharing template's
    lanes: "What information, from whom to whom", "On what basis (…)")."""
    for lane in lanes:
        if all(word in lane.casefold() for word in words):
            return lane
    return None


def _lane_rows(room, words):
    rows = []
    for _title, state in room.of(journey):
        found = journey.summary(state)
        lane = _lane(found["lanes"], words)
        for stage in found["stages"]:
            notes = [n["text"] for n in found["grid"] if n["lane"] == lane and n["stage"] == stage]
            if lane and notes:
                rows.append([stage, notes])
    return rows


def _flow_rows(room):
    rows = []
    for _title, state in room.of(journey):
        found = journey.summary(state)
        what, basis = _lane(found["lanes"], ("information",)), _lane(found["lanes"], ("basis",))
        if what is None:
            continue
        for stage in found["stages"]:
            cell = [n["text"] for n in found["grid"] if n["lane"] == what and n["stage"] == stage]
            why = [n["text"] for n in found["grid"] if n["lane"] == basis and n["stage"] == stage]
            if cell or why:
                rows.append([stage, cell or "TO BE WRITTEN", why or "TO BE WRITTEN"])
    return rows


def _journey_notes(room, lane_words, stage_words):
    notes = []
    for _title, state in room.of(journey):
        for n in journey.summary(state)["grid"]:
            if any(w in n["lane"].casefold() for w in lane_words) or \
                    any(w in n["stage"].casefold() for w in stage_words):
                notes.append(n["text"])
    return notes


# ---------------------------------------------------------------------- Part 2
def _ico_checklist(room, agreed, partners):
    answers = agreed["answers"]

    def said(*keys):
        got = [k for k in keys if answers.get(k)]
        return "Answered" if len(got) == len(keys) else "Partly" if got else "TO BE WRITTEN"

    where = {
        "purpose": ("Part 1, section 1", said("purpose")),
        "parties": ("Part 1, section 2", "Answered" if partners else "TO BE WRITTEN"),
        "joint": ("Not covered by the workshop", "TO BE WRITTEN"),
        "items": ("Part 1, section 5", said("data")),
        "basis": ("Part 1, section 4", _bases_said(answers, partners)),
        "special": ("Part 1, section 4", said("special")),
        "rights": ("Part 1, sections 7 and 10", said("rights")),
        "governance": ("Part 1, sections 8, 9 and 12", said("security", "retention", "review")),
        "further": ("Not covered by the workshop", "TO BE WRITTEN"),
    }
    return [heading("Part 2. The ICO's checklist for a data sharing agreement", 1),
            source(f"the questions: {guidance.ICO_SHARING_CHECKLIST.cite()}. The answers: "
                   "Part 1 of this draft."),
            table("Where this draft answers each of the ICO's questions",
                  ["The ICO's question", "Where", "Answered in the workshop"],
                  [[question, *where[key]] for key, question in guidance.ICO_CHECKLIST])]


def _bases_said(answers, partners):
    settled = {name_key(a["partner"]) for a in answers.get("basis", [])}
    if not settled:
        return "TO BE WRITTEN"
    return "Answered" if set(partners) <= settled else "Partly"


# ---------------------------------------------------------------------- Part 3
def _priorities(room):
    found = room.of(dotvote)
    blocks = [heading("Priorities", 2)]
    if not found:
        return blocks + [note("The workshop held no vote.")]
    blocks.append(source(room.drawn(dotvote, found) + "."))
    for title, state in found:
        results = [r for r in dotvote.summary(state)["results"] if r["dots"]][:TOP_PRIORITIES]
        if not results:
            blocks.append(note(f"“{title}”: no dots were placed."))
            continue
        blocks.append(table(f"“{title}”: the options with most dots (equal dots share a rank)",
                            ["Rank", "Option", "Dots"],
                            [[r["rank"], r["text"], r["dots"]] for r in results], False))
    return blocks


def _baseline(room):
    found = room.of(healthcheck)
    blocks = [heading("The partnership's health-check baseline", 2)]
    if not found:
        return blocks + [note("The workshop held no health check.")]
    blocks.append(source(room.drawn(healthcheck, found) + ": a baseline to measure the "
                                                         "partnership against next time."))
    for _title, state in found:
        results = healthcheck.summary(state)
        blocks.append(table(f"{plural(results['people'], 'person', 'people')} rated each "
                            "element from 1 (poor) to 5 (strong)",
                            ["Element", "Average", "Lowest", "Highest", "Ratings"],
                            [[e["name"], "" if e["mean"] is None else e["mean"],
                              min((int(s) for s, n in e["spread"].items() if n), default=""),
                              max((int(s) for s, n in e["spread"].items() if n), default=""),
                              e["count"]] for e in results["elements"]]))
    return blocks


def _screening(room):
    found = room.of(dpia)
    blocks = [heading("DPIA screening", 2)]
    if not found:
        return blocks + [missing("whether the sharing needs a full data protection impact "
                                 "assessment. The workshop held no DPIA screening.")]
    blocks.append(source(room.drawn(dpia, found) + f"; the questions: "
                                                  f"{guidance.ICO_DPIA.cite()}"))
    for _title, state in found:
        results = dpia.results(state)
        outcome = results["outcome"]
        blocks += [text(f"{plural(results['people'], 'person', 'people')} answered. "
                        + outcome["headline"])]
        quotes = [quote(q) for q in outcome["quotes"]]
        if outcome["because"]:  # the ICO's lead-in ("We always carry out a DPIA if …:") first
            quotes.insert(1, {"kind": "list", "items": outcome["because"]})
        blocks += quotes
        if outcome["ours"]:
            blocks.append(note(f"{outcome['ours']} ({guidance.OURS}.)"))
        split = [q["text"] for q in results["questions"] if q["disagree"]]
        if split:
            blocks += [text("The partners disagree on:"), {"kind": "list", "items": split}]
        if outcome["key"] in ("required", "unsettled", "consider"):
            blocks += [text("If a full DPIA is carried out, the ICO's guidance says:"),
                       quote(guidance.DPIA_STEPS_LEAD),
                       {"kind": "list", "items": list(guidance.DPIA_STEPS)}]
    return blocks


def _actions(room):
    found = room.of(actionplan)
    blocks = [heading("Action plan", 2)]
    if not found:
        return blocks + [missing("who does what next, by when. The workshop had no action "
                                 "plan.")]
    blocks.append(source(room.drawn(actionplan, found) + ": the actions the room agreed, "
                                                        "each with its owner and due date."))
    agreed, reviewed = [], []
    for _title, state in found:
        for action in actionplan.agreed_actions(state):
            (reviewed if action["origin"] == "review" else agreed).append(action)
    if agreed:
        blocks.append(table("Agreed actions, by due date", ["Action", "Owner", "Due", "Status"],
                            [[a["text"], a["owner"], _day(a["due"]),
                              actionplan.STATUSES[a["status"]]] for a in
                             sorted(agreed, key=lambda a: a["due"])], False))
    else:
        blocks.append(missing("the actions: the room agreed none."))
    if reviewed:
        blocks.append(table("Actions from the earlier workshop: then and now",
                            ["Action", "Owner", "Due", "Then", "Now"],
                            [[a["text"], a["owner"] or "", _day(a["due"]),
                              actionplan.STATUSES[a["was"]],
                              actionplan.STATUSES[a["status"]] if a["reviewed"]
                              else "Not reviewed"] for a in reviewed], False))
    return blocks


def _signatures(partners):
    return [heading("Agreement", 1),
            missing("each partner's agreement to this ISP, by its designated person "
                    "(usually the data protection officer), with the date."),
            {**table("Signed for each partner", ["Partner", "Name and role", "Signature",
                                                  "Date"],
                     [[p["name"], "", "", ""] for p in sorted(
                         partners.values(), key=lambda p: p["name"].casefold())]),
             "widths": [0.34, 0.28, 0.24, 0.14], "row_mm": 16}]


def _day(date):
    """'28 February 2027' for '2027-02-28'; '' for none."""
    return datetime.fromisoformat(date).strftime("%-d %B %Y") if date else ""


def pack_html(engine, code):
    return render_template("pack.html", document=pack_document(engine, code))


def pack_docx(engine, code):
    from .word import docx_bytes  # on first use, as export.py says why

    return off_the_loop(docx_bytes, pack_document(engine, code))


def pack_pdf(engine, code):
    from .pdf import pdf_bytes  # on first use, as export.py says why

    return off_the_loop(pdf_bytes, pack_document(engine, code))
