"""Security headers on every kind of response: pages, errors, redirects, API, images."""
import pytest


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def responses(room):
    http = room.app.test_client()
    console = room.app.test_client()
    return {
        "home page": http.get("/"),
        "join page": http.get(f"/j/{room.code}"),
        "join redirect": http.get(f"/j/{room.code.lower()}"),
        "joining": room.app.test_client().post(f"/j/{room.code}", data={}),
        "facilitator link": console.get(f"/f/{room.code}/{room.key}"),
        "console": console.get(f"/f/{room.code}"),
        "console refused": http.get(f"/f/{room.code}"),
        "presenter": http.get(f"/s/{room.code}"),
        "not found page": http.get("/j/ZZZZZZ"),
        "qr code": http.get(f"/qr/{room.code}.svg"),
        "static file": http.get("/static/vendor/socket.io.esm.min.js"),
        "api create": http.post("/api/workshops", json={"title": "Another"}),
        "api refusal": http.post("/api/workshops", json={}),
        "api unauthorised": http.get(f"/api/workshops/{room.code}"),
        "api not found": http.get("/api/nowhere"),
        "api wrong method": http.put("/api/workshops"),
        "api read": room.api("get", f"/api/workshops/{room.code}"),
    }


@pytest.fixture
def every_response(room):
    return responses(room)


def documents(every_response):
    """Every response but the static file, a script: what a browser may show as a page."""
    return {name: r for name, r in every_response.items() if name != "static file"}


def test_every_response_carries_the_security_headers(every_response):
    for name, response in documents(every_response).items():
        headers = response.headers
        assert headers.get("Referrer-Policy") == "no-referrer", name
        assert headers.get("X-Content-Type-Options") == "nosniff", name
        assert "Content-Security-Policy" in headers, name
        assert policy(response).get("frame-ancestors") == ["'none'"], name


def test_a_script_or_stylesheet_is_never_sniffed_as_anything_else(room):
    """Static files are not documents: the document headers would do nothing there but
    weigh on a slow link. What does apply to them, nosniff, they carry."""
    assets = room.app.extensions["roundtable_assets"]
    for path in ("js/core/live.js", "css/app.css", "vendor/socket.io.esm.min.js"):
        for url in (assets.url(path), f"/static/{path}"):
            response = room.app.test_client().get(url)
            assert response.status_code == 200, url
            assert response.headers["X-Content-Type-Options"] == "nosniff", url
            assert "Content-Security-Policy" not in response.headers, url


def test_scripts_may_come_only_from_the_site_itself(every_response):
    for name, response in documents(every_response).items():
        csp = policy(response)
        script_src = csp.get("script-src", csp.get("default-src"))
        assert script_src == ["'self'"], (name, script_src)
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], name
        assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"], name


def test_the_policy_shuts_the_usual_doors(room):
    csp = policy(room.app.test_client().get("/"))
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "*" not in " ".join(source for sources in csp.values() for source in sources)


def test_the_responses_checked_are_the_ones_intended(every_response):
    """Guards the list above: each entry really is the kind of response it is named for."""
    status = {name: response.status_code for name, response in every_response.items()}
    assert status == {
        "home page": 200, "join page": 200, "join redirect": 302, "joining": 303,
        "facilitator link": 303, "console": 200, "console refused": 403, "presenter": 200,
        "not found page": 404, "qr code": 200, "static file": 200, "api create": 201,
        "api refusal": 400, "api unauthorised": 401, "api not found": 404,
        "api wrong method": 405, "api read": 200,
    }
