"""Domain exceptions the views and the CLI turn into messages a user can act on."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


class ServiceError(Exception):
    """Base class: something the user asked cannot be done as asked."""


class Invalid(ServiceError):
    """Input failed validation; ``errors`` maps a field to its message: translated text, or a
    Phrase of the domain (app.procedure.phrase) that the page says in the reader's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Conflict(ServiceError):
    """Someone else changed the record since it was read."""


CONFLICT = _l("Someone else changed this record while you were editing it; nothing of yours was saved over "
              "theirs. Reload the page to see their changes, then apply yours again.")


class NotFound(ServiceError):
    """A record the user named does not exist."""
