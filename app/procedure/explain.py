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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.procedure.calendar import (
    Computation,
    Skipped,
    Term,
    Unit,
    WorkingCalendar,
    compute_due,
    kazakh_calendar,
)
from app.procedure.law import RULES_BY_ID, TERMS, LegalTerm, Rule, Settings
from app.procedure.phrase import (
    ENGLISH,
    Day,
    Days,
    Label,
    Moment,
    Month,
    Phrase,
    Value,
    reason_words,
)
from app.procedure.results import Deadline
from app.procedure.when import Precision, When

COUNTING_BASIS = "CPC art. 48"


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
    def steps(self) -> tuple[Phrase, ...]:
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
    def _start_step(self) -> Phrase:
        if self.start is None:
            return Phrase("%(event)s", event=Label(self.start_label))
        return Phrase("%(event)s %(when)s", event=Label(self.start_label), when=when_words(self.start))

    def _exact_steps(self) -> Iterator[Phrase]:
        if self.note:
            yield _note(self.note)
        assert self.term is not None and self.due is not None and self.nominal_end is not None
        if self.term.unit is Unit.HOURS:
            yield Phrase("%(term)s from the exact minute → due %(due)s", term=self.term,
                         due=Moment(self.due, exact=True))
            yield from self._unmoved_steps()
            return
        if not self.skipped:
            if self.worked_weekend:
                yield Phrase("%(term)s, %(counting)s → due %(due)s (a weekend day worked in exchange for a day off)",
                             term=self.term, counting=self._counting(), due=Moment(self.due))
            else:
                yield Phrase("%(term)s, %(counting)s → due %(due)s", term=self.term, counting=self._counting(),
                             due=Moment(self.due))
            yield from self._unmoved_steps()
            return
        yield Phrase("%(term)s, %(counting)s → %(end)s", term=self.term, counting=self._counting(),
                     end=Day(self.nominal_end.date()))
        if len(self.skipped) == 1:
            yield Phrase("%(days)s is not a working day → due %(due)s", days=Days(self.skipped), due=Moment(self.due))
        else:
            yield Phrase("%(days)s are not working days → due %(due)s", days=Days(self.skipped), due=Moment(self.due))

    def _counting(self) -> Phrase:
        """How a day, month or year term reaches its last day."""
        assert self.term is not None and self.counted_from is not None and self.nominal_end is not None
        if self.term.unit is Unit.DAYS:
            return Phrase("the starting day not counted")
        start, end = self.counted_from.date(), self.nominal_end.date()
        if end.day == start.day:
            if self.term.unit is Unit.MONTHS:
                return Phrase("the starting day not counted, ending on the same date of the last month")
            return Phrase("the starting day not counted, ending on the same date of the last year")
        return Phrase("the starting day not counted; %(month)s has no %(ordinal)s, so the term ends on the "
                      "month's last day", month=Month(end), ordinal=ordinal_phrase(start.day))

    def _unmoved_steps(self) -> Iterator[Phrase]:
        why = never_moves() if not self.movable else hours_never_move()
        if self.unmoved is not None:
            yield Phrase("%(day)s is not a working day, but the term does not move: %(why)s",
                         day=Days((self.unmoved,)), why=why)
        elif not self.movable:
            yield never_moves()

    def _range_steps(self) -> Iterator[Phrase]:
        if self.note:
            yield _note(self.note)
        exact = self.term is not None and self.term.unit is Unit.HOURS
        if self.term is not None:
            yield (Phrase("%(term)s from the exact minute", term=self.term) if exact
                   else Phrase("%(term)s, the starting day not counted", term=self.term))
        assert self.earliest_due is not None and self.latest_due is not None
        yield Phrase("due between %(earliest)s and %(latest)s because %(why)s",
                     earliest=Moment(self.earliest_due, exact=exact), latest=Moment(self.latest_due, exact=exact),
                     why=self._imprecision())

    def _imprecision(self) -> Phrase:
        if self.start is None:
            return Phrase("the start is not known precisely")
        if self.start.precision is Precision.DAY:
            return Phrase("the start is known only to the day: record its time to get one due moment")
        if self.start.precision is Precision.MONTH:
            return Phrase("the start is known only to the month: record its day to get one due date")
        return Phrase("the start is known only to the year: record its day to get one due date")

    def _set_steps(self) -> Iterator[Phrase]:
        assert self.earliest_due is not None
        if self.note:
            yield Phrase("the decision set the date (%(note)s) → due %(due)s", note=_note(self.note),
                         due=Moment(self.earliest_due))
        else:
            yield Phrase("the date was set by a decision → due %(due)s", due=Moment(self.earliest_due))

    def _unknown_steps(self) -> Iterator[Phrase]:
        why = _note(self.note) if self.note else Phrase("the timeline does not tell when the term started")
        if self.term is not None:
            yield Phrase("%(term)s, but the due date cannot be computed: %(why)s", term=self.term, why=why)
        else:
            yield Phrase("the due date cannot be computed: %(why)s", why=why)

    def _basis_steps(self) -> Iterator[Phrase]:
        basis = Label(self.basis) if self.basis else None
        if self.kind in (Kind.EXACT, Kind.RANGE) and self.term is not None:
            if basis and self.verify:
                yield Phrase("%(basis)s (value to verify); time counted under %(counting)s", basis=basis,
                             counting=Label(COUNTING_BASIS))
            elif basis:
                yield Phrase("%(basis)s; time counted under %(counting)s", basis=basis, counting=Label(COUNTING_BASIS))
            else:
                yield Phrase("time counted under %(counting)s", counting=Label(COUNTING_BASIS))
        elif basis:
            verify = Phrase("%(basis)s (value to verify)", basis=basis)
            yield verify if self.verify else Phrase("%(basis)s", basis=basis)


def never_moves() -> Phrase:
    return Phrase("custody and detention terms never move off non-working days")


def hours_never_move() -> Phrase:
    return Phrase("hour terms never move off non-working days")


def _note(note: str) -> Phrase:
    """A deadline's note: a Phrase when the rules wrote one, else domain text to translate."""
    return note if isinstance(note, Phrase) else Phrase("%(note)s", note=Label(note))


# --- building an explanation -------------------------------------------------------------
def explain(deadline: Deadline, *, start: When | None, start_label: str, settings: Settings | None = None,
            calendar: WorkingCalendar | None = None) -> Explanation:
    """Explain ``deadline``, started by an event labelled ``start_label`` that happened at ``start``.

    ``settings`` and ``calendar`` must be those the deadline was derived with."""
    settings = settings or Settings()
    calendar = calendar or kazakh_calendar()
    rule = RULES_BY_ID[deadline.rule]
    legal, term = legal_term(deadline, rule, start, settings, calendar)
    # a date set by a decision (an extension "until") is no value of the law: nothing to verify
    set_by_decision = deadline.due is None and deadline.earliest_due is not None \
        and deadline.earliest_due == deadline.latest_due
    explanation = Explanation(
        rule=rule.id, title=rule.title, start_label=start_label, start=start, term=term,
        basis=legal.basis if legal else rule.basis,
        verify=legal.verify if legal else (rule.verify and not set_by_decision),
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
def when_words(when: When) -> Value:
    """A start as precisely as it is known: 'Fri 7 Jun 2024, 10:30', 'Fri 7 Jun 2024',
    'in June 2024' or 'in 2024'."""
    if when.precision is Precision.MINUTE:
        return Moment(when.start, exact=True)
    if when.precision is Precision.DAY:
        return Day(when.day)
    if when.precision is Precision.MONTH:
        return Phrase("in %(month)s", month=Month(when.start.date()))
    return Phrase("in %(year)s", year=str(when.start.year))


def reason_text(reason: str) -> str:
    """A holiday's name as a lawyer reads it; the package writes transferred days off with
    American dates ('Day off (substituted from 05/04/2024)' is the Saturday 4 May 2024)."""
    return reason_words(Skipped(date.min, reason), ENGLISH)


def ordinal(number: int) -> str:
    return str(ordinal_phrase(number))


def ordinal_phrase(number: int) -> Phrase:
    """'29th' in English; a phrase of its own, as languages say a day of the month differently."""
    if 10 <= number % 100 <= 20 or number % 10 not in (1, 2, 3):
        return Phrase("%(day)sth", day=number)
    return {1: Phrase("%(day)sst", day=number), 2: Phrase("%(day)snd", day=number),
            3: Phrase("%(day)srd", day=number)}[number % 10]
