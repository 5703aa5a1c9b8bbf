"""Red flags say themselves in the reader's language: every explanation and action the rules
write is a Phrase (its English text as a str, its message and values as data), stored as JSON
and said again unchanged, and every message in it goes through the wording's catalog.

The flags are those the public-record seed cases raise (see test_public_record.py), with
their whole activity windows (``derive``), plus a few cases built for wordings the seed does
not reach.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from app.interchange.evaluation import case_file
from app.interchange.format import parse_document
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive
from app.procedure.phrase import Phrase
from app.procedure.results import Flag
from app.procedure.when import When
from tests.unit.shouting import Shouting, messages

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seed"
AS_OF = datetime(2026, 11, 23, 12, 0)


def fact(ref: str, type_: str, when: str, **fields) -> Fact:
    return Fact(ref, type_, When.parse(when), None, fields)


COMPLAINT = fact("c", "complaint_filed", "2024-03-01T10:00", to_body="prosecutor", by="lawyer")
QUALIFIED = fact("reg", "registered_urpti", "2024-03-01T15:00", qualification="CC 146(1)")
INJURED = fact("m", "medical_exam", "2024-03-01T12:00", kind="emergency", injuries=True)

# Rules and wordings the seed does not reach (cases as in test_flags.py): together with the seed they
# say every message the flag rules write (checked below).
BUILT = {
    "unregistered": CaseFile.build([COMPLAINT]),
    "cruel treatment, police investigating police": CaseFile.build([
        COMPLAINT, QUALIFIED, INJURED,
        fact("o", "investigation_opened", "2024-03-02", investigating_body="police", form="inquiry")],
        perpetrator_agency="police"),
    "plea bargain": CaseFile.build([COMPLAINT, QUALIFIED, fact("pb", "plea_bargain", "2024-05-01")]),
    "video lost": CaseFile.build([COMPLAINT, fact("v", "video_evidence_lost", "2024-03-05")]),
    "prosecutor and judge silent": CaseFile.build([
        fact("p", "appeal_filed", "2024-03-01", to_body="prosecutor"),
        fact("j", "appeal_filed", "2024-06-04", to_body="investigating_judge")]),
    "fund paid too little for torture": CaseFile.build([
        fact("vs", "victim_status_recognized", "2022-03-01"),
        fact("p", "compensation_paid", "2022-06-15", source="vcf", amount_kzt=91_889)]),
    "fund paid too little for a death": CaseFile.build([
        fact("d", "death_in_custody", "2022-01-10"), fact("vs", "victim_status_recognized", "2022-03-01"),
        fact("p", "compensation_paid", "2022-06-15", source="vcf", amount_kzt=153_149)]),
    "appealed late": CaseFile.build([
        fact("t", "investigation_terminated", "2024-05-01", ground="no_event"),
        fact("s", "decision_served", "2024-05-02", decision="t"),
        fact("a", "appeal_filed", "2024-06-30", to_body="investigating_judge")]),
    "no corpus delicti": CaseFile.build([
        fact("t", "investigation_terminated", "2024-05-01", ground="no_corpus_delicti")]),
    "expelled while appealing": CaseFile.build([
        fact("r", "asylum_refused", "2024-01-10"), fact("a", "asylum_appeal_filed", "2024-01-20"),
        fact("x", "expulsion_ordered", "2024-03-20")]),
    "recorded late": CaseFile.build([
        fact("a", "apprehension", "2024-03-01T10:00"), fact("d", "detention_recorded", "2024-03-01T14:00")]),
    "misdated": CaseFile.build([
        fact("a", "apprehension", "2024-03-01T10:00"),
        fact("d", "detention_recorded", "2024-03-01T11:00", recorded_time="2024-03-01T10:45")]),
    "injured on admission": CaseFile.build([
        fact("m", "medical_exam", "2024-03-01T12:00", kind="admission", injuries=True)]),
    "death, investigation only": CaseFile.build([
        fact("d", "death_in_custody", "2024-03-01"), fact("o", "investigation_opened", "2024-03-02")]),
    "late and misdated": CaseFile.build([
        fact("a", "apprehension", "2024-03-01T10:00"),
        fact("d", "detention_recorded", "2024-03-01T14:00", recorded_time="2024-03-01T11:00")]),
    "death, autopsy only": CaseFile.build([
        fact("d", "death_in_custody", "2024-03-01"),
        fact("f", "forensic_exam_ordered", "2024-03-02", kind="independent")]),
    "reprisal of no kind": CaseFile.build([fact("r", "reprisal", "2024-03-01")]),
    "forwarded to a body not named, said to be implicated": CaseFile.build([
        COMPLAINT, fact("f", "forwarded_without_registration", "2024-03-02", implicated=True)]),
    "deported while appealing": CaseFile.build([
        fact("r", "asylum_refused", "2024-01-10"), fact("a", "asylum_appeal_filed", "2024-01-20"),
        fact("x", "deported", "2024-03-20")]),
    # the findings on record (DOMAIN.md §8): a step late or confirmed not done
    "confirmed not registered": CaseFile.build([
        COMPLAINT, fact("nd", "not_done", "2024-03-05", step="registered_urpti", refers_to="c")]),
    "released and relatives told late": CaseFile.build([
        fact("a", "apprehension", "2024-03-01T10:00"), fact("n", "relatives_notified", "2024-03-02T01:00"),
        fact("r", "release", "2024-03-04T10:00")]),
    "a minor released late": CaseFile.build([
        fact("a", "apprehension", "2024-03-01T10:00"), fact("n", "relatives_notified", "2024-03-01T20:00"),
        fact("r", "release", "2024-03-03T10:00")], victim_flags=["minor"]),
    "a minor held and silent": CaseFile.build([fact("a", "apprehension", "2024-03-01T10:00")],
                                              victim_flags=["minor"]),
    "examined late on detention": CaseFile.build([
        fact("d", "detention_recorded", "2024-03-01T10:00"),
        fact("m", "medical_exam", "2024-03-01T20:00", kind="independent")]),
    "injuries in a SIZO reported late": CaseFile.build([
        fact("m", "medical_exam", "2024-03-01T12:00", kind="independent", injuries=True, place_type="sizo"),
        fact("r", "injury_reported_to_prosecutor", "2024-03-04")]),
    "injured on admission, cared for late": CaseFile.build([
        fact("m", "medical_exam", "2024-03-01T12:00", kind="admission", injuries=True, place_type="ivs"),
        fact("r", "injury_reported_to_prosecutor", "2024-03-01T13:00"),
        fact("e", "medical_exam", "2024-03-05", kind="emergency")]),
    "forensic examination ordered late": CaseFile.build([
        fact("c", "complaint_filed", "2024-03-01T10:00", to_body="prosecutor", injuries_alleged=True),
        fact("f", "forensic_exam_ordered", "2024-03-20", kind="forensic_fme")]),
    "no psychological examination, confirmed": CaseFile.build([
        COMPLAINT, fact("nd", "not_done", "2024-06-01", step="forensic_exam_ordered", refers_to="c",
                        kind="forensic_fppe")]),
    "investigation closed past its term": CaseFile.build([
        QUALIFIED, fact("t", "investigation_terminated", "2024-07-01", ground="other")]),
    "prosecutor and judge late": CaseFile.build([
        fact("p", "appeal_filed", "2024-03-01", to_body="prosecutor"),
        fact("pd", "appeal_decided", "2024-04-15", body="prosecutor", outcome="granted"),
        fact("j", "appeal_filed", "2024-06-04", to_body="investigating_judge"),
        fact("jd", "appeal_decided", "2024-07-15", body="investigating_judge", outcome="granted")]),
    "follow-up reply late": CaseFile.build([
        fact("u", "un_communication_submitted", "2021-02-01", committee="CAT"),
        fact("v", "un_views_adopted", "2024-09-23", violation_found=True),
        fact("r", "state_follow_up_reply", "2025-06-01")]),
    "no appeal, confirmed": CaseFile.build([
        fact("t", "investigation_terminated", "2024-05-01", ground="no_event"),
        fact("s", "decision_served", "2024-05-02", decision="t"),
        fact("nd", "not_done", "2024-06-20", step="appeal_filed", refers_to="s")]),
    "questioned with no lawyer known": CaseFile.build([
        fact("a", "apprehension", "2024-03-01T10:00"), fact("i", "interrogation", "2024-03-01T12:00")]),
    "questioned with no lawyer, confirmed": CaseFile.build([
        fact("a", "apprehension", "2024-03-01T10:00"), fact("i", "interrogation", "2024-03-01T12:00"),
        fact("nd", "not_done", "2024-03-02", step="lawyer_access", refers_to="a")]),
    "a minor questioned long, at night, all day": CaseFile.build([
        fact("i0", "interrogation", "2024-03-01T09:00", until="2024-03-01T11:00"),
        fact("i1", "interrogation", "2024-03-01T12:00", until="2024-03-01T14:00"),
        fact("i2", "interrogation", "2024-03-01T15:00", until="2024-03-01T18:30"),
        fact("i3", "interrogation", "2024-03-02T23:00")], victim_flags=["minor"]),
    "qualified as abuse of power": CaseFile.build([
        INJURED, fact("q", "registered_urpti", "2024-03-02", qualification="CC 362(4)")],
        perpetrator_agency="police"),
    "held by the police's ministry": CaseFile.build([COMPLAINT], victim_flags=["in_custody_now"],
                                                    perpetrator_agency="police"),
    "no communication sent, confirmed": CaseFile.build([
        fact("d", "registration_refused", "2020-06-10"),
        fact("nd", "not_done", "2024-12-20", step="un_communication_submitted", refers_to="d")]),
    "consent withdrawn, then filed": CaseFile.build([
        fact("g", "consent_given", "2024-03-01", scope="file", by="victim"),
        fact("w", "consent_withdrawn", "2024-04-01", scope="file", by="victim"),
        fact("u", "un_communication_submitted", "2024-05-01", committee="CAT")]),
    "a deceased victim's communication without the family's consent": CaseFile.build([
        fact("d", "death_in_custody", "2022-01-10"),
        fact("u", "un_communication_submitted", "2024-05-01", committee="HRC")]),
    "the communication of a person without capacity": CaseFile.build([
        fact("r", "legal_capacity_ruling", "2022-01-10", capacity="none"),
        fact("u", "un_communication_submitted", "2024-05-01", committee="HRC")]),
    "a minor's communication without consent": CaseFile.build([
        fact("u", "un_communication_submitted", "2024-05-01", committee="CAT")], victim_flags=["minor"]),
    "a committee's letter, answered late": CaseFile.build([
        fact("l", "un_correspondence", "2024-11-01", direction="from_committee", deadline="2024-12-02"),
        fact("r", "author_comments_submitted", "2024-12-05")]),
    "a committee's letter, not answered on record": CaseFile.build([
        fact("l", "un_correspondence", "2024-11-01", direction="from_committee", deadline="2024-12-02"),
        fact("nd", "not_done", "2024-12-03", step="un_correspondence", refers_to="l")]),
    "the State's observations, late": CaseFile.build([
        fact("t", "un_case_registered", "2024-08-15", committee="CAT"),
        fact("o", "state_observations_received", "2025-03-01")]),
    "the State's observations, not sent on record": CaseFile.build([
        fact("t", "un_case_registered", "2024-08-15", committee="CAT"),
        fact("nd", "not_done", "2025-02-20", step="state_observations_received", refers_to="t")]),
    "interim measures breached, and a removal after a request": CaseFile.build([
        fact("r", "un_interim_measures_requested", "2024-03-01"),
        fact("b", "un_interim_measures_breached", "2024-03-05", what="removal")]),
    "a removal after interim measures were requested": CaseFile.build([
        fact("r", "un_interim_measures_requested", "2024-03-01"), fact("d", "deported", "2024-03-04")]),
    "an award paid late": CaseFile.build([
        fact("a", "compensation_awarded", "2025-01-20", source="court", pay_by="2025-03-16"),
        fact("p", "compensation_paid", "2025-04-01", amount_kzt=2_000_000, source="court")]),
    "an award not paid on record": CaseFile.build([
        fact("a", "compensation_awarded", "2025-01-20", source="court", pay_by="2025-03-16"),
        fact("nd", "not_done", "2025-06-01", step="compensation_paid", refers_to="a")]),
    "an award, no payment recorded": CaseFile.build([
        fact("a", "compensation_awarded", "2025-01-20", source="court", pay_by="2025-03-16")]),
    "held by the police's ministry, confirmed": CaseFile.build([
        COMPLAINT, fact("nd", "not_done", "2024-03-10", step="safety_measure_granted", refers_to="c")],
        victim_flags=["in_custody_now"], perpetrator_agency="police"),
}


@cache
def all_flags() -> tuple[tuple[str, Flag], ...]:
    found: list[tuple[str, Flag]] = []
    for path in sorted(SEED.glob("*.json")):
        for record in parse_document(json.loads(path.read_text(encoding="utf-8")), now=AS_OF).cases:
            found.extend((record.reference, f) for f in derive(case_file(record)).flags)
    for name, built in BUILT.items():
        found.extend((name, f) for f in derive(built).flags)
    return tuple(found)


def texts() -> list[tuple[str, str]]:
    """(id, text) of every explanation and action raised."""
    found = []
    for n, (where, flag) in enumerate(all_flags()):
        found.append((f"{where}:{flag.rule}:{n}:explanation", flag.explanation))
        if flag.action is not None:
            found.append((f"{where}:{flag.rule}:{n}:action", flag.action))
    return found


TEXTS = texts()
IDS = [name for name, _ in TEXTS]


@cache
def extracted_from() -> tuple[tuple[str, str], ...]:
    """(file, message) of each message the catalogs' extraction finds in the domain (keyword Phrase)."""
    found = extract_from_dir(ROOT / "app" / "procedure", method_map=[("**.py", "python")],
                             keywords={"Phrase": None}, comment_tags=())
    return tuple((path, message) for path, _, message, _, _ in found)


def extracted() -> set[str]:
    return {message for _, message in extracted_from()}


def test_the_seed_and_the_built_cases_raise_every_flag_rule_with_a_phrase():
    rules = {flag.rule for _, flag in all_flags()}
    from app.procedure.engine import FLAG_RULES

    assert set(FLAG_RULES) <= rules, f"not raised: {set(FLAG_RULES) - rules}"


def test_the_seed_and_the_built_cases_say_every_message_the_flag_rules_write():
    said = set().union(*(messages(t) for _, t in TEXTS))
    written = {m for path, m in extracted_from() if path.startswith("rules") and path != "rules/deadlines.py"}
    assert written - said == set()


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=IDS)
def test_explanations_and_actions_are_phrases(text):
    assert isinstance(text, Phrase)


def test_a_flag_without_an_action_has_none():
    assert all(flag.action is None or isinstance(flag.action, Phrase) for _, flag in all_flags())


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=IDS)
def test_a_phrase_said_in_english_is_its_text(text):
    assert text.say() == str(text)


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=IDS)
def test_a_phrase_survives_its_json(text):
    stored = json.loads(json.dumps(text.to_json()))
    again = Phrase.from_json(stored)
    assert again == text and again.message == text.message and again.to_json() == text.to_json()
    assert again.say() == str(text)


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=IDS)
def test_every_message_of_a_phrase_is_translated(text):
    shouting = Shouting()
    said = text.say(shouting)
    assert said != str(text)
    assert messages(text) <= shouting.asked
    assert said.upper() == str(text).upper(), "only the wording changes, not the values"


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=IDS)
def test_every_message_is_extracted_for_the_catalogs(text):
    assert messages(text) <= extracted()
