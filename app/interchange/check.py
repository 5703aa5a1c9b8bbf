"""Validate interchange files without a database: ``python -m app.interchange.check FILE...``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.interchange.format import InvalidDocument, parse_document


def check_file(path: Path) -> list[str]:
    """Every problem of one file as ``file: where: field: reason`` lines (empty when valid)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return [f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]
    except json.JSONDecodeError as exc:
        return [f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]
    try:
        parse_document(data)
    except InvalidDocument as exc:
        return [f"{path}: {p}" for p in exc.problems]
    return []


def main(argv: list[str]) -> int:
    problems = [line for arg in argv for line in check_file(Path(arg))]
    print("\n".join(problems) if problems else f"{len(argv)} file(s) valid")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
