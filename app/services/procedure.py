"""Keeping what the engine derives (stages, deadlines, flags) in step with the timeline."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.models import Case, CaseDeadline, CaseFlag
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive
from app.procedure.law import Settings
from app.procedure.results import Evaluation


def engine_settings() -> Settings:
    """The configured overrides of *(verify)* terms (config RULE_OVERRIDES)."""
    overrides: Mapping[str, int] = current_app.config.get("RULE_OVERRIDES", {}) if has_app_context() else {}
    return Settings(dict(overrides))


def case_file_of(case: Case) -> CaseFile:
    """The engine's view of a stored case: refs are event ids, EVENT fields too."""
    ids_by_uid = {e.uid: e.id for e in case.events}
    facts = []
    for event in case.events:
        refs = event.event_type.reference_fields()
        fields: dict[str, Any] = {k: (ids_by_uid.get(v) if k in refs else v) for k, v in (event.fields or {}).items()}
        facts.append(Fact(event.id, event.type, event.when, event.body, fields))
    return CaseFile.build(facts, victim_flags=case.victim_flags, perpetrator_agency=case.perpetrator_agency,
                          place_type=case.place_type)


def refresh_derived(session: Session, case: Case, settings: Settings | None = None) -> Evaluation:
    """Re-derive a case's stages, deadlines and flags; called in the transaction of every
    event write, so the dashboard never shows a stale picture."""
    session.flush()  # events need their ids
    result = derive(case_file_of(case), settings=settings or engine_settings())
    # Written past the case's version counter: a new event is not an edit of the case, and two
    # lawyers recording events at once must not make each other's case edits conflict.
    stages = " " + " ".join(result.stages) + " "
    session.execute(update(Case).where(Case.id == case.id).values(stages=stages))
    set_committed_value(case, "stages", stages)
    session.execute(delete(CaseDeadline).where(CaseDeadline.case_id == case.id))
    session.execute(delete(CaseFlag).where(CaseFlag.case_id == case.id))
    session.add_all(CaseDeadline(
        case_id=case.id, rule=d.rule, from_event_id=d.from_event, end_event_id=d.end_event,
        due=d.due.due if d.due else None, earliest_due=d.earliest_due, latest_due=d.latest_due,
        outcome=d.outcome.value if d.outcome else None, note=d.note) for d in result.deadlines)
    session.add_all(CaseFlag(
        case_id=case.id, rule=f.rule, severity=f.severity.value, key=f.key, event_ids=list(f.events),
        explanation=f.explanation, action=f.action, action_due=f.action_due, active_from=f.active_from,
        active_until=f.active_until) for f in result.flags)
    session.flush()
    return result


@dataclass
class RecomputeReport:
    cases: int
    deadlines: int
    flags: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds else float("inf")


def recompute_all(session: Session, batch: int = 500) -> RecomputeReport:
    """Rebuild every case's derived rows (after a rule or calendar change)."""
    started = time.perf_counter()
    settings = engine_settings()
    totals = [0, 0, 0]
    last_id = 0
    while True:
        cases = list(session.scalars(select(Case).where(Case.id > last_id).order_by(Case.id).limit(batch)
                                     .options(selectinload(Case.events))))
        if not cases:
            break
        for case in cases:
            result = refresh_derived(session, case, settings)
            totals[0] += 1
            totals[1] += len(result.deadlines)
            totals[2] += len(result.flags)
        last_id = cases[-1].id
        session.flush()
        _forget_derived_objects(session)
    return RecomputeReport(*totals, time.perf_counter() - started)



def _forget_derived_objects(session: Session) -> None:
    """Drop the batch's cases, events and derived rows from the session so a recompute of
    the whole archive runs in constant memory (other objects, a caller's user, stay)."""
    from app.models import CaseAssignment, CaseParty, Event, EventRevision

    kinds = (Case, Event, EventRevision, CaseParty, CaseAssignment, CaseDeadline, CaseFlag)
    for obj in [o for o in session.identity_map.values() if isinstance(o, kinds)]:
        if obj in session:  # expunging a case already took its events along
            session.expunge(obj)
