"""What the report holds, read from a live workshop: the title, how many took part and
from which organisations (small groups folded into Other, as every breakdown is), and
each activity's section. The report in every format and the agreement pack start here."""
from datetime import UTC, datetime

from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _

from activities.base import OTHER, fold_groups

from . import i18n

from .document import Document, heading, note


def who_came(live):
    """The title, how many people took part, and [(organisation, people)], most first,
    organisations of fewer than three people folded into Other (in the current language)."""
    counts = {}
    for actor in live.people.values():
        counts[actor.organisation] = counts.get(actor.organisation, 0) + 1
    shown = fold_groups(counts)  # a group of one or two would single people out
    organisations = {}
    for organisation, count in counts.items():
        organisations[shown[organisation]] = organisations.get(shown[organisation], 0) + count
    return {"title": live.title, "people": len(live.people),
            "organisations": [(_("Other") if name == OTHER else name, count) for name, count
                              in sorted(organisations.items(), key=lambda kv: (-kv[1], kv[0]))]}


def own_words(type_id, config, language):
    """An activity's settings (its prompt, stages, lanes, elements, options) in `language`:
    {the words as given: in that language} (i18n.content_words)."""
    return i18n.content_words(type_id, config).get(i18n.tag(language), {})


def title_in(activity, language):
    """An activity's title in `language`: the facilitator's, in it where they gave one,
    else its type's name."""
    prompt = activity.config.get("prompt")
    own = own_words(activity.type_id, activity.config, language)
    if prompt:
        return own.get(prompt, prompt)
    with force_locale(language):
        return str(activity.module.title)


def report_parts(engine, code):
    """who_came(), the day and each activity's section, in the current language (the
    caller's force_locale): the activities' titles as the facilitator gave them in it,
    dates as it writes them."""
    language = i18n.current()
    live = engine.workshop(code)
    sections = [{"title": title_in(a, language), "type": str(a.module.title),
                 "blocks": in_own_words(a.module.report(a.state),
                                        own_words(a.type_id, a.config, language))}
                for a in live.activities]
    return {**who_came(live), "sections": sections,
            "made": format_date(datetime.now(UTC).date(), "long")}


def in_own_words(blocks, own):
    """A section's blocks with the activity's settings in the current language, `own`
    (own_words: the facilitator's words in it, or a template's): where a report
    names them, in a table's column headings and row headings (a journey's stages and
    lanes, a health check's elements) and a chart's bars (a vote's options)."""
    def said(words):
        return own.get(words, words) if isinstance(words, str) else words

    if not own:
        return blocks
    shown = []
    for block in blocks:
        if block["kind"] == "table":
            block = {**block, "columns": [said(c) for c in block["columns"]],
                     "rows": [[said(row[0]), *row[1:]] if row else row
                              for row in block["rows"]]}
        elif block["kind"] == "bars":
            block = {**block, "rows": [{**row, "label": said(row["label"])}
                                       for row in block["rows"]]}
        shown.append(block)
    return shown


def report_documents(engine, code):
    """The report as documents (document.py), one per workshop language, the first first,
    for the Word and PDF versions, as the HTML report has an edition per language."""
    documents = []
    for language in engine.workshop(code).languages:
        with force_locale(language):
            documents.append(_report_document(engine, code, language))
    return documents


def _report_document(engine, code, language):
    parts = report_parts(engine, code)
    document = Document(parts["title"], _("Workshop report"), lang=i18n.tag(language),
                        file_title=_("%(title)s: workshop report", title=parts["title"]))
    document.meta = [" ".join((
        ngettext("Made on %(made)s. %(count)s person took part.",
                 "Made on %(made)s. %(count)s people took part.", parts["people"],
                 made=parts["made"], count=parts["people"]),
        _("Contributions are anonymous; content the facilitator hid is left out.")))]
    if parts["organisations"]:
        document.add({"kind": "table", "caption": _(
                          "Partner organisations present (organisations of fewer than "
                          "three people are counted as Other)"),
                      "columns": [_("Organisation"), _("People")],
                      "rows": [list(pair) for pair in parts["organisations"]]})
    for number, section in enumerate(parts["sections"], 1):
        document.add(heading(f"{number}. {section['title']}"), note(section["type"]),
                     *section["blocks"])
    return document
