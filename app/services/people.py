"""People: creating, editing, finding them across spellings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, case, or_, select
from sqlalchemy.orm import Session, load_only

from app.models import Person, User
from app.procedure.vocabulary import MAX_LONG_TEXT, MAX_TEXT, clean_text, message_of
from app.services.access import person_visible
from app.services.errors import Conflict, Invalid
from app.services.names import (
    LIKELY_SAME,
    keys_similarity,
    name_keys,
    search_keys,
    search_scores,
    spelling_keys,
    stored_keys,
)

CANDIDATES = 2000
"""At most this many people are scored in Python for one search: those sharing a key prefix."""
PREFIX = 3
"""Letters of a key that a candidate's key must begin with (a letter dropped later still matches)."""


def clean_person_fields(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name, limit in (("name", MAX_TEXT), ("description", MAX_TEXT), ("notes", MAX_LONG_TEXT)):
        value = data.get(name)
        try:
            cleaned[name] = (clean_text(value, limit) or None) if value else None
        except ValueError as exc:
            errors[name] = message_of(exc)
    aliases = []
    for alias in data.get("aliases") or []:
        try:
            if text := clean_text(alias, MAX_TEXT):
                aliases.append(text)
        except ValueError as exc:
            errors["aliases"] = message_of(exc)
    cleaned["aliases"] = list(dict.fromkeys(aliases))
    if not errors and not cleaned["name"] and not cleaned["description"]:
        errors["name"] = _("give a name or, when it is unknown, a description")
    if errors:
        raise Invalid(errors)
    return cleaned


def _search_text(person: Person) -> str:
    spellings = [person.name or "", person.description or "", *(person.aliases or [])]
    return "\n".join(s.lower() for s in spellings if s)


def _derive(person: Person) -> None:
    """The search columns, from every spelling: literal (lower-cased) and across scripts (keys)."""
    person.search_text = _search_text(person)
    person.name_keys = stored_keys([person.name, *(person.aliases or [])], person.description)


def create_person(session: Session, data: dict[str, Any]) -> Person:
    person = Person(**clean_person_fields(data))
    _derive(person)
    session.add(person)
    session.flush()
    return person


def update_person(session: Session, person: Person, data: dict[str, Any], expected_version: int) -> Person:
    if person.version != expected_version:
        raise Conflict("This person was changed by someone else while you were editing; "
                       "reload the page to see their changes before saving yours.")
    for name, value in clean_person_fields(data).items():
        setattr(person, name, value)
    _derive(person)
    session.flush()
    return person


def _begins_a_key(key: str) -> ColumnElement[bool]:
    return Person.name_keys.contains(f" {key}", autoescape=True)


def _near(prefixes: Iterable[str]) -> tuple[ColumnElement[bool], ColumnElement[int]]:
    """Whether a person has a key beginning with one of the prefixes, and with how many of them:
    the candidates, those sharing more words first."""
    begun = [_begins_a_key(p) for p in prefixes]
    return or_(*begun), sum((case((b, 1), else_=0) for b in begun[1:]), case((begun[0], 1), else_=0))


# What a list of people shows (name, description, aliases) and what search scores: no more.
_LISTED = load_only(Person.id, Person.name, Person.description, Person.aliases, Person.name_keys, Person.version)


def find_people(session: Session, text: str, user: User, limit: int = 50) -> list[Person]:
    """People this user may see (those in a case they may see) matching any spelling, in any script.

    A person matches when a spelling contains the text as typed, or when every word of the text
    begins, or is likely the same as (app/services/names.py), a word of a spelling: "Айниязов"
    finds "Ayniyazov", "Aynizov" finds "Ainiyazov". The database picks the candidates in one
    statement (the text as typed, or a key sharing the first ``PREFIX`` letters of a word's key),
    at most ``CANDIDATES`` of them, exact hits first; Python scores them. Best matches come first.
    """
    needle = text.strip().lower()
    query = select(Person).where(person_visible(user, Person.id)).options(_LISTED)
    if not needle:
        return list(session.scalars(query.order_by(Person.name, Person.id).limit(limit)))
    keys = name_keys(needle)
    literal = Person.search_text.contains(needle, autoescape=True)
    query = query.add_columns(literal.label("literal"))
    if keys:
        near, shared = _near(dict.fromkeys(k[:PREFIX] for k in keys))
        exact = or_(literal, and_(*(_begins_a_key(k) for k in keys)))
        query = query.where(or_(literal, near)).order_by(case((exact, 0), else_=1), shared.desc(),
                                                         Person.name, Person.id)
    else:  # punctuation only: as typed
        query = query.where(literal).order_by(Person.name, Person.id)
    scored = []
    for person, is_literal in session.execute(query.limit(CANDIDATES)):
        scores = search_scores(keys, search_keys(person.name_keys)) or [0.0]
        if is_literal or min(scores) >= LIKELY_SAME:
            scored.append((-sum(scores) / len(scores), person.display_name.lower(), person.id, person))
    return [person for *_, person in sorted(scored, key=lambda s: s[:3])[:limit]]


def likely_duplicates(session: Session, spellings: list[str | None], user: User, limit: int = 10) -> list[Person]:
    """People this user may see whose name or an alias is likely the same as one of these spellings
    (``app.services.names.is_likely_same``), most alike first: to propose before creating a person."""
    wanted = [keys for keys in (name_keys(s) for s in spellings) if keys]
    prefixes = dict.fromkeys(k[:PREFIX] for keys in wanted for k in keys if len(k) > 1)
    if not prefixes:
        return []
    every_word = or_(*(and_(*(_begins_a_key(k) for k in keys)) for keys in wanted))
    near, shared = _near(prefixes)
    query = (select(Person).options(_LISTED)
             .where(person_visible(user, Person.id), Person.name.is_not(None), near)
             .order_by(case((every_word, 0), else_=1), shared.desc(), Person.id).limit(CANDIDATES))
    scored = []
    for person in session.scalars(query):
        score = max((keys_similarity(a, b) for a in wanted for b in spelling_keys(person.name_keys)), default=0.0)
        if score >= LIKELY_SAME:
            scored.append((-score, person.display_name.lower(), person.id, person))
    return [person for *_, person in sorted(scored, key=lambda s: s[:3])[:limit]]


def new_person_confirmation(spellings: list[str | None]) -> str:
    """What a form sends back to confirm "a new person anyway" for exactly these spellings: a
    confirmation given for one name does not carry over to a name changed afterwards."""
    return stored_keys(spellings).strip()
