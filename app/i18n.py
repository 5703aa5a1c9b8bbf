"""The interface language: English, Russian or Kazakh, chosen per user.

The language is the user's own choice (``users.language``), else the one picked before
logging in (kept in the session), else the browser's preference, else English. Catalogs
live in app/translations (``make translations`` compiles them); domain text (rule titles,
event labels, explanations) is written in English by the plain-Python domain and
translated here, where it is shown.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, has_request_context, request, session
from flask_babel import Babel, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

# Code → the language's own name, as the switch shows it.
LANGUAGES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
DEFAULT_LANGUAGE = "en"
SESSION_KEY = "language"

def N_(text: str) -> str:
    """Marks text for the catalogs (``make messages``) without translating it where it is
    defined: it is translated where it is shown (``| tr`` or gettext)."""
    return text


# Roles as the interface names them (the stored values stay English codes).
ROLE_NAMES = {"lawyer": _l("lawyer"), "supervisor": _l("supervisor"), "admin": _l("admin")}

babel = Babel()


def current_language() -> str:
    """The language of this request, e.g. "ru" (for <html lang> and the switch)."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def select_language() -> str:
    """The user's language, else the session's, else the browser's best match, else English
    (outside a request, e.g. a command: English)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = getattr(current_user, "language", None) if current_user and current_user.is_authenticated else None
    chosen = chosen or session.get(SESSION_KEY)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")  # relative to app/
    babel.init_app(app, locale_selector=select_language)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, ROLE_NAMES=ROLE_NAMES, current_language=current_language)


CATALOGS = Path(__file__).parent / "translations"


def compile_catalogs(directory: Path = CATALOGS) -> list[Path]:
    """Compile each messages.po whose .mo is missing or older (``make translations`` does the
    same with pybabel); returns the catalogs compiled. Fuzzy entries are left out."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    compiled = []
    for po in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog)
        compiled.append(mo)
    return compiled
