"""How Alembic reaches the database. The server hands over its own connection
(Store.migrate, in one transaction); the `alembic` command line (see README.md here)
connects to DATABASE_URL, the server's setting."""
from alembic import context
from sqlalchemy import create_engine

from workshop.config import load
from workshop.models import Base
from workshop.store import engine_url


def run(connection):
    # Batch mode: SQLite changes a table by copying it, which Alembic writes for us.
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = create_engine(engine_url(load()["DATABASE_URL"]))
    with engine.connect() as connection:
        run(connection)
    engine.dispose()
