"""What the public sources describe, pinned: each seeded case evaluated from its seed file.

The seed files (seed/*.json, docs/interchange.md) hold real cases from the public record:
the NGO coalition's submission to the Committee against Torture (NGO), the State's replies to
the Committee's list of issues (State), the summary record of the dialogue (CAT record) and the
Committee's decisions. Each case is evaluated as of 7 December 2026 and must raise exactly the
red flags listed below, each with what it rests on (DOMAIN.md §8): ``RECORD`` where a source
says it, ``ABSENCE`` where the sources are silent on a step that was due. The comments give the
source lines (in ../shared/sources/) the list was reviewed against. Cases are found by their
reference, never by their place in a file.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import pytest

from app.interchange.evaluation import case_file, evaluation_json
from app.interchange.format import CaseRecord, parse_document
from app.procedure.engine import evaluate
from app.procedure.results import Basis, Flag, Severity

SEED = Path(__file__).resolve().parents[2] / "seed"
AS_OF = datetime(2026, 12, 7, 12, 0)
RECORD, ABSENCE = Basis.RECORD, Basis.ABSENCE


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


def findings(reference: str) -> list[tuple[str, Basis, tuple[str, ...]]]:
    """Each active flag as (rule, basis, the types of the events it rests on), sorted."""
    record = by_reference(reference)
    return sorted((f.rule, f.basis, tuple(record.events[ref].type for ref in f.events)) for f in flags_of(reference))


KAZANTSEV, AYNIYAZOV, ZHILIN = "KZ-2021-KAZANTSEV", "KZ-2022-AYNIYAZOV", "KZ-2022-ZHILIN"
DEATHS = ["KZ-2022-ANAFIYAEV", "KZ-2022-RAKHMETOV", "KZ-2022-OTEPBAEV", "KZ-2022-MUKASHEV", "KZ-2022-ZHOTABAEV",
          "KZ-2022-KALIEV"]
KETTLING = [c.reference for c in by_incident("kettling-2021-01-10")]

# Per case, every flag active on 7 December 2026: (rule, basis, event types).
EXPECTED: dict[str, list[tuple[str, Basis, tuple[str, ...]]]] = {
    KAZANTSEV: [
        # NGO l.192: a 15-year-old interrogated "without the presence of his father, a lawyer or a legal
        # representative"; first lawyer only on 11 January (l.202)
        ("minor-without-representative", RECORD, ("interrogation",)),
        ("interrogation-without-lawyer", RECORD, ("interrogation",)),
        ("no-lawyer-from-actual-detention", RECORD, ("apprehension", "interrogation")),
        # NGO l.194: the father "was contacted more than five hours into his detention" (a not_done at 08:00)
        ("minor-parents-not-notified", RECORD, ("apprehension", "not_done")),
        # NGO l.204: held in Detention Centre No. 18 "in a cell with adult detainees with previous convictions"
        ("minor-held-with-adults", RECORD, ("held_with_adults",)),
        # NGO l.206: police officers demanded that he withdraw his complaint
        ("reprisal", RECORD, ("reprisal",)),
        # NGO l.208, l.212: terminated for "lack of evidence of a crime" (CPC 35(1), paragraph not stated)
        ("terminated-lack-of-evidence", RECORD, ("investigation_terminated",)),
        # NGO l.210: the father did not receive the decision, the lawyer was not given a copy (not_done)
        ("decision-not-served", RECORD, ("investigation_terminated", "not_done")),
        # absence: the sources name no forensic (FME) or psychological (FPPE) examination (l.192-212)
        ("no-forensic-exam", ABSENCE, ("medical_exam",)),
        ("no-psychological-exam", ABSENCE, ("incident",)),
        # absence: injuries found on admission to the IVS (l.200); no report to the prosecutor is mentioned
        ("no-medical-care", ABSENCE, ("medical_exam",)),
        # absence: the bureau's complaints to the General Prosecutor's office (l.212), no decision reported
        ("authority-overdue", ABSENCE, ("appeal_filed",)),
        # absence: more than five years since the termination of 30 April 2021, no CAT communication (l.212:
        # one to the HRC was being prepared)
        ("cat-delay", ABSENCE, ("investigation_terminated",)),
        ("stalled-case", ABSENCE, ("not_done",)),
    ],
    AYNIYAZOV: [
        # NGO l.182: held at the military unit on Tole-bi street, Taraz
        ("unofficial-place-of-detention", RECORD, ("apprehension",)),
        # NGO l.180, l.182: questioned "without providing access to a lawyer"
        ("interrogation-without-lawyer", RECORD, ("interrogation",)),
        ("no-lawyer-from-actual-detention", RECORD, ("apprehension", "interrogation")),
        # NGO l.304: the complaint forwarded to police internal security (DIS), the agency of the accused
        ("forwarded-to-implicated-body", RECORD, ("forwarded_without_registration",)),
        # NGO l.306: the forensic findings confirmed his account; l.304: closed "for lack of evidence"
        ("evidence-ignored", RECORD, ("forensic_exam_result", "investigation_terminated")),
        ("terminated-lack-of-evidence", RECORD, ("investigation_terminated",)),
        # absence: no service of the termination, no complaint to the investigating judge after the General
        # Prosecutor's refusal (l.304), no notice to relatives, no court order after the 9 February 2022
        # arrest on suspicion of mass disorder (l.302: 72 hours), no psychological examination
        ("decision-not-served", ABSENCE, ("investigation_terminated",)),
        ("appeal-deadline", ABSENCE, ("appeal_decided",)),
        ("custody-over-limit", ABSENCE, ("apprehension",)),
        ("relatives-not-notified", ABSENCE, ("apprehension",)),
        ("relatives-not-notified", ABSENCE, ("apprehension",)),
        ("no-psychological-exam", ABSENCE, ("incident",)),
    ],
    ZHILIN: [
        # NGO l.367: asylum refused 30 November 2022; expulsion ordered 2 December and removal on the night of
        # 29-30 December, within the month to appeal the refusal
        ("refoulement-risk", RECORD, ("asylum_refused", "expulsion_ordered")),
        ("refoulement-risk", RECORD, ("asylum_refused", "deported")),
        # absence: no appeal of the refusal or of his conviction is reported (l.367)
        ("appeal-deadline", ABSENCE, ("asylum_refused",)),
        ("appeal-deadline", ABSENCE, ("verdict",)),
        ("stalled-case", ABSENCE, ("transfer",)),
    ],
    **{reference: [
        # State ¶169 (l.176): "Six persons died from torture during the riots in January 2022", investigations
        # opened; no autopsy of any of them is reported (¶171 is generic)
        ("death-in-custody", RECORD, ("death_in_custody",)),
        ("stalled-case", ABSENCE, ("investigation_opened",)),
    ] for reference in DEATHS},
    **{reference: [
        # NGO l.568: the complaints sent back to "the body which actions the applicants complained"
        ("forwarded-to-implicated-body", RECORD, ("forwarded_without_registration",)),
        ("no-psychological-exam", ABSENCE, ("incident",)),
        # absence: four and a half years since the last decision (2021, l.570-572), no HRC communication
        ("hrc-window-closing", ABSENCE, ("appeal_decided",)),
    ] + ([
        # absence: no complaint to the investigating judge after the service and the prosecutor's refusal
        ("appeal-deadline", ABSENCE, ("decision_served",)),
        ("appeal-deadline", ABSENCE, ("appeal_decided",)),
    ] if reference == "KZ-2021-ZHAPISHEVA" else []) for reference in KETTLING},
    "KZ-2022-TALDYKORGAN": [
        # NGO l.459: five officers convicted on 10 February 2023; no appeal by the victims is reported
        ("appeal-deadline", ABSENCE, ("verdict",)),
        # NGO l.461: Fund payments averaging from €100, below the €210 minimum; l.453 gives the rate
        # (30 MCI = €210), so the lower average is recorded as 14.28 MCI
        ("compensation-below-minimum", RECORD, ("compensation_paid",)),
        ("no-psychological-exam", ABSENCE, ("incident",)),
    ],
    "KZ-2010-GERASIMOV": [
        # NGO l.84: violations found, 2 million tenge ordered by a court in 2014 (an award with no date for
        # payment: no compensation-unpaid); no State follow-up reply is reported
        ("follow-up-overdue", ABSENCE, ("un_views_adopted",)),
        ("stalled-case", ABSENCE, ("compensation_awarded",)),
        # absence: the seed sources record no consent to the communication (the committee registered it)
        ("consent-missing", ABSENCE, ("un_communication_submitted",)),
    ],
    "KZ-2012-BAYRAMOV": [
        # NGO l.82: as Gerasimov; 100,000 tenge ordered in 2015, "partially implemented" (the follow-up term runs
        # from May 2014, the day not settled, so it is a range)
        ("follow-up-overdue", ABSENCE, ("un_views_adopted",)),
        ("stalled-case", ABSENCE, ("implementation",)),
        # absence: the seed sources record no consent to the communication (the committee registered it)
        ("consent-missing", ABSENCE, ("un_communication_submitted",)),
    ],
    "KZ-2010-YEVLOYEV": [
        # NGO l.471, CAT record l.37: the decision exists, the Committee asks what was done; the seed sources do
        # not say it found a violation, so no follow-up term runs (the State owes a report only on a violation)
        ("stalled-case", ABSENCE, ("un_views_adopted",)),
        # absence: the seed sources record no consent to the communication (the committee registered it)
        ("consent-missing", ABSENCE, ("un_communication_submitted",)),
    ],
    "KZ-2023-RAKISHEV": [
        # CAT record l.37: findings in his case; the decision CAT/C/61/D/661/2015 gives committee, number and date
        ("stalled-case", ABSENCE, ("un_views_adopted",)),
        # absence: the seed sources record no consent to the communication (the committee registered it)
        ("consent-missing", ABSENCE, ("un_communication_submitted",)),
    ],
    "KZ-2022-SADYRBAEVA": [
        # CAT record l.23: held incommunicado in January 2022, a mock execution, medical care denied; no court
        # order, release or notice to relatives is stated
        ("custody-over-limit", ABSENCE, ("apprehension",)),
        ("relatives-not-notified", ABSENCE, ("apprehension",)),
        ("no-psychological-exam", ABSENCE, ("incident",)),
        ("stalled-case", ABSENCE, ("not_done",)),
    ],
    **{reference: [
        # State ¶174-175 (l.181-182): children died in the Ayagoz centre; exhumation found grievous bodily
        # harm; police investigations opened on 9 September 2020 "are ongoing", no extension reported
        ("death-in-custody", RECORD, ("death_in_custody",)),
        ("investigation-overdue", ABSENCE, ("registered_urpti",)),
        ("stalled-case", ABSENCE, ("forensic_exam_result",)),
    ] for reference in ("KZ-2020-MUKHAMELIEV", "KZ-2020-ZHANABAEV", "KZ-2020-SALIMOV")},
    "KZ-2020-MAKSATKYZA": [
        # State ¶176 (l.183): death from septic pneumonia declared; "closed as no crime had been committed"
        ("death-in-custody", RECORD, ("death_in_custody",)),
        ("terminated-lack-of-evidence", RECORD, ("investigation_terminated",)),
        # absence: no service of the closure and no complaint against it are reported
        ("decision-not-served", ABSENCE, ("investigation_terminated",)),
        ("appeal-deadline", ABSENCE, ("investigation_terminated",)),
        ("cat-delay", ABSENCE, ("investigation_terminated",)),
        ("stalled-case", ABSENCE, ("investigation_terminated",)),
    ],
    "KZ-2016-ALMATY-SIZO": [
        # NGO l.88: the facility employee convicted (2016); no appeal by the victim, no examination reported
        ("appeal-deadline", ABSENCE, ("verdict",)),
        ("cat-delay", ABSENCE, ("verdict",)),
        ("no-psychological-exam", ABSENCE, ("incident",)),
    ],
}


def test_every_seeded_case_has_its_reviewed_list_of_flags():
    assert sorted(EXPECTED) == sorted(c.reference for c in seeded_cases())


@pytest.mark.parametrize("reference", sorted(EXPECTED))
def test_seeded_case_raises_exactly_its_reviewed_flags_with_their_basis(reference):
    assert findings(reference) == sorted(EXPECTED[reference])


# --- what no seeded case may show, at any moment --------------------------------------------------------
MOMENTS = [datetime(2021, 1, 9, 12), datetime(2022, 2, 12), datetime(2023, 3, 21), AS_OF]


@pytest.mark.parametrize("as_of", MOMENTS, ids=lambda m: m.date().isoformat())
def test_no_seeded_case_is_missed_without_a_due_date_and_every_flag_has_a_basis(as_of):
    for record in seeded_cases():
        result = evaluation_json(record, as_of)
        for deadline in result["deadlines"]:
            assert deadline["status"] != "missed" or deadline["due"], (record.reference, deadline)
        for flag in result["flags"]:
            assert flag["basis"] in ("record", "absence"), (record.reference, flag)


@pytest.mark.parametrize("as_of", MOMENTS, ids=lambda m: m.date().isoformat())
def test_an_absence_flag_is_worded_as_absence(as_of):
    for record in seeded_cases():
        for flag in evaluate(case_file(record), as_of).flags:
            if flag.basis is ABSENCE:
                assert "recorded" in flag.explanation or "No event" in flag.explanation, flag.explanation


# --- the particulars a lawyer reads ------------------------------------------------------------------------
def test_kazantsev_minor_flags_are_critical():
    for rule in ("minor-without-representative", "no-lawyer-from-actual-detention", "minor-parents-not-notified"):
        assert {f.severity for f in flagged(KAZANTSEV, rule)} == {Severity.CRITICAL}, rule


def test_kazantsev_pre_trial_detention_implies_a_court_order_so_no_custody_breach_is_asserted():
    """NGO l.204-206: held in pre-trial detention; the order's date is not given."""
    assert flagged(KAZANTSEV, "custody-over-limit") == []
    custody = next(d for d in evaluate(case_file(by_reference(KAZANTSEV)), AS_OF).deadlines if d.rule == "custody-48h")
    assert custody.status(AS_OF).value == "cannot-compute"


def test_kazantsev_termination_ground_is_not_a_ground_the_law_has():
    termination = next(e for e in by_reference(KAZANTSEV).events if e.type == "investigation_terminated")
    assert termination.fields["ground"] == "cpc_35_1_unstated"
    assert "lack of evidence of a crime" in termination.notes


def test_ayniyazov_son_is_a_co_victim_and_the_case_is_not_a_minors():
    record = by_reference(AYNIYAZOV)
    assert [p.role for p in record.parties if p.person == "ayniyazov-son"] == ["victim"]
    assert "minor" not in record.victim_flags


def test_ayniyazov_custody_after_the_mass_disorder_arrest_is_72_hours():
    record = by_reference(AYNIYAZOV)
    arrest = next(i for i, e in enumerate(record.events) if e.type == "apprehension" and e.fields.get("suspected_of"))
    custody = next(d for d in evaluate(case_file(record), AS_OF).deadlines
                   if d.rule == "custody-48h" and d.from_event == arrest)
    assert custody.earliest_due - record.events[arrest].at.start == timedelta(hours=72)


@pytest.mark.parametrize("reference", DEATHS)
def test_january_2022_death_declares_only_what_the_authorities_declared(reference):
    death = next(e for e in by_reference(reference).events if e.type == "death_in_custody")
    assert death.fields["declared_cause"].startswith("torture (the State's replies")
    assert "No independent autopsy is recorded." in flagged(reference, "death-in-custody")[0].explanation


def test_zhilin_refoulement_risk_asks_for_interim_measures():
    for flag in flagged(ZHILIN, "refoulement-risk"):
        assert flag.severity is Severity.CRITICAL
        assert "interim measures" in flag.action


def test_zhilins_own_conviction_does_not_close_his_case():
    assert evaluate(case_file(by_reference(ZHILIN)), AS_OF).stages == ["asylum"]


def test_taldykorgan_payments_below_the_minimum_are_judged_at_the_sources_own_rate():
    [flag] = flagged("KZ-2022-TALDYKORGAN", "compensation-below-minimum")
    assert flag.explanation == ("The Victims Compensation Fund paid 14.2 MCI, below the minimum of 30 MCI for "
                                "torture.")


@pytest.mark.parametrize(("reference", "adopted"), [("KZ-2010-GERASIMOV", "2012-05-24"),
                                                    ("KZ-2012-BAYRAMOV", "2014-05"),
                                                    ("KZ-2010-YEVLOYEV", "2013-11-05"),
                                                    ("KZ-2023-RAKISHEV", "2017-07-31")])
def test_committee_decisions_carry_their_real_dates(reference, adopted):
    views = next(e for e in by_reference(reference).events if e.type == "un_views_adopted")
    assert views.at.isoformat() == adopted
