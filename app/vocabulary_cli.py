"""``flask vocabularies load``: the HURIDOCS vocabularies of seed/vocabularies/ into the database."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services.audit import ACTOR_KEY
from app.services.vocabularies import VOCABULARY_DIR, VocabularyFileError, load_vocabularies


@click.group("vocabularies")
def vocabularies_group() -> None:
    """The HURIDOCS controlled vocabularies (methods of ill-treatment, detention, perpetrators, …)."""


@vocabularies_group.command("load")
@click.option("--directory", type=click.Path(exists=True, file_okay=False, path_type=Path), default=VOCABULARY_DIR,
              show_default=True, help="Folder of the vocabulary files (*.json).")
@click.option("--keep-labels", is_flag=True,
              help="Keep the labels of terms already in the database (an admin's corrections) "
                   "instead of taking the files' labels.")
@with_appcontext
def load_command(directory: Path, keep_labels: bool) -> None:
    """Add or update the terms of the vocabulary files. Safe to re-run: terms added by an admin
    and terms an admin deactivated are kept as they are. `flask seed` loads them too, keeping the
    labels already in the database."""
    db.session.info[ACTOR_KEY] = "cli"
    try:
        report = load_vocabularies(db.session, directory, update_labels=not keep_labels)
    except VocabularyFileError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Vocabularies: {report.summary()}.")
