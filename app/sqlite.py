"""SQLite connection settings: real transactions and savepoints, and foreign keys.

Python's sqlite3 module (before 3.12's autocommit attribute) opens transactions lazily
and breaks SAVEPOINT; SQLAlchemy's documented recipe lets SQLAlchemy emit BEGIN itself.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine


def enable_sqlite_transactions(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - run by the driver
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - run by the driver
        conn.exec_driver_sql("BEGIN")
