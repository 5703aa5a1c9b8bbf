"""Recording and correcting events; every write re-derives the case's stages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.models import Case, Event, EventRevision, User
from app.procedure.event_input import CleanEvent, clean_event
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME, MAX_TEXT, FieldErrors, clean_text
from app.procedure.when import almaty_now
from app.services.errors import Conflict, Invalid
from app.services.procedure import refresh_derived


def local_now() -> datetime:
    """Now as a naive Almaty wall-clock time, the frame events are recorded in."""
    return almaty_now()


def _validate(case: Case, raw: dict[str, Any], *, editing: Event | None = None) -> CleanEvent:
    try:
        event = clean_event(raw, now=local_now())
    except FieldErrors as exc:
        raise Invalid(exc.errors) from None
    others = {e.uid for e in case.events if e is not editing}
    errors = {f"fields.{name}": "must be another event of this case"
              for name in event.event_fields() if event.fields[name] not in others}
    if errors:
        raise Invalid(errors)
    return event


def _apply(event: Event, clean: CleanEvent) -> None:
    event.type = clean.type
    event.when = clean.at
    event.body = clean.body
    event.document_number = clean.document_number
    event.document_title = clean.document_title
    event.source = clean.source
    event.notes = clean.notes
    event.fields = clean.fields


def record_event(session: Session, case: Case, raw: dict[str, Any], *, user: User | None) -> Event:
    """Add an event to a case's timeline. EVENT fields name their target by ``uid``."""
    clean = _validate(case, raw)
    event = Event(case=case, created_by_id=user.id if user else None,
                  updated_by_id=user.id if user else None)
    _apply(event, clean)
    session.add(event)
    session.flush()
    refresh_derived(session, case)
    return event


def record_event_in_cases(session: Session, cases: list[Case], raw: dict[str, Any], *,
                          user: User | None) -> list[Event]:
    """Record the same event in several cases linked by an incident (a group complaint
    answered by one letter). All or nothing; events pointing at another event belong to
    one case only, since what they point at differs from case to case."""
    if len(cases) > 1 and any(name in (raw.get("fields") or {}) and raw["fields"][name]
                              for name in _reference_fields(raw.get("type"))):
        raise Invalid({"also_cases": "an event that points at another event can only be "
                                     "recorded in one case at a time"})
    events = []
    for case in cases:
        try:
            events.append(record_event(session, case, raw, user=user))
        except Invalid as exc:
            if case is cases[0]:
                raise
            raise Invalid({"also_cases": f"{case.reference}: " + "; ".join(
                f"{k}: {v}" for k, v in exc.errors.items())}) from None
    return events


def _reference_fields(type_name: Any) -> frozenset[str]:
    event_type = EVENT_TYPES_BY_NAME.get(type_name) if isinstance(type_name, str) else None
    return event_type.reference_fields() if event_type else frozenset()


def correct_event(session: Session, event: Event, raw: dict[str, Any], *, user: User | None,
                  reason: str, expected_version: int) -> Event:
    """Change an event, keeping what it said before, who changed it and why."""
    if event.version != expected_version:
        raise Conflict("This event was corrected by someone else while you were editing it; "
                       "reload the page to see their correction before saving yours.")
    errors = {}
    try:
        reason = clean_text(reason or "", MAX_TEXT)
    except ValueError as exc:
        errors["reason"] = str(exc)
    if not errors and not reason:
        errors["reason"] = "is required: say why the event is corrected"
    try:
        clean = _validate(event.case, {**raw, "type": event.type}, editing=event)
    except Invalid as exc:
        errors.update(exc.errors)
    if errors:
        raise Invalid(errors)
    before = event.snapshot()
    _apply(event, clean)
    if event.snapshot() == before:
        raise Invalid({"reason": "nothing was changed"})
    session.add(EventRevision(event=event, revision=len(event.revisions) + 1, snapshot=before,
                              reason=reason, changed_by_id=user.id if user else None))
    event.updated_by_id = user.id if user else None
    session.flush()
    refresh_derived(session, event.case)
    return event
