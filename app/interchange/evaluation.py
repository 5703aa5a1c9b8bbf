"""Evaluating a case straight from an interchange file (no database): the evaluate command."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.drafts.builder import DraftInput, EventView
from app.drafts.provisions import suggest_for_case
from app.interchange.format import CaseRecord, Document
from app.procedure.calendar import WorkingCalendar
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import evaluate
from app.procedure.law import Settings
from app.procedure.results import Evaluation


def case_file(record: CaseRecord) -> CaseFile:
    """The engine's view of a case of the file; event refs are indexes in the file."""
    facts = [Fact(index, e.type, e.at, e.body, dict(e.fields)) for index, e in enumerate(record.events)]
    return CaseFile.build(facts, victim_flags=record.victim_flags,
                          perpetrator_agency=record.perpetrator_agency, place_type=record.place_type)


def _moment(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%d") if (value.hour, value.minute) == (23, 59) else value.strftime("%Y-%m-%dT%H:%M")


def evaluation_json(record: CaseRecord, as_of: datetime, settings: Settings | None = None,
                    calendar: WorkingCalendar | None = None) -> dict[str, Any]:
    """The documented contract (docs/evaluate.md): stages, deadlines and flags at ``as_of``."""
    result: Evaluation = evaluate(case_file(record), as_of, settings=settings, calendar=calendar)
    return {
        "reference": record.reference,
        "as_of": as_of.strftime("%Y-%m-%dT%H:%M"),
        "stages": result.stages,
        "deadlines": [{
            "rule": d.rule,
            "from_event": d.from_event,
            "due": _moment(d.due.due) if d.due else None,
            "status": d.status(as_of).value,
            **({"end_event": d.end_event} if d.end_event is not None else {}),
            **({"note": d.note} if d.note else {}),
        } for d in result.deadlines],
        "flags": [{
            "rule": f.rule,
            "severity": f.severity.value,
            "events": list(f.events),
            "due": _moment(f.action_due),
            "explanation": f.explanation,
        } for f in result.flags],
    }


def draft_input(document: Document, record: CaseRecord, *, committee: str, language: str,
                provisions: list[str] | None, today: date, as_of: datetime) -> DraftInput:
    """What the draft builder needs, from an interchange file (tests and previews without a database)."""
    people = {p.key: p for p in document.people}

    def names(role: str) -> list[str]:
        return [people[p.person].name or people[p.person].description or p.person
                for p in record.parties if p.role == role]

    case = case_file(record)
    evaluation = evaluate(case, as_of)
    events = [EventView(i, e.type, e.at, e.body, dict(e.fields), e.source, e.document_number, e.document_title)
              for i, e in enumerate(record.events)]
    events.sort(key=lambda e: (e.when.start, e.when.precision))
    if provisions is None:
        provisions = suggest_for_case(committee, case, evaluation)
    return DraftInput(record.reference, committee, language, provisions, today, names("victim"),
                      names("complainant"), names("counsel"), events, case, evaluation)
