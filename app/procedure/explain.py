"""Due dates that explain themselves: the arithmetic behind a deadline, step by step, in words.

Plain Python: no Flask, no database. An :class:`Explanation` keeps the steps as data (the
start, the term and its legal basis, the nominal end, the non-working days skipped, whether
the term moves, the due moment) and says them as one sentence, e.g.

    Decision served Fri 7 Jun 2024; 15 days, the starting day not counted → Sat 22 Jun 2024;
    Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday) are not working days → due Mon 24 Jun 2024,
    24:00; CPC 106(5); time counted under CPC art. 48.

A deadline whose start is known only to the month (or year, or day for an hour term) has no
single due moment: it is explained as the range between the earliest and the latest one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.procedure.calendar import (
    END_OF_DAY,
    Computation,
    Skipped,
    Term,
    Unit,
    WorkingCalendar,
    compute_due,
    kazakh_calendar,
)
from app.procedure.law import RULES_BY_ID, TERMS, LegalTerm, Rule, Settings
from app.procedure.results import Deadline
from app.procedure.when import Precision, When

COUNTING_BASIS = "CPC art. 48"
NEVER_MOVES = "custody and detention terms never move off non-working days"
HOURS_NEVER_MOVE = "hour terms never move off non-working days"
_SUBSTITUTED = re.compile(r"^Day off \(substituted from (\d{2})/(\d{2})/(\d{4})\)$")
_OBSERVED = " (observed)"


class Kind(StrEnum):
    EXACT = "exact"  # one due moment, computed from a precise start
    RANGE = "range"  # the start is imprecise: the due moment lies between two moments
    SET = "set"  # the due day was set by a decision (an extension "until")
    UNKNOWN = "unknown"  # no due moment can be computed


def as_sentence(steps: Iterable[str]) -> str:
    """Steps as one sentence: "Decision served Fri 7 Jun 2024; 15 days, …; CPC 106(5)."."""
    sentence = "; ".join(step.rstrip(".") for step in steps if step)
    return sentence[:1].upper() + sentence[1:] + "."


@dataclass(frozen=True)
class Explanation:
    """How a deadline's due moment follows from its start, its term and the calendar."""

    rule: str
    title: str
    start_label: str  # what started the term, e.g. "Decision served"
    start: When | None  # when it happened, to the precision recorded
    term: Term | None = None  # e.g. 15 days; None when it cannot be told
    basis: str = ""  # the legal basis of the term
    verify: bool = False  # the term's value was read only in secondary sources
    counted_from: datetime | None = None  # the instant the term was counted from
    nominal_end: datetime | None = None  # the term's end before moving off non-working days
    skipped: tuple[Skipped, ...] = ()  # the non-working days the end moved over
    due: datetime | None = None  # the last minute still in time
    earliest_due: datetime | None = None
    latest_due: datetime | None = None
    unmoved: Skipped | None = None  # the non-working day a term that does not move ends on
    worked_weekend: bool = False  # the term ends on a Saturday or Sunday worked in exchange for a day off
    note: str = ""  # why there is no computed moment, or what the computation assumed

    @property
    def kind(self) -> Kind:
        if self.due is not None:
            return Kind.EXACT
        if self.earliest_due is None or self.latest_due is None:
            return Kind.UNKNOWN
        return Kind.RANGE if self.earliest_due != self.latest_due else Kind.SET

    @property
    def starting_day_excluded(self) -> bool:
        """Day, month and year terms start the next day; hour terms from the exact minute."""
        return self.term is not None and self.term.unit is not Unit.HOURS

    @property
    def movable(self) -> bool:
        """False for custody and detention terms: their end never moves to a working day."""
        return self.term is None or self.term.movable

    @property
    def steps(self) -> tuple[str, ...]:
        """The arithmetic in order, each step a phrase."""
        body = {Kind.EXACT: self._exact_steps, Kind.RANGE: self._range_steps, Kind.SET: self._set_steps,
                Kind.UNKNOWN: self._unknown_steps}[self.kind]
        return (self._start_step(), *body(), *self._basis_steps())

    @property
    def text(self) -> str:
        """The steps as one sentence."""
        return as_sentence(self.steps)

    def __str__(self) -> str:
        return self.text

    # --- steps ---------------------------------------------------------------------------
    def _start_step(self) -> str:
        if self.start is None:
            return self.start_label
        return f"{self.start_label} {when_text(self.start)}"

    def _exact_steps(self) -> Iterator[str]:
        if self.note:
            yield self.note
        assert self.term is not None and self.due is not None and self.nominal_end is not None
        if self.term.unit is Unit.HOURS:
            yield f"{self.term} from the exact minute → due {moment_text(self.due, exact=True)}"
            yield from self._unmoved_steps()
            return
        counted = f"{self.term}, {self._counting()} → "
        if not self.skipped:
            worked = " (a weekend day worked in exchange for a day off)" if self.worked_weekend else ""
            yield f"{counted}due {moment_text(self.due)}{worked}"
            yield from self._unmoved_steps()
            return
        yield counted + day_text(self.nominal_end.date())
        verb = "is not a working day" if len(self.skipped) == 1 else "are not working days"
        yield f"{skipped_text(self.skipped)} {verb} → due {moment_text(self.due)}"

    def _counting(self) -> str:
        """How a day, month or year term reaches its last day."""
        assert self.term is not None and self.counted_from is not None and self.nominal_end is not None
        if self.term.unit is Unit.DAYS:
            return "the starting day not counted"
        start, end = self.counted_from.date(), self.nominal_end.date()
        if end.day == start.day:
            period = "month" if self.term.unit is Unit.MONTHS else "year"
            return f"the starting day not counted, ending on the same date of the last {period}"
        return (f"the starting day not counted; {end:%B %Y} has no {ordinal(start.day)}, "
                "so the term ends on the month's last day")

    def _unmoved_steps(self) -> Iterator[str]:
        why = NEVER_MOVES if not self.movable else HOURS_NEVER_MOVE
        if self.unmoved is not None:
            yield f"{skipped_text((self.unmoved,))} is not a working day, but the term does not move: {why}"
        elif not self.movable:
            yield NEVER_MOVES

    def _range_steps(self) -> Iterator[str]:
        if self.note:
            yield self.note
        exact = self.term is not None and self.term.unit is Unit.HOURS
        if self.term is not None:
            yield f"{self.term} from the exact minute" if exact else f"{self.term}, the starting day not counted"
        assert self.earliest_due is not None and self.latest_due is not None
        yield (f"due between {moment_text(self.earliest_due, exact=exact)} and "
               f"{moment_text(self.latest_due, exact=exact)} because {self._imprecision()}")

    def _imprecision(self) -> str:
        if self.start is None:
            return "the start is not known precisely"
        if self.start.precision is Precision.DAY:
            return "the start is known only to the day: record its time to get one due moment"
        unit = "month" if self.start.precision is Precision.MONTH else "year"
        return f"the start is known only to the {unit}: record its day to get one due date"

    def _set_steps(self) -> Iterator[str]:
        assert self.earliest_due is not None
        set_by = f"the decision set the date ({self.note})" if self.note else "the date was set by a decision"
        yield f"{set_by} → due {moment_text(self.earliest_due)}"

    def _unknown_steps(self) -> Iterator[str]:
        why = self.note or "the timeline does not tell when the term started"
        term = f"{self.term}, but the" if self.term is not None else "the"
        yield f"{term} due date cannot be computed: {why}"

    def _basis_steps(self) -> Iterator[str]:
        basis = self.basis + (" (value to verify)" if self.verify else "")
        if self.kind in (Kind.EXACT, Kind.RANGE) and self.term is not None:
            yield f"{basis}; time counted under {COUNTING_BASIS}" if basis else f"time counted under {COUNTING_BASIS}"
        elif basis:
            yield basis


# --- building an explanation -------------------------------------------------------------
def explain(deadline: Deadline, *, start: When | None, start_label: str, settings: Settings | None = None,
            calendar: WorkingCalendar | None = None) -> Explanation:
    """Explain ``deadline``, started by an event labelled ``start_label`` that happened at ``start``.

    ``settings`` and ``calendar`` must be those the deadline was derived with."""
    settings = settings or Settings()
    calendar = calendar or kazakh_calendar()
    rule = RULES_BY_ID[deadline.rule]
    legal, term = legal_term(deadline, rule, start, settings, calendar)
    explanation = Explanation(
        rule=rule.id, title=rule.title, start_label=start_label, start=start, term=term,
        basis=legal.basis if legal else rule.basis, verify=legal.verify if legal else rule.verify,
        earliest_due=deadline.earliest_due, latest_due=deadline.latest_due, note=deadline.note)
    computation = deadline.due
    if computation is None:
        return explanation
    return _with_computation(explanation, computation, calendar)


def _with_computation(explanation: Explanation, computation: Computation, calendar: WorkingCalendar) -> Explanation:
    due_day = computation.due.date()
    unmoved = None if computation.skipped or calendar.is_working_day(due_day) else non_working(due_day, calendar)
    worked_weekend = not computation.skipped and due_day.weekday() >= 5 and calendar.is_working_day(due_day)
    return Explanation(
        rule=explanation.rule, title=explanation.title, start_label=explanation.start_label,
        start=explanation.start, term=computation.term, basis=explanation.basis, verify=explanation.verify,
        counted_from=computation.start, nominal_end=computation.nominal_end, skipped=computation.skipped,
        due=computation.due, earliest_due=explanation.earliest_due, latest_due=explanation.latest_due,
        unmoved=unmoved, worked_weekend=worked_weekend, note=explanation.note)


def legal_term(deadline: Deadline, rule: Rule, start: When | None, settings: Settings,
               calendar: WorkingCalendar) -> tuple[LegalTerm | None, Term | None]:
    """The term of the rule table that produced ``deadline``, and its value for this start.

    A rule may use several terms (custody: 48 h, 24 h for a minor, 72 h for grave crimes);
    the one whose arithmetic gives the deadline's due moments is it. When none or several
    with different bases fit, the basis is None and the rule's own basis is shown."""
    on = start.day if start else (deadline.due.start.date() if deadline.due else None)
    if on is None:
        return None, None
    candidates = [(TERMS[name], settings.term(name, on)) for name in rule.terms]
    if deadline.due is None and deadline.earliest_due is None:  # nothing to compare: only a sole term is sure
        fitting = candidates if len(candidates) == 1 else []
    else:
        fitting = [(legal, term) for legal, term in candidates if _fits(deadline, term, start, calendar)]
    terms = {term for _, term in fitting}
    bases = {legal.basis for legal, _ in fitting}
    term = deadline.due.term if deadline.due else (fitting[0][1] if len(terms) == 1 else None)
    return (fitting[0][0] if len(bases) == 1 else None), term


def _fits(deadline: Deadline, term: Term, start: When | None, calendar: WorkingCalendar) -> bool:
    if deadline.due is not None:
        return term == deadline.due.term
    if start is None or deadline.earliest_due is None:
        return False
    return (compute_due(start.start, term, calendar).due == deadline.earliest_due
            and compute_due(start.latest(), term, calendar).due == deadline.latest_due)


def non_working(day: date, calendar: WorkingCalendar) -> Skipped:
    """A non-working day with its reason, as the calendar module names it."""
    return Skipped(day, calendar.holiday_name(day) or day.strftime("%A"))


# --- words -------------------------------------------------------------------------------
def day_text(day: date, *, year: bool = True) -> str:
    """'Fri 7 Jun 2024' (or 'Fri 7 Jun')."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def moment_text(moment: datetime, *, exact: bool = False) -> str:
    """A due moment: 'Mon 24 Jun 2024, 24:00' at the end of a day, else the minute."""
    clock = "24:00" if moment.time() == END_OF_DAY and not exact else f"{moment:%H:%M}"
    return f"{day_text(moment.date())}, {clock}"


def when_text(when: When) -> str:
    """A start as precisely as it is known: 'Fri 7 Jun 2024, 10:30', 'Fri 7 Jun 2024',
    'in June 2024' or 'in 2024'."""
    if when.precision is Precision.MINUTE:
        return moment_text(when.start, exact=True)
    if when.precision is Precision.DAY:
        return day_text(when.day)
    if when.precision is Precision.MONTH:
        return f"in {when.start:%B %Y}"
    return f"in {when.start.year}"


def reason_text(reason: str) -> str:
    """A holiday's name as a lawyer reads it; the package writes transferred days off with
    American dates ('Day off (substituted from 05/04/2024)' is the Saturday 4 May 2024)."""
    return "; ".join(_one_reason(part) for part in reason.split("; "))


def _one_reason(name: str) -> str:
    match = _SUBSTITUTED.match(name)
    if match:
        month, day, year = (int(part) for part in match.groups())
        try:
            return f"day off transferred from {day_text(date(year, month, day))}"
        except ValueError:
            return name
    if name.endswith(_OBSERVED):
        return f"day off for {name.removesuffix(_OBSERVED)}"
    return name


def skipped_text(skipped: tuple[Skipped, ...]) -> str:
    """'Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday)'."""
    items = [f"{day_text(s.day, year=False)} ({reason_text(s.reason)})" for s in skipped]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
