"""Import, export and seed through the CLI, against the real database."""

import json
from pathlib import Path

from sqlalchemy import select

from app.models import Case, Person
from tests.integration.conftest import row_counts

SEED = Path(__file__).resolve().parents[2] / "seed"


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_seed_loads_every_case_and_is_idempotent(app, session, tmp_path):
    first = invoke(app, "seed")
    assert first.exit_code == 0, first.output
    expected = sum(len(json.loads(p.read_text())["cases"]) for p in SEED.glob("*.json"))
    assert f"Seed: {expected} case(s) added, 0 already present." in first.output
    assert "demo lawyer" in first.output and "password: " in first.output
    counts = row_counts(session)
    assert counts["cases"] == expected >= 16
    second = invoke(app, "seed")
    assert f"Seed: 0 case(s) added, {expected} already present." in second.output
    assert row_counts(session) == counts
    password_lines = [line for line in first.output.splitlines() if "demo" in line]
    assert password_lines == [line for line in second.output.splitlines() if "demo" in line]


def test_seeded_cases_carry_their_sources_and_spellings(app, session):
    invoke(app, "seed")
    kazantsev = session.scalar(select(Case).where(Case.reference == "KZ-2021-KAZANTSEV"))
    assert kazantsev.victim_flags[0] == "minor"
    assert all(e.source.startswith("NGO-coalition-joint-submission") for e in kazantsev.events)
    kaliev = session.scalar(select(Person).where(Person.search_text.like("%kaliev%")))
    assert "kaliyev" in kaliev.search_text


def test_export_import_round_trip_is_lossless(app, session, tmp_path):
    invoke(app, "seed")
    refs = list(session.scalars(select(Case.reference).order_by(Case.reference)))
    first = tmp_path / "first.json"
    result = invoke(app, "cases", "export", *refs, "--output", str(first))
    assert result.exit_code == 0, result.output
    for case in session.scalars(select(Case)):
        session.delete(case)
    for person in session.scalars(select(Person)):
        session.delete(person)
    session.commit()
    assert row_counts(session)["events"] == 0
    imported = invoke(app, "cases", "import", str(first))
    assert imported.exit_code == 0, imported.output
    second = tmp_path / "second.json"
    invoke(app, "cases", "export", *refs, "--output", str(second))
    assert json.loads(second.read_text()) == json.loads(first.read_text())
    assert second.read_text() == first.read_text()


def test_a_broken_file_writes_nothing_and_names_every_error(app, session, tmp_path):
    document = json.loads((SEED / "kettling-2021.json").read_text())
    document["cases"][1]["events"][2]["at"] = "2021-02-30"
    del document["cases"][3]["events"][0]["source"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document, ensure_ascii=False))
    before = row_counts(session)
    result = invoke(app, "cases", "import", str(broken))
    assert result.exit_code != 0
    ref1, ref3 = document["cases"][1]["reference"], document["cases"][3]["reference"]
    assert f"{broken}: case {ref1}, event 2: at: '2021-02-30' is not a real date" in result.output
    assert f"{broken}: case {ref3}, event 0: source: is required" in result.output
    assert "nothing imported" in result.output
    assert row_counts(session) == before


def test_importing_an_existing_case_writes_nothing(app, session, tmp_path):
    invoke(app, "seed")
    before = row_counts(session)
    result = invoke(app, "cases", "import", str(SEED / "zhilin.json"))
    assert result.exit_code != 0
    assert "case KZ-2022-ZHILIN: reference: already exists in the database" in result.output
    assert row_counts(session) == before


def test_truncated_json_is_reported_with_its_position(app, session, tmp_path):
    truncated = tmp_path / "truncated.json"
    truncated.write_text((SEED / "zhilin.json").read_text()[:500])
    result = invoke(app, "cases", "import", str(truncated))
    assert result.exit_code != 0
    assert "not valid JSON" in result.output and "line" in result.output


def test_exporting_an_unknown_case_is_an_error(app):
    result = invoke(app, "cases", "export", "KZ-0000-NOPE")
    assert result.exit_code != 0
    assert "no such case: KZ-0000-NOPE" in result.output
