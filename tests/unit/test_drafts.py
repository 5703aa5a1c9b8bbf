"""UN communication drafts (DOMAIN.md §7): builder, admissibility check, phrases and the DOCX.

No database: drafts are built from interchange files (the seed cases and small synthetic
cases written in the same format) through ``app.interchange.evaluation.draft_input``, and
the Word file is read back with python-docx, as a lawyer's Word would read it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import zipfile
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from app.drafts.admissibility import DEFAULT_PROCEDURES, Finding, Procedure, check
from app.drafts.builder import EDITABLE, NOT_FACTS, REMEDY_TYPES, DraftInput, build, generate_texts
from app.drafts.docx_renderer import footnotes_of, render_docx
from app.drafts.language import SECTION_TITLES, WORDS, date_phrase, format_day, format_when
from app.drafts.phrases import SENTENCES, missing_sentences, sentence
from app.interchange.evaluation import draft_input
from app.interchange.format import parse_document
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import evaluate
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME, Kind
from app.procedure.when import When

SEED = Path(__file__).resolve().parents[2] / "seed"
TODAY = date(2026, 11, 23)
AS_OF = datetime(2026, 11, 23, 12, 0)
PROCEDURES = {p.committee: p for p in DEFAULT_PROCEDURES}
ORDER = ("author", "state", "exhaustion", "other_procedures", "facts", "complaint", "requests", "annexes")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
NUMBER = re.compile(r"^(\d+)\.\t")
KAZANTSEV = ("kazantsev", "KZ-2021-KAZANTSEV")
ZHILIN = ("zhilin", "KZ-2022-ZHILIN")
GERASIMOV = ("gerasimov", "KZ-2010-GERASIMOV")


# --- inputs ---------------------------------------------------------------------------------------
@cache
def _seed_document(name: str):
    return parse_document(json.loads((SEED / f"{name}.json").read_text(encoding="utf-8")))


def seed_input(seed: tuple[str, str], committee: str, language: str, *, provisions: list[str] | None = None,
               texts: dict[str, str] | None = None) -> DraftInput:
    name, reference = seed
    document = _seed_document(name)
    record = next(c for c in document.cases if c.reference == reference)
    data = draft_input(document, record, committee=committee, language=language, provisions=provisions,
                       today=TODAY, as_of=AS_OF)
    return dataclasses.replace(data, texts=dict(texts or {}))


def event(type_: str, at: str, *, body: str | None = None, source: str | None = None,
          document: dict[str, str] | None = None, **fields: Any) -> dict[str, Any]:
    """One event of a synthetic interchange case (EVENT fields are indexes in the case)."""
    out: dict[str, Any] = {"type": type_, "at": at, "source": source or f"Lawyer's file, {type_} of {at}"}
    if body:
        out["body"] = body
    if document:
        out["document"] = document
    if fields:
        out["fields"] = fields
    return out


def synthetic_input(events: list[dict[str, Any]], *, committee: str = "CAT", language: str = "en",
                    provisions: list[str] | None = None, victim_flags: tuple[str, ...] = ()) -> DraftInput:
    raw = {
        "format": "qorgau.cases", "version": 1,
        "people": [{"key": "sample-victim", "name": "Aigerim Sample"},
                   {"key": "sample-counsel", "name": "Bolat Counsel"}],
        "cases": [{
            "reference": "KZ-2021-SAMPLE", "title": "A synthetic case for the draft tests",
            "victim_flags": list(victim_flags),
            "parties": [{"person": "sample-victim", "role": "victim"},
                        {"person": "sample-counsel", "role": "counsel"}],
            "events": events,
        }],
    }
    document = parse_document(raw)
    return draft_input(document, document.cases[0], committee=committee, language=language,
                       provisions=provisions, today=TODAY, as_of=AS_OF)


# Complaint, termination with its decision paper, appeal to the investigating judge (rejected), power of attorney.
APPEALED = [
    event("incident", "2021-03-01", body="police", place="police station No. 2", description="He was beaten."),
    event("complaint_filed", "2021-03-02", body="lawyer", source="Complaint of 2 March 2021", to_body="prosecutor"),
    event("investigation_terminated", "2021-05-10", body="prosecutor", source="Termination decision No. 12/345",
          document={"number": "12/345", "title": "Decision to terminate the pre-trial investigation"},
          ground="no_corpus_delicti"),
    event("appeal_filed", "2021-05-20", body="lawyer", source="Complaint to the investigating judge",
          against=2, to_body="investigating_judge"),
    event("appeal_decided", "2021-06-01", body="investigating_judge", source="Ruling of the investigating judge",
          outcome="rejected"),
    event("authorization_signed", "2021-06-15", body="victim", source="Power of attorney of 15 June 2021",
          kind="power_of_attorney", committee="CAT"),
]


# --- reading the DOCX -----------------------------------------------------------------------------
@cache
def _rendered(key: tuple) -> bytes:
    seed, committee, language = key
    return render_docx(build(seed_input(seed, committee, language)))


def seed_docx(seed: tuple[str, str], committee: str, language: str) -> bytes:
    return _rendered((seed, committee, language))


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def is_signature(text: str) -> bool:
    return any(text.startswith(WORDS[language]["signature"]) for language in WORDS)


def section_elements(document) -> dict[str, list]:
    """python-docx Paragraph objects (non-empty) under each Heading 1, keyed by section key in
    ORDER; the signature line after the last section belongs to none."""
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


def unnumbered(text: str) -> str:
    return NUMBER.sub("", text)


def table_rows(document) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells) for row in document.tables[0].rows]


def reference_ids(paragraph) -> list[str]:
    return [r.get(qn("w:id")) for r in paragraph._p.iter(qn("w:footnoteReference"))]


def footnotes_by_id(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    return {note.get(qn("w:id")): "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
            for note in root.findall(qn("w:footnote"))}


# --- sections, titles, language -------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ru"])
def test_sections_are_heading_1_in_order_with_titles_in_the_language(language):
    document = open_docx(seed_docx(KAZANTSEV, "HRC", language))
    expected = [f"{ROMAN[i]}. {SECTION_TITLES[key][language]}" for i, key in enumerate(ORDER)]
    assert headings(document) == expected
    assert document.paragraphs[0].text == WORDS[language]["title_HRC"]
    other = "ru" if language == "en" else "en"
    body = "\n".join(p.text for p in document.paragraphs)
    assert not any(SECTION_TITLES[key][other] in body for key in ORDER)


def test_english_and_russian_headings_are_the_official_titles():
    assert headings(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))[4] == "V. Facts of the complaint"
    assert headings(open_docx(seed_docx(KAZANTSEV, "HRC", "ru")))[4] == "V. Факты, изложенные в жалобе"
    assert headings(open_docx(seed_docx(ZHILIN, "CAT", "ru")))[2] == (
        "III. Исчерпание внутренних средств правовой защиты")


def test_document_opens_with_title_addressee_and_dated_notice():
    document = open_docx(seed_docx(KAZANTSEV, "HRC", "en"))
    texts = [p.text for p in document.paragraphs[:3]]
    assert texts[0].startswith("Communication under the Optional Protocol")
    assert texts[1].startswith("To: the Human Rights Committee")
    assert texts[2] == ("Draft prepared from case file KZ-2021-KAZANTSEV on 23 November 2026. "
                        "To be reviewed by counsel.")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_document_ends_with_the_signature_line(language):
    document = open_docx(seed_docx(KAZANTSEV, "HRC", language))
    last = [p.text for p in document.paragraphs if p.text.strip()][-1]
    assert last == WORDS[language]["signature"] + " ____________________"


def test_author_section_names_victim_author_and_representatives():
    author = sections(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))["author"]
    assert author[0] == "Victim: Mikhail Kazantsev"
    assert author[1] == "Author: Kazakhstan International Bureau for Human Rights and Rule of Law"
    assert author[2].startswith("Representative: ") and "Ms. Vitkovskaya" in author[2]


@pytest.mark.parametrize("language, tag", [("en", "en-GB"), ("ru", "ru-RU")])
def test_normal_style_carries_the_draft_language_for_spelling(language, tag):
    document = open_docx(seed_docx(KAZANTSEV, "HRC", language))
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == tag


# --- remedies table ---------------------------------------------------------------------------------
def test_remedies_table_of_kazantsev_in_english():
    data = seed_input(KAZANTSEV, "HRC", "en")
    rows = table_rows(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))
    assert rows[0] == ("Date", "Body", "Document", "Step", "Outcome")
    assert len(rows) - 1 == sum(e.type in REMEDY_TYPES for e in data.events) == 3
    assert rows[1] == ("2021", "a body not named in the record", "—", "Complaint filed", "")
    assert rows[2] == ("30 April 2021", "the Anti-Corruption Agency", "—", "Investigation terminated",
                       "under CPC art. 35(1) (the paragraph is not stated in the record)")
    assert rows[3] == ("2021", "an NGO", "—", "Complaint to the General Prosecutor's Office", "")


def test_remedies_table_of_kazantsev_in_russian():
    rows = table_rows(open_docx(seed_docx(KAZANTSEV, "HRC", "ru")))
    assert rows[0] == ("Дата", "Орган", "Документ", "Действие", "Результат")
    assert len(rows) == 4
    assert rows[1] == ("2021 г.", "орган не указан", "—", "Подача жалобы", "")
    assert rows[2] == ("30 апреля 2021 г.", "Агентство по противодействию коррупции", "—",
                       "Прекращение расследования", "по основанию части 1 статьи 35 УПК (пункт в материалах дела "
                       "не указан)")
    assert rows[3] == ("2021 г.", "НПО", "—", "Жалоба в Генеральную прокуратуру", "")


def test_remedies_table_has_a_row_per_complaint_termination_and_appeal_in_english():
    data = synthetic_input(APPEALED, language="en")
    rows = table_rows(open_docx(render_docx(build(data))))
    assert len(rows) == 1 + 4  # complaint, termination, appeal filed, appeal decided
    assert rows[1] == ("2 March 2021", "the prosecutor's office", "—", "Complaint filed", "")
    assert rows[2] == ("10 May 2021", "the prosecutor's office",
                       "Decision to terminate the pre-trial investigation No. 12/345", "Investigation terminated",
                       "for absence of corpus delicti (CPC art. 35(1)(2))")
    filed, decided = rows[3], rows[4]
    assert (filed[0], filed[3], filed[4]) == ("20 May 2021", "Complaint to the investigating judge", "")
    assert decided == ("1 June 2021", "the investigating judge", "—", "Decision on the complaint", "rejected")


def test_remedies_table_has_a_row_per_complaint_termination_and_appeal_in_russian():
    data = synthetic_input(APPEALED, language="ru")
    rows = table_rows(open_docx(render_docx(build(data))))
    assert rows[0] == ("Дата", "Орган", "Документ", "Действие", "Результат")
    assert len(rows) == 5
    assert (rows[1][0], rows[1][1], rows[1][3]) == ("2 марта 2021 г.", "прокуратура", "Подача жалобы")
    assert (rows[2][0], rows[2][3], rows[2][4]) == (
        "10 мая 2021 г.", "Прекращение расследования",
        "за отсутствием состава уголовного правонарушения (п. 2 ч. 1 ст. 35 УПК)")
    assert (rows[3][0], rows[3][3], rows[3][4]) == ("20 мая 2021 г.", "Жалоба следственному судье", "")
    assert rows[4] == ("1 июня 2021 г.", "следственный судья", "—", "Решение по жалобе", "отклонена")


def test_exhaustion_narrates_the_appeal_with_sources():
    document = open_docx(render_docx(build(synthetic_input(APPEALED, language="en"))))
    exhaustion = sections(document)["exhaustion"]
    assert unnumbered(exhaustion[0]) == (
        "The following domestic remedies were used: On 2 March 2021 a complaint was filed with the prosecutor's "
        "office. On 10 May 2021 the prosecutor's office terminated the investigation for absence of corpus "
        "delicti (CPC art. 35(1)(2)). On 20 May 2021 a complaint against the decision was filed to the "
        "investigating judge. On 1 June 2021 the complaint was rejected.")


def test_case_without_remedies_has_only_the_header_row_and_says_so():
    document = open_docx(seed_docx(ZHILIN, "CAT", "en"))
    assert table_rows(document) == [("Date", "Body", "Document", "Step", "Outcome")]
    assert sections(document)["exhaustion"] == ["1.\tNo domestic remedy is recorded in the case file."]


# --- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, language, expected", [
    ("2021-04-30", "en", "30 April 2021"),
    ("2021-04-30", "ru", "30 апреля 2021 г."),
    ("2021-01-08T03:00", "en", "8 January 2021, 03:00"),
    ("2021-01-08T03:00", "ru", "8 января 2021 г., 03:00"),
    ("2021-01", "en", "January 2021"),
    ("2021-01", "ru", "январь 2021 г."),
    ("2021", "en", "2021"),
    ("2021", "ru", "2021 г."),
])
def test_format_when_per_language(text, language, expected):
    assert format_when(When.parse(text), language) == expected


@pytest.mark.parametrize("text, language, expected", [
    ("2021-04-30", "en", "On 30 April 2021"),
    ("2021-04-30", "ru", "30 апреля 2021 г."),
    ("2021-01", "en", "In January 2021"),
    ("2021-01", "ru", "В январе 2021 г."),
    ("2021-05", "ru", "В мае 2021 г."),
    ("2021", "en", "In 2021"),
    ("2021", "ru", "В 2021 г."),
])
def test_date_phrase_per_language(text, language, expected):
    assert date_phrase(When.parse(text), language) == expected


def test_format_day_per_language():
    assert format_day(TODAY, "en") == "23 November 2026"
    assert format_day(TODAY, "ru") == "23 ноября 2026 г."


@pytest.mark.parametrize("language, day, month, year", [
    ("en", "On 30 April 2021 the Anti-Corruption Agency terminated the investigation under CPC art. 35(1) (the "
     "paragraph is not stated in the record).",
     "In January 2021 the victim was medically examined: Emergency clinic doctor",
     "In 2021 a complaint was filed with a body not named in the record."),
    ("ru", "30 апреля 2021 г. Агентство по противодействию коррупции прекратил(а) расследование по основанию "
     "части 1 статьи 35 УПК (пункт в материалах дела не указан).",
     "В январе 2021 г. жертва прошла медицинское освидетельствование: Emergency clinic doctor",
     "В 2021 г. была подана жалоба "),
], ids=["en", "ru"])
def test_facts_dates_read_per_language_and_precision(language, day, month, year):
    facts = [unnumbered(p) for p in sections(open_docx(seed_docx(KAZANTSEV, "HRC", language)))["facts"]]
    assert day in facts
    assert any(p.startswith(month) for p in facts)
    assert any(p.startswith(year) for p in facts)


# --- numbering ------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed, committee, language", [
    (KAZANTSEV, "HRC", "en"), (KAZANTSEV, "HRC", "ru"), (ZHILIN, "CAT", "ru"), (ZHILIN, "CAT", "en"),
])
def test_paragraph_numbers_continue_across_sections_without_gaps(seed, committee, language):
    by_section = sections(open_docx(seed_docx(seed, committee, language)))
    numbers = {key: [int(m.group(1)) for p in paragraphs if (m := NUMBER.match(p))]
               for key, paragraphs in by_section.items()}
    assert numbers["author"] == numbers["state"] == numbers["annexes"] == []
    flat = [n for key in ORDER for n in numbers[key]]
    assert flat == list(range(1, len(flat) + 1))
    for key in ("exhaustion", "other_procedures", "facts", "complaint", "requests"):
        assert numbers[key], key
        assert len(numbers[key]) == len(by_section[key]), key  # every paragraph of the section is numbered


def test_kazantsev_numbering_runs_through_facts_complaint_and_requests():
    by_section = sections(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))
    assert by_section["facts"][0].startswith("4.\t")
    assert by_section["facts"][-1].startswith("27.\t")
    assert by_section["complaint"][0].startswith("28.\t")
    assert by_section["requests"][0].startswith("35.\t")
    assert by_section["requests"][-1].startswith("37.\t")


# --- footnotes ------------------------------------------------------------------------------------
def test_footnotes_are_the_sources_of_the_remedies_and_of_every_fact():
    data = seed_input(KAZANTSEV, "HRC", "en")
    produced = seed_docx(KAZANTSEV, "HRC", "en")
    remedies = [e.source for e in data.events if e.type in REMEDY_TYPES]
    facts = [e.source for e in data.events if e.type not in NOT_FACTS]
    assert len(facts) == 24
    assert footnotes_of(produced) == remedies + facts


def test_every_fact_paragraph_has_one_footnote_with_its_events_source():
    data = seed_input(KAZANTSEV, "HRC", "en")
    produced = seed_docx(KAZANTSEV, "HRC", "en")
    notes = footnotes_by_id(produced)
    paragraphs = section_elements(open_docx(produced))["facts"]
    facts = [e for e in data.events if e.type not in NOT_FACTS]
    assert len(paragraphs) == len(facts)
    for paragraph, fact in zip(paragraphs, facts, strict=True):
        ids = reference_ids(paragraph)
        assert len(ids) == 1, paragraph.text
        assert notes[ids[0]] == fact.source
    sources = {e.source for e in _seed_document("kazantsev").cases[0].events}
    assert {notes[reference_ids(p)[0]] for p in paragraphs} == sources


def test_body_footnote_references_match_the_footnotes_part():
    produced = seed_docx(KAZANTSEV, "HRC", "en")
    document = open_docx(produced)
    body_ids = re.findall(r'<w:footnoteReference w:id="(-?\d+)"/>', document.element.xml)
    notes = footnotes_by_id(produced)
    real = sorted((i for i in notes if int(i) > 0), key=int)
    assert body_ids == real == [str(n) for n in range(1, len(footnotes_of(produced)) + 1)]
    assert {"-1", "0"} <= set(notes)  # Word's separators
    with zipfile.ZipFile(io.BytesIO(produced)) as archive:
        assert "footnotes" in archive.read("word/_rels/document.xml.rels").decode()
        assert "wordprocessingml.footnotes+xml" in archive.read("[Content_Types].xml").decode()


def test_exhaustion_footnotes_sit_in_its_first_paragraph():
    data = seed_input(KAZANTSEV, "HRC", "en")
    produced = seed_docx(KAZANTSEV, "HRC", "en")
    notes = footnotes_by_id(produced)
    first = section_elements(open_docx(produced))["exhaustion"][0]
    assert [notes[i] for i in reference_ids(first)] == [e.source for e in data.events if e.type in REMEDY_TYPES]


def test_source_with_markup_characters_survives_in_the_footnote():
    events = [event("incident", "2021-03-01", body="police", source="Report <A> & \"B\", p. 3")]
    produced = render_docx(build(synthetic_input(events)))
    assert "Report <A> & \"B\", p. 3" in footnotes_of(produced)


# --- page numbers ---------------------------------------------------------------------------------
def test_footer_has_a_page_field():
    document = open_docx(seed_docx(KAZANTSEV, "HRC", "en"))
    footer = document.sections[0].footer
    xml = footer._element.xml
    simple = [f.get(qn("w:instr")).strip() for f in footer._element.iter(qn("w:fldSimple"))]
    codes = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert "PAGE" in simple + codes, xml


# --- annexes --------------------------------------------------------------------------------------
def test_annexes_list_documents_and_the_power_of_attorney_in_english():
    annexes = sections(open_docx(render_docx(build(synthetic_input(APPEALED, language="en")))))["annexes"]
    assert annexes == [
        "Annex 1. Decision to terminate the pre-trial investigation No. 12/345 (10 May 2021)",
        "Annex 2. Power of attorney (15 June 2021)",
    ]


def test_annexes_list_documents_and_the_power_of_attorney_in_russian():
    annexes = sections(open_docx(render_docx(build(synthetic_input(APPEALED, language="ru")))))["annexes"]
    assert len(annexes) == 2
    assert annexes[0].startswith("Приложение 1. Decision to terminate the pre-trial investigation ")
    assert annexes[0].endswith(" 12/345 (10 мая 2021 г.)")
    assert annexes[1] == "Приложение 2. Доверенность (15 июня 2021 г.)"


def test_consent_is_an_annex_and_not_a_fact():
    events = [event("incident", "2021-03-01", body="police"),
              event("authorization_signed", "2021-06-15", kind="consent")]
    by_section = sections(open_docx(render_docx(build(synthetic_input(events)))))
    assert by_section["annexes"] == ["Annex 1. Consent of the victim (15 June 2021)"]
    assert not any("signed" in p for p in by_section["facts"])


def test_zhilin_annex_is_the_court_ruling():
    assert sections(open_docx(seed_docx(ZHILIN, "CAT", "en")))["annexes"] == [
        "Annex 1. Ruling of the Beskaragay village court, Abay region (2 December 2022)"]
    assert sections(open_docx(seed_docx(ZHILIN, "CAT", "ru")))["annexes"] == [
        "Приложение 1. Ruling of the Beskaragay village court, Abay region (2 декабря 2022 г.)"]


@pytest.mark.parametrize("language, text", [("en", "No document is recorded in the case file yet."),
                                            ("ru", "В материалах дела пока нет документов.")])
def test_no_annex_says_so_unnumbered(language, text):
    assert sections(open_docx(seed_docx(KAZANTSEV, "HRC", language)))["annexes"] == [text]


# --- pinned: Kazantsev to the Human Rights Committee -----------------------------------------------
def test_kazantsev_hrc_suggested_provisions():
    data = seed_input(KAZANTSEV, "HRC", "en")
    assert {"ICCPR-7", "ICCPR-14", "ICCPR-24"} <= set(data.provisions)
    state = sections(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))["state"]
    assert ("article 24 of the International Covenant on Civil and Political Rights (protection of the child)"
            in state)
    assert ("article 14 of the International Covenant on Civil and Political Rights (fair trial guarantees)"
            in state)


def test_kazantsev_hrc_requests_interim_measures_under_rule_94_for_reprisals():
    requests = sections(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))["requests"]
    first = unnumbered(requests[0])
    assert first.startswith("In view of the reprisals, the author requests the Committee, under rule 94 ")
    assert "interim measures" in first
    assert not any("rule 114" in p for p in requests)


def test_kazantsev_hrc_admissibility():
    data = seed_input(KAZANTSEV, "HRC", "en")
    findings = check(data.case_file, data.evaluation, "HRC", PROCEDURES, AS_OF)
    blockers = {f.code for f in findings if f.level == "blocker"}
    warnings = {f.code for f in findings if f.level == "warning"}
    assert {"no-authorization", "hrc-five-years"} <= blockers
    assert "decision-not-served" in warnings
    assert [f.level for f in findings] == sorted((f.level for f in findings), key=lambda level: level != "blocker")
    five_years = next(d for d in data.evaluation.deadlines if d.rule == "hrc-5y")
    assert five_years.due.due.date() == date(2026, 4, 30)  # five years after 30 April 2021


def test_kazantsev_hrc_five_years_is_a_warning_before_it_ends():
    document = _seed_document("kazantsev")
    before = datetime(2026, 3, 1, 12, 0)
    data = draft_input(document, document.cases[0], committee="HRC", language="en", provisions=None,
                       today=before.date(), as_of=before)
    codes = {(f.level, f.code) for f in check(data.case_file, data.evaluation, "HRC", PROCEDURES, before)}
    assert ("warning", "hrc-window-closing") in codes
    assert ("blocker", "hrc-five-years") not in codes


def test_kazantsev_cat_has_no_five_year_rule():
    data = seed_input(KAZANTSEV, "CAT", "en")
    codes = {f.code for f in check(data.case_file, data.evaluation, "CAT", PROCEDURES, AS_OF)}
    assert "hrc-five-years" not in codes and "no-authorization" in codes


@pytest.mark.parametrize("language, text", [
    ("en", "The termination decision was never served on the victim, so the term to complain to the "
           "investigating judge (CPC art. 106) could not be observed"),
    ("ru", "Решение о прекращении расследования не было вручено потерпевшему"),
])
def test_kazantsev_exhaustion_explains_the_decision_was_never_served(language, text):
    exhaustion = sections(open_docx(seed_docx(KAZANTSEV, "HRC", language)))["exhaustion"]
    assert any(unnumbered(p).startswith(text) for p in exhaustion)


def test_exhaustion_says_nothing_of_service_when_the_decision_was_served():
    events = [*APPEALED[:3], event("decision_served", "2021-05-12", body="prosecutor", decision=2),
              *APPEALED[3:]]
    exhaustion = sections(open_docx(render_docx(build(synthetic_input(events)))))["exhaustion"]
    assert not any("never served" in p for p in exhaustion)


# --- pinned: Zhilin to the Committee against Torture -----------------------------------------------
@pytest.mark.parametrize("language", ["en", "ru"])
def test_zhilin_cat_suggests_non_refoulement(language):
    data = seed_input(ZHILIN, "CAT", language)
    assert "CAT-3" in data.provisions
    state = sections(open_docx(seed_docx(ZHILIN, "CAT", language)))["state"]
    expected = ("article 3 of the Convention against Torture (non-refoulement)" if language == "en" else
                "статьи 3 Конвенции против пыток (недопустимость высылки при угрозе пыток)")
    assert expected in state


@pytest.mark.parametrize("language, start, reason", [
    ("ru", "Ввиду угрозы высылки автор просит Комитет в соответствии с правилом 114 ", "угрозы высылки"),
    ("en", "In view of the risk of removal, the author requests the Committee, under rule 114 ", "risk of removal"),
])
def test_zhilin_cat_first_request_is_interim_measures_under_rule_114(language, start, reason):
    requests = sections(open_docx(seed_docx(ZHILIN, "CAT", language)))["requests"]
    first = unnumbered(requests[0])
    assert first.startswith(start)
    assert reason in first
    assert "временные меры" in first if language == "ru" else "interim measures" in first
    assert not any("rule 94" in p or "правилом 94" in p for p in requests)


@pytest.mark.parametrize("language, text", [
    ("en", "On 2 December 2022 the victim's expulsion was ordered."),
    ("ru", "2 декабря 2022 г. было вынесено решение о выдворении жертвы."),
])
def test_zhilin_facts_mention_the_expulsion_order(language, text):
    facts = [unnumbered(p) for p in sections(open_docx(seed_docx(ZHILIN, "CAT", language)))["facts"]]
    assert text in facts


def test_zhilin_complaint_argues_expulsion_before_the_asylum_procedure_ended():
    complaint = sections(open_docx(seed_docx(ZHILIN, "CAT", "en")))["complaint"]
    assert unnumbered(complaint[-1]) == ("In particular: The victim was expelled while the asylum procedure, "
                                         "including the appeal, was not over.")


def test_no_interim_measures_without_reprisal_or_refoulement():
    requests = sections(open_docx(render_docx(build(synthetic_input(APPEALED)))))["requests"]
    assert len(requests) == 2
    assert not any("interim measures" in p for p in requests)
    assert unnumbered(requests[0]).startswith("The author requests the Committee to find a violation of articles")


# --- admissibility on synthetic case files --------------------------------------------------------
def fact(ref: str, type_: str, when: str, *, body: str | None = None, **fields: Any) -> Fact:
    return Fact(ref, type_, When.parse(when), body, fields)


CLEAN = (
    ("i", "incident", "2021-03-01", "police", {}),
    ("c", "complaint_filed", "2021-03-02", "lawyer", {"to_body": "prosecutor"}),
    ("t", "investigation_terminated", "2021-05-10", "prosecutor", {"ground": "no_corpus_delicti"}),
    ("s", "decision_served", "2021-05-12", "prosecutor", {"decision": "t"}),
    ("a", "appeal_filed", "2021-05-20", "lawyer", {"against": "t", "to_body": "investigating_judge"}),
    ("d", "appeal_decided", "2021-06-01", "investigating_judge", {"outcome": "rejected"}),
    ("p", "authorization_signed", "2021-06-15", None, {"kind": "power_of_attorney"}),
)
CLEAN_AS_OF = datetime(2021, 7, 1, 12, 0)


def clean_facts(*, without: tuple[str, ...] = ()) -> list[Fact]:
    return [fact(ref, t, w, body=b, **f) for ref, t, w, b, f in CLEAN if ref not in without]


def findings_of(facts: list[Fact], committee: str = "CAT", procedures: dict[str, Procedure] | None = None,
                as_of: datetime = CLEAN_AS_OF) -> list[Finding]:
    case = CaseFile.build(facts)
    return check(case, evaluate(case, as_of), committee, PROCEDURES if procedures is None else procedures, as_of)


def codes(findings: list[Finding], level: str) -> set[str]:
    return {f.code for f in findings if f.level == level}


@pytest.mark.parametrize("committee", ["CAT", "HRC"])
def test_a_complete_case_has_no_finding(committee):
    assert findings_of(clean_facts(), committee) == []


def test_procedure_not_accepted_when_the_table_says_unavailable():
    table = {**PROCEDURES, "CAT": Procedure("CAT", False, None, "declaration withdrawn")}
    findings = findings_of(clean_facts(), "CAT", table)
    assert codes(findings, "blocker") == {"procedure-not-accepted"}
    assert "declaration withdrawn" in findings[0].message


def test_procedure_not_accepted_when_the_committee_is_not_in_the_table():
    table = {"HRC": PROCEDURES["HRC"]}
    assert "procedure-not-accepted" in codes(findings_of(clean_facts(), "CAT", table), "blocker")
    assert "procedure-not-accepted" in codes(findings_of(clean_facts(), "CED"), "blocker")


def test_hrc_ratione_temporis_blocker_when_every_fact_predates_the_protocol():
    facts = [fact("i", "incident", "2008-05-01", body="police"), fact("ap", "apprehension", "2009-09-29T10:00"),
             fact("c", "complaint_filed", "2008-05-02", to_body="prosecutor"),
             fact("p", "authorization_signed", "2021-06-15", kind="consent")]
    assert "ratione-temporis" in codes(findings_of(facts, "HRC", as_of=datetime(2012, 1, 1)), "blocker")
    assert "ratione-temporis" not in {f.code for f in findings_of(facts, "CAT", as_of=datetime(2012, 1, 1))}


def test_hrc_ratione_temporis_warning_when_some_facts_predate_the_protocol():
    facts = [fact("i", "incident", "2008-05-01", body="police"), fact("j", "incident", "2009-09-30", body="police"),
             fact("c", "complaint_filed", "2009-10-02", to_body="prosecutor"),
             fact("p", "authorization_signed", "2021-06-15", kind="consent")]
    findings = findings_of(facts, "HRC", as_of=datetime(2012, 1, 1))
    assert "ratione-temporis" in codes(findings, "warning")
    assert "ratione-temporis" not in codes(findings, "blocker")


def test_hrc_no_ratione_temporis_when_facts_follow_the_protocol():
    assert not any(f.code == "ratione-temporis" for f in findings_of(clean_facts(), "HRC"))


def test_remedies_not_used():
    facts = [fact("i", "incident", "2021-03-01", body="police"),
             fact("p", "authorization_signed", "2021-06-15", kind="consent")]
    assert codes(findings_of(facts), "blocker") == {"remedies-not-used"}


def test_undecided_appeal_is_pending():
    findings = findings_of(clean_facts(without=("d",)))
    assert "remedies-pending" in codes(findings, "blocker")
    assert "remedies-pending" not in {f.code for f in findings_of(clean_facts())}


def test_termination_never_appealed():
    findings = findings_of(clean_facts(without=("a", "d")))
    assert "termination-not-appealed" in codes(findings, "blocker")
    assert "2021-05-10" in next(f.message for f in findings if f.code == "termination-not-appealed")


def test_same_matter_submitted_to_another_committee():
    facts = [*clean_facts(), fact("u", "un_communication_submitted", "2021-06-20", committee="HRC")]
    assert "same-matter-elsewhere" in codes(findings_of(facts, "CAT"), "blocker")
    # The same committee: not a bar, a warning that a communication is already recorded.
    same = findings_of(facts, "HRC")
    assert "already-submitted" in codes(same, "warning")
    assert "same-matter-elsewhere" not in {f.code for f in same}


def test_authorization_for_another_committee_does_not_count():
    facts = [*clean_facts(without=("p",)),
             fact("p", "authorization_signed", "2021-06-15", kind="power_of_attorney", committee="HRC")]
    assert "no-authorization" in codes(findings_of(facts, "CAT"), "blocker")
    assert "no-authorization" not in {f.code for f in findings_of(facts, "HRC")}


def test_authorization_for_this_committee_or_any_counts():
    for extra in ({"committee": "CAT"}, {}):
        facts = [*clean_facts(without=("p",)),
                 fact("p", "authorization_signed", "2021-06-15", kind="consent", **extra)]
        assert "no-authorization" not in {f.code for f in findings_of(facts, "CAT")}
    assert "no-authorization" in codes(findings_of(clean_facts(without=("p",))), "blocker")


def test_blockers_come_before_warnings():
    facts = [*clean_facts(without=("p", "d")), fact("u", "un_communication_submitted", "2021-06-20", committee="CAT")]
    levels = [f.level for f in findings_of(facts, "CAT")]
    assert "warning" in levels and "blocker" in levels
    assert levels == sorted(levels, key=lambda level: level != "blocker")


# --- phrases --------------------------------------------------------------------------------------
def _sample_fields(type_name: str) -> dict[str, Any]:
    samples = {Kind.TEXT: "sample text", Kind.LONG_TEXT: "sample text", Kind.BOOL: False,
               Kind.WHEN: "2021-02-03", Kind.EVENT: "0", Kind.AMOUNT: 1000, Kind.TERM: "01", Kind.TERMS: ["03.01"]}
    out = {}
    for spec in EVENT_TYPES_BY_NAME[type_name].fields:
        out[spec.name] = spec.choices[0].code if spec.kind is Kind.CHOICE else samples[spec.kind]
    if type_name in ("un_communication_submitted", "authorization_signed"):
        out["committee"] = "CAT"
    return out


def test_every_event_type_has_a_sentence():
    assert missing_sentences() == []
    for name, (english, russian) in SENTENCES.items():
        assert name in EVENT_TYPES_BY_NAME
        assert english.strip() and russian.strip()
        assert english.startswith("{on}") and russian.startswith("{on}")


@pytest.mark.parametrize("when", ["2021-05-03", "2021-05", "2021"])
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("type_name", sorted(EVENT_TYPES_BY_NAME))
def test_every_sentence_renders_for_each_precision(type_name, language, when):
    moment = When.parse(when)
    phrase = date_phrase(moment, language)
    for fields in (_sample_fields(type_name), {}):
        text = sentence(type_name, moment, "police", fields, language)
        assert "{" not in text and "}" not in text, text
        assert text.startswith(phrase[0].upper() + phrase[1:]), text


def test_sentences_in_both_languages_differ_and_use_the_fields():
    moment = When.parse("2021-05-03")
    en = sentence("appeal_filed", moment, "lawyer", {"to_body": "investigating_judge"}, "en")
    ru = sentence("appeal_filed", moment, "lawyer", {"to_body": "investigating_judge"}, "ru")
    assert en == "On 3 May 2021 a complaint against the decision was filed to the investigating judge."
    assert ru == "3 мая 2021 г. была подана жалоба на решение следственному судье."
    assert sentence("interrogation", moment, "police", {"with_lawyer": False}, "en") == (
        "On 3 May 2021 the victim was interrogated without a lawyer.")
    assert sentence("compensation_paid", moment, None, {"amount_kzt": 2000000}, "en") == (
        "On 3 May 2021 compensation was paid (2,000,000 tenge).")


# --- lawyer's texts -------------------------------------------------------------------------------
LAWYER_FACTS = ("On 8 January 2021 Mikhail, aged 15, was taken barefoot to the police station. "
                "[[Statement of the father, 12 January 2021, p. 2]]\n\n"
                "He was interrogated without a lawyer. [[Forensic report No. 7, p. 3]]")


def test_lawyer_facts_replace_the_generated_facts_in_the_docx():
    data = seed_input(KAZANTSEV, "HRC", "en", texts={"facts": LAWYER_FACTS})
    edited = sections(open_docx(render_docx(build(data))))
    assert [unnumbered(p) for p in edited["facts"]] == [
        "On 8 January 2021 Mikhail, aged 15, was taken barefoot to the police station.",
        "He was interrogated without a lawyer.",
    ]
    assert [p.split("\t")[0] for p in edited["facts"]] == ["4.", "5."]
    assert edited["complaint"][0].startswith("6.\t")


def test_lawyer_source_markers_become_footnotes():
    data = seed_input(KAZANTSEV, "HRC", "en", texts={"facts": LAWYER_FACTS})
    produced = render_docx(build(data))
    remedies = [e.source for e in data.events if e.type in REMEDY_TYPES]
    assert footnotes_of(produced) == [*remedies, "Statement of the father, 12 January 2021, p. 2",
                                      "Forensic report No. 7, p. 3"]
    notes = footnotes_by_id(produced)
    facts = section_elements(open_docx(produced))["facts"]
    assert [notes[i] for p in facts for i in reference_ids(p)] == [
        "Statement of the father, 12 January 2021, p. 2", "Forensic report No. 7, p. 3"]
    assert "[[" not in open_docx(produced).element.xml


def test_other_sections_still_come_from_the_case_when_facts_are_edited():
    generated = sections(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))
    data = seed_input(KAZANTSEV, "HRC", "en", texts={"facts": LAWYER_FACTS})
    produced = open_docx(render_docx(build(data)))
    edited = sections(produced)
    for key in ("author", "state", "exhaustion", "other_procedures", "complaint", "requests", "annexes"):
        assert [unnumbered(p) for p in edited[key]] == [unnumbered(p) for p in generated[key]], key
    assert table_rows(produced) == table_rows(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))


def test_an_edited_requests_section_leaves_the_facts_generated():
    data = seed_input(ZHILIN, "CAT", "en", texts={"requests": "The author asks for interim measures."})
    by_section = sections(open_docx(render_docx(build(data))))
    assert [unnumbered(p) for p in by_section["requests"]] == ["The author asks for interim measures."]
    assert "On 2 December 2022 the victim's expulsion was ordered." in [unnumbered(p) for p in by_section["facts"]]


def test_generated_texts_cover_every_editable_section_with_markers():
    texts = generate_texts(seed_input(KAZANTSEV, "HRC", "en"))
    assert set(texts) == set(EDITABLE)
    assert texts["facts"].count("[[") == 24
    # The generated text fed back as a lawyer's text gives the same document.
    again = render_docx(build(seed_input(KAZANTSEV, "HRC", "en", texts=texts)))
    assert sections(open_docx(again)) == sections(open_docx(seed_docx(KAZANTSEV, "HRC", "en")))
    assert footnotes_of(again) == footnotes_of(seed_docx(KAZANTSEV, "HRC", "en"))


# --- bugs found -----------------------------------------------------------------------------------
def test_text_after_a_mid_paragraph_marker_keeps_its_space():
    texts = {"facts": "The police beat him [[Witness statement]] and then released him."}
    data = seed_input(ZHILIN, "CAT", "en", texts=texts)
    facts = sections(open_docx(render_docx(build(data))))["facts"]
    assert [unnumbered(p) for p in facts] == ["The police beat him and then released him."]


def test_russian_notice_has_no_double_period():
    notice = open_docx(seed_docx(ZHILIN, "CAT", "ru")).paragraphs[2].text
    assert "KZ-2022-ZHILIN" in notice and "23 ноября 2026 г." in notice
    assert ".." not in notice


@pytest.mark.parametrize("language, text", [
    ("en", "In 2010 a communication was submitted to the Committee against Torture (No. 433/2010)."),
    ("ru", "В 2010 г. сообщение было направлено в Комитет против пыток ("),
], ids=["en", "ru"])
def test_other_procedure_dates_read_per_precision(language, text):
    other = sections(open_docx(seed_docx(GERASIMOV, "HRC", language)))["other_procedures"]
    assert len(other) == 1
    assert unnumbered(other[0]).startswith(text)


@pytest.mark.parametrize("language, extended, recorded", [
    ("en", "On 3 May 2021 the investigation was extended until 30 June 2021.",
     "On 3 May 2021 a detention record was drawn up, giving 3 May 2021, 10:00 as the time of detention."),
    ("ru", "3 мая 2021 г. срок расследования был продлен до 30 июня 2021 г.",
     "3 мая 2021 г. был составлен протокол задержания с указанием времени задержания 3 мая 2021 г., 10:00."),
], ids=["en", "ru"])
def test_date_fields_in_sentences_are_formatted_per_language(language, extended, recorded):
    moment = When.parse("2021-05-03")
    assert sentence("investigation_extended", moment, "police", {"until": "2021-06-30"}, language) == extended
    assert sentence("detention_recorded", moment, "police", {"recorded_time": "2021-05-03T10:00"},
                    language) == recorded


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_double_period_after_free_text(language):
    facts = sections(open_docx(seed_docx(KAZANTSEV, "HRC", language)))["facts"]
    assert not [p for p in facts if p.endswith("..")]


def test_russian_sentences_have_no_english_codes():
    moment = When.parse("2021-05-03")
    reprisal = sentence("reprisal", moment, "police", {"kind": "pressure_to_withdraw"}, "ru")
    signed = sentence("authorization_signed", moment, None, {"kind": "power_of_attorney"}, "ru")
    assert not re.search(r"[A-Za-z]", reprisal), reprisal
    assert not re.search(r"[A-Za-z]", signed), signed


def test_russian_complaint_names_the_body_in_the_right_case():
    moment = When.parse("2021-05-03")
    assert sentence("complaint_filed", moment, "lawyer", {"to_body": "prosecutor"}, "ru") == (
        "3 мая 2021 г. была подана жалоба в прокуратуру.")
    assert sentence("forwarded_without_registration", moment, "prosecutor", {"to_body": "police"}, "ru") == (
        "3 мая 2021 г. жалоба без регистрации была направлена в полицию.")


def test_russian_document_numbers_use_the_number_sign():
    document = open_docx(render_docx(build(synthetic_input(APPEALED, language="ru"))))
    assert table_rows(document)[2][2] == "Decision to terminate the pre-trial investigation № 12/345"
    assert sections(document)["annexes"][0] == (
        "Приложение 1. Decision to terminate the pre-trial investigation № 12/345 (10 мая 2021 г.)")
    other = sections(open_docx(seed_docx(GERASIMOV, "HRC", "ru")))["other_procedures"]
    assert other[0].endswith("(№ 433/2010).")


@pytest.mark.parametrize("language, terminated, apprehended", [
    ("en", "On 3 May 2021 the investigation was terminated under CPC art. 35(1) (the paragraph is not stated in the "
     "record).",
     "On 3 May 2021 the victim was apprehended."),
    ("ru", "3 мая 2021 г. расследование было прекращено по основанию части 1 статьи 35 УПК (пункт в материалах "
     "дела не указан).",
     "3 мая 2021 г. жертва была задержана."),
], ids=["en", "ru"])
def test_sentence_without_a_body_uses_its_short_form(language, terminated, apprehended):
    moment = When.parse("2021-05-03")
    assert sentence("investigation_terminated", moment, None, {"ground": "cpc_35_1_unstated"}, language) == terminated
    assert sentence("apprehension", moment, None, {}, language) == apprehended
