"""The tables come from migrations/: a fresh database is made by them, a database made by
the release before them (create_all) is taken over without losing a workshop, and the
models and the migrations describe the same tables.

tests/fixtures/databases holds what that release left: a SQLite file (the busy workshop
of tests/fixtures/archives, imported by it) and the statements its create_all ran on
PostgreSQL, into which the same rows are copied."""
import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, func, inspect, select, text

from workshop import archive, schema
from workshop.engine import Engine
from workshop.models import Base
from workshop.store import Store, engine_url

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
OLD_SQLITE = FIXTURES / "databases" / "2026-12-04-create_all.sqlite3"
OLD_POSTGRESQL = FIXTURES / "databases" / "2026-12-04-create_all.postgresql.sql"
KEPT = FIXTURES / "archives" / "2026-12-04-busy-workshop.json"
POSTGRES_URL = os.environ.get("ROUNDTABLE_TEST_POSTGRES_URL")
DATABASES = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
TABLES = {"workshop", "activity", "participant", "action"}


def head():
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


@pytest.fixture(params=DATABASES)
def empty_url(request, tmp_path):
    """An empty database: a SQLite file, or a PostgreSQL schema of this test's own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'roundtable.db'}"
        return
    name = f"migrate_{os.getpid()}_{secrets.token_hex(4)}"
    admin = sqlalchemy.create_engine(engine_url(POSTGRES_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{name}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


def differences(store):
    """What autogenerate would write in a new migration: nothing, when they agree."""
    with store.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def version(store):
    with store.engine.connect() as connection:
        return connection.scalar(text("SELECT version_num FROM alembic_version"))


def counts(store):
    with store.engine.connect() as connection:
        return {t: connection.scalar(text(f'SELECT count(*) FROM "{t}"')) for t in TABLES}


def kept_results():
    return json.loads(KEPT.read_text("utf-8"))["results"]


def the_workshop(store):
    """The one workshop in the database, as the engine reads it: its results. (Nothing
    waited for review before there was review: `held_for_review`, empty, is left aside.)"""
    with store.engine.connect() as connection:
        [code] = connection.scalars(text("SELECT code FROM workshop")).all()
    results = archive.export_document(Engine(store), code)["results"]
    for result in results:
        assert result.pop("held_for_review", []) == [], result["type"]
    return results


def made_by_the_old_release(url):
    """The database the release before migrations left at `url`, the busy workshop in it."""
    if url.startswith("sqlite:///"):
        shutil.copy(OLD_SQLITE, url.removeprefix("sqlite:///"))
        return
    old = sqlalchemy.create_engine(f"sqlite:///{OLD_SQLITE}")
    new = sqlalchemy.create_engine(engine_url(url))
    with old.connect() as source, new.begin() as target:
        for statement in OLD_POSTGRESQL.read_text().split(";"):
            if statement.strip():
                target.execute(text(statement))
        tables = MetaData()
        tables.reflect(target)
        for table in tables.sorted_tables:
            rows = [dict(row._mapping) for row in source.execute(select(table))]
            target.execute(table.insert(), rows)
            # As the old release's own inserts would have left the id sequence.
            target.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                                f"'id'), (SELECT max(id) FROM \"{table.name}\"))"))
    old.dispose()
    new.dispose()


def test_a_fresh_database_is_made_by_the_migrations_and_matches_the_models(empty_url):
    store = Store(empty_url)
    store.migrate()
    assert version(store) == head()
    assert set(inspect(store.engine).get_table_names()) == TABLES | {"alembic_version"}
    assert differences(store) == []
    engine = Engine(store)
    code, _key = engine.create_workshop("Sharing well", ["Council"])
    store.migrate()  # the next start: nothing to do, nothing lost
    assert engine.workshop(code).title == "Sharing well"
    store.engine.dispose()


def test_a_database_made_by_create_all_is_taken_over_with_every_workshop(empty_url):
    made_by_the_old_release(empty_url)
    store = Store(empty_url)
    before = counts(store)
    assert before["action"] > 250 and before["participant"] == 13
    assert "alembic_version" not in inspect(store.engine).get_table_names()

    store.migrate()
    assert version(store) == head()
    assert counts(store) == before
    assert the_workshop(store) == kept_results()
    assert differences(store) == []
    engine = Engine(store)  # and it takes new workshops, numbered after the old ones
    code, _key = engine.create_workshop("After the upgrade", ["Council"])
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(
            Base.metadata.tables["workshop"])) == 2
    assert engine.workshop(code).title == "After the upgrade"
    store.engine.dispose()


def test_processes_starting_together_take_turns_to_make_the_tables(empty_url):
    """Four processes, each ready (imported, connected) before any migrates, then let go
    together."""
    code = ("import sys; from workshop.store import Store; store = Store(sys.argv[1]); "
            "print('ready', flush=True); sys.stdin.readline(); store.migrate()")
    starts = [subprocess.Popen([sys.executable, "-c", code, empty_url], cwd=ROOT, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE) for _ in range(4)]
    try:
        assert [process.stdout.readline() for process in starts] == ["ready\n"] * 4
        for process in starts:
            process.stdin.write("go\n")
            process.stdin.flush()
        ended = [(process.communicate(timeout=120)[1], process.returncode)
                 for process in starts]
    finally:
        for process in starts:
            process.kill()
    assert [error for error, status in ended if status] == []
    store = Store(empty_url)
    assert version(store) == head() and differences(store) == []
    store.engine.dispose()


def test_a_database_with_only_some_of_the_tables_is_refused_untouched(empty_url):
    store = Store(empty_url)
    with store.engine.begin() as connection:
        Base.metadata.tables["workshop"].create(connection)
    with pytest.raises(RuntimeError, match="missing: action, activity, participant"):
        store.migrate()
    assert set(inspect(store.engine).get_table_names()) == {"workshop"}
    store.engine.dispose()


LATER = '''
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = depends_on = None


def upgrade():
    # A longer title, in the table every other refers to: SQLite copies the table and
    # drops the old one.
    with op.batch_alter_table("workshop") as batch:
        batch.alter_column("title", type_=sa.String({length}), existing_nullable=False)
    {then}


def downgrade():
    pass
'''


@pytest.fixture
def later_migrations(tmp_path, monkeypatch):
    """migrations/ with more revisions after it, as a later release would have them."""
    folder = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(schema, "MIGRATIONS", folder)

    def add(revision, down, length, then="pass"):
        (folder / "versions" / f"{revision}_later.py").write_text(LATER.format(
            revision=revision, down=down, length=length, then=then))
    return add


def title_length(store):
    [title] = [c for c in inspect(store.engine).get_columns("workshop") if c["name"] == "title"]
    return title["type"].length


def test_a_later_migration_that_copies_a_table_keeps_the_rows_that_refer_to_it(
        empty_url, later_migrations):
    made_by_the_old_release(empty_url)
    store = Store(empty_url)
    before = counts(store)
    later_migrations("9001", head(), 200)
    store.migrate()
    assert version(store) == "9001" and title_length(store) == 200
    assert counts(store) == before
    assert the_workshop(store) == kept_results()
    store.engine.dispose()


def test_a_migration_that_fails_changes_nothing(empty_url, later_migrations):
    store = Store(empty_url)
    store.migrate()
    now = head()
    later_migrations("9001", now, 200)
    later_migrations("9002", "9001", 300, then='raise RuntimeError("a broken step")')
    with pytest.raises(RuntimeError, match="a broken step"):
        store.migrate()
    assert version(store) == now and title_length(store) == 120
    assert set(inspect(store.engine).get_table_names()) == TABLES | {"alembic_version"}
    store.engine.dispose()
