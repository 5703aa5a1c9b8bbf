"""A draft laid out for display: paragraph numbers and footnote numbers assigned once, so
the HTML preview numbers exactly as the DOCX does."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.drafts.builder import Draft, Table, split_sources

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class LaidParagraph:
    number: int | None
    pieces: list[tuple[str, int | None]]  # text and the footnote number after it


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


def lay_out(draft: Draft) -> Layout:
    layout = Layout()
    number = 0
    for index, section in enumerate(draft.sections):
        paragraphs = []
        for text in section.paragraphs:
            pieces = []
            for piece, source in split_sources(text):
                if source:
                    layout.footnotes.append(source)
                pieces.append((piece, len(layout.footnotes) if source else None))
            if section.numbered:
                number += 1
            paragraphs.append(LaidParagraph(number if section.numbered else None, pieces))
        layout.sections.append(LaidSection(section.key, f"{ROMAN[index]}. {section.title}", paragraphs,
                                           section.table, section.editable))
    return layout
