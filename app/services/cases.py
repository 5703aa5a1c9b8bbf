"""Cases: creating and editing them, and the filtered case list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, object_session

from app.interchange.format import MAX_CITY, MAX_INCIDENT, MAX_TITLE, REFERENCE_PATTERN
from app.models import Case, CaseAssignment, CaseParty, Person, Role, User
from app.models.cases import VICTIM_FLAG_COLUMNS
from app.procedure.vocabulary import (
    BODIES,
    MAX_LONG_TEXT,
    PLACE_TYPES,
    REGIONS,
    ROLES,
    clean_text,
    message_of,
    shown,
)
from app.services.access import case_visible
from app.services.assignments import assign_lawyer
from app.services.errors import Conflict, Invalid
from app.services.names import name_keys

_CODES = {
    "region": {c.code for c in REGIONS},
    "place_type": {c.code for c in PLACE_TYPES},
    "perpetrator_agency": {c.code for c in BODIES},
}
_TEXTS = {"title": MAX_TITLE, "city": MAX_CITY, "incident": MAX_INCIDENT, "summary": MAX_LONG_TEXT,
          "summary_ru": MAX_LONG_TEXT}


def clean_case_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Validate the editable fields of a case; raise Invalid naming every bad field."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name, limit in _TEXTS.items():
        value = data.get(name)
        try:
            cleaned[name] = clean_text(value, limit) or None if value else None
        except ValueError as exc:
            errors[name] = message_of(exc)
    if not cleaned.get("title") and "title" not in errors:
        errors["title"] = _("is required")
    for name, codes in _CODES.items():
        value = data.get(name) or None
        if value is not None and value not in codes:
            errors[name] = _("%(code)s is not a known code", code=shown(value))
        cleaned[name] = value
    flags = set(data.get("victim_flags") or [])
    if unknown := flags - set(VICTIM_FLAG_COLUMNS):
        errors["victim_flags"] = _("unknown flags: %(flags)s", flags=", ".join(sorted(unknown)))
    for code, column in VICTIM_FLAG_COLUMNS.items():
        cleaned[column] = code in flags
    cleaned["summary_in_draft"] = bool(data.get("summary_in_draft"))
    if errors:
        raise Invalid(errors)
    return cleaned


def create_case(session: Session, *, reference: str, data: dict[str, Any],
                created_by: User | None) -> Case:
    reference = (reference or "").strip().upper()
    errors = {}
    if not REFERENCE_PATTERN.fullmatch(reference):
        errors["reference"] = _("must be 3-40 capital letters, digits or '-', e.g. KZ-2021-0007")
    elif session.scalar(select(Case.id).where(Case.reference == reference)):
        errors["reference"] = _("%(reference)s already exists", reference=reference)
    try:
        cleaned = clean_case_fields(data)
    except Invalid as exc:
        errors.update(exc.errors)
    if errors:
        raise Invalid(errors)
    case = Case(reference=reference, created_by_id=created_by.id if created_by else None, **cleaned)
    case.search_text = case_search_text(case)
    session.add(case)
    session.flush()
    if created_by is not None and created_by.role == Role.LAWYER:
        assign_lawyer(session, case, created_by, by=created_by)  # who opens a case works on it
    return case


def update_case(session: Session, case: Case, *, data: dict[str, Any], expected_version: int) -> Case:
    if case.version != expected_version:
        raise Conflict(f"{case.reference} was changed by someone else while you were editing it; "
                       "reload the page to see their changes before saving yours.")
    for name, value in clean_case_fields(data).items():
        setattr(case, name, value)
    case.search_text = case_search_text(case)
    session.flush()
    return case


def case_search_text(case: Case) -> str:
    """Reference, title, summary and incident, lower-cased for search in any script."""
    return "\n".join(t.lower() for t in (case.reference, case.title, case.summary, case.incident) if t)


@dataclass
class CaseFilter:
    stage: str | None = None
    region: str | None = None
    lawyer_id: int | None = None
    text: str | None = None
    incident: str | None = None


def case_list_query(filters: CaseFilter, user: User) -> Select[tuple[Case]]:
    """The cases this user may see that match the filters; text searches titles and names."""
    query = select(Case).where(case_visible(user))
    if filters.stage:
        query = query.where(Case.stages.contains(f" {filters.stage} "))
    if filters.region:
        query = query.where(Case.region == filters.region)
    if filters.lawyer_id:
        query = query.where(Case.assignments.any(CaseAssignment.user_id == filters.lawyer_id))
    if filters.incident:
        query = query.where(Case.incident == filters.incident)
    if filters.text:
        # Lower-cased in Python on write and here: SQLite's lower() knows only ASCII.
        needle = filters.text.strip().lower()
        spelled = [Person.search_text.contains(needle, autoescape=True)]
        if keys := name_keys(needle):  # a name in the other script: every word begins a key
            spelled.append(and_(*(Person.name_keys.contains(f" {k}", autoescape=True) for k in keys)))
        people = select(CaseParty.case_id).join(Person).where(or_(*spelled))
        query = query.where(or_(Case.search_text.contains(needle, autoescape=True), Case.id.in_(people)))
    return query.order_by(Case.reference)


def linked_cases(case: Case, user: User) -> list[Case]:
    """The other cases of the same incident that this user may see (group cases are one case
    per person)."""
    if not case.incident:
        return []
    session = object_session(case)
    return list(session.scalars(select(Case).where(Case.incident == case.incident, Case.id != case.id,
                                                   case_visible(user)).order_by(Case.reference)))


ROLE_CODES = {c.code for c in ROLES}


def add_party(session: Session, case: Case, person: Person, role: str, notes: str | None) -> CaseParty:
    errors = {}
    if role not in ROLE_CODES:
        errors["role"] = _("%(role)s is not a role", role=shown(role))
    elif any(p.person_id == person.id and p.role == role for p in case.parties):
        errors["role"] = _("%(person)s is already %(role)s in this case", person=person.display_name, role=role)
    try:
        notes = clean_text(notes, 2000) or None if notes else None
    except ValueError as exc:
        errors["notes"] = message_of(exc)
    if errors:
        raise Invalid(errors)
    party = CaseParty(case=case, person=person, role=role, notes=notes)
    session.add(party)
    session.flush()
    return party
