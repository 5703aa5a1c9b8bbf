"""The UN case file: each communication's committee, number, status, letters, interim measures,
decision and remedies, read from the record (docs/un-case-file.md).

Plain Python over a CaseFile, like the engine: the case page's "UN" panel and the supervisors'
``/un`` page show what this derives. It states only what the record holds: a remedy with no
implementation recorded is "not recorded", never "not implemented"; interim measures with no
breach recorded are "no breach recorded", never "respected".
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import StrEnum

from app.procedure.casefile import CaseFile, Fact
from app.procedure.vocabulary import REMEDIES

# Every event of the UN procedure, in the vocabulary's words (family "international").
UN_EVENTS = ("un_communication_submitted", "un_case_registered", "un_correspondence", "state_observations_received",
             "author_comments_submitted", "un_interim_measures_requested", "un_interim_measures_granted",
             "un_interim_measures_breached", "un_views_adopted", "state_follow_up_reply", "follow_up_assessment",
             "implementation")
# The deadlines a communication's file shows as "next due".
UN_DEADLINES = ("un-state-observations-6m", "un-letter-deadline", "follow-up-cat", "follow-up-hrc")
FOLLOW_UP_EVENTS = ("state_follow_up_reply", "follow_up_assessment", "implementation")
CLOSED_DIALOGUE = ("closed_satisfactory", "closed_partial", "closed_unsatisfactory")


class Stage(StrEnum):
    """Where a communication stands, in the order it moves."""

    SUBMITTED = "submitted"
    REGISTERED = "registered"
    OBSERVATIONS = "observations"
    COMMENTS = "comments"
    DECIDED = "decided"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


STAGE_ORDER = tuple(Stage)


@dataclass(frozen=True)
class RemedyRow:
    """One remedy of the checklist: whether the decision asked for it, the status the latest
    implementation event gives (None: none recorded), and the events that show it."""

    code: str
    requested: bool
    status: str | None
    evidence: tuple[Fact, ...]


@dataclass(frozen=True)
class InterimMeasures:
    requested: tuple[Fact, ...]
    granted: tuple[Fact, ...]
    breaches: tuple[Fact, ...]  # recorded breaches, and removals after a request or a grant

    @property
    def any(self) -> bool:
        return bool(self.requested or self.granted or self.breaches)


@dataclass(frozen=True)
class Communication:
    committee: str | None
    number: str | None
    stage: Stage
    events: tuple[Fact, ...]  # this communication's events in the record's order
    decision: Fact | None
    remedies: tuple[RemedyRow, ...]
    interim: InterimMeasures
    assessments: tuple[Fact, ...] = field(default=())

    @property
    def refs(self) -> frozenset[Hashable]:
        return frozenset(e.ref for e in self.events)

    @property
    def letters(self) -> tuple[Fact, ...]:
        return tuple(e for e in self.events if e.type == "un_correspondence")

    @property
    def violation_found(self) -> bool | None:
        return None if self.decision is None else self.decision.get("violation_found")

    @property
    def remedies_pending(self) -> tuple[RemedyRow, ...]:
        """Remedies requested whose implementation the record does not show as complete."""
        return tuple(r for r in self.remedies if r.requested and r.status != "implemented")

    @property
    def latest_grade(self) -> str | None:
        graded = [a for a in self.assessments if a.get("grade")]
        return graded[-1].get("grade") if graded else None


def communications(case: CaseFile) -> list[Communication]:
    """The case's communications in the order they were made. Events that name no committee belong
    to the last communication submitted before them (as the engine's follow-up terms read them)."""
    groups = _grouped(case)
    return [_communication(case, committee, events) for committee, events in groups]


def _grouped(case: CaseFile) -> list[tuple[str | None, list[Fact]]]:
    groups: list[tuple[str | None, list[Fact]]] = []
    for event in case.of_type(*UN_EVENTS, "deported"):
        if event.type == "un_communication_submitted":
            groups.append((event.get("committee"), [event]))
            continue
        committee = event.get("committee") if event.type == "un_case_registered" else None
        target = _target(groups, committee)
        if target is None:
            if event.type == "deported":
                continue  # a removal matters to a communication only once there is one
            groups.append((committee, [event]))
        else:
            target[1].append(event)
    return groups


def _target(groups: list[tuple[str | None, list[Fact]]], committee: str | None):
    if committee is None:
        return groups[-1] if groups else None
    same = [g for g in groups if g[0] == committee]
    if same:
        return same[-1]
    unnamed = [g for g in groups if g[0] is None]
    if unnamed:  # interim measures recorded before the submission: the registration names the committee
        index = groups.index(unnamed[-1])
        groups[index] = (committee, unnamed[-1][1])
        return groups[index]
    return None


def _communication(case: CaseFile, committee: str | None, events: list[Fact]) -> Communication:
    events = [e for e in events if e.type != "deported" or _after_interim(events, e)]
    decisions = [e for e in events if e.type == "un_views_adopted"]
    decision = decisions[-1] if decisions else None
    number = next((e.get("case_number") for e in reversed(events) if e.type == "un_case_registered"
                   and e.get("case_number")), None) or next(
        (e.get("number") for e in events if e.type == "un_communication_submitted" and e.get("number")), None)
    return Communication(
        committee=committee, number=number, stage=_stage(events, decision), events=tuple(events), decision=decision,
        remedies=_remedies(case, decision, events), interim=_interim(events),
        assessments=tuple(e for e in events if e.type == "follow_up_assessment"))


def _after_interim(events: list[Fact], removal: Fact) -> bool:
    return any(e.type in ("un_interim_measures_requested", "un_interim_measures_granted")
               and e.when.start <= removal.when.start for e in events)


def _stage(events: list[Fact], decision: Fact | None) -> Stage:
    types = {e.type for e in events}
    if decision is not None:
        if decision.get("kind") in ("inadmissible", "discontinued") or decision.get("violation_found") is False:
            return Stage.CLOSED
        after = [e for e in events if e.type in FOLLOW_UP_EVENTS]
        if any(e.get("dialogue") in CLOSED_DIALOGUE for e in after):
            return Stage.CLOSED
        return Stage.FOLLOW_UP if after else Stage.DECIDED
    if "author_comments_submitted" in types:
        return Stage.COMMENTS
    if "state_observations_received" in types:
        return Stage.OBSERVATIONS
    if "un_case_registered" in types:
        return Stage.REGISTERED
    return Stage.SUBMITTED


def _remedies(case: CaseFile, decision: Fact | None, events: list[Fact]) -> tuple[RemedyRow, ...]:
    if decision is None:
        return ()
    requested = list(decision.get("remedies_requested") or [])
    implementations = [e for e in events if e.type == "implementation"]
    redress = [e for e in case.of_type("compensation_awarded", "compensation_paid")
               if e.when.start >= decision.when.start]
    named = {e.get("remedy") for e in implementations if e.get("remedy")}
    if redress:
        named.add("compensation")
    rows = []
    for choice in REMEDIES:
        if choice.code not in requested and choice.code not in named:
            continue
        mine = [e for e in implementations if e.get("remedy") == choice.code]
        statuses = [e.get("status") for e in mine if e.get("status")]
        evidence = mine + (redress if choice.code == "compensation" else [])
        rows.append(RemedyRow(choice.code, choice.code in requested, statuses[-1] if statuses else None,
                              tuple(sorted(evidence, key=lambda e: e.when.start))))
    return tuple(rows)


def _interim(events: list[Fact]) -> InterimMeasures:
    breaches = [e for e in events if e.type == "un_interim_measures_breached"]
    if not breaches:
        breaches = [e for e in events if e.type == "deported"]
    return InterimMeasures(
        requested=tuple(e for e in events if e.type == "un_interim_measures_requested"),
        granted=tuple(e for e in events if e.type == "un_interim_measures_granted"),
        breaches=tuple(breaches))
