"""Static files on a slow link: versioned URLs kept for a year, imports that name
versioned URLs too, compression, and a check (not a download) for an unversioned URL."""
import gzip
import re

import brotli

from workshop.config import PROJECT_ROOT

IMPORTED = re.compile(r"""from\s*"([^"]+)\"""")


def assets(app):
    return app.extensions["roundtable_assets"]


def test_a_versioned_file_is_kept_for_a_year_without_asking_again(app):
    url = assets(app).url("js/core/live.js")
    assert re.fullmatch(r"/static/js/core/live\.js\?v=[0-9a-f]{12}", url)
    response = app.test_client().get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=31536000, immutable"
    assert "ETag" not in response.headers  # nothing to check it against, ever
    assert response.headers["Content-Type"] == "text/javascript"  # a module is UTF-8


def test_an_unversioned_or_stale_url_is_checked_each_time(app):
    client = app.test_client()
    for url in ("/static/js/core/live.js", "/static/js/core/live.js?v=000000000000"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache"
        again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304
        assert again.data == b""


def test_stylesheets_are_served_minified_and_in_ascii(app):
    """No comments or needless spaces; any other character written as a CSS escape, so
    that a stylesheet means the same in whatever encoding it is read."""
    css = PROJECT_ROOT / "static" / "css"
    names = sorted(path.name for path in css.glob("*.css"))
    assert "app.css" in names
    for name in names:
        source = (css / name).read_text()
        response = app.test_client().get(assets(app).url(f"css/{name}"))
        assert response.headers["Content-Type"] == "text/css"
        served = response.get_data(as_text=True)
        assert "/*" not in served, name
        assert "\n" not in served.strip() and ";}" not in served, name
        assert len(served) < 0.9 * len(source), name
        assert served.isascii(), name


def test_every_import_names_the_versioned_url_of_the_file_it_imports(app):
    files = assets(app)
    served = app.test_client().get(files.url("js/screens/participant.js")).get_data(as_text=True)
    imported = IMPORTED.findall(served)
    assert imported, "the participant screen imports modules"
    for url in imported:
        path, version = re.fullmatch(r"\.\./core/(\w+\.js)\?v=([0-9a-f]{12})", url).groups()
        assert files.url(f"js/core/{path}") == f"/static/js/core/{path}?v={version}"
    live = app.test_client().get(files.url("js/core/live.js")).get_data(as_text=True)
    assert files.url("vendor/socket.io.esm.min.js") in live


def test_a_changed_module_changes_the_url_of_every_module_that_imports_it(app, tmp_path):
    from workshop.assets import Assets

    (tmp_path / "a.js").write_text('import { b } from "./b.js";\nexport const a = b;\n')
    (tmp_path / "b.js").write_text("export const b = 1;\n")
    (tmp_path / "c.js").write_text("export const c = 1;\n")
    files = Assets(tmp_path)
    before = {name: files.url(name) for name in ("a.js", "b.js", "c.js")}
    (tmp_path / "b.js").write_text("export const b = 2; // changed\n")
    files.refresh()
    after = {name: files.url(name) for name in ("a.js", "b.js", "c.js")}
    assert after["b.js"] != before["b.js"]
    assert after["a.js"] != before["a.js"], "a.js imports b.js, so its content changed too"
    assert after["c.js"] == before["c.js"]
    assert files.preloads("a.js") == [after["a.js"], after["b.js"]]


def test_files_are_compressed_as_the_browser_allows(app):
    url = assets(app).url("vendor/socket.io.esm.min.js")
    client = app.test_client()
    plain = client.get(url, headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers
    as_br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert as_br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(as_br.data) == plain.data
    as_gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.data) == plain.data
    assert len(as_br.data) < len(plain.data) / 3
    for response in (plain, as_br, as_gzip):
        assert "Accept-Encoding" in response.headers["Vary"]
    # An unversioned URL is checked with its ETag: one per encoding.
    tags = {client.get(url.split("?")[0], headers={"Accept-Encoding": accept}).headers["ETag"]
            for accept in ("", "gzip", "br")}
    assert len(tags) == 3


def test_pages_are_compressed_too(room):
    response = room.app.test_client().get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"<!doctype html>" in gzip.decompress(response.data)


def test_a_missing_file_is_not_found(app):
    assert app.test_client().get("/static/js/nowhere.js").status_code == 404


def test_our_modules_are_served_without_their_comments_and_keep_their_line_numbers(app):
    """(Stylesheets are minified: test_stylesheets_are_served_minified_and_in_ascii.)"""
    static = PROJECT_ROOT / "static"
    client = app.test_client()
    for path in ("js/core/live.js", "js/screens/participant.js"):
        source = (static / path).read_text().split("\n")
        served = client.get(assets(app).url(path)).get_data(as_text=True).split("\n")
        assert len(served) == len(source), "an error in the browser names the source's line"
        assert not [line for line in served if line.strip().startswith(("//", "/*"))]
        emptied = [o for s, o in zip(served, source, strict=True) if o.strip() and not s.strip()]
        assert len(emptied) > 10, "the comments are gone"
        for line, was in zip(served, source, strict=True):  # the rest is as written
            assert line == was or not line.strip() or "import" in was, (line, was)
    vendor = "vendor/socket.io.esm.min.js"
    assert client.get(assets(app).url(vendor)).data == (static / vendor).read_bytes()


def test_a_module_with_a_template_over_several_lines_is_served_whole(tmp_path):
    from workshop.assets import Assets

    module = "// A template over lines: its lines are not code.\nexport const t = `a\n// b\n`;\n"
    (tmp_path / "t.js").write_text(module)
    (tmp_path / "u.js").write_text("/** Said once. */\nexport const u = 1; // kept\n")
    files = Assets(tmp_path)
    assert files.get("t.js").body.decode() == module
    assert files.get("u.js").body.decode() == "\nexport const u = 1; // kept\n"
