from datetime import datetime

import pytest

from app.procedure.when import InvalidWhen, Precision, When


@pytest.mark.parametrize(("text", "precision", "start", "latest"), [
    ("2022", Precision.YEAR, datetime(2022, 1, 1), datetime(2022, 12, 31, 23, 59)),
    ("2024-02", Precision.MONTH, datetime(2024, 2, 1), datetime(2024, 2, 29, 23, 59)),
    ("2023-12", Precision.MONTH, datetime(2023, 12, 1), datetime(2023, 12, 31, 23, 59)),
    ("2021-01-08", Precision.DAY, datetime(2021, 1, 8), datetime(2021, 1, 8, 23, 59)),
    ("2021-01-08T03:00", Precision.MINUTE, datetime(2021, 1, 8, 3, 0), datetime(2021, 1, 8, 3, 0)),
])
def test_parse_keeps_the_precision_of_the_record(text, precision, start, latest):
    when = When.parse(text)
    assert when.precision is precision
    assert when.start == start
    assert when.latest() == latest
    assert when.isoformat() == text


@pytest.mark.parametrize("text", [
    "2021-02-30", "2021-13", "2021-01-08T24:00", "2021-01-08T10:60", "21-01-08", "08.01.2021",
    "", "2021-1-8", "1899", "2021-01-08T10", "2021-01-08 extra",
])
def test_parse_rejects_what_is_not_a_real_date(text):
    with pytest.raises(InvalidWhen):
        When.parse(text)


def test_parse_rejects_non_text():
    with pytest.raises(InvalidWhen):
        When.parse(20210108)  # type: ignore[arg-type]


def test_round_trip_through_stored_columns():
    when = When.parse("2021-01-08T22:30")
    assert When.from_parts(when.day, when.clock, when.precision) == when
    coarse = When.parse("2021-01")
    assert coarse.clock is None
    assert When.from_parts(coarse.day, coarse.clock, coarse.precision) == coarse
