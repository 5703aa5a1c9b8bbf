"""What the generator and the runner share: the bench app, the bench logins, counting SQL."""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event, select
from sqlalchemy.engine import Engine

# Synthetic accounts only: the bench database is never a production database.
BENCH_PASSWORD = "bench-Qorgau-passphrase"  # noqa: S105 - a fixed password of synthetic bench users
BENCH_SECRET_KEY = "bench-only-secret-key-0123456789abcdef"  # noqa: S105 - signs bench sessions only
BENCH_FILE_KEY = base64.urlsafe_b64encode(b"qorgau-bench-file-key: 32 bytes!").decode()  # bench files only
EMAIL_DOMAIN = "bench.qorgau.kz"


def database_url(url: str) -> str:
    """The URL as config.py would read DATABASE_URL (psycopg 3 for PostgreSQL)."""
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def bench_app(url: str, **overrides):
    """The production configuration pointed at the bench database.

    Secrets are fixed bench values and the instance folder a temporary one, so nothing of
    the developer's instance/ is read or written.
    """
    os.environ.setdefault("QORGAU_INSTANCE", tempfile.mkdtemp(prefix="qorgau-bench-instance-"))
    from app import create_app

    settings = {"SQLALCHEMY_DATABASE_URI": database_url(url), "SECRET_KEY": BENCH_SECRET_KEY,
                "FILE_KEY": BENCH_FILE_KEY, "FILES_DIR": tempfile.mkdtemp(prefix="qorgau-bench-files-")}
    settings.update(overrides)
    return create_app("production", **settings)


def user_email(role: str, number: int) -> str:
    return f"{role}{number:02d}@{EMAIL_DOMAIN}"


@dataclass
class QueryLog:
    """SQL statements sent to the database while active (a ``before_cursor_execute`` listener)."""

    statements: list[tuple[str, object]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def counting(engine: Engine, log: QueryLog | None = None) -> Iterator[QueryLog]:
    log = log or QueryLog()

    def before(_conn, _cursor, statement, parameters, _context, _executemany):
        log.statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", before)


CHECKSUM_COLUMNS = {
    # table: columns that are a pure function of the seed (no salts, no wall-clock stamps)
    "cases": ("id", "reference", "title", "region", "city", "place_type", "perpetrator_agency", "incident",
              "summary", "stages", "supervisor_id", "victim_minor", "victim_woman", "victim_in_custody_now"),
    "events": ("id", "uid", "case_id", "type", "occurred_on", "occurred_time", "precision", "body", "source",
               "notes", "fields", "document_number"),
    "people": ("id", "name", "description", "aliases", "search_text"),
    "case_parties": ("id", "case_id", "person_id", "role", "notes"),
    "case_assignments": ("case_id", "user_id"),
    "case_deadlines": ("id", "case_id", "rule", "from_event_id", "end_event_id", "due", "latest_due", "outcome"),
    "case_flags": ("id", "case_id", "rule", "severity", "key", "active_from", "active_until"),
    "users": ("id", "email", "full_name", "role"),
}


def checksum(connection, metadata) -> str:
    """SHA-256 over the seed-determined columns of the main tables, in primary-key order."""
    digest = hashlib.sha256()
    for name, columns in CHECKSUM_COLUMNS.items():
        table = metadata.tables[name]
        cols = [table.c[c] for c in columns]
        for row in connection.execute(select(*cols).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(_canonical(v) for v in row)).encode())
    return digest.hexdigest()


def _canonical(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_canonical(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
