"""People: creating, editing, finding them across spellings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Person, User
from app.procedure.vocabulary import MAX_LONG_TEXT, MAX_TEXT, clean_text
from app.services.access import person_visible
from app.services.errors import Conflict, Invalid


def clean_person_fields(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name, limit in (("name", MAX_TEXT), ("description", MAX_TEXT), ("notes", MAX_LONG_TEXT)):
        value = data.get(name)
        try:
            cleaned[name] = (clean_text(value, limit) or None) if value else None
        except ValueError as exc:
            errors[name] = str(exc)
    aliases = []
    for alias in data.get("aliases") or []:
        try:
            if text := clean_text(alias, MAX_TEXT):
                aliases.append(text)
        except ValueError as exc:
            errors["aliases"] = str(exc)
    cleaned["aliases"] = list(dict.fromkeys(aliases))
    if not errors and not cleaned["name"] and not cleaned["description"]:
        errors["name"] = "give a name or, when it is unknown, a description"
    if errors:
        raise Invalid(errors)
    return cleaned


def _search_text(person: Person) -> str:
    spellings = [person.name or "", person.description or "", *(person.aliases or [])]
    return "\n".join(s.lower() for s in spellings if s)


def create_person(session: Session, data: dict[str, Any]) -> Person:
    person = Person(**clean_person_fields(data))
    person.search_text = _search_text(person)
    session.add(person)
    session.flush()
    return person


def update_person(session: Session, person: Person, data: dict[str, Any], expected_version: int) -> Person:
    if person.version != expected_version:
        raise Conflict("This person was changed by someone else while you were editing; "
                       "reload the page to see their changes before saving yours.")
    for name, value in clean_person_fields(data).items():
        setattr(person, name, value)
    person.search_text = _search_text(person)
    session.flush()
    return person


def find_people(session: Session, text: str, user: User, limit: int = 50) -> list[Person]:
    """People this user may see (those in a case they may see) matching any spelling."""
    needle = text.strip().lower()
    query = select(Person).where(person_visible(user, Person.id)).order_by(Person.name, Person.id).limit(limit)
    if needle:
        query = query.where(Person.search_text.contains(needle, autoescape=True))
    return list(session.scalars(query))
