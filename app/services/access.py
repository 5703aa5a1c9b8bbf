"""Need-to-know access: who may see and change which case.

- a lawyer sees and edits the cases they are assigned to;
- a supervisor sees and edits every case;
- an admin manages users, assignments and the procedure table, and sees a case's content
  only where also assigned to it.
Everything that reads case content (pages, search, exports, feeds, drafts, people) filters
through here, so there is one rule and one place to test it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select, true

from app.models import Case, CaseAssignment, CaseParty, Role, User


def sees_all_cases(user: User) -> bool:
    return user.role == Role.SUPERVISOR


def case_visible(user: User) -> ColumnElement[bool]:
    """A WHERE clause on Case: the cases this user may see."""
    if sees_all_cases(user):
        return true()
    return exists().where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == user.id)


def can_see_case(user: User, case: Case) -> bool:
    return sees_all_cases(user) or any(a.user_id == user.id for a in case.assignments)


def person_visible(user: User, person_id_column) -> ColumnElement[bool]:
    """A WHERE clause: the person appears in at least one case this user may see."""
    if sees_all_cases(user):
        return true()
    return exists(select(CaseParty.id).join(Case, Case.id == CaseParty.case_id)
                  .where(CaseParty.person_id == person_id_column, case_visible(user)))


def can_manage_assignments(user: User) -> bool:
    return user.role in (Role.SUPERVISOR, Role.ADMIN)
