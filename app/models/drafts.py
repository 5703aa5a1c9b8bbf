"""UN communication drafts, every saved version of them, and the committees available."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.cases import Case
from app.models.types import JSONType, Timestamp, utcnow
from app.models.users import User


class Draft(db.Model):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    committee: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(5))
    provisions: Mapped[list[str]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship()
    created_by: Mapped[User | None] = relationship()
    versions: Mapped[list[DraftVersion]] = relationship(back_populates="draft", cascade="all, delete-orphan",
                                                        order_by="DraftVersion.number")

    @property
    def latest(self) -> DraftVersion:
        return self.versions[-1]


class DraftVersion(db.Model):
    """The narrative sections as they stood after a generation or a lawyer's edit."""

    __tablename__ = "draft_versions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(20))  # generated / edited / regenerated
    texts: Mapped[dict[str, Any]] = mapped_column(JSONType)
    edited_sections: Mapped[list[str]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    draft: Mapped[Draft] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()


class TreatyProcedure(db.Model):
    """Whether Kazakhstan accepts a committee's individual communications (admins edit it)."""

    __tablename__ = "treaty_procedures"

    committee: Mapped[str] = mapped_column(String(10), primary_key=True)
    available: Mapped[bool] = mapped_column()
    in_force_since: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
