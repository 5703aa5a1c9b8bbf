"""Backup and restore of the whole database and the evidence files.

A backup is a folder: ``database.json`` (every row of every table, in an order that respects
foreign keys, and the schema revision), ``files/`` (the evidence files exactly as stored,
still encrypted) and ``manifest.json`` (the SHA-256 of everything). The file key is NOT in
the backup: keep it apart, or the files cannot be read after a restore.

Restore goes into a migrated, empty database at the same revision, checks every checksum
first, and writes nothing unless everything is consistent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select, text
from sqlalchemy.types import Date, DateTime, LargeBinary, Time

from app.extensions import db

FORMAT = "qorgau.backup"
VERSION = 1
SKIP_TABLES = frozenset({"alembic_version"})
# Reference data the migrations themselves insert: replaced by the backup's copy on restore.
REFERENCE_TABLES = frozenset({"treaty_procedures"})


class BackupError(Exception):
    """A backup cannot be made or restored as asked; nothing was written."""


def _tables():
    return [t for t in db.metadata.sorted_tables if t.name not in SKIP_TABLES]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    return value


def _decode(value: Any, column) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        (tag, raw), = value.items()
        if tag == "$datetime" and isinstance(column.type, DateTime):
            return datetime.fromisoformat(raw)
        if tag == "$date" and isinstance(column.type, Date):
            return date.fromisoformat(raw)
        if tag == "$time" and isinstance(column.type, Time):
            return time.fromisoformat(raw)
        if tag == "$bytes" and isinstance(column.type, LargeBinary):
            return base64.b64decode(raw)
        if tag == "$decimal":
            return Decimal(raw)
    return value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - a database built without migrations (tests) has no revision
        return None


def dump_tables(connection: Connection) -> dict[str, Any]:
    """Every row of every table, primary-key ordered: also what the round-trip test compares."""
    tables = {}
    for table in _tables():
        order = list(table.primary_key.columns) or list(table.columns)
        rows = connection.execute(select(table).order_by(*order)).all()
        tables[table.name] = {"columns": [c.name for c in table.columns],
                              "rows": [[_encode(v) for v in row] for row in rows]}
    return tables


def make_backup(target: Path, files_dir: Path) -> Path:
    """Write a backup folder under ``target``; returns it."""
    folder = target / datetime.now(UTC).strftime("qorgau-backup-%Y%m%dT%H%M%SZ")
    if folder.exists():
        raise BackupError(f"{folder} exists already")
    (folder / "files").mkdir(parents=True)
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))  # one snapshot
        document = {"format": FORMAT, "version": VERSION, "revision": _revision(connection),
                    "made_at": datetime.now(UTC).isoformat(), "tables": dump_tables(connection)}
        keys = [row[0] for row in connection.execute(text("SELECT storage_key FROM evidence_files"))]
    (folder / "database.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for key in keys:
        source = files_dir / key
        if not source.exists():
            raise BackupError(f"evidence file {key} is missing from {files_dir}")
        shutil.copy2(source, folder / "files" / key)
    manifest = {"database.json": _sha256(folder / "database.json"),
                "files": {key: _sha256(folder / "files" / key) for key in keys}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def verify_backup(folder: Path) -> dict[str, Any]:
    """Check every checksum of a backup; returns its database document."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder}: no readable manifest.json ({exc})") from None
    if _sha256(folder / "database.json") != manifest.get("database.json"):
        raise BackupError("database.json does not match its checksum: the backup is damaged")
    for key, digest in manifest.get("files", {}).items():
        path = folder / "files" / key
        if not path.exists() or _sha256(path) != digest:
            raise BackupError(f"evidence file {key} is missing or damaged in the backup")
    document = json.loads((folder / "database.json").read_text(encoding="utf-8"))
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise BackupError("not a Qorgau backup of a version this release reads")
    return document


def restore_backup(folder: Path, files_dir: Path) -> dict[str, int]:
    """Restore into a migrated, empty database; returns the number of rows per table."""
    document = verify_backup(folder)
    counts = {}
    with db.engine.begin() as connection:
        revision = _revision(connection)
        if document["revision"] != revision:
            raise BackupError(f"the backup is at schema revision {document['revision']}, the database at "
                              f"{revision}: run 'flask db upgrade' (or restore with the matching release)")
        for table in _tables():
            rows = connection.execute(select(func.count()).select_from(table)).scalar()
            if rows and table.name not in REFERENCE_TABLES:
                raise BackupError(f"the database is not empty (table {table.name}): restore only into a new one")
        for table in _tables():
            if table.name in REFERENCE_TABLES:
                connection.execute(table.delete())
            data = document["tables"].get(table.name, {"columns": [], "rows": []})
            columns = [table.columns[name] for name in data["columns"]]
            rows = [{c.name: _decode(v, c) for c, v in zip(columns, row, strict=True)} for row in data["rows"]]
            if rows:
                connection.execute(table.insert(), rows)
            counts[table.name] = len(rows)
        if connection.dialect.name == "postgresql":
            for table in _tables():
                if "id" in table.columns and table.columns["id"].autoincrement is not False and counts[table.name]:
                    sequence = func.pg_get_serial_sequence(table.name, "id")
                    connection.execute(select(func.setval(sequence, select(func.max(table.c.id)).scalar_subquery())))
        files_dir.mkdir(parents=True, exist_ok=True)
        for source in sorted((folder / "files").iterdir()):
            target = files_dir / source.name
            if target.exists() and _sha256(target) != _sha256(source):
                raise BackupError(f"{target} exists with other content: not overwritten")
            shutil.copy2(source, target)
    return counts
