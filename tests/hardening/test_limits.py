"""Limits on floods and guessing, at their boundaries: what is just under a limit is
accepted, what is just over it is refused in words, and the allowance comes back with time.

Each test builds an app with small limits; a clock the test turns stands in for time."""
import pytest

from tests.conftest import Room
from tests.hardening.helpers import from_address
from tests.live.helpers import answer, refusal
from workshop import live
from workshop.extensions import socketio
from workshop.views import TOO_MANY_GUESSES

TOO_FAST = {"ok": False, "error": str(live.TOO_FAST), "retry": True}
GUESSER, NEIGHBOUR = "198.51.100.7", "203.0.113.20"
GUESSES = 15  # a minute's allowance in these tests: 15 at once, then one every 4 seconds
REFILL = 60 / GUESSES


def sync(client):
    return client.emit("sync", {}, callback=True)


def started_room(app, **question):
    room = Room(app)
    room.question = room.add_question(max_answers=10, **question)
    room.control("start")
    return room


def stored_answers(room):
    """The answers the facilitator's export holds for the question."""
    return [row["text"] for row in room.engine.export(room.code)[0]["rows"]]


# ---------------------------------------------------------------------- per connection
def test_a_phone_may_send_its_burst_and_the_next_message_is_refused_in_words(
        limited_app, clock):
    app = limited_app(clock, EVENTS_PER_SECOND=2, EVENT_BURST=5)
    room = started_room(app)
    phone, other = room.phone(), room.phone()

    for n in range(5):  # the whole burst, the last one included
        assert answer(phone, room.question, f"Answer {n}")["ok"] is True, n
    assert answer(phone, room.question, "One too many") == TOO_FAST
    assert "One too many" not in stored_answers(room)

    # Another phone has its own allowance.
    assert answer(other, room.question, "Another phone")["ok"] is True


def test_a_phones_allowance_comes_back_at_the_set_rate(limited_app, clock):
    app = limited_app(clock, EVENTS_PER_SECOND=2, EVENT_BURST=5)
    room = started_room(app)
    phone = room.phone()
    for n in range(5):
        assert sync(phone)["ok"] is True, n
    assert sync(phone) == TOO_FAST

    clock.advance(0.25)  # half a message's worth at two a second
    assert sync(phone) == TOO_FAST
    clock.advance(0.25)  # now a whole one
    assert answer(phone, room.question, "After a pause")["ok"] is True
    assert answer(phone, room.question, "Straight after") == TOO_FAST

    clock.advance(60)  # a long pause refills the burst, and no more than the burst
    for n in range(5):
        assert sync(phone)["ok"] is True, n
    assert sync(phone) == TOO_FAST
    assert stored_answers(room) == ["After a pause"]


@pytest.mark.parametrize("role", ["presenter", "facilitator"])
def test_room_screens_have_the_same_allowance_per_connection(limited_app, clock, role):
    app = limited_app(clock, EVENTS_PER_SECOND=2, EVENT_BURST=5)
    room = started_room(app)
    screen = room.presenter() if role == "presenter" else room.facilitator()
    for n in range(5):
        assert sync(screen)["ok"] is True, n
    assert sync(screen) == TOO_FAST
    assert sync(room.presenter())["ok"] is True  # another screen is not held back


def test_every_kind_of_message_counts_against_the_allowance(limited_app, clock):
    app = limited_app(clock, EVENTS_PER_SECOND=1, EVENT_BURST=4)
    room = started_room(app)
    console = room.facilitator()
    assert sync(console)["ok"] is True
    assert console.emit("items", {"activity_id": room.question}, callback=True)["ok"] is True
    assert console.emit("control", {"command": "timer", "args": {"seconds": 60}},
                        callback=True)["ok"] is True
    assert answer(console, room.question, "Typed for table 4")["ok"] is True
    assert console.emit("control", {"command": "close"}, callback=True) == TOO_FAST
    assert room.engine.view(room.code, "facilitator")["activity"]["is_open"] is True


# ---------------------------------------------------------------------- per participant
def test_one_person_with_two_tabs_shares_one_allowance(limited_app, clock):
    app = limited_app(clock, PARTICIPANT_EVENTS_PER_SECOND=1, PARTICIPANT_EVENT_BURST=6)
    room = started_room(app)
    http = room.join()
    tab1, tab2 = room.phone(http), room.phone(http)
    neighbour = room.phone()

    for n in range(3):  # six in all, three from each tab: just within the allowance
        assert answer(tab1, room.question, f"Tab 1 answer {n}")["ok"] is True
        assert answer(tab2, room.question, f"Tab 2 answer {n}")["ok"] is True
    assert answer(tab2, room.question, "Seventh") == TOO_FAST
    assert answer(tab1, room.question, "Seventh again") == TOO_FAST
    assert len(stored_answers(room)) == 6

    # A new tab of the same person does not bring a new allowance.
    tab3 = room.phone(http)
    assert sync(tab3) == TOO_FAST

    # Somebody else is not held back.
    assert answer(neighbour, room.question, "Somebody else")["ok"] is True

    clock.advance(0.5)
    assert sync(tab1) == TOO_FAST
    clock.advance(0.5)
    assert answer(tab2, room.question, "After a second")["ok"] is True
    assert sync(tab1) == TOO_FAST
    assert "After a second" in stored_answers(room)


def test_the_connection_limit_holds_even_when_the_person_has_allowance_left(
        limited_app, clock):
    app = limited_app(clock, EVENTS_PER_SECOND=1, EVENT_BURST=3,
                      PARTICIPANT_EVENTS_PER_SECOND=1, PARTICIPANT_EVENT_BURST=10)
    room = started_room(app)
    http = room.join()
    tab1, tab2 = room.phone(http), room.phone(http)
    for n in range(3):
        assert sync(tab1)["ok"] is True, n
    assert sync(tab1) == TOO_FAST
    for n in range(3):  # the same person's other tab still has its own three
        assert sync(tab2)["ok"] is True, n
    assert sync(tab2) == TOO_FAST


# ---------------------------------------------------------------------- guessing over HTTP
def guessing_app(limited_app, clock):
    return limited_app(clock, GUESSES_PER_MINUTE=GUESSES)


def assert_too_many_guesses_page(response):
    assert response.status_code == 429, (response.status_code, response.text[:300])
    assert "Too many wrong join codes or facilitator links from your network" in response.text
    assert "Wait a minute" in response.text


def assert_too_many_guesses_json(response):
    assert response.status_code == 429, (response.status_code, response.text[:300])
    assert response.get_json() == {"ok": False, "error": TOO_MANY_GUESSES}


def wrong_code(n):
    """The n-th made-up join code: well formed, and (1 in 887 million) nobody's."""
    letters = "ABCDEFGHJKMNPQRSTUVWXYZ"
    return f"22{letters[n // 23 % 23]}{letters[n % 23]}22"


@pytest.mark.parametrize("path", ["/j/{code}", "/s/{code}", "/qr/{code}.svg",
                                  "/join?code={code}"])
def test_wrong_join_codes_from_one_address_are_refused_after_the_limit(
        limited_app, clock, path):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    right = 302 if path.startswith("/join") else 200  # the join form sends on to the page
    guesser, neighbour = from_address(app, GUESSER), from_address(app, NEIGHBOUR)

    for n in range(GUESSES - 1):
        assert guesser.get(path.format(code=wrong_code(n))).status_code == 404, n
    # Just under the limit: the right code still works, and one more wrong one is told so.
    assert guesser.get(path.format(code=room.code)).status_code == right
    last_wrong = guesser.get(path.format(code=wrong_code(GUESSES)))
    assert last_wrong.status_code == 404
    # Over it: every code is refused, the right one too, in words.
    assert_too_many_guesses_page(guesser.get(path.format(code=room.code)))
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}"))
    # The home page and other addresses are not affected.
    assert guesser.get("/").status_code == 200
    assert neighbour.get(f"/j/{room.code}").status_code == 200


def test_the_guessing_allowance_comes_back_one_guess_at_a_time(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        assert guesser.get(f"/j/{wrong_code(n)}").status_code == 404
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}"))

    clock.advance(REFILL * 0.9375)  # just short of one guess
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}"))
    clock.advance(REFILL * 0.0625)  # one guess back
    assert guesser.get(f"/j/{room.code}").status_code == 200  # a right code spends nothing
    assert guesser.get(f"/j/{wrong_code(99)}").status_code == 404  # a wrong one spends it
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}"))


def test_joining_is_refused_too_once_an_address_has_guessed_too_often(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        guesser.get(f"/join?code={wrong_code(n)}")
    refused = guesser.post(f"/j/{room.code}", data={"name": "Late Guesser"})
    assert_too_many_guesses_page(refused)
    assert room.engine.workshop(room.code).joined == 0


def test_wrong_facilitator_links_are_refused_after_the_limit(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        refused = guesser.get(f"/f/{room.code}/wrong-key-{n}")
        assert refused.status_code == 403, n
        assert "facilitator link is not right" in refused.text
    # Now even the right link is refused, and sets no cookie.
    right = guesser.get(f"/f/{room.code}/{room.key}")
    assert_too_many_guesses_page(right)
    assert "Set-Cookie" not in right.headers
    assert from_address(app, NEIGHBOUR).get(f"/f/{room.code}/{room.key}").status_code == 303


def test_wrong_facilitator_cookies_on_the_console_count_as_guesses(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        guesser.set_cookie(f"rt_f_{room.code}", f"wrong-key-{n}")
        assert guesser.get(f"/f/{room.code}").status_code == 403, n
    guesser.set_cookie(f"rt_f_{room.code}", room.key)
    assert_too_many_guesses_page(guesser.get(f"/f/{room.code}"))


def test_wrong_facilitator_cookies_on_downloads_count_as_guesses(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        guesser.set_cookie(f"rt_f_{room.code}", f"wrong-key-{n}")
        assert guesser.get(f"/f/{room.code}/export/json").status_code == 403, n
    guesser.set_cookie(f"rt_f_{room.code}", room.key)
    assert_too_many_guesses_page(guesser.get(f"/f/{room.code}/export/json"))


def test_wrong_api_keys_are_refused_after_the_limit_in_json(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        refused = guesser.get(f"/api/workshops/{room.code}",
                              headers={"Authorization": f"Bearer wrong-key-{n}"})
        assert refused.status_code == 401, n
    right_key = {"Authorization": f"Bearer {room.key}"}
    assert_too_many_guesses_json(guesser.get(f"/api/workshops/{room.code}", headers=right_key))
    assert_too_many_guesses_json(guesser.post(f"/api/workshops/{room.code}/control",
                                              json={"command": "start"}, headers=right_key))
    assert room.engine.workshop(room.code).current == -1  # the command was not run
    neighbour = from_address(app, NEIGHBOUR)
    assert neighbour.get(f"/api/workshops/{room.code}", headers=right_key).status_code == 200


def test_unknown_codes_on_the_api_are_refused_after_the_limit_in_json(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    right_key = {"Authorization": f"Bearer {room.key}"}
    for n in range(GUESSES - 1):
        assert guesser.get(f"/api/workshops/{wrong_code(n)}", headers=right_key) \
            .status_code == 404, n
    assert guesser.get(f"/api/workshops/{room.code}", headers=right_key).status_code == 200
    assert guesser.get(f"/api/workshops/{wrong_code(50)}").status_code == 404
    assert_too_many_guesses_json(guesser.get(f"/api/workshops/{room.code}", headers=right_key))


def test_a_forged_forwarded_address_does_not_escape_the_limit(limited_app, clock):
    """Without proxies configured, X-Forwarded-For is the client's own word: ignored."""
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        guesser.get(f"/j/{wrong_code(n)}", headers={"X-Forwarded-For": f"192.0.2.{n}"})
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}",
                                             headers={"X-Forwarded-For": "192.0.2.200"}))


# ---------------------------------------------------------------------- guessing over Socket.IO
def connect_refusal(app, address, auth):
    return refusal(app, auth, http=from_address(app, address))


def test_wrong_codes_over_socketio_are_refused_after_the_limit(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    for n in range(GUESSES - 1):
        assert connect_refusal(app, GUESSER, {"code": wrong_code(n), "role": "presenter"}) \
            == "There is no workshop with that code.", n
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) is None
    assert connect_refusal(app, GUESSER, {"code": wrong_code(50), "role": "presenter"}) \
        == "There is no workshop with that code."
    refused = connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"})
    assert refused == "Too many wrong codes from your network: wait a minute."
    assert connect_refusal(app, NEIGHBOUR, {"code": room.code, "role": "presenter"}) is None

    clock.advance(REFILL)
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) is None


def test_wrong_facilitator_keys_over_socketio_are_refused_after_the_limit(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    for n in range(GUESSES):
        assert "Only the facilitator" in connect_refusal(
            app, GUESSER, {"code": room.code, "role": "facilitator", "key": f"wrong-{n}"}), n
    refused = connect_refusal(app, GUESSER,
                              {"code": room.code, "role": "facilitator", "key": room.key})
    assert "Too many wrong codes" in refused
    assert connect_refusal(app, NEIGHBOUR,
                           {"code": room.code, "role": "facilitator", "key": room.key}) is None


def test_guesses_over_http_and_socketio_share_one_allowance(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES - 1):
        assert guesser.get(f"/j/{wrong_code(n)}").status_code == 404
    assert connect_refusal(app, GUESSER, {"code": wrong_code(40), "role": "presenter"}) \
        == "There is no workshop with that code."
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}"))
    assert "Too many wrong codes" in connect_refusal(
        app, GUESSER, {"code": room.code, "role": "presenter"})


def test_a_phone_already_in_the_room_carries_on_while_its_network_is_refused(
        limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = started_room(app)
    http = from_address(app, GUESSER)
    http.post(f"/j/{room.code}")
    phone = room.phone(http)
    for n in range(GUESSES):
        http.get(f"/j/{wrong_code(n)}")
    assert_too_many_guesses_page(http.get(f"/j/{room.code}"))
    assert answer(phone, room.question, "Still taking part")["ok"] is True
    assert stored_answers(room) == ["Still taking part"]


# ---------------------------------------------------------------------- connections
def presenter_from(app, code, address):
    return socketio.test_client(app, flask_test_client=from_address(app, address),
                                auth={"code": code, "role": "presenter"})


def test_a_full_workshop_refuses_the_next_screen_and_takes_one_after_a_disconnect(
        limited_app):
    app = limited_app(MAX_CONNECTIONS_PER_WORKSHOP=3)
    room = started_room(app)
    first = room.presenter()
    phone = room.phone()
    console = room.facilitator()
    assert all(c.is_connected() for c in (first, phone, console))

    full = "This workshop is full: no more screens can join it."
    assert refusal(app, {"code": room.code, "role": "presenter"}) == full
    assert refusal(app, {"code": room.code, "role": "participant"}, http=room.join()) == full
    assert refusal(app, {"code": room.code, "role": "facilitator", "key": room.key}) == full
    other = Room(app)  # the limit is per workshop
    assert refusal(app, {"code": other.code, "role": "presenter"}) is None

    first.disconnect()
    again = room.presenter()
    assert again.is_connected()
    assert sync(again)["ok"] is True
    assert refusal(app, {"code": room.code, "role": "presenter"}) == full  # full again
    assert answer(phone, room.question, "Unaffected")["ok"] is True


def test_one_address_may_hold_so_many_connections_and_no_more(limited_app):
    app = limited_app(MAX_CONNECTIONS_PER_ADDRESS=3)
    room, other = Room(app), Room(app)
    held = [presenter_from(app, room.code, GUESSER), presenter_from(app, room.code, GUESSER),
            presenter_from(app, other.code, GUESSER)]  # across workshops
    assert all(c.is_connected() for c in held)

    too_many = "Too many connections from your network."
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) == too_many
    assert connect_refusal(app, GUESSER, {"code": other.code, "role": "presenter"}) == too_many
    assert connect_refusal(app, NEIGHBOUR, {"code": room.code, "role": "presenter"}) is None

    held[0].disconnect()
    replacement = presenter_from(app, room.code, GUESSER)
    assert replacement.is_connected()
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) == too_many


def test_a_refused_connection_does_not_use_up_a_place_in_the_workshop(limited_app):
    app = limited_app(MAX_CONNECTIONS_PER_WORKSHOP=4, MAX_CONNECTIONS_PER_ADDRESS=2)
    room = Room(app)
    held = [presenter_from(app, room.code, GUESSER) for _ in range(2)]
    for _ in range(3):  # refused for the address: must not count against the workshop
        assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) \
            == "Too many connections from your network."
    neighbours = [presenter_from(app, room.code, NEIGHBOUR) for _ in range(2)]
    assert all(c.is_connected() for c in held + neighbours)  # 4 in the workshop: its limit
    assert connect_refusal(app, "192.0.2.9", {"code": room.code, "role": "presenter"}) \
        == "This workshop is full: no more screens can join it."


def test_a_participant_with_two_tabs_holds_two_places(limited_app):
    app = limited_app(MAX_CONNECTIONS_PER_WORKSHOP=2)
    room = started_room(app)
    http = room.join()
    tab1, tab2 = room.phone(http), room.phone(http)
    assert tab1.is_connected() and tab2.is_connected()
    assert refusal(app, {"code": room.code, "role": "participant"}, http=http) \
        == "This workshop is full: no more screens can join it."
    tab1.disconnect()
    tab3 = room.phone(http)
    assert tab3.is_connected()
    assert answer(tab3, room.question, "From the new tab")["ok"] is True
