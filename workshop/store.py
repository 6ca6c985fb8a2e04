"""The only code that talks to the database: one short transaction per change,
committed before anybody is told the change happened.

SQLAlchemy Core on one connection, not the ORM's Session: a vote runs two statements
inside the workshop's lock, and the Session's unit of work, and building each statement
afresh (SQLAlchemy then works out its cache key every time), cost more than the
database. The statements that run for every change are built once, here, so that their
compiled form is found at once; the rows read come back as named tuples, with the
models' column names.

The statements of every vote, taking the version and storing the action (and moving the
version on past a group of them), go further
(`Prepared`): compiled once for the database in use, by SQLAlchemy, and run straight on
the driver's cursor, inside the same transaction. SQLAlchemy's execution of a statement
already compiled (its parameters, cache look-up, result and context objects) cost about
three times sqlite3's own `execute`, and this runs inside the workshop's lock while
thousands of phones vote; no library offers a cheaper way to run one fixed statement.
What SQLAlchemy would do around it is kept: the values go through the columns' own
converters (dates, JSON), and a driver's error becomes SQLAlchemy's (a broken connection
is dropped from the pool), so that callers see Duplicate and StoreUnavailable as before."""
from contextlib import contextmanager

from sqlalchemy import Integer, bindparam, create_engine, delete, event, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from . import schema
from .models import Action, Activity, Participant, Workshop, utcnow

WORKSHOP, ACTIVITY = Workshop.__table__, Activity.__table__
PARTICIPANT, ACTION = Participant.__table__, Action.__table__

# Built once: these run for every change, or every screen that connects.
BUMP = (update(WORKSHOP).where(WORKSHOP.c.id == bindparam("wid"))
        .values(version=WORKSHOP.c.version + 1, last_used_at=bindparam("used"))
        .returning(WORKSHOP.c.version))
ADVANCE = (update(WORKSHOP).where(WORKSHOP.c.id == bindparam("wid"))
           .values(version=WORKSHOP.c.version + bindparam("more", type_=Integer)))
ADD_ACTION = insert(ACTION)
ACTION_COLUMNS = ("workshop_id", "activity_id", "seq", "actor", "participant_id", "client_id",
                  "name", "payload", "reply", "at")
WORKSHOP_BY_CODE = select(WORKSHOP).where(WORKSHOP.c.code == bindparam("code"))
WORKSHOP_BY_ID = select(WORKSHOP).where(WORKSHOP.c.id == bindparam("wid"))
PARTICIPANT_BY_TOKEN = select(PARTICIPANT).where(PARTICIPANT.c.token_hash == bindparam("token"))
PARTICIPANTS = (select(PARTICIPANT).where(PARTICIPANT.c.workshop_id == bindparam("wid"),
                                          PARTICIPANT.c.id > bindparam("after"))
                .order_by(PARTICIPANT.c.id))
ACTIVITIES = (select(ACTIVITY).where(ACTIVITY.c.workshop_id == bindparam("wid"))
              .order_by(ACTIVITY.c.position))
ACTIONS = (select(ACTION).where(ACTION.c.workshop_id == bindparam("wid"),
                                ACTION.c.seq > bindparam("after"))
           .order_by(ACTION.c.seq))
ACTIVITY_ACTIONS = ACTIONS.where(ACTION.c.activity_id == bindparam("aid"))
FIND_ACTION = select(ACTION).where(ACTION.c.workshop_id == bindparam("wid"),
                                   ACTION.c.actor == bindparam("actor"),
                                   ACTION.c.client_id == bindparam("cid"))


class Prepared:
    """One statement compiled once for a database and run on the driver's cursor of a
    connection, in its transaction (see the module docstring)."""

    def __init__(self, statement, dialect, column_keys=None):
        compiled = statement.compile(dialect=dialect, column_keys=column_keys)
        self.dialect, self.sql = dialect, compiled.string
        self.order = tuple(compiled.positiontup) if compiled.positional else None
        names = self.order or tuple(compiled.params)
        # The values the statement carries itself (the 1 of `version + 1`).
        self.fixed = {name: compiled.binds[name].effective_value for name in names
                      if not compiled.binds[name].required}
        converters = ((n, compiled.binds[n].type.dialect_impl(dialect).bind_processor(dialect))
                      for n in names)
        self.converters = [(name, convert) for name, convert in converters if convert]

    def run(self, connection, values):
        """Run with these values; the first row, if the statement returns one."""
        values = {**self.fixed, **values}
        for name, convert in self.converters:
            values[name] = convert(values[name])
        if self.order is not None:
            values = tuple(values[name] for name in self.order)
        driver = connection.connection  # the pool's connection, in this transaction
        cursor = driver.cursor()
        try:
            cursor.execute(self.sql, values)
            return cursor.fetchone() if cursor.description else None
        except self.dialect.loaded_dbapi.Error as exc:
            # As SQLAlchemy does for its own statements: a lost connection leaves the pool.
            lost = self.dialect.is_disconnect(exc, driver, cursor)
            if lost:
                connection.invalidate(exc)
            raise DBAPIError.instance(self.sql, values, exc, self.dialect.loaded_dbapi.Error,
                                      connection_invalidated=lost,
                                      dialect=self.dialect) from exc
        finally:
            cursor.close()


class StoreUnavailable(Exception):
    """The database could not take the change (locked, gone); nothing was written."""


class Duplicate(Exception):
    """A row with the same unique key already exists."""


def _sqlite_pragmas(busy_timeout_ms):
    def on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted means overwritten, not unlinked
        cursor.close()
    return on_connect


def engine_url(url):
    """`url` with PostgreSQL's driver named: SQLAlchemy 2.1 takes psycopg 3 for a bare
    postgresql:// URL, and Roundtable runs on psycopg2 (which psycogreen makes
    cooperative under gevent)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix):]
    return url


class Store:
    def __init__(self, url, busy_timeout_ms=5000):
        url = engine_url(url)
        self.url, self.busy_timeout_ms = url, busy_timeout_ms
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = create_engine(url, connect_args={
                "check_same_thread": False, "timeout": busy_timeout_ms / 1000})
            event.listen(self.engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        else:
            # No ping before each checkout (a round trip per change, inside the
            # workshop's lock): connections are renewed every 30 minutes instead, and one
            # the server dropped fails its change with StoreUnavailable ("try again"),
            # after which the pool holds only fresh connections.
            self.engine = create_engine(url, pool_recycle=1800, pool_size=10)
        dialect = self.engine.dialect
        self.prepared = {"bump": Prepared(BUMP, dialect), "advance": Prepared(ADVANCE, dialect),
                         "add_action": Prepared(ADD_ACTION.inline(), dialect, ACTION_COLUMNS)}

    def migrate(self):
        """Make or update the tables (schema.py)."""
        schema.migrate(self.url, self.busy_timeout_ms)

    @contextmanager
    def transaction(self):
        """One transaction: committed if the block ends normally (unless discarded), else
        rolled back."""
        try:
            with self.engine.connect() as connection:
                connection.begin()
                try:
                    yield Tx(connection, self.prepared)
                    connection.commit()  # nothing to do if it was discarded
                except BaseException:
                    connection.rollback()
                    raise
        except IntegrityError as exc:
            raise Duplicate(str(exc.orig)) from exc
        except OperationalError as exc:
            raise StoreUnavailable(str(exc.orig)) from exc


class Tx:
    """Reads and writes inside one transaction."""

    def __init__(self, connection, prepared):
        self.connection, self.prepared = connection, prepared

    def _one(self, statement, **params):
        return self.connection.execute(statement, params).one_or_none()

    def _all(self, statement, **params):
        return self.connection.execute(statement, params).all()

    # workshops
    def add_workshop(self, code, title, key_hash, organisations):
        return self.connection.execute(
            insert(WORKSHOP).returning(WORKSHOP),
            {"code": code, "title": title, "key_hash": key_hash,
             "organisations": organisations}).one()

    def workshop_by_code(self, code):
        return self._one(WORKSHOP_BY_CODE, code=code)

    def workshop(self, workshop_id):
        return self._one(WORKSHOP_BY_ID, wid=workshop_id)

    def discard(self):
        """Undo everything this transaction did so far, the version taken by `bump`
        included: the change turned out to have been made already."""
        self.connection.rollback()

    def bump(self, workshop_id):
        """Take the workshop's write lock and return its next version, in one statement."""
        row = self.prepared["bump"].run(self.connection, {"wid": workshop_id, "used": utcnow()})
        return None if row is None else row[0]

    def advance(self, workshop_id, more):
        """Move the version `more` further on: a group of changes took a version each."""
        self.prepared["advance"].run(self.connection, {"wid": workshop_id, "more": more})

    def update_workshop(self, workshop_id, **values):
        self.connection.execute(update(WORKSHOP).where(WORKSHOP.c.id == workshop_id)
                                .values(**values))

    def unused_since(self, cutoff):
        """Codes of workshops nobody has used since `cutoff`."""
        return list(self.connection.scalars(
            select(WORKSHOP.c.code).where(WORKSHOP.c.last_used_at < cutoff)))

    def claim_unused(self, workshop_id, cutoff):
        """Lock the workshop's row if nobody has used it since `cutoff`: a change racing
        the hourly deletion either lands first (and the workshop stays) or waits for it."""
        return self.connection.execute(
            update(WORKSHOP).where(WORKSHOP.c.id == workshop_id,
                                   WORKSHOP.c.last_used_at < cutoff)
            .values(version=WORKSHOP.c.version).returning(WORKSHOP.c.id)).first() is not None

    def delete_workshop(self, workshop_id):
        for table in (ACTION, ACTIVITY, PARTICIPANT):
            self.connection.execute(delete(table).where(table.c.workshop_id == workshop_id))
        self.connection.execute(delete(WORKSHOP).where(WORKSHOP.c.id == workshop_id))

    # activities
    def activities(self, workshop_id):
        return self._all(ACTIVITIES, wid=workshop_id)

    def add_activity(self, workshop_id, position, type_id, config, revealed):
        return self.connection.execute(
            insert(ACTIVITY).returning(ACTIVITY),
            {"workshop_id": workshop_id, "position": position, "type_id": type_id,
             "config": config, "revealed": revealed}).one()

    def update_activity(self, activity_id, **values):
        self.connection.execute(update(ACTIVITY).where(ACTIVITY.c.id == activity_id)
                                .values(**values))

    def delete_activity(self, activity_id):
        self.connection.execute(delete(ACTION).where(ACTION.c.activity_id == activity_id))
        self.connection.execute(delete(ACTIVITY).where(ACTIVITY.c.id == activity_id))

    # participants
    def add_participant(self, workshop_id, number, token_hash, name, organisation):
        return self.connection.execute(
            insert(PARTICIPANT).returning(PARTICIPANT),
            {"workshop_id": workshop_id, "number": number, "token_hash": token_hash,
             "name": name, "organisation": organisation}).one()

    def add_participants(self, workshop_id, rows):
        """Many participants in one statement (an import); returns {number: id}."""
        if rows:
            self.connection.execute(insert(PARTICIPANT),
                                    [{"workshop_id": workshop_id, **row} for row in rows])
        return dict(self.connection.execute(
            select(PARTICIPANT.c.number, PARTICIPANT.c.id)
            .where(PARTICIPANT.c.workshop_id == workshop_id)).all())

    def participant_by_token(self, token_hash):
        return self._one(PARTICIPANT_BY_TOKEN, token=token_hash)

    def participants(self, workshop_id, after_id=0):
        return self._all(PARTICIPANTS, wid=workshop_id, after=after_id)

    # actions
    def find_action(self, workshop_id, actor, client_id):
        return self._one(FIND_ACTION, wid=workshop_id, actor=actor, cid=client_id)

    def add_action(self, **values):
        self.prepared["add_action"].run(self.connection, values)

    def add_actions(self, rows):
        """Many actions in one statement (an import): far quicker than one by one."""
        if rows:
            self.connection.execute(ADD_ACTION, rows)

    def actions(self, workshop_id, activity_id=None, after_seq=0):
        if activity_id is None:
            return self._all(ACTIONS, wid=workshop_id, after=after_seq)
        return self._all(ACTIVITY_ACTIONS, wid=workshop_id, after=after_seq, aid=activity_id)
