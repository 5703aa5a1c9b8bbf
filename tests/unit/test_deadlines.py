"""The deadlines of DOMAIN.md §5, each with exact dates on the Kazakh calendar.

Every deadline rule has a scenario (its starting events, the act that ends it and the due
moment); generic tests run each scenario met, missed, running and at the boundary minute
and day. Behaviours particular to one rule follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

import pytest

from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive, evaluate
from app.procedure.law import RULES, RULES_BY_ID, TERMS, Settings
from app.procedure.results import Deadline, Status
from app.procedure.when import When

MET, MISSED, RUNNING, CANNOT = Status.MET, Status.MISSED, Status.RUNNING, Status.CANNOT_COMPUTE
NOT_RECORDED, DEATH = Status.NOT_RECORDED, Status.ENDED_BY_DEATH
MINUTE, DAY = timedelta(minutes=1), timedelta(days=1)


# --- helpers ---------------------------------------------------------------------------------
def fact(ref: str, type_: str, when: str, **fields: Any) -> Fact:
    return Fact(ref, type_, When.parse(when), None, fields)


def case(*facts: Fact, **facts_of_case: Any) -> CaseFile:
    return CaseFile.build(list(facts), **facts_of_case)


def at(text: str) -> datetime:
    return When.parse(text).start


def end_of(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T23:59")


def stamp(moment: datetime) -> str:
    """A minute-precise When text."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def deadlines_of(evaluation, rule_id: str) -> list[Deadline]:
    return [d for d in evaluation.deadlines if d.rule == rule_id]


def the_deadline(evaluation, rule_id: str, from_event: str = "start") -> Deadline:
    """The one deadline of ``rule_id`` started by the event ``from_event``."""
    found = [d for d in deadlines_of(evaluation, rule_id) if d.from_event == from_event]
    assert len(found) == 1, f"{rule_id} from {from_event}: {found}"
    return found[0]


def derived(c: CaseFile, rule_id: str, from_event: str = "start", **kw: Any) -> Deadline:
    return the_deadline(derive(c, **kw), rule_id, from_event)


# --- one scenario per deadline rule ----------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    """A case in which ``rule`` starts at the event ref'd "start" and is ended by ``end_type``."""

    rule: str
    before: tuple[Fact, ...]  # the starting event "start" and whatever it needs
    end_type: str
    due: datetime
    end_fields: dict[str, Any] = field(default_factory=dict)
    case_facts: dict[str, Any] = field(default_factory=dict)

    @property
    def in_days(self) -> bool:
        return self.due.time() == time(23, 59)  # day, month and year terms end at 24:00

    def case(self, end: str | None = None) -> CaseFile:
        """The case with the ending act at ``end`` (a When text), or without it."""
        ending = (fact("end", self.end_type, end, **self.end_fields),) if end else ()
        return case(*self.before, *ending, **self.case_facts)

    def case_ended_at(self, moment: datetime) -> CaseFile:
        return self.case(stamp(moment))


SCENARIOS = [
    # 24 h, an hour term: ends on a Saturday and stays there
    Scenario("registration-24h", (fact("start", "complaint_filed", "2024-06-07T10:00", to_body="police"),),
             "registered_urpti", at("2024-06-08T10:00")),
    # 3 days from Wed 11 Dec 2024: Sat 14 → Sun 15, Mon 16 Independence Day → Tue 17
    Scenario("forwarding-3d", (fact("start", "complaint_filed", "2024-12-11", to_body="police"),),
             "forwarded_without_registration", end_of("2024-12-17"), {"to_body": "prosecutor"}),
    Scenario("delivery-3h", (fact("start", "apprehension", "2024-03-22T23:00"),),
             "detention_recorded", at("2024-03-23T02:00")),
    Scenario("prosecutor-notified-12h", (fact("start", "detention_recorded", "2024-05-08T20:00"),),
             "prosecutor_notified", at("2024-05-09T08:00")),
    # the fourth worked example of DOMAIN.md §4
    Scenario("custody-48h", (fact("start", "apprehension", "2023-12-15T22:10"),),
             "court_authorization", at("2023-12-17T22:10")),
    Scenario("relatives-12h", (fact("start", "apprehension", "2024-01-01T03:00"),),
             "relatives_notified", at("2024-01-01T15:00")),
    Scenario("injury-report-24h", (fact("start", "medical_exam", "2024-12-15T14:00", injuries=True, kind="admission",
                                        place_type="ivs"),),
             "injury_reported_to_prosecutor", at("2024-12-16T14:00")),
    # 3 days from a complaint alleging injuries on Thu 19 Mar 2026 end on Sun 22 Mar; Nauryz 21-23 Mar and
    # its two days observed for the weekend (24-25 Mar) → Thu 26 Mar
    Scenario("forensic-exam-3d", (fact("start", "complaint_filed", "2026-03-19", to_body="prosecutor",
                                       injuries_alleged=True),),
             "forensic_exam_ordered", end_of("2026-03-26"), {"kind": "forensic_fme"}),
    # 30 days from Sat 2 Nov 2024 end on Mon 2 Dec 2024 (a working day)
    Scenario("evidence-preservation-30d", (fact("start", "apprehension", "2024-11-02T18:00"),),
             "evidence_preservation_requested", end_of("2024-12-02"), {"what": "cctv"}),
    # 7 days from Thu 14 Mar 2024 end on Nauryz 21 Mar → Tue 26 Mar
    Scenario("prosecutor-decides-complaint",
             (fact("start", "appeal_filed", "2024-03-14", to_body="prosecutor"),),
             "appeal_decided", end_of("2024-03-26"), {"outcome": "granted"}),
    # the first worked example: served Fri 7 Jun 2024, 15 days → Mon 24 Jun
    Scenario("appeal-to-investigating-judge-15d",
             (fact("terminated", "investigation_terminated", "2024-06-03", ground="no_event"),
              fact("start", "decision_served", "2024-06-07")),
             "appeal_filed", end_of("2024-06-24"), {"to_body": "investigating_judge"}),
    # 3 days from Mon 6 May 2024 end on Victory Day → Fri 10 May
    Scenario("investigating-judge-decides",
             (fact("start", "appeal_filed", "2024-05-06", to_body="investigating_judge"),),
             "appeal_decided", end_of("2024-05-10"), {"outcome": "granted"}),
    # 1 year from 22 Mar 2023 ends on Nauryz 2024 → Tue 26 Mar 2024
    Scenario("termination-complaint-1y",
             (fact("start", "investigation_terminated", "2023-03-22", ground="cpc_35_1_unstated"),),
             "appeal_filed", end_of("2024-03-26"), {"to_body": "prosecutor", "against": "start"}),
    # the second worked example: ruling Fri 13 Dec 2024, 3 days → Tue 17 Dec
    Scenario("appeal-investigating-judge-ruling-3d",
             (fact("appeal", "appeal_filed", "2024-12-02", to_body="investigating_judge"),
              fact("start", "appeal_decided", "2024-12-13", outcome="rejected")),
             "appeal_filed", end_of("2024-12-17"), {"to_body": "regional_court"}),
    # 15 days from Thu 15 Aug 2024 end on Constitution Day → Mon 2 Sep
    Scenario("appeal-verdict-15d", (fact("start", "verdict", "2024-08-15", outcome="acquitted"),),
             "appeal_filed", end_of("2024-09-02"), {"to_body": "appellate_court"}),
    # 2 months from 8 Jan 2024 end on 8 March → Mon 11 Mar
    Scenario("investigation-term",
             (fact("start", "registered_urpti", "2024-01-08", qualification="CC 146(2)"),
              fact("opened", "investigation_opened", "2024-01-08", form="full_investigation")),
             "investigation_terminated", end_of("2024-03-11"), {"ground": "no_event"}),
    Scenario("asylum-appeal-1m", (fact("start", "asylum_refused", "2024-01-31"),),
             "asylum_appeal_filed", end_of("2024-02-29")),
    # 3 years from 16 Dec 2021 end on Independence Day 2024 → Tue 17 Dec 2024
    Scenario("vcf-application-3y", (fact("start", "victim_status_recognized", "2021-12-16"),),
             "compensation_claimed", end_of("2024-12-17"), {"source": "vcf"}),
    # 5 years from 8 May 2019 end on the transferred day off 8 May 2024 → Fri 10 May
    Scenario("hrc-5y", (fact("start", "registration_refused", "2019-05-08"),),
             "un_communication_submitted", end_of("2024-05-10"), {"committee": "HRC"}),
    # 6 months from the transmittal of Thu 15 Aug 2024 end on Sat 15 Feb 2025 and stay there: a committee's term in
    # the treaty's words, not moved by the Kazakh calendar
    Scenario("un-state-observations-6m",
             (fact("start", "un_case_registered", "2024-08-15", committee="CAT", case_number="1234/2024"),),
             "state_observations_received", end_of("2025-02-15")),
    # the date the committee's letter sets (a Saturday, as written), met by the next letter to it
    Scenario("un-letter-deadline",
             (fact("start", "un_correspondence", "2024-10-01", direction="from_committee", deadline="2024-11-30",
                   subject="State party's observations for comments"),),
             "un_correspondence", end_of("2024-11-30"), {"direction": "to_committee"}),
    # the date the judgment sets for payment, as written (Sun 16 Mar 2025: not moved), met by the payment
    Scenario("compensation-payment",
             (fact("start", "compensation_awarded", "2025-01-20", amount_kzt=2_000_000, source="court",
                   pay_by="2025-03-16"),),
             "compensation_paid", end_of("2025-03-16"), {"amount_kzt": 2_000_000, "source": "court"}),
    # 90 days from Mon 23 Sep 2024 end on Sunday 22 Dec → Mon 23 Dec
    Scenario("follow-up-cat",
             (fact("communication", "un_communication_submitted", "2021-02-01", committee="CAT"),
              fact("start", "un_views_adopted", "2024-09-23", violation_found=True)),
             "state_follow_up_reply", end_of("2024-12-23")),
    # 180 days from Tue 18 Jun 2024 end on Sunday 15 Dec; 16 Dec Independence Day → Tue 17 Dec
    Scenario("follow-up-hrc",
             (fact("communication", "un_communication_submitted", "2021-02-01", committee="HRC"),
              fact("start", "un_views_adopted", "2024-06-18", violation_found=True)),
             "state_follow_up_reply", end_of("2024-12-17")),
]
BY_RULE = {s.rule: s for s in SCENARIOS}
SET_BY_A_DATE = {"un-letter-deadline", "compensation-payment"}
DAY_SCENARIOS = [s for s in SCENARIOS if s.in_days]
# forwarding-3d exists only once a complaint was forwarded: it is never open (see below).
OPEN_SCENARIOS = [s for s in SCENARIOS if s.rule != "forwarding-3d"]


def each(scenarios):
    return pytest.mark.parametrize("scenario", scenarios, ids=lambda s: s.rule)


def test_every_deadline_rule_of_the_rule_table_has_a_scenario():
    assert sorted(BY_RULE) == sorted(r.id for r in RULES if r.kind == "deadline")


@each(SCENARIOS)
def test_due_moment(scenario):
    deadline = derived(scenario.case_ended_at(scenario.due), scenario.rule)
    if scenario.rule in SET_BY_A_DATE:  # no term to compute: the due day is the date the letter sets
        assert deadline.due is None
    else:
        assert deadline.due is not None
        assert deadline.due.due == scenario.due
    assert deadline.earliest_due == deadline.latest_due == scenario.due


@each(SCENARIOS)
def test_met_when_done_well_in_time(scenario):
    deadline = derived(scenario.case_ended_at(scenario.due - timedelta(hours=1)), scenario.rule)
    assert deadline.end_event == "end"
    assert deadline.outcome is MET
    assert deadline.status(scenario.due + 365 * DAY) is MET


@each(SCENARIOS)
def test_met_when_done_exactly_at_the_due_minute(scenario):
    deadline = derived(scenario.case_ended_at(scenario.due), scenario.rule)
    assert deadline.end_event == "end"
    assert deadline.status(scenario.due) is MET


@each(SCENARIOS)
def test_missed_when_done_one_minute_after_the_due_moment(scenario):
    deadline = derived(scenario.case_ended_at(scenario.due + MINUTE), scenario.rule)
    assert deadline.end_event == "end"
    assert deadline.status(scenario.due + MINUTE) is MISSED


@each(DAY_SCENARIOS)
def test_met_when_done_on_the_due_day(scenario):
    deadline = derived(scenario.case(scenario.due.date().isoformat()), scenario.rule)
    assert deadline.status(scenario.due) is MET


@each(DAY_SCENARIOS)
def test_missed_when_done_the_day_after_the_due_day(scenario):
    deadline = derived(scenario.case((scenario.due + DAY).date().isoformat()), scenario.rule)
    assert deadline.status(scenario.due + DAY) is MISSED


@each(OPEN_SCENARIOS)
def test_running_before_the_due_moment_even_if_done_later(scenario):
    c = scenario.case_ended_at(scenario.due)
    deadline = the_deadline(evaluate(c, scenario.due - timedelta(hours=2)), scenario.rule)
    assert deadline.end_event is None
    assert deadline.is_open
    assert deadline.status(scenario.due - timedelta(hours=2)) is RUNNING


@each(OPEN_SCENARIOS)
def test_still_running_at_the_due_minute_and_not_recorded_the_minute_after_when_nothing_is_recorded(scenario):
    deadline = derived(scenario.case(), scenario.rule)
    assert deadline.end_event is None
    assert deadline.status(scenario.due) is RUNNING
    assert deadline.status(scenario.due + MINUTE) is NOT_RECORDED


@each(OPEN_SCENARIOS)
def test_silence_is_not_recorded_never_missed_by_evaluate_after_the_due_moment(scenario):
    deadline = the_deadline(evaluate(scenario.case(), scenario.due + DAY), scenario.rule)
    assert deadline.status(scenario.due + DAY) is NOT_RECORDED


def _not_done(scenario: Scenario, moment: datetime, *, refers_to: str | None = "start") -> Fact:
    step = RULES_BY_ID[scenario.rule].steps[0]
    fields: dict[str, Any] = {"step": step}
    if refers_to:
        fields["refers_to"] = refers_to
    return fact("nd", "not_done", stamp(moment), **fields)


@each(OPEN_SCENARIOS)
def test_missed_when_the_record_shows_the_step_not_taken_at_the_due_moment(scenario):
    c = case(*scenario.before, _not_done(scenario, scenario.due), **scenario.case_facts)
    deadline = derived(c, scenario.rule)
    assert deadline.outcome is MISSED
    assert deadline.end_event == "nd"
    assert deadline.latest_due == scenario.due


@each(OPEN_SCENARIOS)
def test_a_step_not_taken_recorded_without_its_start_event_counts_when_recorded_after_it(scenario):
    c = case(*scenario.before, _not_done(scenario, scenario.due + DAY, refers_to=None), **scenario.case_facts)
    assert derived(c, scenario.rule).outcome is MISSED


@each(OPEN_SCENARIOS)
def test_a_step_not_yet_taken_before_the_due_moment_decides_nothing(scenario):
    c = case(*scenario.before, _not_done(scenario, scenario.due - MINUTE), **scenario.case_facts)
    deadline = derived(c, scenario.rule)
    assert deadline.outcome is None
    assert deadline.status(scenario.due + MINUTE) is NOT_RECORDED


@each(OPEN_SCENARIOS)
def test_the_step_taken_in_time_wins_over_a_not_done(scenario):
    c = case(*scenario.before, fact("end", scenario.end_type, stamp(scenario.due - timedelta(hours=1)),
                                    **scenario.end_fields), _not_done(scenario, scenario.due + DAY),
             **scenario.case_facts)
    assert derived(c, scenario.rule).outcome is MET


# --- registration-24h ------------------------------------------------------------------------
def test_registration_of_a_complaint_of_january_2021_never_registered_is_not_recorded_by_2026():
    c = case(fact("start", "complaint_filed", "2021-01", to_body="police"))
    deadline = the_deadline(evaluate(c, at("2026-01-01")), "registration-24h")
    assert deadline.due is None
    assert deadline.earliest_due == at("2021-01-02T00:00")
    assert deadline.latest_due == at("2021-02-01T23:59")
    assert deadline.status(at("2026-01-01")) is NOT_RECORDED


def test_registration_of_a_complaint_of_2021_never_registered_is_not_recorded_by_2026():
    c = case(fact("start", "complaint_filed", "2021", to_body="police"))
    deadline = the_deadline(evaluate(c, at("2026-01-01")), "registration-24h")
    assert deadline.due is None
    assert deadline.latest_due == at("2022-01-01T23:59")
    assert deadline.status(at("2026-01-01")) is NOT_RECORDED


def test_a_step_not_taken_after_a_month_dated_start_is_missed_only_once_every_reading_has_passed():
    complaint = fact("start", "complaint_filed", "2021-01", to_body="police")
    early = fact("nd", "not_done", "2021-01-20", step="registered_urpti", refers_to="start")
    assert derived(case(complaint, early), "registration-24h").outcome is None
    late = fact("nd", "not_done", "2021-02-02", step="registered_urpti", refers_to="start")
    deadline = derived(case(complaint, late), "registration-24h")
    assert deadline.outcome is MISSED
    assert deadline.due is None and deadline.latest_due == at("2021-02-01T23:59")


def test_registration_of_a_complaint_of_january_2021_cannot_be_judged_within_january():
    deadline = derived(case(fact("start", "complaint_filed", "2021-01", to_body="police")), "registration-24h")
    assert deadline.status(at("2021-01-01T12:00")) is RUNNING  # even the earliest reading runs
    assert deadline.status(at("2021-01-20")) is CANNOT
    assert deadline.status(at("2021-02-02")) is NOT_RECORDED


def test_registration_of_a_month_dated_complaint_registered_inside_that_month_cannot_be_judged():
    c = case(fact("start", "complaint_filed", "2021-01", to_body="police"),
             fact("end", "registered_urpti", "2021-01-20"))
    deadline = derived(c, "registration-24h")
    assert deadline.end_event == "end"
    assert deadline.outcome is CANNOT
    assert deadline.status(at("2026-01-01")) is CANNOT


def test_registration_of_a_month_dated_complaint_registered_after_the_latest_reading_is_missed():
    c = case(fact("start", "complaint_filed", "2021-01", to_body="police"),
             fact("end", "registered_urpti", "2021-02-15"))
    assert derived(c, "registration-24h").outcome is MISSED


def test_registration_of_a_day_dated_complaint_registered_the_next_day_cannot_be_judged_in_hours():
    c = case(fact("start", "complaint_filed", "2021-01-18", to_body="police"),
             fact("end", "registered_urpti", "2021-01-19"))
    deadline = derived(c, "registration-24h")
    assert deadline.due is None
    assert (deadline.earliest_due, deadline.latest_due) == (at("2021-01-19T00:00"), at("2021-01-19T23:59"))
    assert deadline.outcome is CANNOT


def test_registration_recorded_only_to_the_month_after_the_due_moment_is_missed():
    c = case(fact("start", "complaint_filed", "2021-01-10T10:00", to_body="police"),
             fact("end", "registered_urpti", "2021-03"))
    assert derived(c, "registration-24h").outcome is MISSED


def test_registration_recorded_only_to_the_month_of_the_complaint_cannot_be_judged():
    c = case(fact("start", "complaint_filed", "2021-01-10T10:00", to_body="police"),
             fact("end", "registered_urpti", "2021-01"))
    deadline = derived(c, "registration-24h")
    assert deadline.end_event == "end"
    assert deadline.outcome is CANNOT


def test_registration_implied_by_a_later_investigation_cannot_be_computed():
    c = case(fact("start", "complaint_filed", "2024-06-03T10:00", to_body="police"),
             fact("opened", "investigation_opened", "2024-06-20", form="full_investigation"))
    deadline = derived(c, "registration-24h")
    assert (deadline.due, deadline.earliest_due, deadline.latest_due) == (None, None, None)
    assert deadline.status(at("2026-01-01")) is CANNOT
    assert "registered on a date not recorded" in deadline.note


def test_registration_term_overridden_to_48_hours_moves_the_due_moment():
    c = BY_RULE["registration-24h"].case()
    deadline = derived(c, "registration-24h", settings=Settings({"registration": 48}))
    assert deadline.due.due == at("2024-06-09T10:00")
    assert deadline.status(at("2024-06-08T10:01")) is RUNNING


def test_registration_after_24_hours_is_met_under_a_48_hour_override():
    c = BY_RULE["registration-24h"].case("2024-06-09T10:00")
    assert derived(c, "registration-24h").outcome is MISSED
    assert derived(c, "registration-24h", settings=Settings({"registration": 48})).outcome is MET


# --- settings --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["forwarding", "custody-minor", "appeal-to-investigating-judge", "asylum-appeal"])
def test_settings_refuse_to_override_a_term_not_marked_verify(name):
    assert not TERMS[name].verify
    with pytest.raises(ValueError, match="not a configurable term"):
        Settings({name: 5})


def test_settings_refuse_an_unknown_term():
    with pytest.raises(ValueError, match="not a configurable term"):
        Settings({"registration-24h": 48})


@pytest.mark.parametrize("amount", [0, -24, 1.5, "48"])
def test_settings_refuse_an_amount_that_is_not_a_positive_whole_number(amount):
    with pytest.raises(ValueError, match="positive whole number"):
        Settings({"registration": amount})


def test_settings_refuse_a_boolean_amount():
    with pytest.raises(ValueError, match="positive whole number"):
        Settings({"registration": True})


def test_settings_override_of_the_hrc_term_keeps_its_unit_of_years():
    c = BY_RULE["hrc-5y"].case()
    assert derived(c, "hrc-5y", settings=Settings({"hrc": 3})).due.due == end_of("2022-05-11")
    # 8 May 2022 a Sunday, 9 May Victory Day, 10 May Defender of the Fatherland Day observed


def test_settings_override_of_the_cat_follow_up_keeps_its_unit_of_days():
    c = BY_RULE["follow-up-cat"].case()
    assert derived(c, "follow-up-cat", settings=Settings({"follow-up-cat": 60})).due.due == end_of("2024-11-22")


# --- forwarding-3d ---------------------------------------------------------------------------
def test_forwarding_has_no_clock_until_the_complaint_is_forwarded_registration_runs_instead():
    scenario = BY_RULE["forwarding-3d"]
    as_of = at("2024-12-11T18:00")
    evaluation = evaluate(scenario.case("2024-12-17"), as_of)
    assert deadlines_of(evaluation, "forwarding-3d") == []
    assert the_deadline(evaluation, "registration-24h").status(as_of) is RUNNING


def test_forwarding_counts_from_the_last_complaint_before_it():
    c = case(fact("first", "complaint_filed", "2024-12-02", to_body="police"),
             fact("start", "complaint_filed", "2024-12-11", to_body="police"),
             fact("end", "forwarded_without_registration", "2024-12-17", to_body="police"))
    evaluation = derive(c)
    assert [d.from_event for d in deadlines_of(evaluation, "forwarding-3d")] == ["start"]
    assert the_deadline(evaluation, "forwarding-3d").outcome is MET


# --- custody-48h -----------------------------------------------------------------------------
def apprehended(when: str, *more: Fact, **facts_of_case: Any) -> CaseFile:
    return case(fact("start", "apprehension", when), *more, **facts_of_case)


def test_custody_of_an_adult_is_48_hours():
    assert derived(apprehended("2024-06-03T10:00"), "custody-48h").due.due == at("2024-06-05T10:00")


def test_custody_of_a_minor_is_24_hours():
    c = apprehended("2024-06-03T10:00", victim_flags=["minor"])
    assert derived(c, "custody-48h").due.due == at("2024-06-04T10:00")


def test_custody_of_a_minor_released_after_25_hours_is_missed():
    c = apprehended("2024-06-03T10:00", fact("end", "release", "2024-06-04T11:00"), victim_flags=["minor"])
    assert derived(c, "custody-48h").outcome is MISSED


def test_custody_of_a_minor_released_at_the_24th_hour_is_met():
    c = apprehended("2024-06-03T10:00", fact("end", "release", "2024-06-04T10:00"), victim_flags=["minor"])
    assert derived(c, "custody-48h").outcome is MET


def held_for(moment: str, offence: str | None, *more: Fact, **facts_of_case: Any) -> CaseFile:
    fields = {"suspected_of": offence} if offence else {}
    return case(fact("start", "apprehension", moment, **fields), *more, **facts_of_case)


def test_custody_is_72_hours_when_the_person_is_held_for_mass_riots_cc_272():
    assert derived(held_for("2022-01-05T18:30", "CC 272(2) (mass riots)"), "custody-48h").due.due \
        == at("2022-01-08T18:30")


def test_custody_is_48_hours_when_the_offence_held_for_is_not_a_grave_one():
    assert derived(held_for("2022-01-05T18:30", "CC 293(1)"), "custody-48h").due.due == at("2022-01-07T18:30")


def test_the_torture_complaints_qualification_does_not_set_the_victims_custody_limit():
    """CC 272 qualifying the case against the officers says nothing of what the victim was held for."""
    c = held_for("2022-01-05T18:30", None,
                 fact("registered", "registered_urpti", "2022-01-06T09:00", qualification="CC 272(2)"))
    deadline = derived(c, "custody-48h")
    assert deadline.due.due == at("2022-01-07T18:30")
    assert "not recorded" in deadline.note and "48 hours are assumed" in deadline.note


def test_custody_of_a_minor_stays_24_hours_even_when_held_for_mass_riots():
    c = held_for("2022-01-05T18:30", "CC 272(2)", victim_flags=["minor"])
    assert derived(c, "custody-48h").due.due == at("2022-01-06T18:30")
    assert derived(c, "custody-48h").note == ""


def test_custody_held_60_hours_is_met_for_mass_riots_and_missed_otherwise():
    release = fact("end", "release", "2022-01-08T06:30")
    assert derived(held_for("2022-01-05T18:30", "CC 272(2)", release), "custody-48h").outcome is MET
    assert derived(held_for("2022-01-05T18:30", "CC 293(1)", release), "custody-48h").outcome is MISSED


def test_custody_of_an_adult_before_2018_was_72_hours():
    assert TERMS["custody-adult"].in_force(at("2017-06-01").date()).amount == 72
    c = apprehended("2017-06-01T10:00", fact("end", "court_authorization", "2017-06-03T22:00"))
    deadline = derived(c, "custody-48h")
    assert deadline.due.due == at("2017-06-04T10:00")
    assert deadline.outcome is MET


def test_custody_of_an_adult_apprehended_on_31_december_2017_is_judged_by_the_old_72_hours():
    c = apprehended("2017-12-31T23:00")
    assert derived(c, "custody-48h").due.due == at("2018-01-03T23:00")


def test_custody_of_an_adult_apprehended_on_1_january_2018_is_judged_by_the_new_48_hours():
    assert TERMS["custody-adult"].current.amount == 48
    c = apprehended("2018-01-01T00:00")
    assert derived(c, "custody-48h").due.due == at("2018-01-03T00:00")


def test_custody_ended_by_release_rather_than_a_court():
    c = apprehended("2024-06-03T10:00", fact("end", "release", "2024-06-05T09:00"))
    deadline = derived(c, "custody-48h")
    assert (deadline.end_event, deadline.outcome) == ("end", MET)


def test_custody_clock_starts_at_apprehension_not_at_the_detention_record():
    c = apprehended("2024-06-03T10:00", fact("record", "detention_recorded", "2024-06-03T16:00"),
                    fact("end", "court_authorization", "2024-06-05T15:00"))
    deadline = derived(c, "custody-48h")
    assert deadline.due.due == at("2024-06-05T10:00")
    assert deadline.outcome is MISSED


def test_custody_from_an_apprehension_known_only_to_the_day_cannot_be_judged_to_the_hour():
    c = apprehended("2024-06-03", fact("end", "release", "2024-06-05T12:00"))
    deadline = derived(c, "custody-48h")
    assert deadline.due is None
    assert (deadline.earliest_due, deadline.latest_due) == (at("2024-06-05T00:00"), at("2024-06-05T23:59"))
    assert deadline.outcome is CANNOT


def test_custody_override_of_the_adult_term_changes_the_due_moment():
    c = apprehended("2024-06-03T10:00")
    deadline = derived(c, "custody-48h", settings=Settings({"custody-adult": 36}))
    assert deadline.due.due == at("2024-06-04T22:00")


# --- injury-report-24h -----------------------------------------------------------------------
def test_injury_report_is_not_due_after_an_exam_without_injuries():
    c = case(fact("start", "medical_exam", "2024-06-03T10:00", injuries=False))
    assert deadlines_of(derive(c), "injury-report-24h") == []


def test_injury_report_is_started_once_by_repeated_exams_of_the_same_injuries():
    c = case(fact("start", "medical_exam", "2024-06-03T10:00", injuries=True, kind="admission"),
             fact("again", "medical_exam", "2024-06-03T18:00", injuries=True, kind="admission", place_type="ivs"))
    assert [d.from_event for d in deadlines_of(derive(c), "injury-report-24h")] == ["start"]


@pytest.mark.parametrize("place", ["ivs", "sizo", "colony"])
def test_injury_report_runs_from_an_examination_in_a_custody_facility(place):
    c = case(fact("start", "medical_exam", "2024-06-03T10:00", injuries=True, kind="independent", place_type=place))
    assert derived(c, "injury-report-24h").due.due == at("2024-06-04T10:00")


@pytest.mark.parametrize(("kind", "place"), [("emergency", "hospital"), ("emergency", None),
                                             ("independent", None), ("forensic_fme", "police_station")])
def test_injury_report_does_not_run_from_an_examination_outside_a_custody_facility(kind, place):
    """A hospital or an ambulance is not the facility that must report (DOMAIN.md §6 additions)."""
    fields = {"place_type": place} if place else {}
    c = case(fact("start", "medical_exam", "2024-06-03T10:00", injuries=True, kind=kind, **fields))
    assert deadlines_of(derive(c), "injury-report-24h") == []


# --- prosecutor-decides-complaint and investigating-judge-decides ----------------------------
def test_prosecutor_decides_only_complaints_filed_with_the_prosecutor():
    c = case(fact("start", "appeal_filed", "2024-05-06", to_body="investigating_judge"))
    evaluation = derive(c)
    assert deadlines_of(evaluation, "prosecutor-decides-complaint") == []
    assert the_deadline(evaluation, "investigating-judge-decides").due.due == end_of("2024-05-10")


def test_prosecutor_decides_a_complaint_to_the_general_prosecutor_too():
    c = case(fact("start", "appeal_filed", "2024-03-14", to_body="general_prosecutor"))
    assert derived(c, "prosecutor-decides-complaint").due.due == end_of("2024-03-26")


# --- appeal-to-investigating-judge-15d -------------------------------------------------------
def test_appeal_to_the_judge_runs_from_the_service_not_from_the_decision():
    c = BY_RULE["appeal-to-investigating-judge-15d"].case()
    evaluation = derive(c)
    deadline = the_deadline(evaluation, "appeal-to-investigating-judge-15d")
    assert deadline.due.start == at("2024-06-07")
    assert deadline.due.due == end_of("2024-06-24")
    assert deadlines_of(evaluation, "appeal-to-investigating-judge-15d") == [deadline]


def test_appeal_to_the_judge_cannot_be_computed_when_the_termination_was_never_served():
    c = case(fact("terminated", "investigation_terminated", "2024-06-03", ground="no_event"))
    deadline = derived(c, "appeal-to-investigating-judge-15d", "terminated")
    assert (deadline.due, deadline.earliest_due, deadline.latest_due) == (None, None, None)
    assert deadline.outcome is CANNOT
    assert not deadline.is_open
    assert deadline.status(at("2024-06-05")) is CANNOT
    assert deadline.status(at("2030-01-01")) is CANNOT
    assert "never served" in deadline.note


def test_appeal_to_the_judge_runs_from_the_service_that_names_its_decision():
    c = case(fact("refused", "registration_refused", "2024-05-20"),
             fact("terminated", "investigation_terminated", "2024-06-03", ground="no_event"),
             fact("start", "decision_served", "2024-06-07", decision="refused"))
    evaluation = derive(c)
    assert the_deadline(evaluation, "appeal-to-investigating-judge-15d").due.due == end_of("2024-06-24")
    assert the_deadline(evaluation, "appeal-to-investigating-judge-15d", "terminated").outcome is CANNOT


def test_appeal_to_the_judge_runs_from_the_prosecutors_refusal():
    c = case(fact("complaint", "appeal_filed", "2024-06-03", to_body="prosecutor"),
             fact("start", "appeal_decided", "2024-06-07", outcome="rejected"))
    deadline = derived(c, "appeal-to-investigating-judge-15d")
    assert deadline.due.due == end_of("2024-06-24")
    assert deadline.note == "from the prosecutor's refusal"


def test_appeal_to_the_judge_does_not_run_from_a_granted_complaint_to_the_prosecutor():
    c = case(fact("complaint", "appeal_filed", "2024-06-03", to_body="prosecutor"),
             fact("start", "appeal_decided", "2024-06-07", outcome="granted"))
    assert deadlines_of(derive(c), "appeal-to-investigating-judge-15d") == []


def test_appeal_to_the_judge_filed_although_the_decision_was_never_served_is_not_missed():
    c = case(fact("terminated", "investigation_terminated", "2024-01-10", ground="no_event"),
             fact("end", "appeal_filed", "2024-03-01", to_body="investigating_judge"))
    deadline = derived(c, "appeal-to-investigating-judge-15d", "terminated")
    assert deadline.end_event == "end"
    assert deadline.status(at("2024-03-02")) is MET


def test_appeal_to_the_judge_filed_before_the_decision_was_served_is_not_missed():
    c = case(fact("terminated", "investigation_terminated", "2024-06-01", ground="no_event"),
             fact("end", "appeal_filed", "2024-06-03", to_body="investigating_judge"),
             fact("start", "decision_served", "2024-06-07"))
    deadline = derived(c, "appeal-to-investigating-judge-15d")
    assert deadline.status(at("2024-07-01")) is MET


# --- termination-complaint-1y ----------------------------------------------------------------
def test_termination_complaint_is_ended_by_an_appeal_against_that_termination():
    c = case(fact("start", "investigation_terminated", "2023-03-22", ground="cpc_35_1_unstated"),
             fact("other", "appeal_filed", "2023-04-01", to_body="prosecutor", against="elsewhere"),
             fact("end", "appeal_filed", "2024-04-01", to_body="prosecutor", against="start"))
    deadline = derived(c, "termination-complaint-1y")
    assert (deadline.end_event, deadline.outcome) == ("end", MISSED)


# --- appeal-investigating-judge-ruling-3d ----------------------------------------------------
def test_appeal_of_the_judges_ruling_is_not_due_when_the_complaint_was_granted():
    c = case(fact("appeal", "appeal_filed", "2024-12-02", to_body="investigating_judge"),
             fact("start", "appeal_decided", "2024-12-13", outcome="granted"))
    assert deadlines_of(derive(c), "appeal-investigating-judge-ruling-3d") == []


def test_appeal_of_a_partly_granted_ruling_is_due_in_3_days():
    c = case(fact("appeal", "appeal_filed", "2024-12-02", to_body="investigating_judge"),
             fact("start", "appeal_decided", "2024-12-13", outcome="partly"))
    assert derived(c, "appeal-investigating-judge-ruling-3d").due.due == end_of("2024-12-17")


# --- appeal-verdict-15d ----------------------------------------------------------------------
def test_appeal_of_a_conviction_runs_for_the_victims_side_too():
    """CPC 418(1): every party may appeal, the victim included (a lenient sentence, an acquittal of some)."""
    c = case(fact("start", "verdict", "2024-08-15", outcome="convicted"))
    deadline = derived(c, "appeal-verdict-15d")
    assert deadline.due.due == end_of("2024-09-02")
    assert deadline.status(at("2024-09-03")) is NOT_RECORDED


def test_appeal_of_a_conviction_filed_late_is_missed():
    c = case(fact("start", "verdict", "2024-08-15", outcome="convicted"),
             fact("end", "appeal_filed", "2024-09-03", to_body="appellate_court"))
    assert derived(c, "appeal-verdict-15d").outcome is MISSED


# --- investigation-term ----------------------------------------------------------------------
def registered_and_opened(form: str | None, *more: Fact) -> CaseFile:
    opened = fact("opened", "investigation_opened", "2024-01-08", **({"form": form} if form else {}))
    return case(fact("start", "registered_urpti", "2024-01-08", qualification="CC 146(2)"), opened, *more)


@pytest.mark.parametrize(("form", "due"), [
    ("full_investigation", "2024-03-11"),  # 2 months: 8 March a holiday, then the weekend
    ("inquiry", "2024-02-08"),  # 1 month
    ("protocol_form", "2024-02-08"),  # 1 month
    ("accelerated", "2024-01-23"),  # 15 days
])
def test_investigation_term_by_form_of_investigation(form, due):
    assert derived(registered_and_opened(form), "investigation-term").due.due == end_of(due)


def test_investigation_term_assumes_2_months_when_the_form_is_not_recorded():
    deadline = derived(registered_and_opened(None), "investigation-term")
    assert deadline.due.due == end_of("2024-03-11")
    assert "form of investigation not recorded" in deadline.note


def test_investigation_term_extended_in_time_is_met_and_runs_until_the_date_set():
    c = registered_and_opened("full_investigation",
                              fact("extended", "investigation_extended", "2024-03-04", until="2024-06-10"))
    evaluation = derive(c)
    first = the_deadline(evaluation, "investigation-term")
    second = the_deadline(evaluation, "investigation-term", "extended")
    assert (first.end_event, first.outcome) == ("extended", MET)
    assert second.due is None  # a date set by a decision, not a computed term
    assert second.earliest_due == second.latest_due == end_of("2024-06-10")
    assert second.note == "extended until 2024-06-10"


def test_investigation_term_extended_after_it_expired_is_missed():
    c = registered_and_opened("full_investigation",
                              fact("extended", "investigation_extended", "2024-03-12", until="2024-06-10"))
    assert derived(c, "investigation-term").outcome is MISSED


def test_investigation_extension_is_met_by_a_termination_on_the_date_set():
    c = registered_and_opened("full_investigation",
                              fact("extended", "investigation_extended", "2024-03-04", until="2024-06-10"),
                              fact("end", "investigation_terminated", "2024-06-10", ground="no_event"))
    assert derived(c, "investigation-term", "extended").outcome is MET


def test_investigation_extension_is_missed_by_a_termination_the_day_after():
    c = registered_and_opened("full_investigation",
                              fact("extended", "investigation_extended", "2024-03-04", until="2024-06-10"),
                              fact("end", "investigation_terminated", "2024-06-11", ground="no_event"))
    assert derived(c, "investigation-term", "extended").outcome is MISSED


def test_investigation_extension_is_running_before_the_date_set():
    c = registered_and_opened("full_investigation",
                              fact("extended", "investigation_extended", "2024-03-04", until="2024-06-10"),
                              fact("end", "investigation_terminated", "2024-06-10", ground="no_event"))
    as_of = at("2024-06-01")
    deadline = the_deadline(evaluate(c, as_of), "investigation-term", "extended")
    assert deadline.status(as_of) is RUNNING
    assert deadline.status(end_of("2024-06-10")) is RUNNING
    assert deadline.status(at("2024-06-11T00:00")) is NOT_RECORDED


def test_investigation_extension_ending_on_a_holiday_does_not_move():
    c = registered_and_opened("full_investigation",
                              fact("extended", "investigation_extended", "2024-03-04", until="2024-12-16"))
    assert derived(c, "investigation-term", "extended").latest_due == end_of("2024-12-16")


def test_investigation_extended_twice_chains_the_terms():
    c = registered_and_opened("full_investigation",
                              fact("extended", "investigation_extended", "2024-03-04", until="2024-06-10"),
                              fact("again", "investigation_extended", "2024-06-05", until="2024-12"),
                              fact("end", "indictment_sent_to_court", "2024-12-20"))
    evaluation = derive(c)
    assert [d.from_event for d in deadlines_of(evaluation, "investigation-term")] == ["start", "extended", "again"]
    assert the_deadline(evaluation, "investigation-term", "extended").outcome is MET
    last = the_deadline(evaluation, "investigation-term", "again")
    assert last.latest_due == end_of("2024-12-31")  # "until December 2024": its last day
    assert (last.end_event, last.outcome) == ("end", MET)


# --- asylum-appeal-1m ------------------------------------------------------------------------
def test_asylum_appeal_from_31_january_of_a_common_year_ends_28_february():
    c = case(fact("start", "asylum_refused", "2023-01-31"))
    assert derived(c, "asylum-appeal-1m").due.due == end_of("2023-02-28")


def test_asylum_appeal_month_ending_on_nauryz_moves():
    c = case(fact("start", "asylum_refused", "2024-02-23"))
    assert derived(c, "asylum-appeal-1m").due.due == end_of("2024-03-26")


# --- vcf-application-3y ----------------------------------------------------------------------
def test_vcf_application_is_met_by_a_payment_without_a_recorded_claim():
    c = case(fact("start", "victim_status_recognized", "2021-12-16"),
             fact("end", "compensation_paid", "2022-06-01", source="vcf"))
    assert derived(c, "vcf-application-3y").outcome is MET


def test_vcf_application_from_a_month_dated_recognition_is_undecidable_between_its_readings():
    deadline = derived(case(fact("start", "victim_status_recognized", "2021-05")), "vcf-application-3y")
    assert deadline.due is None
    assert deadline.earliest_due == end_of("2024-05-02")  # 1 May 2024 a holiday
    assert deadline.latest_due == end_of("2024-05-31")
    assert deadline.status(at("2024-04-30")) is RUNNING
    assert deadline.status(at("2024-05-15")) is CANNOT
    assert deadline.status(at("2024-06-01")) is NOT_RECORDED


# --- hrc-5y ----------------------------------------------------------------------------------
def test_hrc_window_runs_from_the_last_domestic_decision():
    c = case(fact("refused", "registration_refused", "2018-02-01"),
             fact("start", "appeal_decided", "2019-05-08", outcome="rejected"))
    evaluation = derive(c)
    assert [d.from_event for d in deadlines_of(evaluation, "hrc-5y")] == ["start"]
    assert the_deadline(evaluation, "hrc-5y").due.due == end_of("2024-05-10")


def test_hrc_window_is_met_by_a_communication_submitted_within_5_years():
    c = case(fact("start", "registration_refused", "2019-05-08"),
             fact("end", "un_communication_submitted", "2020-01-15", committee="HRC"))
    assert derived(c, "hrc-5y").outcome is MET


def test_hrc_window_stays_met_when_a_domestic_decision_follows_the_communication():
    c = case(fact("start", "registration_refused", "2019-05-08"),
             fact("end", "un_communication_submitted", "2020-01-15", committee="HRC"),
             fact("later", "appeal_decided", "2021-03-01", outcome="rejected"))
    [deadline] = deadlines_of(derive(c), "hrc-5y")
    assert deadline.end_event == "end"
    assert deadline.status(at("2026-06-01")) is MET


def test_hrc_window_is_not_derived_once_the_matter_went_to_another_committee():
    c = case(fact("start", "registration_refused", "2019-05-08"),
             fact("cat", "un_communication_submitted", "2020-01-15", committee="CAT"))
    assert deadlines_of(derive(c), "hrc-5y") == []


def test_hrc_window_from_a_decision_dated_only_to_the_year_is_undecidable_within_the_fifth_year():
    deadline = derived(case(fact("start", "registration_refused", "2019")), "hrc-5y")
    assert deadline.due is None
    assert deadline.status(at("2023-12-01")) is RUNNING
    assert deadline.status(at("2024-06-01")) is CANNOT
    assert deadline.status(at("2025-01-02")) is NOT_RECORDED


# --- follow-up-cat and follow-up-hrc ---------------------------------------------------------
def test_follow_up_to_cat_views_is_not_a_follow_up_to_hrc_views():
    evaluation = derive(BY_RULE["follow-up-cat"].case())
    assert deadlines_of(evaluation, "follow-up-hrc") == []
    assert the_deadline(evaluation, "follow-up-cat").due.due == end_of("2024-12-23")


def test_follow_up_to_hrc_views_is_not_a_follow_up_to_cat_views():
    evaluation = derive(BY_RULE["follow-up-hrc"].case())
    assert deadlines_of(evaluation, "follow-up-cat") == []
    assert the_deadline(evaluation, "follow-up-hrc").due.due == end_of("2024-12-17")


def test_views_without_a_recorded_violation_start_no_follow_up_term():
    communication = fact("communication", "un_communication_submitted", "2021-02-01", committee="CAT")
    for fields in ({}, {"violation_found": False}, {"violation_found": True, "kind": "inadmissible"}):
        c = case(communication, fact("start", "un_views_adopted", "2024-09-23", **fields))
        assert deadlines_of(derive(c), "follow-up-cat") == [], fields
    c = case(communication, fact("start", "un_views_adopted", "2024-09-23", violation_found=True, kind="views"))
    assert the_deadline(derive(c), "follow-up-cat").due.due == end_of("2024-12-23")


# --- compensation-payment -------------------------------------------------------------------------------
def test_an_award_without_a_payment_date_sets_no_deadline():
    c = case(fact("start", "compensation_awarded", "2025-01-20", amount_kzt=100_000, source="court"))
    assert deadlines_of(derive(c), "compensation-payment") == []


def test_a_payment_before_the_award_does_not_meet_it():
    earlier = fact("paid", "compensation_paid", "2024-12-01", amount_kzt=50_000, source="vcf")
    award = fact("start", "compensation_awarded", "2025-01-20", source="court", pay_by="2025-03-16")
    assert derived(case(earlier, award), "compensation-payment").end_event is None
    late = fact("late", "compensation_paid", "2025-03-17", amount_kzt=2_000_000, source="court")
    missed = derived(case(earlier, award, late), "compensation-payment")
    assert (missed.end_event, missed.outcome) == ("late", Status.MISSED)


# --- the UN case file -------------------------------------------------------------------------------
def test_a_letter_from_the_committee_without_a_date_sets_no_deadline():
    c = case(fact("start", "un_correspondence", "2024-10-01", direction="from_committee"))
    assert deadlines_of(derive(c), "un-letter-deadline") == []


def test_a_letter_is_answered_by_comments_but_not_by_another_letter_from_the_committee():
    letter = fact("start", "un_correspondence", "2024-10-01", direction="from_committee", deadline="2024-11-30")
    reminder = fact("again", "un_correspondence", "2024-11-10", direction="from_committee")
    assert derived(case(letter, reminder), "un-letter-deadline").end_event is None
    comments = fact("comments", "author_comments_submitted", "2024-11-29")
    met = derived(case(letter, reminder, comments), "un-letter-deadline")
    assert (met.end_event, met.outcome) == ("comments", Status.MET)


def test_each_transmittal_has_its_own_six_months():
    first = fact("start", "un_case_registered", "2024-08-15", committee="CAT")
    second = fact("hrc", "un_case_registered", "2024-09-02", committee="HRC")
    evaluation = derive(case(first, second))
    assert [stamp(d.latest_due) for d in deadlines_of(evaluation, "un-state-observations-6m")] == [
        "2025-02-15T23:59", "2025-03-02T23:59"]
