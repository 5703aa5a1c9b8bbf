"""What a communication is built from and what it is built into: plain data, no Flask, no database.

Text conventions of the narrative sections (a lawyer edits them as plain text): paragraphs are separated
by a blank line; ``[[source]]`` puts a footnote where it stands; ``[? question ?]`` is a question for
counsel, printed highlighted in square brackets, never a statement to a committee; a paragraph starting ``## `` is a
sub-heading (not numbered).
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.procedure.casefile import CaseFile
from app.procedure.results import Evaluation
from app.procedure.when import When

_SOURCE = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)
_QUESTION = re.compile(r"\[\?(.+?)\?\]", re.DOTALL)
HEADING = "## "


@dataclass(frozen=True)
class DocumentView:
    """An evidence file of the case linked to an event: an annex of the communication."""

    ref: Hashable
    title: str
    event: Hashable | None
    language: str | None = None  # "ru", "kk", "en", "other"
    translation: str | None = None  # "none", "attached", "needed"


@dataclass(frozen=True)
class EventView:
    ref: Hashable
    type: str
    when: When
    body: str | None
    fields: dict[str, Any]
    source: str
    document_number: str | None = None
    document_title: str | None = None
    narrative: str | None = None  # counsel's words for the facts section, English
    narrative_ru: str | None = None


@dataclass(frozen=True)
class PersonView:
    ref: Hashable
    name: str | None  # None: the record knows the person only by a description
    description: str | None = None
    name_ru: str | None = None  # the Cyrillic spelling a Russian text uses
    role: str | None = None
    birth_date: str | None = None  # at its precision: "2005", "2005-03", "2005-03-14"
    sex: str | None = None
    nationality: str | None = None
    address: str | None = None
    relatives: tuple[tuple[str, PersonView], ...] = ()  # (what they are to this person: "parent", …)


@dataclass(frozen=True)
class Representative:
    """The assigned lawyer, as the form's representative block needs them."""

    name: str
    bar: str | None = None
    organisation: str | None = None
    address: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class CaseLawView:
    key: str
    committee: str
    kind: str  # decision, views, general_comment
    title_en: str
    title_ru: str
    symbol: str
    adopted: date | None
    holding_en: str
    holding_ru: str
    provisions: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    verified: bool = False  # its symbol, date and paragraphs checked against the text itself


@dataclass
class DraftInput:
    reference: str
    committee: str  # "CAT" or "HRC"
    language: str  # "en" or "ru"
    provisions: list[str]
    today: date
    people: list[PersonView]  # the case's parties, victims first
    representative: Representative | None
    events: list[EventView]  # in the timeline's order
    case_file: CaseFile
    evaluation: Evaluation
    documents: list[DocumentView] = field(default_factory=list)
    summary: str | None = None
    summary_ru: str | None = None
    summary_in_draft: bool = False
    case_law: list[CaseLawView] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # a lawyer's versions of the editable sections

    @property
    def victims(self) -> list[PersonView]:
        return [p for p in self.people if p.role == "victim"]


@dataclass
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str]  # may carry [[source]] and [? question ?] markers, or start with "## "
    numbered: bool = True
    table: Table | None = None
    editable: bool = False


@dataclass
class Draft:
    title: str
    to: str
    notice: str
    sections: list[Section]
    language: str
    blocked: str | None = None  # built although the admissibility check blocks it: said on the first page


def split_sources(text: str) -> list[tuple[str, str | None]]:
    """A paragraph as (text, source) pieces: the source belongs at the end of its text."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in _SOURCE.finditer(text):
        pieces.append((text[position:match.start()].rstrip(), match.group(1).strip()))
        position = match.end()
    if text[position:].strip():
        pieces.append((text[position:].rstrip(), None))
    return pieces


def split_questions(text: str) -> list[tuple[str, bool]]:
    """A piece of text as (text, is_question) runs: questions are printed highlighted."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in _QUESTION.finditer(text):
        if match.start() > position:
            runs.append((text[position:match.start()], False))
        runs.append((f"[{match.group(1).strip()}]", True))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs


def questions_in(text: str) -> list[str]:
    return [m.group(1).strip() for m in _QUESTION.finditer(text)]


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def question(text: str) -> str:
    return f"[? {text} ?]"
