"""Command-line interface: ``flask seed``, ``flask cases import|export``, ``flask users create``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.extensions import db
from app.interchange.check import check_file
from app.interchange.format import InvalidDocument, parse_document
from app.models import Role
from app.services.errors import Invalid, NotFound
from app.services.interchange import export_cases, import_document
from app.services.seed import seed_database
from app.services.users import create_user

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"


def register(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(cases_group)
    app.cli.add_command(users_group)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load the public-record cases (and, outside production, demo users). Safe to re-run."""
    report = seed_database(db.session, SEED_DIR, demo_users=current_app.config["SEED_DEMO_USERS"],
                           instance_path=Path(current_app.instance_path))
    db.session.commit()
    click.echo(f"Seed: {report.cases_added} case(s) added, {report.cases_present} already present.")
    for email, password, role in report.logins:
        click.echo(f"  demo {role:<10} {email}  password: {password}")


@click.group("cases")
def cases_group() -> None:
    """Import and export cases in the interchange format (docs/interchange.md)."""


@cases_group.command("import")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Import every case of FILE, or nothing at all if anything in it is wrong."""
    problems = check_file(path)
    if problems:
        raise click.ClickException("nothing imported:\n" + "\n".join(problems))
    document = parse_document(json.loads(path.read_text(encoding="utf-8")))
    try:
        cases = import_document(db.session, document, user=None)
    except InvalidDocument as exc:
        db.session.rollback()
        raise click.ClickException(
            "nothing imported:\n" + "\n".join(f"{path}: {p}" for p in exc.problems)) from None
    db.session.commit()
    click.echo(f"Imported {len(cases)} case(s): {', '.join(c.reference for c in cases)}")


@cases_group.command("export")
@with_appcontext
@click.argument("references", nargs=-1, required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="write to this file instead of standard output")
def export_command(references: tuple[str, ...], output: Path | None) -> None:
    """Export the cases REFERENCES as one interchange file."""
    try:
        document = export_cases(db.session, list(references))
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}")
    else:
        click.echo(text, nl=False)


@click.group("users")
def users_group() -> None:
    """Manage user accounts."""


@users_group.command("create")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.LAWYER.value)
@click.password_option()
def create_user_command(email: str, full_name: str, role: str, password: str) -> None:
    """Create a user (the first admin is created this way)."""
    try:
        user = create_user(db.session, email=email, full_name=full_name, role=role, password=password)
    except Invalid as exc:
        raise click.ClickException("; ".join(f"{k}: {v}" for k, v in exc.errors.items())) from None
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")
