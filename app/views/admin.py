"""User administration: admins create users and see who has access."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.forms.auth import UserForm
from app.forms.common import show_errors
from app.models import Role, User
from app.services.drafts import procedures as load_procedures
from app.services.drafts import save_procedure
from app.services.errors import Invalid
from app.services.users import create_user

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_admin():
    if not current_user.is_authenticated or current_user.role != Role.ADMIN:
        abort(403)


@bp.route("/users")
def users():
    return render_template("admin/users.html",
                           users=db.session.scalars(select(User).order_by(User.full_name)))


@bp.route("/procedures", methods=["GET", "POST"])
def procedures():
    """Which committees accept complaints against Kazakhstan: the admissibility check reads this."""
    if request.method == "POST":
        committee = request.form.get("committee", "")
        try:
            save_procedure(db.session, committee, available=request.form.get("available") == "yes",
                           in_force_since=request.form.get("in_force_since") or None,
                           note=request.form.get("note") or "")
        except Invalid as exc:
            db.session.rollback()
            for field, message in exc.errors.items():
                flash(f"{committee} {field}: {message}", "error")
        else:
            db.session.commit()
            flash(f"{committee} saved.", "success")
        return redirect(url_for("admin.procedures"))
    return render_template("admin/procedures.html", procedures=sorted(load_procedures(db.session).values(),
                                                                        key=lambda p: p.committee))


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = create_user(db.session, email=form.email.data, full_name=form.full_name.data,
                               role=form.role.data, password=form.password.data)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(f"User {user.email} created as {user.role.value}.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form), 422 if form.errors else 200
