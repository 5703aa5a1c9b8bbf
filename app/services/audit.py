"""Writing the audit trail: every change to the record automatically, every read explicitly.

Changes are caught in one place, a session ``after_flush`` listener, so a write cannot
forget to be audited: for each new, changed or deleted object of an audited model it
records who, what, and the values before and after (secrets left out). Reads (a case page
viewed, an export, a draft downloaded) are recorded by the code that serves them.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from app.models import (
    Approval,
    AssignmentChange,
    CalendarAdjustment,
    CalendarToken,
    Case,
    CaseAssignment,
    CaseLaw,
    CaseParty,
    Draft,
    DraftVersion,
    Event,
    EventRevision,
    EvidenceFile,
    FlagAcknowledgement,
    Handover,
    Person,
    PersonRelation,
    RuleSetting,
    TreatyProcedure,
    User,
    VocabularyTerm,
)
from app.models.audit import AuditEntry

AUDITED = (Case, CaseAssignment, CaseParty, Event, EventRevision, EvidenceFile, Person, PersonRelation, Draft,
           DraftVersion, FlagAcknowledgement, User, TreatyProcedure, CalendarToken, Approval, AssignmentChange,
           Handover, CalendarAdjustment, RuleSetting, VocabularyTerm, CaseLaw)
SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "totp_secret", "totp_last_step", "search_text", "name_keys",
                            "stages", "contact_sealed"})
ACTOR_KEY = "audit_actor"  # session.info key the CLI sets: "cli"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _who(session: Session) -> tuple[int | None, str]:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id, current_user.email
    return None, session.info.get(ACTOR_KEY, "system")


def _case_id(obj: Any) -> int | None:
    if isinstance(obj, Case):
        return obj.id
    if isinstance(obj, Draft | Event | CaseParty | CaseAssignment | FlagAcknowledgement | EvidenceFile | Approval
                  | AssignmentChange):
        return obj.case_id
    if isinstance(obj, DraftVersion):
        return obj.draft.case_id if obj.draft else None
    if isinstance(obj, EventRevision):
        return obj.event.case_id if obj.event else None
    return None


def _columns(obj: Any) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in SECRET_COLUMNS]


def _snapshot(obj: Any) -> dict[str, Any]:
    return {key: _plain(getattr(obj, key)) for key in _columns(obj)}


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for key in _columns(obj):
        history = state.attrs[key].history
        if history.has_changes():
            before[key] = _plain(history.deleted[0]) if history.deleted else None
            after[key] = _plain(history.added[0]) if history.added else None
    return before, after


def _identity(obj: Any) -> str:
    """The primary key (already assigned in after_flush, before the object gets its identity key)."""
    return ",".join(str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj))


def _after_flush(session: Session, _context) -> None:
    user_id, actor = _who(session)
    rows = []
    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if not isinstance(obj, AUDITED):
                continue
            if action == "create":
                details = {"after": _snapshot(obj)}
            elif action == "delete":
                details = {"before": _snapshot(obj)}
            else:
                before, after = _changes(obj)
                if not after and not before:
                    continue
                details = {"before": before, "after": after}
            rows.append({"at": datetime.now().astimezone(), "user_id": user_id, "actor": actor, "action": action,
                         "object_type": type(obj).__name__, "object_id": _identity(obj),
                         "case_id": _case_id(obj), "details": details})
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def install(session_class: type[Session]) -> None:
    """Audit every session of this class (the app's, the tests', the CLI's)."""
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "after_flush", _after_flush)


def record_read(session: Session, action: str, *, case: Case | None = None, object_type: str = "Case",
                object_id: str | None = None, details: dict[str, Any] | None = None) -> None:
    """A read worth knowing about: a case viewed, exported, a draft downloaded, a feed fetched."""
    user_id, actor = _who(session)
    session.add(AuditEntry(user_id=user_id, actor=actor, action=action, object_type=object_type,
                           object_id=object_id or (case.reference if case else None),
                           case_id=case.id if case else None, details=_plain(details or {})))
