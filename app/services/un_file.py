"""The UN panel of a case and the supervisors' view across cases: the pure UN case file
(app.procedure.un_file) joined to the stored events, their files and the derived deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from app.models import Case, CaseDeadline, Event, User
from app.procedure.redress_summary import Redress, redress_of
from app.procedure.un_file import UN_DEADLINES, UN_EVENTS, Communication, communications
from app.services.access import case_visible
from app.services.procedure import case_file_of

REDRESS_DEADLINES = ("compensation-payment",)


@dataclass(frozen=True)
class CommunicationFile:
    """One communication as the panel shows it: the stored events behind each fact, and its terms."""

    communication: Communication
    terms: list[CaseDeadline]

    @property
    def next_due(self) -> CaseDeadline | None:
        """The open term that ends first (its latest possible end when the start is known roughly)."""
        open_terms = [d for d in self.terms if d.outcome is None and d.latest_due is not None]
        return min(open_terms, key=lambda d: d.latest_due, default=None)


@dataclass(frozen=True)
class UNPanel:
    files: list[CommunicationFile]
    redress: Redress
    redress_terms: dict[int, CaseDeadline] = field(default_factory=dict)  # award's event id → its term

    @property
    def shown(self) -> bool:
        return bool(self.files or self.redress.any)


def un_panel(case: Case, deadlines: list[CaseDeadline]) -> UNPanel:
    """Built from the events already loaded for the case page and its deadlines: no query of its own."""
    file = case_file_of(case)
    files = []
    for communication in communications(file):
        refs = communication.refs
        files.append(CommunicationFile(communication, [d for d in deadlines if d.rule in UN_DEADLINES
                                                       and d.from_event_id in refs]))
    terms = {d.from_event_id: d for d in deadlines if d.rule in REDRESS_DEADLINES}
    return UNPanel(files, redress_of(file), terms)


@dataclass(frozen=True)
class OverviewRow:
    """One communication on the supervisors' ``/un`` page."""

    case: Case
    file: CommunicationFile

    @property
    def breached(self) -> bool:
        return bool(self.file.communication.interim.breaches)


@dataclass(frozen=True)
class OverviewFilter:
    committee: str | None = None
    stage: str | None = None
    attention: str | None = None  # "due", "breached", "remedies"

    def keeps(self, row: OverviewRow) -> bool:
        c = row.file.communication
        if self.committee and c.committee != self.committee:
            return False
        if self.stage and c.stage.value != self.stage:
            return False
        if self.attention == "due":
            return row.file.next_due is not None
        if self.attention == "breached":
            return row.breached
        if self.attention == "remedies":
            return bool(c.remedies_pending) or (c.decision is not None and c.violation_found is True
                                                and not c.remedies)
        return True


def un_overview(session: Session, user: User, filters: OverviewFilter) -> list[OverviewRow]:
    """Every communication of the cases the user may see, those with a term open first (by its end),
    then the rest by case. Two queries: the cases with their events, and their UN terms."""
    cases = list(session.scalars(
        select(Case).where(case_visible(user), exists().where(
            Event.case_id == Case.id, Event.type.in_(UN_EVENTS), Event.retracted_at.is_(None)))
        .options(selectinload(Case.events)).order_by(Case.reference)))
    terms: dict[int, list[CaseDeadline]] = {}
    if cases:
        for d in session.scalars(select(CaseDeadline).where(CaseDeadline.case_id.in_([c.id for c in cases]),
                                                            CaseDeadline.rule.in_(UN_DEADLINES))):
            terms.setdefault(d.case_id, []).append(d)
    rows = [OverviewRow(case, file) for case in cases for file in un_panel(case, terms.get(case.id, [])).files]
    rows = [r for r in rows if filters.keeps(r)]
    return sorted(rows, key=lambda r: (r.file.next_due is None,
                                       r.file.next_due.latest_due if r.file.next_due else datetime.max,
                                       r.case.reference))
