"""User administration: admins create users and see who has access."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.forms.auth import UserForm
from app.forms.common import pairs, show_errors
from app.forms.supervision import HandoverForm
from app.i18n import ROLE_NAMES
from app.models import Case, CaseAssignment, Role, User
from app.services.access import can_manage_assignments
from app.services.assignments import (
    ASSIGNABLE,
    assign_lawyer,
    deactivate_user,
    hand_over,
    handovers,
    open_case_counts,
    unassign_lawyer,
    unassigned_open_cases,
)
from app.services.drafts import procedures as load_procedures
from app.services.drafts import save_procedure
from app.services.errors import Invalid
from app.services.users import create_user
from app.views.auth import recent_login_required
from app.views.params import page_arg, parse_version, text_arg
from app.wording import said

bp = Blueprint("admin", __name__, url_prefix="/admin")


SUPERVISOR_PAGES = frozenset({"admin.assignments", "admin.assign", "admin.unassign", "admin.handover"})


@bp.before_request
def require_admin():
    """Admins only; assignments also for supervisors (who see every case anyway)."""
    if request.endpoint in SUPERVISOR_PAGES and can_manage_assignments(current_user):
        return
    if current_user.role != Role.ADMIN:
        abort(403)


@bp.route("/assignments")
def assignments():
    """Who works on which case, by reference only: an admin manages assignments without
    reading case content (need-to-know)."""
    reference = text_arg("case", 40)
    query = select(Case).options(selectinload(Case.assignments).selectinload(CaseAssignment.user))
    if reference:
        query = query.where(Case.reference.contains(reference.upper(), autoescape=True))
    cases = db.paginate(query.order_by(Case.reference), page=page_arg(), per_page=100, error_out=False)
    lawyers = db.session.scalars(select(User).where(User.role.in_([Role.LAWYER, Role.ADMIN]), User.active)
                                 .order_by(User.full_name))
    return render_template("admin/assignments.html", cases=cases, lawyers=list(lawyers), reference=reference or "")


def _case_by_reference(reference: str) -> Case:
    case = db.session.scalar(select(Case).where(Case.reference == reference))
    if case is None:
        abort(404)
    return case


@bp.route("/assignments/<reference>", methods=["POST"])
@recent_login_required
def assign(reference: str):
    case = _case_by_reference(reference)
    user = db.session.get(User, parse_version(request.form.get("user_id")))
    if user is None or user.role not in (Role.LAWYER, Role.ADMIN):
        flash(_("Choose a lawyer."), "error")
    else:
        assign_lawyer(db.session, case, user, by=current_user)
        db.session.commit()
        flash(_("%(name)s now works on %(reference)s.", name=user.full_name, reference=case.reference), "success")
    return redirect(url_for("admin.assignments", case=case.reference))


@bp.route("/assignments/<reference>/<int(max=2147483647):user_id>/remove", methods=["POST"])
@recent_login_required
def unassign(reference: str, user_id: int):
    case = _case_by_reference(reference)
    lawyer = db.session.get(User, user_id)
    if lawyer is None or not unassign_lawyer(db.session, case, lawyer, by=current_user):
        abort(404)
    db.session.commit()
    flash(_("Removed from %(reference)s.", reference=case.reference), "success")
    return redirect(url_for("admin.assignments", case=case.reference))


@bp.route("/handover", methods=["GET", "POST"])
@recent_login_required
def handover():
    """A lawyer's leave or departure: every open case goes to a named colleague at once."""
    lawyers = list(db.session.scalars(select(User).where(User.role.in_(ASSIGNABLE)).order_by(User.full_name)))
    form = HandoverForm()
    choices = pairs([("", "—")] + [(str(u.id), u.full_name if u.active else _("%(name)s (inactive)", name=u.full_name))
                                   for u in lawyers])
    form.from_user.choices = form.to_user.choices = choices
    if form.validate_on_submit():
        by_id = {str(u.id): u for u in lawyers}
        from_user = by_id.get(form.from_user.data)
        try:
            if from_user is None:
                raise Invalid({"from_user": _("Choose the lawyer handing over")})
            done = hand_over(db.session, from_user, by_id.get(form.to_user.data), reason=form.reason.data,
                             by=current_user, until=form.until.data, note=form.note.data or "")
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("%(num)d open case(s) handed over from %(giver)s to %(taker)s.", num=done.cases_moved,
                    giver=done.from_user.full_name, taker=done.to_user.full_name), "success")
            return redirect(url_for("admin.handover"))
    unassigned, unassigned_total = unassigned_open_cases(db.session)
    return render_template("admin/handover.html", form=form, lawyers=lawyers, load=open_case_counts(db.session),
                           handovers=handovers(db.session), unassigned=unassigned,
                           unassigned_total=unassigned_total), 422 if form.errors else 200


@bp.route("/users/<int(max=2147483647):user_id>/deactivate", methods=["POST"])
@recent_login_required
def deactivate(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    try:
        deactivate_user(db.session, user)
    except Invalid as exc:
        db.session.rollback()
        flash("; ".join(said(e) for e in exc.errors.values()), "error")
    else:
        db.session.commit()
        flash(_("%(name)s can no longer log in.", name=user.full_name), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users")
def users():
    return render_template("admin/users.html",
                           users=db.session.scalars(select(User).order_by(User.full_name)))


@bp.route("/procedures", methods=["GET", "POST"])
@recent_login_required
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
            flash(_("%(committee)s saved.", committee=committee), "success")
        return redirect(url_for("admin.procedures"))
    return render_template("admin/procedures.html", procedures=sorted(load_procedures(db.session).values(),
                                                                        key=lambda p: p.committee))


@bp.route("/users/new", methods=["GET", "POST"])
@recent_login_required
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
            flash(_("User %(email)s created as %(role)s.", email=user.email, role=ROLE_NAMES[user.role.value]),
                  "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form), 422 if form.errors else 200
