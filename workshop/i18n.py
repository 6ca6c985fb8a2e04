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
from functools import cache
from gettext import c2py
from urllib.parse import urlsplit

from babel import Locale
from babel.messages.pofile import read_po
from flask import (Blueprint, abort, current_app, has_request_context, redirect, request,
                   url_for)
from flask_babel import Babel, force_locale, get_locale

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

    @app.context_processor
    def language_of_page():
        here = current()
        return {"lang": tag(here), "language": here,
                "catalogue_url": catalogue_url(here),
                "language_choices": [(language, native_name(language))
                                     for language in languages()]}


@cache
def _browser_catalogue(language):
    """(JSON text, its digest) of the browser's messages in `language`: {"plural": the
    CLDR plural categories in the order of the catalogue's plural forms, "messages":
    {msgid: translation, or a list of plural forms}}. Untranslated messages are left out:
    the browser shows the msgid, as gettext does."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as file:
        po = read_po(file, locale=language)
    messages = {}
    for message in po:
        if not message.id or not any(path.startswith(BROWSER_CODE)
                                     for path, _line in message.locations):
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
        abort(400, description="Choose one of the languages offered.")
    back = urlsplit(request.form.get("next") or "/")
    path = back.path if back.path.startswith("/") and not back.path.startswith("//") else "/"
    response = redirect(path + (f"?{back.query}" if back.query else ""), code=303)
    response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=current_app.config["COOKIE_SECURE"] or request.is_secure,
                        httponly=True, path="/")
    return response
