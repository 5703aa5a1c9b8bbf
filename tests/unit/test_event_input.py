from datetime import datetime

import pytest

from app.procedure.event_input import clean_event
from app.procedure.vocabulary import EVENT_TYPES, FieldErrors, Kind

NOW = datetime(2026, 11, 23, 12, 0)
SOURCE = "lawyer's file"


def errors_of(raw):
    with pytest.raises(FieldErrors) as info:
        clean_event(raw, now=NOW)
    return info.value.errors


def test_a_complete_event_is_cleaned():
    event = clean_event({"type": "complaint_filed", "at": "2021-01-18", "source": f"  {SOURCE} ",
                         "body": "aca", "fields": {"to_body": "aca", "by": "victim"}}, now=NOW)
    assert event.at.isoformat() == "2021-01-18"
    assert event.source == SOURCE
    assert event.fields == {"to_body": "aca", "by": "victim"}


def test_unknown_type_is_named():
    assert errors_of({"type": "coffee_break", "at": "2021", "source": SOURCE}) == {
        "type": "'coffee_break' is not an event type of the vocabulary (docs/vocabulary.md)"}


def test_missing_date_source_and_required_field_are_all_reported():
    errors = errors_of({"type": "complaint_filed"})
    assert set(errors) == {"at", "source", "fields.to_body"}


def test_future_and_impossible_dates_are_refused():
    assert "in the future" in errors_of({"type": "release", "at": "2026-11-24", "source": SOURCE})["at"]
    assert "not a real date" in errors_of({"type": "release", "at": "2021-02-29", "source": SOURCE})["at"]


def test_end_before_start_is_refused():
    errors = errors_of({"type": "incident", "at": "2021-01-10", "source": SOURCE,
                        "fields": {"from": "2021-01-10T18:00", "to": "2021-01-10T09:00"}})
    assert errors == {"fields.to": "ends before 'from' begins"}


def test_overlong_and_control_characters_are_refused():
    errors = errors_of({"type": "release", "at": "2021", "source": "x" * 100_000,
                        "notes": "bell\x07"})
    assert "100,000 characters" in errors["source"]
    assert errors["notes"] == "contains control characters"


def test_wrong_kinds_of_values_are_named_per_field():
    errors = errors_of({"type": "interrogation", "at": "2021", "source": SOURCE,
                        "fields": {"with_lawyer": "maybe", "colour": "red"}})
    assert errors == {"fields.with_lawyer": "must be true or false",
                      "fields.colour": "is not a field of interrogation"}


def test_unknown_code_lists_the_allowed_ones():
    errors = errors_of({"type": "reprisal", "at": "2021", "source": SOURCE, "fields": {"kind": "bribe"}})
    assert errors["fields.kind"].startswith("'bribe' is not one of pressure_to_withdraw, threat")


def test_negative_amount_is_refused():
    errors = errors_of({"type": "compensation_paid", "at": "2022", "source": SOURCE,
                        "fields": {"amount_kzt": -5}})
    assert errors == {"fields.amount_kzt": "must be between 0 and 1,000,000,000,000"}


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: t.name)
def test_every_type_accepts_its_required_fields(event_type):
    sample = {Kind.TEXT: "x", Kind.LONG_TEXT: "x", Kind.BOOL: True, Kind.WHEN: "2021-01-01",
              Kind.EVENT: "some-uid", Kind.AMOUNT: 1}
    fields = {f.name: f.choices[0].code if f.choices else sample[f.kind]
              for f in event_type.fields if f.required}
    event = clean_event({"type": event_type.name, "at": "2021-02-01", "source": SOURCE,
                         "fields": fields}, now=NOW)
    assert event.fields == fields
