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


UN_EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "un-case-file.json"
UN_RULES = ("un-state-observations-6m", "un-letter-deadline", "follow-up-cat", "compensation-payment",
            "un-reply-due", "follow-up-overdue", "compensation-unpaid", "interim-measures-breached")


def _un_ids(app, as_of: str) -> tuple[list[tuple[str, str | None, str]], list[tuple[str, str]]]:
    result = app.test_cli_runner().invoke(args=["cases", "evaluate", str(UN_EXAMPLE), "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return ([(d["rule"], d["due"], d["status"]) for d in data["deadlines"] if d["rule"] in UN_RULES],
            [(f["rule"], f["basis"]) for f in data["flags"] if f["rule"] in UN_RULES])


MET = [("un-state-observations-6m", "2024-10-10", "met"), ("un-letter-deadline", "2024-12-02", "met")]


@pytest.mark.parametrize(("as_of", "deadlines", "flags"), [
    # registered Wed 10 Apr 2024: six months, not moved, to Thu 10 Oct 2024
    ("2024-05-01T09:00", [("un-state-observations-6m", "2024-10-10", "running")], []),
    # ten working days before Thu 10 Oct 2024 (from Thu 26 Sep): the reply is due soon
    ("2024-09-27T09:00", [("un-state-observations-6m", "2024-10-10", "running")], [("un-reply-due", "record")]),
    # the committee's letter of 3 Oct asks for comments by Mon 2 Dec 2024
    ("2024-10-04T09:00", [("un-state-observations-6m", "2024-10-10", "met"),
                          ("un-letter-deadline", "2024-12-02", "running")], []),
    # Views of Mon 12 May 2025: 90 days end on Sun 10 Aug 2025 → Mon 11 Aug 2025
    ("2025-05-13T09:00", [*MET, ("follow-up-cat", "2025-08-11", "running")], []),
    ("2025-08-12T09:00", [*MET, ("follow-up-cat", "2025-08-11", "not-recorded")], [("follow-up-overdue", "absence")]),
    # the State replied on 20 Aug 2025, late; a court awarded compensation to be paid by Fri 10 Apr 2026
    ("2026-04-11T09:00", [*MET, ("compensation-payment", "2026-04-10", "not-recorded"),
                          ("follow-up-cat", "2025-08-11", "missed")],
     [("compensation-unpaid", "absence")]),
])
def test_evaluate_reports_the_un_case_files_terms_and_flags_by_their_ids(app, as_of, deadlines, flags):
    assert _un_ids(app, as_of) == (deadlines, flags)
