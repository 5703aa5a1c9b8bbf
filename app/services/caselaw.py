"""The library of the committees' decisions and general comments a communication cites (DOMAIN.md §9).

Seeded from seed/library/case-law.json; admins correct holdings, mark an entry verified once its
symbol, date and paragraphs are checked against the text itself, or retire it. Loading never overwrites
an admin's edit: it adds the entries that are missing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.drafts.provisions import BY_CODE
from app.models import CaseLaw
from app.procedure.engine import FLAG_RULES
from app.procedure.vocabulary import MAX_LONG_TEXT, clean_text
from app.services.errors import Invalid

FORMAT_NAME = "qorgau.caselaw"
COMMITTEES = ("CAT", "HRC")
KINDS = ("decision", "views", "general_comment")
KEYS = frozenset({"key", "committee", "kind", "title_en", "title_ru", "symbol", "adopted", "holding_en",
                  "holding_ru", "provisions", "rules", "verified_from"})


class CaseLawFileError(ValueError):
    """The library file does not hold what it should; names the entry and the field."""


def parse_library(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME or not isinstance(raw.get("entries"), list):
        raise CaseLawFileError(f'not a "{FORMAT_NAME}" document with a list of entries')
    entries = []
    for number, entry in enumerate(raw["entries"], 1):
        where = f"entry {number}"
        if not isinstance(entry, dict):
            raise CaseLawFileError(f"{where}: not an object")
        unknown = set(entry) - KEYS
        if unknown:
            raise CaseLawFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        try:
            entries.append(clean_entry(entry))
        except Invalid as exc:
            field, message = next(iter(exc.errors.items()))
            raise CaseLawFileError(f"{where} ({entry.get('key')}), {field}: {message}") from None
    return entries


def clean_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """One entry checked: its texts, a known committee and kind, a date, provisions and flag rules that exist."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name, limit in (("key", 60), ("title_en", 300), ("title_ru", 300), ("symbol", 100),
                        ("holding_en", MAX_LONG_TEXT), ("holding_ru", MAX_LONG_TEXT)):
        _text(entry, name, limit, out, errors)
    for name, allowed in (("committee", COMMITTEES), ("kind", KINDS)):
        out[name] = entry.get(name)
        if out[name] not in allowed:
            errors[name] = _("choose one of %(choices)s", choices=", ".join(allowed))
    out["adopted"] = None
    if entry.get("adopted"):
        try:
            out["adopted"] = date.fromisoformat(str(entry["adopted"]))
        except ValueError:
            errors["adopted"] = _("write the date as YYYY-MM-DD")
    out["provisions"] = [str(c) for c in entry.get("provisions") or []]
    if unknown := [c for c in out["provisions"] if c not in BY_CODE]:
        errors["provisions"] = _("unknown provision: %(codes)s", codes=", ".join(unknown))
    out["rules"] = [str(r) for r in entry.get("rules") or []]
    if unknown := [r for r in out["rules"] if r not in FLAG_RULES]:
        errors["rules"] = _("unknown red flag: %(rules)s", rules=", ".join(unknown))
    out["note"] = entry.get("verified_from") or ""
    out["verified"] = bool(out["note"]) and "UNVERIFIED" not in out["note"]
    if errors:
        raise Invalid(errors)
    return out


def _text(entry: dict[str, Any], name: str, limit: int, out: dict[str, Any], errors: dict[str, str]) -> None:
    try:
        out[name] = clean_text(entry.get(name) or "", limit)
    except ValueError as exc:
        errors[name] = str(exc)
        return
    if not out[name]:
        errors[name] = _("is required")


def load_case_law(session: Session, path: Path) -> int:
    """Add the library's entries that the database lacks; returns how many were added."""
    entries = parse_library(json.loads(path.read_text(encoding="utf-8")))
    present = set(session.scalars(select(CaseLaw.key)))
    added = 0
    for entry in entries:
        if entry["key"] in present:
            continue
        session.add(CaseLaw(**entry, active=True))
        added += 1
    session.flush()
    return added


def update_entry(session: Session, entry: CaseLaw, data: dict[str, Any]) -> CaseLaw:
    """An admin's correction: the holding, the citation, what it supports, whether it is verified."""
    cleaned = clean_entry({**data, "key": entry.key})
    for name in ("committee", "kind", "title_en", "title_ru", "symbol", "adopted", "holding_en", "holding_ru",
                 "provisions", "rules"):
        setattr(entry, name, cleaned[name])
    entry.note = data.get("verified_from") or None
    entry.verified = bool(data.get("verified"))
    entry.active = bool(data.get("active"))
    session.flush()
    return entry
