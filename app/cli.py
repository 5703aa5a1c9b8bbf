"""Command-line interface: ``flask seed``, ``flask cases import|export``, ``flask users create``."""

from __future__ import annotations

import functools
import json
from datetime import datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.drafts_cli import drafts_group
from app.extensions import db
from app.interchange.check import read_document
from app.interchange.evaluation import evaluation_json
from app.interchange.format import InvalidDocument
from app.models import Role
from app.services.audit import ACTOR_KEY, record_read
from app.services.backup import BackupError, make_backup, restore_backup
from app.services.errors import Invalid, NotFound
from app.services.interchange import export_cases, import_document
from app.services.mailer import MailNotConfigured, SmtpMailer
from app.services.parallel_recompute import recompute
from app.services.procedure import engine_calendar, engine_settings_if_migrated, refresh_statistics
from app.services.reminders import deliver, prepare_digests
from app.services.seed import seed_database
from app.services.timeline import local_now
from app.services.users import create_user
from app.vocabulary_cli import vocabularies_group

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"


def as_cli(command):
    """Marks the command's writes in the audit trail as done from the command line."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        db.session.info[ACTOR_KEY] = "cli"
        return command(*args, **kwargs)
    return wrapper


def register(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(seed_command)
    app.cli.add_command(cases_group)
    app.cli.add_command(users_group)
    app.cli.add_command(flags_group)
    app.cli.add_command(reminders_group)
    app.cli.add_command(vocabularies_group)
    app.cli.add_command(drafts_group)


@click.command("seed")
@with_appcontext
@as_cli
def seed_command() -> None:
    """Load the public-record cases (and, outside production, demo users). Safe to re-run."""
    report = seed_database(db.session, SEED_DIR, demo_users=current_app.config["SEED_DEMO_USERS"],
                           instance_path=Path(current_app.instance_path))
    db.session.commit()
    click.echo(f"Seed: {report.cases_added} case(s) added, {report.cases_present} already present.")
    if report.vocabularies is not None:
        click.echo(f"Vocabularies: {report.vocabularies.summary()}")
    click.echo(f"Case-law library: {report.case_law_added} entr{'y' if report.case_law_added == 1 else 'ies'} "
               "added.")
    for email, password, role in report.logins:
        click.echo(f"  demo {role:<10} {email}  password: {password}")
    roles = current_app.config["REQUIRE_2FA_ROLES"]
    if report.logins and roles:
        click.echo(f"  ({' and '.join(roles)} set up two-factor authentication with an authenticator app "
                   "at their first login)")


@click.command("backup")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
@as_cli
def backup_command(target: Path) -> None:
    """Back up the database and the evidence files into a new folder under TARGET."""
    try:
        folder = make_backup(target, Path(current_app.config["FILES_DIR"]))
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    record_read(db.session, "backup", object_type="Database", object_id=folder.name)
    db.session.commit()
    click.echo(f"Backup written to {folder} (the file key is not in it: keep QORGAU_FILE_KEY apart).")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
@as_cli
def restore_command(source: Path) -> None:
    """Restore a backup folder into this (migrated, empty) database and files folder."""
    try:
        counts = restore_backup(source, Path(current_app.config["FILES_DIR"]))
    except BackupError as exc:
        raise click.ClickException(f"nothing restored: {exc}") from None
    record_read(db.session, "restore", object_type="Database", object_id=source.name, details=counts)
    db.session.commit()
    click.echo(f"Restored {sum(counts.values())} rows in {len(counts)} tables and the evidence files.")


@click.group("cases")
def cases_group() -> None:
    """Import and export cases in the interchange format (docs/interchange.md)."""


@cases_group.command("import")
@with_appcontext
@as_cli
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Import every case of FILE, or nothing at all if anything in it is wrong."""
    document, problems = read_document(path)
    if problems:
        raise click.ClickException("nothing imported:\n" + "\n".join(problems))
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
@as_cli
@click.argument("references", nargs=-1, required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="write to this file instead of standard output")
def export_command(references: tuple[str, ...], output: Path | None) -> None:
    """Export the cases REFERENCES as one interchange file."""
    try:
        document = export_cases(db.session, list(references))
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    record_read(db.session, "export", object_type="Cases", object_id=",".join(references)[:60],
                details={"references": list(references)})
    db.session.commit()
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}")
    else:
        click.echo(text, nl=False)


@cases_group.command("evaluate")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", "as_of", required=True, type=click.DateTime(formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
              help="the moment to evaluate at, Almaty time: YYYY-MM-DDTHH:MM")
@click.option("--json", "as_json", is_flag=True, help="print the JSON contract (docs/evaluate.md)")
@click.option("--case", "reference", help="which case of the file (default: the only one)")
@with_appcontext
def evaluate_command(path: Path, as_of, as_json: bool, reference: str | None) -> None:
    """Stages, deadlines and flags of a case in FILE at --as-of; no database needed."""
    document, problems = read_document(path)
    if problems:
        raise click.ClickException("the file is not valid:\n" + "\n".join(problems))
    cases = [c for c in document.cases if reference in (None, c.reference)]
    if len(cases) != 1:
        raise click.ClickException(
            f"choose one case with --case: {', '.join(c.reference for c in document.cases)}" if not reference
            else f"no case {reference} in {path}")
    settings, calendar = engine_settings_if_migrated()
    result = evaluation_json(cases[0], as_of, settings=settings, calendar=calendar)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result['reference']} at {result['as_of']}: {', '.join(result['stages'])}")
    for d in result["deadlines"]:
        due = d["due"] or "—"
        click.echo(f"  deadline {d['rule']:<38} from event {d['from_event']:<3} due {due:<17} {d['status']}")
    for f in result["flags"]:
        click.echo(f"  flag     {f['rule']:<38} {f['severity']:<8} {f['basis']:<7} {f['explanation']}")


@click.group("flags")
def flags_group() -> None:
    """The red flags and deadlines derived from the timelines."""


@flags_group.command("recompute")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="worker processes deriving the rows (the command itself writes them); "
                   "an in-memory SQLite database is always done in one process")
@with_appcontext
@as_cli
def recompute_command(jobs: int) -> None:
    """Rebuild every case's derived deadlines and flags (after a rule or calendar change)."""
    report = recompute(db.session, jobs, reason="recomputed with flask flags recompute")
    db.session.commit()
    refresh_statistics(db.session)
    db.session.commit()
    workers = f" with {report.workers} worker processes" if report.workers else ""
    click.echo(f"Recomputed {report.cases} case(s){workers}: {report.deadlines} deadline(s), {report.flags} flag(s) "
               f"in {report.seconds:.2f} s ({report.rate:,.0f} cases/s).")


@click.group("users")
def users_group() -> None:
    """Manage user accounts."""


@users_group.command("create")
@with_appcontext
@as_cli
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


@click.group("reminders")
def reminders_group() -> None:
    """The daily digest e-mails."""


@reminders_group.command("send")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Build the digest of this day (08:00 Almaty) instead of now, e.g. to catch up a missed run.")
@with_appcontext
@as_cli
def reminders_send_command(as_of: datetime | None) -> None:
    """Retry failed deliveries, then e-mail each user what is new for them today (run daily by cron).
    Exits with status 1 when a delivery failed, so cron reports it."""
    config = current_app.config
    try:
        mailer = SmtpMailer.from_config(config)
    except MailNotConfigured as exc:
        raise click.ClickException(str(exc)) from None
    now = as_of.replace(hour=8) if as_of else local_now()
    created = prepare_digests(db.session, now, engine_calendar(), config["PUBLIC_URL"])
    db.session.commit()
    report = deliver(db.session, mailer, config["REMINDER_MAX_ATTEMPTS"])
    click.echo(f"{len(created)} new digest(s); sent {len(report.sent)}, failed {len(report.failed)}, "
               f"given up after {config['REMINDER_MAX_ATTEMPTS']} attempts {len(report.given_up)}.")
    for delivery_id, error in report.failed:
        click.echo(f"  delivery {delivery_id} failed (will be retried): {error}", err=True)
    for delivery_id in report.given_up:
        click.echo(f"  delivery {delivery_id} gave up: see the Reminders page", err=True)
    if not report.ok:
        raise SystemExit(1)
