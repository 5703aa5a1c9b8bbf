"""The coalition's figures: cases by year, region, victim, perpetrator agency, stage, outcome and
red flag, over the cases the user may see, optionally by year range and region.

Every number is a number of cases (one case is one victim: a group incident is one case per
person), counted only among the cases ``case_visible`` lets the user see. The year of a case
is the year of its first incident on the timeline or, without one, of its first event; a
case without events has no year and is left out when a year range is chosen.

Three grouped queries whatever the number of cases or events:

1. the cases grouped by (region, perpetrator agency, year), each group with its count of
   cases per stage, per victim group and closed by the coalition: the sections by year,
   region, agency, stage and victim add the groups up;
2. the outcome events (registration, refusal, termination and its ground, indictment,
   verdict and its outcome, ...) as distinct cases per event type and per ground or outcome;
3. the red flags active now, as distinct cases per rule and severity, per severity and in all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import gettext as _translated
from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, Select, String, case, cast, extract, func, literal_column, null, or_, select, union_all
from sqlalchemy.orm import Session

from app.models import Case, CaseFlag, Event, User
from app.models.cases import VICTIM_FLAG_COLUMNS
from app.procedure.law import RULES_BY_ID
from app.procedure.results import Severity
from app.procedure.stage import STAGES
from app.procedure.vocabulary import BODIES, EVENT_TYPES_BY_NAME, REGIONS, VICTIM_FLAGS, label_of
from app.services.access import case_visible

# The labels, titles and notes are worded in the interface language when the figures are made
# (a request's); domain text (regions, bodies, event types, rule titles) through the catalog too.
STAGE_LABELS = {
    "intake": _l("Intake: nothing filed yet"),
    "registration": _l("Complaint filed, not yet registered"),
    "investigation": _l("Under investigation"),
    "closed": _l("Closed by the authorities"),
    "appeal": _l("Appeal pending"),
    "trial": _l("Before a court"),
    "international": _l("UN communication pending"),
    "follow-up": _l("UN Views adopted: follow-up"),
    "asylum": _l("Asylum or expulsion"),
}

# The events a case's outcome is read from, in procedural order, with the field that breaks
# each down (a termination by its ground, a verdict by its outcome).
OUTCOMES: tuple[tuple[str, str | None], ...] = (
    ("complaint_filed", None),
    ("registered_urpti", None),
    ("forwarded_without_registration", None),
    ("registration_refused", None),
    ("written_off", None),
    ("investigation_opened", None),
    ("investigation_suspended", "ground"),
    ("investigation_terminated", "ground"),
    ("plea_bargain", None),
    ("indictment_sent_to_court", None),
    ("verdict", "outcome"),
    ("un_communication_submitted", None),
    ("un_views_adopted", None),
)

NOT_RECORDED = _l("Not recorded")


def _domain(text: str | None) -> str:
    """Domain text (a region, a body, an event type, a rule's title) in the interface language."""
    return _translated(text) if text else ""


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    region: str | None = None

    @property
    def by_year(self) -> bool:
        return self.year_from is not None or self.year_to is not None


@dataclass(frozen=True)
class Line:
    code: str  # stable across languages and label changes: what the CSV is keyed by
    label: str
    count: int
    level: int = 0  # 1: a breakdown of the line above it (a termination's ground)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    note: str  # what exactly is counted: what a report quoting the number must say
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Statistics:
    filters: Filters
    as_of: datetime
    cases: int
    closed: int  # files the coalition closed
    sections: tuple[Section, ...]


def case_statistics(session: Session, user: User, filters: Filters, now: datetime) -> Statistics:
    """The figures as of ``now`` (Almaty wall-clock time: when flags are active)."""
    facts = _case_facts(session, user, filters)
    sections = (
        _section("year", _("Cases by year"),
                 _("The year of the case's first incident on the timeline or, where none is recorded, of its "
                   "first event."),
                 _year_lines(facts.years)),
        _section("region", _("Cases by region"),
                 _("The region where the ill-treatment took place, as recorded on the case; regions without a "
                   "case are not listed."),
                 _by_count(facts.regions, REGIONS)),
        _section("victim", _("Victims"),
                 _("Cases whose victim belongs to the group, as recorded on the case; a victim may belong to "
                   "several groups, or to none."),
                 [Line(c.code, _domain(c.label), facts.victims[c.code]) for c in VICTIM_FLAGS]),
        _section("agency", _("Cases by perpetrator agency"),
                 _("The agency of the alleged perpetrators, as recorded on the case."),
                 _by_count(facts.agencies, BODIES)),
        _section("stage", _("Cases by stage"),
                 _("The stage derived from the timeline. A case can be in more than one stage (closed by the "
                   "authorities with an appeal pending, or with a UN communication under way), so the counts "
                   "add up to more than the number of cases."),
                 [Line(s, str(STAGE_LABELS[s]), facts.stages[s]) for s in STAGES]),
        _section("outcome", _("Outcomes"),
                 _("Cases with at least one such event on the timeline, whatever came after it: a termination "
                   "later quashed still counts. A case terminated twice on different grounds counts once as "
                   "terminated and once under each ground."),
                 _outcomes(session, user, filters)),
        *_flag_sections(session, user, filters, now),
    )
    return Statistics(filters=filters, as_of=now, cases=facts.cases, closed=facts.closed, sections=sections)


# --------------------------------------------------------------------------- the cases in scope

def _first_dates():
    """Per case: the day of its first incident and of its first event."""
    incident_on = func.min(case((Event.type == "incident", Event.occurred_on)))
    return (select(Event.case_id, incident_on.label("incident_on"), func.min(Event.occurred_on).label("first_on"))
            .group_by(Event.case_id).subquery("first_dates"))


def _cases(user: User, filters: Filters, *columns, with_year: bool = False) -> Select:
    """The cases the user may see that the filters keep: their id, the columns asked for, and
    their ``year`` if asked for."""
    query = select(Case.id, *columns).where(case_visible(user))
    if filters.region:
        query = query.where(Case.region == filters.region)
    if with_year or filters.by_year:
        firsts = _first_dates()
        year = cast(extract("year", func.coalesce(firsts.c.incident_on, firsts.c.first_on)), Integer)
        query = query.outerjoin(firsts, firsts.c.case_id == Case.id)
        if with_year:
            query = query.add_columns(year.label("year"))
        if filters.year_from is not None:
            query = query.where(year >= filters.year_from)
        if filters.year_to is not None:
            query = query.where(year <= filters.year_to)
    return query


@dataclass
class _Facts:
    cases: int = 0
    closed: int = 0
    years: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    agencies: Counter = field(default_factory=Counter)
    stages: Counter = field(default_factory=Counter)
    victims: Counter = field(default_factory=Counter)


def _case_facts(session: Session, user: User, filters: Filters) -> _Facts:
    """Query 1: the cases grouped by (region, agency, year), added up per section."""
    scope = _cases(user, filters, Case.region, Case.perpetrator_agency, Case.stages, Case.closed_at,
                   *(getattr(Case, column) for column in VICTIM_FLAG_COLUMNS.values()),
                   with_year=True).subquery("scope")

    def cases_where(condition):
        return func.count(case((condition, 1)))

    groups = (scope.c.region, scope.c.perpetrator_agency, scope.c.year)
    query = select(*groups, func.count(), func.count(scope.c.closed_at),
                   *(cases_where(scope.c.stages.contains(f" {stage} ")) for stage in STAGES),
                   *(cases_where(scope.c[column]) for column in VICTIM_FLAG_COLUMNS.values())).group_by(*groups)
    facts = _Facts()
    for region, agency, year, cases, closed, *counts in session.execute(query):
        facts.cases += cases
        facts.closed += closed
        facts.years[year] += cases
        facts.regions[region] += cases
        facts.agencies[agency] += cases
        facts.stages.update(dict(zip(STAGES, counts[:len(STAGES)], strict=True)))
        facts.victims.update(dict(zip(VICTIM_FLAG_COLUMNS, counts[len(STAGES):], strict=True)))
    return facts


def _section(key: str, title: str, note: str, lines: list[Line]) -> Section:
    return Section(key, title, note, tuple(lines))


def _by_count(counts: Counter, choices) -> list[Line]:
    """The codes counted, most cases first (ties by label), with the cases without one last."""
    lines = [Line(code, _domain(label_of(choices, code)), n) for code, n in counts.items() if code is not None and n]
    return sorted(lines, key=lambda line: (-line.count, line.label)) + _none_line(counts, str(NOT_RECORDED))


def _year_lines(counts: Counter) -> list[Line]:
    """Every year from the first to the last counted, those without a case too (a gap in a
    series must show), then the cases without a year."""
    years = [year for year in counts if year is not None]
    span = range(min(years), max(years) + 1) if years else range(0)
    return [Line(str(year), str(year), counts[year]) for year in span] + _none_line(counts, _("No event recorded"))


def _none_line(counts: Counter, label: str) -> list[Line]:
    return [Line("", label, counts[None])] if counts[None] else []


# --------------------------------------------------------------------------- outcomes

def _outcomes(session: Session, user: User, filters: Filters) -> list[Line]:
    """Query 2: distinct cases per outcome event type, and per ground or outcome of those
    broken down, in one statement."""
    broken_down = {name: broken_by for name, broken_by in OUTCOMES if broken_by}
    detail = case(*((Event.type == name, Event.fields[key].as_string()) for name, key in broken_down.items()))
    events = (select(Event.case_id, Event.type, detail.label("detail"))
              .where(Event.type.in_([name for name, _ in OUTCOMES]), Event.case_id.in_(_cases(user, filters)))
              .cte("outcome_events"))
    cases = func.count(events.c.case_id.distinct())
    per_type = (select(events.c.type, cast(null(), String).label("detail"), literal_column("0").label("level"), cases)
                .group_by(events.c.type))
    per_detail = (select(events.c.type, events.c.detail, literal_column("1"), cases)
                  .where(events.c.type.in_(list(broken_down))).group_by(events.c.type, events.c.detail))
    counted: dict[tuple[str, str | None, int], int] = {
        (type_, detail_, level): n for type_, detail_, level, n in session.execute(union_all(per_type, per_detail))}
    lines = []
    for name, broken_by in OUTCOMES:
        event_type = EVENT_TYPES_BY_NAME[name]
        lines.append(Line(name, _domain(event_type.label), counted.get((name, None, 0), 0)))
        if broken_by is None:
            continue
        choices = event_type.field(broken_by).choices
        lines += [Line(f"{name}.{c.code}", _domain(c.label), counted.get((name, c.code, 1), 0), 1) for c in choices]
        # codes the list does not have (an import from elsewhere), and events without one
        known = {c.code for c in choices}
        odd = sorted((code for type_, code, level in counted if type_ == name and level == 1 and code not in known),
                     key=lambda code: (code is None, code or ""))
        lines += [Line(f"{name}.{code or ''}", _odd_detail(broken_by, code), counted[name, code, 1], 1) for code in odd]
    return lines


def _odd_detail(broken_by: str, code: str | None) -> str:
    """A ground or outcome the field's list does not have: "Ground: <code>"."""
    shown = code or _("not recorded")
    if broken_by == "ground":
        return _("Ground: %(code)s", code=shown)
    if broken_by == "outcome":
        return _("Outcome: %(code)s", code=shown)
    return f"{broken_by.capitalize()}: {shown}"


# --------------------------------------------------------------------------- red flags

def _flag_sections(session: Session, user: User, filters: Filters, now: datetime) -> tuple[Section, Section]:
    """Query 3: distinct cases with a flag active now, per (rule, severity), per severity and
    with any flag, in one statement."""
    active = (select(CaseFlag.case_id, CaseFlag.rule, CaseFlag.severity)
              .where(or_(CaseFlag.active_from.is_(None), CaseFlag.active_from <= now),
                     or_(CaseFlag.active_until.is_(None), CaseFlag.active_until > now),
                     CaseFlag.case_id.in_(_cases(user, filters)))
              .cte("active_flags"))
    cases = func.count(active.c.case_id.distinct())
    nothing = cast(null(), String)
    per_rule = select(active.c.rule, active.c.severity, cases).group_by(active.c.rule, active.c.severity)
    per_severity = select(nothing, active.c.severity, cases).group_by(active.c.severity)
    in_all = select(nothing, nothing, cases)
    counted = {(rule, severity): n for rule, severity, n in session.execute(union_all(per_rule, per_severity, in_all))}
    severities = [Line("any", _("Any severity"), counted.get((None, None), 0))] + [
        Line(s.value, _domain(s.value).capitalize(), counted.get((None, s.value), 0)) for s in Severity]
    rules = [_flag_line(rule, severity, n) for (rule, severity), n in counted.items() if rule is not None]
    rules.sort(key=lambda line: (_rank(line.code.rsplit(":", 1)[1]), -line.count, line.label))
    moment = format_datetime(now, "dd MMM y HH:mm", rebase=False)  # "07 Jun 2024 12:00"
    return (
        _section("severity", _("Red flags by severity"),
                 _("Red flags active on %(moment)s (Almaty time): cases with at least one active flag of the "
                   "severity. A case with flags of several severities counts under each.", moment=moment),
                 severities),
        _section("flag", _("Red flags by rule"),
                 _("Red flags active on %(moment)s (Almaty time): cases with the flag, however many times the rule "
                   "is raised in the case; rules not raised in any case are not listed.", moment=moment), rules),
    )


def _flag_line(rule_id: str, severity: str, count: int) -> Line:
    rule = RULES_BY_ID.get(rule_id)
    title = _domain(rule.title) if rule else rule_id
    if rule is None or rule.severity is None or rule.severity.value != severity:
        # a rule whose severity depends on the case says which
        title = _("%(title)s (%(severity)s)", title=title, severity=_domain(severity))
    return Line(f"{rule_id}:{severity}", title, count)


def _rank(severity: str) -> int:
    try:
        return Severity(severity).rank
    except ValueError:
        return len(Severity)
