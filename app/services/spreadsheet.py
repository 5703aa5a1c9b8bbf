"""Importing cases from spreadsheets through the web (docs/spreadsheet-import.md).

Reading and checking the rows is app.interchange.spreadsheet's (pure); here is what needs the
database or the disk:

- the checks only the database can make: a reference that already exists, HURIDOCS codes
  that are not terms of their vocabulary (or no longer active), people likely already known;
- keeping a checked upload for its confirmation *without writing to the database*: the
  interchange document waits in a file of the instance folder, encrypted with the evidence
  files' key, named after a hash of a random token and bound to the user who uploaded it, for
  an hour at most; it is taken once (confirmed) or dropped (cancelled);
- writing it: app.services.interchange.import_document, all or nothing, the importing lawyer
  assigned to the new cases, and each case's import recorded in the audit trail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interchange.format import Document, InvalidDocument, dump_document, parse_document
from app.interchange.spreadsheet import (
    CASES,
    EVENTS,
    FIELD_PREFIX,
    Conversion,
    SheetProblem,
    Upload,
    convert_uploads,
    locate,
)
from app.models import Case, Person, Role, User
from app.procedure.vocabulary import CONTROLLED_VOCABULARIES_BY_NAME, EVENT_TYPES_BY_NAME, Kind, term_codes
from app.services.assignments import assign_lawyer
from app.services.audit import record_read
from app.services.files import IntegrityFailure, Vault
from app.services.interchange import import_document
from app.services.people import likely_duplicates
from app.services.vocabularies import known_codes

PENDING_SECONDS = 60 * 60  # a preview not confirmed within the hour is dropped
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
IMPORT_ROLES = (Role.LAWYER, Role.SUPERVISOR, Role.ADMIN)
DUPLICATE_CHECKS = 100  # victims looked up among the people already known, per upload


# --------------------------------------------------------------------------- checking

def check_upload(session: Session, cases: Upload, events: Upload | None, *,
                 now: datetime | None = None) -> Conversion:
    """Every problem of the upload, the database's included; nothing is written."""
    conversion = convert_uploads(cases, events, now=now)
    if conversion.document is not None:
        problems = database_problems(session, conversion.document, conversion)
        if problems:
            conversion.problems, conversion.document = problems, None
    return conversion


def database_problems(session: Session, document: Document, conversion: Conversion) -> list[SheetProblem]:
    """References already used and HURIDOCS codes the database does not know (or has
    deactivated), at their rows: what the form of a case or an event would refuse too."""
    problems = []
    references = [c.reference for c in document.cases]
    taken = set()
    for start in range(0, len(references), 500):  # IN lists stay short
        taken |= set(session.scalars(select(Case.reference).where(Case.reference.in_(references[start:start + 500]))))
    for reference in references:
        if reference in taken:
            problems.append(SheetProblem(CASES, conversion.case_rows.get(reference),
                                         conversion.headers.get(CASES, {}).get("reference", "reference"),
                                         _l("%(reference)s already exists: an import never changes a case",
                                            reference=reference)))
    known: dict[str, dict[str, bool]] = {}
    for case in document.cases:
        rows = conversion.event_rows.get(case.reference, [])
        for index, event in enumerate(case.events):
            for spec in EVENT_TYPES_BY_NAME[event.type].fields:
                if spec.kind not in (Kind.TERM, Kind.TERMS) or spec.name not in event.fields or not spec.vocabulary:
                    continue
                if spec.vocabulary not in known:
                    known[spec.vocabulary] = known_codes(session, spec.vocabulary)
                codes = known[spec.vocabulary]
                wrong = [c for c in term_codes(event.fields[spec.name]) if not codes.get(c)]
                if wrong:
                    key = FIELD_PREFIX + spec.name
                    # the vocabulary's title is domain text, translated when the problem is shown
                    title = LazyString(gettext, CONTROLLED_VOCABULARIES_BY_NAME[spec.vocabulary].title)
                    problems.append(SheetProblem(
                        EVENTS, rows[index] if index < len(rows) else None,
                        conversion.headers.get(EVENTS, {}).get(key, key),
                        _l("%(codes)s: not an active term of %(vocabulary)s (HURIDOCS)", codes=wrong[0],
                           vocabulary=title) if len(wrong) == 1 else
                        _l("%(codes)s: not active terms of %(vocabulary)s (HURIDOCS)", codes=", ".join(wrong),
                           vocabulary=title)))
    return problems


@dataclass
class KnownPerson:
    row: int
    name: str
    people: list[Person]


def possible_duplicates(session: Session, document: Document, conversion: Conversion, user: User) -> list[KnownPerson]:
    """Victims whose name is likely that of someone already known (and visible to the user):
    the import creates a new person all the same; the preview says so, for the first rows."""
    found = []
    for person in document.people[:DUPLICATE_CHECKS]:
        people = likely_duplicates(session, [person.name, *person.aliases], user, limit=3)
        if people:
            row = int(person.key.removeprefix("row-")) if person.key.startswith("row-") else 0
            found.append(KnownPerson(row, person.name or "", people))
    return found


# --------------------------------------------------------------------------- waiting for confirmation

def _clock() -> float:
    return time.time()


@dataclass
class Pending:
    """A checked upload waiting for its confirmation."""

    user_id: int
    created: float
    document: dict[str, Any]
    case_rows: dict[str, int]
    event_rows: dict[str, list[int]]
    headers: dict[str, dict[str, str]]
    files: list[dict[str, Any]]


class PendingImports:
    """Checked uploads, encrypted in ``directory``; each one read by its token, by its user only."""

    def __init__(self, directory: str | Path, key_b64: str) -> None:
        self.directory = Path(directory)
        self.vault = Vault.from_config(self.directory, key_b64)

    @staticmethod
    def _storage_key(token: str) -> str | None:
        """The file of a token: its hash, so that the folder's listing gives no token away."""
        if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
            return None
        return hashlib.sha256(token.encode()).hexdigest()

    def save(self, conversion: Conversion, files: list[Upload], user: User) -> str:
        assert conversion.document is not None  # noqa: S101 - only a checked upload waits
        self.sweep()
        token = secrets.token_urlsafe(32)
        key = self._storage_key(token)
        assert key is not None  # noqa: S101 - token_urlsafe(32) is what TOKEN_PATTERN describes
        payload = {"user_id": user.id, "created": _clock(), "document": dump_document(conversion.document),
                   "case_rows": conversion.case_rows, "event_rows": conversion.event_rows,
                   "headers": conversion.headers,
                   "files": [{"name": f.filename[:200], "size": len(f.data),
                              "sha256": hashlib.sha256(f.data).hexdigest()} for f in files]}
        self.vault.write(key, json.dumps(payload).encode())
        return token

    def _read(self, key: str, user: User) -> Pending | None:
        try:
            pending = Pending(**json.loads(self.vault.read(key)))
        except (FileNotFoundError, IntegrityFailure, ValueError, TypeError):
            return None  # none, or not one this key wrote
        if pending.user_id != user.id:
            return None  # someone else's: exactly as if there were none
        if not 0 <= _clock() - pending.created <= PENDING_SECONDS:
            self._delete(self.directory / key)
            return None
        return pending

    def take(self, token: str, user: User) -> Pending | None:
        """The user's pending import, removed so that it is imported once; None when there is
        none: never made, made by someone else, cancelled, taken already or over an hour old."""
        key = self._storage_key(token)
        if key is None:
            return None
        pending = self._read(key, user)
        if pending is None:
            return None
        try:
            (self.directory / key).unlink()  # one taker wins: a second confirmation finds nothing
        except FileNotFoundError:
            return None
        return pending

    def discard(self, token: str, user: User) -> bool:
        key = self._storage_key(token)
        if key is None or self._read(key, user) is None:
            return False
        self._delete(self.directory / key)
        return True

    def sweep(self, now: float | None = None) -> int:
        """Delete what is over an hour old (an upload never confirmed nor cancelled)."""
        now = now or _clock()
        removed = 0
        if not self.directory.is_dir():
            return removed
        for path in self.directory.iterdir():
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime > PENDING_SECONDS:
                    path.unlink()
                    removed += 1
        return removed

    @staticmethod
    def _delete(path: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


# --------------------------------------------------------------------------- writing

class ImportRefused(Exception):
    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def confirm_import(session: Session, pending: Pending, user: User) -> list[Case]:
    """Write a pending import: every case or, on any problem, none (the caller rolls back).

    The document is checked again (a reference may have been taken since the preview); the
    importing lawyer is assigned to the new cases, as one who opens a case works on it."""
    conversion = Conversion(None, [], pending.case_rows, pending.event_rows, pending.headers)
    try:
        document = parse_document(pending.document)
    except InvalidDocument as exc:
        raise ImportRefused([locate(p, pending.case_rows, pending.event_rows, pending.headers)
                             for p in exc.problems]) from None
    problems = database_problems(session, document, conversion)
    if problems:
        raise ImportRefused(problems)
    try:
        cases = import_document(session, document, user=user)
    except InvalidDocument as exc:
        raise ImportRefused([locate(p, pending.case_rows, pending.event_rows, pending.headers)
                             for p in exc.problems]) from None
    session.flush()
    for case in cases:
        if user.role == Role.LAWYER:
            assign_lawyer(session, case, user, by=user)
        record_read(session, "import", case=case, details={
            "from": "spreadsheet", "files": pending.files, "row": pending.case_rows.get(case.reference),
            "events": len(pending.event_rows.get(case.reference, []))})
    session.flush()
    return cases
