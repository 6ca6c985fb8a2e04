"""Fixtures for the live layer; the app, Room and test clients come from tests/conftest.py."""
import pytest


@pytest.fixture
def running(room):
    """A workshop with one open question, started; its id is room.question."""
    room.question = room.add_question()
    room.control("start")
    return room
