"""Creating users and checking their logins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Role, User
from app.procedure.vocabulary import clean_text, message_of, shown
from app.services.errors import Invalid
from app.services.passwords import hash_password, needs_rehash, password_problems, verify_password


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid({"email": str(exc)}) from None


def create_user(session: Session, *, email: str, full_name: str, role: Role | str,
                password: str) -> User:
    email = normalise_email(email)
    errors: dict[str, str] = {}
    if session.scalar(select(User.id).where(func.lower(User.email) == email)):
        errors["email"] = _("a user with this e-mail already exists")
    try:
        full_name = clean_text(full_name or "", 200)
    except ValueError as exc:
        errors["full_name"] = message_of(exc)
    else:
        if not full_name:
            errors["full_name"] = _("is required")
    if role not in {r.value for r in Role}:
        errors["role"] = _("%(role)s is not a role", role=shown(role))
    if problems := password_problems(password, email=email):
        errors["password"] = "; ".join(problems)
    if errors:
        raise Invalid(errors)
    user = User(email=email, full_name=full_name, role=Role(role),
                password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


class LockedOut(Exception):
    """Too many failed attempts: the account refuses logins until ``until``."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


def authenticate(session: Session, email: str, password: str, *, max_failures: int = 5,
                 lockout: timedelta = timedelta(minutes=15), now: datetime | None = None) -> User | None:
    """The active user with these credentials, or None.

    Consecutive failures lock the account for ``lockout`` after ``max_failures`` (even the
    right password is refused meanwhile, so guessing cannot continue); a success resets the
    count and upgrades an old hash. The caller commits, so failures are counted.
    """
    now = now or datetime.now(UTC)
    try:
        email = normalise_email(email)
    except Invalid:
        return None
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        verify_password(hash_password("not a password"), password)  # same time as a real check
        return None
    if user.locked_until is not None and _aware(user.locked_until) > now:
        raise LockedOut(_aware(user.locked_until))
    if not verify_password(user.password_hash, password) or not user.active:
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= max_failures:
            user.locked_until = now + lockout
            user.failed_logins = 0
        return None
    user.failed_logins = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive timestamps; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def update_representative(session: Session, user: User, *, bar: str | None, organisation: str | None,
                          postal_address: str | None) -> User:
    """The lawyer's bar membership, organisation and postal address, as a communication names its representative."""
    errors: dict[str, str] = {}
    values: dict[str, str | None] = {}
    for name, value, limit in (("bar", bar, 300), ("organisation", organisation, 300),
                               ("postal_address", postal_address, 1000)):
        try:
            values[name] = clean_text(value or "", limit) or None
        except ValueError as exc:
            errors[name] = message_of(exc)
    if errors:
        raise Invalid(errors)
    for name, value in values.items():
        setattr(user, name, value)
    session.flush()
    return user
