"""The one order of a timeline (DOMAIN.md §8), for the pages, the dossier, the drafts and the engine.

Dates decide where they can: an event whose every possible moment comes before another's
first possible moment comes first. Where dates overlap (a month and a day in it, two events
of the same day or minute), a reference decides (an appeal after the decision it is against,
a service after the decision served), and otherwise the lawyer's order in the record does.
The lawyer's order is the order the items are given in; the lawyer can change it among
events whose dates overlap, never against the dates.

Plain Python: works on facts and stored events alike through three small accessors.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from app.procedure.when import When

T = TypeVar("T")


def overlap(a: When, b: When) -> bool:
    """Whether the two dates can be in either order: neither ends before the other starts."""
    return not (a.latest() < b.start or b.latest() < a.start)


def chronological(items: Sequence[T], *, when: Callable[[T], When], key: Callable[[T], Hashable],
                  refs: Callable[[T], Iterable[Hashable]]) -> list[T]:
    """``items`` (given in the lawyer's order) in the timeline's order.

    Each item, taken in the lawyer's order, goes as late as it can: after everything placed
    that must come before it (by date, or by reference where the dates overlap) and just
    before the first placed item that must come after it. Items the dates and references
    leave free so keep the lawyer's order; should references contradict each other (a loop),
    what must come before wins.
    """
    if len(items) < 2:
        return list(items)
    before = _constraints(items, [when(item) for item in items], key, refs)
    placed: list[int] = []
    for i in range(len(items)):
        last_before = max((n for n, j in enumerate(placed) if j in before[i]), default=-1)
        first_after = next((n for n, j in enumerate(placed) if i in before[j]), len(placed))
        placed.insert(first_after if last_before < first_after else last_before + 1, i)
    return [items[i] for i in placed]


def _constraints(items: Sequence[T], dates: list[When], key: Callable[[T], Hashable],
                 refs: Callable[[T], Iterable[Hashable]]) -> list[set[int]]:
    """For each item, the items that must come before it: by date, or by reference where the
    dates overlap."""
    spans = [(d.start, d.latest()) for d in dates]
    position = {key(item): index for index, item in enumerate(items)}
    before: list[set[int]] = []
    for i, (start, end) in enumerate(spans):
        earlier = {j for j, (_, other_end) in enumerate(spans) if other_end < start}
        for ref in refs(items[i]):
            j = position.get(ref)
            if j is not None and j != i and not (spans[j][1] < start or end < spans[j][0]):
                earlier.add(j)
        before.append(earlier)
    return before


def movable_neighbour(ordered: Sequence[T], index: int, step: int, *, when: Callable[[T], When]) -> int | None:
    """The index of the event ``step`` places away (-1 up, +1 down) that the event at ``index``
    may change places with: the next one, when their dates overlap; else None."""
    other = index + step
    if not 0 <= other < len(ordered):
        return None
    return other if overlap(when(ordered[index]), when(ordered[other])) else None
