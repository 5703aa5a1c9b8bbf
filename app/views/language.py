"""Switching the interface language: kept with the user, or in the session before login."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, session
from flask_babel import force_locale, gettext
from flask_login import current_user

from app.extensions import db
from app.forms.language import LanguageForm
from app.i18n import SESSION_KEY
from app.views.auth import safe_next

bp = Blueprint("language", __name__)


@bp.route("/language", methods=["POST"])
def switch():
    form = LanguageForm()
    if not form.validate_on_submit():
        flash(gettext("Choose one of the languages offered."), "error")
        return redirect(_back())
    code = form.language.data
    session[SESSION_KEY] = code
    if current_user.is_authenticated:
        current_user.language = code
        db.session.commit()
    with force_locale(code):
        flash(gettext("The interface is now in English."), "success")
    return redirect(_back())


def _back() -> str:
    """Back to the page the switch was used on (a path of this site only)."""
    return safe_next(request.form.get("next"))
