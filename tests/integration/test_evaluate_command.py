"""`flask cases evaluate` (docs/evaluate.md): statuses and bases, and no migrated database needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect

SEED = Path(__file__).resolve().parents[2] / "seed"


@pytest.mark.no_db_isolation
def test_evaluate_works_on_a_fresh_database_that_was_never_migrated(tmp_path):
    from app import create_app
    from app.extensions import db
    from app.services.files import new_key

    empty = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.db'}",
                       FILES_DIR=str(tmp_path / "files"), FILE_KEY=new_key())
    with empty.app_context():
        assert not inspect(db.engine).has_table("rule_settings")
    result = empty.test_cli_runner().invoke(args=["cases", "evaluate", str(SEED / "kazantsev.json"),
                                                  "--as-of", "2026-12-07T12:00", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["flags"] and all(f["basis"] in ("record", "absence") for f in data["flags"])
    statuses = {d["status"] for d in data["deadlines"]}
    assert statuses <= {"running", "met", "missed", "not-recorded", "cannot-compute", "ended-by-death"}
    assert all(d["due"] is not None for d in data["deadlines"] if d["status"] == "missed")


def test_evaluate_prints_the_basis_of_each_flag_on_its_line(app):
    result = app.test_cli_runner().invoke(args=["cases", "evaluate", str(SEED / "kazantsev.json"),
                                                "--as-of", "2026-12-07T12:00"])
    assert result.exit_code == 0, result.output
    flag_lines = [line for line in result.output.splitlines() if line.strip().startswith("flag ")]
    assert flag_lines and all((" record " in line) != (" absence " in line) for line in flag_lines)


def test_evaluate_uses_the_values_admins_set_on_a_migrated_database(app, session, tmp_path):
    from app.models import RuleSetting

    document = {"format": "qorgau.cases", "version": 1, "cases": [{
        "reference": "KZ-2026-0001", "title": "A complaint",
        "events": [{"type": "complaint_filed", "at": "2026-12-01T10:00", "source": "lawyer's file",
                    "fields": {"to_body": "police"}}]}]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    def due() -> str:
        result = app.test_cli_runner().invoke(args=["cases", "evaluate", str(path), "--as-of", "2026-12-07T12:00",
                                                    "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["deadlines"][0]["due"]

    assert due() == "2026-12-02T10:00"
    session.add(RuleSetting(term="registration", amount=48))
    session.flush()
    assert due() == "2026-12-03T10:00"
