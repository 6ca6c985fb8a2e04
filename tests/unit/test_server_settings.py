"""The server's settings from the environment (workshop/config.py), and the start-up checks
that stop a server rather than run it wrongly."""
import types

import pytest
import simple_websocket

from workshop import config, websocket


def test_settings_from_the_environment_are_read_as_what_they_are():
    loaded = config.load(environ={"PORT": "8080", "BROADCAST_INTERVAL": "0.5",
                                  "COOKIE_SECURE": " Yes ", "ROUNDTABLE_ASYNC_MODE": "eventlet"})
    assert (loaded["PORT"], loaded["BROADCAST_INTERVAL"], loaded["COOKIE_SECURE"],
            loaded["ROUNDTABLE_ASYNC_MODE"]) == (8080, 0.5, True, "eventlet")
    for no in ("0", "false", "No", "off", ""):
        assert config.load(environ={"COOKIE_SECURE": no})["COOKIE_SECURE"] is False


@pytest.mark.parametrize("name, value", [
    ("PORT", "abc"), ("PORT", "80.5"), ("PORT", "-1"), ("PORT", "70000"),
    ("RETENTION_DAYS", "thirty"), ("BROADCAST_INTERVAL", "nan"),
    ("EVENTS_PER_SECOND", "-2"), ("EVENTS_PER_SECOND", "inf"),
    ("COOKIE_SECURE", "ture"), ("COOKIE_SECURE", "2"),
    ("ROUNDTABLE_ASYNC_MODE", "gevnt")])
def test_a_setting_that_cannot_be_used_stops_the_start_naming_it_and_its_value(name, value):
    with pytest.raises(config.SettingError) as refused:
        config.load(environ={name: value})
    assert str(refused.value).startswith(f"{name}={value!r} cannot be used: give ")


def test_the_bounded_websocket_reader_goes_in_where_engineio_uses_simple_websocket():
    server = types.SimpleNamespace(eio=types.SimpleNamespace(
        async_mode="gevent", _async={"websocket": websocket.SimpleWebSocketWSGI}))
    assert websocket.install(server) is True
    assert issubclass(server.eio._async["websocket"], websocket._Bounded)
    eventlet = types.SimpleNamespace(eio=types.SimpleNamespace(
        async_mode="eventlet", _async={"websocket": object}))
    assert websocket.install(eventlet) is False  # eventlet reads one message at a time
    assert issubclass(eventlet.eio._async["websocket"], websocket._CheckedFrames)  # frames


def test_a_server_that_would_run_without_the_bounded_reader_does_not_start():
    other = types.SimpleNamespace(eio=types.SimpleNamespace(
        async_mode="gevent", _async={"websocket": object}))  # say, gevent-websocket
    with pytest.raises(RuntimeError, match="cannot bound what one connection"):
        websocket.install(other)


def test_an_upgrade_that_changes_what_the_reader_relies_on_stops_the_start(monkeypatch):
    assert websocket.missing_internals() == []
    monkeypatch.delattr(simple_websocket.ws.Base, "_handle_events")
    server = types.SimpleNamespace(eio=types.SimpleNamespace(
        async_mode="gevent", _async={"websocket": websocket.SimpleWebSocketWSGI}))
    with pytest.raises(RuntimeError, match="_handle_events"):
        websocket.install(server)

    def reads_all_at_once(self):  # a reading loop that no longer hands each chunk over
        self.input_buffer.append(self.sock.recv(4096))

    monkeypatch.undo()
    monkeypatch.setattr(simple_websocket.ws.Base, "_thread", reads_all_at_once)
    assert websocket.missing_internals() == [
        "simple-websocket's reading loop using self._handle_events()",
        "simple-websocket's reading loop using while self.connected"]


def test_an_upgrade_that_changes_what_the_writer_relies_on_stops_the_start(monkeypatch):
    def handshake_from_elsewhere(self):  # the offer of compression no longer read from environ
        self.connected = self._handle_events()

    monkeypatch.setattr(simple_websocket.Server, "handshake", handshake_from_elsewhere)
    assert websocket.missing_internals() == [
        "simple-websocket's handshake using self.environ.items()"]


def test_an_eventlet_that_would_agree_to_compression_another_way_stops_the_start(monkeypatch):
    from eventlet import websocket as eventlet_websocket

    assert websocket.missing_internals(eventlet=True) == []
    monkeypatch.delattr(eventlet_websocket.WebSocketWSGI, "_negotiate_permessage_deflate")
    server = types.SimpleNamespace(eio=types.SimpleNamespace(
        async_mode="eventlet", _async={"websocket": object}))
    with pytest.raises(RuntimeError, match="_negotiate_permessage_deflate"):
        websocket.install(server)
    assert server.eio._async["websocket"] is object
