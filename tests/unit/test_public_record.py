"""What the public sources describe, pinned: each seeded case evaluated from its seed file.

The seed files (seed/*.json, docs/interchange.md) hold real cases from the public record:
NGO submissions to the Committee against Torture, the State's replies and the Committee's
Views. Each case is evaluated as of 23 November 2026 and must raise the red flags its
sources describe, on the events that show them, and not raise the ones they rule out.
Cases are found by their reference or incident label, never by their place in a file.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from app.interchange.evaluation import case_file
from app.interchange.format import CaseRecord, parse_document
from app.procedure.engine import evaluate
from app.procedure.results import Flag, Severity

SEED = Path(__file__).resolve().parents[2] / "seed"
AS_OF = datetime(2026, 11, 23, 12, 0)


# --- reading the seed ---------------------------------------------------------------------------------
@cache
def seeded_cases() -> tuple[CaseRecord, ...]:
    cases: list[CaseRecord] = []
    for path in sorted(SEED.glob("*.json")):
        cases.extend(parse_document(json.loads(path.read_text(encoding="utf-8")), now=AS_OF).cases)
    return tuple(cases)


def by_reference(reference: str) -> CaseRecord:
    found = [c for c in seeded_cases() if c.reference == reference]
    assert len(found) == 1, f"{reference} is seeded {len(found)} times"
    return found[0]


def by_incident(incident: str) -> list[CaseRecord]:
    return [c for c in seeded_cases() if c.incident == incident]


@cache
def flags_of(reference: str) -> tuple[Flag, ...]:
    return tuple(evaluate(case_file(by_reference(reference)), AS_OF).flags)


def flagged(reference: str, rule: str) -> list[Flag]:
    return [f for f in flags_of(reference) if f.rule == rule]


def event_types(record: CaseRecord, flag: Flag) -> list[str]:
    """The types of the events that triggered ``flag`` (event refs are indexes in the file)."""
    return [record.events[ref].type for ref in flag.events]


def assert_raised_on(reference: str, rule: str, *types: str) -> None:
    """``rule`` is raised on events of exactly these types."""
    record = by_reference(reference)
    found = flagged(reference, rule)
    assert found, f"{reference} does not raise {rule}"
    assert any(event_types(record, f) == list(types) for f in found), \
        f"{reference}: {rule} raised on {[event_types(record, f) for f in found]}"


KAZANTSEV, AYNIYAZOV, ZHILIN = "KZ-2021-KAZANTSEV", "KZ-2022-AYNIYAZOV", "KZ-2022-ZHILIN"
DEATHS = [c.reference for c in by_incident("january-2022-deaths")]
KETTLING = [c.reference for c in by_incident("kettling-2021-01-10")]


def test_the_seed_holds_six_january_2022_deaths_and_four_kettling_complainants():
    assert len(DEATHS) == 6
    assert len(KETTLING) == 4


# --- Kazantsev: a 15-year-old interrogated alone with frostbite -------------------------------------------
@pytest.mark.parametrize(("rule", "types"), [
    ("minor-without-representative", ["interrogation"]),
    ("no-medical-care", ["medical_exam"]),
    ("decision-not-served", ["investigation_terminated"]),
    ("terminated-lack-of-evidence", ["investigation_terminated"]),
    ("reprisal", ["reprisal"]),
])
def test_kazantsev_raises(rule, types):
    assert_raised_on(KAZANTSEV, rule, *types)


def test_kazantsev_minor_without_representative_is_critical():
    assert {f.severity for f in flagged(KAZANTSEV, "minor-without-representative")} == {Severity.CRITICAL}


def test_kazantsev_custody_over_limit_is_counted_as_a_minors_24_hours():
    assert "24 h for a minor" in flagged(KAZANTSEV, "custody-over-limit")[0].explanation


@pytest.mark.parametrize("rule", ["unofficial-place-of-detention", "refoulement-risk", "death-in-custody"])
def test_kazantsev_does_not_raise(rule):
    assert flagged(KAZANTSEV, rule) == []


# --- Ayniyazov: beaten in a military unit in Taraz, January 2022 ---------------------------------------------
@pytest.mark.parametrize(("rule", "types"), [
    ("unofficial-place-of-detention", ["apprehension"]),
    ("forwarded-to-implicated-body", ["forwarded_without_registration"]),
    ("evidence-ignored", ["forensic_exam_result", "investigation_terminated"]),
    ("terminated-lack-of-evidence", ["investigation_terminated"]),
])
def test_ayniyazov_raises(rule, types):
    assert_raised_on(AYNIYAZOV, rule, *types)


def test_ayniyazov_an_adult_interrogated_without_a_lawyer_raises_no_minor_flag():
    assert flagged(AYNIYAZOV, "interrogation-without-lawyer")
    assert flagged(AYNIYAZOV, "minor-without-representative") == []


@pytest.mark.parametrize("rule", ["refoulement-risk", "death-in-custody", "reprisal"])
def test_ayniyazov_does_not_raise(rule):
    assert flagged(AYNIYAZOV, rule) == []


# --- Zhilin: expelled two days after his asylum refusal ------------------------------------------------------
def test_zhilin_raises_refoulement_risk_on_the_expulsion_order():
    assert_raised_on(ZHILIN, "refoulement-risk", "asylum_refused", "expulsion_ordered")


def test_zhilin_raises_refoulement_risk_on_the_deportation():
    assert_raised_on(ZHILIN, "refoulement-risk", "asylum_refused", "deported")


def test_zhilin_refoulement_risk_is_critical_and_asks_for_interim_measures():
    for flag in flagged(ZHILIN, "refoulement-risk"):
        assert flag.severity is Severity.CRITICAL
        assert "interim measures" in flag.action


@pytest.mark.parametrize("rule", ["death-in-custody", "minor-without-representative", "reprisal"])
def test_zhilin_does_not_raise(rule):
    assert flagged(ZHILIN, rule) == []


# --- the January 2022 deaths ------------------------------------------------------------------------------------
@pytest.mark.parametrize("reference", DEATHS)
def test_january_2022_death_raises_death_in_custody(reference):
    assert_raised_on(reference, "death-in-custody", "death_in_custody")
    assert flagged(reference, "death-in-custody")[0].severity is Severity.CRITICAL


@pytest.mark.parametrize("reference", DEATHS)
def test_january_2022_death_records_the_investigation_and_autopsy_the_state_reported(reference):
    explanation = flagged(reference, "death-in-custody")[0].explanation
    assert "no investigation" not in explanation.lower()
    assert "no independent autopsy" not in explanation.lower()


@pytest.mark.parametrize("reference", DEATHS)
@pytest.mark.parametrize("rule", ["minor-without-representative", "refoulement-risk", "unregistered-complaint"])
def test_january_2022_death_does_not_raise(reference, rule):
    assert flagged(reference, rule) == []


# --- the kettling of 10 January 2021 ----------------------------------------------------------------------------
@pytest.mark.parametrize("reference", KETTLING)
def test_kettling_complainant_raises_forwarded_to_implicated_body(reference):
    assert_raised_on(reference, "forwarded-to-implicated-body", "forwarded_without_registration")
    assert flagged(reference, "forwarded-to-implicated-body")[0].severity is Severity.CRITICAL


@pytest.mark.parametrize("reference", KETTLING)
@pytest.mark.parametrize("rule", ["minor-without-representative", "unregistered-complaint", "death-in-custody"])
def test_kettling_complainant_does_not_raise(reference, rule):
    assert flagged(reference, rule) == []


APPEALED_RULING = [c.reference for c in by_incident("kettling-2021-01-10")
                   if any(e.type == "appeal_filed" and e.fields.get("to_body") == "regional_court" for e in c.events)]


@pytest.mark.parametrize("reference", APPEALED_RULING)
def test_kettling_complainant_who_appealed_the_judges_ruling_has_no_missed_ruling_appeal(reference):
    assert [f for f in flagged(reference, "appeal-deadline")
            if "appeal-investigating-judge-ruling-3d" in f.explanation] == []
