"""What the engine derives: deadlines and red flags, each able to say when it applies."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.procedure.calendar import Computation


class Status(StrEnum):
    """Where a term stands (DOMAIN.md §8): silence is never a breach.

    ``missed`` needs the record to show it: the step taken late, or a ``not_done`` event
    saying it had not been taken by the due moment. A term that passed with neither on record
    is ``not-recorded``: a question for the lawyer, not a finding.
    """

    RUNNING = "running"
    MET = "met"
    MISSED = "missed"
    NOT_RECORDED = "not-recorded"
    CANNOT_COMPUTE = "cannot-compute"
    ENDED_BY_DEATH = "ended-by-death"


class Basis(StrEnum):
    """What a red flag rests on: events that show the breach, or nothing recorded where
    something was due."""

    RECORD = "record"
    ABSENCE = "absence"


# Statuses and bases as people read them (the codes stay in files and the command line).
STATUS_WORDS = {
    Status.RUNNING: "running",
    Status.MET: "met",
    Status.MISSED: "missed (on record)",
    Status.NOT_RECORDED: "passed, nothing recorded",
    Status.CANNOT_COMPUTE: "cannot be computed",
    Status.ENDED_BY_DEATH: "ended by death",
}
BASIS_WORDS = {Basis.RECORD: "recorded breach", Basis.ABSENCE: "nothing recorded"}


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True)
class Deadline:
    """A term of DOMAIN.md §5 started by an event.

    ``due`` is None when the start is known too coarsely to name a day (or minute); the
    status may still be certain, e.g. a complaint of "January 2021" never registered.
    ``outcome`` is fixed by the ending event when there is one (the step, a ``not_done``, a
    death); without one the status depends on the moment asked about, and a term that has
    certainly passed is ``not-recorded``, never ``missed``.
    """

    rule: str
    from_event: Hashable
    due: Computation | None
    earliest_due: datetime | None  # the due moment if the start was as early as it can be
    latest_due: datetime | None  # ... and as late as it can be (equal when the start is precise)
    end_event: Hashable | None = None
    outcome: Status | None = None  # MET / MISSED / CANNOT_COMPUTE / ENDED_BY_DEATH once decided
    note: str = ""
    in_hours: bool = False  # an hour term: its due moment is a minute, even 23:59

    def status(self, as_of: datetime) -> Status:
        if self.outcome is not None:
            return self.outcome
        if self.latest_due is None or self.earliest_due is None:
            return Status.CANNOT_COMPUTE
        if as_of > self.latest_due:
            return Status.NOT_RECORDED
        return Status.RUNNING if as_of <= self.earliest_due else Status.CANNOT_COMPUTE

    @property
    def precise(self) -> bool:
        return self.due is not None

    @property
    def is_open(self) -> bool:
        return self.outcome is None and self.latest_due is not None


@dataclass(frozen=True)
class Flag:
    """A red flag of DOMAIN.md §6, raised by events and active from a moment on."""

    rule: str
    severity: Severity
    events: tuple[Hashable, ...]
    explanation: str
    basis: Basis = Basis.RECORD
    action: str | None = None
    action_due: datetime | None = None
    active_from: datetime | None = None  # None: since the triggering events
    active_until: datetime | None = None  # None: until something changes in the timeline
    step: str | None = None  # an absence flag: the event type whose absence it rests on

    def active_at(self, as_of: datetime) -> bool:
        return ((self.active_from is None or self.active_from <= as_of)
                and (self.active_until is None or as_of < self.active_until))

    @property
    def key(self) -> str:
        """Identifies the flag across recomputations (acknowledgements are kept by it)."""
        return f"{self.rule}:{self.severity}:" + ",".join(str(e) for e in self.events)


@dataclass(frozen=True)
class Evaluation:
    stages: list[str]
    deadlines: list[Deadline] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def at(self, as_of: datetime) -> Evaluation:
        """The flags active at ``as_of``; deadlines are kept (their status takes as_of)."""
        return Evaluation(self.stages, self.deadlines, [f for f in self.flags if f.active_at(as_of)])
