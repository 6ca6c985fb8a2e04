"""What the report holds, read from a live workshop: the title, how many took part and
from which organisations (small groups folded into Other, as every breakdown is), and
each activity's section. The report in every format and the agreement pack start here."""
from datetime import UTC, datetime

from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from activities.base import OTHER, fold_groups, plural

from . import i18n

from .document import Document, heading, note

REPORT_NOTE = "Contributions are anonymous; content the facilitator hid is left out."


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


def report_parts(engine, code):
    """who_came(), the day and each activity's section, in the current language (the
    caller's force_locale): the activities' titles as the facilitator gave them in it,
    dates as it writes them."""
    tag = i18n.tag(str(get_locale()))
    live = engine.workshop(code)
    sections = [{"title": i18n.content_words(a.type_id, a.config).get(tag, {}).get(
                     a.config.get("prompt"), a.config.get("prompt")) or str(a.module.title),
                 "type": str(a.module.title), "blocks": a.module.report(a.state)}
                for a in live.activities]
    return {**who_came(live), "sections": sections,
            "made": format_date(datetime.now(UTC).date(), "long")}


def report_document(engine, code):
    """The report as a document (document.py), for the Word and PDF versions."""
    parts = report_parts(engine, code)
    document = Document(parts["title"], "Workshop report",
                        file_title=f"{parts['title']}: workshop report")
    document.meta = [f"Made on {parts['made']}. {plural(parts['people'], 'person', 'people')} "
                     f"took part. {REPORT_NOTE}"]
    if parts["organisations"]:
        document.add({"kind": "table", "caption": "Partner organisations present (organisations "
                                                  "of fewer than three people are counted as "
                                                  "Other)",
                      "columns": ["Organisation", "People"],
                      "rows": [list(pair) for pair in parts["organisations"]]})
    for number, section in enumerate(parts["sections"], 1):
        document.add(heading(f"{number}. {section['title']}"), note(section["type"]),
                     *section["blocks"])
    return document
