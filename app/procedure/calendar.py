"""Counting procedural time (CPC art. 48) on the Kazakh calendar.

- Hour terms run from the exact minute of the starting event and never move.
- Day terms start the next day and end at 24:00 of their last day; month terms end on the
  same date of the last month (the month's last day when it has no such date).
- A day or month term whose last day is not a working day ends on the next working day,
  except custody, detention and house-arrest terms, which never move.

Non-working days come from the ``holidays`` package's Kazakhstan calendar, which knows the
public holidays, their observed days and the government's transferred days off (and the
Saturdays worked in exchange). All times are naive wall-clock times in Asia/Almaty.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

import holidays

END_OF_DAY = time(23, 59)


class Unit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class WorkingCalendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...
    def holiday_name(self, day: date) -> str | None: ...


class KazakhCalendar:
    """Kazakhstan's working days per the ``holidays`` package, each date looked up once (a
    recompute of the archive asks about the same few thousand days again and again)."""

    def __init__(self) -> None:
        self._holidays = holidays.country_holidays("KZ")
        self._working: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = self._holidays.is_working_day(day)
        return known

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day)


class AdjustedCalendar:
    """A calendar with days the government declared off, or working, after the package was
    released: {day: (working, name)} wins over the base calendar."""

    def __init__(self, base: WorkingCalendar, adjustments: Mapping[date, tuple[bool, str]]) -> None:
        self._base = base
        self._adjustments = dict(adjustments)

    def is_working_day(self, day: date) -> bool:
        if day in self._adjustments:
            return self._adjustments[day][0]
        return self._base.is_working_day(day)

    def holiday_name(self, day: date) -> str | None:
        if day in self._adjustments:
            working, name = self._adjustments[day]
            return None if working else name
        return self._base.holiday_name(day)


@lru_cache(maxsize=1)
def kazakh_calendar() -> KazakhCalendar:
    return KazakhCalendar()


@dataclass(frozen=True)
class Term:
    """A legal time limit: an amount of a unit, and whether it moves off non-working days."""

    amount: int
    unit: Unit
    movable: bool = True  # False for custody, detention and house-arrest terms (art. 48)

    def __str__(self) -> str:
        unit = self.unit.value if self.amount != 1 else self.unit.value.rstrip("s")
        return f"{self.amount} {unit}"


@dataclass(frozen=True)
class Skipped:
    day: date
    reason: str  # "Saturday", "Sunday" or the holiday's name


@dataclass(frozen=True)
class Computation:
    """A due moment and how it was reached, so that a date can explain itself."""

    start: datetime
    term: Term
    nominal_end: datetime  # before moving off non-working days
    due: datetime  # the last minute at which the act is still in time
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    @property
    def due_day(self) -> date:
        return self.due.date()


def add_months(day: date, months: int) -> date:
    """The same date ``months`` later; the month's last day when it has no such date."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def compute_due(start: datetime, term: Term, calendar: WorkingCalendar | None = None) -> Computation:
    """When a term that starts at ``start`` expires."""
    calendar = calendar or kazakh_calendar()
    if term.unit is Unit.HOURS:
        due = start + timedelta(hours=term.amount)
        return Computation(start, term, due, due)
    if term.unit is Unit.DAYS:
        last = start.date() + timedelta(days=term.amount)  # the starting day is not counted
    else:
        months = term.amount * (12 if term.unit is Unit.YEARS else 1)
        last = add_months(start.date(), months)
    nominal = datetime.combine(last, END_OF_DAY)
    skipped: list[Skipped] = []
    if term.movable:
        while not calendar.is_working_day(last):
            skipped.append(Skipped(last, calendar.holiday_name(last) or last.strftime("%A")))
            last += timedelta(days=1)
    return Computation(start, term, nominal, datetime.combine(last, END_OF_DAY), tuple(skipped))


def working_days_between(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """How many working days after ``start`` up to and including ``end`` (0 when end <= start):
    a deadline due tomorrow, a working day, is 1 working day away."""
    calendar = calendar or kazakh_calendar()
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


def working_days_before(day: date, count: int, calendar: WorkingCalendar | None = None) -> date:
    """The working day ``count`` working days before ``day`` (for 'due within 3 working days')."""
    calendar = calendar or kazakh_calendar()
    found = 0
    while found < count:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            found += 1
    return day
