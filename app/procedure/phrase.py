"""Sentences the domain writes for people, kept as a message and its values so that each
reader gets them in their own language.

A :class:`Phrase` is a string, its English wording, so code and tests can read it as text;
it also keeps its *message* (an English template with named placeholders, ``%(day)s``,
which is the message id of the interface's catalogs) and the *values* to put in, as data:
days, moments, terms, skipped days, domain labels, nested phrases. :meth:`Phrase.say` words
them with a :class:`Wording`: :data:`ENGLISH` here, the interface's language in the app
(app/wording.py). Phrases round-trip through JSON so they can be stored with a deadline or
a flag and said later in whichever language the reader chose.

Plain Python: no Flask, no Babel (the interface provides them through a Wording).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from app.procedure.calendar import END_OF_DAY, Skipped, Term, Unit


class Wording(Protocol):
    """How a language says the parts of a phrase."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, number: int) -> str: ...

    def day(self, day: date, *, year: bool = True) -> str: ...  # "Fri 7 Jun 2024"

    def month(self, day: date) -> str: ...  # "June 2024"

    def weekday(self, day: date) -> str: ...  # "Saturday"


class English:
    """The domain's own words: the message ids themselves."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return singular if number == 1 else plural

    def day(self, day: date, *, year: bool = True) -> str:
        text = f"{day:%a} {day.day} {day:%b}"
        return f"{text} {day.year}" if year else text

    def month(self, day: date) -> str:
        return f"{day:%B %Y}"

    def weekday(self, day: date) -> str:
        return f"{day:%A}"


ENGLISH = English()


# --- values that are worded when said --------------------------------------------------------
@dataclass(frozen=True)
class Day:
    """A day: 'Fri 7 Jun 2024', or 'Fri 7 Jun' without the year."""

    day: date
    year: bool = True


@dataclass(frozen=True)
class Moment:
    """A due moment: 'Mon 24 Jun 2024, 24:00' at a day's end, else the minute ('…, 10:30').
    ``exact`` says the minute even at a day's end (hour terms)."""

    at: datetime
    exact: bool = False


@dataclass(frozen=True)
class Month:
    """A month and its year: 'June 2024'."""

    day: date


@dataclass(frozen=True)
class Label:
    """Domain text the catalogs translate (an event type's label, a holiday's name)."""

    text: str


@dataclass(frozen=True)
class Days:
    """Non-working days skipped, with why: 'Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday)'."""

    skipped: tuple[Skipped, ...]


class Phrase(str):
    """A sentence as its English text, that can be said in another language (see module)."""

    message: str
    values: Mapping[str, Value]

    def __new__(cls, message: str, **values: Value) -> Phrase:
        phrase = super().__new__(cls, _say(message, values, ENGLISH))
        phrase.message = message
        phrase.values = values
        return phrase

    def say(self, wording: Wording = ENGLISH) -> str:
        return _say(self.message, self.values, wording)

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "values": {k: _encode(v) for k, v in self.values.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Phrase:
        return cls(data["message"], **{k: _decode(v) for k, v in data.get("values", {}).items()})

    def __reduce__(self):  # pickled as its JSON: phrases cross process boundaries in recomputes
        return (Phrase.from_json, (self.to_json(),))


Value = str | int | float | Day | Moment | Month | Label | Days | Term | Phrase | None


def say(text: str | Mapping[str, Any] | None, wording: Wording = ENGLISH) -> str:
    """Any stored form of a sentence, said with ``wording``: a Phrase, its JSON, or plain text
    (a fixed message the catalogs may know, or text stored before phrases were kept)."""
    if text is None:
        return ""
    if isinstance(text, Phrase):
        return text.say(wording)
    if isinstance(text, Mapping):
        return Phrase.from_json(text).say(wording)
    return wording.gettext(str(text)) if text else ""


def _say(message: str, values: Mapping[str, Value], wording: Wording) -> str:
    template = wording.gettext(message)
    if not values:
        return template
    return template % {name: word(value, wording) for name, value in values.items()}


def word(value: Value, wording: Wording) -> str:
    """One value in words (looked up by type: a recompute says tens of thousands of them)."""
    if value is None:
        return ""
    if isinstance(value, Phrase):
        # A phrase's English is the string itself, already worded when it was made.
        return str.__str__(value) if wording is ENGLISH else value.say(wording)
    worder = _WORDERS.get(type(value))
    return worder(value, wording) if worder else str(value)


def _moment(value: Moment, wording: Wording) -> str:
    clock = "24:00" if value.at.time() == END_OF_DAY and not value.exact else f"{value.at:%H:%M}"
    return f"{wording.day(value.at.date())}, {clock}"


_WORDERS: dict[type, Any] = {
    Day: lambda v, w: w.day(v.day, year=v.year),
    Moment: _moment,
    Month: lambda v, w: w.month(v.day),
    Label: lambda v, w: w.gettext(v.text),
    Days: lambda v, w: _days(v.skipped, w),
    Term: lambda v, w: term_words(v, w),
}


def plural_message(singular: str, plural: str) -> tuple[str, str]:
    """A message with a plural, marked for the catalogs' extraction (keyword plural_message)."""
    return singular, plural


_UNITS = {
    Unit.HOURS: plural_message("%(num)d hour", "%(num)d hours"),
    Unit.DAYS: plural_message("%(num)d day", "%(num)d days"),
    Unit.MONTHS: plural_message("%(num)d month", "%(num)d months"),
    Unit.YEARS: plural_message("%(num)d year", "%(num)d years"),
}


def term_words(term: Term, wording: Wording) -> str:
    """'15 days', '1 month', '48 hours' in the wording's language and plural."""
    singular, plural = _UNITS[term.unit]
    return wording.ngettext(singular, plural, term.amount) % {"num": term.amount}


# Transferred days off and observed holidays, as the holidays package names them.
_TRANSFERRED = "Day off (substituted from "
_OBSERVED = " (observed)"


def _days(skipped: tuple[Skipped, ...], wording: Wording) -> str:
    items = [f"{wording.day(s.day, year=False)} ({reason_words(s, wording)})" for s in skipped]
    if len(items) == 1:
        return items[0]
    return Phrase("%(days)s and %(last)s", days=", ".join(items[:-1]), last=items[-1]).say(wording)


def reason_words(skipped: Skipped, wording: Wording) -> str:
    """Why a day is not a working day: its weekday, or its holidays (the package writes a
    transferred day off with an American date: 'Day off (substituted from 05/04/2024)')."""
    if skipped.reason == skipped.day.strftime("%A"):
        return wording.weekday(skipped.day)
    return "; ".join(_one_reason(part, wording) for part in skipped.reason.split("; "))


def _one_reason(name: str, wording: Wording) -> str:
    if name.startswith(_TRANSFERRED) and name.endswith(")"):
        try:
            month, day, year = (int(part) for part in name[len(_TRANSFERRED):-1].split("/"))
            return Phrase("day off transferred from %(day)s", day=Day(date(year, month, day))).say(wording)
        except ValueError:
            return name
    if name.endswith(_OBSERVED):
        return Phrase("day off for %(holiday)s", holiday=Label(name.removesuffix(_OBSERVED))).say(wording)
    return wording.gettext(name)


# --- JSON ------------------------------------------------------------------------------------
def _encode(value: Value) -> Any:
    if isinstance(value, Phrase):
        return {"phrase": value.to_json()}
    encoder = _ENCODERS.get(type(value))
    return encoder(value) if encoder else value


_ENCODERS: dict[type, Any] = {
    Day: lambda v: {"day": v.day.isoformat(), "year": v.year},
    Moment: lambda v: {"moment": v.at.isoformat(), "exact": v.exact},
    Month: lambda v: {"month": v.day.isoformat()},
    Label: lambda v: {"label": v.text},
    Days: lambda v: {"skipped": [[s.day.isoformat(), s.reason] for s in v.skipped]},
    Term: lambda v: {"term": [v.amount, v.unit.value, v.movable]},
}


def _decode(value: Any) -> Value:
    if not isinstance(value, dict):
        return value
    if "phrase" in value:
        return Phrase.from_json(value["phrase"])
    if "day" in value:
        return Day(date.fromisoformat(value["day"]), value.get("year", True))
    if "moment" in value:
        return Moment(datetime.fromisoformat(value["moment"]), value.get("exact", False))
    if "month" in value:
        return Month(date.fromisoformat(value["month"]))
    if "label" in value:
        return Label(value["label"])
    if "skipped" in value:
        return Days(tuple(Skipped(date.fromisoformat(d), reason) for d, reason in value["skipped"]))
    if "term" in value:
        amount, unit, movable = value["term"]
        return Term(amount, Unit(unit), movable)
    raise ValueError(f"not a phrase value: {value!r}")
