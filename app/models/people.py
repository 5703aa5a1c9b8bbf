"""People and the roles they hold in cases."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import JSONType, Timestamp, utcnow

if TYPE_CHECKING:
    from app.models.cases import Case


class Person(db.Model):
    """A victim, witness, officer or lawyer; the name may be unknown ("six officers")."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(2000))
    aliases: Mapped[list[str]] = mapped_column(JSONType, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    # Derived on write: every spelling, lower-cased, for search across spellings.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Derived on write: " key key … ", the script-independent keys (app/services/names.py) of
    # every word of the name, the aliases and the description, for search across scripts.
    name_keys: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    parties: Mapped[list[CaseParty]] = relationship(back_populates="person")

    __mapper_args__ = {"version_id_col": version}

    @property
    def display_name(self) -> str:
        return self.name or self.description or f"Person #{self.id}"

    def __repr__(self) -> str:
        return f"<Person {self.display_name}>"


class CaseParty(db.Model):
    """A person's role in one case: victim, complainant, alleged perpetrator, …"""

    __tablename__ = "case_parties"
    __table_args__ = (UniqueConstraint("case_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(String(2000))

    case: Mapped[Case] = relationship(back_populates="parties")
    person: Mapped[Person] = relationship(back_populates="parties")
