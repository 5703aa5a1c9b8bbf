"""Counting procedural time (CPC art. 48, DOMAIN.md §4) on the Kazakh calendar.

Every date below was checked against the ``holidays`` package's Kazakhstan calendar.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.procedure.calendar import (
    AdjustedCalendar,
    Computation,
    Skipped,
    Term,
    Unit,
    add_months,
    compute_due,
    kazakh_calendar,
    working_days_before,
    working_days_between,
)


# --- helpers ---------------------------------------------------------------------------------
def at(text: str) -> datetime:
    """'2024-06-07' or '2024-06-07T22:10' as a naive Almaty wall-clock datetime."""
    return datetime.fromisoformat(text)


def end_of(day: str) -> datetime:
    """24:00 of a day, as the engine writes it: 23:59, the last minute still in time."""
    return datetime.fromisoformat(f"{day}T23:59")


def days(amount: int, *, movable: bool = True) -> Term:
    return Term(amount, Unit.DAYS, movable)


def hours(amount: int) -> Term:
    return Term(amount, Unit.HOURS, movable=False)


def months(amount: int) -> Term:
    return Term(amount, Unit.MONTHS)


def due(start: str, term: Term) -> datetime:
    return compute_due(at(start), term).due


def skipped(start: str, term: Term) -> list[tuple[str, str]]:
    return [(s.day.isoformat(), s.reason) for s in compute_due(at(start), term).skipped]


class EveryDayWorks:
    """A calendar without weekends or holidays, to show compute_due uses the one it is given."""

    def is_working_day(self, day: date) -> bool:
        return True

    def holiday_name(self, day: date) -> str | None:
        return None


# --- the worked examples of DOMAIN.md §4 -----------------------------------------------------
def test_worked_example_15_days_from_friday_7_june_2024_end_monday_24_june():
    computation = compute_due(at("2024-06-07"), days(15))
    assert computation.nominal_end == end_of("2024-06-22")  # a Saturday
    assert computation.due == end_of("2024-06-24")
    assert computation.due_day.strftime("%A") == "Monday"


def test_worked_example_3_days_from_friday_13_december_2024_skip_independence_day():
    assert due("2024-12-13", days(3)) == end_of("2024-12-17")
    assert skipped("2024-12-13", days(3)) == [("2024-12-16", "Independence Day")]


def test_worked_example_15_days_from_monday_6_march_2023_skip_nauryz_to_friday_24_march():
    assert due("2023-03-06", days(15)) == end_of("2023-03-24")
    assert skipped("2023-03-06", days(15)) == [
        ("2023-03-21", "Nowruz Holiday"),
        ("2023-03-22", "Nowruz Holiday"),
        ("2023-03-23", "Nowruz Holiday"),
    ]


def test_worked_example_48_hour_custody_from_friday_night_ends_sunday_unmoved():
    computation = compute_due(at("2023-12-15T22:10"), hours(48))
    assert computation.due == at("2023-12-17T22:10")  # 16 Dec Independence Day, 17 Dec a Sunday
    assert computation.nominal_end == computation.due
    assert computation.skipped == ()


# --- day terms -------------------------------------------------------------------------------
def test_day_term_does_not_count_the_starting_day_and_ends_at_the_end_of_its_last_day():
    assert due("2024-06-03", days(1)) == end_of("2024-06-04")


def test_day_term_ignores_the_hour_of_the_starting_event():
    assert due("2024-06-03T00:00", days(3)) == due("2024-06-03T23:59", days(3)) == end_of("2024-06-06")


def test_day_term_ending_on_a_saturday_moves_to_monday():
    assert due("2024-09-11", days(3)) == end_of("2024-09-16")
    assert skipped("2024-09-11", days(3)) == [("2024-09-14", "Saturday"), ("2024-09-15", "Sunday")]


def test_day_term_ending_on_1_january_moves_past_both_new_year_days():
    assert due("2023-12-29", days(3)) == end_of("2024-01-03")
    assert skipped("2023-12-29", days(3)) == [("2024-01-01", "New Year's Day"), ("2024-01-02", "New Year's Day")]


def test_day_term_ending_on_1_january_2025_moves_to_the_sunday_made_a_working_day():
    # 3 January 2025 was a day off transferred from Sunday 5 January, which was worked.
    assert due("2024-12-29", days(3)) == end_of("2025-01-05")
    assert [day for day, _ in skipped("2024-12-29", days(3))] == [
        "2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"]


def test_day_term_ending_on_8_march_moves_to_the_next_working_day():
    assert due("2024-03-05", days(3)) == end_of("2024-03-11")
    assert skipped("2024-03-05", days(3))[0] == ("2024-03-08", "International Women's Day")


def test_day_term_ending_on_nauryz_moves_past_the_observed_holiday():
    # 2024: 21-23 March Nauryz (23rd a Saturday), 24th Sunday, 25th the observed day off.
    assert due("2024-03-18", days(3)) == end_of("2024-03-26")
    assert skipped("2024-03-18", days(3)) == [
        ("2024-03-21", "Nowruz Holiday"),
        ("2024-03-22", "Nowruz Holiday"),
        ("2024-03-23", "Nowruz Holiday"),
        ("2024-03-24", "Sunday"),
        ("2024-03-25", "Nowruz Holiday (observed)"),
    ]


def test_day_term_ending_on_16_december_on_a_saturday_moves_past_the_observed_monday():
    assert due("2023-12-13", days(3)) == end_of("2023-12-19")
    assert skipped("2023-12-13", days(3)) == [
        ("2023-12-16", "Independence Day"),
        ("2023-12-17", "Sunday"),
        ("2023-12-18", "Independence Day (observed)"),
    ]


def test_day_term_ending_on_a_transferred_day_off_moves():
    # 8 May 2024 was a day off transferred from Saturday 4 May; 9 May is Victory Day.
    assert due("2024-05-05", days(3)) == end_of("2024-05-10")
    assert skipped("2024-05-05", days(3)) == [
        ("2024-05-08", "Day off (substituted from 05/04/2024)"),
        ("2024-05-09", "Victory Day"),
    ]


def test_day_term_ending_on_a_working_saturday_does_not_move():
    assert kazakh_calendar().is_working_day(date(2024, 5, 4))
    computation = compute_due(at("2024-05-01"), days(3))
    assert computation.due == end_of("2024-05-04")
    assert computation.skipped == ()


def test_day_term_ending_on_a_working_day_skips_nothing():
    computation = compute_due(at("2024-06-03"), days(3))
    assert computation.due == computation.nominal_end == end_of("2024-06-06")
    assert computation.skipped == ()


def test_immovable_day_term_ends_on_a_holiday_all_the_same():
    computation = compute_due(at("2024-12-13"), days(3, movable=False))
    assert computation.due == end_of("2024-12-16")
    assert computation.skipped == ()


def test_skipped_names_every_day_passed_over_and_why():
    computation = compute_due(at("2024-06-07"), days(15))
    assert computation.skipped == (
        Skipped(date(2024, 6, 22), "Saturday"),
        Skipped(date(2024, 6, 23), "Sunday"),
    )


def test_computation_keeps_its_start_and_term():
    computation = compute_due(at("2024-06-07T10:30"), days(15))
    assert isinstance(computation, Computation)
    assert computation.start == at("2024-06-07T10:30")
    assert computation.term == days(15)


# --- month and year terms --------------------------------------------------------------------
def test_month_term_from_31_january_ends_29_february_in_a_leap_year():
    assert due("2024-01-31", months(1)) == end_of("2024-02-29")


def test_month_term_from_31_january_ends_28_february_in_a_common_year():
    assert due("2023-01-31", months(1)) == end_of("2023-02-28")


def test_month_term_ends_on_the_same_date_of_the_last_month():
    assert due("2024-04-15", months(2)) == end_of("2024-06-17")  # 15 June 2024 is a Saturday
    assert due("2024-04-10", months(2)) == end_of("2024-06-10")


def test_month_term_ending_on_nauryz_moves_to_the_next_working_day():
    assert due("2024-02-23", months(1)) == end_of("2024-03-26")


def test_year_term_from_29_february_ends_28_february():
    assert due("2024-02-29", Term(1, Unit.YEARS)) == end_of("2025-02-28")


def test_year_term_ending_on_nauryz_moves():
    assert due("2023-03-22", Term(1, Unit.YEARS)) == end_of("2024-03-26")


@pytest.mark.parametrize(("start", "count", "expected"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 3, 31), 1, date(2024, 4, 30)),
    (date(2024, 11, 30), 3, date(2025, 2, 28)),
    (date(2024, 12, 15), 1, date(2025, 1, 15)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
])
def test_add_months_keeps_the_date_or_takes_the_last_day_of_a_shorter_month(start, count, expected):
    assert add_months(start, count) == expected


# --- hour terms ------------------------------------------------------------------------------
def test_hour_term_runs_from_the_exact_minute():
    assert due("2024-06-04T09:17", hours(3)) == at("2024-06-04T12:17")


def test_hour_term_across_nauryz_never_moves():
    computation = compute_due(at("2024-03-20T18:00"), hours(72))
    assert computation.due == at("2024-03-23T18:00")
    assert computation.skipped == ()


def test_hour_term_marked_movable_still_never_moves():
    computation = compute_due(at("2024-12-15T09:00"), Term(24, Unit.HOURS, movable=True))
    assert computation.due == at("2024-12-16T09:00")  # Independence Day
    assert computation.skipped == ()


def test_hour_term_ending_on_a_new_year_night_stays_at_its_minute():
    assert due("2023-12-31T20:30", hours(12)) == at("2024-01-01T08:30")


# --- the calendar itself ---------------------------------------------------------------------
@pytest.mark.parametrize(("day", "working"), [
    (date(2024, 6, 7), True),  # Friday
    (date(2024, 6, 8), False),  # Saturday
    (date(2024, 12, 16), False),  # Independence Day
    (date(2024, 5, 4), True),  # Saturday worked in exchange for 8 May
    (date(2024, 5, 8), False),  # the day off it bought
    (date(2025, 1, 5), True),  # Sunday worked in exchange for 3 January
    (date(2023, 7, 7), False),  # day off transferred from Saturday 1 July 2023
])
def test_kazakh_calendar_knows_weekends_holidays_and_transfers(day, working):
    assert kazakh_calendar().is_working_day(day) is working


def test_kazakh_calendar_names_holidays_and_nothing_else():
    calendar = kazakh_calendar()
    assert calendar.holiday_name(date(2024, 12, 16)) == "Independence Day"
    assert calendar.holiday_name(date(2024, 6, 8)) is None


def test_compute_due_uses_the_calendar_it_is_given():
    computation = compute_due(at("2024-06-07"), days(15), EveryDayWorks())
    assert computation.due == end_of("2024-06-22")
    assert computation.skipped == ()


def test_term_reads_as_words():
    assert str(days(15)) == "15 days"
    assert str(Term(1, Unit.MONTHS)) == "1 month"
    assert str(hours(48)) == "48 hours"


# --- working_days_before ---------------------------------------------------------------------
def test_working_days_before_skips_the_weekend():
    assert working_days_before(date(2024, 6, 24), 3) == date(2024, 6, 19)


def test_working_days_before_skips_holidays_and_observed_days():
    # 25 March 2024 observed Nauryz, 24 Sunday, 23-21 Nauryz: two working days back is the 19th.
    assert working_days_before(date(2024, 3, 26), 2) == date(2024, 3, 19)


def test_working_days_before_counts_a_working_saturday():
    assert working_days_before(date(2024, 5, 6), 1) == date(2024, 5, 4)


def test_working_days_before_skips_a_transferred_day_off():
    # 9 May Victory Day, 8 May transferred day off, 7 May Defender of the Fatherland Day.
    assert working_days_before(date(2024, 5, 10), 1) == date(2024, 5, 6)


def test_working_days_before_zero_days_is_the_day_itself():
    assert working_days_before(date(2024, 6, 22), 0) == date(2024, 6, 22)


def test_working_days_before_uses_the_calendar_it_is_given():
    assert working_days_before(date(2024, 6, 24), 3, EveryDayWorks()) == date(2024, 6, 21)


# --- working_days_between (reminders: "due in N working days") --------------------------------
def test_working_days_between_counts_after_the_first_day_up_to_the_due_day():
    assert working_days_between(date(2024, 6, 19), date(2024, 6, 24)) == 3  # Thu, Fri, Mon
    assert working_days_between(date(2024, 6, 21), date(2024, 6, 24)) == 1  # the weekend is not counted
    assert working_days_between(date(2024, 6, 24), date(2024, 6, 24)) == 0  # due today
    assert working_days_between(date(2024, 6, 25), date(2024, 6, 24)) == 0  # already past


def test_working_days_between_skips_nauryz_and_counts_a_working_saturday():
    # Mon 18 March 2024 → Tue 26 March: 19, 20 work; 21-23 Nauryz, 24 Sunday, 25 observed; 26 works.
    assert working_days_between(date(2024, 3, 18), date(2024, 3, 26)) == 3
    # Fri 3 May → Mon 6 May 2024: Saturday 4 May was worked in exchange for 8 May.
    assert working_days_between(date(2024, 5, 3), date(2024, 5, 6)) == 2


def test_an_adjusted_calendar_wins_over_the_package():
    adjusted = AdjustedCalendar(kazakh_calendar(), {date(2024, 6, 24): (False, "Decree (test)"),
                                                    date(2024, 6, 22): (True, "Working Saturday (test)")})
    assert not adjusted.is_working_day(date(2024, 6, 24))
    assert adjusted.holiday_name(date(2024, 6, 24)) == "Decree (test)"
    assert adjusted.is_working_day(date(2024, 6, 22)) and adjusted.holiday_name(date(2024, 6, 22)) is None
    assert adjusted.holiday_name(date(2024, 12, 16)) == "Independence Day"  # the rest is the package's
    served = compute_due(at("2024-06-07"), days(15), adjusted)
    assert served.due == end_of("2024-06-22") and served.skipped == ()
