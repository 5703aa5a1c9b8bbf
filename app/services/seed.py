"""Loading the HURIDOCS vocabularies, the public-record cases and the demo users; running it
twice changes nothing."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interchange.format import Document, parse_document
from app.models import Case, Role, User
from app.services.assignments import assign_lawyer
from app.services.caselaw import load_case_law
from app.services.interchange import import_document
from app.services.users import create_user
from app.services.vocabularies import LoadReport, load_vocabularies

DEMO_USERS = (
    ("lawyer@demo.qorgau.kz", "Demo Lawyer", Role.LAWYER),
    ("supervisor@demo.qorgau.kz", "Demo Supervisor", Role.SUPERVISOR),
    ("admin@demo.qorgau.kz", "Demo Admin", Role.ADMIN),
)
DEMO_LOGINS_FILE = "demo_logins.json"


@dataclass
class SeedReport:
    cases_added: int = 0
    cases_present: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    vocabularies: LoadReport | None = None
    case_law_added: int = 0


def seed_database(session: Session, seed_dir: Path, *, demo_users: bool,
                  instance_path: Path) -> SeedReport:
    report = SeedReport()
    vocabulary_dir = seed_dir / "vocabularies"
    if vocabulary_dir.is_dir():
        # before the cases, which may carry their codes; an admin's corrected labels are kept
        report.vocabularies = load_vocabularies(session, vocabulary_dir, update_labels=False)
    lawyer = supervisor = None
    if demo_users:
        report.logins = _demo_users(session, instance_path)
        lawyer = session.scalar(select(User).where(User.email == DEMO_USERS[0][0]))
        supervisor = session.scalar(select(User).where(User.email == DEMO_USERS[1][0]))
    library = seed_dir / "library" / "case-law.json"
    if library.exists():
        report.case_law_added = load_case_law(session, library)
    for path in sorted(seed_dir.glob("*.json")):
        document = parse_document(json.loads(path.read_text(encoding="utf-8")))
        missing = _without_existing(session, document)
        report.cases_present += len(document.cases) - len(missing.cases)
        if not missing.cases:
            continue
        for case in import_document(session, missing, user=None):
            report.cases_added += 1
            if lawyer:
                assign_lawyer(session, case, lawyer)
            case.supervisor_id = supervisor.id if supervisor else None
    session.flush()
    return report


def _without_existing(session: Session, document: Document) -> Document:
    refs = [c.reference for c in document.cases]
    present = set(session.scalars(select(Case.reference).where(Case.reference.in_(refs))))
    cases = [c for c in document.cases if c.reference not in present]
    used = {p.person for c in cases for p in c.parties}
    return Document(people=[p for p in document.people if p.key in used], cases=cases)


def _demo_users(session: Session, instance_path: Path) -> list[tuple[str, str, str]]:
    """Create the demo users once, with random passwords kept in the instance folder
    (never in the repository) so that every run can print the logins again."""
    logins_file = instance_path / DEMO_LOGINS_FILE
    known = json.loads(logins_file.read_text()) if logins_file.exists() else {}
    logins = []
    for email, name, role in DEMO_USERS:
        exists = session.scalar(select(User.id).where(User.email == email))
        if not exists:
            known[email] = secrets.token_urlsafe(12)
            create_user(session, email=email, full_name=name, role=role, password=known[email])
        logins.append((email, known.get(email, "(set before; not known here)"), role.value))
    instance_path.mkdir(parents=True, exist_ok=True)
    logins_file.write_text(json.dumps(known, indent=2))
    logins_file.chmod(0o600)
    return logins
