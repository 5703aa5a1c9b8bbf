"""The audit trail: who saw or changed what, and when. Append-only.

No code path updates or deletes an entry, and the migration adds database triggers that
refuse UPDATE and DELETE on the table, so the trail survives a bug or a careless query.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import JSONType, Timestamp, utcnow
from app.models.users import User


class AuditEntry(db.Model):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_case_at", "case_id", "at"), Index("ix_audit_log_user_at", "user_id", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(300))  # the user's e-mail, or "cli", "system"
    action: Mapped[str] = mapped_column(String(40))  # view, export, download, create, update, delete, ...
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(60))
    case_id: Mapped[int | None] = mapped_column()  # no foreign key: the trail outlives the case
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    user: Mapped[User | None] = relationship()
