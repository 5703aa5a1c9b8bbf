"""What a communication's form asks of a person (birth date, sex, nationality, address and contact) and
their family ties. The contact is sealed at rest (app.services.sealing) and shown only on the pages of
people in cases the reader may see; it is in no CSV and no e-mail."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.models import Person, PersonRelation
from app.procedure.vocabulary import RELATIONS, SEXES, clean_text, message_of
from app.procedure.when import InvalidWhen, Precision, When, almaty_now
from app.services.errors import Invalid
from app.services.sealing import seal, unseal

CONTACT_FIELDS = (("address", 1000), ("phone", 100), ("email", 254))
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def contact_context(person: Person) -> str:
    return f"people:{person.id}:contact"


def contact_of(person: Person) -> dict[str, str]:
    """The person's address for correspondence, telephone and e-mail, unsealed."""
    return unseal(person.contact_sealed, contact_context(person))


def clean_details(data: dict[str, Any]) -> dict[str, Any]:
    """Birth date at its precision (never in the future, no time of day), sex, nationality, contact."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    birth = (data.get("birth_date") or "").strip()
    if birth:
        try:
            when = When.parse(birth)
        except InvalidWhen as exc:
            errors["birth_date"] = message_of(exc)
        else:
            if when.precision is Precision.MINUTE:
                errors["birth_date"] = _("give the day, month or year of birth, without a time")
            elif when.start > almaty_now():
                errors["birth_date"] = _("is in the future")
            else:
                cleaned["birth_date"] = when.isoformat()
    sex = data.get("sex") or None
    if sex is not None and sex not in {c.code for c in SEXES}:
        errors["sex"] = _("choose female or male, or leave it empty when the record does not say")
    cleaned["sex"] = sex
    for name, limit in (("nationality", 200), *CONTACT_FIELDS):
        try:
            cleaned[name] = clean_text(data.get(name) or "", limit) or None
        except ValueError as exc:
            errors[name] = message_of(exc)
    if cleaned.get("email") and not _EMAIL.fullmatch(cleaned["email"]):
        errors["email"] = _("is not an e-mail address")
    cleaned.setdefault("birth_date", None)
    if errors:
        raise Invalid(errors)
    return cleaned


def set_details(session: Session, person: Person, data: dict[str, Any]) -> None:
    """Write the details; the contact sealed with the person's identity (the person needs an id)."""
    cleaned = clean_details(data)
    session.flush()
    person.birth_date, person.sex, person.nationality = cleaned["birth_date"], cleaned["sex"], cleaned["nationality"]
    contact = {name: cleaned[name] for name, _limit in CONTACT_FIELDS if cleaned.get(name)}
    person.contact_sealed = seal(contact, contact_context(person)) if contact else None
    session.flush()


def add_relation(session: Session, person: Person, kind: str, relative: Person) -> PersonRelation:
    """"``person`` is the <kind> of ``relative``"."""
    if kind not in {c.code for c in RELATIONS}:
        raise Invalid({"kind": _("choose how the two are related")})
    if relative.id == person.id:
        raise Invalid({"relative_id": _("a person cannot be their own relative")})
    if any(r.kind == kind and r.relative_id == relative.id for r in person.relations):
        raise Invalid({"relative_id": _("this tie is already recorded")})
    relation = PersonRelation(person=person, kind=kind, relative=relative)
    session.add(relation)
    session.flush()
    return relation


def remove_relation(session: Session, relation: PersonRelation) -> None:
    session.delete(relation)
    session.flush()
