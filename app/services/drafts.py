"""Drafting UN communications for a case: generate, edit, regenerate, render.

A lawyer's edits are never overwritten silently: regenerating a draft whose latest
version carries edits needs a choice (keep the edited sections, or replace them; either
way every earlier version stays).
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.drafts.admissibility import DEFAULT_PROCEDURES, Finding, Procedure, check
from app.drafts.builder import EDITABLE, DraftInput, EventView, build, generate_texts
from app.drafts.builder import Draft as DraftDocument
from app.drafts.language import LANGUAGES
from app.drafts.provisions import BY_COMMITTEE, suggest_for_case
from app.models import Case, Draft, DraftVersion, TreatyProcedure, User
from app.procedure.engine import evaluate
from app.procedure.vocabulary import MAX_LONG_TEXT, clean_text
from app.services.errors import Conflict, Invalid
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
                now: datetime, texts: dict[str, str] | None = None) -> DraftInput:
    facts = case_file_of(case)
    session = object_session(case)
    evaluation = evaluate(facts, now, settings=engine_settings(session), calendar=engine_calendar(session))
    uid_to_id = {e.uid: e.id for e in case.timeline}
    events = []
    for event in case.timeline:
        refs = event.event_type.reference_fields()
        fields = {k: (uid_to_id.get(v) if k in refs else v) for k, v in (event.fields or {}).items()}
        events.append(EventView(event.id, event.type, event.when, event.body, fields, event.source,
                                event.document_number, event.document_title))

    def names(role: str) -> list[str]:
        return [p.person.display_name for p in case.parties if p.role == role]

    if provisions is None:
        provisions = suggest_for_case(committee, facts, evaluation)
    return DraftInput(case.reference, committee, language, provisions, now.date(), names("victim"),
                      names("complainant"), names("counsel"), events, facts, evaluation, dict(texts or {}))


def admissibility(session: Session, case: Case, committee: str, now: datetime) -> list[Finding]:
    data = draft_input(case, committee=committee, language="en", provisions=[], now=now)
    return check(data.case_file, data.evaluation, committee, procedures(session), now)


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
    texts = generate_texts(draft_input(case, committee=committee, language=language, provisions=provisions, now=now))
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
                                           provisions=draft.provisions, now=now))
    kept = latest.edited_sections if keep_edits else []
    texts = {key: latest.texts[key] if key in kept else generated[key] for key in EDITABLE}
    version = DraftVersion(number=latest.number + 1, kind="regenerated", texts=texts, edited_sections=list(kept),
                           created_by_id=user.id if user else None)
    draft.versions.append(version)
    session.flush()
    return version


def document_of(draft: Draft, version: DraftVersion, now: datetime) -> DraftDocument:
    data = draft_input(draft.case, committee=draft.committee, language=draft.language,
                       provisions=draft.provisions, now=now, texts=version.texts)
    return build(data)
