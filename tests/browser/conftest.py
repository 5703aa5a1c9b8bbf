"""Browser-test fixtures: the real app served from a thread, and headless Chromium.

The session ``app`` fixture keeps its database in memory, which a server thread cannot
share, so ``live_server`` builds a second app on its own SQLite file: migrated with
Alembic as in production, seeded from seed/ with the demo users, and with CSRF protection
switched back on so that the browser goes through the real forms. A test module changes
the app's configuration by overriding the ``live_server_config`` fixture.

Also here: logging in through the form (``login``), the check that every visible form
field has a label (``unlabelled_fields``) and the screenshots kept in docs/screenshots/
(``screenshot``).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS_DIR = REPO / "migrations"
SEED_DIR = REPO / "seed"
SCREENSHOTS_DIR = REPO / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}

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


def _create_app(database_url: str, **overrides):
    from app import create_app

    # CSRF is off in TestConfig; the browser must go through it as users do.
    return create_app("test", **{"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": True, **overrides})


@pytest.fixture
def live_server_config() -> dict:
    """Configuration the live server's app gets on top of TestConfig; a module overrides it."""
    return {}


@pytest.fixture
def live_server(tmp_path: Path, live_server_config: dict) -> Iterator[LiveServer]:
    """The real app, migrated and seeded, served on a free port of 127.0.0.1."""
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from app.extensions import db
    from app.services.seed import seed_database

    database_url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    app = _create_app(database_url, **live_server_config)
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
def new_page(browser) -> Iterator[Callable[..., object]]:
    """Pages in fresh browser contexts (no cookies shared): one per user of a test.

    ``new_page(viewport={"width": 390, "height": 844})`` for a phone; other keywords go to
    ``browser.new_context``."""
    contexts = []

    def make(viewport: dict | None = None, **options):
        context = browser.new_context(viewport=viewport or DESKTOP, locale="en-GB", **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_page):
    """A fresh browser context (no cookies) and page for each test."""
    return new_page()


@pytest.fixture
def login(live_server: LiveServer) -> Callable[..., None]:
    """Log a demo user in through the login form, as a person would: ``login(page, "lawyer")``."""
    from playwright.sync_api import expect

    def log_in(page, role: str) -> None:
        email, password = live_server.logins[role]
        page.goto(live_server.url + "/login")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("status").filter(has_text="Welcome")).to_be_visible()

    return log_in


# Form fields a person can see or reach, and which of them no label names: neither a <label>
# (wrapping or for=) nor aria-label / aria-labelledby. Hidden inputs are not fields.
UNLABELLED_FIELDS_JS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(e => e.type !== 'hidden' && !e.hidden && e.getClientRects().length > 0)
  .filter(e => !(e.labels && Array.from(e.labels).some(l => l.textContent.trim()))
               && !(e.getAttribute('aria-label') || '').trim() && !e.getAttribute('aria-labelledby'))
  .map(e => e.outerHTML.slice(0, 160))"""
VISIBLE_FIELDS_JS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(e => e.type !== 'hidden' && !e.hidden && e.getClientRects().length > 0).length"""


@pytest.fixture
def unlabelled_fields() -> Callable[..., list[str]]:
    """``unlabelled_fields(page)``: the visible inputs, selects and text areas of the page that
    no label names; [] is right. A page without any field fails: nothing would be checked."""

    def find(page) -> list[str]:
        assert page.evaluate(VISIBLE_FIELDS_JS) > 0, f"no form field on {page.url}: nothing was checked"
        return page.evaluate(UNLABELLED_FIELDS_JS)

    return find


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """Keep docs/screenshots/NAME current: a full-page PNG, or JPEG (quality 70) when the
    name ends in .jpg, for long pages whose PNG would be over a megabyte; ``full_page=False``
    keeps what the window shows."""

    def shoot(page, name: str, *, full_page: bool = True) -> Path:
        assert re.fullmatch(r"[a-z0-9-]+\.(png|jpg)", name), name
        path = SCREENSHOTS_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        options = {"quality": 70, "type": "jpeg"} if name.endswith(".jpg") else {"type": "png"}
        page.evaluate("document.activeElement && document.activeElement.blur()")  # no focus ring
        page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide", **options)
        assert path.stat().st_size < 1_200_000, f"{name} is {path.stat().st_size:,} bytes: use .jpg"
        return path

    return shoot
