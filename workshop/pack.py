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

The draft is written in each of the workshop's languages in turn (pack_documents), in
that language's words for WASPI's and the ICO's headings; what the ICO and WASPI say is
quoted as they publish it, in English.
"""
from datetime import UTC, date, datetime

from flask import render_template
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from activities import (actionplan, checklist, dotvote, dpia, glossary, guidance, healthcheck,
                        journey, partnermap)
from activities.base import name_key

from . import i18n
from .contents import own_words, title_in, who_came
from .document import Document, heading, missing, note, source, text
from .offload import off_the_loop

MARKING = _l("DRAFT FOR DISCUSSION – NOT FOR SIGNATURE")
TOP_PRIORITIES = 10


def quote(q):
    """A quotation, in the language its source publishes it in."""
    return {"kind": "quote", "text": q.text, "source": q.source.cite(), "lang": "en-GB"}


def table(caption, columns, rows, header_column=True):
    return {"kind": "table", "caption": caption, "columns": columns, "rows": rows,
            "header_column": header_column}


class Workshop:
    """The workshop as the pack reads it: its activities by type, each with its title."""

    def __init__(self, engine, code):
        self.live = engine.workshop(code)
        self.parts = who_came(self.live)  # in the current language: Other as it says it

    def of(self, module):
        """[(title, state)] of every activity of this type, in agenda order, each titled
        in the current language."""
        return [(title_in(a, i18n.current()), a.state)
                for a in self.live.activities if a.module is module]

    @staticmethod
    def drawn(module, found):
        titles = "; ".join(f"“{title}”" for title, _state in found)
        return f"{module.title} {titles}"


def pack_documents(engine, code):
    """The draft in each of the workshop's languages, the first first."""
    documents = []
    for language in engine.workshop(code).languages:
        with force_locale(language):
            documents.append(pack_document(engine, code))
    return documents


def pack_document(engine, code):
    """The draft in the current language."""
    room = Workshop(engine, code)
    parts = room.parts
    document = Document(parts["title"], _("Information-sharing agreement: first draft"),
                        marking=str(MARKING), lang=i18n.tag(i18n.current()),
                        file_title=_("%(title)s: information-sharing agreement, first draft",
                                     title=parts["title"]))
    named = len([o for o, _n in parts["organisations"] if o != _("Other")])
    document.meta = [" ".join([
        _("Drafted on %(day)s from the workshop “%(title)s”.",
          day=format_date(datetime.now(UTC).date(), "long"), title=parts["title"]),
        ngettext("%(num)d person took part.", "%(num)d people took part.", parts["people"]),
        *([ngettext("They came from %(num)d organisation named here.",
                    "They came from %(num)d organisations named here.", named)]
          if named else [])]),
        _("Every section says what it was drawn from. What the workshop did not cover is "
          "marked TO BE WRITTEN: the partners write it; nothing was made up to fill a gap."),
    ]
    agreed = _agreed_answers(room)
    document.add(*_about())
    document.add(heading(_("Part 1. Information Sharing Protocol"), 1),
                 note(_("In the structure of the %(publisher)s's %(title)s (%(address)s; "
                        "%(version)s).", publisher=guidance.WASPI_ISP.publisher,
                        title=guidance.WASPI_ISP.title, address=guidance.WASPI_ISP.url,
                        version=guidance.WASPI_ISP.version)))
    partners = _partners(room)
    sections = {
        "introduction": _introduction(room, agreed),
        "partners": _partners_section(room, partners),
        "benefits": _benefits(room),
        "basis": _basis(room, agreed, partners),
        "information": _information(room, agreed),
        "identifying": [missing(_("how practitioners identify the service user and match "
                                  "records between partners. The workshop did not cover "
                                  "it."))],
        "informing": _from_checklist(room, agreed, "rights", _(
            "how service users are told about the sharing (the checklist's People's rights)")),
        "security": _from_checklist(room, agreed, "security", _(
            "how the information is sent, stored and kept secure, and who may see it")),
        "records": _from_checklist(room, agreed, "retention", _(
            "how long each partner keeps the information, and how it is destroyed")),
        "requests": _requests(room, agreed),
        "complaints": [missing(_("how a complaint about the sharing is made and handled, "
                                 "and which partner answers it. The workshop did not cover "
                                 "it."))],
        "review": _review(room, agreed),
        "glossary": _glossary(room),
        "flows": _flows(room),
    }
    for number, (key, title) in enumerate(guidance.WASPI_SECTIONS, 1):
        label = _(title) if key in APPENDICES else f"{number}. {_(title)}"
        document.add(heading(label, 2), *sections[key])
    document.add(*_ico_checklist(room, agreed, partners))
    document.add(heading(_("Part 3. What the workshop found and decided"), 1),
                 *_priorities(room), *_baseline(room), *_screening(room), *_actions(room),
                 *_signatures(partners))
    return document


APPENDICES = ("glossary", "flows")  # WASPI's sections that are appendices, not numbered


# ---------------------------------------------------------------------- front matter
def _about():
    return [heading(_("About this draft"), 2),
            text(_("An information-sharing agreement sets out why partners share information, "
                   "what they share, on what basis, and how they keep it safe. The ICO says:")),
            quote(guidance.AGREEMENT_GOOD_PRACTICE), quote(guidance.AGREEMENT_WHAT_FOR),
            text(_("Partners call it by different names; the ICO again:")),
            quote(guidance.AGREEMENT_NAMES),
            text(_("Part 1 follows the sections of a WASPI Information Sharing Protocol, "
                   "which WASPI describes so:")),
            quote(guidance.WASPI_WHAT_AN_ISP_DETAILS),
            text(_("Part 2 goes through the ICO's checklist for a data sharing agreement and "
                   "says where this draft answers each question. Part 3 holds what the "
                   "workshop found and decided: its priorities, the partnership's "
                   "health-check baseline, the DPIA screening, and the action plan with "
                   "owners and dates.")),
            note(_("This is a draft for the partners' information governance leads and data "
                   "protection officers to complete and check. It is not legal advice."))]


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


def _from_checklist(room, agreed, key, what):
    """A section from the checklist's agreed answers to question `key`; `what`: what the
    section says, as a missing part would name it."""
    label = _(checklist.QUESTIONS[key][0])
    given = agreed["answers"].get(key)
    if not agreed["found"]:
        return [missing(_("%(what)s. The workshop had no sharing checklist.", what=what))]
    blocks = [source(_("%(activity)s: %(question)s, as agreed in the room.",
                       activity=room.drawn(checklist, agreed["found"]), question=label))]
    if not given:
        return blocks + [missing(_("%(what)s. The room did not agree an answer to "
                                   "“%(question)s”.", what=what, question=label))]
    return blocks + [text(checklist.said(answer)) for answer in given]


def _introduction(room, agreed):
    blocks = [text(_("This Information Sharing Protocol (ISP) sets out how the partners "
                     "below share personal information for the purpose described here. It "
                     "was drafted from the workshop “%(title)s” and is to be agreed by each "
                     "partner.", title=room.parts["title"])),
              heading(_("Purpose"), 3)]
    return blocks + _from_checklist(room, agreed, "purpose", _("the purpose of the sharing"))


def _partners(room):
    """The parties: the workshop's partner organisations and the organisations people gave
    when they joined (those of fewer than three people are folded into Other, and so not
    named), by name matched ignoring case and spacing: {key: {name, people, place}}, with
    `place` where the partner map put them."""
    partners = {}
    for name in room.live.organisations:
        partners.setdefault(name_key(name), {"name": name, "people": None, "place": None})
    for name, count in room.parts["organisations"]:
        if name != _("Other"):
            partners.setdefault(name_key(name), {"name": name, "people": None,
                                                 "place": None})["people"] = count
    for named in _mapped(room):
        if named["key"] in partners:
            partners[named["key"]]["place"] = named["place"]
    return partners


def _mapped(room):
    """Every name on the partner maps: [{key, name, place}], most named first."""
    return [{"key": name_key(p["name"]), "name": p["name"],
             "place": p["place"]}
            for _title, state in room.of(partnermap)
            for p in partnermap.summary(state)["partners"]]


def _partners_section(room, partners):
    maps = room.of(partnermap)
    drawn = [_("the workshop's list of partner organisations"),
             _("the organisations people gave when they joined (fewer than three people "
               "counted as Other)")] + ([room.drawn(partnermap, maps)] if maps else [])
    blocks = [source("; ".join(drawn) + ".")]
    if partners:
        rows = [[p["name"], p["people"] if p["people"] is not None else "",
                 _(partnermap.PLACES[p["place"]]) if p["place"] else
                 (_("not named") if maps else "")]
                for p in sorted(partners.values(), key=lambda p: p["name"].casefold())]
        blocks.append(table(_("The parties to this ISP"),
                            [_("Partner"), _("People at the workshop"),
                             _("On the partner map")], rows))
    else:
        blocks.append(missing(_("the parties. The workshop named no partner organisation.")))
    others = [m for m in _mapped(room) if m["key"] not in partners]
    involved = [m["name"] for m in others if m["place"] != "missing"]
    absent = [m["name"] for m in others if m["place"] == "missing"]
    if involved:
        blocks += [text(_("Also named on the partner map as in the room or involved "
                          "elsewhere: decide whether each is a party:")),
                   {"kind": "list", "items": involved}]
    if absent:
        blocks += [text(_("Named on the partner map as missing: to invite, or to decide "
                          "without, before the ISP is agreed:")),
                   {"kind": "list", "items": absent}]
    return blocks + [missing(_("each party's contact point, and the departments and teams "
                               "that share information under this ISP."))]


def _benefits(room):
    notes = _journey_notes(room, lane_words=("enabler", "idea"), stage_words=("outcome",))
    blocks = [missing(_("the benefits of sharing, for service users and for the partners."))]
    if notes:
        blocks += [text(_("What the room said that may help to write it (journey notes on "
                          "enablers, ideas and outcomes; the room's words, not the ISP's):")),
                   {"kind": "list", "items": notes}]
    return blocks


def _basis(room, agreed, partners):
    blocks = []
    given = agreed["answers"].get("basis", [])
    if agreed["found"]:
        blocks.append(source(_("%(activity)s: Lawful basis, per partner, as agreed in the "
                               "room; the six lawful bases of %(law)s.",
                               activity=room.drawn(checklist, agreed["found"]),
                               law=guidance.UK_GDPR_ARTICLE_6.title)))
        settled = {name_key(a["partner"]) for a in given}
        rows = [[a["partner"], _(guidance.LAWFUL_BASES[a["basis"]]), a["text"] or ""]
                for a in given]
        rows += [[p["name"], _to_write(), ""] for key, p in sorted(partners.items())
                 if key not in settled]
        blocks.append(table(_("Each partner's lawful basis for sharing"),
                            [_("Partner"), _("Lawful basis (UK GDPR Article 6(1))"),
                             _("The law or power it rests on")], rows))
        if not given:
            blocks.append(missing(_("each partner's lawful basis. The room agreed none.")))
    else:
        blocks.append(missing(_("each partner's lawful basis. The workshop had no sharing "
                                "checklist.")))
    blocks += [heading(_("Special category and criminal offence data"), 3),
               *_from_checklist(room, agreed, "special", _(
                   "whether special category or criminal offence data is shared, and the "
                   "condition for it"))]
    said = _lane_rows(room, ("basis",))
    if said:
        blocks += [heading(_("What the room said about the basis at each stage"), 3),
                   source(_("%(activity)s: the lane on the basis for sharing.",
                            activity=_journeys(room))),
                   table(_("The basis, stage by stage (the room's words)"),
                         [_("Stage"), _("Notes")], said)]
    return blocks


def _information(room, agreed):
    blocks = _from_checklist(room, agreed, "data", _("the data items shared"))
    if _flow_rows(room):
        blocks.append(text(_("The data flows, stage by stage, with what the room said of "
                             "their basis: Appendix B.")))
    return blocks


def _requests(room, agreed):
    blocks = _from_checklist(room, agreed, "rights", _(
        "how people ask for their information, and how partners handle requests"))
    return blocks + [missing(_("which partner answers a request under the Data Protection "
                               "Act or the Freedom of Information Act for information shared "
                               "under this ISP, and how the partners consult each other "
                               "first."))]


def _review(room, agreed):
    given = agreed["answers"].get("review")
    if not given:
        return _from_checklist(room, agreed, "review",
                               _("when the partners will review this ISP"))
    day, why = _day(given[0]["date"]), given[0]["text"]
    return [source(_("%(activity)s: Review date, as agreed in the room.",
                     activity=room.drawn(checklist, agreed["found"]))),
            text(_("The partners will review this ISP by %(day)s (%(note)s).", day=day,
                   note=why) if why else
                 _("The partners will review this ISP by %(day)s.", day=day))]


def _glossary(room):
    found = room.of(glossary)
    if not found:
        return [missing(_("the definitions of the terms this ISP uses. The workshop had no "
                          "shared-language activity."))]
    blocks = [source(_("%(activity)s: terms the room marked agreed are defined; terms "
                       "marked contested are flagged.", activity=room.drawn(glossary, found)))]
    agreed, contested, unsettled = [], [], []
    for _title, state in found:
        groups = glossary.summary(state)
        agreed += groups["agreed"]
        contested += groups["contested"]
        unsettled += groups["open"]
    if agreed:
        blocks.append(table(_("Agreed terms"),
                            [_("Term"), _("Meaning (the definition most recognised)"),
                             _("Also said")],
                            [[" = ".join(g["terms"]), g["definitions"][0]["meaning"],
                              [d["meaning"] for d in g["definitions"][1:]]] for g in agreed]))
    else:
        blocks.append(missing(_("definitions: the room marked no term agreed.")))
    if contested:
        blocks += [text(_("CONTESTED: these terms mean different things to different "
                          "partners. Settle each before the ISP is agreed:")),
                   table(_("Contested terms"), [_("Term"), _("What partners mean by it")],
                         [[" = ".join(g["terms"]),
                           [f"{d['meaning']} ({d['organisation'] or _('facilitator')})"
                            for d in g["definitions"]]] for g in contested])]
    if unsettled:
        blocks += [note(_("Terms raised but not settled: %(terms)s.", terms="; ".join(
            " = ".join(g["terms"]) for g in unsettled)))]
    return blocks


def _flows(room):
    flows = _flow_rows(room)
    if not flows:
        return [missing(_("the data flows between partners. The workshop had no "
                          "information-sharing journey, or nothing in its lanes on what is "
                          "shared."))]
    return [source(_("%(activity)s: its lanes on what is shared, from whom to whom, and on "
                     "what basis (the room's words, stage by stage).",
                     activity=_journeys(room))),
            table(_("What is shared, from whom to whom, and on what basis"),
                  [_("Stage"), _("What information, from whom to whom"), _("On what basis")],
                  flows)]


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


def _own_words(module, state):
    """An activity's settings in the current language: its stages, its elements."""
    return own_words(module.type_id, state.config, i18n.current())


def _lane_rows(room, words):
    rows = []
    for _title, state in room.of(journey):
        found, own = journey.summary(state), _own_words(journey, state)
        lane = _lane(found["lanes"], words)
        for stage in found["stages"]:
            notes = [n["text"] for n in found["grid"] if n["lane"] == lane and n["stage"] == stage]
            if lane and notes:
                rows.append([own.get(stage, stage), notes])
    return rows


def _flow_rows(room):
    rows = []
    for _title, state in room.of(journey):
        found, own = journey.summary(state), _own_words(journey, state)
        what, basis = _lane(found["lanes"], ("information",)), _lane(found["lanes"], ("basis",))
        if what is None:
            continue
        for stage in found["stages"]:
            cell = [n["text"] for n in found["grid"] if n["lane"] == what and n["stage"] == stage]
            why = [n["text"] for n in found["grid"] if n["lane"] == basis and n["stage"] == stage]
            if cell or why:
                rows.append([own.get(stage, stage), cell or _to_write(), why or _to_write()])
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
        return _("Answered") if len(got) == len(keys) else _("Partly") if got else _to_write()

    not_covered = _("Not covered by the workshop")
    where = {
        "purpose": (_("Part 1, section %(number)s", number=1), said("purpose")),
        "parties": (_("Part 1, section %(number)s", number=2),
                    _("Answered") if partners else _to_write()),
        "joint": (not_covered, _to_write()),
        "items": (_("Part 1, section %(number)s", number=5), said("data")),
        "basis": (_("Part 1, section %(number)s", number=4), _bases_said(answers, partners)),
        "special": (_("Part 1, section %(number)s", number=4), said("special")),
        "rights": (_("Part 1, sections 7 and 10"), said("rights")),
        "governance": (_("Part 1, sections 8, 9 and 12"),
                       said("security", "retention", "review")),
        "further": (not_covered, _to_write()),
    }
    return [heading(_("Part 2. The ICO's checklist for a data sharing agreement"), 1),
            source(_("the questions: %(source)s. The answers: Part 1 of this draft.",
                     source=guidance.ICO_SHARING_CHECKLIST.cite())),
            table(_("Where this draft answers each of the ICO's questions"),
                  [_("The ICO's question"), _("Where"), _("Answered in the workshop")],
                  [[_(question), *where[key]] for key, question in guidance.ICO_CHECKLIST])]


def _bases_said(answers, partners):
    settled = {name_key(a["partner"]) for a in answers.get("basis", [])}
    if not settled:
        return _to_write()
    return _("Answered") if set(partners) <= settled else _("Partly")


def _to_write():
    """What a table's cell says of what the partners are still to write."""
    return _("TO BE WRITTEN")


# ---------------------------------------------------------------------- Part 3
def _priorities(room):
    found = room.of(dotvote)
    blocks = [heading(_("Priorities"), 2)]
    if not found:
        return blocks + [note(_("The workshop held no vote."))]
    blocks.append(source(room.drawn(dotvote, found) + "."))
    for title, state in found:
        results = [r for r in dotvote.summary(state)["results"] if r["dots"]][:TOP_PRIORITIES]
        own = _own_words(dotvote, state)  # options the facilitator gave, in this language
        if not results:
            blocks.append(note(_("“%(title)s”: no dots were placed.", title=title)))
            continue
        blocks.append(table(_("“%(title)s”: the options with most dots (equal dots share a "
                              "rank)", title=title),
                            [_("Rank"), _("Option"), _("Dots")],
                            [[r["rank"], own.get(r["text"], r["text"]), r["dots"]]
                             for r in results], False))
    return blocks


def _baseline(room):
    found = room.of(healthcheck)
    blocks = [heading(_("The partnership's health-check baseline"), 2)]
    if not found:
        return blocks + [note(_("The workshop held no health check."))]
    blocks.append(source(_("%(activity)s: a baseline to measure the partnership against "
                           "next time.", activity=room.drawn(healthcheck, found))))
    for _title, state in found:
        results = healthcheck.summary(state)
        own = _own_words(healthcheck, state)
        blocks.append(table(ngettext("%(num)d person rated each element from 1 (poor) to 5 "
                                     "(strong)",
                                     "%(num)d people rated each element from 1 (poor) to 5 "
                                     "(strong)", results["people"]),
                            [_("Element"), _("Average"), _("Lowest"), _("Highest"),
                             _("Ratings")],
                            [[own.get(e["name"], e["name"]), "" if e["mean"] is None else e["mean"],
                              min((int(s) for s, n in e["spread"].items() if n), default=""),
                              max((int(s) for s, n in e["spread"].items() if n), default=""),
                              e["count"]] for e in results["elements"]]))
    return blocks


def _screening(room):
    found = room.of(dpia)
    blocks = [heading(_("DPIA screening"), 2)]
    if not found:
        return blocks + [missing(_("whether the sharing needs a full data protection impact "
                                   "assessment. The workshop held no DPIA screening."))]
    blocks.append(source(_("%(activity)s; the questions: %(source)s",
                           activity=room.drawn(dpia, found), source=guidance.ICO_DPIA.cite())))
    for _title, state in found:
        results = dpia.results(state)
        outcome = results["outcome"]
        blocks += [text(" ".join((ngettext("%(num)d person answered.",
                                           "%(num)d people answered.", results["people"]),
                                  _(outcome["headline"]))))]
        quotes = [quote(q) for q in outcome["quotes"]]
        if outcome["because"]:  # the ICO's lead-in ("We always carry out a DPIA if …:") first
            quotes.insert(1, {"kind": "list", "items": outcome["because"], "lang": "en-GB"})
        blocks += quotes
        if outcome["ours"]:
            blocks.append(note(_("%(reading)s (%(whose)s.)", reading=_(outcome["ours"]),
                                 whose=_(guidance.OURS))))
        split = [q["text"] for q in results["questions"] if q["disagree"]]
        if split:
            blocks += [text(_("The partners disagree on:")),
                       {"kind": "list", "items": split, "lang": "en-GB"}]
        if outcome["key"] in ("required", "unsettled", "consider"):
            blocks += [text(_("If a full DPIA is carried out, the ICO's guidance says:")),
                       quote(guidance.DPIA_STEPS_LEAD),
                       {"kind": "list", "items": list(guidance.DPIA_STEPS), "lang": "en-GB"}]
    return blocks


def _actions(room):
    found = room.of(actionplan)
    blocks = [heading(_("Action plan"), 2)]
    if not found:
        return blocks + [missing(_("who does what next, by when. The workshop had no action "
                                   "plan."))]
    blocks.append(source(_("%(activity)s: the actions the room agreed, each with its owner "
                           "and due date.", activity=room.drawn(actionplan, found))))
    agreed, reviewed = [], []
    for _title, state in found:
        for action in actionplan.agreed_actions(state):
            (reviewed if action["origin"] == "review" else agreed).append(action)
    status = {key: _(words) for key, words in actionplan.STATUSES.items()}
    if agreed:
        blocks.append(table(_("Agreed actions, by due date"),
                            [_("Action"), _("Owner"), _("Due"), _("Status")],
                            [[a["text"], a["owner"], _day(a["due"]), status[a["status"]]]
                             for a in sorted(agreed, key=lambda a: a["due"])], False))
    else:
        blocks.append(missing(_("the actions: the room agreed none.")))
    if reviewed:
        blocks.append(table(_("Actions from the earlier workshop: then and now"),
                            [_("Action"), _("Owner"), _("Due"), _("Then"), _("Now")],
                            [[a["text"], a["owner"] or "", _day(a["due"]), status[a["was"]],
                              status[a["status"]] if a["reviewed"] else _("Not reviewed")]
                             for a in reviewed], False))
    return blocks


def _signatures(partners):
    return [heading(_("Agreement"), 1),
            missing(_("each partner's agreement to this ISP, by its designated person "
                      "(usually the data protection officer), with the date.")),
            {**table(_("Signed for each partner"),
                     [_("Partner"), _("Name and role"), _("Signature"), _("Date")],
                     [[p["name"], "", "", ""] for p in sorted(
                         partners.values(), key=lambda p: p["name"].casefold())]),
             "widths": [0.34, 0.28, 0.24, 0.14], "row_mm": 16}]


def _day(day):
    """'28 February 2027' for '2027-02-28', in the current language; '' for none."""
    return format_date(date.fromisoformat(day), "long") if day else ""


def pack_html(engine, code):
    """The draft as one HTML file: an edition per language, the first first, as the
    report has."""
    editions = []
    for language in engine.workshop(code).languages:
        with force_locale(language):
            document = pack_document(engine, code)
            editions.append({"lang": document.lang, "document": document, "html": render_template(
                "pack.html", fragment=True, document=document)})
    first = editions[0]
    return render_template("pack.html", editions=editions, lang=first["lang"],
                           document=first["document"])


def pack_docx(engine, code):
    from .word import docx_bytes  # on first use, as export.py says why

    return off_the_loop(docx_bytes, pack_documents(engine, code))


def pack_pdf(engine, code):
    from .pdf import pdf_bytes  # on first use, as export.py says why

    return off_the_loop(pdf_bytes, pack_documents(engine, code))
