"""Compensation awarded against compensation paid, in tenge and in MCI of the payment's year.

What the record holds, added up: an award with no payment recorded is "no payment recorded",
and a sum is given only over the amounts the record states (the count of amounts left out is
kept, so a total never reads as complete when it is not).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.procedure.casefile import CaseFile, Fact
from app.procedure.law import MCI_TENGE


@dataclass(frozen=True)
class Money:
    """A sum in tenge over the events that state one, and how many events state none."""

    tenge: float
    unstated: int

    @property
    def shown(self) -> bool:
        return self.tenge > 0


@dataclass(frozen=True)
class Redress:
    awards: tuple[Fact, ...]
    payments: tuple[Fact, ...]

    @property
    def any(self) -> bool:
        return bool(self.awards or self.payments)

    @property
    def awarded(self) -> Money:
        return _sum(self.awards)

    @property
    def paid(self) -> Money:
        return _sum(self.payments)

    def paid_after(self, award: Fact) -> tuple[Fact, ...]:
        """Payments recorded on or after an award (by the same kind of payer when both say)."""
        return tuple(p for p in self.payments if p.when.start >= award.when.start
                     and (award.get("source") is None or p.get("source") in (None, award.get("source"))))


def redress_of(case: CaseFile) -> Redress:
    return Redress(tuple(case.of_type("compensation_awarded")), tuple(case.of_type("compensation_paid")))


def mci(event: Fact) -> float | None:
    """The amount in MCI: as recorded, else the tenge at the MCI of the event's year when the law
    tables know that year (docs/procedure.md: MCI per year)."""
    if event.get("amount_mci") is not None:
        return float(event.get("amount_mci"))
    tenge, year = event.get("amount_kzt"), event.when.start.year
    if tenge is None or year not in MCI_TENGE:
        return None
    return tenge / MCI_TENGE[year]


def _sum(events: tuple[Fact, ...]) -> Money:
    stated = [e.get("amount_kzt") for e in events if e.get("amount_kzt") is not None]
    return Money(float(sum(stated)), len(events) - len(stated))
