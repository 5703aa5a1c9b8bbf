"""Who works on a case: assignments with their history, and hand-overs that never leave a
lawyer's open cases with no one."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import AssignmentChange, Case, CaseAssignment, Handover, Role, User
from app.services.errors import Invalid

ASSIGNABLE = (Role.LAWYER, Role.ADMIN)
HANDOVER_REASONS = {"leave": _l("Leave"), "departure": _l("Departure"), "workload": _l("Workload")}


def assign_lawyer(session: Session, case: Case, user: User, by: User | None = None,
                  handover: Handover | None = None) -> bool:
    """Put ``user`` on the case (a no-op when already there); True when something changed."""
    if any(a.user_id == user.id for a in case.assignments):
        return False
    case.assignments.append(CaseAssignment(user=user))
    session.add(AssignmentChange(case_id=case.id, lawyer_id=user.id, action="assigned",
                                 by_id=by.id if by else None, handover=handover))
    session.flush()
    return True


def unassign_lawyer(session: Session, case: Case, user: User, by: User | None = None,
                    handover: Handover | None = None) -> bool:
    assignment = next((a for a in case.assignments if a.user_id == user.id), None)
    if assignment is None:
        return False
    case.assignments.remove(assignment)
    session.add(AssignmentChange(case_id=case.id, lawyer_id=user.id, action="removed",
                                 by_id=by.id if by else None, handover=handover))
    session.flush()
    return True


def open_cases_of(session: Session, user: User) -> list[Case]:
    """The cases ``user`` works on that the coalition has not closed."""
    return list(session.scalars(
        select(Case).join(CaseAssignment).where(CaseAssignment.user_id == user.id, Case.closed_at.is_(None))
        .options(selectinload(Case.assignments)).order_by(Case.reference)))


def open_case_counts(session: Session) -> dict[int, int]:
    """How many open cases each user works on, in one query."""
    rows = session.execute(select(CaseAssignment.user_id, func.count()).join(Case)
                           .where(Case.closed_at.is_(None)).group_by(CaseAssignment.user_id))
    return {user_id: count for user_id, count in rows}


def hand_over(session: Session, from_user: User, to_user: User | None, *, reason: str, by: User,
              until: date | None = None, note: str = "") -> Handover:
    """Move every open case of ``from_user`` to ``to_user``; a departure also deactivates the
    account, which is why there is always a successor."""
    errors = {}
    if reason not in HANDOVER_REASONS:
        errors["reason"] = _("Choose one of: %(choices)s", choices=", ".join(HANDOVER_REASONS))
    if to_user is None or to_user.role not in ASSIGNABLE or not to_user.active:
        errors["to_user"] = _("Choose an active lawyer to take the cases over")
    elif to_user.id == from_user.id:
        errors["to_user"] = _("Choose someone other than the lawyer handing over")
    if until is not None and reason != "leave":
        errors["until"] = _("Only a leave has an end date")
    if len(note) > 2000:
        errors["note"] = _("At most %(num)s characters", num="2,000")
    if errors:
        raise Invalid(errors)
    assert to_user is not None  # noqa: S101 - checked above; tells the type checker
    handover = Handover(from_user_id=from_user.id, to_user_id=to_user.id, reason=reason, until=until,
                        note=note.strip(), by_id=by.id)
    session.add(handover)
    cases = open_cases_of(session, from_user)
    for case in cases:
        unassign_lawyer(session, case, from_user, by, handover)
        assign_lawyer(session, case, to_user, by, handover)
    handover.cases_moved = len(cases)
    if reason == "departure":
        from_user.active = False
    session.flush()
    return handover


def deactivate_user(session: Session, user: User) -> None:
    """Refused while the user holds open cases: hand them over first, so nothing falls between chairs."""
    count = len(open_cases_of(session, user))
    if count:
        raise Invalid({"active": _("%(name)s still works on %(num)d open case(s): hand them over first",
                                   name=user.full_name, num=count)})
    user.active = False
    session.flush()


def assignment_history(session: Session, case_id: int) -> list[AssignmentChange]:
    return list(session.scalars(
        select(AssignmentChange).where(AssignmentChange.case_id == case_id)
        .options(joinedload(AssignmentChange.lawyer), joinedload(AssignmentChange.by),
                 joinedload(AssignmentChange.handover))
        .order_by(AssignmentChange.at.desc(), AssignmentChange.id.desc())))


def nobody_assigned() -> ColumnElement[bool]:
    """A case no lawyer works on (whose deadlines would reach no one)."""
    return ~exists().where(CaseAssignment.case_id == Case.id)


def unassigned_open_cases_query():
    return select(Case).where(Case.closed_at.is_(None), nobody_assigned()).order_by(Case.reference)


def unassigned_open_cases(session: Session, limit: int = 50) -> tuple[list[Case], int]:
    """Open cases nobody works on (shown first), and how many there are."""
    query = unassigned_open_cases_query()
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    return list(session.scalars(query.limit(limit))), total


def handovers(session: Session, limit: int = 50) -> list[Handover]:
    return list(session.scalars(select(Handover).options(
        selectinload(Handover.from_user), selectinload(Handover.to_user), selectinload(Handover.by))
        .order_by(Handover.at.desc(), Handover.id.desc()).limit(limit)))
