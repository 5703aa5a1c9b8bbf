"""Who may consent to a communication, and whether the record holds that consent (DOMAIN.md §3, §9).

A communication is filed by the victim, or with their written consent; for a minor or a person
without legal capacity by a parent or guardian, for a deceased victim by the next of kin (HRC rule
99(b), CAT rule 113(a)). A consent covers one committee or any; a later withdrawal of the same scope
ends it at once. Plain Python: the engine (``consent-missing``), the admissibility check and the
approvals read the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.procedure.casefile import CaseFile, Fact


@dataclass(frozen=True)
class ConsentState:
    """The consent to file with ``committee`` as the record stands before a moment (or now)."""

    committee: str
    givers: tuple[str, ...]  # who may give it: "victim", "parent", "guardian", "next_of_kin"
    given: Fact | None  # the consent in force, by one of ``givers``
    withdrawn: Fact | None  # the withdrawal that ended the last consent, if any
    by_someone_else: Fact | None  # a consent recorded, but by someone not entitled to give it

    @property
    def in_force(self) -> bool:
        return self.given is not None


def consent_givers(case: CaseFile) -> tuple[str, ...]:
    """Who may consent for this victim: the next of kin of the deceased, a parent or guardian of a minor,
    the guardian of a person a court found without capacity, else the victim."""
    if case.of_type("death_in_custody"):
        return ("next_of_kin",)
    if case.minor:  # the victim signs once of age, and the lawyer records it so ("victim_of_age")
        return ("parent", "guardian", "victim_of_age")
    rulings = case.of_type("legal_capacity_ruling")
    if rulings and rulings[-1].get("capacity") in ("none", "limited"):
        return ("guardian",)
    return ("victim",)


def consent_to_file(case: CaseFile, committee: str, *, before: Fact | None = None, scope: str = "file") -> ConsentState:
    """The consent of ``scope`` (filing: with ``committee`` or any committee) that stands before the event
    ``before`` (or at the end of the timeline)."""
    givers = consent_givers(case)
    given = withdrawn = wrong = None
    for event in case.events:
        if before is not None and event is before:
            break
        if event.type not in ("consent_given", "consent_withdrawn", "authorization_signed"):
            continue
        if not _covers(event, scope, committee):
            continue
        if event.type == "consent_withdrawn":
            given, withdrawn = None, event
        elif event.get("by", "victim") in givers:
            given, withdrawn = event, None
        else:
            wrong = event
    return ConsentState(committee, givers, given, withdrawn, wrong)


def _covers(event: Fact, scope: str, committee: str) -> bool:
    if event.type == "authorization_signed":  # the earlier record of a victim's consent
        return scope == "file" and event.get("kind") == "consent" and event.get("committee") in (None, committee)
    if event.get("scope") != scope:
        return False
    return scope != "file" or event.get("committee") in (None, committee)


def asks_anonymity(case: CaseFile) -> bool:
    """The consent asks that the name not be published (the draft then asks the committee so)."""
    state = consent_to_file(case, "", scope="anonymity")
    return state.given is not None
