"""Changing the law's arithmetic (a *(verify)* term's value, a day off) and recomputing
exactly the cases whose dates it can move, each move recorded with its reason."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from app.models import CalendarAdjustment, Case, CaseDeadline, CaseFlag, DeadlineChange, RuleSetting, User
from app.procedure.law import RULES, TERMS, Settings
from app.services.errors import Invalid
from app.services.procedure import RecomputeReport, forget_engine_settings, recompute_all

# The longest run of non-working days a due date can be moved across (Nauryz plus a weekend
# and a transferred day off is 6): a deadline due later than this after the day is unaffected.
LONGEST_NON_WORKING_RUN = timedelta(days=14)


def configurable_terms() -> list[str]:
    return [name for name, term in TERMS.items() if term.verify]


def set_rule_value(session: Session, term: str, amount: int | None, user: User) -> RecomputeReport:
    """Set (or with None, reset to the law's value) a configurable term, then recompute the
    cases whose deadlines or flags use it."""
    if term not in configurable_terms():
        raise Invalid({"term": _("%(term)s is not a configurable term", term=term)})
    if amount is not None:
        try:
            Settings({term: amount})
        except ValueError as exc:
            raise Invalid({"amount": str(exc)}) from exc
    setting = session.get(RuleSetting, term)
    old = setting.amount if setting else None
    if amount is None and setting is not None:
        session.delete(setting)
    elif amount is not None and setting is None:
        session.add(RuleSetting(term=term, amount=amount, by_id=user.id))
    elif amount is not None and setting is not None:
        setting.amount, setting.by_id = amount, user.id
    session.flush()
    unit = TERMS[term].current.unit.value
    forget_engine_settings()
    reason = (f"{user.full_name} changed the term '{term}' from {_amount(old, unit)} to {_amount(amount, unit)}")
    return recompute_all(session, where=_uses_term(term), reason=reason)


def _amount(value: int | None, unit: str) -> str:
    return f"{value} {unit}" if value is not None else "the law's value"


def _uses_term(term: str):
    rules = [rule.id for rule in RULES if term in rule.terms]
    return or_(exists().where(CaseDeadline.case_id == Case.id, CaseDeadline.rule.in_(rules)),
               exists().where(CaseFlag.case_id == Case.id, CaseFlag.rule.in_(rules)))


def set_calendar_day(session: Session, day: date, *, working: bool, name: str, user: User) -> RecomputeReport:
    """Declare a day off (or a working Saturday) and recompute the dates it can move."""
    name = name.strip()
    if not name:
        raise Invalid({"name": _("Say what the day is, e.g. the decree that declared it")})
    if len(name) > 200:
        raise Invalid({"name": _("At most %(num)s characters", num="200")})
    adjustment = session.get(CalendarAdjustment, day)
    if adjustment is None:
        session.add(CalendarAdjustment(day=day, working=working, name=name, by_id=user.id))
    else:
        adjustment.working, adjustment.name, adjustment.by_id = working, name, user.id
    session.flush()
    forget_engine_settings()
    what = "a working day" if working else "a day off"
    return recompute_all(session, where=_due_around(day),
                         reason=f"{user.full_name} declared {day:%d.%m.%Y} {what} ({name})")


def remove_calendar_day(session: Session, day: date, user: User) -> RecomputeReport:
    adjustment = session.get(CalendarAdjustment, day)
    if adjustment is None:
        raise Invalid({"day": _("%(day)s has no adjustment", day=f"{day:%d.%m.%Y}")})
    session.delete(adjustment)
    session.flush()
    forget_engine_settings()
    return recompute_all(session, where=_due_around(day),
                         reason=f"{user.full_name} removed the adjustment of {day:%d.%m.%Y} ({adjustment.name})")


def _due_around(day: date):
    """Cases with a deadline whose due date can move when ``day`` changes: its nominal end
    lies on or before the day and its due on or after it."""
    start = datetime.combine(day, time.min)
    return exists().where(CaseDeadline.case_id == Case.id, and_(
        CaseDeadline.latest_due >= start, CaseDeadline.earliest_due <= start + LONGEST_NON_WORKING_RUN))


def deadline_changes(session: Session, case_id: int) -> list[DeadlineChange]:
    return list(session.scalars(select(DeadlineChange).where(DeadlineChange.case_id == case_id)
                                .order_by(DeadlineChange.at.desc(), DeadlineChange.id.desc())))
