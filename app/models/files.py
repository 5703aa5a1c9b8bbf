"""Evidence files (medical reports, decisions, photos), encrypted at rest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.cases import Case
from app.models.types import Timestamp, utcnow
from app.models.users import User


class EvidenceFile(db.Model):
    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    original_name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(2000))
    # For a communication's annexes: the document's language and whether a translation is attached.
    language: Mapped[str | None] = mapped_column(String(8))  # "ru", "kk", "en", …
    translation: Mapped[str | None] = mapped_column(String(20))  # "none", "attached", "needed"
    content_type: Mapped[str] = mapped_column(String(100))  # detected from the content, not the name
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))  # of the plaintext, checked on every download
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    archived_at: Mapped[datetime | None] = mapped_column(Timestamp)  # "deleted": kept, hidden

    case: Mapped[Case] = relationship()
    uploaded_by: Mapped[User | None] = relationship()
