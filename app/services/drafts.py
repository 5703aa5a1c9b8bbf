"""Drafting UN communications for a case: generate, edit, regenerate, render.

A lawyer's edits are never overwritten silently: regenerating a draft whose latest
version carries edits needs a choice (keep the edited sections, or replace them; either
way every earlier version stays).
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, object_session, selectinload

from app.drafts.admissibility import DEFAULT_PROCEDURES, Finding, Procedure, check
from app.drafts.authors import russian_spelling
from app.drafts.builder import EDITABLE, build, generate_texts
from app.drafts.language import LANGUAGES
from app.drafts.model import CaseLawView, DocumentView, DraftInput, EventView, PersonView, Representative
from app.drafts.model import Draft as DraftDocument
from app.drafts.provisions import BY_COMMITTEE, current_codes, suggested_codes
from app.models import Case, CaseLaw, Draft, DraftVersion, EvidenceFile, Person, PersonRelation, TreatyProcedure, User
from app.procedure.engine import evaluate
from app.procedure.vocabulary import MAX_LONG_TEXT, clean_text
from app.services.errors import Conflict, Invalid
from app.services.person_details import contact_of
from app.services.procedure import case_file_of, engine_calendar, engine_settings

COMMITTEES = tuple(BY_COMMITTEE)


def procedures(session: Session) -> dict[str, Procedure]:
    rows = list(session.scalars(select(TreatyProcedure)))
    if not rows:
        return {p.committee: p for p in DEFAULT_PROCEDURES}
    return {r.committee: Procedure(r.committee, r.available, r.in_force_since, r.note) for r in rows}


def save_procedure(session: Session, committee: str, *, available: bool, in_force_since: str | None,
                   note: str) -> TreatyProcedure:
    """Record whether Kazakhstan accepts a committee's communications (from DOMAIN.md §7's table)."""
    errors = {}
    known = {p.committee for p in DEFAULT_PROCEDURES}
    if committee not in known:
        errors["committee"] = _("choose one of %(choices)s", choices=", ".join(sorted(known)))
    since = None
    if in_force_since:
        try:
            since = date.fromisoformat(in_force_since)
        except ValueError:
            errors["in_force_since"] = _("write the date as YYYY-MM-DD")
    try:
        note = clean_text(note, 2000)
    except ValueError as exc:
        errors["note"] = str(exc)
    if errors:
        raise Invalid(errors)
    current = procedures(session)  # the defaults become rows on the first edit
    for code, procedure in current.items():
        if session.get(TreatyProcedure, code) is None:
            session.add(TreatyProcedure(committee=code, available=procedure.available,
                                        in_force_since=procedure.in_force_since, note=procedure.note))
    session.flush()
    row = session.get(TreatyProcedure, committee)
    row.available, row.in_force_since, row.note = available, since, note
    session.flush()
    return row


def draft_input(case: Case, *, committee: str, language: str, provisions: list[str] | None,
                now: datetime, texts: dict[str, str] | None = None, user: User | None = None) -> DraftInput:
    """What the builder needs from the database: the timeline in its one order, the parties with their details
    and family, the documents linked to events, the assigned lawyer as the representative, the case-law library."""
    facts = case_file_of(case)
    session = object_session(case)
    evaluation = evaluate(facts, now, settings=engine_settings(session), calendar=engine_calendar(session))
    uid_to_id = {e.uid: e.id for e in case.timeline}
    events = []
    for event in case.timeline:
        refs = event.event_type.reference_fields()
        fields = {k: (uid_to_id.get(v) if k in refs else v) for k, v in (event.fields or {}).items()}
        events.append(EventView(event.id, event.type, event.when, event.body, fields, event.source,
                                event.document_number, event.document_title, event.narrative, event.narrative_ru))
    parties = sorted(case.parties, key=lambda p: (p.role != "victim", p.id))
    people = people_views(session, [(p.person, p.role) for p in parties])
    on_timeline = {e.id for e in case.timeline}
    files = session.scalars(select(EvidenceFile).where(EvidenceFile.case_id == case.id,
                                                       EvidenceFile.archived_at.is_(None))
                            .order_by(EvidenceFile.uploaded_at, EvidenceFile.id))
    documents = [DocumentView(f.id, f.description or f.original_name, f.event_id, f.language, f.translation)
                 for f in files if f.event_id in on_timeline]
    if provisions is None:
        provisions = suggested_codes(committee, facts, evaluation)
    return DraftInput(case.reference, committee, language, current_codes(provisions), now.date(), people,
                      representative_of(case, user), events, facts, evaluation, documents=documents,
                      summary=case.summary, summary_ru=case.summary_ru, summary_in_draft=case.summary_in_draft,
                      case_law=library(session), texts=dict(texts or {}))


def people_views(session: Session, parties: list[tuple[Person, str]]) -> list[PersonView]:
    """The parties as the author block needs them, each with their family seen from their side ("X is the mother
    of …"); the family ties of all of them read in one query."""
    ids = {person.id for person, _ in parties}
    ties = list(session.scalars(select(PersonRelation).where(
        or_(PersonRelation.person_id.in_(ids), PersonRelation.relative_id.in_(ids)))
        .options(selectinload(PersonRelation.person), selectinload(PersonRelation.relative))))
    out: dict[int, PersonView] = {}
    for person, role in parties:
        if person.id in out:
            continue
        family = [(REVERSE[t.kind], t.relative) for t in ties if t.person_id == person.id and t.kind in REVERSE]
        family += [(t.kind, t.person) for t in ties if t.relative_id == person.id]
        out[person.id] = _view(person, role, tuple((kind, _view(other)) for kind, other in family))
    return list(out.values())


def _view(person: Person, role: str | None = None, relatives: tuple = ()) -> PersonView:
    return PersonView(person.id, person.name, person.description, russian_spelling(person.name, *person.aliases),
                      role, person.birth_date, person.sex, person.nationality, contact_of(person).get("address"),
                      relatives)


# "A is the <kind> of B" seen from A's side: what B is to A.
REVERSE = {"parent": "child", "child": "parent", "spouse": "spouse", "sibling": "sibling"}


def representative_of(case: Case, user: User | None) -> Representative | None:
    """The lawyer who drafts, when assigned to the case; else the first lawyer assigned."""
    lawyers = [a.user for a in sorted(case.assignments, key=lambda a: a.assigned_at)]
    chosen = user if user is not None and user in lawyers else (lawyers[0] if lawyers else None)
    if chosen is None:
        return None
    return Representative(chosen.full_name, chosen.bar, chosen.organisation, chosen.postal_address, chosen.email)


def library(session: Session) -> list[CaseLawView]:
    """The active entries of the case-law library."""
    return [CaseLawView(c.key, c.committee, c.kind, c.title_en, c.title_ru, c.symbol, c.adopted, c.holding_en,
                        c.holding_ru, tuple(c.provisions), tuple(c.rules), c.verified)
            for c in session.scalars(select(CaseLaw).where(CaseLaw.active.is_(True)).order_by(CaseLaw.key))]


def admissibility(session: Session, case: Case, committee: str, now: datetime) -> list[Finding]:
    facts = case_file_of(case)
    evaluation = evaluate(facts, now, settings=engine_settings(session), calendar=engine_calendar(session))
    return check(facts, evaluation, committee, procedures(session), now)


def _validate(committee: str, language: str, provisions: list[str]) -> None:
    errors = {}
    if committee not in COMMITTEES:
        errors["committee"] = _("choose one of %(choices)s", choices=", ".join(COMMITTEES))
    if language not in LANGUAGES:
        errors["language"] = _("choose English (en) or Russian (ru)")
    allowed = {p.code for p in BY_COMMITTEE.get(committee, ())}
    if committee in COMMITTEES and (not provisions or not set(provisions) <= allowed):
        errors["provisions"] = _("choose at least one provision of the committee's treaty")
    if errors:
        raise Invalid(errors)


def create_draft(session: Session, case: Case, *, committee: str, language: str, provisions: list[str],
                 user: User | None, now: datetime) -> Draft:
    _validate(committee, language, provisions)
    draft = Draft(case_id=case.id, committee=committee, language=language, provisions=list(provisions),
                  created_by_id=user.id if user else None)
    texts = generate_texts(draft_input(case, committee=committee, language=language, provisions=provisions, now=now,
                                       user=user))
    draft.versions.append(DraftVersion(number=1, kind="generated", texts=texts, edited_sections=[],
                                       created_by_id=user.id if user else None))
    session.add(draft)
    session.flush()
    return draft


def save_edits(session: Session, draft: Draft, texts: dict[str, str], *, provisions: list[str] | None,
               user: User | None, based_on: int) -> DraftVersion:
    """A lawyer's rewrite of narrative sections, kept as a new version."""
    if based_on != draft.latest.number:
        raise Conflict(_("Version %(latest)d was saved since you opened version %(opened)d: nothing of yours was "
                         "saved over it. Reload the draft and apply your changes again.",
                         latest=draft.latest.number, opened=based_on))
    errors = {}
    cleaned = {}
    for key, value in texts.items():
        try:
            cleaned[key] = clean_text(value or "", MAX_LONG_TEXT)
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise Invalid(errors)
    texts = cleaned
    if provisions is not None:
        _validate(draft.committee, draft.language, provisions)
        draft.provisions = list(provisions)
    previous = draft.latest
    merged = {key: (texts.get(key, previous.texts.get(key, "")) or "").replace("\r\n", "\n").strip()
              for key in EDITABLE}
    changed = {key for key in EDITABLE if merged[key] != (previous.texts.get(key) or "").strip()}
    version = DraftVersion(number=previous.number + 1, kind="edited", texts=merged,
                           edited_sections=sorted(set(previous.edited_sections) | changed),
                           created_by_id=user.id if user else None)
    draft.versions.append(version)
    session.flush()
    return version


class EditsWouldBeLost(Exception):
    def __init__(self, sections: list[str]) -> None:
        super().__init__(", ".join(sections))
        self.sections = sections


def regenerate(session: Session, draft: Draft, *, keep_edits: bool | None, user: User | None,
               now: datetime) -> DraftVersion:
    """Generate the narrative again from the case as it is now. When the latest version has
    a lawyer's edits, ``keep_edits`` must say what to do with them (None raises)."""
    latest = draft.latest
    if latest.edited_sections and keep_edits is None:
        raise EditsWouldBeLost(latest.edited_sections)
    generated = generate_texts(draft_input(draft.case, committee=draft.committee, language=draft.language,
                                           provisions=draft.provisions, now=now, user=draft.created_by))
    kept = latest.edited_sections if keep_edits else []
    texts = {key: latest.texts[key] if key in kept else generated[key] for key in EDITABLE}
    version = DraftVersion(number=latest.number + 1, kind="regenerated", texts=texts, edited_sections=list(kept),
                           created_by_id=user.id if user else None)
    draft.versions.append(version)
    session.flush()
    return version


def document_of(draft: Draft, version: DraftVersion, now: datetime) -> DraftDocument:
    return document_and_findings(draft, version, now)[0]


def document_and_findings(draft: Draft, version: DraftVersion, now: datetime) -> tuple[DraftDocument, list[Finding]]:
    """The version as a document, and the admissibility check of the case as it is now: one evaluation for both."""
    data = draft_input(draft.case, committee=draft.committee, language=draft.language,
                       provisions=draft.provisions, now=now, texts=version.texts, user=draft.created_by)
    findings = check(data.case_file, data.evaluation, draft.committee, procedures(object_session(draft)), now)
    return build(data), findings
