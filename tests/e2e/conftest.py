"""Browser tests: a real Roundtable server process and Chromium, one context per person.

Every fixture here waits for a condition with a deadline; nothing sleeps for a fixed time.
"""
import pytest
from playwright.sync_api import expect, sync_playwright
from serverproc import ASYNC_MODES, DEFAULT_MODE, ServerProcess

from e2e_steps import CHROMIUM, CHROMIUM_ARGS, LAPTOP, PHONE, PROJECTOR, WAIT_MS

expect.set_options(timeout=WAIT_MS)


def start_server(mode, directory):
    return ServerProcess(mode, directory / "roundtable.db",
                         log_path=directory / "server.log").start()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The server the browser tests share, under the default runtime."""
    server = start_server(DEFAULT_MODE, tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


@pytest.fixture(params=ASYNC_MODES)
def own_server(request, tmp_path):
    """A server this test alone uses, so it may kill and restart it; under each runtime,
    as what follows a crash differs between them."""
    server = start_server(request.param, tmp_path)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def server_logs_no_errors(request):
    """After each test, every server it used is still running and has logged no traceback
    through Roundtable's own code."""
    names = [n for n in ("server", "own_server")
             if n in request.fixturenames]
    servers = [request.getfixturevalue(name) for name in names]
    marks = [(server, server.log_size()) for server in servers]
    yield
    problems = []
    for server, mark in marks:
        if not server.alive:
            problems.append(f"the {server.mode} server stopped:\n{server.log()}")
        for traceback in server.project_tracebacks(since=mark):
            problems.append(f"the {server.mode} server logged an error:\n{traceback[-3000:]}")
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class People:
    """Opens one browser context per person and closes them all after the test."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []

    def _page(self, size, **options):
        context = self.browser.new_context(**size, **options)
        context.set_default_timeout(WAIT_MS)
        self.contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    def facilitator(self, **options):
        return self._page(LAPTOP, **options)

    def presenter(self, **options):
        return self._page(PROJECTOR, **options)

    def phone(self, size=PHONE, **options):
        """A phone, at 360x740 unless another size is given (a zoomed one, say)."""
        return self._page(size, **options)

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(browser):
    crowd = People(browser)
    yield crowd
    crowd.close()

