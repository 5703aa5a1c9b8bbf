"""Logging in (password, then a one-time code where enabled), two-factor enrolment,
re-authentication for sensitive actions, logging out. Every other page requires a
logged-in user; supervisors and admins must have two-factor authentication."""

from __future__ import annotations

import functools
import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.extensions import db, limiter, login_manager
from app.forms.auth import CodeForm, LoginForm, ReauthForm, RepresentativeForm
from app.forms.common import show_errors
from app.models import User
from app.services import twofactor
from app.services.errors import Invalid
from app.services.passwords import verify_password
from app.services.users import LockedOut, authenticate, update_representative

bp = Blueprint("auth", __name__)

# The calendar feed authenticates by its own secret token: calendar programs cannot log in.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.login_code", "static", "calendar.feed_ics", "language.switch"})
# What a user who still has to set up two-factor authentication may reach.
ENROLMENT_ENDPOINTS = frozenset({"auth.two_factor", "auth.logout", "static"})
PENDING = "pending_2fa_user"
AUTH_AT = "authenticated_at"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdecimal() and len(user_id) < 10 else None


@bp.before_app_request
def require_login():
    """Deny by default: a page added later is protected without anyone remembering to."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if needs_enrolment(current_user) and request.endpoint not in ENROLMENT_ENDPOINTS:
        flash(_("Set up two-factor authentication to continue: your role requires it."), "info")
        return redirect(url_for("auth.two_factor"))
    return None


def needs_enrolment(user: User) -> bool:
    return user.role.value in current_app.config["REQUIRE_2FA_ROLES"] and not user.totp_enabled


def recent_login_required(view):
    """Sensitive actions ask for the password again when the last check is too old."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        limit = current_app.config["REAUTH_MINUTES"] * 60
        if time.time() - session.get(AUTH_AT, 0) > limit:
            return redirect(url_for("auth.reauth", next=request.full_path if request.method == "GET"
                                    else request.referrer or url_for("cases.index")))
        return view(*args, **kwargs)
    return wrapper


def safe_next(target: str | None) -> str:
    """Only redirect within this site: an open redirect is a classic phishing aid."""
    if target and urlsplit(target).netloc == "" and urlsplit(target).scheme == "" \
            and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("cases.index")


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _start_session(user: User, next_url: str | None):
    session.clear()  # a fresh session on login: no fixation
    login_user(user)
    session[AUTH_AT] = time.time()
    flash(_("Welcome, %(name)s.", name=user.full_name), "success")
    return redirect(safe_next(next_url))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("cases.index"))
    form = LoginForm()
    if form.validate_on_submit():
        config = current_app.config
        try:
            user = authenticate(db.session, form.email.data, form.password.data,
                                max_failures=config["LOCKOUT_AFTER_FAILURES"],
                                lockout=_minutes(config["LOCKOUT_MINUTES"]))
        except LockedOut as exc:
            db.session.rollback()
            form.form_errors.append(_("Too many failed attempts: this account is locked until %(time)s UTC. "
                                      "Try again later or ask an administrator.", time=f"{exc.until:%H:%M}"))
            return render_template("auth/login.html", form=form), 429
        db.session.commit()  # counts the failure, or the reset
        if user is None:
            form.form_errors.append(_("E-mail or password is wrong, or the account is disabled."))
        elif user.totp_enabled:
            session[PENDING] = (user.id, time.time(), request.args.get("next"))
            return redirect(url_for("auth.login_code"))
        else:
            return _start_session(user, request.args.get("next"))
    return render_template("auth/login.html", form=form), 422 if form.errors or form.form_errors else 200


def _minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login_code():
    pending = session.get(PENDING)
    if not pending or time.time() - pending[1] > 300:
        session.pop(PENDING, None)
        flash(_("Log in again: the one-time code must follow the password within 5 minutes."), "info")
        return redirect(url_for("auth.login"))
    user = db.session.get(User, pending[0])
    form = CodeForm()
    if form.validate_on_submit() and user is not None:
        if twofactor.verify(user, form.code.data):
            db.session.commit()
            return _start_session(user, pending[2])
        db.session.commit()
        form.form_errors.append(_("That code is not valid (or was already used). Use the current code of your app."))
    return render_template("auth/code.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
def two_factor():
    user = current_user
    form = CodeForm()
    if not user.totp_enabled and not user.totp_secret:
        twofactor.start_enrolment(user)
        db.session.commit()
    if form.validate_on_submit():
        if twofactor.confirm_enrolment(user, form.code.data):
            db.session.commit()
            session[AUTH_AT] = time.time()
            flash(_("Two-factor authentication is on. You will be asked for a code at every login."), "success")
            return redirect(url_for("cases.index"))
        form.form_errors.append(_("That code is not valid. Check the time on your phone and try the current code."))
    return render_template("auth/twofactor.html", form=form, enabled=user.totp_enabled,
                           qr=None if user.totp_enabled else twofactor.qr_data_uri(user),
                           secret=None if user.totp_enabled else user.totp_secret)


@bp.route("/reauth", methods=["GET", "POST"])
def reauth():
    form = ReauthForm()
    if form.validate_on_submit():
        if verify_password(current_user.password_hash, form.password.data):
            session[AUTH_AT] = time.time()
            return redirect(safe_next(request.args.get("next")))
        form.form_errors.append(_("That is not your password."))
    return render_template("auth/reauth.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/representative", methods=["GET", "POST"])
def representative():
    """A lawyer's details as the representative a communication names."""
    form = RepresentativeForm(obj=current_user)
    if form.validate_on_submit():
        try:
            update_representative(db.session, current_user, bar=form.bar.data, organisation=form.organisation.data,
                                  postal_address=form.postal_address.data)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("Your details for communications are saved."), "success")
            return redirect(url_for("auth.representative"))
    return render_template("auth/representative.html", form=form), 422 if form.errors else 200
