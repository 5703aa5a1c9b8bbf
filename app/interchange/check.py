"""Reading and validating interchange files: ``python -m app.interchange.check FILE...``.

The import command and the checker read files the same way: size checked before reading,
strict UTF-8, strict JSON (no duplicate keys), and every failure a message, not a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.interchange.format import Document, InvalidDocument, parse_document

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _DuplicateKey(f"the key {key[:40]!r} appears twice in one object")
    return dict(pairs)


def load_file(path: Path) -> tuple[Any, list[str]]:
    """The decoded JSON of a file, or the problems that stopped it being read."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            return None, [f"{path}: the file is {size / 1e6:.0f} MB; the limit is {MAX_IMPORT_BYTES // 2**20} MB"]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [f"{path}: cannot be read: {exc.strerror or exc}"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates), []
    except json.JSONDecodeError as exc:
        return None, [f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]
    except _DuplicateKey as exc:
        return None, [f"{path}: not valid JSON for import: {exc}"]
    except RecursionError:
        return None, [f"{path}: not valid JSON for import: nested too deeply"]
    except ValueError as exc:  # e.g. an integer longer than Python reads
        return None, [f"{path}: not valid JSON for import: {str(exc)[:100]}"]


def read_document(path: Path) -> tuple[Document | None, list[str]]:
    data, problems = load_file(path)
    if problems:
        return None, problems
    try:
        return parse_document(data), []
    except InvalidDocument as exc:
        return None, [f"{path}: {p}" for p in exc.problems]
    except RecursionError:
        return None, [f"{path}: nested too deeply"]


def check_file(path: Path) -> list[str]:
    """Every problem of one file as ``file: where: field: reason`` lines (empty when valid)."""
    return read_document(path)[1]


def main(argv: list[str]) -> int:
    problems = [line for arg in argv for line in check_file(Path(arg))]
    print("\n".join(problems) if problems else f"{len(argv)} file(s) valid")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
