"""Fixtures for the unit layer: no Flask app, just the activities and the engine."""
import pytest

from tests.unit.helpers import Changes, Session, open_engine


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'roundtable.db'}"


@pytest.fixture
def changes():
    return Changes()


@pytest.fixture
def engine(db_url, changes):
    """The engine on its own (replaces the app-based fixture of the same name)."""
    return open_engine(db_url, changes)


@pytest.fixture
def session(engine):
    return Session(engine)
