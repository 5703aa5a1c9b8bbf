"""A Babel extractor for the text the plain-Python domain writes in English.

Rule titles, legal bases, event types, their fields and choices, stages and the names of
Kazakh public holidays are data, not calls to ``gettext``: the domain stays free of Flask
and of the interface language. ``pybabel extract`` (babel.cfg) calls :func:`extract` to put
them in the catalog; the pages translate them where they show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Extracted = tuple[int, str | None, str, list[str]]


def domain_texts() -> dict[str, str]:
    """Every domain text shown to users → a comment telling translators where it comes from."""
    texts: dict[str, str] = {}
    for text, where in (*_vocabulary_texts(), *_law_texts(), *((h, "Kazakh public holiday") for h in holiday_names())):
        if text and text not in texts:
            texts[text] = where
    return texts


def _vocabulary_texts() -> Iterator[tuple[str, str]]:
    from app.procedure import stage, vocabulary

    for name, value in vars(vocabulary).items():
        if isinstance(value, tuple) and value and all(isinstance(c, vocabulary.Choice) for c in value):
            yield from ((choice.label, f"choice list {name}") for choice in value)
    for event_type in vocabulary.EVENT_TYPES:
        yield event_type.label, f"event type {event_type.name}"
        for spec in event_type.fields:
            where = f"{event_type.name}.{spec.name}"
            yield spec.label, f"field {where}"
            yield spec.hint, f"hint of field {where}"
            yield from ((choice.label, f"choice of field {where}") for choice in spec.choices)
    yield from ((family, "event family") for family in vocabulary.FAMILIES)
    yield from ((c.title, f"vocabulary {c.name}") for c in vocabulary.CONTROLLED_VOCABULARIES)
    yield from ((name, "stage of a case") for name in stage.STAGES)


def _law_texts() -> Iterator[tuple[str, str]]:
    from app.procedure import law
    from app.procedure.explain import COUNTING_BASIS
    from app.procedure.results import BASIS_WORDS, STATUS_WORDS, Severity

    yield from ((severity.value, "severity of a red flag") for severity in Severity)
    yield from ((words, f"status of a deadline: {status}") for status, words in STATUS_WORDS.items())
    yield from ((words, f"what a red flag rests on: {basis}") for basis, words in BASIS_WORDS.items())
    for rule in law.RULES:
        yield rule.title, f"title of rule {rule.id}"
        yield rule.raised_when, f"when rule {rule.id} applies"
        yield rule.basis, f"legal basis of rule {rule.id}"
        yield rule.sources, f"practice sources of rule {rule.id}"
    yield from ((term.basis, f"legal basis of term {term.name}") for term in law.TERMS.values())
    yield COUNTING_BASIS, "legal basis of counting time"


def holiday_names() -> list[str]:
    """The names the ``holidays`` package gives Kazakh public holidays, in English."""
    import holidays

    names: set[str] = set()
    for name in holidays.country_holidays("KZ", years=range(2000, 2041), language="en_US").values():
        names.update(name.split("; "))
    return sorted(n for n in names if not n.startswith("Day off (substituted"))


def extract(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Babel's extractor protocol: (line, function, message, comments) for each text; the
    module's own code is read as Python too (its validation messages are Phrases)."""
    from babel.messages.extract import extract_python

    for text, where in domain_texts().items():
        yield 0, None, text, [where]
    yield from extract_python(fileobj, keywords, comment_tags, options)
