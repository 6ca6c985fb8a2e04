"""Languages: which one each person sees, and the browser's part of the message catalogue.

Every word the product says is marked for translation (how: translations/README.md) and
kept in one catalogue per language, translations/<language>/LC_MESSAGES/messages.po.
Flask-Babel serves it to Python and Jinja; the browser's share of it (the messages found
in static/js) is served as JSON by `catalogue()`, at an address that changes with its
content, so that a phone keeps it for a year and fetches it again only when it changes.

A person's language is theirs, not the workshop's: the `rt_lang` cookie, which the join
page and the phone's switch set; until they choose, the best match of what their browser
asks for (Accept-Language); failing that, English. A Socket.IO connection is answered in
the language of the page that opened it: its handshake carries the same cookie and header.
"""
import hashlib
import json
from functools import cache, lru_cache
from gettext import c2py
from urllib.parse import urlsplit

from babel import Locale
from babel.messages.pofile import read_po
from flask import (Blueprint, abort, current_app, has_request_context, redirect, request,
                   url_for)
from flask_babel import Babel, force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from activities.base import Rejected

from .config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
SOURCE = "en_GB"  # the language the messages are written in: it needs no catalogue
COOKIE = "rt_lang"
BROWSER_CODE = "static/js/"  # messages found under here are the browser's

bp = Blueprint("i18n", __name__)


@cache
def languages():
    """Every language offered: English, then each catalogue in translations/. Adding a
    language is adding its catalogue (translations/README.md)."""
    found = sorted(p.name for p in TRANSLATIONS.iterdir()
                   if (p / "LC_MESSAGES" / "messages.po").is_file())
    return (SOURCE, *found)


def tag(language):
    """The language as HTML's lang attribute and the browser's Intl name it: en-GB, cy."""
    return language.replace("_", "-")


def native_name(language):
    """What a language calls itself, as a language switch offers it: Cymraeg, English."""
    name = Locale.parse(language).language_name
    return name[:1].upper() + name[1:]


def check_languages(chosen):
    """A workshop's languages as given (a list of names from languages(), each once, the
    one shown first first), or Rejected in words."""
    if (not isinstance(chosen, list) or not chosen or len(set(map(str, chosen))) != len(chosen)
            or any(language not in languages() for language in chosen)):
        raise Rejected(_l("Choose the workshop’s languages from those offered."))
    return chosen


def workshop_choices():
    """The languages a workshop may have, as the forms offer them: [(value, words)]: each
    language alone, then each with English after it (for Welsh: bilingual, Welsh first)."""
    alone = [(language, native_name(language)) for language in languages()]
    both = [(f"{language} {SOURCE}", _("%(first)s and %(second)s (%(first)s first)",
                                          first=native_name(language),
                                          second=native_name(SOURCE)))
            for language in languages() if language != SOURCE]
    return alone + both


def chosen(offered=None):
    """The language of this request: the person's choice (cookie), else the best match of
    their browser's Accept-Language among `offered` (every language by default)."""
    offered = offered or languages()
    picked = request.cookies.get(COOKIE)
    if picked in offered:
        return picked
    tags = {tag(language): language for language in offered}
    best = request.accept_languages.best_match(tags)
    return tags[best] if best else offered[0]


def current():
    """The language messages are being translated into now."""
    locale = get_locale()
    return str(locale) if locale is not None else SOURCE


def gettext_noop(words):
    """Marks words for the catalogue that are kept as written and translated where they
    are shown, with gettext(words): for places a lazy string cannot go (a JSON Schema's
    descriptions, which fastjsonschema compiles into code)."""
    return words


def in_source(message):
    """A message as it is written (English), for what every screen of a role shares, such
    as the views the broadcaster sends: each browser translates it with t()."""
    with force_locale(SOURCE):
        return str(message)


def _select_locale():
    return chosen() if has_request_context() else SOURCE


def init_app(app):
    Babel(app, default_locale=SOURCE, locale_selector=_select_locale,
          default_translation_directories=str(TRANSLATIONS))
    # {% trans %} blocks are extracted and looked up with their whitespace folded.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.register_blueprint(bp)

    app.jinja_env.globals["in_language"] = in_language

    @app.context_processor
    def language_of_page():
        here = current()
        return {**screen_languages([here]), "language": here,
                "language_choices": [(language, native_name(language))
                                     for language in languages()],
                "workshop_languages": workshop_choices()}


@cache
def _browser_catalogue(language):
    """(JSON text, its digest) of the browser's messages in `language`: {"plural": the
    CLDR plural categories in the order of the catalogue's plural forms, "messages":
    {msgid: translation, or a list of plural forms}}. Untranslated messages are left out:
    the browser shows the msgid, as gettext does."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as file:
        po = read_po(file, locale=language)
    messages = {}
    looked_up = _looked_up_in_browser()
    for message in po:
        if not message.id or not (message.id in looked_up or any(
                path.startswith(BROWSER_CODE) for path, _line in message.locations)):
            continue
        if message.pluralizable:
            if all(message.string):
                messages[message.id[0]] = list(message.string)
        elif message.string:
            messages[message.id] = message.string
    categories = plural_categories(language, po.num_plurals, po.plural_expr)
    text = json.dumps({"language": tag(language), "plural": categories,
                       "messages": messages}, ensure_ascii=False, sort_keys=True)
    return text, hashlib.sha256(text.encode()).hexdigest()[:16]


def _looked_up_in_browser():
    """Server messages that views carry in English for the browser to translate: the
    activity types' titles (see in_source) and every N_() word."""
    import activities
    from activities.base import VIEW_WORDS

    return {in_source(module.title) for module in activities.TYPES.values()} | VIEW_WORDS


@cache
def _catalogue(language):
    """gettext's translations for `language`, without a request: for words that every
    screen of a role is sent alike."""
    from babel.support import Translations

    return Translations.load(str(TRANSLATIONS), [language])


def _pieces(text):
    """The texts a setting's value shows as, one by one: each line, and for a line
    'Name: what it means' (the health check's elements) its name and its meaning."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            yield line
            if ": " in line:
                yield from (part.strip() for part in line.split(": ", 1))


@lru_cache(maxsize=4096)
def _content_words(type_id, config_json):
    import activities

    module, config = activities.get(type_id), json.loads(config_json)
    words = {}
    for language in languages()[1:]:
        found = {}
        for f in module.config_fields:
            given = config.get(f.name)
            if not f.translatable or not isinstance(given, str):
                continue
            own = str(config.get(f"{f.name}_{language}") or "")
            theirs = [line.strip() for line in own.splitlines() if line.strip()]
            mine = [line.strip() for line in given.splitlines() if line.strip()]
            for english, translated in zip(mine, theirs):  # the facilitator's own words
                found[english] = translated
                if ": " in english and ": " in translated:
                    for a, b in zip(english.split(": ", 1), translated.split(": ", 1)):
                        found[a.strip()] = b.strip()
            for piece in _pieces(given):  # the product's own words, from the catalogue
                translated = _catalogue(language).gettext(piece)
                if piece not in found and translated != piece:
                    found[piece] = translated
        if found:
            words[tag(language)] = found
    return words


def content_words(type_id, config):
    """{language tag: {the words as given: the same words in that language}} for the
    settings an activity's screens show (its question, options, stages, lanes, elements):
    the facilitator's own translation where they gave one, else the catalogue's where
    the words are the product's own (a ready-made template's). Sent with the activity to
    every screen; each shows the words in its language (i18n.js localised())."""
    return _content_words(type_id, json.dumps(config, sort_keys=True, ensure_ascii=False))


def plural_categories(language, number, expression):
    """The CLDR plural category (zero, one, two, few, many, other) of each of the
    catalogue's `number` plural forms, which gettext's C-like `expression` chooses among,
    so that the browser can pick a form with Intl.PluralRules. Found by running both rules
    on the same numbers; the catalogue test checks that they agree on every one."""
    rule, pick = Locale.parse(language).plural_form, c2py(expression)
    categories = [None] * number
    for n in range(1000):
        categories[pick(n)] = categories[pick(n)] or rule(n)
    return categories


def screen_languages(shown):
    """What a page in the languages `shown` (the first shown first) tells the browser:
    its lang, the languages it shows (`data-languages`, when more than one), and the
    catalogues to fetch, [(tag, address)]."""
    return {"lang": tag(shown[0]), "screen_languages": list(shown),
            "data_languages": " ".join(map(tag, shown)) if len(shown) > 1 else None,
            "catalogues": [(tag(language), catalogue_url(language)) for language in shown
                           if catalogue_url(language)]}


def in_language(language, render):
    """What `render()` makes (a Jinja macro's caller) with messages in `language`: for a
    page that says each thing in several languages (the bilingual presenter)."""
    with force_locale(language):
        return render()


def catalogue_url(language):
    """The address of the browser's catalogue for `language`, or None for the source
    language (the browser's messages are already written in it)."""
    if language == SOURCE or language not in languages():
        return None
    _text, digest = _browser_catalogue(language)
    return url_for("i18n.catalogue", language=tag(language), v=digest)


@bp.get("/i18n/<language>.json")
def catalogue(language):
    language = language.replace("-", "_")
    if language == SOURCE or language not in languages():
        abort(404)
    text, digest = _browser_catalogue(language)
    response = current_app.response_class(text, mimetype="application/json")
    if request.args.get("v") == digest:  # this address never changes what it holds
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    response.set_etag(digest)
    return response.make_conditional(request)


@bp.post("/language")
def choose():
    """A person's choice of language, kept in a cookie: then back to the page they were
    on (a path on this site only), which shows itself in the new language."""
    language = request.form.get("language")
    if language not in languages():
        abort(400, description=_("Choose one of the languages offered."))
    back = urlsplit(request.form.get("next") or "/")
    path = back.path if back.path.startswith("/") and not back.path.startswith("//") else "/"
    response = redirect(path + (f"?{back.query}" if back.query else ""), code=303)
    response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=current_app.config["COOKIE_SECURE"] or request.is_secure,
                        httponly=True, path="/")
    return response
