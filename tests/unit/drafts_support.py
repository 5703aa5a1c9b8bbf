"""Inputs and DOCX reading shared by the draft tests.

No database: drafts are built from interchange files (the seed cases and small synthetic cases written
in the same format) through ``app.interchange.evaluation.draft_input``, and the Word file is read back
with python-docx, as a lawyer's Word would read it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from app.drafts.builder import ORDER, build
from app.drafts.docx_renderer import render_docx
from app.drafts.language import WORDS
from app.drafts.model import DraftInput
from app.interchange.evaluation import draft_input
from app.interchange.format import parse_document

SEED = Path(__file__).resolve().parents[2] / "seed"
TODAY = date(2026, 11, 23)
AS_OF = datetime(2026, 11, 23, 12, 0)
KAZANTSEV = ("kazantsev", "KZ-2021-KAZANTSEV")
ZHILIN = ("zhilin", "KZ-2022-ZHILIN")
AYNIYAZOV = ("ayniyazov", "KZ-2022-AYNIYAZOV")
ANAFIYAEV = ("january-2022-deaths", "KZ-2022-ANAFIYAEV")
GERASIMOV = ("gerasimov", "KZ-2010-GERASIMOV")


@cache
def seed_document(name: str):
    return parse_document(json.loads((SEED / f"{name}.json").read_text(encoding="utf-8")))


def seed_input(seed: tuple[str, str], committee: str, language: str, *, provisions: list[str] | None = None,
               texts: dict[str, str] | None = None, **changes: Any) -> DraftInput:
    name, reference = seed
    document = seed_document(name)
    record = next(c for c in document.cases if c.reference == reference)
    data = draft_input(document, record, committee=committee, language=language, provisions=provisions,
                       today=TODAY, as_of=AS_OF)
    return dataclasses.replace(data, texts=dict(texts or {}), **changes)


def event(type_: str, at: str, *, body: str | None = None, source: str | None = None,
          document: dict[str, str] | None = None, narrative: str | None = None, narrative_ru: str | None = None,
          **fields: Any) -> dict[str, Any]:
    """One event of a synthetic interchange case (EVENT fields are indexes in the case)."""
    out: dict[str, Any] = {"type": type_, "at": at, "source": source or f"Lawyer's file, {type_} of {at}"}
    if body:
        out["body"] = body
    if document:
        out["document"] = document
    if narrative:
        out["narrative"] = narrative
    if narrative_ru:
        out["narrative_ru"] = narrative_ru
    if fields:
        out["fields"] = fields
    return out


VICTIM = {"key": "sample-victim", "name": "Aigerim Sample", "aliases": ["Айгерим Сэмпл"], "sex": "female"}


def synthetic_input(events: list[dict[str, Any]], *, committee: str = "CAT", language: str = "en",
                    provisions: list[str] | None = None, victim_flags: tuple[str, ...] = (),
                    people: list[dict[str, Any]] | None = None, case: dict[str, Any] | None = None,
                    **changes: Any) -> DraftInput:
    raw = {
        "format": "qorgau.cases", "version": 1,
        "people": people or [dict(VICTIM)],
        "cases": [{
            "reference": "KZ-2021-SAMPLE", "title": "A synthetic case for the draft tests",
            "victim_flags": list(victim_flags), "perpetrator_agency": "police",
            "parties": [{"person": (people or [VICTIM])[0]["key"], "role": "victim"}],
            "events": events, **(case or {}),
        }],
    }
    document = parse_document(raw)
    data = draft_input(document, document.cases[0], committee=committee, language=language,
                       provisions=provisions, today=TODAY, as_of=AS_OF)
    return dataclasses.replace(data, **changes)


# --- reading the DOCX -----------------------------------------------------------------------------
@cache
def _rendered(key: tuple) -> bytes:
    seed, committee, language = key
    return render_docx(build(seed_input(seed, committee, language)))


def seed_docx(seed: tuple[str, str], committee: str, language: str) -> bytes:
    return _rendered((seed, committee, language))


def docx_of(data: DraftInput) -> bytes:
    return render_docx(build(data))


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document, level: int = 1) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def is_signature(text: str) -> bool:
    return any(text.startswith(WORDS[language][key]) for language in WORDS for key in ("signature", "signature_CAT"))


def section_elements(document) -> dict[str, list]:
    """python-docx Paragraph objects (non-empty, sub-headings included) under each Heading 1, keyed by section
    key in ORDER; the signature line after the last section belongs to none."""
    out: dict[str, list] = {}
    current: list | None = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = out.setdefault(ORDER[len(out)], [])
        elif current is not None and paragraph.text.strip() and not is_signature(paragraph.text):
            current.append(paragraph)
    return out


def sections(document) -> dict[str, list[str]]:
    return {key: [p.text for p in paragraphs] for key, paragraphs in section_elements(document).items()}


def is_numbered(paragraph) -> bool:
    """Numbered by Word's numbering (a numPr), not by typed digits."""
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def table_rows(document) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells) for row in document.tables[0].rows]


def reference_ids(paragraph) -> list[str]:
    return [r.get(qn("w:id")) for r in paragraph._p.iter(qn("w:footnoteReference"))]


def footnotes_by_id(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    return {note.get(qn("w:id")): "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
            for note in root.findall(qn("w:footnote"))}


def highlighted(paragraph) -> list[str]:
    """The questions for counsel in a paragraph: its highlighted runs."""
    return [run.text for run in paragraph.runs if run.font.highlight_color is not None]


def plain_text(paragraph) -> str:
    """A paragraph without its questions for counsel: what would be sent."""
    return "".join(run.text for run in paragraph.runs if run.font.highlight_color is None)
