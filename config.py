"""Configuration classes. Secrets and the database come from the environment.

The default is a SQLite file under instance/ so that `make run` works on a fresh machine;
``DATABASE_URL`` (e.g. ``postgresql+psycopg://user@host/qorgau``) switches to PostgreSQL.
Production refuses to start without a real ``SECRET_KEY``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("QORGAU_INSTANCE", BASE_DIR / "instance"))


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres://"):  # the scheme some hosts hand out
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url or f"sqlite:///{INSTANCE_DIR / 'qorgau.sqlite3'}"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead: long forms are typed slowly
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # forms only for now; evidence files get their own limit
    CASES_PER_PAGE = 50
    # Evidence files: stored encrypted outside static/; the key from the environment.
    FILES_DIR = os.environ.get("QORGAU_FILES_DIR")  # default: files/ in the instance folder
    FILE_KEY = os.environ.get("QORGAU_FILE_KEY")
    MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    # Login protection (see README, Security).
    LOGIN_RATE_LIMIT = "10 per minute;50 per hour"  # per client address
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOCKOUT_AFTER_FAILURES = 5
    LOCKOUT_MINUTES = 15
    REQUIRE_2FA_ROLES = ("supervisor", "admin")
    REAUTH_MINUTES = 10  # sensitive actions need the password again after this long
    # Overrides of the *(verify)* legal terms, e.g. {"registration": 48} (docs/procedure.md).
    RULE_OVERRIDES: dict[str, int] = json.loads(os.environ.get("QORGAU_RULE_OVERRIDES", "{}"))
    # Argon2id cost (argon2.profiles): RFC 9106's low-memory profile, 64 MiB and 3 passes.
    # Daily reminder e-mails (`flask reminders send`, run by cron); no MAIL_SERVER, no e-mail.
    MAIL_SERVER = os.environ.get("QORGAU_MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("QORGAU_MAIL_PORT", "25"))
    MAIL_SECURITY = os.environ.get("QORGAU_MAIL_SECURITY", "starttls")  # starttls / ssl / none (localhost only)
    MAIL_USERNAME = os.environ.get("QORGAU_MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("QORGAU_MAIL_PASSWORD")
    MAIL_SENDER = os.environ.get("QORGAU_MAIL_SENDER", "qorgau@localhost")
    MAIL_TIMEOUT = 30
    REMINDER_MAX_ATTEMPTS = 5  # a delivery failing this often is reported and left for an admin
    PUBLIC_URL = os.environ.get("QORGAU_PUBLIC_URL", "http://127.0.0.1:5000")  # links in e-mails
    PASSWORD_HASH_PROFILE = "RFC_9106_LOW_MEMORY"  # noqa: S105 - a profile name, not a password
    SEED_DEMO_USERS = False


class DevelopmentConfig(Config):
    """The embedded default: SQLite, demo users allowed, a per-instance secret key."""

    SEED_DEMO_USERS = True


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-secret-key"  # noqa: S105 - tests only
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    SEED_DEMO_USERS = True
    PASSWORD_HASH_PROFILE = "CHEAPEST"  # noqa: S105 - a profile name; hashing cost is not under test
    LOGIN_RATE_LIMIT = "10000 per minute"  # tests log in many times a second; one test lowers it
    REQUIRE_2FA_ROLES = ()  # tests of two-factor authentication turn it on themselves


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig, "test": TestConfig}
