"""Validation of a whole event as a lawyer or an import supplies it.

Shared by the event forms and the interchange importer so that both accept exactly the
same events. Errors are keyed by field: ``at``, ``source``, ``fields.to_body``, …
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.procedure.phrase import Phrase
from app.procedure.vocabulary import (
    BODIES,
    EVENT_TYPES_BY_NAME,
    MAX_LONG_TEXT,
    MAX_TEXT,
    FieldErrors,
    clean_fields,
    clean_text,
    message_of,
    shown,
)
from app.procedure.when import InvalidWhen, When

_BODY_CODES = frozenset(c.code for c in BODIES)


@dataclass
class CleanEvent:
    """An event that passed validation; EVENT fields still hold the caller's reference."""

    type: str
    at: When
    source: str
    body: str | None = None
    document_number: str | None = None
    document_title: str | None = None
    notes: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    narrative: str | None = None  # how a communication tells the event, in English
    narrative_ru: str | None = None  # … and in Russian

    def event_fields(self) -> list[str]:
        """Names of this event's fields that point at another event."""
        refs = EVENT_TYPES_BY_NAME[self.type].reference_fields()
        return [name for name in self.fields if name in refs]


def clean_event(raw: Mapping[str, Any], *, now: datetime) -> CleanEvent:
    """Check every part of an event; raise FieldErrors naming each bad field."""
    errors: dict[str, str] = {}
    type_name = raw.get("type")
    event_type = EVENT_TYPES_BY_NAME.get(type_name) if isinstance(type_name, str) else None
    if event_type is None:
        raise FieldErrors({"type": Phrase("%(value)s is not an event type of the vocabulary (docs/vocabulary.md)",
                                          value=shown(type_name))})
    at = _clean_at(raw.get("at"), now, errors)
    texts: dict[str, str | None] = {}
    for name, limit in (("source", MAX_TEXT), ("document_number", MAX_TEXT),
                        ("document_title", MAX_TEXT), ("notes", MAX_LONG_TEXT), ("narrative", MAX_LONG_TEXT),
                        ("narrative_ru", MAX_LONG_TEXT)):
        value = raw.get(name)
        try:
            texts[name] = clean_text(value, limit) if value not in (None, "") else None
        except ValueError as exc:
            errors[name] = message_of(exc)
    if "source" not in errors and not texts.get("source"):
        errors["source"] = Phrase("is required: cite the document and paragraph, or \"lawyer's file\"")
    body = _clean_body(None if raw.get("body") in (None, "") else raw.get("body"), errors)
    fields_raw = raw.get("fields")
    fields_raw = {} if fields_raw is None else fields_raw
    fields: dict[str, Any] = {}
    if not isinstance(fields_raw, Mapping):
        errors["fields"] = Phrase("must be an object")
    else:
        try:
            fields = clean_fields(event_type, fields_raw)
        except FieldErrors as exc:
            errors.update({f"fields.{k}": v for k, v in exc.errors.items()})
    if errors:
        raise FieldErrors(errors)
    return CleanEvent(
        type=event_type.name, at=at, source=texts["source"] or "", body=body,  # type: ignore[arg-type]
        document_number=texts["document_number"], document_title=texts["document_title"],
        notes=texts["notes"], fields=fields, narrative=texts["narrative"], narrative_ru=texts["narrative_ru"],
    )


def _clean_at(value: Any, now: datetime, errors: dict[str, str]) -> When | None:
    if value in (None, ""):
        errors["at"] = Phrase("is required")
        return None
    try:
        at = When.parse(value)
    except InvalidWhen as exc:
        errors["at"] = message_of(exc)
        return None
    if at.start > now:
        errors["at"] = Phrase("%(when)s is in the future", when=str(at))
    return at


def _clean_body(body: Any, errors: dict[str, str]) -> str | None:
    if body is not None and not isinstance(body, str):
        errors["body"] = Phrase("must be a code (text)")
    elif body is not None and body not in _BODY_CODES:
        errors["body"] = Phrase("%(value)s is not a known body", value=shown(body))
    return body
