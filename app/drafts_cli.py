"""``flask drafts build``: a case's current communication as a Word file, without the web."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale
from sqlalchemy import select

from app.drafts.builder import build
from app.drafts.docx_renderer import render_docx
from app.extensions import db
from app.models import Case, Draft
from app.services.audit import ACTOR_KEY, record_read
from app.services.drafts import COMMITTEES, admissibility, document_of, draft_input
from app.services.timeline import local_now
from app.wording import said


@click.group("drafts")
def drafts_group() -> None:
    """UN communications drafted from a case file."""


@drafts_group.command("build")
@click.argument("reference")
@click.option("--committee", type=click.Choice(COMMITTEES), required=True)
@click.option("--lang", "language", type=click.Choice(("en", "ru")), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--force", is_flag=True, help='Build even when the admissibility check blocks it; the first page then '
                                            'says "not admissible as it stands" and why.')
@with_appcontext
def build_command(reference: str, committee: str, language: str, output: Path, force: bool) -> None:
    """Write the current draft of case REFERENCE: the latest version of the lawyers' draft for that committee
    and language if there is one (their edits kept), else one generated from the case file now.
    Exits with status 1, listing the blockers, when the admissibility check blocks the communication."""
    db.session.info[ACTOR_KEY] = "cli"
    case = db.session.scalar(select(Case).where(Case.reference == reference.strip().upper()))
    if case is None:
        raise click.ClickException(f"No case {reference}.")
    now = local_now()
    findings = admissibility(db.session, case, committee, now)
    with force_locale(language):
        blockers = [said(f.message) for f in findings if f.level == "blocker"]
        warnings = [said(f.message) for f in findings if f.level == "warning"]
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if blockers and not force:
        for blocker in blockers:
            click.echo(f"blocker: {blocker}", err=True)
        raise click.exceptions.Exit(1)
    saved = db.session.scalar(select(Draft).where(Draft.case_id == case.id, Draft.committee == committee,
                                                  Draft.language == language).order_by(Draft.created_at.desc()))
    if saved is not None:
        document = document_of(saved, saved.latest, now)
        source = f"draft {saved.id}, version {saved.latest.number}"
    else:
        document = build(draft_input(case, committee=committee, language=language, provisions=None, now=now))
        source = "generated from the case file"
    if blockers:
        document.blocked = "; ".join(blockers)
        from app.drafts.language import word

        document.blocked = word(language, "blocked", reasons=document.blocked)
    output.write_bytes(render_docx(document))
    record_read(db.session, "download", case=case, object_type="Draft", object_id=str(saved.id) if saved else "new",
                details={"format": "docx", "committee": committee, "language": language, "via": "cli"})
    db.session.commit()
    click.echo(f"{output}: {case.reference} to the {committee} in {language} ({source})"
               + (f", NOT ADMISSIBLE AS IT STANDS ({len(blockers)} blocker(s))" if blockers else "") + ".")
