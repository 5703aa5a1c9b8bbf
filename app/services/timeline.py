"""Recording and correcting events; every write re-derives the case's stages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import Session

from app.models import Case, CaseFlag, Event, EventRevision, User
from app.models.types import utcnow
from app.procedure.chronology import movable_neighbour
from app.procedure.event_input import CleanEvent, clean_event
from app.procedure.law import RULES_BY_ID
from app.procedure.vocabulary import (
    CONTROLLED_VOCABULARIES_BY_NAME,
    EVENT_TYPES_BY_NAME,
    MAX_TEXT,
    FieldErrors,
    Kind,
    clean_text,
    message_of,
    term_codes,
)
from app.procedure.when import almaty_now
from app.services.errors import Conflict, Invalid
from app.services.procedure import refresh_derived
from app.services.vocabularies import known_codes
from app.wording import said


def local_now() -> datetime:
    """Now as a naive Almaty wall-clock time, the frame events are recorded in."""
    return almaty_now()


def _validate(session: Session, case: Case, raw: dict[str, Any], *, editing: Event | None = None) -> CleanEvent:
    try:
        event = clean_event(raw, now=local_now())
    except FieldErrors as exc:
        raise Invalid(exc.errors) from None
    others = {e.uid for e in case.events if e is not editing}
    errors = {f"fields.{name}": _("must be another event of this case")
              for name in event.event_fields() if event.fields[name] not in others}
    errors.update(_check_terms(session, event, editing))
    if errors:
        raise Invalid(errors)
    return event


def _check_terms(session: Session, event: CleanEvent, editing: Event | None) -> dict[str, str]:
    """Codes of a controlled vocabulary must be terms of it, and active; a correction may keep
    a code the event already holds (deactivated since, or imported from an installation that
    has it), so that correcting another field loses nothing."""
    errors = {}
    for spec in EVENT_TYPES_BY_NAME[event.type].fields:
        if spec.kind not in (Kind.TERM, Kind.TERMS) or spec.name not in event.fields or spec.vocabulary is None:
            continue
        known = known_codes(session, spec.vocabulary)
        had = set(term_codes((editing.fields or {}).get(spec.name))) if editing is not None else set()
        codes = term_codes(event.fields[spec.name])
        unknown = [code for code in codes if code not in known and code not in had]
        inactive = [code for code in codes if known.get(code) is False and code not in had]
        title = _(CONTROLLED_VOCABULARIES_BY_NAME[spec.vocabulary].title)  # domain text, in the catalog
        if unknown:
            errors[f"fields.{spec.name}"] = ngettext(
                "%(codes)s is not a term of %(vocabulary)s (HURIDOCS)",
                "%(codes)s are not terms of %(vocabulary)s (HURIDOCS)",
                len(unknown), codes=", ".join(unknown), vocabulary=title)
        elif inactive:
            errors[f"fields.{spec.name}"] = ngettext(
                "%(codes)s is deactivated in %(vocabulary)s: choose another term or ask an admin to reactivate it",
                "%(codes)s are deactivated in %(vocabulary)s: choose another term or ask an admin to reactivate it",
                len(inactive), codes=", ".join(inactive), vocabulary=title)
    return errors


def _apply(event: Event, clean: CleanEvent) -> None:
    event.type = clean.type
    event.when = clean.at
    event.body = clean.body
    event.document_number = clean.document_number
    event.document_title = clean.document_title
    event.source = clean.source
    event.notes = clean.notes
    event.narrative = clean.narrative
    event.narrative_ru = clean.narrative_ru
    event.fields = clean.fields


def record_event(session: Session, case: Case, raw: dict[str, Any], *, user: User | None) -> Event:
    """Add an event to a case's timeline. EVENT fields name their target by ``uid``."""
    clean = _validate(session, case, raw)
    event = Event(case=case, position=max((e.position for e in case.events), default=-1) + 1,
                  created_by_id=user.id if user else None, updated_by_id=user.id if user else None)
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
        raise Invalid({"also_cases": _("an event that points at another event can only be "
                                       "recorded in one case at a time")})
    events = []
    for case in cases:
        try:
            events.append(record_event(session, case, raw, user=user))
        except Invalid as exc:
            if case is cases[0]:
                raise
            raise Invalid({"also_cases": f"{case.reference}: " + "; ".join(
                f"{k}: {said(v)}" for k, v in exc.errors.items())}) from None
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
        errors["reason"] = message_of(exc)
    if not errors and not reason:
        errors["reason"] = _("is required: say why the event is corrected")
    try:
        clean = _validate(session, event.case, {**raw, "type": event.type}, editing=event)
    except Invalid as exc:
        errors.update(exc.errors)
    if errors:
        raise Invalid(errors)
    before = event.snapshot()
    _apply(event, clean)
    if event.snapshot() == before:
        raise Invalid({"reason": _("nothing was changed")})
    session.add(EventRevision(event=event, revision=len(event.revisions) + 1, snapshot=before,
                              reason=reason, changed_by_id=user.id if user else None))
    event.updated_by_id = user.id if user else None
    session.flush()
    refresh_derived(session, event.case)
    return event


# The examination a confirmed absence is about, where the step is an examination.
_EXAM_OF_RULE = {"no-psychological-exam": "forensic_fppe", "no-forensic-exam": "forensic_fme"}
LAWYERS_FILE = "lawyer's file"


def confirm_absence(session: Session, case: Case, flag: CaseFlag, *, user: User, note: str = "") -> Event:
    """"I checked: it was not done" (DOMAIN.md §8): a ``not_done`` of the step the absence flag
    rests on, about the event that started its term, dated now, sourced to the lawyer's file and
    saying who confirmed it. The engine then finds the breach on record; undoing it is
    retracting that event, with a reason, like any other correction."""
    if flag.case_id != case.id or flag.basis != "absence" or not flag.step:
        raise Invalid({"flag": _("this red flag does not rest on a missing step that can be confirmed")})
    try:
        note = clean_text(note or "", MAX_TEXT)
    except ValueError as exc:
        raise Invalid({"note": message_of(exc)}) from None
    start = next((e for e in case.events if e.id in (flag.event_ids or [])[:1]), None)
    now = local_now()
    fields: dict[str, Any] = {"step": flag.step}
    if start is not None:
        fields["refers_to"] = start.uid
    if flag.rule in _EXAM_OF_RULE:
        fields["kind"] = _EXAM_OF_RULE[flag.rule]
    confirmed = _("Confirmed by %(name)s from the red flag \"%(rule)s\".", name=user.full_name,
                  rule=_(RULES_BY_ID[flag.rule].title))
    return record_event(session, case, {
        "type": "not_done", "at": now.strftime("%Y-%m-%dT%H:%M"), "source": LAWYERS_FILE,
        "notes": f"{confirmed} {note}".strip(), "fields": fields}, user=user)


def retract_event(session: Session, event: Event, *, user: User | None, reason: str, expected_version: int) -> Event:
    """Take an event back (a duplicate, the wrong case, a confirmation made in error): it leaves the
    timeline and the engine and stays, with its history and the reason, in the record."""
    if event.version != expected_version:
        raise Conflict("This event was corrected by someone else while you were editing it; "
                       "reload the page to see their correction before saving yours.")
    if event.retracted_at is not None:
        raise Invalid({"reason": _("this event is already retracted")})
    try:
        reason = clean_text(reason or "", MAX_TEXT)
    except ValueError as exc:
        raise Invalid({"reason": message_of(exc)}) from None
    if not reason:
        raise Invalid({"reason": _("is required: say why the event is retracted")})
    session.add(EventRevision(event=event, revision=len(event.revisions) + 1, snapshot=event.snapshot(),
                              reason=_("Retracted: %(reason)s", reason=reason),
                              changed_by_id=user.id if user else None))
    event.retracted_at = utcnow()
    event.updated_by_id = user.id if user else None
    session.flush()
    refresh_derived(session, event.case)
    return event


def movable_events(timeline: list[Event]) -> dict[int, set[str]]:
    """For a timeline's page: which events can move "up" or "down" (their dates overlap the
    neighbour's)."""
    found: dict[int, set[str]] = {}
    for index, event in enumerate(timeline):
        for name, step in (("up", -1), ("down", 1)):
            if movable_neighbour(timeline, index, step, when=lambda e: e.when) is not None:
                found.setdefault(event.id, set()).add(name)
    return found


def move_event(session: Session, event: Event, step: int) -> bool:
    """Move an event one place up (-1) or down (+1) in the timeline among events whose dates overlap
    it: the lawyer's order decides there, never against the dates or a reference. False when it
    cannot move."""
    timeline = event.case.timeline
    index = timeline.index(event)
    other = movable_neighbour(timeline, index, step, when=lambda e: e.when)
    if other is None:
        return False
    neighbour = timeline[other]
    before = [e.id for e in timeline]
    for position, each in enumerate(sorted(event.case.events, key=lambda e: (e.position, e.id))):
        each.position = position  # the same order, with no two events on one position
    event.position, neighbour.position = neighbour.position, event.position
    if [e.id for e in event.case.timeline] == before:  # a reference holds them in place
        event.position, neighbour.position = neighbour.position, event.position
        return False
    session.flush()
    refresh_derived(session, event.case)
    return True
