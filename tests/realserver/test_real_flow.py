"""The main path on a real server: phones join over HTTP, answer over Socket.IO, and the
room's screen shows what they wrote."""
import pytest
from realclient import WAIT, raw_connect, raw_socket
from serverproc import ASYNC_MODES

pytestmark = pytest.mark.realserver


def answers_on(view):
    activity = view.get("activity") or {}
    return [a["text"] for a in activity.get("view", {}).get("answers", [])]


@pytest.mark.parametrize("server", ASYNC_MODES, indirect=True)  # the smoke test of each
def test_answers_from_three_phones_reach_the_presenter_screen(workshop):
    question = workshop.add_question("What stops us sharing information today?")
    workshop.control("start")
    presenter = workshop.screen("presenter")
    people = [workshop.join(name=name) for name in ("Asha", "Ben", "Cai")]
    phones = [workshop.screen("participant", person) for person in people]

    texts = ["No shared consent form", "Different case systems", "Fear of getting it wrong"]
    for phone, text in zip(phones, texts):
        reply = phone.answer(question, text, cid=f"first-{text}")
        assert reply["ok"] is True, reply
        assert [a["text"] for a in reply["own"]["mine"]["answers"]] == [text]

    view = presenter.next_event("view", lambda v: set(texts) <= set(answers_on(v)))
    assert sorted(answers_on(view)) == sorted(texts)
    assert view["activity"]["view"]["count"] == 3
    assert view["activity"]["view"]["people"] == 3
    assert view["workshop"]["joined"] == 3

    # The facilitator's export has each answer once, with the anonymous numbers 1 to 3.
    rows = workshop.results()[0]["rows"]
    assert sorted((row["participant"], row["text"]) for row in rows) == \
        sorted(zip((1, 2, 3), texts))


def test_a_phone_sees_its_own_answers_after_a_new_connection(workshop):
    question = workshop.add_question()
    workshop.control("start")
    person = workshop.join()
    first = workshop.screen("participant", person)
    assert first.answer(question, "Time", cid="a1")["ok"] is True
    first.close()

    again = workshop.screen("participant", person)  # same cookie: the phone came back
    view = again.ask("sync")
    assert view["ok"] is True
    mine = view["view"]["activity"]["mine"]
    assert [a["text"] for a in mine["answers"]] == ["Time"]
    assert mine["remaining"] == 2


def test_a_participant_view_never_carries_other_peoples_identity(workshop):
    question = workshop.add_question()
    workshop.control("start")
    named = workshop.join(name="Dana Whitfield", organisation="Council")
    other = workshop.join()
    assert workshop.screen("participant", named).answer(question, "Budgets")["ok"]
    phone = workshop.screen("participant", other)
    assert phone.answer(question, "Training")["ok"]

    view = phone.ask("sync")["view"]
    assert sorted(answers_on(view)) == ["Budgets", "Training"]
    text = str(view)
    assert "Dana" not in text and "Council" not in text
    assert "people" not in view and "joined" not in view["workshop"]


def test_a_closed_connection_is_let_go_at_once(server, workshop):
    """A phone that leaves (closing its WebSocket) gets the closing handshake and the end
    of the connection, not a connection held open and fed HTTP error pages."""
    ws = raw_socket(server)
    assert raw_connect(ws, {"code": workshop.code, "role": "presenter"}).startswith("40")
    ws.send("41")  # leave the namespace, then close as browsers and python-socketio do
    ws.send("1")
    ws.send_close()
    ws.sock.settimeout(WAIT)
    rest = b""
    try:
        while chunk := ws.sock.recv(4096):
            rest += chunk
    except TimeoutError:
        pytest.fail(f"the server kept the connection open for {WAIT}s after it closed; "
                    f"it sent {rest[:200]!r}")
    finally:
        ws.shutdown()
    assert rest.startswith(b"\x88"), rest[:200]  # a WebSocket close frame
    assert b"HTTP/" not in rest, rest[:200]

