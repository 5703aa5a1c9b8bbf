"""Test fixtures: one database per run (SQLite or PostgreSQL), one transaction per test.

``QORGAU_TEST_DB=postgresql`` runs the suite against the PostgreSQL server on
127.0.0.1:5432 in a fresh database created for this run and dropped after it;
the default is an in-memory SQLite database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ADMIN_URL = os.environ.get("QORGAU_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_database() -> Iterator[str]:
    import psycopg

    name = f"qorgau_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A fresh, empty database for this test run."""
    kind = os.environ.get("QORGAU_TEST_DB", "sqlite")
    if kind == "postgresql":
        yield from _pg_database()
    elif kind == "sqlite":
        yield "sqlite://"
    else:
        raise pytest.UsageError(f"QORGAU_TEST_DB must be sqlite or postgresql, not {kind!r}")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    os.environ["TEST_DATABASE_URL"] = database_url
    os.environ["QORGAU_INSTANCE"] = str(tmp_path_factory.mktemp("instance"))
    import config

    config.TestConfig.SQLALCHEMY_DATABASE_URI = database_url
    from app import create_app
    from app.extensions import db

    app = create_app("test")
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    with app.app_context():
        db.create_all()  # tests only; the application itself migrates
        yield app
        db.session.remove()
        db.drop_all()


@pytest.fixture(autouse=True)
def session(request, app):
    """Each test runs in a transaction rolled back at its end; commits become savepoints."""
    if "no_db_isolation" in request.keywords:
        yield None
        return
    from app.extensions import Session, db

    connection = db.engine.connect()
    outer = connection.begin()
    scoped = db._make_scoped_session(
        {"class_": Session, "bind": connection, "join_transaction_mode": "create_savepoint"})
    original = db.session
    db.session = scoped
    try:
        yield scoped
    finally:
        scoped.remove()
        outer.rollback()
        connection.close()
        db.session = original


@pytest.fixture
def client(app):
    return app.test_client()
