"""The red flags of DOMAIN.md §6, each raised, not raised and, when it depends on time, at
the minute it becomes active.

Every flag rule of the rule table (app.procedure.law.RULES) has at least one test named
``test_<rule>_raised_...`` and one named ``test_<rule>_not_raised_...``; the last test of
this module checks that. Cases are built event by event with exact dates on the Kazakh
calendar; a flag is read with ``evaluate`` (what is active at a moment) or ``derive`` (its
activity window).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive, evaluate
from app.procedure.law import RULES
from app.procedure.results import Basis, Flag, Severity
from app.procedure.when import When

CRITICAL, HIGH, MEDIUM, INFO = Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.INFO
RECORD, ABSENCE = Basis.RECORD, Basis.ABSENCE
MINUTE = timedelta(minutes=1)
FLAG_RULES = [r.id for r in RULES if r.kind == "flag"]


# --- builders ------------------------------------------------------------------------------------
def fact(ref: str, type_: str, when: str, *, body: str | None = None, **fields: Any) -> Fact:
    return Fact(ref, type_, When.parse(when), body, fields)


def case(*facts: Fact, **facts_of_case: Any) -> CaseFile:
    return CaseFile.build(list(facts), **facts_of_case)


def at(text: str) -> datetime:
    return When.parse(text).start


def flags(c: CaseFile, as_of: datetime | str, rule: str) -> list[Flag]:
    """The flags of ``rule`` active at ``as_of``."""
    moment = at(as_of) if isinstance(as_of, str) else as_of
    return [f for f in evaluate(c, moment).flags if f.rule == rule]


def raised(c: CaseFile, as_of: datetime | str, rule: str) -> bool:
    return bool(flags(c, as_of, rule))


def the_flag(c: CaseFile, as_of: datetime | str, rule: str) -> Flag:
    """The one flag of ``rule`` active at ``as_of``."""
    found = flags(c, as_of, rule)
    assert len(found) == 1, f"{rule} at {as_of}: {found}"
    return found[0]


def derived(c: CaseFile, rule: str) -> Flag:
    """The one flag of ``rule`` the timeline can ever raise, with its activity window."""
    found = [f for f in derive(c).flags if f.rule == rule]
    assert len(found) == 1, f"{rule}: {found}"
    return found[0]


def assert_flag(flag: Flag, rule: str, severity: Severity, *events: str) -> None:
    assert (flag.rule, flag.severity, flag.events) == (rule, severity, events)


# --- unregistered-complaint -----------------------------------------------------------------------
def complaint(when: str = "2024-03-01T10:00") -> Fact:
    return fact("c", "complaint_filed", when, to_body="prosecutor", by="lawyer")


def test_unregistered_complaint_raised_one_minute_after_the_24_hours():
    flag = the_flag(case(complaint()), "2024-03-02T10:01", "unregistered-complaint")
    assert_flag(flag, "unregistered-complaint", CRITICAL, "c")
    assert flag.action is not None and "CPC 105" in flag.action


def test_unregistered_complaint_not_raised_at_the_last_minute_of_the_24_hours():
    assert not raised(case(complaint()), "2024-03-02T10:00", "unregistered-complaint")


def test_unregistered_complaint_not_raised_when_registered_within_24_hours():
    c = case(complaint(), fact("reg", "registered_urpti", "2024-03-02T09:00"))
    assert not raised(c, "2024-03-10", "unregistered-complaint")


def test_unregistered_complaint_not_raised_once_registered_late():
    c = case(complaint(), fact("reg", "registered_urpti", "2024-03-05T09:00"))
    assert raised(c, "2024-03-05T08:59", "unregistered-complaint")  # before the registration is known
    assert not raised(c, "2024-03-05T09:00", "unregistered-complaint")


def test_unregistered_complaint_not_raised_when_forwarded():
    c = case(complaint(), fact("f", "forwarded_without_registration", "2024-03-01T16:00", to_body="dis"))
    assert not raised(c, "2024-03-10", "unregistered-complaint")


def test_unregistered_complaint_not_raised_when_an_investigation_implies_registration():
    c = case(complaint(), fact("o", "investigation_opened", "2024-03-04"))
    assert not raised(c, "2024-03-10", "unregistered-complaint")


def test_unregistered_complaint_of_a_month_not_raised_until_certain():
    c = case(complaint("2024-03"))
    assert not raised(c, "2024-03-31T23:59", "unregistered-complaint")  # the month is not over
    assert not raised(c, "2024-04-01T23:59", "unregistered-complaint")  # filed on 31 March, in time
    assert_flag(the_flag(c, "2024-04-02T00:00", "unregistered-complaint"), "unregistered-complaint", CRITICAL, "c")


# --- forwarded-to-implicated-body -----------------------------------------------------------------
def forwarded(to_body: str, **fields: Any) -> CaseFile:
    return case(complaint(), fact("f", "forwarded_without_registration", "2024-03-02", to_body=to_body, **fields),
                perpetrator_agency="police")


def test_forwarded_to_implicated_body_raised_for_police_complaint_sent_to_dis():
    flag = the_flag(forwarded("dis"), "2024-03-02", "forwarded-to-implicated-body")
    assert_flag(flag, "forwarded-to-implicated-body", CRITICAL, "f")
    assert "to Police internal security (DIS/ISU), the agency of the alleged perpetrators" in flag.explanation


def test_forwarded_to_implicated_body_raised_when_marked_implicated():
    assert raised(forwarded("other", implicated=True), "2024-03-02", "forwarded-to-implicated-body")


def test_forwarded_to_implicated_body_not_raised_for_police_complaint_sent_to_the_aca():
    assert not raised(forwarded("aca"), "2024-03-02", "forwarded-to-implicated-body")


def test_forwarded_to_implicated_body_not_raised_for_nsc_officers_complaint_sent_to_police():
    c = case(complaint(), fact("f", "forwarded_without_registration", "2024-03-02", to_body="police"),
             perpetrator_agency="nsc")
    assert not raised(c, "2024-03-02", "forwarded-to-implicated-body")


# --- torture-as-cruel-treatment --------------------------------------------------------------------
def qualified(qualification: str, *more: Fact, agency: str | None = "police") -> CaseFile:
    return case(complaint(),
                fact("reg", "registered_urpti", "2024-03-01T15:00", qualification=qualification),
                fact("m", "medical_exam", "2024-03-01T12:00", kind="emergency", injuries=True),
                *more, perpetrator_agency=agency)


def test_torture_as_cruel_treatment_raised_for_146_1_with_police_and_injuries():
    flag = the_flag(qualified("CC 146(1)"), "2024-03-02", "torture-as-cruel-treatment")
    assert_flag(flag, "torture-as-cruel-treatment", HIGH, "reg")


def test_torture_as_cruel_treatment_raised_for_part_1_written_in_words():
    assert raised(qualified("CC 146 part 1"), "2024-03-02", "torture-as-cruel-treatment")


def test_torture_as_cruel_treatment_not_raised_once_requalified_as_torture():
    c = qualified("CC 146(1)", fact("q", "qualification_changed", "2024-03-20", to="CC 146(2)"))
    assert raised(c, "2024-03-19", "torture-as-cruel-treatment")
    assert not raised(c, "2024-03-20", "torture-as-cruel-treatment")


def test_torture_as_cruel_treatment_not_raised_without_recorded_injuries():
    c = case(complaint(), fact("reg", "registered_urpti", "2024-03-01T15:00", qualification="CC 146(1)"),
             perpetrator_agency="police")
    assert not raised(c, "2024-03-02", "torture-as-cruel-treatment")


def test_torture_as_cruel_treatment_not_raised_when_the_perpetrator_is_unknown():
    assert not raised(qualified("CC 146(1)", agency="unknown"), "2024-03-02", "torture-as-cruel-treatment")


# --- investigated-by-implicated-agency -------------------------------------------------------------
def opened_by(body: str) -> CaseFile:
    return case(complaint(), fact("o", "investigation_opened", "2024-03-02", investigating_body=body),
                perpetrator_agency="police")


def test_investigated_by_implicated_agency_raised_for_police_investigating_police():
    flag = the_flag(opened_by("police"), "2024-03-02", "investigated-by-implicated-agency")
    assert_flag(flag, "investigated-by-implicated-agency", HIGH, "o")


def test_investigated_by_implicated_agency_not_raised_for_the_prosecutor():
    assert not raised(opened_by("prosecutor"), "2024-03-02", "investigated-by-implicated-agency")


# --- no-forensic-exam --------------------------------------------------------------------------------
def registered(*more: Fact) -> CaseFile:
    return case(complaint(), fact("reg", "registered_urpti", "2024-03-01T15:00"), *more)


def alleging_injuries(*more: Fact) -> CaseFile:
    return case(fact("c", "complaint_filed", "2024-03-01T10:00", to_body="prosecutor", injuries_alleged=True), *more)


def test_no_forensic_exam_raised_after_the_third_day_before_any_registration():
    # a complaint alleging injuries on Fri 1 March 2024: the 3 days end on Mon 4 March at 24:00
    flag = the_flag(alleging_injuries(), "2024-03-05T00:00", "no-forensic-exam")
    assert_flag(flag, "no-forensic-exam", HIGH, "c")
    assert flag.basis is ABSENCE
    assert flag.explanation == ("No forensic examination is recorded as ordered by Mon 4 Mar 2024, 24:00, 3 days "
                                "after the injuries became known.")


def test_no_forensic_exam_raised_from_a_medical_examination_finding_injuries():
    c = case(fact("m", "medical_exam", "2024-03-01T10:00", kind="emergency", injuries=True))
    assert_flag(the_flag(c, "2024-03-05T00:00", "no-forensic-exam"), "no-forensic-exam", HIGH, "m")


def test_no_forensic_exam_not_raised_on_the_last_minute_of_the_third_day():
    assert not raised(alleging_injuries(), "2024-03-04T23:59", "no-forensic-exam")


def test_no_forensic_exam_not_raised_when_ordered_within_3_days():
    c = alleging_injuries(fact("fo", "forensic_exam_ordered", "2024-03-04", kind="forensic_fme"))
    assert not raised(c, "2024-04-01", "no-forensic-exam")


def test_no_forensic_exam_not_raised_for_a_complaint_that_alleges_no_injuries():
    assert not raised(registered(), "2024-04-01", "no-forensic-exam")


def test_no_forensic_exam_raised_on_record_when_a_lawyer_confirmed_none_was_ordered():
    c = alleging_injuries(fact("nd", "not_done", "2024-03-06T12:00", step="forensic_exam_ordered", refers_to="c"))
    flag = the_flag(c, "2024-03-07", "no-forensic-exam")
    assert_flag(flag, "no-forensic-exam", HIGH, "c", "nd")
    assert flag.basis is RECORD
    assert flag.explanation == "No forensic examination was ordered within 3 days of the injuries becoming known."


# --- no-psychological-exam -----------------------------------------------------------------------------
def test_no_psychological_exam_raised_for_an_alleged_torture():
    flag = the_flag(case(complaint()), "2024-03-01T10:00", "no-psychological-exam")
    assert_flag(flag, "no-psychological-exam", MEDIUM, "c")


def test_no_psychological_exam_not_raised_after_an_fppe():
    c = case(complaint(), fact("fo", "forensic_exam_ordered", "2024-03-05", kind="forensic_fppe"))
    assert not raised(c, "2024-03-05", "no-psychological-exam")


def test_no_psychological_exam_not_raised_after_an_istanbul_protocol_exam():
    c = case(complaint(), fact("m", "medical_exam", "2024-03-05", kind="independent", istanbul_protocol=True))
    assert not raised(c, "2024-03-05", "no-psychological-exam")


def test_no_psychological_exam_not_raised_without_an_allegation():
    c = case(fact("a", "apprehension", "2024-03-01T10:00"))
    assert not raised(c, "2024-03-01T10:00", "no-psychological-exam")


# --- evidence-ignored -----------------------------------------------------------------------------------
def terminated_after_result(finding: str) -> CaseFile:
    return registered(fact("res", "forensic_exam_result", "2024-03-20", kind="forensic_fme", finding=finding),
                      fact("t", "investigation_terminated", "2024-04-15", ground="no_corpus_delicti"))


def test_evidence_ignored_raised_by_termination_after_a_consistent_forensic_result():
    flag = the_flag(terminated_after_result("consistent"), "2024-04-15", "evidence-ignored")
    assert_flag(flag, "evidence-ignored", HIGH, "res", "t")


def test_evidence_ignored_not_raised_when_the_result_is_not_consistent():
    assert not raised(terminated_after_result("not_consistent"), "2024-04-15", "evidence-ignored")


def test_evidence_ignored_not_raised_before_the_termination():
    assert not raised(terminated_after_result("consistent"), "2024-04-14", "evidence-ignored")


# --- terminated-lack-of-evidence -----------------------------------------------------------------------
def terminated(ground: str, *more: Fact) -> CaseFile:
    return registered(fact("t", "investigation_terminated", "2024-06-03", ground=ground), *more)


@pytest.mark.parametrize("ground", ["no_event", "no_corpus_delicti", "cpc_35_1_unstated"])
def test_terminated_lack_of_evidence_raised_for_cpc_35_1_1_or_2(ground):
    flag = the_flag(terminated(ground), "2024-06-03", "terminated-lack-of-evidence")
    assert_flag(flag, "terminated-lack-of-evidence", HIGH, "t")


def test_terminated_lack_of_evidence_raised_with_the_15_days_from_service_as_action_due():
    c = terminated("no_event", fact("s", "decision_served", "2024-06-05", decision="t"))
    # served Wed 5 June 2024: 15 days end on Thu 20 June
    assert the_flag(c, "2024-06-05", "terminated-lack-of-evidence").action_due == datetime(2024, 6, 20, 23, 59)


def test_terminated_lack_of_evidence_raised_with_its_own_service_term_when_terminated_twice():
    c = registered(
        fact("t1", "investigation_terminated", "2024-03-01", ground="no_corpus_delicti"),
        fact("s1", "decision_served", "2024-03-04", decision="t1"),
        fact("a1", "appeal_filed", "2024-03-10", to_body="investigating_judge", against="t1"),
        fact("d1", "appeal_decided", "2024-03-13", body="investigating_judge", outcome="granted"),
        fact("t2", "investigation_terminated", "2024-06-03", ground="cpc_35_1_unstated"),
        fact("s2", "decision_served", "2024-06-05", decision="t2"))
    first = next(f for f in flags(c, "2024-06-05", "terminated-lack-of-evidence") if f.events == ("t1",))
    assert first.action_due is None  # complained of in time; 20 June is the second termination's due day


def test_terminated_lack_of_evidence_not_raised_for_an_amnesty():
    assert not raised(terminated("amnesty"), "2024-06-03", "terminated-lack-of-evidence")


# --- decision-not-served ---------------------------------------------------------------------------------
def termination_on_friday(*more: Fact) -> CaseFile:
    return registered(fact("t", "investigation_terminated", "2024-03-01", ground="no_event"), *more)


def test_decision_not_served_raised_after_3_days():
    # terminated Fri 1 March 2024: the 3 days end on Mon 4 March at 24:00
    flag = the_flag(termination_on_friday(), "2024-03-05T00:00", "decision-not-served")
    assert_flag(flag, "decision-not-served", CRITICAL, "t")


def test_decision_not_served_not_raised_on_the_last_minute_of_the_3_days():
    assert not raised(termination_on_friday(), "2024-03-04T23:59", "decision-not-served")


def test_decision_not_served_not_raised_when_served_in_time():
    c = termination_on_friday(fact("s", "decision_served", "2024-03-04", decision="t"))
    assert not raised(c, "2024-04-01", "decision-not-served")


def test_decision_not_served_not_raised_once_served_late():
    c = termination_on_friday(fact("s", "decision_served", "2024-03-12", decision="t"))
    flag = derived(c, "decision-not-served")
    assert (flag.active_from, flag.active_until) == (at("2024-03-05T00:00"), at("2024-03-12"))
    assert not raised(c, "2024-03-12", "decision-not-served")


# --- appeal-deadline ------------------------------------------------------------------------------------
# A termination served on ``served`` whose 15 days (CPC 106(5)) end on ``due``; the high warning
# starts 3 working days before the due day, counted over weekends and holidays.
APPEAL_TERMS = [
    # Served Mon 6 March 2023: day 15 is Tue 21 March (Nauryz, 21-23 March), due Fri 24 March;
    # 3 working days before: Mon 20, Fri 17, Thu 16 March.
    pytest.param("2023-03-06", "2023-03-24", "2023-03-16", id="nauryz"),
    # Served Tue 3 Dec 2024: due Wed 18 December; 3 working days before: Tue 17, (Mon 16
    # Independence Day, the weekend) Fri 13, Thu 12 December.
    pytest.param("2024-12-03", "2024-12-18", "2024-12-12", id="independence-day"),
]


def served_termination(served: str, *more: Fact) -> CaseFile:
    return case(fact("t", "investigation_terminated", served, ground="other"),
                fact("s", "decision_served", served, decision="t"), *more)


def appeal_flags(c: CaseFile, as_of: datetime) -> list[tuple[Severity, tuple]]:
    return [(f.severity, f.events) for f in flags(c, as_of, "appeal-deadline")]


@pytest.mark.parametrize(("served", "due", "warn"), APPEAL_TERMS)
def test_appeal_deadline_raised_high_from_3_working_days_before_the_due_day(served, due, warn):
    flag = the_flag(served_termination(served), at(warn), "appeal-deadline")
    assert_flag(flag, "appeal-deadline", HIGH, "s")
    assert flag.action_due == datetime.fromisoformat(f"{due}T23:59")


@pytest.mark.parametrize(("served", "due", "warn"), APPEAL_TERMS)
def test_appeal_deadline_not_raised_the_minute_before_the_warning(served, due, warn):
    assert appeal_flags(served_termination(served), at(warn) - MINUTE) == []


@pytest.mark.parametrize(("served", "due", "warn"), APPEAL_TERMS)
def test_appeal_deadline_raised_high_not_critical_on_the_last_minute_of_the_due_day(served, due, warn):
    assert appeal_flags(served_termination(served), at(f"{due}T23:59")) == [(HIGH, ("s",))]


@pytest.mark.parametrize(("served", "due", "warn"), APPEAL_TERMS)
def test_appeal_deadline_raised_critical_the_minute_after_the_due_day(served, due, warn):
    flag = the_flag(served_termination(served), at(f"{due}T23:59") + MINUTE, "appeal-deadline")
    assert_flag(flag, "appeal-deadline", CRITICAL, "s")


def test_appeal_deadline_not_raised_when_the_complaint_to_the_judge_is_filed_in_time():
    c = served_termination("2023-03-06", fact("a", "appeal_filed", "2023-03-20", to_body="investigating_judge",
                                              against="t"))
    assert appeal_flags(c, at("2023-03-20")) == []
    assert appeal_flags(c, at("2023-04-01")) == []


def test_appeal_deadline_raised_critical_with_the_late_complaint():
    c = served_termination("2023-03-06", fact("a", "appeal_filed", "2023-03-28", to_body="investigating_judge",
                                              against="t"))
    assert appeal_flags(c, at("2023-03-28")) == [(CRITICAL, ("s", "a"))]


def test_appeal_deadline_of_a_service_known_to_the_month_not_raised_high_and_critical_only_when_certain():
    c = case(fact("t", "investigation_terminated", "2023-03", ground="other"),
             fact("s", "decision_served", "2023-03", decision="t"))
    # served at the latest on 31 March: day 15 is Sat 15 April, due Mon 17 April 2023
    assert appeal_flags(c, at("2023-04-17T23:59")) == []
    assert appeal_flags(c, at("2023-04-18T00:00")) == [(CRITICAL, ("s",))]


# --- authority-overdue -----------------------------------------------------------------------------------
def complaint_to_prosecutor(*more: Fact) -> CaseFile:
    return case(fact("a", "appeal_filed", "2024-03-01", to_body="prosecutor"), *more)


def test_authority_overdue_raised_after_the_prosecutors_7_days():
    # filed Fri 1 March 2024: day 7 is Fri 8 March (Women's Day), then the weekend: due Mon 11 March
    flag = the_flag(complaint_to_prosecutor(), "2024-03-12T00:00", "authority-overdue")
    assert_flag(flag, "authority-overdue", MEDIUM, "a")
    assert "prosecutor" in flag.explanation


def test_authority_overdue_not_raised_on_the_last_minute_of_the_moved_term():
    assert not raised(complaint_to_prosecutor(), "2024-03-11T23:59", "authority-overdue")


def test_authority_overdue_not_raised_when_decided_in_time():
    c = complaint_to_prosecutor(fact("d", "appeal_decided", "2024-03-06", body="prosecutor", outcome="rejected"))
    assert not raised(c, "2024-03-20", "authority-overdue")


def test_authority_overdue_raised_for_the_investigating_judge_after_3_days():
    c = case(fact("a", "appeal_filed", "2024-06-04", to_body="investigating_judge"))
    assert not raised(c, "2024-06-07T23:59", "authority-overdue")
    assert "investigating judge" in the_flag(c, "2024-06-08T00:00", "authority-overdue").explanation


def test_authority_overdue_not_raised_for_a_judge_who_ruled_while_a_prosecutor_complaint_is_pending():
    c = case(fact("p", "appeal_filed", "2024-06-03", to_body="prosecutor"),
             fact("j", "appeal_filed", "2024-06-04", to_body="investigating_judge"),
             fact("ruling", "appeal_decided", "2024-06-06", body="investigating_judge", outcome="rejected"))
    assert [f.events for f in flags(c, "2024-06-09", "authority-overdue")] == []


# --- no-medical-exam-on-detention -----------------------------------------------------------------------
def detention(*more: Fact) -> CaseFile:
    return case(fact("a", "apprehension", "2024-03-01T11:30"), fact("d", "detention_recorded", "2024-03-01T12:00"),
                *more)


def test_no_medical_exam_on_detention_raised_after_3_hours():
    flag = the_flag(detention(), "2024-03-01T15:01", "no-medical-exam-on-detention")
    assert_flag(flag, "no-medical-exam-on-detention", HIGH, "d")


def test_no_medical_exam_on_detention_not_raised_at_the_third_hour():
    assert not raised(detention(), "2024-03-01T15:00", "no-medical-exam-on-detention")


def test_no_medical_exam_on_detention_not_raised_when_examined_within_3_hours():
    c = detention(fact("m", "medical_exam", "2024-03-01T14:00", kind="admission", injuries=False))
    assert not raised(c, "2024-03-02", "no-medical-exam-on-detention")


# --- investigation-overdue ------------------------------------------------------------------------------
def inquiry(*more: Fact) -> CaseFile:
    return case(fact("reg", "registered_urpti", "2024-03-01"),
                fact("o", "investigation_opened", "2024-03-01", form="inquiry"), *more)


def test_investigation_overdue_raised_after_the_inquirys_month():
    # registered 1 March 2024: the month ends on Mon 1 April at 24:00
    flag = the_flag(inquiry(), "2024-04-02T00:00", "investigation-overdue")
    assert_flag(flag, "investigation-overdue", MEDIUM, "reg")


def test_investigation_overdue_not_raised_on_the_last_minute_of_the_month():
    assert not raised(inquiry(), "2024-04-01T23:59", "investigation-overdue")


def test_investigation_overdue_not_raised_when_extended_in_time():
    c = inquiry(fact("x", "investigation_extended", "2024-03-25", until="2024-05-31"))
    assert not raised(c, "2024-05-31T23:59", "investigation-overdue")
    assert raised(c, "2024-06-01T00:00", "investigation-overdue")  # ... until the extension ends


# --- custody-over-limit -----------------------------------------------------------------------------------
# Apprehended Fri 15 Dec 2023 22:10: hour terms never move, although 16 Dec is a holiday.
def apprehended(*more: Fact, **facts_of_case: Any) -> CaseFile:
    return case(fact("a", "apprehension", "2023-12-15T22:10"), *more, **facts_of_case)


def test_custody_over_limit_raised_for_an_adult_one_minute_after_48_hours():
    flag = the_flag(apprehended(), "2023-12-17T22:11", "custody-over-limit")
    assert_flag(flag, "custody-over-limit", CRITICAL, "a")


def test_custody_over_limit_not_raised_for_an_adult_at_the_48th_hour():
    assert not raised(apprehended(), "2023-12-17T22:10", "custody-over-limit")


def test_custody_over_limit_not_raised_for_an_adult_after_24_hours():
    assert not raised(apprehended(), "2023-12-16T22:11", "custody-over-limit")


def test_custody_over_limit_raised_for_a_minor_one_minute_after_24_hours():
    flag = the_flag(apprehended(victim_flags=["minor"]), "2023-12-16T22:11", "custody-over-limit")
    assert_flag(flag, "custody-over-limit", CRITICAL, "a")
    assert "24 h for a minor" in flag.explanation


def test_custody_over_limit_not_raised_for_a_minor_at_the_24th_hour():
    assert not raised(apprehended(victim_flags=["minor"]), "2023-12-16T22:10", "custody-over-limit")


def test_custody_over_limit_raised_after_72_hours_for_mass_riots():
    c = case(fact("a", "apprehension", "2023-12-15T22:10", suspected_of="CC 272(2)"))
    assert not raised(c, "2023-12-18T22:10", "custody-over-limit")
    assert raised(c, "2023-12-18T22:11", "custody-over-limit")


def test_custody_over_limit_not_raised_when_a_court_authorised_custody_in_time():
    c = apprehended(fact("ca", "court_authorization", "2023-12-17T15:00"))
    assert not raised(c, "2023-12-20", "custody-over-limit")


def test_custody_over_limit_raised_still_after_a_late_release():
    c = apprehended(fact("r", "release", "2023-12-18T09:00"))
    assert_flag(the_flag(c, "2023-12-20", "custody-over-limit"), "custody-over-limit", CRITICAL, "a", "r")


def test_custody_over_limit_of_an_apprehension_known_to_the_day_not_raised_until_certain():
    c = case(fact("a", "apprehension", "2024-03-01"))
    assert not raised(c, "2024-03-03T23:59", "custody-over-limit")  # apprehended at 23:59 at the latest
    assert raised(c, "2024-03-04T00:00", "custody-over-limit")


# --- detention-time-gap -----------------------------------------------------------------------------------
def recorded(when: str, **fields: Any) -> CaseFile:
    return case(fact("a", "apprehension", "2024-03-01T10:00"), fact("d", "detention_recorded", when, **fields))


def test_detention_time_gap_raised_by_a_record_3_hours_and_a_minute_late():
    flag = the_flag(recorded("2024-03-01T13:01"), "2024-03-01T13:01", "detention-time-gap")
    assert_flag(flag, "detention-time-gap", HIGH, "a", "d")


def test_detention_time_gap_not_raised_by_a_record_3_hours_after():
    assert not raised(recorded("2024-03-01T13:00"), "2024-03-01T13:00", "detention-time-gap")


def test_detention_time_gap_raised_by_a_recorded_time_later_than_the_apprehension():
    flag = the_flag(recorded("2024-03-01T11:00", recorded_time="2024-03-01T10:45"), "2024-03-01T11:00",
                    "detention-time-gap")
    assert_flag(flag, "detention-time-gap", HIGH, "a", "d")
    assert "later than the actual apprehension" in flag.explanation


def test_detention_time_gap_raised_with_the_recorded_time_as_written():
    flag = the_flag(recorded("2024-03-01T11:00", recorded_time="2024-03-01T10:45"), "2024-03-01T11:00",
                    "detention-time-gap")
    assert "2024-03-01T10:45" in flag.explanation


def test_detention_time_gap_not_raised_by_a_record_known_only_to_the_day():
    assert not raised(recorded("2024-03-01"), "2024-03-02", "detention-time-gap")


# --- relatives-not-notified -----------------------------------------------------------------------------
def apprehension_at_ten(*more: Fact) -> CaseFile:
    return case(fact("a", "apprehension", "2024-03-01T10:00"), *more)


def test_relatives_not_notified_raised_one_minute_after_12_hours():
    flag = the_flag(apprehension_at_ten(), "2024-03-01T22:01", "relatives-not-notified")
    assert_flag(flag, "relatives-not-notified", HIGH, "a")


def test_relatives_not_notified_not_raised_at_the_12th_hour():
    assert not raised(apprehension_at_ten(), "2024-03-01T22:00", "relatives-not-notified")


def test_relatives_not_notified_not_raised_when_notified_in_time():
    c = apprehension_at_ten(fact("n", "relatives_notified", "2024-03-01T20:00"))
    assert not raised(c, "2024-03-02", "relatives-not-notified")


# --- minor-without-representative and interrogation-without-lawyer --------------------------------------------
def interrogated(victim_flags: tuple[str, ...] = (), **fields: Any) -> CaseFile:
    return case(fact("i", "interrogation", "2024-03-01T12:00", **fields), victim_flags=list(victim_flags))


ALONE = {"with_lawyer": False, "with_legal_representative": False}


def test_minor_without_representative_raised_for_a_minor_alone():
    flag = the_flag(interrogated(("minor",), **ALONE), "2024-03-01T12:00", "minor-without-representative")
    assert_flag(flag, "minor-without-representative", CRITICAL, "i")


def test_minor_without_representative_not_raised_for_an_adult_alone():
    assert not raised(interrogated(("woman",), **ALONE), "2024-03-01T12:00", "minor-without-representative")


def test_minor_without_representative_not_raised_with_a_legal_representative():
    c = interrogated(("minor",), with_lawyer=False, with_legal_representative=True)
    assert not raised(c, "2024-03-01T12:00", "minor-without-representative")


def test_minor_without_representative_not_raised_when_the_representative_is_not_known():
    c = interrogated(("minor",), with_lawyer=False)
    assert not raised(c, "2024-03-01T12:00", "minor-without-representative")


def test_interrogation_without_lawyer_raised_for_an_adult():
    flag = the_flag(interrogated(with_lawyer=False), "2024-03-01T12:00", "interrogation-without-lawyer")
    assert_flag(flag, "interrogation-without-lawyer", HIGH, "i")


def test_interrogation_without_lawyer_raised_for_a_minor_as_well():
    assert raised(interrogated(("minor",), **ALONE), "2024-03-01T12:00", "interrogation-without-lawyer")


def test_interrogation_without_lawyer_not_raised_when_with_lawyer_is_not_known():
    assert not raised(interrogated(), "2024-03-01T12:00", "interrogation-without-lawyer")


def test_interrogation_without_lawyer_not_raised_with_a_lawyer():
    assert not raised(interrogated(with_lawyer=True), "2024-03-01T12:00", "interrogation-without-lawyer")


# --- unofficial-place-of-detention --------------------------------------------------------------------------
@pytest.mark.parametrize("place_type", ["military_unit", "sports_hall", "other_unofficial"])
def test_unofficial_place_of_detention_raised_by_an_apprehension_there(place_type):
    c = case(fact("a", "apprehension", "2024-03-01T10:00", place="Tole-bi street", place_type=place_type))
    flag = the_flag(c, "2024-03-01T10:00", "unofficial-place-of-detention")
    assert_flag(flag, "unofficial-place-of-detention", HIGH, "a")
    assert "Tole-bi street" in flag.explanation


def test_unofficial_place_of_detention_raised_by_a_transfer_to_a_sports_hall():
    c = case(fact("a", "apprehension", "2024-03-01T10:00", place_type="public_place"),
             fact("t", "transfer", "2024-03-01T11:00", place_type="sports_hall"))
    assert_flag(the_flag(c, "2024-03-01T11:00", "unofficial-place-of-detention"),
                "unofficial-place-of-detention", HIGH, "t")


def test_unofficial_place_of_detention_not_raised_at_a_police_station():
    c = case(fact("a", "apprehension", "2024-03-01T10:00", place_type="police_station"))
    assert not raised(c, "2024-03-01T10:00", "unofficial-place-of-detention")


# --- no-medical-care -------------------------------------------------------------------------------------------
def injured(kind: str = "emergency", *more: Fact, place: str | None = None) -> CaseFile:
    where = {"place_type": place} if place else {}
    return case(fact("m", "medical_exam", "2024-03-01T10:00", kind=kind, injuries=True, **where), *more)


def reported(when: str = "2024-03-01T18:00") -> Fact:
    return fact("rep", "injury_reported_to_prosecutor", when)


def test_no_medical_care_raised_when_injuries_found_in_a_sizo_are_not_reported_within_24_hours():
    flag = the_flag(injured("independent", place="sizo"), "2024-03-02T10:01", "no-medical-care")
    assert_flag(flag, "no-medical-care", HIGH, "m")
    assert flag.basis is ABSENCE
    assert flag.explanation == ("No report to the prosecutor of the injuries found in custody is recorded by "
                                "Sat 2 Mar 2024, 10:00.")


def test_no_medical_care_not_raised_for_injuries_treated_in_hospital_and_never_reported():
    """The hospital is not a custody facility: the 24 hours to report run from exams in custody only."""
    assert not raised(injured("emergency", place="hospital"), "2024-03-05", "no-medical-care")


def test_no_medical_care_not_raised_at_the_24th_hour():
    assert not raised(injured("independent", place="ivs"), "2024-03-02T10:00", "no-medical-care")


def test_no_medical_care_not_raised_when_injuries_are_reported_in_time():
    assert not raised(injured("independent", reported(), place="ivs"), "2024-03-05", "no-medical-care")


def test_no_medical_care_not_raised_without_injuries():
    c = case(fact("m", "medical_exam", "2024-03-01T10:00", kind="emergency", injuries=False))
    assert not raised(c, "2024-03-05", "no-medical-care")


def test_no_medical_care_raised_when_injuries_on_admission_get_no_care_within_24_hours():
    c = injured("admission", reported())
    assert not raised(c, "2024-03-02T10:00", "no-medical-care")
    flag = the_flag(c, "2024-03-02T10:01", "no-medical-care")
    assert_flag(flag, "no-medical-care", HIGH, "m")
    assert "admission" in flag.explanation


def test_no_medical_care_not_raised_when_injuries_on_admission_are_cared_for():
    c = injured("admission", reported(), fact("care", "medical_exam", "2024-03-01T20:00", kind="emergency"))
    assert not raised(c, "2024-03-05", "no-medical-care")


# --- victim-held-by-implicated-ministry ------------------------------------------------------------------
def held(*more: Fact, agency: str = "police", victim_flags: tuple[str, ...] = ("in_custody_now",)) -> CaseFile:
    return case(complaint(), *more, victim_flags=list(victim_flags), perpetrator_agency=agency)


def test_victim_held_by_implicated_ministry_raised_for_a_complainant_held_by_the_police():
    flag = the_flag(held(), "2024-03-01T10:00", "victim-held-by-implicated-ministry")
    assert_flag(flag, "victim-held-by-implicated-ministry", HIGH, "c")


def test_victim_held_by_implicated_ministry_not_raised_after_a_transfer_to_another_ministry():
    c = held(fact("t", "transfer", "2024-03-05", ministry="justice"))
    assert raised(c, "2024-03-04", "victim-held-by-implicated-ministry")
    assert not raised(c, "2024-03-05", "victim-held-by-implicated-ministry")


def test_victim_held_by_implicated_ministry_raised_still_after_a_transfer_within_the_interior_ministry():
    c = held(fact("t", "transfer", "2024-03-05", ministry="interior"))
    assert raised(c, "2024-03-05", "victim-held-by-implicated-ministry")


def test_victim_held_by_implicated_ministry_not_raised_with_a_safety_measure():
    c = held(fact("s", "safety_measure_granted", "2024-03-05"))
    assert not raised(c, "2024-03-05", "victim-held-by-implicated-ministry")


def test_victim_held_by_implicated_ministry_not_raised_after_a_placement_in_a_psychiatric_hospital():
    """Kazantsev: placed in the Aktas psychiatric hospital, no longer held by the police's ministry."""
    c = held(fact("p", "psychiatric_placement", "2024-03-05", facility="Republican psychiatric hospital"))
    assert not raised(c, "2024-03-05", "victim-held-by-implicated-ministry")


def test_victim_held_by_implicated_ministry_raised_as_an_absence_then_on_record_once_confirmed():
    assert the_flag(held(), "2024-03-01T10:00", "victim-held-by-implicated-ministry").basis is ABSENCE
    c = held(not_done("nd", "2024-03-10", "safety_measure_granted", "c"))
    confirmed = the_flag(c, "2024-03-10", "victim-held-by-implicated-ministry")
    assert (confirmed.basis, confirmed.events) == (RECORD, ("c", "nd"))


def test_victim_held_by_implicated_ministry_not_raised_when_not_in_custody():
    assert not raised(held(victim_flags=()), "2024-03-01T10:00", "victim-held-by-implicated-ministry")


# --- reprisal ---------------------------------------------------------------------------------------------
def test_reprisal_raised_by_a_threat():
    c = case(complaint(), fact("r", "reprisal", "2024-03-10", kind="threat"))
    flag = the_flag(c, "2024-03-10", "reprisal")
    assert_flag(flag, "reprisal", CRITICAL, "r")
    assert flag.explanation == "Reprisal: Threat (2024-03-10)."


def test_reprisal_raised_with_its_kind_in_words_not_its_code():
    c = case(complaint(), fact("r", "reprisal", "2024-03-10", kind="pressure_to_withdraw"))
    assert the_flag(c, "2024-03-10", "reprisal").explanation == (
        "Reprisal: Pressure to withdraw the complaint (2024-03-10).")


def test_reprisal_not_raised_before_the_reprisal():
    c = case(complaint(), fact("r", "reprisal", "2024-03-10", kind="threat"))
    assert not raised(c, "2024-03-09T23:59", "reprisal")


# --- plea-bargain-in-torture-case ----------------------------------------------------------------------------
def bargained(qualification: str, bargain: Fact) -> CaseFile:
    return case(complaint(), fact("reg", "registered_urpti", "2024-03-01T15:00", qualification=qualification),
                bargain)


def test_plea_bargain_in_torture_case_raised_for_a_plea_bargain_under_146():
    c = bargained("CC 146(2)", fact("pb", "plea_bargain", "2024-05-01"))
    assert_flag(the_flag(c, "2024-05-01", "plea-bargain-in-torture-case"), "plea-bargain-in-torture-case", HIGH, "pb")


def test_plea_bargain_in_torture_case_raised_for_a_termination_on_a_plea_bargain():
    c = bargained("CC 146(3)", fact("t", "investigation_terminated", "2024-05-01", ground="plea_bargain"))
    assert_flag(the_flag(c, "2024-05-01", "plea-bargain-in-torture-case"), "plea-bargain-in-torture-case", HIGH, "t")


def test_plea_bargain_in_torture_case_not_raised_outside_article_146():
    c = bargained("CC 106(1)", fact("pb", "plea_bargain", "2024-05-01"))
    assert not raised(c, "2024-05-01", "plea-bargain-in-torture-case")


# --- refoulement-risk -----------------------------------------------------------------------------------------
# Asylum refused Wed 10 January 2024: the month to appeal ends on Sat 10 February, moved to Mon 12 February.
def refused(*more: Fact) -> CaseFile:
    return case(fact("r", "asylum_refused", "2024-01-10"), *more, victim_flags=["foreign_national"])


def test_refoulement_risk_raised_by_an_expulsion_on_the_last_day_of_the_appeal_term():
    c = refused(fact("x", "expulsion_ordered", "2024-02-12"))
    flag = the_flag(c, "2024-02-12", "refoulement-risk")
    assert_flag(flag, "refoulement-risk", CRITICAL, "r", "x")
    assert "rule 114" in flag.action


def test_refoulement_risk_raised_by_a_deportation_during_the_appeal_term():
    c = refused(fact("x", "deported", "2024-01-20"))
    assert_flag(the_flag(c, "2024-01-20", "refoulement-risk"), "refoulement-risk", CRITICAL, "r", "x")


def test_refoulement_risk_not_raised_by_an_expulsion_after_the_term_ended_with_no_appeal():
    c = refused(fact("x", "expulsion_ordered", "2024-02-13"))
    assert not raised(c, "2024-02-13", "refoulement-risk")


def test_refoulement_risk_raised_by_an_expulsion_while_the_appeal_is_undecided():
    c = refused(fact("ap", "asylum_appeal_filed", "2024-02-01"), fact("x", "expulsion_ordered", "2024-04-15"))
    flag = the_flag(c, "2024-04-15", "refoulement-risk")
    assert_flag(flag, "refoulement-risk", CRITICAL, "r", "x")
    assert "undecided" in flag.explanation


def test_refoulement_risk_not_raised_by_an_expulsion_after_the_appeal_was_decided():
    c = refused(fact("ap", "asylum_appeal_filed", "2024-02-01"), fact("ad", "asylum_appeal_decided", "2024-03-20"),
                fact("x", "expulsion_ordered", "2024-04-15"))
    assert not raised(c, "2024-04-15", "refoulement-risk")


def test_refoulement_risk_not_raised_without_an_asylum_refusal():
    c = case(fact("x", "expulsion_ordered", "2024-02-01"))
    assert not raised(c, "2024-02-01", "refoulement-risk")


# --- death-in-custody -------------------------------------------------------------------------------------------
def died(*more: Fact) -> CaseFile:
    return case(fact("d", "death_in_custody", "2024-03-01", declared_cause="heart failure"), *more)


def test_death_in_custody_raised_naming_the_missing_investigation_and_autopsy():
    flag = the_flag(died(), "2024-03-01", "death-in-custody")
    assert_flag(flag, "death-in-custody", CRITICAL, "d")
    assert "heart failure" in flag.explanation
    assert "No investigation has been recorded as opened" in flag.explanation
    assert "no independent autopsy is recorded" in flag.explanation


def test_death_in_custody_raised_naming_only_the_missing_autopsy_once_investigated():
    c = died(fact("o", "investigation_opened", "2024-03-02"),
             fact("m", "medical_exam", "2024-03-02", kind="emergency"))  # not an autopsy
    flag = the_flag(c, "2024-03-02", "death-in-custody")
    assert "investigation has been recorded" not in flag.explanation
    assert "No independent autopsy is recorded" in flag.explanation


def test_death_in_custody_raised_naming_nothing_missing_with_investigation_and_autopsy():
    c = died(fact("o", "investigation_opened", "2024-03-02"),
             fact("fo", "forensic_exam_ordered", "2024-03-02", kind="forensic_fme"))
    flag = the_flag(c, "2024-03-02", "death-in-custody")
    assert flag.severity is CRITICAL
    assert flag.explanation.endswith("An investigation and an autopsy are recorded.")


def test_death_in_custody_raised_with_the_cause_not_recorded():
    c = case(fact("d", "death_in_custody", "2022-01"))
    assert "declared cause: not recorded" in the_flag(c, "2022-02-01", "death-in-custody").explanation


def test_death_in_custody_not_raised_by_injuries_alone():
    assert not raised(injured(), "2024-03-05", "death-in-custody")


# --- video-evidence-lost --------------------------------------------------------------------------------------
def test_video_evidence_lost_raised_by_the_loss():
    c = case(complaint(), fact("v", "video_evidence_lost", "2024-03-05"))
    assert_flag(the_flag(c, "2024-03-05", "video-evidence-lost"), "video-evidence-lost", HIGH, "v")


def test_video_evidence_lost_not_raised_before_the_loss():
    c = case(complaint(), fact("v", "video_evidence_lost", "2024-03-05"))
    assert not raised(c, "2024-03-04T23:59", "video-evidence-lost")


# --- hrc-window-closing -----------------------------------------------------------------------------------------
# Registration refused Wed 10 June 2020: 4.5 years end on Tue 10 December 2024, 5 years on Tue 10 June 2025.
def refused_registration(*more: Fact) -> CaseFile:
    return case(fact("rr", "registration_refused", "2020-06-10"), *more)


def test_hrc_window_closing_raised_after_four_and_a_half_years():
    flag = the_flag(refused_registration(), "2024-12-11T00:00", "hrc-window-closing")
    assert_flag(flag, "hrc-window-closing", HIGH, "rr")
    assert flag.action_due == datetime(2025, 6, 10, 23, 59)


def test_hrc_window_closing_not_raised_on_the_last_minute_of_the_four_and_a_half_years():
    assert not raised(refused_registration(), "2024-12-10T23:59", "hrc-window-closing")


def test_hrc_window_closing_raised_until_the_last_minute_of_the_five_years():
    assert raised(refused_registration(), "2025-06-10T23:59", "hrc-window-closing")
    assert not raised(refused_registration(), "2025-06-11T00:00", "hrc-window-closing")


def test_hrc_window_closing_not_raised_once_submitted_to_the_hrc():
    c = refused_registration(fact("u", "un_communication_submitted", "2024-06-01", committee="HRC"))
    assert not raised(c, "2024-12-11T00:00", "hrc-window-closing")


def test_hrc_window_closing_not_raised_when_the_matter_went_to_cat():
    c = refused_registration(fact("u", "un_communication_submitted", "2024-06-01", committee="CAT"))
    assert not raised(c, "2024-12-11T00:00", "hrc-window-closing")


# --- follow-up-overdue ------------------------------------------------------------------------------------------
def views(committee: str, *more: Fact) -> CaseFile:
    return case(fact("u", "un_communication_submitted", "2022-01-10", committee=committee),
                fact("v", "un_views_adopted", "2024-03-01", violation_found=True), *more)


def test_follow_up_overdue_raised_90_days_after_cat_views():
    # 90 days from 1 March 2024 end on Thu 30 May 2024 at 24:00
    flag = the_flag(views("CAT"), "2024-05-31T00:00", "follow-up-overdue")
    assert_flag(flag, "follow-up-overdue", MEDIUM, "v")


def test_follow_up_overdue_not_raised_on_the_90th_day():
    assert not raised(views("CAT"), "2024-05-30T23:59", "follow-up-overdue")


def test_follow_up_overdue_not_raised_for_hrc_views_before_180_days():
    assert not raised(views("HRC"), "2024-05-31T00:00", "follow-up-overdue")


def test_follow_up_overdue_not_raised_after_the_states_reply():
    c = views("CAT", fact("re", "state_follow_up_reply", "2024-05-15"))
    assert not raised(c, "2024-06-15", "follow-up-overdue")


def test_follow_up_overdue_not_raised_when_the_views_found_no_violation():
    c = case(fact("u", "un_communication_submitted", "2022-01-10", committee="CAT"),
             fact("v", "un_views_adopted", "2024-03-01", violation_found=False))
    assert not raised(c, "2024-06-15", "follow-up-overdue")


# --- compensation-unpaid ------------------------------------------------------------------------------------------
# A court awards 2,000,000 tenge on 20 Jan 2025, to be paid by Sun 16 Mar 2025 (the date as the judgment sets it).
AWARD = fact("a", "compensation_awarded", "2025-01-20", amount_kzt=2_000_000, source="court", pay_by="2025-03-16")


def test_compensation_unpaid_raised_the_day_after_the_date_set_as_an_absence():
    flag = the_flag(case(AWARD), "2025-03-17T00:00", "compensation-unpaid")
    assert_flag(flag, "compensation-unpaid", MEDIUM, "a")
    assert flag.basis is Basis.ABSENCE
    assert "No payment of the compensation awarded is recorded by" in str(flag.explanation)


def test_compensation_unpaid_not_raised_on_the_date_set():
    assert not raised(case(AWARD), "2025-03-16T23:59", "compensation-unpaid")


def test_compensation_unpaid_not_raised_once_paid_in_time():
    paid = fact("p", "compensation_paid", "2025-03-10", amount_kzt=2_000_000, source="court")
    assert not raised(case(AWARD, paid), "2025-06-01", "compensation-unpaid")


def test_compensation_unpaid_raised_on_record_when_the_source_says_it_was_not_paid():
    not_paid = fact("n", "not_done", "2025-06-01", step="compensation_paid", refers_to="a")
    flag = the_flag(case(AWARD, not_paid), "2025-06-02", "compensation-unpaid")
    assert flag.basis is Basis.RECORD


# --- compensation-below-minimum ---------------------------------------------------------------------------------
# The MCI of 2022 is 3,063 tenge: 30 MCI (torture) is 91,890 tenge, 50 MCI (death) 153,150 tenge.
def paid(*more: Fact, **fields: Any) -> CaseFile:
    return case(fact("vs", "victim_status_recognized", "2022-03-01"),
                fact("p", "compensation_paid", "2022-06-15", **{"source": "vcf", **fields}), *more)


def test_compensation_below_minimum_raised_one_tenge_below_30_mci():
    flag = the_flag(paid(amount_kzt=91_889), "2022-06-15", "compensation-below-minimum")
    assert_flag(flag, "compensation-below-minimum", MEDIUM, "p")
    assert "30 MCI" in flag.explanation


def test_compensation_below_minimum_not_raised_at_exactly_30_mci_in_tenge():
    assert not raised(paid(amount_kzt=91_890), "2022-06-15", "compensation-below-minimum")


def test_compensation_below_minimum_raised_by_an_amount_in_mci():
    assert raised(paid(amount_mci=25), "2022-06-15", "compensation-below-minimum")


def test_compensation_below_minimum_not_raised_when_no_amount_is_recorded():
    assert not raised(paid(), "2022-06-15", "compensation-below-minimum")


def test_compensation_below_minimum_not_raised_for_a_court_award():
    assert not raised(paid(amount_kzt=10_000, source="court"), "2022-06-15", "compensation-below-minimum")


def test_compensation_below_minimum_raised_below_50_mci_when_there_was_a_death():
    c = paid(fact("d", "death_in_custody", "2022-01-10"), amount_kzt=153_149)
    flag = the_flag(c, "2022-06-15", "compensation-below-minimum")
    assert "50 MCI" in flag.explanation and "death" in flag.explanation


def test_compensation_below_minimum_not_raised_at_exactly_50_mci_when_there_was_a_death():
    c = paid(fact("d", "death_in_custody", "2022-01-10"), amount_kzt=153_150)
    assert not raised(c, "2022-06-15", "compensation-below-minimum")


def test_compensation_below_minimum_not_raised_between_30_and_50_mci_without_a_death():
    assert not raised(paid(amount_kzt=153_149), "2022-06-15", "compensation-below-minimum")


def test_compensation_below_minimum_raised_by_2022s_30_mci_paid_in_2023():
    # 91,890 tenge is 30 MCI in 2022 but 26.6 MCI in 2023 (3,450 tenge)
    c = case(fact("p", "compensation_paid", "2023-02-01", source="vcf", amount_kzt=91_890))
    assert raised(c, "2023-02-01", "compensation-below-minimum")


def test_compensation_below_minimum_raised_with_an_explanation_naming_an_amount_below_the_minimum():
    flag = the_flag(paid(amount_kzt=91_889), "2022-06-15", "compensation-below-minimum")
    amount = float(re.search(r"paid ([\d.]+) MCI", flag.explanation).group(1))
    assert amount < 30


# --- stalled-case -------------------------------------------------------------------------------------------------
def test_stalled_case_raised_90_days_after_the_last_event():
    c = case(complaint(), fact("reg", "registered_urpti", "2024-03-01T12:00"))
    flag = the_flag(c, "2024-05-30T12:00", "stalled-case")
    assert_flag(flag, "stalled-case", INFO, "reg")


def test_stalled_case_not_raised_one_minute_before_90_days():
    c = case(complaint(), fact("reg", "registered_urpti", "2024-03-01T12:00"))
    assert not raised(c, "2024-05-30T11:59", "stalled-case")


def test_stalled_case_not_raised_when_the_case_is_closed():
    c = case(complaint(), fact("reg", "registered_urpti", "2024-03-01T12:00"),
             fact("t", "investigation_terminated", "2024-04-01", ground="other"))
    assert not raised(c, "2025-01-01", "stalled-case")


def test_stalled_case_raised_90_days_after_the_end_of_the_month_of_the_last_event():
    c = case(complaint("2024-03"))
    assert not raised(c, "2024-06-29T23:58", "stalled-case")
    assert raised(c, "2024-06-29T23:59", "stalled-case")  # 31 March 23:59 + 90 days


def test_stalled_case_not_raised_while_an_event_dated_to_the_year_may_be_recent():
    c = case(complaint("2021-06-10"), fact("r", "reprisal", "2021", kind="threat"))
    # the reprisal may have happened on 31 December 2021: 90 days without events are certain on 31 March 2022
    assert not raised(c, "2022-01-05", "stalled-case")


# --- every flag rule is covered ------------------------------------------------------------------------------------
# --- what each flag rests on (DOMAIN.md §8) ---------------------------------------------------------------
def not_done(ref: str, when: str, step: str, refers_to: str | None = None, **more: Any) -> Fact:
    fields = {"step": step, **({"refers_to": refers_to} if refers_to else {}), **more}
    return fact(ref, "not_done", when, **fields)


def test_unregistered_complaint_raised_as_an_absence_worded_as_nothing_recorded():
    flag = the_flag(case(complaint()), "2024-03-02T10:01", "unregistered-complaint")
    assert flag.basis is ABSENCE
    assert flag.step == "registered_urpti"
    assert flag.explanation == ("No registration of the complaint of 2024-03-01T10:00 in the URPTI is recorded by "
                                "Sat 2 Mar 2024, 10:00.")
    assert flag.action.startswith("Find out whether the complaint was registered")


def test_unregistered_complaint_raised_on_record_once_a_lawyer_confirmed_it_was_not_registered():
    c = case(complaint(), not_done("nd", "2024-03-04T09:00", "registered_urpti", "c"))
    flag = the_flag(c, "2024-03-04T09:00", "unregistered-complaint")
    assert_flag(flag, "unregistered-complaint", CRITICAL, "c", "nd")
    assert flag.basis is RECORD
    assert flag.explanation == ("The complaint of 2024-03-01T10:00 was not entered in the URPTI within the "
                                "registration term.")


def test_decision_not_served_raised_as_an_absence_then_on_record_when_the_source_says_it_was_not_served():
    flag = the_flag(termination_on_friday(), "2024-03-05T00:00", "decision-not-served")
    assert flag.basis is ABSENCE
    assert flag.explanation.startswith("No service of the termination of 2024-03-01 is recorded by Mon 4 Mar 2024")
    c = termination_on_friday(not_done("nd", "2024-06-01", "decision_served", "t"))
    confirmed = the_flag(c, "2024-06-02", "decision-not-served")
    assert (confirmed.basis, confirmed.events) == (RECORD, ("t", "nd"))
    assert derived(c, "decision-not-served").active_until is None  # a step not taken is never "late"


def test_custody_over_limit_raised_on_record_after_a_late_release_and_as_an_absence_without_one():
    late = the_flag(apprehended(fact("r", "release", "2023-12-18T09:00")), "2023-12-20", "custody-over-limit")
    assert late.basis is RECORD
    silent = the_flag(apprehended(), "2023-12-20", "custody-over-limit")
    assert silent.basis is ABSENCE
    assert silent.explanation == ("No court authorisation or release is recorded by Sun 17 Dec 2023, 22:10, the end "
                                  "of the custody limit (CPC 131(4)).")


def test_custody_over_limit_not_raised_when_the_person_died_in_custody_within_the_limit():
    c = apprehended(fact("d", "death_in_custody", "2023-12-16T08:00", declared_cause="heart failure"))
    assert not raised(c, "2023-12-20", "custody-over-limit")
    assert not raised(c, "2023-12-20", "relatives-not-notified")
    deadline = next(d for d in derive(c).deadlines if d.rule == "custody-48h")
    assert (deadline.outcome.value, deadline.end_event) == ("ended-by-death", "d")
    assert raised(c, "2023-12-20", "death-in-custody")


def test_relatives_not_notified_raised_on_record_when_notified_late():
    c = case(fact("a", "apprehension", "2024-01-01T03:00"), fact("n", "relatives_notified", "2024-01-01T20:00"))
    flag = the_flag(c, "2024-01-02", "relatives-not-notified")
    assert (flag.basis, flag.events) == (RECORD, ("a", "n"))


def test_appeal_deadline_raised_critical_as_an_absence_when_no_appeal_is_recorded():
    flag = the_flag(served_termination("2023-03-06"), "2023-03-25", "appeal-deadline")
    assert (flag.severity, flag.basis, flag.step) == (CRITICAL, ABSENCE, "appeal_filed")
    assert flag.explanation == ("No appeal is recorded by Fri 24 Mar 2023, 24:00, the end of the term of "
                                "\"Complaint to the investigating judge\".")


def test_appeal_deadline_raised_critical_on_record_with_the_late_complaint():
    c = served_termination("2023-03-06", fact("a", "appeal_filed", "2023-03-28", to_body="investigating_judge",
                                              against="t"))
    assert the_flag(c, "2023-03-28", "appeal-deadline").basis is RECORD


def test_terminated_lack_of_evidence_not_raised_once_the_termination_is_quashed():
    c = terminated("no_corpus_delicti", fact("q", "investigation_resumed", "2024-07-01", against="t",
                                             by_body="prosecutor"))
    assert raised(c, "2024-06-30", "terminated-lack-of-evidence")
    assert not raised(c, "2024-07-01", "terminated-lack-of-evidence")
    assert derived(c, "terminated-lack-of-evidence").active_until == at("2024-07-01")


def test_hrc_window_closing_raised_as_an_absence_of_a_submission():
    flag = the_flag(refused_registration(), "2024-12-11", "hrc-window-closing")
    assert (flag.basis, flag.step) == (ABSENCE, "un_communication_submitted")
    assert "no communication to the Human Rights Committee is recorded" in flag.explanation


# Each rule that can rest on an absence, both ways: nothing recorded by the due moment (absence, "find out"),
# and the record showing the step late or not taken (record).
BOTH_BASES = [
    # rule, the case with nothing recorded, the same case with the step recorded late, when to look
    pytest.param("authority-overdue",
                 [fact("p", "appeal_filed", "2024-03-01", to_body="prosecutor")],
                 [fact("d", "appeal_decided", "2024-03-20", body="prosecutor", outcome="rejected")], "2024-03-21",
                 id="prosecutor silent"),
    pytest.param("no-medical-exam-on-detention", [fact("d", "detention_recorded", "2024-03-01T10:00")],
                 [fact("m", "medical_exam", "2024-03-01T20:00", kind="independent")], "2024-03-01T13:01",
                 id="no exam on detention"),
    pytest.param("investigation-overdue",
                 [fact("reg", "registered_urpti", "2024-01-08", qualification="CC 146(2)"),
                  fact("o", "investigation_opened", "2024-01-08", form="inquiry")],
                 [fact("t", "investigation_terminated", "2024-06-03", ground="other")], "2024-02-10",
                 id="investigation past its term"),
    pytest.param("no-medical-care",
                 [fact("m", "medical_exam", "2024-03-01T10:00", kind="independent", injuries=True, place_type="ivs")],
                 [fact("r", "injury_reported_to_prosecutor", "2024-03-04")], "2024-03-02T10:01",
                 id="injuries in an IVS"),
    pytest.param("follow-up-overdue",
                 [fact("u", "un_communication_submitted", "2021-02-01", committee="CAT"),
                  fact("v", "un_views_adopted", "2024-09-23", violation_found=True)],
                 [fact("r", "state_follow_up_reply", "2025-02-01")], "2024-12-24",
                 id="follow-up reply"),
    pytest.param("relatives-not-notified", [fact("a", "apprehension", "2024-01-01T03:00")],
                 [fact("n", "relatives_notified", "2024-01-01T20:00")], "2024-01-01T15:01",
                 id="relatives told late"),
]


@pytest.mark.parametrize(("rule", "silent", "late", "as_of"), BOTH_BASES)
def test_an_absence_capable_flag_raised_as_an_absence_then_on_record(rule, silent, late, as_of):
    absent = the_flag(case(*silent), as_of, rule)
    assert absent.basis is ABSENCE and absent.step
    assert "recorded" in absent.explanation and absent.action.startswith("Find out")
    recorded = [f for f in derive(case(*silent, *late)).flags if f.rule == rule]
    assert recorded and all(f.basis is RECORD for f in recorded)
    assert all("recorded" not in f.explanation for f in recorded)


def test_no_psychological_exam_raised_as_an_absence_then_on_record_once_confirmed():
    assert the_flag(case(complaint()), "2024-03-01T10:00", "no-psychological-exam").basis is ABSENCE
    c = case(complaint(), not_done("nd", "2024-05-01", "forensic_exam_ordered", "c", kind="forensic_fppe"))
    flag = the_flag(c, "2024-05-01", "no-psychological-exam")
    assert (flag.basis, flag.events) == (RECORD, ("c", "nd"))
    fme_only = case(complaint(), not_done("nd", "2024-05-01", "forensic_exam_ordered", "c", kind="forensic_fme"))
    assert the_flag(fme_only, "2024-05-01", "no-psychological-exam").basis is ABSENCE


# --- no-lawyer-from-actual-detention ---------------------------------------------------------------------
def questioned(*more: Fact, with_lawyer: bool | None = None, **facts_of_case: Any) -> CaseFile:
    lawyer = {"with_lawyer": with_lawyer} if with_lawyer is not None else {}
    return case(fact("a", "apprehension", "2024-03-01T10:00"), *more,
                fact("i", "interrogation", "2024-03-01T12:00", **lawyer), **facts_of_case)


def test_no_lawyer_from_actual_detention_raised_on_record_when_questioned_without_a_lawyer():
    flag = the_flag(questioned(with_lawyer=False), "2024-03-01T12:00", "no-lawyer-from-actual-detention")
    assert_flag(flag, "no-lawyer-from-actual-detention", HIGH, "a", "i")
    assert flag.basis is RECORD


def test_no_lawyer_from_actual_detention_raised_critical_for_a_minor():
    c = questioned(with_lawyer=False, victim_flags=["minor"])
    assert the_flag(c, "2024-03-01T12:00", "no-lawyer-from-actual-detention").severity is CRITICAL


def test_no_lawyer_from_actual_detention_raised_as_an_absence_when_the_record_does_not_say():
    flag = the_flag(questioned(), "2024-03-01T12:00", "no-lawyer-from-actual-detention")
    assert (flag.basis, flag.step) == (ABSENCE, "lawyer_access")
    assert flag.explanation == ("No lawyer's access is recorded before the interrogation of 2024-03-01T12:00 after "
                                "the actual apprehension.")


def test_no_lawyer_from_actual_detention_raised_on_record_once_confirmed_not_done():
    c = questioned(not_done("nd", "2024-03-02T09:00", "lawyer_access", "a"))
    flag = the_flag(c, "2024-03-03", "no-lawyer-from-actual-detention")
    assert (flag.basis, flag.events) == (RECORD, ("a", "i", "nd"))


def test_no_lawyer_from_actual_detention_not_raised_when_a_lawyer_came_before_the_questioning():
    c = questioned(fact("l", "lawyer_access", "2024-03-01T11:00"))
    assert not raised(c, "2024-03-02", "no-lawyer-from-actual-detention")


def test_no_lawyer_from_actual_detention_not_raised_when_the_lawyer_was_present():
    assert not raised(questioned(with_lawyer=True), "2024-03-02", "no-lawyer-from-actual-detention")


def test_no_lawyer_from_actual_detention_not_raised_for_a_questioning_after_release():
    c = questioned(fact("r", "release", "2024-03-01T11:00"), with_lawyer=False)
    assert not raised(c, "2024-03-02", "no-lawyer-from-actual-detention")


# --- minor-parents-not-notified ----------------------------------------------------------------------------
def minor_apprehended(*more: Fact, minor: bool = True) -> CaseFile:
    return case(fact("a", "apprehension", "2024-03-01T22:00"), *more, victim_flags=["minor"] if minor else [])


def test_minor_parents_not_notified_raised_as_an_absence_3_hours_after_the_apprehension():
    c = minor_apprehended()
    assert not raised(c, "2024-03-02T01:00", "minor-parents-not-notified")
    flag = the_flag(c, "2024-03-02T01:01", "minor-parents-not-notified")
    assert_flag(flag, "minor-parents-not-notified", CRITICAL, "a")
    assert flag.basis is ABSENCE
    assert flag.explanation == ("No notification of the minor's parents or legal representative is recorded by "
                                "Sat 2 Mar 2024, 01:00, 3 hours after the apprehension.")


def test_minor_parents_not_notified_raised_on_record_when_notified_late():
    c = minor_apprehended(fact("n", "relatives_notified", "2024-03-02T04:00"))
    flag = the_flag(c, "2024-03-02T05:00", "minor-parents-not-notified")
    assert (flag.basis, flag.events) == (RECORD, ("a", "n"))


def test_minor_parents_not_notified_raised_on_record_when_the_source_says_not_yet_after_5_hours():
    """Kazantsev: contacted "more than five hours into his detention", on a day the record gives no hour of."""
    c = minor_apprehended(fact("n", "relatives_notified", "2024-03-02"),
                          not_done("nd", "2024-03-02T03:00", "relatives_notified", "a"))
    flag = the_flag(c, "2024-03-03", "minor-parents-not-notified")
    assert (flag.basis, flag.events) == (RECORD, ("a", "nd"))
    assert not raised(c, "2024-03-03", "relatives-not-notified")  # 12 h: the day of notice cannot tell


def test_minor_parents_not_notified_not_raised_when_notified_within_3_hours():
    assert not raised(minor_apprehended(fact("n", "relatives_notified", "2024-03-02T00:30")), "2024-03-05",
                      "minor-parents-not-notified")


def test_minor_parents_not_notified_not_raised_for_an_adult():
    assert not raised(minor_apprehended(minor=False), "2024-03-05", "minor-parents-not-notified")


# --- minor-long-or-night-interrogation -----------------------------------------------------------------------
def minor_questioned(*sessions: tuple[str, str | None], minor: bool = True) -> CaseFile:
    facts = [fact(f"i{n}", "interrogation", start, **({"until": end} if end else {}))
             for n, (start, end) in enumerate(sessions)]
    return case(*facts, victim_flags=["minor"] if minor else [])


def test_minor_long_or_night_interrogation_raised_for_3_hours_without_a_break():
    flag = the_flag(minor_questioned(("2024-03-01T10:00", "2024-03-01T13:00")), "2024-03-02",
                    "minor-long-or-night-interrogation")
    assert_flag(flag, "minor-long-or-night-interrogation", HIGH, "i0")
    assert flag.explanation == ("A minor was questioned for 3 hours without a break (2024-03-01T10:00); the limit "
                                "is 2 hours.")


def test_minor_long_or_night_interrogation_raised_at_night():
    flag = the_flag(minor_questioned(("2024-03-01T23:00", None)), "2024-03-02", "minor-long-or-night-interrogation")
    assert flag.explanation == "A minor was questioned at night (2024-03-01T23:00)."


def test_minor_long_or_night_interrogation_raised_for_more_than_4_hours_in_a_day():
    c = minor_questioned(("2024-03-01T09:00", "2024-03-01T11:00"), ("2024-03-01T12:00", "2024-03-01T14:00"),
                         ("2024-03-01T15:00", "2024-03-01T16:30"))
    flag = the_flag(c, "2024-03-02", "minor-long-or-night-interrogation")
    assert_flag(flag, "minor-long-or-night-interrogation", HIGH, "i0", "i1", "i2")
    assert flag.explanation == "A minor was questioned for 5.5 hours in one day; the limit is 4 hours."


def test_minor_long_or_night_interrogation_not_raised_for_2_hours_by_day():
    assert not raised(minor_questioned(("2024-03-01T10:00", "2024-03-01T12:00")), "2024-03-02",
                      "minor-long-or-night-interrogation")


def test_minor_long_or_night_interrogation_not_raised_when_the_record_gives_only_the_day():
    assert not raised(minor_questioned(("2024-03-01", "2024-03-01T11:30")), "2024-03-02",
                      "minor-long-or-night-interrogation")


def test_minor_long_or_night_interrogation_not_raised_for_an_adult():
    assert not raised(minor_questioned(("2024-03-01T23:00", "2024-03-02T03:00"), minor=False), "2024-03-03",
                      "minor-long-or-night-interrogation")


# --- minor-held-with-adults -----------------------------------------------------------------------------------
def test_minor_held_with_adults_raised():
    c = case(fact("h", "held_with_adults", "2021-01-21", facility="Detention Centre No. 18"), victim_flags=["minor"])
    flag = the_flag(c, "2021-01-21", "minor-held-with-adults")
    assert_flag(flag, "minor-held-with-adults", HIGH, "h")
    assert flag.basis is RECORD


def test_minor_held_with_adults_not_raised_for_an_adult():
    c = case(fact("h", "held_with_adults", "2021-01-21"))
    assert not raised(c, "2021-01-22", "minor-held-with-adults")


# --- qualified-as-lesser-offence ------------------------------------------------------------------------------
def lesser_qualified(qualification: str, *, injuries: bool = True, agency: str = "police") -> CaseFile:
    return case(fact("m", "medical_exam", "2024-03-01", kind="independent", injuries=injuries),
                fact("q", "registered_urpti", "2024-03-02", qualification=qualification),
                perpetrator_agency=agency)


@pytest.mark.parametrize("qualification", ["CC 362(4)", "CC 110(1)", "ст. 362 ч. 4 УК"])
def test_qualified_as_lesser_offence_raised_for_abuse_of_power_or_torment(qualification):
    flag = the_flag(lesser_qualified(qualification), "2024-03-02", "qualified-as-lesser-offence")
    assert_flag(flag, "qualified-as-lesser-offence", HIGH, "q")


def test_qualified_as_lesser_offence_not_raised_for_cc_146():
    assert not raised(lesser_qualified("CC 146(2)"), "2024-03-02", "qualified-as-lesser-offence")


def test_qualified_as_lesser_offence_not_raised_without_recorded_injuries():
    assert not raised(lesser_qualified("CC 362(4)", injuries=False), "2024-03-02", "qualified-as-lesser-offence")


def test_qualified_as_lesser_offence_not_raised_without_an_official_accused():
    assert not raised(lesser_qualified("CC 362(4)", agency="other"), "2024-03-02", "qualified-as-lesser-offence")


# --- not-investigated-by-prosecutor ----------------------------------------------------------------------------
def torture_opened_by(body: str, on: str, qualification: str = "CC 146(2)") -> CaseFile:
    return case(fact("r", "registered_urpti", on, qualification=qualification),
                fact("o", "investigation_opened", on, investigating_body=body))


def test_not_investigated_by_prosecutor_raised_for_a_police_investigation_of_torture_in_2023():
    flag = the_flag(torture_opened_by("police", "2023-02-01"), "2023-02-01", "not-investigated-by-prosecutor")
    assert_flag(flag, "not-investigated-by-prosecutor", HIGH, "o")


def test_not_investigated_by_prosecutor_not_raised_before_2023():
    assert not raised(torture_opened_by("police", "2022-12-30"), "2023-01-05", "not-investigated-by-prosecutor")


def test_not_investigated_by_prosecutor_not_raised_when_the_prosecutor_investigates():
    assert not raised(torture_opened_by("prosecutor", "2023-02-01"), "2023-02-02", "not-investigated-by-prosecutor")


def test_not_investigated_by_prosecutor_not_raised_for_another_offence():
    c = torture_opened_by("police", "2023-02-01", "CC 188(1)")
    assert not raised(c, "2023-02-02", "not-investigated-by-prosecutor")


# --- cat-delay ---------------------------------------------------------------------------------------------------
def test_cat_delay_raised_more_than_five_years_after_the_last_domestic_decision():
    # 5 years from 8 May 2019 end on the transferred day off 8 May 2024 → Fri 10 May 2024
    c = case(fact("d", "registration_refused", "2019-05-08"))
    assert not raised(c, "2024-05-10T23:59", "cat-delay")
    flag = the_flag(c, "2024-05-11T00:00", "cat-delay")
    assert_flag(flag, "cat-delay", MEDIUM, "d")
    assert (flag.basis, flag.step) == (ABSENCE, "un_communication_submitted")


def test_cat_delay_raised_on_record_once_a_lawyer_confirmed_nothing_was_sent():
    c = case(fact("d", "registration_refused", "2019-05-08"),
             not_done("nd", "2024-06-01", "un_communication_submitted", "d"))
    flag = the_flag(c, "2024-06-01", "cat-delay")
    assert (flag.basis, flag.events) == (RECORD, ("d", "nd"))
    assert "no communication has been sent to the Committee against Torture" in flag.explanation


def test_hrc_window_closing_raised_on_record_once_a_lawyer_confirmed_nothing_was_sent():
    c = refused_registration(not_done("nd", "2024-12-20", "un_communication_submitted", "rr"))
    flag = the_flag(c, "2024-12-20", "hrc-window-closing")
    assert (flag.basis, flag.events) == (RECORD, ("rr", "nd"))
    assert flag.action_due == datetime(2025, 6, 10, 23, 59)


def test_cat_delay_not_raised_once_a_communication_is_submitted():
    c = case(fact("d", "registration_refused", "2019-05-08"),
             fact("u", "un_communication_submitted", "2023-01-10", committee="CAT"))
    assert not raised(c, "2025-01-01", "cat-delay")


# --- consent-missing ------------------------------------------------------------------------------------------
def submitted(*more: Fact, committee: str = "CAT", **facts_of_case: Any) -> CaseFile:
    return case(*more, fact("u", "un_communication_submitted", "2024-05-01", committee=committee), **facts_of_case)


def consent(ref: str, when: str, by: str = "victim", committee: str | None = None, kind: str = "consent_given",
            scope: str = "file") -> Fact:
    fields = {"scope": scope, "by": by, **({"committee": committee} if committee else {})}
    return fact(ref, kind, when, **fields)


def test_consent_missing_raised_as_an_absence_for_a_communication_without_consent():
    flag = the_flag(submitted(), "2024-05-01", "consent-missing")
    assert_flag(flag, "consent-missing", CRITICAL, "u")
    assert (flag.basis, flag.step) == (ABSENCE, "consent_given")
    assert flag.explanation == "No consent of the victim to the communication of 2024-05-01 is recorded before it."


def test_consent_missing_raised_on_record_when_the_consent_was_withdrawn_before_the_submission():
    c = submitted(consent("g", "2024-03-01"), consent("w", "2024-04-01", kind="consent_withdrawn"))
    flag = the_flag(c, "2024-05-01", "consent-missing")
    assert (flag.basis, flag.events) == (RECORD, ("u", "w"))


@pytest.mark.parametrize(("victim_flags", "givers", "by"), [
    ([], None, "victim"), (["minor"], None, "parent"), (["minor"], None, "guardian"),
    (["minor"], None, "victim_of_age")])  # a child at the time, who signs once of age: the record says so
def test_consent_missing_not_raised_with_the_consent_of_who_may_give_it(victim_flags, givers, by):
    assert not raised(submitted(consent("g", "2024-03-01", by=by), victim_flags=victim_flags), "2024-05-01",
                      "consent-missing")


def test_consent_missing_raised_when_a_minor_consented_alone():
    c = submitted(consent("g", "2024-03-01", by="victim"), victim_flags=["minor"])
    assert "a parent or the guardian" in the_flag(c, "2024-05-01", "consent-missing").explanation


def test_consent_missing_raised_when_the_victim_is_dead_and_only_the_victim_consented():
    c = submitted(consent("g", "2020-03-01", by="victim"), fact("d", "death_in_custody", "2022-01-10"))
    assert "the next of kin" in the_flag(c, "2024-05-01", "consent-missing").explanation
    assert not raised(submitted(consent("k", "2022-03-01", by="next_of_kin"), fact("d", "death_in_custody",
                                                                                    "2022-01-10")),
                      "2024-05-01", "consent-missing")


def test_consent_missing_not_raised_by_a_consent_for_any_committee_but_raised_for_another_one():
    assert not raised(submitted(consent("g", "2024-03-01")), "2024-05-01", "consent-missing")
    assert raised(submitted(consent("g", "2024-03-01", committee="HRC")), "2024-05-01", "consent-missing")


def test_every_flag_rule_of_the_table_has_raised_and_not_raised_tests():
    assert len(FLAG_RULES) == 41
    names = [name for name in globals() if name.startswith("test_")]
    for rule in FLAG_RULES:
        stem = "test_" + rule.replace("-", "_")
        assert any(n.startswith(stem + "_raised") for n in names), f"no test raises {rule}"
        assert any(n.startswith(stem + "_not_raised") for n in names), f"no test keeps {rule} silent"


# --- un-reply-due and interim-measures-breached (the UN case file) ----------------------------------
# A letter of Fri 1 Nov 2024 asks for comments by Mon 2 Dec 2024. Ten working days before: Mon 18 Nov
# (the weekends of 23-24 and 30 Nov-1 Dec skipped).
LETTER = fact("l", "un_correspondence", "2024-11-01", direction="from_committee", deadline="2024-12-02",
              subject="Observations of the State party, for comments")


def test_un_reply_due_raised_ten_working_days_before_the_letters_date():
    c = case(LETTER)
    assert not raised(c, "2024-11-17T23:59", "un-reply-due")
    flag = the_flag(c, "2024-11-18T00:00", "un-reply-due")
    assert_flag(flag, "un-reply-due", Severity.HIGH, "l")
    assert flag.basis is Basis.RECORD
    assert flag.explanation == "The committee's letter of 2024-11-01 asks for a reply by Mon 2 Dec 2024, 24:00."
    assert the_flag(c, "2024-12-02T23:59", "un-reply-due").basis is Basis.RECORD


def test_un_reply_due_raised_after_the_date_as_an_absence_to_find_out():
    flag = the_flag(case(LETTER), "2024-12-03T00:00", "un-reply-due")
    assert flag.basis is Basis.ABSENCE and flag.step == "un_correspondence"
    assert flag.explanation == "No reply to the committee's letter of 2024-11-01 is recorded by Mon 2 Dec 2024, 24:00."
    assert flag.action.startswith("Find out whether the reply went")


def test_un_reply_due_not_raised_once_the_reply_came_in_time_or_late():
    in_time = case(LETTER, fact("r", "un_correspondence", "2024-11-29", direction="to_committee"))
    assert raised(in_time, "2024-11-20", "un-reply-due")  # as the record stood then
    assert not raised(in_time, "2024-11-29T00:00", "un-reply-due") and not raised(in_time, "2024-12-10", "un-reply-due")
    late = case(LETTER, fact("r", "author_comments_submitted", "2024-12-05"))
    assert the_flag(late, "2024-12-04", "un-reply-due").basis is Basis.ABSENCE
    assert not raised(late, "2024-12-05T00:00", "un-reply-due")
    refused = case(LETTER, fact("nd", "not_done", "2024-12-03", step="un_correspondence", refers_to="l"))
    flag = the_flag(refused, "2024-12-04", "un-reply-due")
    assert flag.basis is Basis.RECORD and flag.explanation.startswith("The record shows that no reply")


def test_un_reply_due_raised_for_the_states_observations_six_months_after_the_transmittal():
    # transmitted Thu 15 Aug 2024 → due Sat 15 Feb 2025 (not moved); ten working days before: Mon 3 Feb 2025
    c = case(fact("t", "un_case_registered", "2024-08-15", committee="CAT", case_number="1234/2024"))
    assert not raised(c, "2025-02-02T23:59", "un-reply-due")
    assert the_flag(c, "2025-02-03T00:00", "un-reply-due").explanation == (
        "The State party's observations on the communication transmitted on 2024-08-15 are due by Sat 15 Feb 2025, "
        "24:00.")
    after = the_flag(c, "2025-02-16T00:00", "un-reply-due")
    assert after.basis is Basis.ABSENCE and after.step == "state_observations_received"
    received = case(fact("t", "un_case_registered", "2024-08-15", committee="CAT"),
                    fact("o", "state_observations_received", "2025-01-20"))
    assert not raised(received, "2025-02-10", "un-reply-due")


def test_interim_measures_breached_raised_when_recorded_or_by_a_removal_after_the_request():
    recorded = case(fact("r", "un_interim_measures_requested", "2024-03-01"),
                    fact("b", "un_interim_measures_breached", "2024-03-05", what="removal to Uzbekistan"))
    assert_flag(the_flag(recorded, "2024-03-06", "interim-measures-breached"), "interim-measures-breached",
                Severity.CRITICAL, "b")
    removed = case(fact("r", "un_interim_measures_requested", "2024-03-01"), fact("d", "deported", "2024-03-04"))
    flag = the_flag(removed, "2024-03-06", "interim-measures-breached")
    assert_flag(flag, "interim-measures-breached", Severity.CRITICAL, "r", "d")
    assert flag.explanation == "The victim was removed (2024-03-04) after interim measures were requested (2024-03-01)."


def test_interim_measures_breached_not_raised_for_a_removal_before_the_request_or_measures_respected():
    before = case(fact("d", "deported", "2024-02-20"), fact("r", "un_interim_measures_requested", "2024-03-01"))
    assert not raised(before, "2024-03-06", "interim-measures-breached")
    respected = case(fact("r", "un_interim_measures_requested", "2024-03-01"),
                     fact("g", "un_interim_measures_granted", "2024-03-02"))
    assert not raised(respected, "2024-06-01", "interim-measures-breached")
