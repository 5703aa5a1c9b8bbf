"""A case's dossier: one ZIP with the interchange JSON, a summary, the evidence and checksums."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from sqlalchemy import select

from app.interchange.format import parse_document
from app.models import AuditEntry
from app.services.files import Vault, store
from app.services.timeline import record_event

PDF = b"%PDF-1.4\nforensic report\n"


def test_the_dossier_holds_the_case_its_files_and_checksums(app, logged_in, session, case, lawyer):
    terminated = record_event(session, case, {"type": "investigation_terminated", "at": "2024-06-05", "source": "s",
                                              "fields": {"ground": "cpc_35_1_unstated"}}, user=lawyer)
    record_event(session, case, {"type": "decision_served", "at": "2024-06-07", "source": "letter of 7 June",
                                 "fields": {"decision": terminated.uid}}, user=lawyer)
    vault = Vault.from_config(app.config["FILES_DIR"], app.config["FILE_KEY"])
    evidence = store(session, vault, case, filename="../../etc/Заключение.pdf", data=PDF, description=None,
                     user=lawyer, max_size=1024)
    session.commit()
    response = logged_in.get(f"/cases/{case.reference}/dossier.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert f"{case.reference}-dossier-" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    evidence_name = f"files/{evidence.id:06d}-Заключение.pdf"
    assert names == {"case.json", "summary.html", "README.txt", "SHA256SUMS", evidence_name}
    assert archive.read(evidence_name) == PDF
    document = parse_document(json.loads(archive.read("case.json")))
    assert [c.reference for c in document.cases] == [case.reference] and len(document.cases[0].events) == 2
    summary = archive.read("summary.html").decode()
    assert "Decision served Fri 7 Jun 2024; 15 days" in summary and "letter of 7 June" in summary
    for line in archive.read("SHA256SUMS").decode().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    audit = session.scalar(select(AuditEntry).where(AuditEntry.object_type == "Dossier"))
    assert audit.action == "export" and audit.details == {"files": 1, "left_out": []}


def test_a_file_failing_its_integrity_check_is_named_not_hidden(app, logged_in, session, case, lawyer):
    vault = Vault.from_config(app.config["FILES_DIR"], app.config["FILE_KEY"])
    evidence = store(session, vault, case, filename="photo.pdf", data=PDF, description=None, user=lawyer,
                     max_size=1024)
    session.commit()
    path = vault.directory / evidence.storage_key
    stored = path.read_bytes()
    path.write_bytes(stored[:-1] + bytes([stored[-1] ^ 0x01]))  # one bit flipped, whatever the byte was
    archive = zipfile.ZipFile(io.BytesIO(logged_in.get(f"/cases/{case.reference}/dossier.zip").data))
    assert not any(n.startswith("files/") for n in archive.namelist())
    assert "failed their integrity check" in archive.read("README.txt").decode()
    assert "- photo.pdf" in archive.read("README.txt").decode()


def test_names_inside_the_archive_cannot_climb_out_of_files():
    from app.services.dossier import _safe_name

    assert _safe_name(7, "../a/b:c.pdf") == "files/000007-_a_b_c.pdf"
    assert _safe_name(8, "..") == "files/000008-file"
