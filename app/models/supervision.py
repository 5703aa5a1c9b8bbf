"""Who works on a case over time, and the decisions that need a supervisor's approval."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.cases import Case
from app.models.events import Event
from app.models.types import Timestamp, utcnow
from app.models.users import User


def _enum(kind: type[enum.StrEnum], name: str) -> Enum:
    return Enum(kind, native_enum=False, create_constraint=True, length=20,
                values_callable=lambda members: [m.value for m in members], name=name)


class Handover(db.Model):
    """A lawyer's open cases passed to a colleague at once (leave, departure, workload)."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))  # leave / departure / workload
    until: Mapped[date | None] = mapped_column(Date)  # the end of a leave, when known
    note: Mapped[str] = mapped_column(Text, default="")
    cases_moved: Mapped[int] = mapped_column(default=0)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    from_user: Mapped[User] = relationship(foreign_keys=[from_user_id])
    to_user: Mapped[User] = relationship(foreign_keys=[to_user_id])
    by: Mapped[User | None] = relationship(foreign_keys=[by_id])


class AssignmentChange(db.Model):
    """One line of a case's assignment history: a lawyer assigned or removed, by whom, why."""

    __tablename__ = "assignment_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    lawyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(20))  # assigned / removed
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("handovers.id"))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    lawyer: Mapped[User] = relationship(foreign_keys=[lawyer_id])
    by: Mapped[User | None] = relationship(foreign_keys=[by_id])
    handover: Mapped[Handover | None] = relationship()


class ApprovalKind(enum.StrEnum):
    CLOSE_CASE = "close_case"
    WITHDRAW_COMPLAINT = "withdraw_complaint"
    SEND_COMMUNICATION = "send_communication"


class ApprovalStatus(enum.StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Approval(db.Model):
    """A decision that needs a supervisor: requested → approved / rejected, then carried out once."""

    __tablename__ = "approvals"
    __table_args__ = (Index("ix_approvals_status", "status", "requested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ApprovalKind] = mapped_column(_enum(ApprovalKind, "approval_kind"))
    status: Mapped[ApprovalStatus] = mapped_column(_enum(ApprovalStatus, "approval_status"),
                                                   default=ApprovalStatus.REQUESTED)
    reason: Mapped[str] = mapped_column(Text)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp)
    comment: Mapped[str] = mapped_column(Text, default="")
    # The event that carried the approved decision out (a withdrawal, a submission); None for
    # a closure, which the approval itself performs.
    used_by_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    used_by_event: Mapped[Event | None] = relationship()
