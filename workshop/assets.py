"""The static files, served fast on a slow link.

Each file gets a versioned URL, `/static/<path>?v=<hash of its content>`, which is sent
with a year's max-age and `immutable`: a phone that has it never asks again, not even on
a reload. An unversioned (or out-of-date) URL is answered with `no-cache` and an ETag, so
it is always checked. The browser modules import one another: every import of a file in
static/ is rewritten to that file's versioned URL, and a file's hash covers what it
serves, so a change to one module gives a new URL to it and to every module that imports
it. Files are compressed (Brotli, else gzip) once, on first request, and kept.

Our own modules and stylesheets are served without their comments, which are written
for whoever reads the code and were about a fifth of what a phone downloads. In a module
a line that is only a comment is sent empty, so that every line keeps its number and an
error in the browser names the line of the source; not a minifier: one would renumber
the lines, and what it needs to parse (the whole of modern JavaScript) is more than the
risk it would remove. A module in which a string or template runs over lines is sent
whole, as the lines inside it cannot be told from code line by line. Stylesheets are
minified by rcssmin (comments and needless spaces out: CSS is simple enough for a
well-tried minifier, and tests/e2e/test_stylesheets.py checks in Chromium that every
screen looks as the source makes it look). Files under vendor/ are sent as they are.

A versioned file's response carries only what a browser or a cache needs to use it: its
type without a charset (module scripts are always read as UTF-8, and a stylesheet takes
the encoding of the page that links it; the stylesheets write any other character as a
CSS escape), its encoding, Vary, nosniff, and a year's `max-age` with `immutable` (no
`public`: a request without credentials may be kept by any cache already).

Written by hand because the pieces on offer do only part of it: Flask's own static route
sends `no-cache`; flask-compress (used for the pages) would compress each file again per
request or, with its cache, cache every response, pages included; digest tools fingerprint
the files named in a template but not the imports inside ES modules. The imports are
found with a regular expression over the project's own modules, which write them
`import ... from "<path>"` (or `import("<path>")` with a literal path); a specifier
that is not a relative or /static/ path (there are none) is left alone.
"""
import gzip
import hashlib
import mimetypes
import posixpath
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import brotli
import rcssmin

IMMUTABLE = "max-age=31536000, immutable"
REVALIDATE = "no-cache"
URL_PREFIX = "/static/"
_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"'\n]+\.js)\2""")
_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


VENDOR = "vendor/"


def without_comment_lines(text):
    """The module with every line that holds only a comment left empty; the whole module
    as it is when a string or template runs over lines, or a comment ends mid-line."""
    lines = text.split("\n")
    if any(line.count("`") % 2 or line.rstrip().endswith("\\") for line in lines):
        return text
    kept, in_comment = [], False
    for line in lines:
        words = line.strip()
        opens = not in_comment and words.startswith("/*")
        if in_comment or opens:
            closes = "*/" in (words[2:] if opens else words)
            if closes and (not words.endswith("*/") or words.count("*/") > 1):
                return text
            in_comment = not closes
            kept.append("")
        else:
            kept.append("" if words.startswith("//") else line)
    return "\n".join(kept)


@dataclass
class Asset:
    path: str  # relative to static/, with forward slashes
    body: bytes
    version: str
    mimetype: str
    imports: tuple = ()  # paths (relative to static/) this module imports statically
    _encoded: dict = field(default_factory=dict)

    @property
    def url(self):
        return f"{URL_PREFIX}{self.path}?v={self.version}"

    def encoded(self, encoding):
        """The body in `encoding` ("br", "gzip" or None), compressed once and kept."""
        if encoding is None:
            return self.body
        if encoding not in self._encoded:
            if encoding == "br":
                self._encoded[encoding] = brotli.compress(self.body, quality=11)
            else:
                self._encoded[encoding] = gzip.compress(self.body, 9, mtime=0)
        return self._encoded[encoding]


class Assets:
    """Every file under `root`, with versioned URLs and rewritten imports. Built on
    creation and again when a page is drawn after a file changed (a developer editing
    while `make run` runs), so pages and files always agree."""

    def __init__(self, root):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._stamp = None
        self._files = {}
        self.refresh()

    def refresh(self):
        stamp = self._scan()
        if stamp == self._stamp:
            return
        with self._lock:
            raw = {path: (self.root / path).read_bytes() for path, *_ in stamp}
            built = {}
            for path in sorted(raw):
                self._build(path, raw, built, ())
            self._files, self._stamp = built, stamp

    def _scan(self):
        return tuple(sorted(
            (p.relative_to(self.root).as_posix(), st.st_mtime_ns, st.st_size)
            for p in self.root.rglob("*") if p.is_file() and (st := p.stat())))

    def _build(self, path, raw, built, chain):
        if path in built:
            return built[path]
        if path in chain:
            raise ValueError(f"static modules import each other in a cycle: {chain + (path,)}")
        body = raw[path]
        imports = []
        if path.endswith(".css") and not path.startswith(VENDOR):
            body = rcssmin.cssmin(body.decode("utf-8")).encode("utf-8")
        if path.endswith(".js"):
            text = body.decode("utf-8")
            if not path.startswith(VENDOR):
                text = without_comment_lines(text)

            def versioned(match):
                target = self._resolve(path, match.group(3))
                if target not in raw:
                    return match.group(0)
                imports.append((target, match.group(1)))
                dep = self._build(target, raw, built, chain + (path,))
                how, quote, specifier = match.groups()
                return f"{how}{quote}{specifier}?v={dep.version}{quote}"

            body = _IMPORT.sub(versioned, text).encode("utf-8")
        suffix = posixpath.splitext(path)[1]
        asset = Asset(path, body, hashlib.sha256(body).hexdigest()[:12],
                      _TYPES.get(suffix) or mimetypes.guess_type(path)[0]
                      or "application/octet-stream",
                      tuple(t for t, how in imports if "(" not in how))
        built[path] = asset
        return asset

    @staticmethod
    def _resolve(importer, specifier):
        if specifier.startswith(URL_PREFIX):
            return specifier[len(URL_PREFIX):]
        if specifier.startswith(("./", "../")):
            return posixpath.normpath(posixpath.join(posixpath.dirname(importer), specifier))
        return None

    def get(self, path):
        return self._files.get(path)

    def url(self, path):
        """The versioned URL of a file under static/; an error if there is none."""
        asset = self._files.get(path)
        if asset is None:
            raise KeyError(f"no static file {path}")
        return asset.url

    def preloads(self, *paths):
        """Versioned URLs of these modules and of every module they import, however
        deeply: for <link rel="modulepreload">, so that a page fetches all its modules
        in one round trip instead of one round trip per level of imports."""
        seen, order = set(), []

        def visit(path):
            if path in seen or path not in self._files:
                return
            seen.add(path)
            order.append(self._files[path].url)
            for target in self._files[path].imports:
                visit(target)

        for path in paths:
            visit(path)
        return order


def install(app, root):
    """Serve `root` at /static/, and give templates `asset(path)` (a versioned URL) and
    `preloads(*paths)`."""
    from flask import Response, abort, request

    assets = Assets(root)
    app.extensions["roundtable_assets"] = assets

    def serve(filename):
        asset = assets.get(filename)
        if asset is None:
            abort(404)
        encoding = request.accept_encodings.best_match(["br", "gzip"])
        response = Response(asset.encoded(encoding), content_type=asset.mimetype)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.headers["Vary"] = "Accept-Encoding"
        if request.args.get("v") == asset.version:  # never asked about again: no ETag
            response.headers["Cache-Control"] = IMMUTABLE
            return response
        response.headers["Cache-Control"] = REVALIDATE
        response.set_etag(f"{asset.version}-{encoding or 'identity'}")
        return response.make_conditional(request)

    app.add_url_rule(f"{URL_PREFIX}<path:filename>", endpoint="static", view_func=serve)

    @app.context_processor
    def asset_urls():  # each page drawn finds files changed since the last one
        assets.refresh()
        return {"asset": assets.url, "preloads": assets.preloads}

    return assets
