"""The domain's phrases said in the interface's language (Flask-Babel's catalogs and CLDR
dates): the Wording of app.procedure.phrase for the request being served."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime, get_translations, gettext

from app.procedure.phrase import say


class InterfaceWording:
    """Words of the current request's language; outside a request, the default language."""

    def gettext(self, message: str) -> str:
        return gettext(message) if message else message

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        """The catalog's form for ``number`` with its placeholders unfilled (the phrase fills
        them; Flask-Babel's own ngettext would fill them here)."""
        return get_translations().ngettext(singular, plural, number)

    def day(self, day: date, *, year: bool = True) -> str:
        return format_date(day, "EEE d MMM y" if year else "EEE d MMM")

    def month(self, day: date) -> str:
        return format_date(day, "LLLL y")

    def weekday(self, day: date) -> str:
        return format_date(day, "EEEE")


WORDING = InterfaceWording()


def said(text: str | Mapping[str, Any] | None) -> str:
    """A stored or fresh phrase (or plain text) in the interface's language."""
    return say(text, WORDING)


DAY_PATTERN = "EEE dd MMM y"  # "Fri 07 Jun 2024", "пт 07 июн. 2024 г."


def day(value: date | datetime | None) -> str:
    """A day as the interface's language writes it."""
    if value is None:
        return ""
    return format_date(value.date() if isinstance(value, datetime) else value, DAY_PATTERN)


def due_text(moment: datetime | None, *, in_hours: bool = False) -> str:
    """A due moment as a lawyer writes it: the day for day terms, the minute for hour terms
    (even one that ends at 23:59)."""
    if moment is None:
        return gettext("cannot be computed")
    if not in_hours and (moment.hour, moment.minute) == (23, 59):
        return day(moment)
    return format_datetime(moment, DAY_PATTERN + " HH:mm", rebase=False)
