"""The participant's part in the other engines phones run: WebKit (Safari's engine, as
Debian's WebKitGTK with its WebDriver, on a virtual screen) and Firefox ESR (driven
through Marionette, its own remote protocol). A phone joins, answers, places dots, adds a
journey note, keeps what it is typing across a reload; the server holds exactly that.

.ci/run installs the browsers (webkit2gtk-driver, firefox-esr, xvfb); the tests fail, not
skip, without them.
"""
import os
import shutil
import subprocess
import time

import pytest
import requests

from e2e_steps import running

pytestmark = pytest.mark.browser

WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
FIREFOX = "/usr/bin/firefox-esr"
WAIT_S = 20  # for any one thing to show on the phone
QUESTION, VOTE, JOURNEY = "What helps?", "Which first?", "A referral"


# ------------------------------------------------------------------ the browsers
@pytest.fixture(scope="module")
def display(tmp_path_factory):
    """A virtual screen for WebKitGTK, on a free display number Xvfb chooses itself."""
    xvfb = shutil.which("Xvfb")
    assert xvfb, "Xvfb is not installed (Debian package xvfb; .ci/run installs it)"
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as chosen:
        number = chosen.readline().strip()  # Xvfb writes it once it is ready
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def webkit(display, tmp_path_factory):
    from selenium import webdriver

    for path in (WEBKIT_DRIVER, MINIBROWSER):
        assert os.path.exists(path), f"{path} is missing (Debian package webkit2gtk-driver)"
    options = webdriver.WebKitGTKOptions()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    log = tmp_path_factory.mktemp("webkit") / "webkitdriver.log"
    service = webdriver.WebKitGTKService(executable_path=WEBKIT_DRIVER, log_output=str(log),
                                         env={**os.environ, "DISPLAY": display})
    driver = webdriver.WebKitGTK(options=options, service=service)
    yield Driven(driver.execute_script, driver.get, driver.refresh)
    driver.quit()


@pytest.fixture(scope="module")
def firefox(tmp_path_factory):
    from marionette_driver.marionette import Marionette

    assert os.path.exists(FIREFOX), f"{FIREFOX} is missing (Debian package firefox-esr)"
    log = tmp_path_factory.mktemp("firefox") / "gecko.log"
    client = Marionette(bin=FIREFOX, headless=True, gecko_log=str(log), startup_timeout=90)
    client.start_session()
    yield Driven(lambda script, *args: client.execute_script(script, script_args=args),
                 client.navigate, client.refresh)
    client.delete_session()
    client.cleanup()


@pytest.fixture(params=["webkit", "firefox"])
def engine(request):
    return request.getfixturevalue(request.param)


class Driven:
    """A phone in a browser driven through WebDriver (WebKit) or Marionette (Firefox):
    the few things a person does, through either. Elements are found and clicked by the
    driver, so a click is a real click and typing is real typing."""

    def __init__(self, run, goto, reload):
        self.run, self.goto, self.reload = run, goto, reload

    def element(self, css):
        self.wait_for(f"document.querySelector({css!r})", f"{css} on the page")
        return self.run(f"return document.querySelector({css!r});")

    def type_into(self, css, text):
        self.element(css).send_keys(text)

    def press(self, css):
        self.element(css).click()

    def text(self, css):
        return self.run(f"return document.querySelector({css!r})?.textContent ?? null;")

    def value(self, css):
        return self.run(f"return document.querySelector({css!r})?.value ?? null;")

    def wait_for(self, condition, what, timeout=WAIT_S):
        """Until the page's own `condition` (a JavaScript expression) holds."""
        deadline = time.monotonic() + timeout
        while not self.run(f"return Boolean({condition});"):
            if time.monotonic() > deadline:
                raise AssertionError(f"not seen within {timeout}s: {what}")
            time.sleep(0.1)  # between two looks at the page; the deadline is the wait

    def wait_for_text(self, css, text):
        self.wait_for(f"document.querySelector({css!r})?.textContent === {text!r}",
                      f"{css} saying {text!r} (it says {self.text(css)!r})")

    def texts(self, css):
        return self.run(
            f"return [...document.querySelectorAll({css!r})].map((e) => e.textContent);")


# ------------------------------------------------------------------ the flow
def facilitator(server, made):
    url = f"{server.url}/api/workshops/{made['code']}"
    auth = {"Authorization": f"Bearer {made['facilitator_key']}"}

    def call(method, path, **body):
        answer = requests.request(method, f"{url}{path}", headers=auth, json=body or None,
                                  timeout=10)
        answer.raise_for_status()
        return answer.json()

    return call


def stored(call, name):
    return sum(1 for a in call("get", "/export?format=json")["actions"]
               if a["name"] == name and a["by"])


def test_a_phone_takes_part_from_start_to_end(server, engine):
    made = running(server.url, "question", {"prompt": QUESTION, "max_answers": 3})
    call = facilitator(server, made)
    call("post", "/activities", type="dotvote",
         config={"prompt": VOTE, "options": "Housing\nSchools", "dots": 3})
    call("post", "/activities", type="journey", config={"prompt": JOURNEY})
    phone = engine
    connected = "document.querySelector('#connection')?.dataset.status === 'connected'"

    phone.goto(made["join_url"])
    phone.press("form.join-form button[type=submit]")
    phone.wait_for(connected, "connected")
    phone.wait_for_text(".prompt", QUESTION)

    # An answer, and a draft kept through a reload.
    phone.type_into("#answer", "A named contact")
    phone.press(".answer-form button[type=submit]")
    phone.wait_for("document.querySelector('.my-answers li .answer-text')?.textContent "
                   "=== 'A named contact'", "the answer listed as the person's own")
    phone.type_into("#answer", "Half a thought")
    phone.reload()
    phone.wait_for(connected, "connected again after the reload")
    phone.wait_for("document.querySelector('#answer')?.value === 'Half a thought'",
                   f"the draft back in its box (it holds {phone.value('#answer')!r})")
    phone.wait_for_text(".activity-state", "You can give 2 more answers.")

    # Dots.
    call("post", "/control", command="next")
    phone.wait_for_text(".prompt", VOTE)
    phone.press(".option-add")
    phone.wait_for_text(".dots-left", "2 of 3 dots left")
    phone.press(".option-add")
    phone.wait_for_text(".dots-left", "1 of 3 dots left")

    # A journey note.
    call("post", "/control", command="next")
    phone.wait_for_text(".prompt", JOURNEY)
    phone.type_into("#journey-note", "Forms go missing")
    phone.press(".answer-form button[type=submit]")
    phone.wait_for("document.querySelector('.my-answers li .answer-text')?.textContent "
                   "=== 'Forms go missing'", "the note listed as the person's own")
    phone.wait_for("!document.querySelector('.waiting-word:not([hidden])')",
                   "nothing left waiting to send")

    assert (stored(call, "answer"), stored(call, "add"), stored(call, "add_note")) == (1, 2, 1)
    assert phone.texts(".my-answers li .answer-text") == ["Forms go missing"]
