"""A draft as a Word document a lawyer can edit: Word headings, paragraphs numbered by a Word numbering
definition, real footnotes for the sources, questions for counsel highlighted, a remedies table and page
numbers.

python-docx has no footnote API, so the footnotes part is written here: each source is a
``w:footnoteReference`` in the text and a ``w:footnote`` in word/footnotes.xml, which Word
and LibreOffice show as ordinary, editable footnotes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from app.drafts.citations import shorten
from app.drafts.layout import ROMAN
from app.drafts.model import HEADING, Draft, Section, split_questions, split_sources

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU"}
_HIGHLIGHT = '<w:highlight w:val="yellow"/>'


class _Footnotes:
    """Collects footnotes while the body is written; becomes word/footnotes.xml at the end."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, paragraph, text: str) -> None:
        self.texts.append(text)
        note_id = len(self.texts)  # ids -1 and 0 are Word's separators
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:vertAlign w:val="superscript"/></w:rPr>'))
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{note_id}"/>'))

    def xml(self, language: str) -> bytes:
        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
            + "".join(f'<w:r><w:rPr>{_HIGHLIGHT if asked else ""}<w:sz w:val="18"/></w:rPr>'
                      f'<w:t xml:space="preserve">{escape(part)}</w:t></w:r>' for part, asked in split_questions(text))
            + '</w:p></w:footnote>'
            for i, text in enumerate(shorten(self.texts, language), 1))
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_W}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                f'</w:p></w:footnote>{notes}</w:footnotes>').encode()


def render_docx(draft: Draft) -> bytes:
    document = Document()
    _set_up(document, draft.language)
    numbering = _numbering(document)
    notes = _Footnotes()
    heading = document.add_heading(draft.title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if draft.blocked:
        warning = document.add_paragraph().add_run(draft.blocked)
        warning.bold = True
        warning.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    document.add_paragraph(draft.to)
    document.add_paragraph().add_run(draft.notice).italic = True
    for index, section in enumerate(draft.sections):
        _heading(document, f"{ROMAN[index]}. {section.title}", 1)
        _write_section(document, section, notes, numbering)
    document.add_paragraph()
    document.add_paragraph(_signature(draft))
    _attach_footnotes(document, notes, draft.language)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _signature(draft: Draft) -> str:
    from app.drafts.language import WORDS

    cat = draft.title == WORDS[draft.language]["title_CAT"]
    return WORDS[draft.language]["signature_CAT" if cat else "signature"] + " ____________________"


def _numbering(document) -> int:
    """A numbering definition of its own ("1.", "2.", … with a hanging indent) for the numbered paragraphs,
    so that a paragraph inserted in Word is numbered and the following ones renumber. Returns its numId."""
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        '</w:abstractNum>')
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(abstract)  # the schema wants every abstractNum before the nums
    else:
        numbering.append(abstract)
    return numbering.add_num(abstract_id).numId


def _heading(document, text: str, level: int):
    """A heading by its style id: python-docx's add_heading looks the style up by name, which costs more than the
    rest of the paragraph."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = f"Heading{level}"
    return paragraph


def _number(paragraph, num_id: int) -> None:
    number = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    number.get_or_add_ilvl().val = 0
    number.get_or_add_numId().val = num_id


def _write_runs(paragraph, text: str, notes: _Footnotes) -> None:
    for piece, source in split_sources(text):
        for part, asked in split_questions(piece):
            run = paragraph.add_run(part)
            if asked:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if source:
            notes.add(paragraph, source)


def _write_section(document, section: Section, notes: _Footnotes, num_id: int) -> None:
    for position, text in enumerate(section.paragraphs):
        if text.startswith(HEADING):
            paragraph = _heading(document, "", 2)
            _write_runs(paragraph, text[len(HEADING):], notes)
        else:
            paragraph = document.add_paragraph()
            if section.numbered:
                _number(paragraph, num_id)
            _write_runs(paragraph, text, notes)
        if section.table is not None and position == 0:
            _write_table(document, section)
    if section.table is not None and not section.paragraphs:
        _write_table(document, section)


def _write_table(document, section: Section) -> None:
    table = document.add_table(rows=1, cols=len(section.table.headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, section.table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for row in section.table.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            paragraph = cell.paragraphs[0]
            for part, asked in split_questions(value):
                run = paragraph.add_run(part)
                if asked:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    document.add_paragraph()


def _set_up(document, language: str) -> None:
    """A4, readable body text, the draft's language for spelling, page numbers in the footer."""
    for part in document.sections:
        part.page_height, part.page_width = Cm(29.7), Cm(21.0)
        part.left_margin = part.right_margin = Cm(2.5)
        footer = part.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r>'
                                   '</w:fldSimple>'))
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    properties = normal.element.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f'<w:lang {nsdecls("w")}/>')
        properties.append(lang)
    lang.set(qn("w:val"), LANGUAGE_TAGS[language])


def _attach_footnotes(document, notes: _Footnotes, language: str) -> None:
    if not notes.texts:
        return
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.xml(language), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def footnotes_of(docx_bytes: bytes) -> list[str]:
    """The footnote texts of a DOCX (for tests and for checking a file that came back)."""
    from zipfile import ZipFile

    from lxml import etree

    with ZipFile(io.BytesIO(docx_bytes)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = []
    for note in root.findall(qn("w:footnote")):
        if int(note.get(qn("w:id"))) > 0:
            notes.append("".join(t.text or "" for t in note.iter(qn("w:t"))).strip())
    return notes
