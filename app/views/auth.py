"""Logging in and out; every other page requires a logged-in user."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from app.extensions import db, login_manager
from app.forms.auth import LoginForm
from app.models import User
from app.services.users import authenticate

bp = Blueprint("auth", __name__)

# The calendar feed authenticates by its own secret token: calendar programs cannot log in.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "calendar.feed_ics"})


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdecimal() and len(user_id) < 10 else None


@bp.before_app_request
def require_login():
    """Deny by default: a page added later is protected without anyone remembering to."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    return login_manager.unauthorized()


def _safe_next(target: str | None) -> str:
    """Only redirect within this site: an open redirect is a classic phishing aid."""
    if target and urlsplit(target).netloc == "" and urlsplit(target).scheme == "" \
            and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("cases.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("cases.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            form.form_errors.append("E-mail or password is wrong, or the account is disabled.")
        else:
            db.session.commit()
            login_user(user)
            flash(f"Welcome, {user.full_name}.", "success")
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
