"""A draft laid out for display: paragraph numbers and footnote numbers assigned once, so
the HTML preview numbers exactly as the DOCX does."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.drafts.citations import shorten
from app.drafts.model import HEADING, Draft, Table, split_questions, split_sources

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class Run:
    text: str
    question: bool = False  # a question for counsel: highlighted, not text to send
    note: int | None = None  # the footnote number after it


@dataclass
class LaidParagraph:
    number: int | None
    runs: list[Run]
    heading: bool = False


@dataclass
class LaidSection:
    key: str
    heading: str
    paragraphs: list[LaidParagraph]
    table: Table | None
    editable: bool


@dataclass
class Layout:
    sections: list[LaidSection] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    @property
    def notes(self) -> list[list[Run]]:
        """The footnotes as runs: their questions are highlighted too."""
        return [[Run(part, asked) for part, asked in split_questions(note)] for note in self.footnotes]


def runs_of(text: str, footnotes: list[str]) -> list[Run]:
    """A paragraph's runs; each source becomes the next footnote, numbered in ``footnotes``."""
    runs: list[Run] = []
    for piece, source in split_sources(text):
        runs += [Run(part, asked) for part, asked in split_questions(piece)]
        if source:
            footnotes.append(source)
            if not runs:
                runs.append(Run(""))
            runs[-1].note = len(footnotes)
    return runs


def lay_out(draft: Draft) -> Layout:
    layout = Layout()
    number = 0
    for index, section in enumerate(draft.sections):
        paragraphs = []
        for text in section.paragraphs:
            if text.startswith(HEADING):
                paragraphs.append(LaidParagraph(None, runs_of(text[len(HEADING):], layout.footnotes), heading=True))
                continue
            if section.numbered:
                number += 1
            paragraphs.append(LaidParagraph(number if section.numbered else None, runs_of(text, layout.footnotes)))
        layout.sections.append(LaidSection(section.key, f"{ROMAN[index]}. {section.title}", paragraphs,
                                           section.table, section.editable))
    layout.footnotes = shorten(layout.footnotes, draft.language)
    return layout
