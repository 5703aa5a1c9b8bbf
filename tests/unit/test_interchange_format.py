import json
from datetime import datetime
from pathlib import Path

import pytest

from app.interchange.check import check_file
from app.interchange.format import InvalidDocument, dump_document, parse_document

NOW = datetime(2026, 11, 23, 12, 0)
SEED = Path(__file__).resolve().parents[2] / "seed"
SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"


def document(**case_overrides):
    case = {
        "reference": "KZ-2021-0001",
        "title": "Test case",
        "parties": [{"person": "v", "role": "victim"}],
        "events": [
            {"type": "investigation_terminated", "at": "2021-04-30", "source": "s",
             "fields": {"ground": "no_event"}},
            {"type": "appeal_filed", "at": "2021-05", "source": "s",
             "fields": {"against": 0, "to_body": "prosecutor"}},
        ],
    }
    case.update(case_overrides)
    return {"format": "qorgau.cases", "version": 1,
            "people": [{"key": "v", "name": "A. Victim", "aliases": ["А. Жертва"]}],
            "cases": [case]}


def problems(data):
    with pytest.raises(InvalidDocument) as info:
        parse_document(data, now=NOW)
    return [str(p) for p in info.value.problems]


def test_a_valid_document_round_trips_through_dump():
    data = document()
    parsed = parse_document(data, now=NOW)
    assert parsed.cases[0].events[1].fields == {"against": 0, "to_body": "prosecutor"}
    assert dump_document(parsed) == data


def test_every_problem_names_case_event_and_field():
    data = document()
    data["cases"][0]["events"][1]["at"] = "2021-02-30"
    data["cases"][0]["events"][1]["fields"]["against"] = 7
    data["cases"][0]["events"].append({"type": "release", "source": "s"})
    assert problems(data) == [
        "case KZ-2021-0001, event 1: at: '2021-02-30' is not a real date: day is out of range for month",
        "case KZ-2021-0001, event 1: fields.against: must be the index of another event of this case (0-2)",
        "case KZ-2021-0001, event 2: at: is required",
    ]


def test_an_event_may_not_point_at_itself_or_outside_the_case():
    data = document()
    data["cases"][0]["events"][1]["fields"]["against"] = 1
    assert problems(data) == [
        "case KZ-2021-0001, event 1: fields.against: must be the index of another event of this case (0-1)"]


def test_header_people_and_parties_are_checked():
    data = document(reference="bad ref", parties=[{"person": "nobody", "role": "victim"},
                                                    {"person": "v", "role": "hero"}])
    data["format"] = "something.else"
    data["people"].append({"key": "v", "name": "twice"})
    found = problems(data)
    assert "document: format: must be 'qorgau.cases'" in found
    assert "people[1]: key: 'v' is used twice" in found
    assert any(p.startswith("case bad ref: reference: must be 3-40 capital letters") for p in found)
    assert "case bad ref, parties[0]: person: 'nobody' is not a key in people" in found
    assert any(p.startswith("case bad ref, parties[1]: role: 'hero' is not one of") for p in found)


def test_a_person_needs_a_name_or_a_description():
    data = document()
    data["people"][0] = {"key": "v"}
    assert "people[0]: name: give a name or, when it is unknown, a description" in problems(data)


def test_duplicate_references_in_one_file_are_refused():
    data = document()
    data["cases"].append(dict(data["cases"][0]))
    assert "case KZ-2021-0001: reference: appears more than once in the file" in problems(data)


def test_check_file_reports_broken_json_and_encoding(tmp_path):
    truncated = tmp_path / "truncated.json"
    truncated.write_text(json.dumps(document())[:-10])
    assert check_file(truncated)[0].startswith(f"{truncated}: not valid JSON:")
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes(json.dumps(document(title="Алматы"), ensure_ascii=False).encode("cp1251"))
    assert "not UTF-8 text" in check_file(latin1)[0]


@pytest.mark.parametrize("path", sorted(SEED.glob("*.json")), ids=lambda p: p.name)
def test_every_seed_file_is_valid_and_cites_a_source_file(path):
    assert check_file(path) == []
    data = json.loads(path.read_text(encoding="utf-8"))
    sources = {p.name for p in SOURCES.glob("*.txt")}
    assert sources, f"the public sources are expected in {SOURCES}"
    for case in data["cases"]:
        for event in case["events"]:
            cited = event["source"].split(",")[0].strip()
            assert cited in sources, f"{case['reference']}: {event['source']}"
