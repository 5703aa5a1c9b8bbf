"""Approvals on a case (request, decide, cancel), reopening a closed case, and the
supervisors' queue of decisions waiting."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.forms.common import show_errors
from app.forms.supervision import ApprovalRequestForm, DecisionForm, decision_prefix
from app.models import Approval, Case
from app.services.approvals import (
    KIND_LABELS,
    STATUS_LABELS,
    NeedsApproval,
    cancel,
    decide,
    is_approver,
    reopen_case,
    request_approval,
    waiting_approvals,
)
from app.services.errors import Invalid
from app.views.cases import case_page
from app.views.loading import case_or_404
from app.wording import said

bp = Blueprint("supervision", __name__)


def _approval_or_404(case: Case, approval_id: int) -> Approval:
    approval = db.session.get(Approval, approval_id)
    if approval is None or approval.case_id != case.id:
        abort(404)
    return approval


def _back(case: Case):
    return redirect(url_for("cases.show", reference=case.reference) + "#approvals")


@bp.route("/cases/<reference>/approvals", methods=["POST"])
def request_view(reference: str):
    case = case_or_404(reference)
    form = ApprovalRequestForm()
    if form.validate_on_submit():
        try:
            approval = request_approval(db.session, case, form.kind.data, form.reason.data, current_user)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("Requested: %(decision)s. A supervisor will decide.", decision=_(KIND_LABELS[approval.kind])),
                  "success")
            return _back(case)
    return case_page(case, status=422, request_form=form)


@bp.route("/cases/<reference>/approvals/<int(max=2147483647):approval_id>/decide", methods=["POST"])
def decide_view(reference: str, approval_id: int):
    case = case_or_404(reference)
    approval = _approval_or_404(case, approval_id)
    if not is_approver(current_user):
        abort(403)
    form = DecisionForm(prefix=decision_prefix(approval.id))
    if form.validate_on_submit():
        try:
            decide(db.session, approval, approve=form.decision.data == "approve", comment=form.comment.data or "",
                   user=current_user)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("%(decision)s: %(status)s.", decision=_(KIND_LABELS[approval.kind]),
                    status=_(STATUS_LABELS[approval.status])), "success")
            return _back(case)
    return case_page(case, status=422, decision_form=form)


@bp.route("/cases/<reference>/approvals/<int(max=2147483647):approval_id>/cancel", methods=["POST"])
def cancel_view(reference: str, approval_id: int):
    case = case_or_404(reference)
    approval = _approval_or_404(case, approval_id)
    if approval.requested_by_id != current_user.id:
        abort(403)
    try:
        cancel(db.session, approval, current_user)
    except Invalid as exc:
        db.session.rollback()
        flash("; ".join(said(e) for e in exc.errors.values()), "error")
    else:
        db.session.commit()
        flash(_("Request cancelled."), "success")
    return _back(case)


@bp.route("/cases/<reference>/reopen", methods=["POST"])
def reopen(reference: str):
    case = case_or_404(reference)
    try:
        reopen_case(db.session, case, current_user)
    except NeedsApproval:
        abort(403)
    db.session.commit()
    flash(_("%(reference)s is open again.", reference=case.reference), "success")
    return redirect(url_for("cases.show", reference=case.reference))


@bp.route("/approvals")
def queue():
    if not is_approver(current_user):
        abort(403)
    return render_template("supervision/approvals.html", approvals=waiting_approvals(db.session),
                           labels=KIND_LABELS)
