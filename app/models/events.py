"""The timeline: typed, dated, sourced events, and every earlier version of each."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import JSONType, Timestamp, utcnow
from app.procedure.chronology import chronological
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME, EventType
from app.procedure.when import Precision, When

if TYPE_CHECKING:
    from app.models.cases import Case
    from app.models.users import User


class Event(db.Model):
    """One procedural event or piece of evidence.

    The type's own fields live in ``fields`` (JSON) and are validated on every write by
    app.procedure.vocabulary; the columns hold what every event has. Event-reference
    fields store the target's ``uid``, which survives export and import.
    """

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_case_when", "case_id", "occurred_on", "occurred_time"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(50), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    occurred_time: Mapped[time | None] = mapped_column(Time)
    precision: Mapped[int] = mapped_column(SmallInteger)
    # The lawyer's order, which decides among events whose dates overlap (app.procedure.chronology).
    position: Mapped[int] = mapped_column(default=0)
    body: Mapped[str | None] = mapped_column(String(40))
    document_number: Mapped[str | None] = mapped_column(String(2000))
    document_title: Mapped[str | None] = mapped_column(String(2000))
    source: Mapped[str] = mapped_column(String(2000))
    notes: Mapped[str | None] = mapped_column(Text)
    # How a communication's facts tell this event, in English and in Russian, when the lawyer writes it;
    # without it the draft says the event in one sentence of its own (app.drafts.phrases).
    narrative: Mapped[str | None] = mapped_column(Text)
    narrative_ru: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)
    # Taken back (a duplicate, the wrong case, a confirmation made in error): it leaves the timeline
    # and the engine, and stays here with its history; the reason is in its last revision.
    retracted_at: Mapped[datetime | None] = mapped_column(Timestamp)

    case: Mapped[Case] = relationship(back_populates="events")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    revisions: Mapped[list[EventRevision]] = relationship(
        back_populates="event", cascade="all, delete-orphan",
        order_by="EventRevision.revision")

    __mapper_args__ = {"version_id_col": version}

    def __init__(self, **kwargs: Any) -> None:
        # The uid is needed before the first flush: imports link events by it.
        kwargs.setdefault("uid", str(uuid.uuid4()))
        super().__init__(**kwargs)

    @property
    def when(self) -> When:
        return When.from_parts(self.occurred_on, self.occurred_time, Precision(self.precision))

    @when.setter
    def when(self, value: When) -> None:
        self.occurred_on = value.day
        self.occurred_time = value.clock
        self.precision = int(value.precision)

    @property
    def event_type(self) -> EventType:
        return EVENT_TYPES_BY_NAME[self.type]

    def snapshot(self) -> dict[str, Any]:
        """Everything a lawyer can change, as stored: what a revision keeps."""
        return {
            "type": self.type,
            "at": self.when.isoformat(),
            "body": self.body,
            "document_number": self.document_number,
            "document_title": self.document_title,
            "source": self.source,
            "notes": self.notes,
            "narrative": self.narrative,
            "narrative_ru": self.narrative_ru,
            "fields": dict(self.fields or {}),
        }

    def references(self) -> list[str]:
        """The uids of the events this one points at (the decision appealed, the one served…)."""
        fields = self.fields or {}
        return [fields[name] for name in self.event_type.reference_fields() if fields.get(name)]

    def __repr__(self) -> str:
        return f"<Event {self.type} {self.when}>"


def timeline_order(events: list[Event]) -> list[Event]:
    """Stored events (in the lawyer's order) in the timeline's order (app.procedure.chronology),
    without the retracted ones."""
    kept = sorted((e for e in events if e.retracted_at is None), key=lambda e: (e.position, e.id or 0))
    return chronological(kept, when=lambda e: e.when, key=lambda e: e.uid, refs=Event.references)


class EventRevision(db.Model):
    """The state of an event before a correction, with who corrected it, when and why."""

    __tablename__ = "event_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column()
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONType)
    reason: Mapped[str] = mapped_column(String(2000))
    changed_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    event: Mapped[Event] = relationship(back_populates="revisions")
    changed_by: Mapped[User | None] = relationship()
