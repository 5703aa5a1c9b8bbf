"""Reading query-string values defensively: anything odd becomes 'not given', never a 500."""

from __future__ import annotations

from collections.abc import Iterable

from flask import request

MAX_ID = 2**31 - 1  # the largest id any database here stores
FILTER_KEYS = frozenset({"q", "stage", "region", "lawyer", "rule", "severity", "incident"})


def text_arg(name: str, limit: int = 200) -> str | None:
    """A search text without control characters (PostgreSQL refuses NUL), at most ``limit`` long."""
    value = "".join(ch for ch in (request.args.get(name) or "") if ch >= " " and ch != "\x7f")
    return value.strip()[:limit] or None


def int_arg(name: str) -> int | None:
    value = request.args.get(name, type=int)
    return value if value is not None and 0 < value <= MAX_ID else None


def code_arg(name: str, allowed: Iterable[str]) -> str | None:
    value = request.args.get(name)
    return value if value in set(allowed) else None


def page_arg() -> int:
    return min(int_arg("page") or 1, 100_000)


def filter_args() -> dict[str, str]:
    """The filters of the current page, for building its own links (and nothing url_for reserves)."""
    return {k: v for k, v in request.args.items() if k in FILTER_KEYS}


def parse_version(value: str | None) -> int:
    """A form's hidden version number; anything else reads as a conflict (-1)."""
    text = (value or "").strip()
    return int(text) if text.isdecimal() and len(text) < 10 else -1
