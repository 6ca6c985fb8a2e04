"""Tables. A workshop's activities keep their settings; what people contribute is kept as
the ordered list of accepted actions, from which each activity's state is rebuilt."""
from datetime import UTC, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Workshop(Base):
    __tablename__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    key_hash: Mapped[str] = mapped_column(String(64))
    organisations: Mapped[list] = mapped_column(JSON, default=list)
    # The workshop's languages, in the order the presenter and the report show them,
    # e.g. "cy en_GB" (workshop/i18n.py names them).
    languages: Mapped[str] = mapped_column(String(40), default="en_GB", server_default="en_GB")
    current: Mapped[int] = mapped_column(default=-1)  # agenda position; -1: not started
    timer_ends_at: Mapped[float | None] = mapped_column(default=None)
    timer_seconds: Mapped[int | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(default=0)  # bumped by every change
    participant_count: Mapped[int] = mapped_column(default=0)
    # New people may join; those who joined before always reconnect.
    joining_open: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(default=utcnow)


class Activity(Base):
    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int]
    type_id: Mapped[str] = mapped_column(String(40))
    config: Mapped[dict] = mapped_column(JSON)
    is_open: Mapped[bool] = mapped_column(default=True)
    revealed: Mapped[bool] = mapped_column(default=True)
    # How the presenter shows it: None, its own view; {"as": "cloud", "group": ...}, its
    # items as a word cloud (of one group of them, or all when the group is None).
    display: Mapped[dict | None] = mapped_column(JSON, default=None)


class Participant(Base):
    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("workshop_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    number: Mapped[int]  # 1, 2, 3 ... within the workshop: the anonymous name
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str | None] = mapped_column(String(60), default=None)
    organisation: Mapped[str | None] = mapped_column(String(80), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Action(Base):
    """An accepted command. `client_id` makes a retried submission a no-op."""

    __tablename__ = "action"
    __table_args__ = (
        UniqueConstraint("workshop_id", "actor", "client_id"),
        Index("ix_action_workshop_seq", "workshop_id", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    seq: Mapped[int]
    actor: Mapped[str] = mapped_column(String(20))  # "p<participant id>" or "facilitator"
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None)
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    name: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    reply: Mapped[dict] = mapped_column(JSON)
    at: Mapped[float]
