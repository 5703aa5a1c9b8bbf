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
