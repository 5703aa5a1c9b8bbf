"""``flask flags recompute --jobs 2`` writes exactly the rows the serial recompute writes.

Workers read on their own connections, so the data must be committed: each test has its own
database (PostgreSQL with ``QORGAU_TEST_DB=postgresql``, otherwise a SQLite file; an in-memory
SQLite database cannot be opened by another process and falls back to one process).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import delete, make_url, select, update

from app import create_app
from app.extensions import db
from app.models import Case, CaseDeadline, CaseFlag, DeadlineChange
from app.services import parallel_recompute
from app.services.parallel_recompute import recompute, recompute_parallel, shares_between_processes
from app.services.seed import seed_database
from tests.conftest import pg_database
from tests.integration.test_interchange import SEED

pytestmark = [pytest.mark.no_db_isolation]

Snapshot = dict[str, list[tuple]]


@pytest.fixture
def own_database_url(tmp_path) -> Iterator[str]:
    if os.environ.get("QORGAU_TEST_DB", "sqlite") == "postgresql":
        yield from pg_database()
    else:
        yield f"sqlite:///{tmp_path / 'recompute.sqlite3'}"


@pytest.fixture
def seeded_app(own_database_url, tmp_path, monkeypatch):
    """The public-record cases, committed, in a database of their own."""
    monkeypatch.setenv("QORGAU_INSTANCE", str(tmp_path / "instance"))
    app = create_app("test", SQLALCHEMY_DATABASE_URI=own_database_url, FILES_DIR=str(tmp_path / "files"))
    with app.app_context():
        db.create_all()
        seed_database(db.session, SEED, demo_users=False, instance_path=tmp_path)
        db.session.commit()
        assert db.session.scalar(select(db.func.count()).select_from(CaseDeadline)) > 0
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def cleared_and_recomputed(app, *args: str) -> tuple[Snapshot, str]:
    """Empty the derived rows, run ``flask flags recompute ARGS``, read what it wrote."""
    with app.app_context():
        db.session.execute(delete(CaseDeadline))
        db.session.execute(delete(CaseFlag))
        db.session.execute(update(Case).values(stages="", last_event_on=None))
        db.session.commit()
        db.session.remove()
    result = app.test_cli_runner().invoke(args=["flags", "recompute", *args])
    assert result.exit_code == 0, result.output
    return derived_rows(app), result.output


def derived_rows(app) -> Snapshot:
    """Every derived row without its id (a new id each time), in a fixed order."""
    with app.app_context():
        tables = {"cases": select(Case.id, Case.stages, Case.last_event_on),
                  "case_deadlines": select(*(c for c in CaseDeadline.__table__.c if c.key != "id")),
                  "case_flags": select(*(c for c in CaseFlag.__table__.c if c.key != "id"))}
        found = {name: sorted((tuple(row) for row in db.session.execute(query)), key=repr)
                 for name, query in tables.items()}
        found["deadline_changes"] = [tuple(r) for r in db.session.execute(select(DeadlineChange.case_id))]
        db.session.remove()
    return found


def test_two_workers_write_exactly_what_one_process_writes(seeded_app):
    serial, said = cleared_and_recomputed(seeded_app)
    assert "worker processes" not in said
    parallel, said = cleared_and_recomputed(seeded_app, "--jobs", "2")
    assert "with 2 worker processes" in said
    assert serial["case_deadlines"] and serial["case_flags"]
    assert parallel == serial


def test_small_batches_spread_over_both_workers_are_written_in_case_order(seeded_app):
    serial, _ = cleared_and_recomputed(seeded_app)
    with seeded_app.app_context():
        db.session.execute(delete(CaseDeadline))
        db.session.execute(delete(CaseFlag))
        db.session.commit()
        report = recompute_parallel(db.session, 2, batch=3)  # the seed's cases in several tasks
        db.session.commit()
        written = db.session.scalars(select(CaseDeadline.case_id).order_by(CaseDeadline.id)).all()
        db.session.remove()
    assert report.workers == 2 and report.cases == len(serial["cases"])
    assert written == sorted(written)  # the single writer kept the order of the cases
    assert derived_rows(seeded_app) == serial


def test_a_failing_worker_fails_the_recompute_and_nothing_is_written(seeded_app, monkeypatch):
    before = derived_rows(seeded_app)

    def broken(*_args, **_kwargs):
        raise RuntimeError("engine failure in a worker")

    monkeypatch.setattr(parallel_recompute, "_derive", broken)  # forked workers inherit it
    result = seeded_app.test_cli_runner().invoke(args=["flags", "recompute", "--jobs", "2"])
    assert result.exit_code != 0
    assert "engine failure in a worker" in str(result.exception)
    assert derived_rows(seeded_app) == before


@pytest.mark.parametrize(("url", "shared"), [
    ("sqlite://", False), ("sqlite:///:memory:", False), ("sqlite:///file:x?mode=memory&uri=true", False),
    ("sqlite:////tmp/qorgau.sqlite3", True), ("postgresql+psycopg://u@localhost/qorgau", True)])
def test_only_a_database_other_processes_can_open_is_shared(url, shared):
    assert shares_between_processes(make_url(url)) is shared


def test_an_in_memory_database_is_recomputed_in_one_process(app):
    if os.environ.get("QORGAU_TEST_DB", "sqlite") != "sqlite":
        pytest.skip("the suite's database is an in-memory SQLite one only without QORGAU_TEST_DB")
    with app.app_context():
        report = recompute(db.session, 2)
        db.session.rollback()
        db.session.remove()
    assert report.workers == 0
