"""Limits on floods and guessing, at their boundaries: what is just under a limit is
accepted, what is just over it is refused in words, and the allowance comes back with time.

Each test builds an app with small limits; a clock the test turns stands in for time."""
import time

import pytest

from tests.conftest import Room
from tests.hardening.helpers import from_address
from tests.live.helpers import answer, refusal
from workshop import alerts, live
from workshop.admission import REFUSE_AFTER, TOO_MANY_GUESSES, join_pass
from workshop.extensions import socketio
from workshop.security import digest
from workshop.views.pages import TOO_MANY_JOINS

TOO_FAST = {"ok": False, "error": str(live.TOO_FAST), "retry": True}
GUESSER, NEIGHBOUR = "198.51.100.7", "203.0.113.20"
GUESSES = 15  # the allowance in these tests: 15 at once, then one back every 4 seconds
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
def guessing_app(limited_app, clock, **settings):
    return limited_app(clock, GUESS_BURST=GUESSES, GUESSES_PER_HOUR=GUESSES * 60, **settings)


def assert_too_many_guesses_page(response):
    assert response.status_code == 429, (response.status_code, response.text[:300])
    assert "Too many wrong codes have come from your network" in response.text
    assert "Scan the QR code on the screen or open the join link instead" in response.text


def assert_too_many_guesses_json(response):
    assert response.status_code == 429, (response.status_code, response.text[:300])
    assert response.get_json() == {"ok": False, "error": TOO_MANY_GUESSES}


def wrong_code(n):
    """The n-th made-up join code: well formed, and (1 in 887 million) nobody's."""
    letters = "ABCDEFGHJKMNPQRSTUVWXYZ"
    return f"22{letters[n // 23 % 23]}{letters[n % 23]}22"


def guess_until_refused(app, address=GUESSER, guesses=GUESSES):
    """Spend an address's whole allowance on wrong codes, from a browser of its own."""
    guesser = from_address(app, address)
    for n in range(guesses):
        assert guesser.get(f"/j/{wrong_code(n)}").status_code == 404, n
    assert_too_many_guesses_page(guesser.get(f"/j/{wrong_code(guesses)}"))
    return guesser


def pass_of(room):
    return join_pass(room.code, digest(room.key))


@pytest.mark.parametrize("path", ["/j/{code}", "/s/{code}", "/qr/{code}.svg",
                                  "/join?code={code}"])
def test_typed_codes_from_one_address_are_refused_alike_after_the_limit(
        limited_app, clock, path):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    right = 302 if path.startswith("/join") else 200  # the join form sends on to the page
    guesser, neighbour = from_address(app, GUESSER), from_address(app, NEIGHBOUR)

    for n in range(GUESSES - 1):
        assert guesser.get(path.format(code=wrong_code(n))).status_code == 404, n
    # Just under the limit: the right code typed in a browser works (and that browser
    # keeps the join link's pass), and one more wrong one is told so.
    earlier = from_address(app, GUESSER)
    assert earlier.get(path.format(code=room.code)).status_code == right
    assert guesser.get(path.format(code=wrong_code(GUESSES))).status_code == 404
    # Over it: a typed code is refused, right or wrong, in the same words.
    typed_right = from_address(app, GUESSER).get(path.format(code=room.code))
    typed_wrong = from_address(app, GUESSER).get(path.format(code=wrong_code(50)))
    assert_too_many_guesses_page(typed_right)
    assert typed_right.text == typed_wrong.text
    # What shows the code was given, not guessed, still gets in: the browser that came
    # in earlier (a page leaves the pass in a cookie; an image, which may be cached,
    # does not), and the join link of the QR code.
    if not path.startswith("/qr/"):
        assert earlier.get(path.format(code=room.code)).status_code == right
        assert earlier.get(f"/j/{room.code}").status_code == 200
    with_pass = from_address(app, GUESSER).get(f"/j/{room.code}?p={pass_of(room)}")
    assert with_pass.status_code == 200 and "Join the workshop" in with_pass.text
    # The home page and other addresses are not affected.
    assert guesser.get("/").status_code == 200
    assert neighbour.get(f"/j/{room.code}").status_code == 200


def test_the_guessing_allowance_comes_back_one_guess_at_a_time(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = guess_until_refused(app)

    def typed():
        return from_address(app, GUESSER).get(f"/j/{room.code}")

    clock.advance(REFILL * 0.9375)  # just short of one guess
    assert_too_many_guesses_page(typed())
    clock.advance(REFILL * 0.0625)  # one guess back
    assert typed().status_code == 200  # a right code spends nothing...
    assert typed().status_code == 200
    assert guesser.get(f"/j/{wrong_code(99)}").status_code == 404  # ...a wrong one does
    assert_too_many_guesses_page(typed())


def test_a_pass_for_another_workshop_or_a_made_up_one_does_not_get_in(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room, other = Room(app), Room(app)
    guess_until_refused(app)
    for made_up in (pass_of(other), "A" * 16, "", "é" * 16):
        assert_too_many_guesses_page(from_address(app, GUESSER).get(
            f"/j/{room.code}?p={made_up}"))
    foreign = from_address(app, GUESSER)
    foreign.set_cookie(f"rt_j_{room.code}", pass_of(other))
    assert_too_many_guesses_page(foreign.get(f"/s/{room.code}"))


def test_refusals_over_the_allowance_take_the_same_time_whatever_the_code(limited_app, clock):
    """An existing workshop is found in memory faster than a missing code is looked up in
    the database: over the allowance both are answered no sooner than REFUSE_AFTER."""
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guess_until_refused(app)
    for path in (f"/j/{room.code}?p={'A' * 16}", f"/j/{wrong_code(60)}?p={'A' * 16}"):
        started = time.monotonic()
        assert_too_many_guesses_page(from_address(app, GUESSER).get(path))
        assert time.monotonic() - started >= REFUSE_AFTER, path


def test_joining_through_the_join_link_works_whatever_the_network_has_guessed(
        limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guess_until_refused(app)
    typed = from_address(app, GUESSER).post(f"/j/{room.code}", data={"name": "Typed"})
    assert_too_many_guesses_page(typed)
    assert room.engine.workshop(room.code).joined == 0

    scanned = from_address(app, GUESSER)
    joined = scanned.post(f"/j/{room.code}?p={pass_of(room)}", data={"name": "Scanned"})
    assert joined.status_code == 303
    assert scanned.get(joined.headers["Location"]).status_code == 200  # its page, and
    phone = socketio.test_client(app, flask_test_client=scanned,  # its live connection
                                 auth={"code": room.code, "role": "participant"})
    assert phone.is_connected()
    assert room.engine.workshop(room.code).joined == 1


def test_a_right_facilitator_link_gets_in_whatever_the_network_has_guessed(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        refused = guesser.get(f"/f/{room.code}/wrong-key-{n}")
        assert refused.status_code == 403, n
        assert "facilitator link is not right" in refused.text
    # Over the limit a wrong key is refused as guessing, and sets no cookie...
    wrong = guesser.get(f"/f/{room.code}/wrong-key-again")
    assert_too_many_guesses_page(wrong)
    assert "Set-Cookie" not in wrong.headers
    # ...and the right link, 192 random bits that no guesser finds, still works.
    right = from_address(app, GUESSER).get(f"/f/{room.code}/{room.key}")
    assert right.status_code == 303


def test_wrong_facilitator_cookies_on_the_console_count_as_guesses(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        guesser.set_cookie(f"rt_f_{room.code}", f"wrong-key-{n}")
        assert guesser.get(f"/f/{room.code}").status_code == 403, n
    guesser.set_cookie(f"rt_f_{room.code}", "wrong-key-again")
    assert_too_many_guesses_page(guesser.get(f"/f/{room.code}"))
    guesser.set_cookie(f"rt_f_{room.code}", room.key)
    assert guesser.get(f"/f/{room.code}").status_code == 200


def test_wrong_facilitator_cookies_on_downloads_count_as_guesses(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        guesser.set_cookie(f"rt_f_{room.code}", f"wrong-key-{n}")
        assert guesser.get(f"/f/{room.code}/export/json").status_code == 403, n
    guesser.set_cookie(f"rt_f_{room.code}", "wrong-key-again")
    assert_too_many_guesses_page(guesser.get(f"/f/{room.code}/export/json"))
    guesser.set_cookie(f"rt_f_{room.code}", room.key)
    assert guesser.get(f"/f/{room.code}/export/json").status_code == 200


def test_wrong_api_keys_are_refused_after_the_limit_in_json(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        refused = guesser.get(f"/api/workshops/{room.code}",
                              headers={"Authorization": f"Bearer wrong-key-{n}"})
        assert refused.status_code == 401, n
    wrong_key = {"Authorization": "Bearer wrong-key-again"}
    assert_too_many_guesses_json(guesser.get(f"/api/workshops/{room.code}", headers=wrong_key))
    assert_too_many_guesses_json(guesser.post(f"/api/workshops/{room.code}/control",
                                              json={"command": "start"}, headers=wrong_key))
    assert room.engine.workshop(room.code).current == -1  # the command was not run
    right_key = {"Authorization": f"Bearer {room.key}"}
    assert guesser.get(f"/api/workshops/{room.code}", headers=right_key).status_code == 200


def test_unknown_codes_on_the_api_are_refused_after_the_limit_in_json(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    right_key = {"Authorization": f"Bearer {room.key}"}
    for n in range(GUESSES):
        assert guesser.get(f"/api/workshops/{wrong_code(n)}", headers=right_key) \
            .status_code == 404, n
    assert_too_many_guesses_json(guesser.get(f"/api/workshops/{wrong_code(50)}",
                                             headers=right_key))
    assert guesser.get(f"/api/workshops/{room.code}", headers=right_key).status_code == 200


def test_a_forged_forwarded_address_does_not_escape_the_limit(limited_app, clock):
    """Without proxies configured, X-Forwarded-For is the client's own word: ignored."""
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES):
        guesser.get(f"/j/{wrong_code(n)}", headers={"X-Forwarded-For": f"192.0.2.{n}"})
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}",
                                             headers={"X-Forwarded-For": "192.0.2.200"}))


def test_an_ipv6_network_has_one_allowance_for_all_its_addresses(limited_app, clock):
    """A /64 is one network's block: a guesser there cannot take a fresh allowance from
    each of its addresses."""
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guess_until_refused(app, address="2001:db8:5:7::1")
    assert_too_many_guesses_page(from_address(app, "2001:db8:5:7:ffff::9").get(
        f"/j/{room.code}"))
    assert from_address(app, "2001:db8:5:8::1").get(f"/j/{room.code}").status_code == 200


def test_the_console_is_told_when_a_typed_code_is_turned_away(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    console = room.facilitator()
    guess_until_refused(app)
    # A wrong facilitator link is no typed join code: nothing to tell the room about.
    assert_too_many_guesses_page(from_address(app, GUESSER).get(f"/f/{room.code}/wrong"))
    assert not [m for m in console.get_received() if m["name"] == "limited"]
    assert_too_many_guesses_page(from_address(app, GUESSER).get(f"/j/{room.code}"))
    told = [m["args"][0] for m in console.get_received() if m["name"] == "limited"]
    assert told == [{"kind": "typed"}]


# ---------------------------------------------------------------------- guessing over Socket.IO
def connect_refusal(app, address, auth, http=None):
    return refusal(app, auth, http=http or from_address(app, address))


def test_wrong_codes_over_socketio_are_refused_after_the_limit(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    for n in range(GUESSES - 1):
        assert connect_refusal(app, GUESSER, {"code": wrong_code(n), "role": "presenter"}) \
            == "There is no workshop with that code.", n
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) is None
    assert connect_refusal(app, GUESSER, {"code": wrong_code(50), "role": "presenter"}) \
        == "There is no workshop with that code."
    for code in (room.code, wrong_code(51)):
        assert connect_refusal(app, GUESSER, {"code": code, "role": "presenter"}) \
            == TOO_MANY_GUESSES
    assert connect_refusal(app, NEIGHBOUR, {"code": room.code, "role": "presenter"}) is None

    # A presenter page reached through the console's link left the pass in a cookie.
    projector = from_address(app, GUESSER)
    assert projector.get(f"/s/{room.code}?p={pass_of(room)}").status_code == 200
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"},
                           http=projector) is None

    clock.advance(REFILL)
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) is None


def test_known_phones_and_the_facilitator_connect_whatever_the_network_has_guessed(
        limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = started_room(app)
    joined = from_address(app, GUESSER)
    assert joined.post(f"/j/{room.code}").status_code == 303
    for n in range(GUESSES):
        assert "Only the facilitator" in connect_refusal(
            app, GUESSER, {"code": room.code, "role": "facilitator", "key": f"wrong-{n}"}), n
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "facilitator",
                                          "key": "wrong-again"}) == TOO_MANY_GUESSES
    # A phone without a cookie is refused alike; the phone that joined reconnects.
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "participant"}) \
        == TOO_MANY_GUESSES
    phone = room.phone(joined)
    assert answer(phone, room.question, "Back again")["ok"] is True
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "facilitator",
                                          "key": room.key}) is None


def test_guesses_over_http_and_socketio_share_one_allowance(limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = Room(app)
    guesser = from_address(app, GUESSER)
    for n in range(GUESSES - 1):
        assert guesser.get(f"/j/{wrong_code(n)}").status_code == 404
    assert connect_refusal(app, GUESSER, {"code": wrong_code(40), "role": "presenter"}) \
        == "There is no workshop with that code."
    assert_too_many_guesses_page(guesser.get(f"/j/{room.code}"))
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) \
        == TOO_MANY_GUESSES


def test_a_phone_already_in_the_room_carries_on_while_its_network_is_refused(
        limited_app, clock):
    app = guessing_app(limited_app, clock)
    room = started_room(app)
    http = from_address(app, GUESSER)
    http.post(f"/j/{room.code}")
    phone = room.phone(http)
    guess_until_refused(app)
    assert_too_many_guesses_page(from_address(app, GUESSER).get(f"/j/{room.code}"))
    assert answer(phone, room.question, "Still taking part")["ok"] is True
    assert stored_answers(room) == ["Still taking part"]


# ---------------------------------------------------------------------- connections
def presenter_from(app, code, address):
    return socketio.test_client(app, flask_test_client=from_address(app, address),
                                auth={"code": code, "role": "presenter"})


def phone_from(app, room, address):
    http = from_address(app, address)
    assert http.post(f"/j/{room.code}").status_code == 303
    return socketio.test_client(app, flask_test_client=http,
                                auth={"code": room.code, "role": "participant"})


def console_from(app, room, address):
    return socketio.test_client(app, flask_test_client=from_address(app, address),
                                auth={"code": room.code, "role": "facilitator",
                                      "key": room.key})


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


def test_presenter_screens_have_places_of_their_own_in_a_workshop(limited_app):
    app = limited_app(MAX_PRESENTERS_PER_WORKSHOP=2, MAX_CONNECTIONS_PER_ADDRESS=2)
    room = started_room(app)
    console = room.facilitator()
    held = [presenter_from(app, room.code, GUESSER) for _ in range(2)]
    assert all(c.is_connected() for c in held)

    full = ("This workshop already has 2 presenter screens open: close one, or open the "
            "presenter screen from the facilitator's console.")
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) == full
    assert connect_refusal(app, NEIGHBOUR, {"code": room.code, "role": "presenter"}) == full
    told = [m["args"][0] for m in console.get_received() if m["name"] == "limited"]
    assert told == [{"kind": "presenters", "most": 2}]
    # Phones from the same address, the facilitator's own projector (its browser holds
    # the key) and another workshop's presenter are not held back.
    phones = [phone_from(app, room, GUESSER) for _ in range(2)]
    assert all(p.is_connected() for p in phones)
    projector = socketio.test_client(app, flask_test_client=room_console_browser(room),
                                     auth={"code": room.code, "role": "presenter"})
    assert projector.is_connected()
    assert presenter_from(app, Room(app).code, GUESSER).is_connected()

    held[0].disconnect()
    assert presenter_from(app, room.code, GUESSER).is_connected()
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "presenter"}) == full


def room_console_browser(room):
    """The facilitator's browser: it opened the facilitator link and holds the key."""
    http = room.app.test_client()
    assert http.get(f"/f/{room.code}/{room.key}").status_code == 303
    return http


def test_the_facilitators_screens_have_places_of_their_own(limited_app):
    app = limited_app(MAX_CONSOLES_PER_WORKSHOP=2, MAX_PRESENTERS_PER_WORKSHOP=1)
    room = Room(app)
    consoles = [console_from(app, room, GUESSER) for _ in range(2)]
    assert all(c.is_connected() for c in consoles)
    assert connect_refusal(app, GUESSER, {"code": room.code, "role": "facilitator",
                                          "key": room.key}) \
        == "This workshop already has 2 of the facilitator's screens open: close one first."
    assert presenter_from(app, room.code, GUESSER).is_connected()  # the room's one


def test_presenter_screens_cannot_use_up_the_places_phones_need_from_one_address(
        limited_app):
    app = limited_app(MAX_SCREENS_PER_ADDRESS=3, MAX_CONNECTIONS_PER_ADDRESS=2)
    rooms = [Room(app) for _ in range(3)]
    held = [presenter_from(app, room.code, GUESSER) for room in rooms]  # across workshops
    assert all(c.is_connected() for c in held)
    too_many_screens = "Too many presenter screens and consoles from your network."
    assert connect_refusal(app, GUESSER, {"code": rooms[0].code, "role": "presenter"}) \
        == too_many_screens
    assert connect_refusal(app, GUESSER, {"code": rooms[1].code, "role": "facilitator",
                                          "key": rooms[1].key}) == too_many_screens
    assert connect_refusal(app, NEIGHBOUR, {"code": rooms[0].code, "role": "presenter"}) \
        is None

    phones = [phone_from(app, rooms[0], GUESSER) for _ in range(2)]
    assert all(p.is_connected() for p in phones)
    assert refusal(app, {"code": rooms[0].code, "role": "participant"},
                   http=joined_from(app, rooms[0], GUESSER)) \
        == "Too many connections from your network."

    held[0].disconnect()
    assert presenter_from(app, rooms[0].code, GUESSER).is_connected()


def joined_from(app, room, address):
    http = from_address(app, address)
    assert http.post(f"/j/{room.code}").status_code == 303
    return http


def test_a_refused_connection_does_not_use_up_a_place_in_the_workshop(limited_app):
    app = limited_app(MAX_CONNECTIONS_PER_WORKSHOP=4, MAX_CONNECTIONS_PER_ADDRESS=2)
    room = Room(app)
    held = [phone_from(app, room, GUESSER) for _ in range(2)]
    for _ in range(3):  # refused for the address: must not count against the workshop
        assert refusal(app, {"code": room.code, "role": "participant"},
                       http=joined_from(app, room, GUESSER)) \
            == "Too many connections from your network."
    neighbours = [phone_from(app, room, NEIGHBOUR) for _ in range(2)]
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


# ---------------------------------------------------------------------- joining
def joining_app(limited_app, clock):
    return limited_app(clock, JOIN_BURST=3, JOINS_PER_MINUTE=30)  # then one every 2 s


def test_joins_from_one_address_are_limited_per_workshop_and_the_console_is_told(
        limited_app, clock):
    app = joining_app(limited_app, clock)
    room, other = Room(app), Room(app)
    console = room.facilitator()
    for n in range(3):
        assert from_address(app, GUESSER).post(f"/j/{room.code}").status_code == 303, n

    refused = from_address(app, GUESSER).post(
        f"/j/{room.code}?p={pass_of(room)}",  # the join link is no way round it
        data={"name": "Rhiannon ap Gruffydd", "organisation": "Police"})
    assert refused.status_code == 429
    assert str(TOO_MANY_JOINS) in refused.text
    assert 'value="Rhiannon ap Gruffydd"' in refused.text  # what was typed is kept
    assert "<option selected>Police</option>" in refused.text
    assert room.engine.workshop(room.code).joined == 3  # the refused join made nobody
    told = [m["args"][0] for m in console.get_received() if m["name"] == "limited"]
    assert told == [{"kind": "joins", "burst": 3, "per_minute": 30}]

    # Another address, and another workshop from the same address, are not held back.
    assert from_address(app, NEIGHBOUR).post(f"/j/{room.code}").status_code == 303
    assert from_address(app, GUESSER).post(f"/j/{other.code}").status_code == 303

    clock.advance(1.9)
    assert from_address(app, GUESSER).post(f"/j/{room.code}").status_code == 429
    clock.advance(0.1)
    assert from_address(app, GUESSER).post(f"/j/{room.code}").status_code == 303
    assert from_address(app, GUESSER).post(f"/j/{room.code}").status_code == 429
    # Told at most once every alerts.EVERY seconds, however often a script is refused.
    assert not [m for m in console.get_received() if m["name"] == "limited"]
    clock.advance(alerts.EVERY)  # five seconds: two and a half joins' worth
    assert [from_address(app, GUESSER).post(f"/j/{room.code}").status_code
            for _ in range(4)] == [303, 303, 429, 429]
    assert [m["args"][0]["kind"] for m in console.get_received()
            if m["name"] == "limited"] == ["joins"]
