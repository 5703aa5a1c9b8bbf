"""Admissibility findings say themselves in the reader's language: every message the check writes
is a Phrase (its English text as a str, its message and values as data) that survives its JSON and
goes through the wording's catalog, and every message of app/drafts/admissibility.py is extracted."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from app.drafts.admissibility import DEFAULT_PROCEDURES, Finding, Procedure, check
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import evaluate
from app.procedure.phrase import Phrase
from app.procedure.when import When
from tests.unit.shouting import Shouting, messages

ROOT = Path(__file__).resolve().parents[2]
PROCEDURES = {p.committee: p for p in DEFAULT_PROCEDURES}


def fact(ref: str, type_: str, when: str, **fields) -> Fact:
    return Fact(ref, type_, When.parse(when), None, fields)


INCIDENT = fact("i", "incident", "2021-03-01")
COMPLAINT = fact("c", "complaint_filed", "2021-03-02", to_body="prosecutor")
TERMINATED = fact("t", "investigation_terminated", "2021-05-10", ground="no_corpus_delicti")
SERVED = fact("s", "decision_served", "2021-05-12", decision="t")
APPEALED = fact("a", "appeal_filed", "2021-05-20", against="t", to_body="investigating_judge")
DECIDED = fact("d", "appeal_decided", "2021-06-01", outcome="rejected")
SIGNED = fact("p", "consent_given", "2021-06-15", scope="file", by="victim")
CLEAN = (INCIDENT, COMPLAINT, TERMINATED, SERVED, APPEALED, DECIDED, SIGNED)
AS_OF = datetime(2021, 7, 1, 12, 0)

# (name, facts, committee, procedures, as_of): together they write every message of the check.
BUILT = (
    ("not accepted, with the admin's note", CLEAN, "CAT",
     {**PROCEDURES, "CAT": Procedure("CAT", False, None, "declaration withdrawn")}, AS_OF),
    ("not accepted, no note", CLEAN, "CAT", {**PROCEDURES, "CAT": Procedure("CAT", False)}, AS_OF),
    ("every fact before the protocol, nothing signed", (
        fact("i", "incident", "2008-05-01"), fact("c", "complaint_filed", "2008-05-02", to_body="prosecutor")),
     "HRC", PROCEDURES, datetime(2012, 1, 1)),
    ("some facts before the protocol, an appeal pending", (
        fact("i", "incident", "2008-05-01"), fact("j", "incident", "2009-09-30"),
        fact("c", "complaint_filed", "2009-10-02", to_body="prosecutor"),
        fact("a", "appeal_filed", "2009-10-20", to_body="prosecutor"), SIGNED),
     "HRC", PROCEDURES, datetime(2012, 1, 1)),
    ("no remedy, investigation open", (INCIDENT, fact("o", "investigation_opened", "2021-03-05")),
     "CAT", PROCEDURES, AS_OF),
    ("termination never appealed nor served", (INCIDENT, COMPLAINT, TERMINATED, SIGNED), "CAT", PROCEDURES, AS_OF),
    ("submitted elsewhere and here", (*CLEAN, fact("u", "un_communication_submitted", "2021-06-20",
                                                   committee="HRC")), "CAT", PROCEDURES, AS_OF),
    ("already submitted", (*CLEAN, fact("u", "un_communication_submitted", "2021-06-20", committee="HRC")),
     "HRC", PROCEDURES, AS_OF),
    ("five years over", CLEAN, "HRC", PROCEDURES, datetime(2026, 7, 1, 12, 0)),
    ("five years over, the CAT not available", CLEAN, "HRC",
     {**PROCEDURES, "CAT": Procedure("CAT", False)}, datetime(2026, 7, 1, 12, 0)),
    ("five years over, to the CAT", CLEAN, "CAT", PROCEDURES, datetime(2026, 7, 1, 12, 0)),
    ("consent withdrawn", (*CLEAN, fact("w", "consent_withdrawn", "2021-06-20", scope="file", by="victim")),
     "CAT", PROCEDURES, AS_OF),
    ("the matter before another procedure, pending", (
        *CLEAN, fact("w", "other_international_procedure", "2021-06-18", procedure="WGAD", status="pending")),
     "CAT", PROCEDURES, AS_OF),
    ("the matter before another procedure, pending, to the HRC", (
        *CLEAN, fact("w", "other_international_procedure", "2021-06-18", procedure="WGAD", status="pending")),
     "HRC", PROCEDURES, AS_OF),
    ("the matter before another procedure, concluded", (
        *CLEAN, fact("w", "other_international_procedure", "2021-06-18", procedure="WGAD", status="concluded")),
     "HRC", PROCEDURES, AS_OF),
    ("five years ending", CLEAN, "HRC", PROCEDURES, datetime(2026, 5, 20, 12, 0)),
    ("five years ending, the decision known by its year", (
        INCIDENT, COMPLAINT, fact("t", "investigation_terminated", "2021", ground="no_corpus_delicti"), SIGNED),
     "HRC", PROCEDURES, datetime(2026, 8, 1, 12, 0)),
)


@cache
def all_findings() -> tuple[tuple[str, Finding], ...]:
    found = []
    for name, facts, committee, procedures, as_of in BUILT:
        case = CaseFile.build(list(facts))
        found.extend((name, f) for f in check(case, evaluate(case, as_of), committee, procedures, as_of))
    return tuple(found)


FINDINGS = all_findings()
IDS = [f"{name}:{f.code}" for name, f in FINDINGS]


def written() -> set[str]:
    """The messages the catalogs' extraction finds in the check (keyword Phrase)."""
    path = ROOT / "app" / "drafts" / "admissibility.py"
    return {message for _, message, _, _ in extract_from_file("python", path, keywords={"Phrase": None},
                                                              comment_tags=())}


def test_the_built_cases_say_every_message_the_check_writes():
    said = set().union(*(messages(f.message) for _, f in FINDINGS))
    assert written() - said == set()


@pytest.mark.parametrize("finding", [f for _, f in FINDINGS], ids=IDS)
def test_a_finding_message_is_a_phrase_whose_english_is_its_text(finding):
    assert isinstance(finding.message, Phrase)
    assert finding.message.say() == str(finding.message)


@pytest.mark.parametrize("finding", [f for _, f in FINDINGS], ids=IDS)
def test_a_finding_message_survives_its_json(finding):
    text = finding.message
    again = Phrase.from_json(json.loads(json.dumps(text.to_json())))
    assert again == text and again.message == text.message and again.to_json() == text.to_json()


@pytest.mark.parametrize("finding", [f for _, f in FINDINGS], ids=IDS)
def test_every_message_of_a_finding_is_translated(finding):
    shouting = Shouting()
    said = finding.message.say(shouting)
    assert said != str(finding.message)
    assert messages(finding.message) <= shouting.asked
    assert said.upper() == str(finding.message).upper(), "only the wording changes, not the values"


def test_codes_and_dates_stay_as_written():
    texts = {str(f.message) for _, f in FINDINGS}
    assert ("The termination of 2021-05-10 was never appealed: complain to the investigating judge (CPC 106) or "
            "explain why that remedy was not available.") in texts
    assert ("Every recorded fact predates 30.09.2009, when the procedure took effect for Kazakhstan: argue a "
            "continuing violation or choose another committee.") in texts
    assert "A communication to HRC is already recorded (2021-06-20)." in texts
    assert "Kazakhstan has not accepted individual communications to CAT (declaration withdrawn)." in texts
    assert ("No written consent of the victim to a communication to the Committee against Torture is recorded: "
            "record it (event 'Consent given', with the signed document) before submitting.") in texts
