"""The engine's view of a case: its facts and its timeline, free of any storage.

The app builds a CaseFile from the database (refs are event ids); the evaluate command
builds one from an interchange file (refs are indexes in the file).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.procedure.chronology import chronological
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME
from app.procedure.when import Precision, When


@dataclass(frozen=True, eq=False)
class Fact:
    """One timeline event. EVENT fields hold the ``ref`` of the event they point at.

    Compared and hashed by identity: two events with the same content are two events."""

    ref: Hashable
    type: str
    when: When
    body: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def references(self) -> list[Hashable]:
        """The refs of the events this one points at (the decision appealed, the one served…)."""
        event_type = EVENT_TYPES_BY_NAME.get(self.type)
        if event_type is None:
            return []
        return [self.fields[name] for name in event_type.reference_fields() if self.fields.get(name) is not None]


@dataclass(frozen=True)
class CaseFile:
    events: tuple[Fact, ...]
    victim_flags: frozenset[str] = frozenset()
    perpetrator_agency: str | None = None
    place_type: str | None = None

    @classmethod
    def build(cls, events: Iterable[Fact], **facts: Any) -> CaseFile:
        """Events given in the lawyer's order, put in the timeline's order
        (app.procedure.chronology), as every page shows them."""
        ordered = chronological(list(events), when=lambda e: e.when, key=lambda e: e.ref,
                                refs=Fact.references)
        flags = frozenset(facts.pop("victim_flags", ()) or ())
        return cls(events=tuple(ordered), victim_flags=flags, **facts)

    @property
    def minor(self) -> bool:
        return "minor" in self.victim_flags

    def of_type(self, *types: str) -> list[Fact]:
        return [e for e in self.events if e.type in types]

    def after(self, event: Fact, *types: str) -> Iterator[Fact]:
        """Events of these types that may have happened after ``event``, in timeline order.

        Besides the events listed after it, that includes an event listed before it whose
        date cannot put it first: a coarser date whose period reaches past the event's start
        (an appeal of "2022" may well answer a decision of "2022-05"), or the same day when
        neither has a time (a registration and a complaint both "2021-01-18").
        """
        position = self.events.index(event)
        for index, other in enumerate(self.events):
            if other is event or other.type not in types:
                continue
            coarser = other.when.precision < event.when.precision and other.when.latest() >= event.when.start
            same_period = other.when == event.when and other.when.precision < Precision.MINUTE
            if index > position or coarser or same_period:
                yield other

    def first_after(self, event: Fact, *types: str) -> Fact | None:
        return next(self.after(event, *types), None)

    def before(self, event: Fact, *types: str) -> list[Fact]:
        position = self.events.index(event)
        return [e for e in self.events[:position] if e.type in types]

    def by_ref(self, ref: Hashable) -> Fact | None:
        return next((e for e in self.events if e.ref == ref), None)

    @property
    def last(self) -> Fact | None:
        return self.events[-1] if self.events else None
