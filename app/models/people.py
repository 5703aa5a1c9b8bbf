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
    # What a communication's form asks of an author or a victim. The birth date keeps its precision
    # (app.procedure.when text: "2005", "2005-03", "2005-03-14"); sex decides Russian word forms.
    birth_date: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(10))  # "female" / "male"; None: not recorded
    nationality: Mapped[str | None] = mapped_column(String(200))
    # Address for correspondence, telephone and e-mail, sealed with the files key (app.services.sealing):
    # a stolen database or backup does not say where a victim or a witness lives.
    contact_sealed: Mapped[str | None] = mapped_column(Text)
    # Derived on write: every spelling, lower-cased, for search across spellings.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Derived on write: " key key … ", the script-independent keys (app/services/names.py) of
    # every word of the name, the aliases and the description, for search across scripts.
    name_keys: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    parties: Mapped[list[CaseParty]] = relationship(back_populates="person")
    relations: Mapped[list[PersonRelation]] = relationship(
        foreign_keys="PersonRelation.person_id", back_populates="person", cascade="all, delete-orphan",
        order_by="PersonRelation.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def display_name(self) -> str:
        return self.name or self.description or f"Person #{self.id}"

    def __repr__(self) -> str:
        return f"<Person {self.display_name}>"


class PersonRelation(db.Model):
    """One person's family tie to another: "A is the mother of B" is (A, parent, B). Lets a deceased
    victim's family, or a minor's parent, be the authors of a communication."""

    __tablename__ = "person_relations"
    __table_args__ = (UniqueConstraint("person_id", "relative_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # parent, spouse, child, sibling, guardian (of the relative)
    relative_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    person: Mapped[Person] = relationship(foreign_keys=[person_id], back_populates="relations")
    relative: Mapped[Person] = relationship(foreign_keys=[relative_id])


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
