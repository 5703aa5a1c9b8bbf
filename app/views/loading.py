"""Loading records for a request: 404 when absent."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.interchange.format import REFERENCE_PATTERN
from app.models import Case, CaseParty, Event, Person


def case_or_404(reference: str) -> Case:
    if not REFERENCE_PATTERN.fullmatch(reference):
        abort(404)
    case = db.session.scalar(
        select(Case).where(Case.reference == reference)
        .options(selectinload(Case.parties).selectinload(CaseParty.person),
                 selectinload(Case.events), selectinload(Case.assignments)))
    if case is None:
        abort(404)
    return case


def event_or_404(case: Case, event_id: int) -> Event:
    event = next((e for e in case.events if e.id == event_id), None)
    if event is None:
        abort(404)
    return event


def person_or_404(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None:
        abort(404)
    return person
