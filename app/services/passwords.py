"""Password hashing with Argon2id (argon2-cffi's defaults follow RFC 9106)."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _

_hasher = PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)
MIN_LENGTH = 12


def use_profile(name: str) -> None:
    """Choose the Argon2id cost profile (argon2.profiles); tests use the cheapest one."""
    global _hasher  # noqa: PLW0603 - one hasher per process, chosen at start-up
    _hasher = PasswordHasher.from_parameters(getattr(profiles, name))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def password_problems(password: str, *, email: str = "") -> list[str]:
    """Why a password is not acceptable; empty when it is."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(_("must be at least %(num)d characters long", num=MIN_LENGTH))
    local = email.split("@")[0].lower() if email else ""
    if len(local) >= 4 and local in password.lower():
        problems.append(_("must not contain your e-mail name"))
    if len(set(password)) < 5:
        problems.append(_("must use at least %(num)d different characters", num=5))
    return problems
