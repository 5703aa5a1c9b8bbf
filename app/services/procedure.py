"""Keeping what the engine derives (stages, deadlines, flags) in step with the timeline."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app, g, has_app_context
from sqlalchemy import ColumnElement, bindparam, delete, insert, inspect, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import CalendarAdjustment, Case, CaseDeadline, CaseFlag, DeadlineChange, Event, RuleSetting
from app.models.cases import VICTIM_FLAG_COLUMNS
from app.models.types import utcnow
from app.procedure.calendar import AdjustedCalendar, WorkingCalendar, kazakh_calendar
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive
from app.procedure.explain import as_sentence, explain
from app.procedure.law import Settings
from app.procedure.phrase import Phrase
from app.procedure.results import Deadline, Evaluation
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME
from app.procedure.when import Precision, When


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


def engine_settings_if_migrated() -> tuple[Settings, WorkingCalendar]:
    """The settings and calendar of the database when it has their tables, else the law's own
    values and the package's calendar: the evaluate command needs no migrated database."""
    session = _app_session()
    if session is not None:
        tables = inspect(session.get_bind())
        if tables.has_table(RuleSetting.__tablename__) and tables.has_table(CalendarAdjustment.__tablename__):
            return engine_settings(session), engine_calendar(session)
    overrides = dict(current_app.config.get("RULE_OVERRIDES", {})) if has_app_context() else {}
    return Settings(overrides), kazakh_calendar()


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
    return _stored_of(case).file


@dataclass(frozen=True)
class _Stored:
    """What the engine needs of a stored case: its facts, and each event's label and date for
    the explanations."""

    case_id: int
    file: CaseFile
    starts: dict[int, tuple[str, When]]

    @property
    def last_event_on(self) -> date | None:
        return max((when.day for _, when in self.starts.values()), default=None)


def _facts(events: list[tuple[int, str, str, When, str | None, dict[str, Any] | None]]) -> list[Fact]:
    """(id, uid, type, when, body, fields) → facts whose EVENT fields hold event ids."""
    ids_by_uid = {uid: event_id for event_id, uid, *_ in events}
    facts = []
    for event_id, _uid, type_name, when, body, fields in events:
        refs = EVENT_TYPES_BY_NAME[type_name].reference_fields()
        values = {k: (ids_by_uid.get(v) if k in refs else v) for k, v in (fields or {}).items()}
        facts.append(Fact(event_id, type_name, when, body, values))
    return facts


def _stored(case_id: int, victim_flags: list[str], agency: str | None, place: str | None,
            events: list[tuple[int, str, str, When, str | None, dict[str, Any] | None]]) -> _Stored:
    file = CaseFile.build(_facts(events), victim_flags=victim_flags, perpetrator_agency=agency, place_type=place)
    starts = {event_id: (EVENT_TYPES_BY_NAME[type_name].label, when) for event_id, _, type_name, when, *_ in events}
    return _Stored(case_id, file, starts)


def _stored_of(case: Case) -> _Stored:
    return _stored(case.id, case.victim_flags, case.perpetrator_agency, case.place_type,
                   [(e.id, e.uid, e.type, e.when, e.body, e.fields)
                    for e in sorted(case.events, key=lambda e: (e.position, e.id)) if e.retracted_at is None])


def _stored_batch(session: Session, after_id: int, size: int, where: ColumnElement[bool] | None) -> list[_Stored]:
    """A batch of cases read as rows, not objects: no identity map to fill and empty again."""
    flag_columns = [getattr(Case, column) for column in VICTIM_FLAG_COLUMNS.values()]
    query = (select(Case.id, Case.perpetrator_agency, Case.place_type, *flag_columns)
             .where(Case.id > after_id).order_by(Case.id).limit(size))
    if where is not None:
        query = query.where(where)
    cases = session.execute(query).all()
    if not cases:
        return []
    events: dict[int, list] = {row[0]: [] for row in cases}
    for row in session.execute(
            select(Event.case_id, Event.id, Event.uid, Event.type, Event.occurred_on, Event.occurred_time,
                   Event.precision, Event.body, Event.fields)
            .where(Event.case_id.in_(list(events)), Event.retracted_at.is_(None))
            .order_by(Event.case_id, Event.position, Event.id)):
        when = When.from_parts(row.occurred_on, row.occurred_time, Precision(row.precision))
        events[row.case_id].append((row.id, row.uid, row.type, when, row.body, row.fields))
    codes = list(VICTIM_FLAG_COLUMNS)
    return [_stored(row[0], [code for code, on in zip(codes, row[3:], strict=True) if on], row[1], row[2],
                    events[row[0]]) for row in cases]


def refresh_derived(session: Session, case: Case, settings: Settings | None = None,
                    calendar: WorkingCalendar | None = None, reason: str | None = None) -> Evaluation:
    """Re-derive a case's stages, deadlines and flags; called in the transaction of every
    event write, so the dashboard never shows a stale picture. With a ``reason`` (a calendar
    or rule change, not a new event), every due date or outcome that moves is recorded."""
    session.flush()  # events need their ids
    settings, calendar = settings or engine_settings(session), calendar or engine_calendar(session)
    derived = _derive(_stored_of(case), settings, calendar)
    _write(session, [derived], reason)
    set_committed_value(case, "stages", derived.stages)
    set_committed_value(case, "last_event_on", derived.last_event_on)
    return derived.result


@dataclass
class _Rows:
    """One case's derived rows, ready for a bulk write: plain values, which a worker process
    hands back cheaply (app.services.parallel_recompute)."""

    case_id: int
    stages: str
    last_event_on: date | None
    deadlines: list[dict[str, Any]]
    flags: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "stages": self.stages, "last_event_on": self.last_event_on,
                "deadlines": self.deadlines, "flags": self.flags}


@dataclass
class _Derived(_Rows):
    """The rows and the engine's evaluation they come from, which an event write returns."""

    result: Evaluation


def _derive(case: _Stored, settings: Settings, calendar: WorkingCalendar) -> _Derived:
    result = derive(case.file, settings=settings, calendar=calendar)
    deadlines = [{
        "case_id": case.case_id, "rule": d.rule, "from_event_id": d.from_event, "end_event_id": d.end_event,
        "due": d.due.due if d.due else None, "earliest_due": d.earliest_due, "latest_due": d.latest_due,
        "outcome": d.outcome.value if d.outcome else None, "in_hours": d.in_hours, "note": str(d.note),
        "phrases": _phrases(note=d.note),
        "explanation": _explanation(d, case.starts.get(d.from_event), settings, calendar)} for d in result.deadlines]
    flags = [{
        "case_id": case.case_id, "rule": f.rule, "severity": f.severity.value, "basis": f.basis.value,
        "step": f.step, "key": f.key,
        "event_ids": list(f.events),
        "explanation": str(f.explanation), "action": str(f.action) if f.action is not None else None,
        "phrases": _phrases(explanation=f.explanation, action=f.action), "action_due": f.action_due,
        "active_from": f.active_from,
        "active_until": f.active_until} for f in result.flags]
    return _Derived(case_id=case.case_id, stages=" " + " ".join(result.stages) + " ",
                    last_event_on=case.last_event_on, deadlines=deadlines, flags=flags, result=result)


def _write(session: Session, batch: Sequence[_Rows], reason: str | None) -> None:
    """Replace the batch's derived rows with a handful of statements, whatever its size."""
    ids = [d.case_id for d in batch]
    if reason is not None:
        _record_changes(session, batch, reason)
    # Written past the case's version counter: a new event is not an edit of the case, and two
    # lawyers recording events at once must not make each other's case edits conflict.
    cases = Case.__table__
    session.execute(update(cases).where(cases.c.id == bindparam("case_id"))
                    .values(stages=bindparam("new_stages"), last_event_on=bindparam("new_last")),
                    [{"case_id": d.case_id, "new_stages": d.stages, "new_last": d.last_event_on} for d in batch])
    session.execute(delete(CaseDeadline).where(CaseDeadline.case_id.in_(ids)))
    session.execute(delete(CaseFlag).where(CaseFlag.case_id.in_(ids)))
    deadlines = [row for d in batch for row in d.deadlines]
    flags = [row for d in batch for row in d.flags]
    if deadlines:
        session.execute(insert(CaseDeadline.__table__), deadlines)
    if flags:
        session.execute(insert(CaseFlag.__table__), flags)


def _phrases(**parts: str | None) -> dict[str, Any] | None:
    """The parts that are phrases, as JSON: said in each reader's language when shown."""
    found = {name: part.to_json() for name, part in parts.items() if isinstance(part, Phrase)}
    return found or None


def _explanation(deadline: Deadline, start: tuple[str, When] | None, settings: Settings,
                 calendar: WorkingCalendar) -> dict[str, Any] | None:
    if start is None:
        return None
    label, when = start
    told = explain(deadline, start=when, start_label=label, settings=settings, calendar=calendar)
    steps = told.steps
    # The steps as phrases, said in each reader's language; the text in English (CSV, e-mail, CLI).
    return {"kind": told.kind.value, "steps": [step.to_json() for step in steps], "text": as_sentence(steps)}


def _record_changes(session: Session, batch: Sequence[_Rows], reason: str) -> None:
    """Every stored due date or outcome the new rows move, with the reason."""
    ids = [d.case_id for d in batch]
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
    workers: int = 0  # processes that derived the rows besides the writer (0: all done in one)

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds else float("inf")


def recompute_all(session: Session, batch: int = 500, *, where: ColumnElement[bool] | None = None,
                  reason: str | None = None) -> RecomputeReport:
    """Rebuild the derived rows of every case, or of the cases ``where`` selects (after a rule
    or calendar change, with the ``reason`` that every moved due date records)."""
    started = time.perf_counter()
    session.flush()  # the expire_all at the end must not lose a caller's pending change
    settings, calendar = engine_settings(session), engine_calendar(session)
    totals = [0, 0, 0]
    last_id = 0
    while True:
        cases = _stored_batch(session, last_id, batch, where)
        if not cases:
            break
        batch_rows = [_derive(case, settings, calendar) for case in cases]
        _write(session, batch_rows, reason)
        totals[0] += len(batch_rows)
        totals[1] += sum(len(d.deadlines) for d in batch_rows)
        totals[2] += sum(len(d.flags) for d in batch_rows)
        last_id = cases[-1].case_id
    session.expire_all()  # objects the caller holds see the new stages
    return RecomputeReport(*totals, time.perf_counter() - started)


def refresh_statistics(session: Session) -> None:
    """Let the query planner know what the tables hold after a full recompute (run after its
    commit; on SQLite the caller commits again).

    SQLite gathers no statistics by itself and otherwise plans from guesses (docs/performance.md,
    section 2). On PostgreSQL every replaced row stays a dead tuple in the tables and their
    indexes until a vacuum, and the dashboard scans them (section 5); ``VACUUM`` cannot run
    in a transaction, hence its own autocommit connection.
    """
    engine = session.get_bind().engine
    if engine.dialect.name == "sqlite":
        session.execute(text("ANALYZE"))
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE) cases, case_deadlines, case_flags")
