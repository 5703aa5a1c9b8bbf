"""Rules as data plus small pure functions.

A rule function takes a :class:`Context` and yields Deadlines (deadline rules) or Flags
(flag rules). Deadline rules run first, so flag rules can read ``ctx.deadlines``. Adding
a rule is one function registered with :func:`rule` and a row in app.procedure.law.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.procedure.calendar import END_OF_DAY, WorkingCalendar, compute_due, kazakh_calendar
from app.procedure.casefile import CaseFile, Fact
from app.procedure.law import RULES_BY_ID, Settings
from app.procedure.phrase import Label, Phrase
from app.procedure.results import Deadline, Flag, Severity, Status
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


@dataclass
class Context:
    case: CaseFile
    settings: Settings = field(default_factory=Settings)
    calendar: WorkingCalendar = field(default_factory=kazakh_calendar)
    deadlines: list[Deadline] = field(default_factory=list)

    # --- deadlines -------------------------------------------------------------------
    def deadline(self, rule_id: str, start: Fact, term_name: str, end: Fact | None, *,
                 note: str = "") -> Deadline:
        """The term ``term_name`` started by ``start``, ended by ``end`` (if any).

        The start's precision is honoured: the due moment is computed from the earliest
        and the latest instant the start can mean, and an outcome is only decided when
        both agree.
        """
        term = self.settings.term(term_name, start.when.day)
        early = compute_due(start.when.start, term, self.calendar)
        late = compute_due(start.when.latest(), term, self.calendar)
        precise = early.due == late.due
        return Deadline(rule_id, start.ref, early if precise else None, early.due, late.due,
                        end.ref if end else None, _outcome(end, early.due, late.due), note)

    def deadline_for_date(self, rule_id: str, start: Fact, due_day: date, end: Fact | None,
                          note: str = "") -> Deadline:
        """A deadline whose due day is a date set by a decision (an extension 'until')."""
        due = datetime.combine(due_day, END_OF_DAY)
        return Deadline(rule_id, start.ref, None, due, due, end.ref if end else None, _outcome(end, due, due), note)

    def unknowable(self, rule_id: str, start: Fact, note: str) -> Deadline:
        return Deadline(rule_id, start.ref, None, None, None, None, Status.CANNOT_COMPUTE, note)

    def of_rule(self, *rule_ids: str) -> list[Deadline]:
        return [d for d in self.deadlines if d.rule in rule_ids]

    # --- flags -------------------------------------------------------------------------
    def flag(self, rule_id: str, events: Iterable[Hashable], explanation: str, *,
             severity: Severity | None = None, action: str | None = None,
             action_due: datetime | None = None, active_from: datetime | None = None,
             active_until: datetime | None = None) -> Flag:
        spec = RULES_BY_ID[rule_id]
        chosen = severity or spec.severity
        assert chosen is not None, f"{rule_id} needs a severity"
        return Flag(rule_id, chosen, tuple(events), explanation, action, action_due, active_from,
                    active_until)

    def flag_when_not_met(self, rule_id: str, deadline: Deadline, explanation: str, *,
                          action: str | None = None, keep_when_late: bool = True) -> Flag | None:
        """A flag active once ``deadline`` has certainly passed without its act.

        When the act came late, the flag stays (``keep_when_late``: a violation on record)
        or ends when the act came.
        """
        if deadline.outcome in (Status.MET, Status.CANNOT_COMPUTE) or deadline.latest_due is None:
            return None
        events = [deadline.from_event] + ([deadline.end_event] if deadline.end_event is not None else [])
        until = None
        if deadline.outcome is Status.MISSED and not keep_when_late:
            end = self.case.by_ref(deadline.end_event)
            until = end.when.start if end else None
        return self.flag(rule_id, events, explanation, action=action,
                         active_from=deadline.latest_due + timedelta(minutes=1), active_until=until)


    def flags_when_not_met(self, rule_id: str, deadline_rules: tuple[str, ...], explanation: str, *,
                           action: str | None = None, keep_when_late: bool = True) -> list[Flag]:
        """``flag_when_not_met`` for every deadline of these rules."""
        flags = (self.flag_when_not_met(rule_id, d, explanation, action=action, keep_when_late=keep_when_late)
                 for d in self.of_rule(*deadline_rules))
        return [f for f in flags if f is not None]


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
