"""Qorgau: case management for complaints of torture and ill-treatment.

``create_app`` wires extensions, blueprints, error handlers and commands, and nothing
else: no migrations, prompts or network calls at start-up.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, current_app, request

from app.procedure.law import Settings
from app.services.passwords import use_profile
from config import CONFIGS, INSTANCE_DIR


def create_app(config_name: str | None = None, **overrides) -> Flask:
    """Build the app for a configuration of config.py; ``overrides`` replace single settings
    (tests point SQLALCHEMY_DATABASE_URI at their own database this way)."""
    # Read when the app is made, not when config.py was imported (tests set it late).
    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_path=os.environ.get("QORGAU_INSTANCE", str(INSTANCE_DIR)))
    config_name = config_name or os.environ.get("QORGAU_ENV", "development")
    app.config.from_object(CONFIGS[config_name])
    app.config.update(overrides)
    _ensure_secret_key(app, config_name)
    _ensure_file_key(app, config_name)
    use_profile(app.config["PASSWORD_HASH_PROFILE"])
    Settings(app.config["RULE_OVERRIDES"])  # a wrong override stops start-up, not a request
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    register_security(app)
    return app


def _ensure_secret_key(app: Flask, config_name: str) -> None:
    _ensure_instance_secret(app, config_name, "SECRET_KEY", "SECRET_KEY", "secret_key",
                            lambda: secrets.token_hex(32))


def _ensure_file_key(app: Flask, config_name: str) -> None:
    """Losing the file key makes the stored files unreadable: back it up apart from the files."""
    from app.services.files import new_key

    app.config["FILES_DIR"] = app.config.get("FILES_DIR") or str(Path(app.instance_path) / "files")
    _ensure_instance_secret(app, config_name, "FILE_KEY", "QORGAU_FILE_KEY", "file_key", new_key)


def _ensure_instance_secret(app: Flask, config_name: str, setting: str, variable: str, file_name: str,
                            make) -> None:
    """Production must be given the secret in the environment; development keeps one in the
    instance folder, made once."""
    if app.config.get(setting):
        return
    if config_name == "production":
        raise RuntimeError(f"{variable} must be set in the environment in production")
    key_file = Path(app.instance_path) / file_name
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        key_file.write_text(make())
        key_file.chmod(0o600)
    app.config[setting] = key_file.read_text().strip()


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401 - the models must be known to the metadata
    from app.extensions import Session, csrf, db, limiter, login_manager, migrate
    from app.i18n import init_app as init_i18n
    from app.services.audit import install as install_audit
    from app.sqlite import enable_sqlite_transactions

    db.init_app(app)
    install_audit(Session)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    login_manager.init_app(app)
    app.before_request(allow_file_uploads)  # before the CSRF check, which reads the whole form
    csrf.init_app(app)
    limiter.init_app(app)
    init_i18n(app)
    with app.app_context():
        enable_sqlite_transactions(db.engine)


# Routes that take files, and how many files of MAX_UPLOAD_BYTES each; every other request
# keeps MAX_CONTENT_LENGTH.
UPLOAD_ROUTES = {"files.upload": 1, "imports.upload": 2}


def allow_file_uploads() -> None:
    """Raise the body limit for the upload routes before anything reads the form."""
    files = UPLOAD_ROUTES.get(request.endpoint or "")
    if files:
        request.max_content_length = files * current_app.config["MAX_UPLOAD_BYTES"] + 64 * 1024


def register_blueprints(app: Flask) -> None:
    from app.views import (
        admin,
        audit,
        auth,
        calendar,
        caselaw,
        cases,
        dashboard,
        dossier,
        drafts,
        events,
        files,
        imports,
        language,
        law,
        people,
        reminders,
        statistics,
        supervision,
        un,
        vocabularies,
    )

    for module in (auth, cases, events, people, files, dashboard, drafts, calendar, audit, admin, supervision,
                   reminders, law, vocabularies, caselaw, statistics, dossier, imports, language, un):
        app.register_blueprint(module.bp)


def register_errorhandlers(app: Flask) -> None:
    from app.views.errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from app.cli import register

    register(app)


def register_security(app: Flask) -> None:
    from app.security import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from app.views.template_helpers import register

    register(app)
