"""Which later event answers which earlier one: shared by the deadline and flag rules."""

from __future__ import annotations

import re

from app.procedure.casefile import CaseFile, Fact

CLOSING_DECISIONS = ("investigation_terminated", "registration_refused", "written_off",
                     "investigation_suspended")
PROSECUTOR_FORUMS = ("prosecutor", "general_prosecutor")


# Which bodies decide an appeal filed with each forum (appeal_filed.to_body → appeal_decided.body).
DECIDING_BODIES = {
    "prosecutor": {"prosecutor", "special_prosecutor"},
    "general_prosecutor": {"general_prosecutor"},
    "investigating_judge": {"investigating_judge"},
    "regional_court": {"appellate_court"},
    "appellate_court": {"appellate_court"},
    "cassation": {"supreme_court"},
    "administrative_court": {"court"},
}


def decisions_of_appeals(case: CaseFile) -> dict[Fact, Fact]:
    """Pair each appeal_decided with the earliest undecided appeal filed before it with the
    body that decided (or, when the decision does not say who decided, the earliest one)."""
    open_appeals: list[Fact] = []
    pairs: dict[Fact, Fact] = {}
    for event in case.events:
        if event.type == "appeal_filed":
            open_appeals.append(event)
        elif event.type == "appeal_decided" and open_appeals:
            appeal = next((a for a in open_appeals if event.body in DECIDING_BODIES.get(a.get("to_body"), ())),
                          open_appeals[0])
            open_appeals.remove(appeal)
            pairs[appeal] = event
    return pairs


def served_decision(case: CaseFile, service: Fact) -> Fact | None:
    """The decision a decision_served event served: the one it names, else the latest
    closing decision before it."""
    named = service.get("decision")
    if named is not None:
        return case.by_ref(named)
    earlier = case.before(service, *CLOSING_DECISIONS)
    return earlier[-1] if earlier else None


def service_of(case: CaseFile, decision: Fact) -> Fact | None:
    """The first decision_served that served ``decision``."""
    for service in case.after(decision, "decision_served"):
        if served_decision(case, service) == decision:
            return service
    return None


def resumption_of(case: CaseFile, termination: Fact) -> Fact | None:
    """The resumption that quashed ``termination``: one naming it, else the first after it
    that names no termination."""
    for resumption in case.after(termination, "investigation_resumed"):
        if resumption.get("against") in (termination.ref, None):
            return resumption
    return None


def appeals_after(case: CaseFile, event: Fact, *forums: str) -> list[Fact]:
    return [a for a in case.after(event, "appeal_filed") if not forums or a.get("to_body") in forums]


def qualifications(case: CaseFile) -> list[tuple[Fact, str]]:
    """Every qualification the case was given, in order."""
    found = []
    for event in case.events:
        if event.type == "registered_urpti" and event.get("qualification"):
            found.append((event, event.get("qualification")))
        elif event.type == "qualification_changed" and event.get("to"):
            found.append((event, event.get("to")))
    return found


_ARTICLE = re.compile(r"(\d{2,3})(?:[-.]\d+)?\s*(?:\(\s*(\d+)\s*\)|(?:part|ч\.?)\s*(\d+))?", re.IGNORECASE)


def cites(qualification: str, article: str, part: str | None = None) -> bool:
    """Whether a qualification such as 'CC 146(1)' cites an article (and part)."""
    for match in _ARTICLE.finditer(qualification):
        if match.group(1) == article and (part is None or part in (match.group(2), match.group(3))):
            return True
    return False
