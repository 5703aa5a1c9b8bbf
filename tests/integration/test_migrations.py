"""The committed migrations build the schema the models describe, and undo it, on both databases."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.extensions import db
from tests.conftest import pg_database

pytestmark = [pytest.mark.migrations, pytest.mark.no_db_isolation]


@pytest.fixture
def empty_database_url(tmp_path):
    if os.environ.get("QORGAU_TEST_DB", "sqlite") == "postgresql":
        yield from pg_database()
    else:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"


def test_upgrade_matches_the_models_and_downgrade_removes_everything(empty_database_url):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                    db.metadata)
        assert diff == [], "models and migrations differ: generate a migration"
        _assert_audit_log_is_append_only()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        db.session.remove()
        db.engine.dispose()


def _assert_audit_log_is_append_only():
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO audit_log (at, actor, action, object_type, details) "
                                "VALUES (CURRENT_TIMESTAMP, 'test', 'create', 'Case', '{}')"))
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))


def test_migrations_keep_the_data_of_a_populated_database(empty_database_url, tmp_path):
    """Down one revision and up again on a seeded database: every row survives (SQLite rebuilds
    tables in batch mode, which must not trip over foreign keys)."""
    from sqlalchemy import func, select

    from app.models import Case, Event, User
    from app.services.seed import seed_database
    from tests.integration.test_interchange import SEED

    app = create_app("test", SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        seed_database(db.session, SEED, demo_users=True, instance_path=tmp_path)
        db.session.commit()
        counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (Case, Event, User)]
        db.session.remove()
        downgrade(revision="-1")
        upgrade()
        assert [db.session.scalar(select(func.count()).select_from(m)) for m in (Case, Event, User)] == counts
        db.session.remove()
        db.engine.dispose()


def test_0014_numbers_events_in_the_order_pages_showed_and_renames_the_ground_the_law_lacks(empty_database_url):
    """Events get the lawyer's order the pages showed before (day, day-only first, coarser first, id);
    the termination ground 'lack_of_evidence' (no ground of CPC 35) becomes 'cpc_35_1_unstated', and back."""
    from datetime import UTC, date, datetime, time

    import sqlalchemy as sa

    app = create_app("test", SQLALCHEMY_DATABASE_URI=empty_database_url)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    cases = sa.table("cases", *(sa.column(c) for c in (
        "id", "reference", "title", "victim_minor", "victim_woman", "victim_disability", "victim_foreign_national",
        "victim_in_custody_now", "search_text", "stages", "version")),
        sa.column("created_at", sa.DateTime(timezone=True)), sa.column("updated_at", sa.DateTime(timezone=True)))
    stamp = sa.DateTime(timezone=True)
    events = sa.table("events", sa.column("id"), sa.column("uid"), sa.column("case_id"), sa.column("type"),
                      sa.column("occurred_on", sa.Date), sa.column("occurred_time", sa.Time),
                      sa.column("precision"), sa.column("source"), sa.column("fields", sa.JSON),
                      sa.column("created_at", stamp), sa.column("updated_at", stamp), sa.column("version"))
    rows = [  # id, day, time, precision, type, fields
        (1, date(2021, 4, 30), None, 3, "investigation_terminated", {"ground": "lack_of_evidence"}),
        (2, date(2021, 1, 8), time(3, 0), 4, "apprehension", {}),
        (3, date(2021, 1, 1), None, 2, "medical_exam", {"kind": "emergency"}),
        (4, date(2021, 1, 8), None, 3, "interrogation", {}),
        (5, date(2021, 1, 1), None, 1, "complaint_filed", {"to_body": "unknown"}),
    ]
    with app.app_context():
        upgrade(revision="0013_languages")
        with db.engine.begin() as connection:
            connection.execute(cases.insert().values(
                id=1, reference="KZ-2021-0001", title="t", victim_minor=False, victim_woman=False,
                victim_disability=False, victim_foreign_national=False, victim_in_custody_now=False, search_text="",
                stages=" closed ", created_at=now, updated_at=now, version=1))
            connection.execute(events.insert(), [
                {"id": i, "uid": f"00000000-0000-0000-0000-00000000000{i}", "case_id": 1, "type": kind,
                 "occurred_on": day, "occurred_time": clock, "precision": precision, "source": "s", "fields": fields,
                 "created_at": now, "updated_at": now, "version": 1}
                for i, day, clock, precision, kind, fields in rows])
        upgrade()
        positioned = sa.table("events", sa.column("id"), sa.column("position"), sa.column("fields", sa.JSON))
        with db.engine.connect() as connection:
            stored = {row.id: (row.position, row.fields) for row in connection.execute(sa.select(positioned))}
        order = sorted(stored, key=lambda i: stored[i][0])
        assert order == [5, 3, 4, 2, 1]  # 2021; January 2021; 8 Jan (day); 8 Jan 03:00; 30 Apr
        assert stored[1][1] == {"ground": "cpc_35_1_unstated"}
        downgrade(revision="0013_languages")
        with db.engine.connect() as connection:
            back = connection.execute(sa.select(events.c.fields).where(events.c.id == 1)).scalar_one()
        assert back == {"ground": "lack_of_evidence"}
        db.session.remove()
        db.engine.dispose()
