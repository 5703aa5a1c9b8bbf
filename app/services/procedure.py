"""Keeping what the engine derives (stages, deadlines, flags) in step with the timeline."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, has_app_context
from sqlalchemy import ColumnElement, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import CalendarAdjustment, Case, CaseDeadline, CaseFlag, DeadlineChange, Event, RuleSetting
from app.models.types import utcnow
from app.procedure.calendar import AdjustedCalendar, WorkingCalendar, kazakh_calendar
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive
from app.procedure.explain import as_sentence, explain
from app.procedure.law import Settings
from app.procedure.results import Deadline, Evaluation


def engine_settings(session: Session | None = None) -> Settings:
    """The overrides of *(verify)* terms: the deployment's RULE_OVERRIDES, then the values
    admins set on the terms page, which win."""
    overrides: dict[str, int] = dict(current_app.config.get("RULE_OVERRIDES", {})) if has_app_context() else {}
    session = session or _app_session()
    if session is not None:
        overrides.update(_once_per_request("rule_settings", session, lambda: session.execute(
            select(RuleSetting.term, RuleSetting.amount)).all()))
    return Settings(overrides)


def engine_calendar(session: Session | None = None) -> WorkingCalendar:
    """The Kazakh calendar with the days admins declared off or working since the package knew."""
    session = session or _app_session()
    if session is None:
        return kazakh_calendar()
    adjustments = _once_per_request("calendar_adjustments", session, lambda: {
        day: (working, name) for day, working, name in session.execute(
            select(CalendarAdjustment.day, CalendarAdjustment.working, CalendarAdjustment.name))})
    return AdjustedCalendar(kazakh_calendar(), adjustments) if adjustments else kazakh_calendar()


def _app_session() -> Session | None:
    return db.session if has_app_context() else None


def _once_per_request(name: str, session: Session, load: Callable[[], Any]) -> Any:
    """Read a small settings table once per application context (a request, a command)."""
    if not has_app_context():
        return load()
    cache = g.setdefault("engine_settings_cache", {})
    key = (name, id(session))
    if key not in cache:
        cache[key] = load()
    return cache[key]


def forget_engine_settings() -> None:
    """After a change of a term's value or of the calendar, within the same request."""
    if has_app_context():
        g.pop("engine_settings_cache", None)


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


def refresh_derived(session: Session, case: Case, settings: Settings | None = None,
                    calendar: WorkingCalendar | None = None, reason: str | None = None) -> Evaluation:
    """Re-derive a case's stages, deadlines and flags; called in the transaction of every
    event write, so the dashboard never shows a stale picture. With a ``reason`` (a calendar
    or rule change, not a new event), every due date or outcome that moves is recorded."""
    session.flush()  # events need their ids
    settings, calendar = settings or engine_settings(session), calendar or engine_calendar(session)
    derived = _derive(case, settings, calendar)
    _write(session, [derived], reason)
    return derived.result


@dataclass
class _Derived:
    """One case's derived rows, ready for a bulk write."""

    case: Case
    result: Evaluation
    stages: str
    deadlines: list[dict[str, Any]]
    flags: list[dict[str, Any]]


def _derive(case: Case, settings: Settings, calendar: WorkingCalendar) -> _Derived:
    result = derive(case_file_of(case), settings=settings, calendar=calendar)
    events = {event.id: event for event in case.events}
    deadlines = [{
        "case_id": case.id, "rule": d.rule, "from_event_id": d.from_event, "end_event_id": d.end_event,
        "due": d.due.due if d.due else None, "earliest_due": d.earliest_due, "latest_due": d.latest_due,
        "outcome": d.outcome.value if d.outcome else None, "note": d.note,
        "explanation": _explanation(d, events.get(d.from_event), settings, calendar)} for d in result.deadlines]
    flags = [{
        "case_id": case.id, "rule": f.rule, "severity": f.severity.value, "key": f.key, "event_ids": list(f.events),
        "explanation": f.explanation, "action": f.action, "action_due": f.action_due, "active_from": f.active_from,
        "active_until": f.active_until} for f in result.flags]
    return _Derived(case, result, " " + " ".join(result.stages) + " ", deadlines, flags)


def _write(session: Session, batch: list[_Derived], reason: str | None) -> None:
    """Replace the batch's derived rows with a handful of statements, whatever its size."""
    ids = [d.case.id for d in batch]
    if reason is not None:
        _record_changes(session, batch, reason)
    # Written past the case's version counter: a new event is not an edit of the case, and two
    # lawyers recording events at once must not make each other's case edits conflict.
    cases = Case.__table__
    session.execute(update(cases).where(cases.c.id == bindparam("case_id")).values(stages=bindparam("new_stages")),
                    [{"case_id": d.case.id, "new_stages": d.stages} for d in batch])
    for derived in batch:
        set_committed_value(derived.case, "stages", derived.stages)
    session.execute(delete(CaseDeadline).where(CaseDeadline.case_id.in_(ids)))
    session.execute(delete(CaseFlag).where(CaseFlag.case_id.in_(ids)))
    deadlines = [row for d in batch for row in d.deadlines]
    flags = [row for d in batch for row in d.flags]
    if deadlines:
        session.execute(insert(CaseDeadline.__table__), deadlines)
    if flags:
        session.execute(insert(CaseFlag.__table__), flags)


def _explanation(deadline: Deadline, event: Event | None, settings: Settings,
                 calendar: WorkingCalendar) -> dict[str, Any] | None:
    if event is None:
        return None
    told = explain(deadline, start=event.when, start_label=event.event_type.label, settings=settings,
                   calendar=calendar)
    steps = told.steps
    return {"kind": told.kind.value, "steps": list(steps), "text": as_sentence(steps)}


def _record_changes(session: Session, batch: list[_Derived], reason: str) -> None:
    """Every stored due date or outcome the new rows move, with the reason."""
    ids = [d.case.id for d in batch]
    before = {(row.case_id, row.rule, row.from_event_id): (row.due, row.outcome) for row in session.execute(
        select(CaseDeadline.case_id, CaseDeadline.rule, CaseDeadline.from_event_id, CaseDeadline.due,
               CaseDeadline.outcome).where(CaseDeadline.case_id.in_(ids)))}
    changes = []
    for derived in batch:
        for new in derived.deadlines:
            old = before.get((new["case_id"], new["rule"], new["from_event_id"]))
            if old is not None and old != (new["due"], new["outcome"]):
                changes.append({"case_id": new["case_id"], "rule": new["rule"], "from_event_id": new["from_event_id"],
                                "old_due": old[0], "new_due": new["due"], "old_outcome": old[1],
                                "new_outcome": new["outcome"], "reason": reason, "at": utcnow()})
    if changes:
        session.execute(insert(DeadlineChange.__table__), changes)


@dataclass
class RecomputeReport:
    cases: int
    deadlines: int
    flags: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds else float("inf")


def recompute_all(session: Session, batch: int = 500, *, where: ColumnElement[bool] | None = None,
                  reason: str | None = None) -> RecomputeReport:
    """Rebuild the derived rows of every case, or of the cases ``where`` selects (after a rule
    or calendar change, with the ``reason`` that every moved due date records)."""
    started = time.perf_counter()
    settings, calendar = engine_settings(session), engine_calendar(session)
    totals = [0, 0, 0]
    last_id = 0
    while True:
        query = select(Case).where(Case.id > last_id).order_by(Case.id).limit(batch)
        if where is not None:
            query = query.where(where)
        cases = list(session.scalars(query.options(selectinload(Case.events))))
        if not cases:
            break
        batch_rows = [_derive(case, settings, calendar) for case in cases]
        _write(session, batch_rows, reason)
        totals[0] += len(batch_rows)
        totals[1] += sum(len(d.deadlines) for d in batch_rows)
        totals[2] += sum(len(d.flags) for d in batch_rows)
        last_id = cases[-1].id
        for case in cases:  # constant memory: the batch leaves the session (its events with it)
            session.expunge(case)
    return RecomputeReport(*totals, time.perf_counter() - started)
