"""What the procedure engine derives from a timeline, stored for the dashboard.

Nobody edits these rows: every event write replaces a case's rows in the same
transaction, and ``flask flags recompute`` rebuilds them all. Times are Almaty wall-clock
times, as events are. Acknowledgements are kept apart, by the flag's key, so that a
recomputation never loses a supervisor's comment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from app.extensions import db
from app.models.cases import Case
from app.models.types import JSONType, Timestamp, utcnow
from app.models.users import User
from app.procedure.results import Deadline, Status

LocalTime = DateTime(timezone=False)


class DescNullsLast(ColumnElement[Any]):
    """An index column sorted ``DESC NULLS LAST``, as ``ORDER BY ... .desc().nulls_last()`` asks.

    PostgreSQL needs the words (its ``DESC`` puts NULL first); SQLite refuses them in an index
    but sorts NULL lowest, so its plain ``DESC`` is the same order.
    """

    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column


@compiles(DescNullsLast)
def _desc_nulls_last(element: DescNullsLast, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{compiler.process(element.column, **kw)} DESC NULLS LAST"


@compiles(DescNullsLast, "sqlite")
def _desc_nulls_last_sqlite(element: DescNullsLast, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{compiler.process(element.column, **kw)} DESC"


class Phrased:
    """Rows whose sentences are also kept as phrases (their ``phrases`` column: part → phrase JSON)."""

    def phrase(self, part: str) -> dict | str:
        """``part`` as stored phrase JSON when there is one (the ``say`` filter words it in the
        reader's language), else as its English text."""
        return (self.phrases or {}).get(part) or getattr(self, part)


class CaseDeadline(Phrased, db.Model):
    __tablename__ = "case_deadlines"
    __table_args__ = (
        # "Due soon" (latest_due >= now AND earliest_due < horizon): both bounds checked in the index.
        Index("ix_case_deadlines_open_due", "outcome", "latest_due", "earliest_due"),
        # The dashboard's overdue list walks this backwards: open deadlines only.
        Index("ix_case_deadlines_open_latest", "latest_due", postgresql_where=text("outcome IS NULL"),
              sqlite_where=text("outcome IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(60), index=True)
    from_event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    end_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    due: Mapped[datetime | None] = mapped_column(LocalTime)  # None: cannot be named
    earliest_due: Mapped[datetime | None] = mapped_column(LocalTime)
    latest_due: Mapped[datetime | None] = mapped_column(LocalTime)
    outcome: Mapped[str | None] = mapped_column(String(20))  # None while open
    in_hours: Mapped[bool] = mapped_column(default=False)  # an hour term: its due moment is a minute
    note: Mapped[str] = mapped_column(Text, default="")
    # How the due date was computed, in words (app.procedure.explain): {"kind", "steps", "text"};
    # stored with the date it explains, so a page never derives the case again to show it.
    explanation: Mapped[dict | None] = mapped_column(JSONType)
    # The note as a phrase ({"note": …}, app.procedure.phrase), said in each reader's language.
    phrases: Mapped[dict | None] = mapped_column(JSONType)

    case: Mapped[Case] = relationship()

    def status_at(self, now: datetime) -> str:
        """running / met / missed / not-recorded / cannot-compute / ended-by-death, as the engine
        defines it."""
        deadline = Deadline(self.rule, self.from_event_id, None, self.earliest_due, self.latest_due,
                            self.end_event_id, Status(self.outcome) if self.outcome else None, in_hours=self.in_hours)
        return deadline.status(now).value


class CaseFlag(Phrased, db.Model):
    __tablename__ = "case_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(60), index=True)
    severity: Mapped[str] = mapped_column(String(20))
    # What it rests on (DOMAIN.md §8): "record" (events show the breach) or "absence" (nothing
    # recorded where something was due); an absence flag names the step a lawyer may confirm not done.
    basis: Mapped[str] = mapped_column(String(10), default="record")
    step: Mapped[str | None] = mapped_column(String(50))
    key: Mapped[str] = mapped_column(String(500))
    event_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    explanation: Mapped[str] = mapped_column(Text)  # in English: CSV exports, the command line
    action: Mapped[str | None] = mapped_column(Text)
    # The explanation and action as phrases (app.procedure.phrase), said in each reader's language.
    phrases: Mapped[dict | None] = mapped_column(JSONType)
    action_due: Mapped[datetime | None] = mapped_column(LocalTime)
    active_from: Mapped[datetime | None] = mapped_column(LocalTime)
    active_until: Mapped[datetime | None] = mapped_column(LocalTime)

    case: Mapped[Case] = relationship()


# The dashboard's active flags of one severity, latest first: read in the order it shows them,
# so its LIMIT stops early instead of sorting every active flag.
Index("ix_case_flags_active", CaseFlag.__table__.c.severity, DescNullsLast(CaseFlag.__table__.c.active_from),
      CaseFlag.__table__.c.id)


class FlagAcknowledgement(db.Model):
    """A supervisor saw a flag and said what is being done; kept for the record."""

    __tablename__ = "flag_acknowledgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    flag_key: Mapped[str] = mapped_column(String(500))
    rule: Mapped[str] = mapped_column(String(60))
    comment: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    user: Mapped[User] = relationship()


class CalendarToken(db.Model):
    """A secret that lets a calendar program read one user's deadlines; revocable."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp)

    user: Mapped[User] = relationship()
