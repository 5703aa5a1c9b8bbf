"""The supervisors' dashboard: what is overdue or about to be lost, across all cases.

Every list is one indexed query over the derived rows, filtered in SQL, whatever the
size of the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, contains_eager, joinedload

from app.models import Case, CaseAssignment, CaseDeadline, CaseFlag, FlagAcknowledgement, User
from app.services.access import case_visible
from app.services.assignments import nobody_assigned

SOON_DAYS = 7
QUIET_DAYS = 90
LIMIT = 200


@dataclass
class DashboardFilter:
    user: User
    lawyer_id: int | None = None
    region: str | None = None
    rule: str | None = None
    severity: str | None = None

    def apply(self, query: Select, rule_column=None) -> Select:
        """Visible cases the coalition still works on, narrowed by the filters."""
        query = query.where(case_visible(self.user), Case.closed_at.is_(None))
        if self.lawyer_id:
            query = query.where(Case.assignments.any(CaseAssignment.user_id == self.lawyer_id))
        if self.region:
            query = query.where(Case.region == self.region)
        if self.rule and rule_column is not None:
            query = query.where(rule_column == self.rule)
        return query


def overdue_deadlines(session: Session, filters: DashboardFilter, now: datetime) -> list[CaseDeadline]:
    query = (select(CaseDeadline).join(CaseDeadline.case).options(contains_eager(CaseDeadline.case))
             .where(CaseDeadline.outcome.is_(None), CaseDeadline.latest_due < now)
             .order_by(CaseDeadline.latest_due.desc(), CaseDeadline.id).limit(LIMIT))
    return list(session.scalars(filters.apply(query, CaseDeadline.rule)))


def deadlines_due_soon(session: Session, filters: DashboardFilter, now: datetime,
                       days: int = SOON_DAYS) -> list[CaseDeadline]:
    """Open deadlines falling due today or on one of the next ``days`` days."""
    horizon = datetime.combine(now.date() + timedelta(days=days + 1), datetime.min.time())
    query = (select(CaseDeadline).join(CaseDeadline.case).options(contains_eager(CaseDeadline.case))
             .where(CaseDeadline.outcome.is_(None), CaseDeadline.latest_due >= now,
                    CaseDeadline.earliest_due < horizon)
             .order_by(CaseDeadline.earliest_due, CaseDeadline.id).limit(LIMIT))
    return list(session.scalars(filters.apply(query, CaseDeadline.rule)))


def active_flags_query(now: datetime) -> Select:
    return (select(CaseFlag).join(CaseFlag.case).options(contains_eager(CaseFlag.case))
            .where(or_(CaseFlag.active_from.is_(None), CaseFlag.active_from <= now),
                   or_(CaseFlag.active_until.is_(None), CaseFlag.active_until > now)))


def active_flags(session: Session, filters: DashboardFilter, now: datetime) -> list[CaseFlag]:
    query = active_flags_query(now)
    query = query.where(CaseFlag.severity == (filters.severity or "critical"))
    return list(session.scalars(filters.apply(query, CaseFlag.rule)
                                .order_by(CaseFlag.active_from.desc().nulls_last(), CaseFlag.id).limit(LIMIT)))


def quiet_cases(session: Session, filters: DashboardFilter, today: date,
                days: int = QUIET_DAYS) -> list[tuple[Case, date | None]]:
    """Cases whose latest event is more than ``days`` old (or that have none)."""
    query = (select(Case)
             .where(or_(Case.last_event_on.is_(None), Case.last_event_on < today - timedelta(days=days)))
             .where(Case.stages != " closed ")
             .order_by(Case.last_event_on.nulls_first(), Case.id).limit(LIMIT))
    return [(case, case.last_event_on) for case in session.scalars(filters.apply(query))]


def acknowledgements_for(session: Session, flags: list[CaseFlag]) -> dict[tuple[int, str], FlagAcknowledgement]:
    """The latest acknowledgement of each of these flags, by (case id, flag key)."""
    if not flags:
        return {}
    rows = session.scalars(select(FlagAcknowledgement)
                           .where(FlagAcknowledgement.case_id.in_({f.case_id for f in flags}))
                           .options(joinedload(FlagAcknowledgement.user))
                           .order_by(FlagAcknowledgement.created_at))
    return {(a.case_id, a.flag_key): a for a in rows}


SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "info": 3}


def case_flags(session: Session, case_id: int, now: datetime) -> list[CaseFlag]:
    """A case's flags active now, most severe first."""
    flags = session.scalars(active_flags_query(now).where(CaseFlag.case_id == case_id))
    return sorted(flags, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.id))


def case_deadlines(session: Session, case_id: int) -> list[CaseDeadline]:
    """A case's deadlines, open ones first by due moment, then decided ones."""
    rows = session.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case_id))
    return sorted(rows, key=lambda d: (d.outcome is not None, d.latest_due or datetime.max, d.id))


def unassigned_cases(session: Session, filters: DashboardFilter, limit: int = LIMIT) -> list[Case]:
    """Open cases nobody works on: their deadlines would reach no one."""
    query = filters.apply(select(Case).where(nobody_assigned()))  # apply() keeps open cases only
    return list(session.scalars(query.order_by(Case.reference).limit(limit)))
