"""A case: one complainant's (or one deceased person's) matter, and who works on it."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import Timestamp, utcnow

if TYPE_CHECKING:
    from app.models.events import Event
    from app.models.people import CaseParty
    from app.models.users import User

# Victim flags (DOMAIN.md §1) as one boolean column each: cheap to filter and count.
VICTIM_FLAG_COLUMNS = {
    "minor": "victim_minor",
    "woman": "victim_woman",
    "disability": "victim_disability",
    "foreign_national": "victim_foreign_national",
    "in_custody_now": "victim_in_custody_now",
}


class Case(db.Model):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    region: Mapped[str | None] = mapped_column(String(40), index=True)
    city: Mapped[str | None] = mapped_column(String(200))
    place_type: Mapped[str | None] = mapped_column(String(40))
    perpetrator_agency: Mapped[str | None] = mapped_column(String(40))
    victim_minor: Mapped[bool] = mapped_column(default=False)
    victim_woman: Mapped[bool] = mapped_column(default=False)
    victim_disability: Mapped[bool] = mapped_column(default=False)
    victim_foreign_national: Mapped[bool] = mapped_column(default=False)
    victim_in_custody_now: Mapped[bool] = mapped_column(default=False)
    incident: Mapped[str | None] = mapped_column(String(100), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    summary_ru: Mapped[str | None] = mapped_column(Text)
    summary_in_draft: Mapped[bool] = mapped_column(default=False)  # the facts of a communication open with it
    # Derived on write: reference, title, summary, incident lower-cased in Python (any script).
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Derived from the timeline by app.procedure.stage, never typed in: " appeal international ".
    stages: Mapped[str] = mapped_column(String(200), default=" intake ", index=True)
    # Derived with the stages: the day of the latest event, for "no event for 90 days" at any size.
    last_event_on: Mapped[date | None] = mapped_column(Date, index=True)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # The coalition's file is closed (after a supervisor approved it); None while work goes on.
    closed_at: Mapped[datetime | None] = mapped_column(Timestamp, index=True)

    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id])
    assignments: Mapped[list[CaseAssignment]] = relationship(
        back_populates="case", cascade="all, delete-orphan")
    parties: Mapped[list[CaseParty]] = relationship(
        back_populates="case", cascade="all, delete-orphan")
    # In the lawyer's order; ``timeline`` puts them in the timeline's order.
    events: Mapped[list[Event]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="(Event.position, Event.id)")

    __mapper_args__ = {"version_id_col": version}

    @property
    def timeline(self) -> list[Event]:
        """The events in the one order pages, the dossier and drafts share (DOMAIN.md §8)."""
        from app.models.events import timeline_order  # the two models refer to each other
        return timeline_order(self.events)

    @property
    def victim_flags(self) -> list[str]:
        return [code for code, column in VICTIM_FLAG_COLUMNS.items() if getattr(self, column)]

    @property
    def stage_list(self) -> list[str]:
        return self.stages.split()

    def __repr__(self) -> str:
        return f"<Case {self.reference}>"


class CaseAssignment(db.Model):
    """A lawyer assigned to a case."""

    __tablename__ = "case_assignments"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    assigned_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="assignments")
    user: Mapped[User] = relationship()
