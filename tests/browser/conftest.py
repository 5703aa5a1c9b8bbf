"""Browser-test fixtures: the real app served from a thread, and headless Chromium.

The session ``app`` fixture keeps its database in memory, which a server thread cannot
share, so ``live_server`` builds a second app on its own SQLite file: migrated with
Alembic as in production, seeded from seed/ with the demo users, and with CSRF protection
switched back on so that the browser goes through the real forms.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS_DIR = REPO / "migrations"
SEED_DIR = REPO / "seed"

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 10_000  # a local page that takes longer than this is a failure, not a wait


@dataclass(frozen=True)
class LiveServer:
    url: str  # e.g. http://127.0.0.1:40123, without a trailing slash
    logins: dict[str, tuple[str, str]]  # role -> (e-mail, password) of the demo users
    database_url: str


def _create_app(database_url: str):
    from app import create_app

    # CSRF is off in TestConfig; the browser must go through it as users do.
    return create_app("test", SQLALCHEMY_DATABASE_URI=database_url, WTF_CSRF_ENABLED=True)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The real app, migrated and seeded, served on a free port of 127.0.0.1."""
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from app.extensions import db
    from app.services.seed import seed_database

    database_url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    app = _create_app(database_url)
    with app.app_context():
        assert db.engine.url.render_as_string() == database_url, "the app is not on its own file"
        upgrade(directory=str(MIGRATIONS_DIR))
        report = seed_database(db.session, SEED_DIR, demo_users=True, instance_path=tmp_path / "instance")
        db.session.commit()
        db.session.remove()
    logins = {role: (email, password) for email, password, role in report.logins}

    server = make_server("127.0.0.1", 0, app, threaded=True)  # port 0: the OS picks a free one
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name="qorgau-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", logins=logins,
                         database_url=database_url)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.skip(f"no Chromium executable at {path!r}: install it (`make chromium`) "
                    "or point the CHROMIUM environment variable at one")
    return path


@pytest.fixture(scope="module")
def browser(chromium_executable: str):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) and page for each test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
