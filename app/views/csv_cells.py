"""CSV downloads that a spreadsheet opens safely."""

from __future__ import annotations


def safe_cell(value) -> str:
    """Spreadsheet formula injection guard: a cell may not start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
