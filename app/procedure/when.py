"""Dates as precise as the record: a year, a month, a day or a minute.

Sources often say only "in January 2022" or "in 2014". Inventing a day would make a
deadline look computable when it is not, so every date in Qorgau keeps its precision.
The text form is ISO 8601 cut to the known precision: ``2022``, ``2022-01``,
``2022-01-13`` or ``2022-01-13T11:00`` (local time in Asia/Almaty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import IntEnum
from zoneinfo import ZoneInfo

from app.procedure.phrase import Phrase


class Precision(IntEnum):
    """How much of a date the record knows; ordered from coarse to fine."""

    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4


_PATTERN = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?)?)?$"
)

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200  # far enough for any term; keeps date arithmetic inside datetime's range


class InvalidWhen(ValueError):
    """A date text that is not a real date at any precision; its message is a Phrase."""


# Why datetime refuses a date, as Python words it, said in the reader's language.
_REASONS = {
    "day is out of range for month": Phrase("day is out of range for month"),
    "month must be in 1..12": Phrase("month must be in 1..12"),
    "hour must be in 0..23": Phrase("hour must be in 0..23"),
    "minute must be in 0..59": Phrase("minute must be in 0..59"),
}


@dataclass(frozen=True, order=True)
class When:
    """A point in local time known to some precision.

    ``start`` is the first instant the text can mean (so ``2022-01`` starts on
    1 January 2022 at 00:00); ordering and sorting use it.
    """

    start: datetime
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> When:
        """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``."""
        match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise InvalidWhen(Phrase(
                "%(value)s is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM", value=_shown(text)
            ))
        parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
        if not EARLIEST_YEAR <= parts["year"] <= LATEST_YEAR:
            raise InvalidWhen(Phrase("%(value)s: the year must be between %(earliest)s and %(latest)s",
                                     value=_shown(text), earliest=str(EARLIEST_YEAR), latest=str(LATEST_YEAR)))
        precision = Precision(
            Precision.MINUTE if "hour" in parts
            else Precision.DAY if "day" in parts
            else Precision.MONTH if "month" in parts
            else Precision.YEAR
        )
        try:
            start = datetime(
                parts["year"],
                parts.get("month", 1),
                parts.get("day", 1),
                parts.get("hour", 0),
                parts.get("minute", 0),
            )
        except ValueError as exc:
            raise InvalidWhen(Phrase("%(value)s is not a real date: %(reason)s", value=_shown(text),
                                     reason=_REASONS.get(str(exc), str(exc)))) from None
        return cls(start, precision)

    @classmethod
    def from_parts(cls, day: date, clock: time | None, precision: Precision) -> When:
        """Rebuild from the stored columns (date, optional time, precision)."""
        return cls(datetime.combine(day, clock or time(0, 0)), Precision(precision))

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def clock(self) -> time | None:
        return self.start.time() if self.precision is Precision.MINUTE else None

    def isoformat(self) -> str:
        """The text form, cut to the precision (the inverse of :meth:`parse`)."""
        text = self.start.strftime("%Y-%m-%dT%H:%M")
        return text[: {1: 4, 2: 7, 3: 10, 4: 16}[self.precision]]

    def latest(self) -> datetime:
        """The last minute the text can mean: used to test 'not in the future'."""
        if self.precision is Precision.MINUTE:
            return self.start
        if self.precision is Precision.DAY:
            return self.start.replace(hour=23, minute=59)
        if self.precision is Precision.MONTH:
            year, month = self.start.year, self.start.month
            first_next = date(year + month // 12, month % 12 + 1, 1)
            return datetime.combine(first_next, time(0, 0)) - timedelta(minutes=1)
        return datetime(self.start.year, 12, 31, 23, 59)

    def __str__(self) -> str:
        return self.isoformat()



ALMATY = ZoneInfo("Asia/Almaty")


def almaty_now() -> datetime:
    """Now as a naive Almaty wall-clock time, the frame every event is recorded in."""
    return datetime.now(ALMATY).replace(tzinfo=None)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"
