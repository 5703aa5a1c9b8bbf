"""Importing and exporting cases in the interchange format (docs/interchange.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.interchange.format import (
    CaseRecord,
    Document,
    EventRecord,
    InvalidDocument,
    PartyRecord,
    PersonRecord,
    Problem,
    dump_document,
)
from app.models import Case, CaseParty, Event, Person, PersonRelation, User
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME, Kind
from app.services.cases import case_search_text, clean_case_fields
from app.services.errors import NotFound
from app.services.people import create_person
from app.services.procedure import refresh_derived


def import_document(session: Session, document: Document, *, user: User | None) -> list[Case]:
    """Write a validated document. Raises InvalidDocument (writing nothing the caller keeps:
    the caller rolls back) when a reference already exists."""
    refs = [c.reference for c in document.cases]
    existing = set(session.scalars(select(Case.reference).where(Case.reference.in_(refs))))
    if existing:
        raise InvalidDocument([Problem(f"case {ref}", "reference", "already exists in the database")
                               for ref in sorted(existing)])
    people = {p.key: create_person(session, {"name": p.name, "description": p.description,
                                             "aliases": p.aliases, "notes": p.notes})
              for p in document.people}
    for record in document.people:
        person = people[record.key]
        person.birth_date, person.sex, person.nationality = record.birth_date, record.sex, record.nationality
        for kind, relative in record.relations:
            session.add(PersonRelation(person=person, kind=kind, relative=people[relative]))
    return [_import_case(session, record, people, user) for record in document.cases]


def _import_case(session: Session, record: CaseRecord, people: dict[str, Person],
                 user: User | None) -> Case:
    fields = clean_case_fields({
        "title": record.title, "region": record.region, "city": record.city,
        "place_type": record.place_type, "perpetrator_agency": record.perpetrator_agency,
        "incident": record.incident, "summary": record.summary, "victim_flags": record.victim_flags,
        "summary_ru": record.summary_ru, "summary_in_draft": record.summary_in_draft,
    })
    case = Case(reference=record.reference, created_by_id=user.id if user else None, **fields)
    case.search_text = case_search_text(case)
    session.add(case)
    for party in record.parties:
        case.parties.append(CaseParty(person=people[party.person], role=party.role, notes=party.notes))
    events = []
    for position, rec in enumerate(record.events):  # the file's order is the lawyer's order
        event = Event(type=rec.type, body=rec.body, document_number=rec.document_number,
                      document_title=rec.document_title, source=rec.source, notes=rec.notes,
                      narrative=rec.narrative, narrative_ru=rec.narrative_ru,
                      position=position, created_by_id=user.id if user else None)
        event.when = rec.at
        events.append(event)
    for event, rec in zip(events, record.events, strict=True):
        refs = EVENT_TYPES_BY_NAME[rec.type].reference_fields()
        event.fields = {k: events[v].uid if k in refs else v for k, v in rec.fields.items()}
        case.events.append(event)
    refresh_derived(session, case)
    return case


def export_cases(session: Session, references: list[str]) -> dict[str, Any]:
    """The interchange document of these cases, with the people they involve."""
    cases = list(session.scalars(
        select(Case).where(Case.reference.in_(references))
        .options(selectinload(Case.parties).selectinload(CaseParty.person),
                 selectinload(Case.events))
        .order_by(Case.reference)))
    missing = set(references) - {c.reference for c in cases}
    if missing:
        raise NotFound(f"no such case: {', '.join(sorted(missing))}")
    keys: dict[int, str] = {}
    people: list[PersonRecord] = []
    records = []
    for case in cases:
        parties = []
        for party in sorted(case.parties, key=lambda p: p.id):
            if party.person_id not in keys:
                keys[party.person_id] = f"p{len(keys) + 1}"
                person = party.person
                people.append(PersonRecord(keys[party.person_id], person.name, list(person.aliases or []),
                                           person.description, person.notes, person.birth_date, person.sex,
                                           person.nationality))
            parties.append(PartyRecord(keys[party.person_id], party.role, party.notes))
        timeline = case.timeline  # retracted events are not part of the record
        index = {e.uid: i for i, e in enumerate(timeline)}
        events = [EventRecord(
            type=e.type, at=e.when, source=e.source, body=e.body, document_number=e.document_number,
            document_title=e.document_title, notes=e.notes, narrative=e.narrative, narrative_ru=e.narrative_ru,
            fields={spec.name: index[e.fields[spec.name]] if spec.kind is Kind.EVENT else e.fields[spec.name]
                    for spec in e.event_type.fields if spec.name in (e.fields or {})},  # vocabulary order
        ) for e in timeline]
        records.append(CaseRecord(
            reference=case.reference, title=case.title, region=case.region, city=case.city,
            place_type=case.place_type, perpetrator_agency=case.perpetrator_agency,
            victim_flags=case.victim_flags, incident=case.incident, summary=case.summary,
            summary_ru=case.summary_ru, summary_in_draft=case.summary_in_draft,
            parties=parties, events=events))
    by_id = {person_id: key for person_id, key in keys.items()}
    for record, person_id in zip(people, keys, strict=True):
        person = session.get(Person, person_id)
        record.relations = [(r.kind, by_id[r.relative_id]) for r in person.relations if r.relative_id in by_id]
    return dump_document(Document(people=people, cases=records))
