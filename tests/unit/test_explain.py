"""Due dates that explain themselves: every step of the arithmetic, with exact dates.

Every date below was checked against the ``holidays`` package's Kazakhstan calendar.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from app.procedure.calendar import Skipped, Term, Unit, compute_due
from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive
from app.procedure.explain import Explanation, Kind, explain, ordinal, reason_text
from app.procedure.law import Settings
from app.procedure.results import Deadline
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME
from app.procedure.when import When


# --- helpers ---------------------------------------------------------------------------------
def fact(ref: str, type_: str, when: str, **fields: Any) -> Fact:
    return Fact(ref, type_, When.parse(when), None, fields)


def explained(rule_id: str, from_event: str, *facts: Fact, settings: Settings | None = None,
              **facts_of_case: Any) -> Explanation:
    """The explanation of the one ``rule_id`` deadline started by ``from_event``."""
    case = CaseFile.build(list(facts), **facts_of_case)
    found = [d for d in derive(case, settings=settings).deadlines
             if d.rule == rule_id and d.from_event == from_event]
    assert len(found) == 1, found
    start = case.by_ref(from_event)
    return explain(found[0], start=start.when, start_label=EVENT_TYPES_BY_NAME[start.type].label,
                   settings=settings)


def served(on: str) -> Explanation:
    """The 15-day complaint to the investigating judge against a termination served ``on``."""
    return explained("appeal-to-investigating-judge-15d", "served",
                     fact("terminated", "investigation_terminated", on, ground="cpc_35_1_unstated"),
                     fact("served", "decision_served", on, decision="terminated"))


def end_of(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T23:59")


# --- day terms -------------------------------------------------------------------------------
def test_a_term_ending_on_a_saturday_moves_over_the_weekend():
    e = served("2024-06-07")
    assert e.text == (
        "Decision served Fri 7 Jun 2024; 15 days, the starting day not counted → Sat 22 Jun 2024; "
        "Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday) are not working days → due Mon 24 Jun 2024, 24:00; "
        "CPC 106(5); time counted under CPC art. 48.")
    assert e.kind is Kind.EXACT
    assert e.term == Term(15, Unit.DAYS) and e.basis == "CPC 106(5)" and not e.verify
    assert e.starting_day_excluded and e.movable
    assert e.start == When.parse("2024-06-07") and e.start_label == "Decision served"
    assert e.nominal_end == end_of("2024-06-22")
    assert e.skipped == (Skipped(date(2024, 6, 22), "Saturday"), Skipped(date(2024, 6, 23), "Sunday"))
    assert e.due == end_of("2024-06-24") and e.unmoved is None


def test_the_steps_are_the_sentence_in_order():
    assert served("2024-06-07").steps == (
        "Decision served Fri 7 Jun 2024",
        "15 days, the starting day not counted → Sat 22 Jun 2024",
        "Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday) are not working days → due Mon 24 Jun 2024, 24:00",
        "CPC 106(5); time counted under CPC art. 48",
    )


def test_a_term_ending_on_a_working_day_says_so_in_one_step():
    e = served("2024-06-10")  # Mon + 15 = Tue 25 Jun
    assert e.steps[1] == "15 days, the starting day not counted → due Tue 25 Jun 2024, 24:00"
    assert e.skipped == () and e.nominal_end == e.due == end_of("2024-06-25")


def test_nauryz_and_its_day_off_are_named_by_the_calendar():
    e = served("2024-03-06")  # + 15 = Thu 21 Mar: Nauryz 21-23 Mar, Sunday, then Monday off for the Saturday
    assert e.skipped == (
        Skipped(date(2024, 3, 21), "Nowruz Holiday"),
        Skipped(date(2024, 3, 22), "Nowruz Holiday"),
        Skipped(date(2024, 3, 23), "Nowruz Holiday"),
        Skipped(date(2024, 3, 24), "Sunday"),
        Skipped(date(2024, 3, 25), "Nowruz Holiday (observed)"),
    )
    assert e.steps[2] == (
        "Thu 21 Mar (Nowruz Holiday), Fri 22 Mar (Nowruz Holiday), Sat 23 Mar (Nowruz Holiday), "
        "Sun 24 Mar (Sunday) and Mon 25 Mar (day off for Nowruz Holiday) are not working days "
        "→ due Tue 26 Mar 2024, 24:00")


def test_independence_day_moves_the_end_by_one_day():
    e = served("2024-12-01")  # + 15 = Mon 16 Dec 2024
    assert e.steps[1:3] == ("15 days, the starting day not counted → Mon 16 Dec 2024",
                            "Mon 16 Dec (Independence Day) is not a working day → due Tue 17 Dec 2024, 24:00")


def test_a_transferred_day_off_is_named_with_the_saturday_it_came_from():
    e = served("2024-04-23")  # + 15 = Wed 8 May 2024, the day off for Sat 4 May; then Victory Day
    assert e.skipped == (Skipped(date(2024, 5, 8), "Day off (substituted from 05/04/2024)"),
                         Skipped(date(2024, 5, 9), "Victory Day"))
    assert e.steps[2] == ("Wed 8 May (day off transferred from Sat 4 May 2024) and Thu 9 May (Victory Day) "
                          "are not working days → due Fri 10 May 2024, 24:00")


def test_a_saturday_worked_in_exchange_for_a_day_off_does_not_move_the_end():
    e = served("2024-04-19")  # + 15 = Sat 4 May 2024, a working Saturday
    assert e.worked_weekend and e.skipped == ()
    assert e.steps[1] == ("15 days, the starting day not counted → due Sat 4 May 2024, 24:00 "
                          "(a weekend day worked in exchange for a day off)")


# --- month and year terms --------------------------------------------------------------------
def test_a_month_term_from_the_31st_ends_on_the_last_day_of_february():
    e = explained("asylum-appeal-1m", "refused", fact("refused", "asylum_refused", "2024-01-31"))
    assert e.text == (
        "Asylum refused Wed 31 Jan 2024; 1 month, the starting day not counted; February 2024 has no 31st, "
        "so the term ends on the month's last day → due Thu 29 Feb 2024, 24:00; "
        "APPC 136(1),(6); Refugees Act 8(1)(4)-(5); time counted under CPC art. 48.")
    assert e.term == Term(1, Unit.MONTHS) and e.due == end_of("2024-02-29")


def test_a_month_term_ends_on_the_same_date_of_the_last_month():
    e = explained("asylum-appeal-1m", "refused", fact("refused", "asylum_refused", "2024-01-15"))
    assert e.steps[1] == ("1 month, the starting day not counted, ending on the same date of the last month "
                          "→ due Thu 15 Feb 2024, 24:00")


def test_a_year_term_from_the_29th_of_february_ends_on_the_28th_then_moves_off_the_weekend():
    e = explained("vcf-application-3y", "recognized", fact("recognized", "victim_status_recognized", "2024-02-29"))
    assert e.steps[1:] == (
        "3 years, the starting day not counted; February 2027 has no 29th, so the term ends on the month's "
        "last day → Sun 28 Feb 2027",
        "Sun 28 Feb (Sunday) is not a working day → due Mon 1 Mar 2027, 24:00",
        "Victims Compensation Fund Act arts. 8-9; time counted under CPC art. 48",
    )


# --- hour terms and terms that never move ----------------------------------------------------
def test_an_hour_term_runs_from_the_minute_and_does_not_move_off_a_saturday():
    e = explained("registration-24h", "complaint", fact("complaint", "complaint_filed", "2024-06-07T10:30",
                                                        to_body="prosecutor"))
    assert e.text == (
        "Complaint filed Fri 7 Jun 2024, 10:30; 24 hours from the exact minute → due Sat 8 Jun 2024, 10:30; "
        "Sat 8 Jun (Saturday) is not a working day, but the term does not move: hour terms never move off "
        "non-working days; CPC 179(1), 185; Prosecutor General's Order No. 89 of 19.09.2014 (24 h) "
        "(value to verify); time counted under CPC art. 48.")
    assert not e.starting_day_excluded and e.movable
    assert e.due == datetime(2024, 6, 8, 10, 30) and e.unmoved == Skipped(date(2024, 6, 8), "Saturday")


def test_an_overridden_term_is_explained_with_its_configured_value():
    e = explained("registration-24h", "complaint", fact("complaint", "complaint_filed", "2024-06-10T10:30",
                                                        to_body="prosecutor"),
                  settings=Settings({"registration": 48}))
    assert e.steps[1] == "48 hours from the exact minute → due Wed 12 Jun 2024, 10:30"
    assert e.basis.startswith("CPC 179(1), 185") and e.verify


def test_custody_ending_on_a_sunday_does_not_move():
    e = explained("custody-48h", "apprehended", fact("apprehended", "apprehension", "2024-06-07T10:00",
                                                     suspected_of="CC 188(1)"))
    assert e.steps == (
        "Apprehension (actual loss of liberty) Fri 7 Jun 2024, 10:00",
        "48 hours from the exact minute → due Sun 9 Jun 2024, 10:00",
        "Sun 9 Jun (Sunday) is not a working day, but the term does not move: custody and detention terms "
        "never move off non-working days",
        "CPC 131(4) (48 h since the 2018 amendment, 72 h before); absolute cap 72 h, CPC 128(5) "
        "(value to verify); time counted under CPC art. 48",
    )
    assert not e.movable and e.due == datetime(2024, 6, 9, 10, 0)
    assert e.unmoved == Skipped(date(2024, 6, 9), "Sunday") and e.skipped == ()


def test_custody_of_a_minor_is_explained_with_the_minors_term_and_basis():
    e = explained("custody-48h", "apprehended", fact("apprehended", "apprehension", "2024-06-10T10:00"),
                  victim_flags={"minor"})
    assert e.term == Term(24, Unit.HOURS, movable=False) and e.basis == "CPC 131(4)" and not e.verify
    assert e.steps[1:3] == ("24 hours from the exact minute → due Tue 11 Jun 2024, 10:00",
                            "custody and detention terms never move off non-working days")


def test_a_day_term_that_never_moves_ends_on_a_sunday():
    start = datetime(2024, 6, 8)  # Sat + 15 days = Sun 23 Jun 2024
    computation = compute_due(start, Term(15, Unit.DAYS, movable=False))
    deadline = Deadline("custody-48h", "apprehended", computation, computation.due, computation.due)
    e = explain(deadline, start=When.parse("2024-06-08"), start_label="House arrest ordered")
    assert e.steps[1:3] == ("15 days, the starting day not counted → due Sun 23 Jun 2024, 24:00",
                            "Sun 23 Jun (Sunday) is not a working day, but the term does not move: custody and "
                            "detention terms never move off non-working days")
    assert e.basis == "CPC 131(4), 128(5), 133(2)"  # no term of the rule is 15 days: the rule's basis


# --- imprecise and unknown starts -------------------------------------------------------------
def test_a_start_known_only_to_the_month_gives_a_range():
    e = explained("appeal-to-investigating-judge-15d", "served",
                  fact("terminated", "investigation_terminated", "2024-05", ground="cpc_35_1_unstated"),
                  fact("served", "decision_served", "2024-06", decision="terminated"))
    assert e.kind is Kind.RANGE and e.due is None
    assert (e.earliest_due, e.latest_due) == (end_of("2024-06-17"), end_of("2024-07-15"))
    assert e.text == (
        "Decision served in June 2024; 15 days, the starting day not counted; due between Mon 17 Jun 2024, "
        "24:00 and Mon 15 Jul 2024, 24:00 because the start is known only to the month: record its day to "
        "get one due date; CPC 106(5); time counted under CPC art. 48.")


def test_a_start_known_only_to_the_year_gives_a_range():
    e = explained("asylum-appeal-1m", "refused", fact("refused", "asylum_refused", "2023"))
    assert e.steps[1:3] == (
        "1 month, the starting day not counted",
        "due between Wed 1 Feb 2023, 24:00 and Wed 31 Jan 2024, 24:00 because the start is known only to the "
        "year: record its day to get one due date")


def test_an_hour_term_from_a_start_known_only_to_the_day_gives_a_range_of_minutes():
    e = explained("custody-48h", "apprehended", fact("apprehended", "apprehension", "2024-06-07",
                                                     suspected_of="CC 188(1)"))
    assert e.term == Term(48, Unit.HOURS, movable=False)
    assert e.steps[:3] == (
        "Apprehension (actual loss of liberty) Fri 7 Jun 2024",
        "48 hours from the exact minute",
        "due between Sun 9 Jun 2024, 00:00 and Sun 9 Jun 2024, 23:59 because the start is known only to the "
        "day: record its time to get one due moment")


def test_a_term_that_cannot_be_computed_says_why():
    e = explained("appeal-to-investigating-judge-15d", "terminated",
                  fact("terminated", "investigation_terminated", "2024-06-05", ground="cpc_35_1_unstated"))
    assert e.kind is Kind.UNKNOWN
    assert e.text == ("Investigation terminated Wed 5 Jun 2024; 15 days, but the due date cannot be computed: "
                      "the decision was never served, so the 15 days cannot be counted; CPC 106(5).")


def test_a_due_day_set_by_an_extension_is_explained_as_set_by_the_decision():
    e = explained("investigation-term", "extended",
                  fact("registered", "registered_urpti", "2024-02-05"),
                  fact("extended", "investigation_extended", "2024-04-01", until="2024-05-06"))
    assert e.kind is Kind.SET
    assert e.text == ("Investigation extended Mon 1 Apr 2024; the decision set the date (extended until "
                      "2024-05-06) → due Mon 6 May 2024, 24:00; CPC 192, 190(3).")


def test_custody_without_the_offence_held_for_says_the_48_hours_are_assumed():
    e = explained("custody-48h", "apprehended", fact("apprehended", "apprehension", "2024-06-07T10:00"))
    assert e.steps[1] == ("the offence the person was held for is not recorded: an adult's 48 hours are assumed "
                          "(72 hours for terrorism, extremism, mass riots and particularly grave crimes)")


def test_an_assumption_of_the_computation_is_a_step():
    e = explained("investigation-term", "registered", fact("registered", "registered_urpti", "2024-02-05"))
    assert e.steps[1:3] == (
        "form of investigation not recorded: the 2-month preliminary term is assumed",
        "2 months, the starting day not counted, ending on the same date of the last month "
        "→ due Fri 5 Apr 2024, 24:00")


# --- words -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("reason", "text"), [
    ("Saturday", "Saturday"),
    ("Independence Day", "Independence Day"),
    ("Nowruz Holiday (observed)", "day off for Nowruz Holiday"),
    ("Day off (substituted from 01/05/2025)", "day off transferred from Sun 5 Jan 2025"),
    ("Day off (substituted from 02/31/2025)", "Day off (substituted from 02/31/2025)"),
    ("Victory Day; Day off (substituted from 05/04/2024)", "Victory Day; day off transferred from Sat 4 May 2024"),
])
def test_holiday_names_read_as_a_lawyer_reads_them(reason, text):
    assert reason_text(reason) == text


@pytest.mark.parametrize(("number", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (29, "29th"),
                                              (30, "30th"), (31, "31st")])
def test_ordinals(number, text):
    assert ordinal(number) == text
