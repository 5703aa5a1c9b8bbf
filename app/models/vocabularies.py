"""Controlled vocabularies (HURIDOCS micro-thesauri) with English and Russian labels."""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class VocabularyTerm(db.Model):
    __tablename__ = "vocabulary_terms"
    __table_args__ = (UniqueConstraint("vocabulary", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(40))
    parent_code: Mapped[str | None] = mapped_column(String(40))
    label_en: Mapped[str] = mapped_column(String(300))
    label_ru: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)

    def label(self, language: str = "en") -> str:
        return self.label_ru if language == "ru" and self.label_ru else self.label_en
