"""The only code that talks to the database: one short transaction per change,
committed before anybody is told the change happened."""
from contextlib import contextmanager

from sqlalchemy import create_engine, delete, event, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from . import schema
from .models import Action, Activity, Participant, Workshop, utcnow


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
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self):
        """Make or update the tables (schema.py)."""
        schema.migrate(self.url, self.busy_timeout_ms)

    @contextmanager
    def transaction(self):
        session = self._sessions()
        try:
            yield Tx(session)
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            raise Duplicate(str(exc.orig)) from exc
        except OperationalError as exc:
            session.rollback()
            raise StoreUnavailable(str(exc.orig)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


class Tx:
    """Reads and writes inside one transaction."""

    def __init__(self, session: Session):
        self.session = session

    # workshops
    def add_workshop(self, code, title, key_hash, organisations):
        workshop = Workshop(code=code, title=title, key_hash=key_hash,
                            organisations=organisations)
        self.session.add(workshop)
        self.session.flush()
        return workshop

    def workshop_by_code(self, code):
        return self.session.scalar(select(Workshop).where(Workshop.code == code))

    def workshop(self, workshop_id):
        return self.session.get(Workshop, workshop_id)

    def discard(self):
        """Undo everything this transaction did so far, the version taken by `bump`
        included: the change turned out to have been made already."""
        self.session.rollback()

    def bump(self, workshop_id):
        """Take the workshop's write lock and return its next version, in one statement.
        Core, not the ORM: this and add_action run for every vote, inside the lock."""
        table = Workshop.__table__
        return self.session.scalar(
            update(table).where(table.c.id == workshop_id)
            .values(version=table.c.version + 1, last_used_at=utcnow())
            .returning(table.c.version))

    def update_workshop(self, workshop_id, **values):
        self.session.execute(update(Workshop).where(Workshop.id == workshop_id).values(**values))

    def unused_since(self, cutoff):
        """Codes of workshops nobody has used since `cutoff`."""
        return list(self.session.scalars(
            select(Workshop.code).where(Workshop.last_used_at < cutoff)))

    def claim_unused(self, workshop_id, cutoff):
        """Lock the workshop's row if nobody has used it since `cutoff`: a change racing
        the hourly deletion either lands first (and the workshop stays) or waits for it."""
        table = Workshop.__table__
        return self.session.scalar(
            update(table).where(table.c.id == workshop_id, table.c.last_used_at < cutoff)
            .values(version=table.c.version).returning(table.c.id)) is not None

    def delete_workshop(self, workshop_id):
        for table in (Action, Activity, Participant):
            self.session.execute(delete(table).where(table.workshop_id == workshop_id))
        self.session.execute(delete(Workshop).where(Workshop.id == workshop_id))

    # activities
    def activities(self, workshop_id):
        return list(self.session.scalars(
            select(Activity).where(Activity.workshop_id == workshop_id)
            .order_by(Activity.position)))

    def add_activity(self, workshop_id, position, type_id, config, revealed):
        activity = Activity(workshop_id=workshop_id, position=position, type_id=type_id,
                            config=config, revealed=revealed)
        self.session.add(activity)
        self.session.flush()
        return activity

    def update_activity(self, activity_id, **values):
        self.session.execute(update(Activity).where(Activity.id == activity_id).values(**values))

    def delete_activity(self, activity_id):
        self.session.execute(delete(Action).where(Action.activity_id == activity_id))
        self.session.execute(delete(Activity).where(Activity.id == activity_id))

    # participants
    def add_participant(self, workshop_id, number, token_hash, name, organisation):
        participant = Participant(workshop_id=workshop_id, number=number,
                                  token_hash=token_hash, name=name, organisation=organisation)
        self.session.add(participant)
        self.session.flush()
        return participant

    def add_participants(self, workshop_id, rows):
        """Many participants in one statement (an import); returns {number: id}."""
        if rows:
            self.session.execute(insert(Participant.__table__),
                                 [{"workshop_id": workshop_id, **row} for row in rows])
        return dict(self.session.execute(
            select(Participant.number, Participant.id)
            .where(Participant.workshop_id == workshop_id)).all())

    def participant_by_token(self, token_hash):
        return self.session.scalar(select(Participant).where(Participant.token_hash == token_hash))

    def participants(self, workshop_id, after_id=0):
        return list(self.session.scalars(
            select(Participant).where(Participant.workshop_id == workshop_id,
                                      Participant.id > after_id)
            .order_by(Participant.id)))

    # actions
    def find_action(self, workshop_id, actor, client_id):
        return self.session.scalar(select(Action).where(
            Action.workshop_id == workshop_id, Action.actor == actor,
            Action.client_id == client_id))

    def add_action(self, **values):
        self.session.execute(insert(Action.__table__).values(**values))

    def add_actions(self, rows):
        """Many actions in one statement (an import): far quicker than one by one."""
        if rows:
            self.session.execute(insert(Action.__table__), rows)

    def actions(self, workshop_id, activity_id=None, after_seq=0):
        query = select(Action).where(Action.workshop_id == workshop_id, Action.seq > after_seq)
        if activity_id is not None:
            query = query.where(Action.activity_id == activity_id)
        return list(self.session.scalars(query.order_by(Action.seq)))
