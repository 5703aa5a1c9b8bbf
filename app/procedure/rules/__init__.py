"""Rules as data plus small pure functions.

A rule function takes a :class:`Context` and yields Deadlines (deadline rules) or Flags
(flag rules). Deadline rules run first, so flag rules can read ``ctx.deadlines``. Adding
a rule is one function registered with :func:`rule` and a row in app.procedure.law.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.procedure.calendar import END_OF_DAY, Unit, WorkingCalendar, compute_due, kazakh_calendar
from app.procedure.casefile import CaseFile, Fact
from app.procedure.law import RULES_BY_ID, Settings
from app.procedure.phrase import Label, Moment, Phrase
from app.procedure.results import Basis, Deadline, Flag, Severity, Status
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME

RuleFunction = Callable[["Context"], Iterable[Deadline | Flag]]
REGISTRY: dict[str, RuleFunction] = {}

# Bodies that answer to the same agency as the alleged perpetrators.
IMPLICATED_BODIES = {
    "police": {"police", "dis"},
    "dis": {"police", "dis"},
    "national_guard": {"national_guard", "police", "dis"},
    "penitentiary": {"penitentiary", "police", "dis"},
    "nsc": {"nsc"},
    "military": {"military"},
    "aca": {"aca"},
}


def rule(rule_id: str) -> Callable[[RuleFunction], RuleFunction]:
    if rule_id not in RULES_BY_ID:
        raise KeyError(f"{rule_id} is not in the rule table (app.procedure.law.RULES)")

    def register(function: RuleFunction) -> RuleFunction:
        REGISTRY[rule_id] = function
        return function
    return register


# The custody clocks of one apprehension: a death in custody ends them (DOMAIN.md §8).
CUSTODY_CLOCKS = frozenset({"delivery-3h", "prosecutor-notified-12h", "custody-48h", "relatives-12h",
                            "minor-parents-not-notified", "no-medical-exam-on-detention"})


@dataclass
class Context:
    case: CaseFile
    settings: Settings = field(default_factory=Settings)
    calendar: WorkingCalendar = field(default_factory=kazakh_calendar)
    deadlines: list[Deadline] = field(default_factory=list)

    # --- deadlines -------------------------------------------------------------------
    def deadline(self, rule_id: str, start: Fact, term_name: str, end: Fact | None, *,
                 note: str = "", steps: tuple[str, ...] | None = None, kind: str | None = None) -> Deadline:
        """The term ``term_name`` started by ``start``, ended by ``end`` (if any).

        The start's precision is honoured: the due moment is computed from the earliest
        and the latest instant the start can mean, and an outcome is only decided when
        both agree. Without a decisive end, a ``not_done`` of the rule's step dated at or
        after the due moment makes it missed; a death in custody ends a custody clock.
        """
        term = self.settings.term(term_name, start.when.day)
        early = compute_due(start.when.start, term, self.calendar)
        late = compute_due(start.when.latest(), term, self.calendar)
        precise = early.due == late.due
        outcome, ended_by = self._decided(rule_id, start, end, early.due, late.due, steps, kind)
        return Deadline(rule_id, start.ref, early if precise else None, early.due, late.due,
                        ended_by, outcome, note, in_hours=term.unit is Unit.HOURS)

    def deadline_for_date(self, rule_id: str, start: Fact, due_day: date, end: Fact | None,
                          note: str = "", steps: tuple[str, ...] | None = None) -> Deadline:
        """A deadline whose due day is a date set by a decision (an extension 'until')."""
        due = datetime.combine(due_day, END_OF_DAY)
        outcome, ended_by = self._decided(rule_id, start, end, due, due, steps, None)
        return Deadline(rule_id, start.ref, None, due, due, ended_by, outcome, note)

    def _decided(self, rule_id: str, start: Fact, end: Fact | None, earliest_due: datetime, latest_due: datetime,
                 steps: tuple[str, ...] | None, kind: str | None) -> tuple[Status | None, Hashable | None]:
        """The outcome and the event that decided it: the step itself when it tells, else a
        ``not_done`` that shows the step not taken by the due moment, else a death in custody."""
        outcome = _outcome(end, earliest_due, latest_due)
        if outcome in (Status.MET, Status.MISSED):
            return outcome, end.ref if end else None
        missing = self.not_done(start, steps or RULES_BY_ID[rule_id].steps, latest_due, kind)
        if missing is not None:
            return Status.MISSED, missing.ref
        if end is None and rule_id in CUSTODY_CLOCKS:
            death = self.case.first_after(start, "death_in_custody")
            if death is not None and death.when.start <= latest_due:
                return Status.ENDED_BY_DEATH, death.ref
        return outcome, end.ref if end else None

    def not_done(self, start: Fact, steps: tuple[str, ...], by: datetime, kind: str | None = None) -> Fact | None:
        """A ``not_done`` event showing that none of ``steps`` had been taken after ``start`` by
        the moment ``by``: about this start (or about no event in particular, recorded after
        it), dated at ``by`` or later, and of the examination ``kind`` when one is asked."""
        for event in self.case.of_type("not_done"):
            if event.get("step") not in steps or event.when.start < by:
                continue
            if kind is not None and event.get("kind") not in (None, kind):
                continue
            refers_to = event.get("refers_to")
            if refers_to == start.ref or (refers_to is None and event in self.case.after(start, "not_done")):
                return event
        return None

    def unknowable(self, rule_id: str, start: Fact, note: str) -> Deadline:
        return Deadline(rule_id, start.ref, None, None, None, None, Status.CANNOT_COMPUTE, note)

    def of_rule(self, *rule_ids: str) -> list[Deadline]:
        return [d for d in self.deadlines if d.rule in rule_ids]

    # --- flags -------------------------------------------------------------------------
    def flag(self, rule_id: str, events: Iterable[Hashable], explanation: str, *,
             severity: Severity | None = None, basis: Basis = Basis.RECORD, step: str | None = None,
             action: str | None = None, action_due: datetime | None = None,
             active_from: datetime | None = None, active_until: datetime | None = None) -> Flag:
        spec = RULES_BY_ID[rule_id]
        chosen = severity or spec.severity
        assert chosen is not None, f"{rule_id} needs a severity"
        return Flag(rule_id, chosen, tuple(events), explanation, basis, action, action_due, active_from,
                    active_until, step)

    def flag_when_not_met(self, rule_id: str, deadline: Deadline, record: str, absent: str, *,
                          action: str | None = None, absent_action: str | None = None,
                          keep_when_late: bool = True, severity: Severity | None = None) -> Flag | None:
        """A flag active once ``deadline`` has certainly passed without its act.

        Two findings, worded apart (DOMAIN.md §8): the record shows the act late or not
        done (``record``, basis record), or nothing is recorded by the due moment (``absent``,
        basis absence, with ``absent_action``: find out or demand). A late act ends the flag
        when it came unless ``keep_when_late`` (a violation on record).
        """
        if deadline.outcome in (Status.MET, Status.CANNOT_COMPUTE, Status.ENDED_BY_DEATH) \
                or deadline.latest_due is None:
            return None
        events = [deadline.from_event] + ([deadline.end_event] if deadline.end_event is not None else [])
        step = deadline_step(deadline)
        active_from = deadline.latest_due + timedelta(minutes=1)
        if deadline.outcome is None:
            return self.flag(rule_id, events, absent, basis=Basis.ABSENCE, step=step, severity=severity,
                             action=absent_action or action, active_from=active_from)
        end = self.case.by_ref(deadline.end_event)
        until = None
        if not keep_when_late and end is not None and end.type != "not_done":
            until = end.when.start
        return self.flag(rule_id, events, record, step=step, severity=severity, action=action,
                         active_from=active_from, active_until=until)

    def flags_when_not_met(self, rule_id: str, deadline_rules: tuple[str, ...], record: Wording, absent: Wording, *,
                           action: Wording | None = None, absent_action: Wording | None = None,
                           keep_when_late: bool = True) -> list[Flag]:
        """``flag_when_not_met`` for every deadline of these rules; a wording may be a function of the
        deadline (an absence names the moment by which nothing is recorded)."""
        flags = (self.flag_when_not_met(rule_id, d, _worded(record, d), _worded(absent, d),
                                        action=_worded(action, d), absent_action=_worded(absent_action, d),
                                        keep_when_late=keep_when_late)
                 for d in self.of_rule(*deadline_rules))
        return [f for f in flags if f is not None]


Wording = str | Callable[[Deadline], str]


def _worded(wording: Wording | None, deadline: Deadline) -> str | None:
    return wording(deadline) if callable(wording) else wording


def deadline_step(deadline: Deadline) -> str | None:
    """The step whose absence a deadline's flag rests on: the first its rule waits for."""
    steps = RULES_BY_ID[deadline.rule].steps
    return steps[0] if steps else None


def by(deadline: Deadline) -> Moment:
    """The moment by which a deadline's act should have been recorded: its (latest) due moment."""
    assert deadline.latest_due is not None
    return Moment(deadline.latest_due, exact=deadline.in_hours)


def _outcome(end: Fact | None, earliest_due: datetime, latest_due: datetime) -> Status | None:
    """Met when the act certainly came in time, missed when certainly late, else undecidable."""
    if end is None:
        return None
    if end.when.latest() <= earliest_due:
        return Status.MET
    if end.when.start > latest_due:
        return Status.MISSED
    return Status.CANNOT_COMPUTE


def describe(fact: Fact) -> Phrase:
    """'Complaint filed of 2021-01-18': the event type's label (translated) and the date."""
    return Phrase("%(event)s of %(when)s", event=event_label(fact.type), when=str(fact.when))


def event_label(type_name: str) -> Label | str:
    """An event type as its label, translated where it is said."""
    event_type = EVENT_TYPES_BY_NAME.get(type_name)
    return Label(event_type.label) if event_type else type_name.replace("_", " ")
