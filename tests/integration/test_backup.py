"""Backup and restore: every row and every file comes back byte for byte, on both databases."""

import os
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import Case
from app.services.backup import BackupError, dump_tables
from app.services.files import Vault, new_key, store
from app.services.seed import seed_database
from app.services.timeline import record_event
from tests.conftest import pg_database
from tests.integration.test_interchange import SEED

pytestmark = pytest.mark.no_db_isolation
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@pytest.fixture
def database_urls(tmp_path):
    """Two new databases of the kind under test: the original and the restore target."""
    if os.environ.get("QORGAU_TEST_DB", "sqlite") == "postgresql":
        first, second = pg_database(), pg_database()
        yield next(first), next(second)
        for generator in (first, second):
            next(generator, None)
    else:
        yield f"sqlite:///{tmp_path / 'original.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"


def make_app(url, files, key):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url, FILES_DIR=str(files), FILE_KEY=key)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
    return app


def test_backup_and_restore_round_trip(database_urls, tmp_path):
    key = new_key()
    original = make_app(database_urls[0], tmp_path / "files-a", key)
    with original.app_context():
        seed_database(db.session, SEED, demo_users=True, instance_path=tmp_path)
        case = db.session.scalar(select(Case).where(Case.reference == "KZ-2021-KAZANTSEV"))
        vault = Vault.from_config(tmp_path / "files-a", key)
        for i in range(3):
            store(db.session, vault, case, filename=f"report-{i}.pdf", data=b"%PDF-1.4\n" + os.urandom(2000),
                  description="Фото побоев", user=None, max_size=10_000)
        record_event(db.session, case, {"type": "authorization_signed", "at": "2026-11-20", "source": "s",
                                        "fields": {"kind": "power_of_attorney"}}, user=None)
        db.session.commit()
        with db.engine.connect() as connection:
            before = dump_tables(connection)  # the backup's own audit entry comes after its snapshot
        result = original.test_cli_runner().invoke(args=["backup", str(tmp_path / "backups")])
        assert result.exit_code == 0, result.output
        db.engine.dispose()
    folder = next((tmp_path / "backups").iterdir())

    restored = make_app(database_urls[1], tmp_path / "files-b", key)
    with restored.app_context():
        result = restored.test_cli_runner().invoke(args=["restore", str(folder)])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as connection:
            after = dump_tables(connection)
        audit_after = after.pop("audit_log")
        audit_before = before.pop("audit_log")
        assert after == before  # every row of every table, value for value
        assert audit_after["rows"][:len(audit_before["rows"])] == audit_before["rows"]
        assert len(audit_after["rows"]) == len(audit_before["rows"]) + 1  # the restore itself, recorded
        for path in (tmp_path / "files-a").iterdir():
            assert (tmp_path / "files-b" / path.name).read_bytes() == path.read_bytes()
        again = restored.test_cli_runner().invoke(args=["restore", str(folder)])
        assert again.exit_code != 0 and "the database is not empty" in again.output
        from app.models import EvidenceFile
        from app.services.files import load

        record = db.session.scalar(select(EvidenceFile))
        assert load(Vault.from_config(tmp_path / "files-b", key), record).startswith(b"%PDF-1.4")
        record_event(db.session, db.session.scalar(select(Case).limit(1)), {"type": "release", "at": "2026-01-01",
                                                                             "source": "s"}, user=None)
        db.session.commit()  # ids continue after the restored ones (PostgreSQL sequences reset)
        db.session.remove()
        db.engine.dispose()


def test_a_damaged_backup_restores_nothing(database_urls, tmp_path):
    key = new_key()
    original = make_app(database_urls[0], tmp_path / "files-a", key)
    with original.app_context():
        seed_database(db.session, SEED, demo_users=False, instance_path=tmp_path)
        db.session.commit()
        original.test_cli_runner().invoke(args=["backup", str(tmp_path / "backups")])
        db.engine.dispose()
    folder = next((tmp_path / "backups").iterdir())
    data = (folder / "database.json").read_text(encoding="utf-8")
    (folder / "database.json").write_text(data.replace("Kazantsev", "Kazantzev", 1), encoding="utf-8")
    restored = make_app(database_urls[1], tmp_path / "files-b", key)
    with restored.app_context():
        result = restored.test_cli_runner().invoke(args=["restore", str(folder)])
        assert result.exit_code != 0
        assert "database.json does not match its checksum" in result.output
        assert db.session.scalar(select(Case).limit(1)) is None
        db.session.remove()
        db.engine.dispose()
    with pytest.raises(BackupError):
        from app.services.backup import verify_backup

        verify_backup(folder)
