"""What admins configure about the law's arithmetic, and what changed because of it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.derived import LocalTime
from app.models.types import Timestamp, utcnow
from app.models.users import User


class CalendarAdjustment(db.Model):
    """A day the government declared off (or a Saturday made a working day) that the
    holiday package does not know yet."""

    __tablename__ = "calendar_adjustments"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column()
    name: Mapped[str] = mapped_column(String(200))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    by: Mapped[User | None] = relationship()


class RuleSetting(db.Model):
    """An admin's value for a *(verify)* term; it wins over the deployment's RULE_OVERRIDES."""

    __tablename__ = "rule_settings"

    term: Mapped[str] = mapped_column(String(60), primary_key=True)
    amount: Mapped[int] = mapped_column()
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    by: Mapped[User | None] = relationship()


class DeadlineChange(db.Model):
    """A stored due date that moved because the calendar or a rule's value changed."""

    __tablename__ = "deadline_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(60))
    from_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    old_due: Mapped[datetime | None] = mapped_column(LocalTime)
    new_due: Mapped[datetime | None] = mapped_column(LocalTime)
    old_outcome: Mapped[str | None] = mapped_column(String(20))
    new_outcome: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
