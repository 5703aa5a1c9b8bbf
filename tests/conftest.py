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


def pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
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
        yield from pg_database()
    elif kind == "sqlite":
        yield "sqlite://"
    else:
        raise pytest.UsageError(f"QORGAU_TEST_DB must be sqlite or postgresql, not {kind!r}")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    os.environ["QORGAU_INSTANCE"] = str(tmp_path_factory.mktemp("instance"))
    from app import create_app
    from app.extensions import db
    from app.i18n import compile_catalogs
    from app.services.files import new_key

    compile_catalogs()  # the .mo files are built, not kept in the repository

    files = tmp_path_factory.mktemp("files")
    app = create_app("test", SQLALCHEMY_DATABASE_URI=database_url, FILES_DIR=str(files), FILE_KEY=new_key())
    with app.app_context():
        db.create_all()  # tests only; the application itself migrates
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()


@pytest.fixture(autouse=True)
def session(request):
    """Each test runs in one transaction rolled back at its end; commits become savepoints.

    The test and every request it makes share one session (as one request would), and no
    application context stays pushed between requests, so nothing leaks through ``g``.
    """
    if "no_db_isolation" in request.keywords or "unit" in request.node.path.parts:
        yield None  # pure tests need no database
        return
    app = request.getfixturevalue("app")
    from sqlalchemy.orm import scoped_session, sessionmaker

    from app.extensions import Session, db

    with app.app_context():
        connection = db.engine.connect()
    outer = connection.begin()
    factory = sessionmaker(class_=Session, db=db, bind=connection,
                           join_transaction_mode="create_savepoint")
    scoped = scoped_session(factory, scopefunc=lambda: "test")
    real_remove = scoped.remove
    scoped.remove = lambda: None  # request teardown must not end the test's session
    original = db.session
    db.session = scoped
    try:
        yield scoped
    finally:
        real_remove()
        outer.rollback()
        connection.close()
        db.session = original


@pytest.fixture
def client(app):
    return app.test_client()
