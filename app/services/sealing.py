"""Fields too sensitive to keep in clear, sealed with the files key (AES-256-GCM).

A victim's or a witness's address and telephone are sealed the way evidence files are: a stolen
database or backup says nothing of them without the key, which is kept apart (QORGAU_FILE_KEY). The
field's identity (table, row, column) is the associated data, so a sealed value copied onto another
row does not open.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app


class Unreadable(Exception):
    """The sealed value was altered, moved to another row, or the key is wrong."""


def _key() -> bytes:
    return base64.urlsafe_b64decode(current_app.config["FILE_KEY"])


def seal(value: dict[str, Any], context: str) -> str:
    """``value`` as JSON, encrypted; ``context`` names the field, e.g. "people:12:contact"."""
    nonce = os.urandom(12)
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    return base64.b64encode(nonce + AESGCM(_key()).encrypt(nonce, plain, context.encode())).decode()


def unseal(sealed: str | None, context: str) -> dict[str, Any]:
    if not sealed:
        return {}
    blob = base64.b64decode(sealed)
    try:
        return json.loads(AESGCM(_key()).decrypt(blob[:12], blob[12:], context.encode()))
    except InvalidTag:
        raise Unreadable(f"{context}: the sealed value was altered or the key is wrong") from None
