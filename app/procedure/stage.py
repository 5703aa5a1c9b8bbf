"""A case's stage(s), derived from its timeline and never typed in (DOMAIN.md §2).

A case has one domestic stage (intake → registration → investigation → closed → trial),
plus ``appeal`` while an appeal is undecided, ``international`` or ``follow-up`` once a
UN communication exists, and ``asylum`` for non-refoulement matters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from app.procedure.when import When

STAGES = ("intake", "registration", "investigation", "closed", "appeal", "trial",
          "international", "follow-up", "asylum")

# The domestic stage an event moves a case into.
_DOMESTIC = {
    "complaint_filed": "registration",
    "forwarded_without_registration": "registration",
    "registered_urpti": "investigation",
    "investigation_opened": "investigation",
    "investigation_extended": "investigation",
    "registration_refused": "closed",
    "written_off": "closed",
    "investigation_suspended": "closed",
    "investigation_terminated": "closed",
    "plea_bargain": "trial",
    "indictment_sent_to_court": "trial",
    "verdict": "closed",
}
_ASYLUM = {"asylum_applied", "asylum_refused", "asylum_appeal_filed", "asylum_appeal_decided",
           "expulsion_ordered", "deported"}


class TimelineEvent(Protocol):
    type: str
    when: When
    fields: dict[str, Any]


def derive_stages(events: Iterable[TimelineEvent]) -> list[str]:
    """The stages a case is in, in DOMAIN.md order; ``["intake"]`` for a bare case."""
    domestic = "intake"
    open_appeals = 0
    international = None
    asylum = False
    for event in sorted(events, key=lambda e: e.when.start):
        if event.type == "verdict" and event.fields.get("defendant") == "victim":
            continue  # the victim's own trial does not end the case about what was done to them
        if event.type in _DOMESTIC:
            domestic = _DOMESTIC[event.type]
        elif event.type == "appeal_filed":
            open_appeals += 1
        elif event.type == "appeal_decided":
            open_appeals = max(0, open_appeals - 1)
            if event.fields.get("outcome") in ("granted", "partly") and domestic == "closed":
                domestic = "investigation"  # a quashed closure re-opens the investigation
        elif event.type == "un_communication_submitted":
            international = international or "international"
        elif event.type == "un_views_adopted":
            international = "follow-up"
        asylum = asylum or event.type in _ASYLUM
    # A case that only ever reached a UN body or the asylum track has no domestic stage.
    found = {domestic} if domestic != "intake" or not (international or asylum) else set()
    if open_appeals:
        found.add("appeal")
    if international:
        found.add(international)
    if asylum:
        found.add("asylum")
    return [s for s in STAGES if s in found]
