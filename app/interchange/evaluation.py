"""Evaluating a case straight from an interchange file (no database): the evaluate command."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.drafts.authors import russian_spelling
from app.drafts.model import CaseLawView, DraftInput, EventView, PersonView
from app.drafts.provisions import suggested_codes
from app.interchange.format import CaseRecord, Document
from app.procedure.calendar import WorkingCalendar
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import evaluate
from app.procedure.law import Settings
from app.procedure.results import Deadline, Evaluation, Status


def case_file(record: CaseRecord) -> CaseFile:
    """The engine's view of a case of the file; event refs are indexes in the file."""
    facts = [Fact(index, e.type, e.at, e.body, dict(e.fields)) for index, e in enumerate(record.events)]
    return CaseFile.build(facts, victim_flags=record.victim_flags,
                          perpetrator_agency=record.perpetrator_agency, place_type=record.place_type)


def _moment(value: datetime | None, *, in_hours: bool = False) -> str | None:
    """A due moment: the day for day, month and year terms (they end at 24:00); the minute for
    hour terms, even one that falls at 23:59."""
    if value is None:
        return None
    if in_hours or (value.hour, value.minute) != (23, 59):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.strftime("%Y-%m-%d")


def _deadline_json(d: Deadline, as_of: datetime) -> dict[str, Any]:
    status = d.status(as_of)
    if d.due is not None:
        due = _moment(d.due.due, in_hours=d.in_hours)
    elif d.latest_due is not None and d.earliest_due == d.latest_due:
        due = _moment(d.latest_due, in_hours=d.in_hours)  # a date set by a letter or an award, not computed
    elif status is Status.MISSED and d.latest_due is not None:
        due = _moment(d.latest_due, in_hours=d.in_hours)  # the start is imprecise: the term had ended by then
    else:
        due = None
    imprecise = d.due is None and d.earliest_due is not None and d.latest_due is not None \
        and d.earliest_due != d.latest_due
    return {
        "rule": d.rule,
        "from_event": d.from_event,
        "due": due,
        **({"due_between": [_moment(d.earliest_due, in_hours=d.in_hours),
                            _moment(d.latest_due, in_hours=d.in_hours)]} if imprecise else {}),
        "status": status.value,
        **({"end_event": d.end_event} if d.end_event is not None else {}),
        **({"note": d.note} if d.note else {}),
    }


def evaluation_json(record: CaseRecord, as_of: datetime, settings: Settings | None = None,
                    calendar: WorkingCalendar | None = None) -> dict[str, Any]:
    """The documented contract (docs/evaluate.md): stages, deadlines and flags at ``as_of``."""
    result: Evaluation = evaluate(case_file(record), as_of, settings=settings, calendar=calendar)
    return {
        "reference": record.reference,
        "as_of": as_of.strftime("%Y-%m-%dT%H:%M"),
        "stages": result.stages,
        "deadlines": [_deadline_json(d, as_of) for d in result.deadlines],
        "flags": [{
            "rule": f.rule,
            "severity": f.severity.value,
            "basis": f.basis.value,
            "events": list(f.events),
            "due": _moment(f.action_due),
            "explanation": f.explanation,
            **({"action": f.action} if f.action else {}),
        } for f in result.flags],
    }


def draft_input(document: Document, record: CaseRecord, *, committee: str, language: str,
                provisions: list[str] | None, today: date, as_of: datetime,
                case_law: list[CaseLawView] | None = None) -> DraftInput:
    """What the draft builder needs, from an interchange file (tests, previews and the command line without a
    database). A file has no evidence files and no assigned lawyer: the draft asks for them."""
    people = {p.key: p for p in document.people}
    views: dict[str, PersonView] = {}

    def view(key: str, role: str | None = None, depth: int = 0) -> PersonView:
        person = people[key]
        relatives: tuple = ()
        if depth == 0:  # the family of a party: who is what to them
            ties = [(kind, other) for kind, other in person.relations]  # they are <kind> of <other>
            ties = [(REVERSE[kind], other) for kind, other in ties if kind in REVERSE]
            ties += [(kind, p.key) for p in document.people for kind, other in p.relations if other == key]
            relatives = tuple((kind, view(other, depth=1)) for kind, other in ties)
        return PersonView(key, person.name, person.description, russian_spelling(person.name, *person.aliases),
                          role, person.birth_date, person.sex, person.nationality, None, relatives)

    parties = sorted(record.parties, key=lambda p: p.role != "victim")
    for party in parties:
        views.setdefault(party.person, view(party.person, party.role))
    case = case_file(record)
    evaluation = evaluate(case, as_of)
    events = [EventView(i, e.type, e.at, e.body, dict(e.fields), e.source, e.document_number, e.document_title,
                        e.narrative, e.narrative_ru)
              for i, e in enumerate(record.events)]
    order = {fact.ref: index for index, fact in enumerate(case.events)}  # the timeline's order
    events.sort(key=lambda e: order[e.ref])
    if provisions is None:
        provisions = suggested_codes(committee, case, evaluation)
    return DraftInput(record.reference, committee, language, list(provisions), today, list(views.values()), None,
                      events, case, evaluation, summary=record.summary, summary_ru=record.summary_ru,
                      summary_in_draft=record.summary_in_draft, case_law=list(case_law or []))


# "A is the <kind> of B" seen from A's side: what B is to A.
REVERSE = {"parent": "child", "child": "parent", "spouse": "spouse", "sibling": "sibling"}
