"""Evidence files: type by content, size limit, encrypted at rest, checked on every download."""

import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import AuditEntry, EvidenceFile
from tests.integration.conftest import row_counts

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def docx_bytes() -> bytes:
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Forensic report")
    document.save(out)
    return out.getvalue()


def upload(client, case, data: bytes, name: str, description: str = "medical report"):
    return client.post(f"/cases/{case.reference}/files", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), name), "description": description})


@pytest.mark.parametrize(("data", "name", "mime"), [
    (PDF, "report.pdf", "application/pdf"), (PNG, "photo.png", "image/png"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "photo.jpg", "image/jpeg"),
    (None, "decision.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_an_upload_is_stored_encrypted_and_comes_back_byte_for_byte(app, logged_in, session, case, data, name, mime):
    data = data or docx_bytes()
    response = upload(logged_in, case, data, name)
    assert response.status_code == 302
    record = session.scalar(select(EvidenceFile))
    assert (record.content_type, record.size, record.original_name) == (mime, len(data), name)
    stored = (Path(app.config["FILES_DIR"]) / record.storage_key).read_bytes()
    assert data not in stored and len(stored) == len(data) + 12 + 16  # nonce + ciphertext + tag
    download = logged_in.get(f"/cases/{case.reference}/files/{record.id}")
    assert download.status_code == 200 and download.data == data
    assert download.mimetype == mime and "attachment" in download.headers["Content-Disposition"]
    assert [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.object_type == "EvidenceFile")
                                              .order_by(AuditEntry.id))] == ["create", "download"]


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"#!/bin/sh\nrm -rf /\n", "report.pdf", "only PDF, PNG, JPEG and Word (DOCX) files are accepted"),
    (b"<html><script>alert(1)</script></html>", "photo.png", "only PDF, PNG, JPEG and Word"),
    (b"MZ\x90\x00" + b"\x00" * 60, "decision.docx", "only PDF, PNG, JPEG and Word"),
    (b"", "empty.pdf", "the file is empty"),
])
def test_a_file_is_judged_by_its_content_not_its_name(logged_in, session, case, data, name, message):
    before = row_counts(session)
    response = upload(logged_in, case, data, name)
    assert response.status_code == 302
    assert message in logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert session.scalar(select(EvidenceFile)) is None and row_counts(session) == before


def test_a_zip_bomb_disguised_as_a_document_is_refused(logged_in, session, case):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (30 * 1024 * 1024))
    upload(logged_in, case, out.getvalue(), "bomb.docx")
    assert "a zip bomb?" in logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert session.scalar(select(EvidenceFile)) is None


def test_an_upload_over_the_limit_is_refused(app, logged_in, session, case, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 1000)
    response = upload(logged_in, case, PDF + b"0" * 2000, "big.pdf")
    assert response.status_code == 302
    assert "the limit is 1,000" in logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    huge = upload(logged_in, case, PDF + b"0" * 200_000, "huge.pdf")
    assert huge.status_code == 413
    assert session.scalar(select(EvidenceFile)) is None


def test_a_tampered_file_is_not_served(app, logged_in, session, case):
    upload(logged_in, case, PDF, "report.pdf")
    record = session.scalar(select(EvidenceFile))
    path = Path(app.config["FILES_DIR"]) / record.storage_key
    blob = bytearray(path.read_bytes())
    blob[20] ^= 0xFF
    path.write_bytes(bytes(blob))
    response = logged_in.get(f"/cases/{case.reference}/files/{record.id}")
    assert response.status_code == 409
    assert "failed its integrity check" in response.get_data(as_text=True)
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "integrity-failure")) is not None


def test_a_changed_checksum_is_caught_too(logged_in, session, case):
    upload(logged_in, case, PDF, "report.pdf")
    record = session.scalar(select(EvidenceFile))
    record.sha256 = "0" * 64
    session.commit()
    assert logged_in.get(f"/cases/{case.reference}/files/{record.id}").status_code == 409


def test_archiving_keeps_the_file(app, logged_in, session, case):
    upload(logged_in, case, PDF, "report.pdf")
    record = session.scalar(select(EvidenceFile))
    assert logged_in.post(f"/cases/{case.reference}/files/{record.id}/archive").status_code == 302
    session.refresh(record)
    assert record.archived_at is not None
    assert "report.pdf" not in logged_in.get(f"/cases/{case.reference}").get_data(as_text=True).split('id="files"')[1] \
        .split("</section>")[0]
    assert (Path(app.config["FILES_DIR"]) / record.storage_key).exists()


def test_files_are_outside_static(app):
    assert not Path(app.config["FILES_DIR"]).resolve().is_relative_to(Path(app.static_folder).resolve())


def test_a_file_larger_than_a_form_is_accepted_with_csrf_on(app, logged_in, session, case, monkeypatch):
    """The body limit of the upload route is raised before the CSRF check reads the form."""
    import re

    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    big = PDF + b"0" * (3 * 1024 * 1024)
    assert len(big) > app.config["MAX_CONTENT_LENGTH"]
    refused = logged_in.post(f"/cases/{case.reference}/files", data={"file": (io.BytesIO(big), "scan.pdf")},
                             content_type="multipart/form-data")
    assert refused.status_code == 400 and session.scalar(select(EvidenceFile)) is None  # no token
    response = logged_in.post(f"/cases/{case.reference}/files",
                              data={"file": (io.BytesIO(big), "scan.pdf"), "csrf_token": token},
                              content_type="multipart/form-data")
    assert response.status_code == 302
    assert session.scalar(select(EvidenceFile)).size == len(big)
    too_big = logged_in.post(f"/cases/{case.reference}/events/new?type=incident",
                             data={"notes": "x" * (3 * 1024 * 1024), "csrf_token": token})
    assert too_big.status_code == 413, "other forms keep the site's limit"
