"""The procedure engine: a case's timeline in, its stages, deadlines and red flags out.

Plain Python: no Flask, no database. ``derive`` gives everything with the moments flags
become active, for storage; ``evaluate`` gives the picture at one moment.
"""

from __future__ import annotations

from datetime import datetime

from app.procedure.calendar import WorkingCalendar, kazakh_calendar
from app.procedure.casefile import CaseFile
from app.procedure.law import RULES, Settings
from app.procedure.results import Deadline, Evaluation, Flag
from app.procedure.rules import REGISTRY, Context, appeals, complaint, custody, deadlines, international, redress  # noqa: F401
from app.procedure.stage import derive_stages
from app.procedure.when import Precision, When

DEADLINE_RULES = tuple(r.id for r in RULES if r.kind == "deadline")
FLAG_RULES = tuple(r.id for r in RULES if r.kind == "flag")
_missing = [r.id for r in RULES if r.id not in REGISTRY]
assert not _missing, f"rules without a function: {_missing}"


def derive(case: CaseFile, *, settings: Settings | None = None,
           calendar: WorkingCalendar | None = None) -> Evaluation:
    """Every deadline and every flag the timeline can ever raise, with their activity windows."""
    ctx = Context(case, settings or Settings(), calendar or kazakh_calendar())
    for rule_id in DEADLINE_RULES:
        ctx.deadlines.extend(d for d in REGISTRY[rule_id](ctx) if isinstance(d, Deadline))
    flags: list[Flag] = []
    for rule_id in FLAG_RULES:
        flags.extend(f for f in REGISTRY[rule_id](ctx) if isinstance(f, Flag))
    return Evaluation(derive_stages(case.events), ctx.deadlines, flags)


def evaluate(case: CaseFile, as_of: datetime, *, settings: Settings | None = None,
             calendar: WorkingCalendar | None = None) -> Evaluation:
    """The case as it stands at ``as_of``: only events up to then count, and only the flags
    active then are returned. An event dated to the day counts from that day; one dated
    only to the month or year counts once that period is over."""
    known = CaseFile(tuple(e for e in case.events if _known_by(e.when, as_of)), case.victim_flags,
                     case.perpetrator_agency, case.place_type)
    return derive(known, settings=settings, calendar=calendar).at(as_of)


def _known_by(when: When, as_of: datetime) -> bool:
    if when.precision >= Precision.DAY:
        return when.start <= as_of
    return when.latest() <= as_of
