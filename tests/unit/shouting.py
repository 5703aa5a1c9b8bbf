"""A test language for phrases: English in capitals, remembering every message it was asked."""

from __future__ import annotations

import re

from app.procedure.phrase import English, Phrase

PLACEHOLDER = re.compile(r"(%\(\w+\)[sd])")


def messages(phrase: Phrase) -> set[str]:
    """The message of a phrase and of every phrase nested in its values."""
    nested = set().union(*(messages(v) for v in phrase.values.values() if isinstance(v, Phrase)))
    return {phrase.message} | nested


class Shouting(English):
    """A language that is English in capitals (placeholders kept), remembering what it was asked."""

    def __init__(self) -> None:
        self.asked: set[str] = set()

    def gettext(self, message: str) -> str:
        self.asked.add(message)
        return "".join(part if PLACEHOLDER.fullmatch(part) else part.upper() for part in PLACEHOLDER.split(message))

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return self.gettext(super().ngettext(singular, plural, number))
