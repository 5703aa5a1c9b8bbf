"""A case's dossier as one ZIP: the interchange JSON, a readable summary, the evidence files
and a checksum for every entry, so a copy handed to a court or a committee can be verified."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from sqlalchemy.orm import Session

from app.models import Case
from app.services.files import IntegrityFailure, Vault, case_files, load
from app.services.interchange import export_cases

UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass
class Dossier:
    data: bytes
    files: int = 0
    failed: list[str] = field(default_factory=list)  # evidence files left out: integrity failures


def _safe_name(file_id: int, name: str) -> str:
    """A name that cannot climb out of files/ nor clash with another file."""
    cleaned = UNSAFE.sub("_", name).strip(" .") or "file"
    return f"files/{file_id:06d}-{cleaned[:120]}"


def build_dossier(session: Session, case: Case, vault: Vault, summary_html: str, now: datetime) -> Dossier:
    entries: dict[str, bytes] = {
        "case.json": json.dumps(export_cases(session, [case.reference]), ensure_ascii=False, indent=2).encode(),
        "summary.html": summary_html.encode(),
    }
    dossier = Dossier(b"")
    for record in case_files(session, case):
        try:
            entries[_safe_name(record.id, record.original_name)] = load(vault, record)
            dossier.files += 1
        except (IntegrityFailure, FileNotFoundError):
            dossier.failed.append(record.original_name)
    readme = [f"Dossier of case {case.reference}, made {now:%Y-%m-%d %H:%M} (Almaty time).", "",
              "case.json     the case in Qorgau's interchange format (docs/interchange.md)",
              "summary.html  facts, people, timeline, deadlines with their arithmetic, red flags",
              f"files/        {dossier.files} evidence file(s), as uploaded",
              "SHA256SUMS    a checksum of every entry: sha256sum -c SHA256SUMS"]
    if dossier.failed:
        readme += ["", "Left out because they failed their integrity check (restore them from a backup):"]
        readme += [f"- {name}" for name in dossier.failed]
    entries["README.txt"] = ("\n".join(readme) + "\n").encode()
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(entries.items()))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(entries.items()):
            archive.writestr(zipfile.ZipInfo(name, date_time=now.timetuple()[:6]), data,
                             compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("SHA256SUMS", date_time=now.timetuple()[:6]), sums)
    dossier.data = buffer.getvalue()
    return dossier
