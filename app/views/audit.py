"""The audit trail, read by supervisors: per case and per user."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.interchange.format import REFERENCE_PATTERN
from app.models import AuditEntry, Case, Role, User
from app.views.params import page_arg

bp = Blueprint("audit", __name__, url_prefix="/audit")
PER_PAGE = 100


@bp.before_request
def supervisors_only():
    if current_user.role != Role.SUPERVISOR:
        abort(403)


@bp.route("/cases/<reference>")
def case_trail(reference: str):
    if not REFERENCE_PATTERN.fullmatch(reference):
        abort(404)
    case = db.session.scalar(select(Case).where(Case.reference == reference))
    if case is None:
        abort(404)
    entries = db.paginate(select(AuditEntry).where(AuditEntry.case_id == case.id)
                          .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()),
                          page=page_arg(), per_page=PER_PAGE, error_out=False)
    return render_template("audit/trail.html", heading=_("Audit trail of %(reference)s", reference=case.reference),
                           entries=entries)


@bp.route("/users/<int(max=2147483647):user_id>")
def user_trail(user_id: int):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    entries = db.paginate(select(AuditEntry).where(AuditEntry.user_id == user.id)
                          .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()),
                          page=page_arg(), per_page=PER_PAGE, error_out=False)
    return render_template("audit/trail.html",
                           heading=_("What %(name)s (%(email)s) did", name=user.full_name, email=user.email),
                           entries=entries)


@bp.route("/users")
def users():
    return render_template("audit/users.html", users=db.session.scalars(select(User).order_by(User.full_name)))
