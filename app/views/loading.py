"""Loading records for a request: 404 when absent *or not visible to the user*, so that a
case's existence never leaks to someone who may not see it."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.interchange.format import REFERENCE_PATTERN
from app.models import Case, CaseAssignment, CaseParty, Draft, Event, Person
from app.services.access import can_see_case, case_visible, person_visible


def case_or_404(reference: str) -> Case:
    if not REFERENCE_PATTERN.fullmatch(reference):
        abort(404)
    case = db.session.scalar(
        select(Case).where(Case.reference == reference, case_visible(current_user))  # one query: same time either way
        .options(selectinload(Case.parties).joinedload(CaseParty.person),
                 selectinload(Case.events).selectinload(Event.revisions),
                 selectinload(Case.assignments).joinedload(CaseAssignment.user)))
    if case is None:
        abort(404)
    return case


def event_or_404(case: Case, event_id: int) -> Event:
    event = next((e for e in case.events if e.id == event_id), None)
    if event is None:
        abort(404)
    return event


def person_or_404(person_id: int) -> Person:
    person = db.session.scalar(select(Person).where(Person.id == person_id,
                                                    person_visible(current_user, Person.id)))
    if person is None:
        abort(404)
    return person


def draft_or_404(draft_id: int) -> Draft:
    draft = db.session.scalar(select(Draft).where(Draft.id == draft_id).options(
        selectinload(Draft.versions),
        selectinload(Draft.case).selectinload(Case.parties).joinedload(CaseParty.person),
        selectinload(Draft.case).selectinload(Case.events)))
    if draft is None or not can_see_case(current_user, draft.case):
        abort(404)
    return draft
