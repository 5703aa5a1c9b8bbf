"""UN communication drafts (DOMAIN.md §7): the admissibility check, the sentences of each event type, and a
lawyer's edits of the narrative sections. The document itself: test_signable_drafts.py."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest

from app.drafts.admissibility import DEFAULT_PROCEDURES, Finding, Procedure, check
from app.drafts.builder import EDITABLE, build, generate_texts
from app.drafts.docx_renderer import footnotes_of, render_docx
from app.drafts.language import date_phrase, format_day, format_when
from app.drafts.phrases import SENTENCES, missing_sentences, sentence
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import evaluate
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME, Kind
from app.procedure.when import When
from tests.unit.drafts_support import (
    GERASIMOV,
    KAZANTSEV,
    TODAY,
    ZHILIN,
    event,
    footnotes_by_id,
    open_docx,
    reference_ids,
    section_elements,
    sections,
    seed_docx,
    seed_input,
    synthetic_input,
    table_rows,
)

PROCEDURES = {p.committee: p for p in DEFAULT_PROCEDURES}


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
    ("p", "consent_given", "2021-06-15", None, {"scope": "file", "by": "victim"}),
    ("o", "not_done", "2021-06-16", None, {"step": "other_international_procedure"}),
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
             fact("p", "consent_given", "2021-06-15", scope="file", by="victim")]
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


def test_consent_for_another_committee_does_not_count():
    facts = [*clean_facts(without=("p",)),
             fact("p", "consent_given", "2021-06-15", scope="file", by="victim", committee="HRC")]
    assert "consent-missing" in codes(findings_of(facts, "CAT"), "blocker")
    assert "consent-missing" not in {f.code for f in findings_of(facts, "HRC")}


def test_consent_for_this_committee_or_any_counts():
    for extra in ({"committee": "CAT"}, {}):
        facts = [*clean_facts(without=("p",)), fact("p", "consent_given", "2021-06-15", scope="file", by="victim",
                                                    **extra)]
        assert "consent-missing" not in {f.code for f in findings_of(facts, "CAT")}
    assert "consent-missing" in codes(findings_of(clean_facts(without=("p",))), "blocker")
    # the earlier record of a victim's consent still counts; a power of attorney alone does not
    signed = [*clean_facts(without=("p",)), fact("p", "authorization_signed", "2021-06-15", kind="consent")]
    assert "consent-missing" not in {f.code for f in findings_of(signed)}
    attorney = [*clean_facts(without=("p",)), fact("p", "authorization_signed", "2021-06-15", kind="power_of_attorney")]
    assert "consent-missing" in codes(findings_of(attorney), "blocker")


def test_a_withdrawn_consent_blocks_and_says_when():
    facts = [*clean_facts(), fact("w", "consent_withdrawn", "2021-06-20", scope="file", by="victim")]
    findings = findings_of(facts)
    assert codes(findings, "blocker") == {"consent-withdrawn"}
    assert "2021-06-20" in next(f.message for f in findings if f.code == "consent-withdrawn")


def test_the_consent_of_a_deceased_victim_is_the_next_of_kins():
    facts = [*clean_facts(), fact("x", "death_in_custody", "2021-03-01", body="police")]
    assert "consent-missing" in codes(findings_of(facts), "blocker")
    family = [*facts, fact("k", "consent_given", "2021-06-17", scope="file", by="next_of_kin")]
    assert "consent-missing" not in {f.code for f in findings_of(family)}


def test_the_same_matter_elsewhere_bars_the_cat_always_and_the_hrc_only_while_pending():
    concluded = [*clean_facts(without=("o",)),
                 fact("w", "other_international_procedure", "2021-06-18", procedure="WGAD", status="concluded")]
    assert "same-matter-elsewhere" in codes(findings_of(concluded, "CAT"), "blocker")
    hrc = findings_of(concluded, "HRC")
    assert "same-matter-elsewhere" not in {f.code for f in hrc}
    assert "same-matter-concluded" in codes(hrc, "warning")
    pending = [*clean_facts(without=("o",)),
               fact("w", "other_international_procedure", "2021-06-18", procedure="WGAD", status="pending")]
    assert "same-matter-elsewhere" in codes(findings_of(pending, "HRC"), "blocker")


def test_a_silent_record_on_the_same_matter_is_a_warning_to_ask():
    assert "same-matter-unknown" in codes(findings_of(clean_facts(without=("o",))), "warning")
    assert "same-matter-unknown" not in {f.code for f in findings_of(clean_facts())}


def test_after_five_years_the_hrc_draft_is_blocked_and_the_cat_suggested():
    findings = findings_of(clean_facts(), "HRC", as_of=datetime(2026, 11, 23, 12, 0))
    blocker = next(f for f in findings if f.code == "hrc-five-years")
    assert blocker.level == "blocker"
    assert "draft to the CAT instead" in blocker.message
    cat = findings_of(clean_facts(), "CAT", as_of=datetime(2026, 11, 23, 12, 0))
    assert "hrc-five-years" not in {f.code for f in cat}
    assert "cat-delay" in codes(cat, "warning")


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
        if spec.kind is Kind.CHOICES:
            out[spec.name] = [c.code for c in spec.choices[:2]]
            continue
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
    data = seed_input(KAZANTSEV, "CAT", "en", texts={"facts": LAWYER_FACTS})
    facts = section_elements(open_docx(render_docx(build(data))))["facts"]
    assert [p.text for p in facts] == [
        "On 8 January 2021 Mikhail, aged 15, was taken barefoot to the police station.",
        "He was interrogated without a lawyer.",
    ]


def test_lawyer_source_markers_become_footnotes():
    data = seed_input(KAZANTSEV, "CAT", "en", texts={"facts": LAWYER_FACTS})
    produced = render_docx(build(data))
    notes = footnotes_by_id(produced)
    facts = section_elements(open_docx(produced))["facts"]
    assert [notes[i] for p in facts for i in reference_ids(p)] == [
        "Statement of the father, 12 January 2021, p. 2", "Forensic report No. 7, p. 3"]
    assert "[[" not in open_docx(produced).element.xml


def test_a_lawyers_question_and_sub_heading_markers_are_kept():
    texts = {"complaint": "## Article 16 of the Convention\n\nThe cold was used as punishment. [? check the "
                          "temperature in the record ?]"}
    document = open_docx(render_docx(build(seed_input(KAZANTSEV, "CAT", "en", texts=texts))))
    complaint = section_elements(document)["complaint"]
    assert [(p.style.name, p.text) for p in complaint] == [
        ("Heading 2", "Article 16 of the Convention"),
        ("Normal", "The cold was used as punishment. [check the temperature in the record]")]
    assert [r.text for r in complaint[1].runs if r.font.highlight_color] == ["[check the temperature in the record]"]


def test_other_sections_still_come_from_the_case_when_facts_are_edited():
    generated = sections(open_docx(seed_docx(KAZANTSEV, "CAT", "en")))
    data = seed_input(KAZANTSEV, "CAT", "en", texts={"facts": LAWYER_FACTS})
    produced = open_docx(render_docx(build(data)))
    edited = sections(produced)
    for key in ("author", "state", "exhaustion", "other_procedures", "complaint", "requests", "annexes"):
        assert edited[key] == generated[key], key
    assert table_rows(produced) == table_rows(open_docx(seed_docx(KAZANTSEV, "CAT", "en")))


def test_an_edited_requests_section_leaves_the_facts_generated():
    data = seed_input(ZHILIN, "CAT", "en", texts={"requests": "The complainant asks for a finding of article 3."})
    by_section = sections(open_docx(render_docx(build(data))))
    assert by_section["requests"] == ["The complainant asks for a finding of article 3."]
    assert by_section["facts"] == sections(open_docx(seed_docx(ZHILIN, "CAT", "en")))["facts"]


def test_generated_texts_cover_every_editable_section_with_markers():
    data = seed_input(KAZANTSEV, "CAT", "en")
    texts = generate_texts(data)
    assert set(texts) == set(EDITABLE)
    assert texts["facts"].count("[[") == 24
    # The generated text fed back as a lawyer's text gives the same document.
    again = render_docx(build(seed_input(KAZANTSEV, "CAT", "en", texts=texts)))
    assert sections(open_docx(again)) == sections(open_docx(seed_docx(KAZANTSEV, "CAT", "en")))
    assert footnotes_of(again) == footnotes_of(seed_docx(KAZANTSEV, "CAT", "en"))


# --- bugs found -----------------------------------------------------------------------------------
def test_text_after_a_mid_paragraph_marker_keeps_its_space():
    texts = {"facts": "The police beat him [[Witness statement]] and then released him."}
    facts = sections(open_docx(render_docx(build(seed_input(ZHILIN, "CAT", "en", texts=texts)))))["facts"]
    assert facts == ["The police beat him and then released him."]


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
    assert other[0].startswith(text)


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
    events = [event("investigation_terminated", "2021-05-10", body="prosecutor", ground="no_corpus_delicti",
                    document={"number": "12/345", "title": "Постановление о прекращении расследования"})]
    document = open_docx(render_docx(build(synthetic_input(events, language="ru"))))
    assert table_rows(document)[1][2] == "Постановление о прекращении расследования № 12/345"
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


def test_amounts_are_written_as_each_language_writes_numbers():
    from app.drafts.phrases import sentence

    fields = {"amount_kzt": 100_000, "amount_mci": 23.5, "source": "court"}
    assert sentence("compensation_awarded", When.parse("2015"), None, fields, "ru") == (
        "В 2015 г. была присуждена компенсация (100\u00a0000 тенге, 23,5 МРП).")
    assert sentence("compensation_awarded", When.parse("2015"), None, fields, "en").endswith(
        "compensation was awarded (100,000 tenge, 23.5 MCI).")


def test_what_comes_after_a_decision_is_not_a_fact_of_the_communication():
    from app.drafts.builder import NOT_FACTS

    assert {"state_follow_up_reply", "implementation"} <= set(NOT_FACTS)
