"""Controlled-vocabulary fields checked for shape only (whether a code exists is the service's
business), and the mapping of the case codes to HURIDOCS codes."""

import json
from datetime import datetime
from pathlib import Path

import pytest

from app.procedure.event_input import clean_event
from app.procedure.vocabulary import (
    BODIES,
    CONTROLLED_VOCABULARIES_BY_NAME,
    EVENT_TYPES_BY_NAME,
    PLACE_TYPES,
    FieldErrors,
    Kind,
)

NOW = datetime(2026, 1, 1, 12, 0)
VOCABULARIES = Path(__file__).resolve().parents[2] / "seed" / "vocabularies"


def fields_of(type_name: str, **fields):
    return clean_event({"type": type_name, "at": "2021-02-01", "source": "s", "fields": fields}, now=NOW).fields


def error_of(type_name: str, **fields) -> dict[str, str]:
    with pytest.raises(FieldErrors) as refused:
        fields_of(type_name, **fields)
    return refused.value.errors


def test_codes_are_kept_sorted_once_and_an_empty_list_is_no_value():
    assert fields_of("incident", methods=["03.22.01", " 03.01 ", "03.01"], detention="05") == {
        "methods": ["03.01", "03.22.01"], "detention": "05"}
    assert fields_of("incident", methods=[]) == {}
    assert fields_of("complaint_filed", to_body="prosecutor", intervention="02.01")["intervention"] == "02.01"


@pytest.mark.parametrize(("fields", "message"), [
    ({"methods": "03.01"}, "must be a list of codes"),
    ({"methods": [3.01]}, "3.01 is not a code (text)"),
    ({"methods": ["3.1"]}, "'3.1' is not a HURIDOCS code"),
    ({"methods": ["03.01.04.01.01.01.01"]}, "is not a HURIDOCS code"),
    ({"methods": ["03.01"] * 101}, "has 101 codes; the limit is 100"),
    ({"detention": ["05"]}, "is not a code (text)"),
    ({"detention": "five"}, "'five' is not a HURIDOCS code"),
])
def test_a_malformed_code_is_refused(fields, message):
    errors = error_of("incident", **fields)
    (name,) = fields
    assert message in errors[f"fields.{name}"]


def test_every_controlled_field_names_a_known_vocabulary_and_says_where_free_text_goes():
    controlled = [(t.name, f) for t in EVENT_TYPES_BY_NAME.values() for f in t.fields
                  if f.kind in (Kind.TERM, Kind.TERMS)]
    assert {(name, f.name) for name, f in controlled} == {
        ("incident", "methods"), ("incident", "detention"), ("complaint_filed", "intervention"),
        ("appeal_filed", "intervention")}
    for _, spec in controlled:
        assert spec.vocabulary in CONTROLLED_VOCABULARIES_BY_NAME and not spec.required
        assert "HURIDOCS" in spec.hint and ("description" in spec.hint or "notes" in spec.hint)


def test_the_mapping_uses_codes_of_the_case_and_of_the_vocabulary_files():
    mapping = json.loads((VOCABULARIES / "mapping.json").read_text(encoding="utf-8"))
    app_codes = {"place_type": {c.code for c in PLACE_TYPES}, "perpetrator_agency": {c.code for c in BODIES}}
    for column, expected_vocabulary in (("place_type", "place_types"), ("perpetrator_agency", "perpetrator_types")):
        vocabulary = mapping[column]["vocabulary"]
        assert vocabulary == expected_vocabulary
        document = json.loads((VOCABULARIES / f"{vocabulary}.json").read_text(encoding="utf-8"))
        huridocs = {t["code"] for t in document["terms"]}
        codes = mapping[column]["codes"]
        assert set(codes) <= app_codes[column], column
        assert set(codes.values()) <= huridocs, column
    assert set(mapping["place_type"]["codes"]) == app_codes["place_type"], "every place type is mapped"
    assert mapping["perpetrator_agency"]["codes"]["police"] == "01.01.04"
    assert mapping["place_type"]["codes"]["sports_hall"] == "05.05.01"
