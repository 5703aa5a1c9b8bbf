"""Storing evidence files: type checked by content, SHA-256 kept, AES-GCM encrypted at rest.

Files live under FILES_DIR (outside static/), named by a random key, each as a 12-byte
nonce followed by the AES-256-GCM ciphertext. The key comes from QORGAU_FILE_KEY (32 bytes,
base64); GCM's tag makes any tampering fail the decryption, and the stored SHA-256 is
checked again on every download.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import secrets
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import filetype
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.i18n import N_
from app.models import Case, EvidenceFile, User
from app.procedure.vocabulary import clean_text, message_of
from app.services.errors import Invalid

ALLOWED = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"}
DOCX_MAX_UNPACKED = 200 * 1024 * 1024  # a zip bomb disguised as a document stops here
DOCX_MAX_RATIO = 100


class IntegrityFailure(Exception):
    """A stored file no longer matches what was uploaded."""


@dataclass(frozen=True)
class Vault:
    directory: Path
    key: bytes

    @classmethod
    def from_config(cls, directory: str | Path, key_b64: str) -> Vault:
        key = base64.urlsafe_b64decode(key_b64)
        if len(key) != 32:
            raise ValueError("QORGAU_FILE_KEY must be 32 bytes, base64-encoded")
        return cls(Path(directory), key)

    def write(self, storage_key: str, data: bytes) -> None:
        nonce = os.urandom(12)
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / storage_key
        path.write_bytes(nonce + AESGCM(self.key).encrypt(nonce, data, storage_key.encode()))
        path.chmod(0o600)

    def read(self, storage_key: str) -> bytes:
        blob = (self.directory / storage_key).read_bytes()
        try:
            return AESGCM(self.key).decrypt(blob[:12], blob[12:], storage_key.encode())
        except InvalidTag:
            raise IntegrityFailure(f"{storage_key}: the encrypted file was altered or the key is wrong") from None


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def detect_type(data: bytes) -> str:
    """The file's type from its content; raises Invalid for anything not allowed."""
    kind = filetype.guess(data)
    mime = kind.mime if kind else None
    if mime == "application/zip" or (data[:4] == b"PK\x03\x04" and mime != ALLOWED):
        mime = _docx_or_none(data)
    if mime not in ALLOWED:
        raise Invalid({"file": _("only PDF, PNG, JPEG and Word (DOCX) files are accepted; this one is %(kind)s",
                                 kind=mime or _("of an unknown type"))})
    return mime


def _docx_or_none(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return None
    if unpacked > DOCX_MAX_UNPACKED or unpacked > DOCX_MAX_RATIO * max(len(data), 1):
        raise Invalid({"file": _("this archive unpacks to far more than its size (a zip bomb?): refused")})
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None


_SAFE_NAME = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def store(session: Session, vault: Vault, case: Case, *, filename: str, data: bytes, description: str | None,
          user: User | None, max_size: int) -> EvidenceFile:
    errors = {}
    if not data:
        errors["file"] = _("the file is empty")
    elif len(data) > max_size:
        errors["file"] = _("the file is %(size)s bytes; the limit is %(limit)s",
                           size=f"{len(data):,}", limit=f"{max_size:,}")
    try:
        description = clean_text(description or "", 2000) or None
    except ValueError as exc:
        errors["description"] = message_of(exc)
    if errors:
        raise Invalid(errors)
    content_type = detect_type(data)
    name = _SAFE_NAME.sub("_", Path(filename or "file").name)[:200] or "file"
    record = EvidenceFile(case_id=case.id, original_name=name, description=description, content_type=content_type,
                          size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                          storage_key=secrets.token_hex(16), uploaded_by_id=user.id if user else None)
    vault.write(record.storage_key, data)
    session.add(record)
    session.flush()
    return record


def load(vault: Vault, record: EvidenceFile) -> bytes:
    data = vault.read(record.storage_key)
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise IntegrityFailure(f"file {record.id}: SHA-256 differs from the one recorded at upload")
    return data


def archive(session: Session, record: EvidenceFile) -> None:
    """Files are never deleted: archived ones leave the case page but stay stored and audited."""
    record.archived_at = datetime.now(UTC)
    session.flush()


def case_files(session: Session, case: Case) -> list[EvidenceFile]:
    return list(session.scalars(select(EvidenceFile).where(EvidenceFile.case_id == case.id,
                                                           EvidenceFile.archived_at.is_(None))
                                .options(joinedload(EvidenceFile.uploaded_by)).order_by(EvidenceFile.uploaded_at)))


FILE_LANGUAGES = (("ru", N_("Russian")), ("kk", N_("Kazakh")), ("en", N_("English")),
                  ("other", N_("Another language")))
TRANSLATIONS = (("none", N_("No translation needed")), ("attached", N_("Translation attached")),
                ("needed", N_("Translation still needed")))


def describe(session: Session, case: Case, record: EvidenceFile, *, description: str | None, event_uid: str | None,
             language: str | None, translation: str | None) -> EvidenceFile:
    """What a file is for a communication's annexes: what it documents (an event of the case), its language and
    whether a translation is attached. Several files may document one event."""
    errors: dict[str, str] = {}
    try:
        record.description = clean_text(description or "", 2000) or None
    except ValueError as exc:
        errors["description"] = message_of(exc)
    event = None
    if event_uid:
        event = next((e for e in case.timeline if e.uid == event_uid), None)
        if event is None:
            errors["event"] = _("choose an event of this case")
    if language and language not in dict(FILE_LANGUAGES):
        errors["language"] = _("choose a language from the list")
    if translation and translation not in dict(TRANSLATIONS):
        errors["translation"] = _("choose from the list")
    if errors:
        raise Invalid(errors)
    record.event_id = event.id if event else None
    record.language, record.translation = language or None, translation or None
    session.flush()
    return record
