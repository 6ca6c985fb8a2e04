"""The database's tables, brought up to the newest migration (migrations/) at start.

Every migration runs in one transaction. On SQLite that needs a connection of its own:
the driver would otherwise commit each CREATE or ALTER by itself, and Alembic changes a
SQLite table by copying it and dropping the old one, which with foreign keys on (as the
server's connections have them) deletes every row that refers to it. So this connection
has foreign keys off, begins with the write lock (BEGIN IMMEDIATE), and checks the foreign
keys before it commits. On PostgreSQL an advisory lock makes processes that start
together take turns.

A database made before there were migrations (by create_all) has the baseline's tables
and no alembic_version: it is stamped at the baseline, not made again, and nothing in it
is lost.
"""
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.pool import NullPool

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
BASELINE = "0001"  # migrations/versions/0001_baseline.py: the tables create_all made
BASELINE_TABLES = {"workshop", "activity", "participant", "action"}
MIGRATION_LOCK = 0x52540001  # the PostgreSQL advisory lock's key: any fixed number


def migrate(url, busy_timeout_ms=5000):
    """Bring the database at `url` (as Store uses it) to the newest migration."""
    sqlite = url.startswith("sqlite")
    engine = _sqlite_engine(url, busy_timeout_ms) if sqlite else \
        create_engine(url, poolclass=NullPool)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if not sqlite:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection  # read by migrations/env.py
            tables = set(inspect(connection).get_table_names())
            if "alembic_version" not in tables and tables & BASELINE_TABLES:
                if not BASELINE_TABLES <= tables:
                    raise RuntimeError(
                        "The database has some of Roundtable's tables but not all "
                        f"(missing: {', '.join(sorted(BASELINE_TABLES - tables))}) and no "
                        "record of migrations. Restore it from a backup, or start on an "
                        "empty database.")
                command.stamp(config, BASELINE)
            command.upgrade(config, "head")
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise RuntimeError("A migration left rows that refer to missing ones; "
                                   "nothing was changed.")
    finally:
        engine.dispose()


def _sqlite_engine(url, busy_timeout_ms):
    engine = create_engine(url, poolclass=NullPool,
                           connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # transactions are begun below, not by it

    @event.listens_for(engine, "begin")
    def begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
