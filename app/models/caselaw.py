"""The committees' decisions and general comments a communication cites: a small library admins keep."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import JSONType, Timestamp, utcnow


class CaseLaw(db.Model):
    """A decision, Views or a general comment, with its holding in one sentence (English and Russian) and the
    provisions (``CAT-12``, ``ICCPR-7``) and red flags (``decision-not-served``) it supports."""

    __tablename__ = "case_law"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)  # e.g. "gerasimov-v-kazakhstan"
    committee: Mapped[str] = mapped_column(String(10))  # CAT, HRC
    kind: Mapped[str] = mapped_column(String(20))  # decision (CAT), views (HRC), general_comment
    title_en: Mapped[str] = mapped_column(String(300))
    title_ru: Mapped[str] = mapped_column(String(300))
    symbol: Mapped[str] = mapped_column(String(100))  # "CAT/C/48/D/433/2010", "CAT/C/GC/2"
    adopted: Mapped[date | None] = mapped_column(Date)
    holding_en: Mapped[str] = mapped_column(Text)
    holding_ru: Mapped[str] = mapped_column(Text)
    provisions: Mapped[list[str]] = mapped_column(JSONType, default=list)
    rules: Mapped[list[str]] = mapped_column(JSONType, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    # checked against the decision's own text (symbol, date, paragraphs); a draft asks counsel to check the rest
    verified: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    note: Mapped[str | None] = mapped_column(Text)  # where it was checked, and what is still to check
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
