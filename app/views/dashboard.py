"""The supervisors' dashboard, its CSV export, flag acknowledgements and the rule catalogue."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.models import CaseFlag, FlagAcknowledgement, Role, User
from app.procedure.calendar import Term
from app.procedure.law import RULES, RULES_BY_ID, TERMS
from app.procedure.phrase import term_words
from app.procedure.results import BASIS_WORDS, STATUS_WORDS, Basis, Severity, Status
from app.procedure.vocabulary import REGIONS, clean_text
from app.services.access import case_visible, sees_all_cases
from app.services.approvals import KIND_LABELS, is_approver, waiting_approvals
from app.services.audit import record_read
from app.services.dashboard import (
    DashboardFilter,
    acknowledgements_for,
    active_flags,
    deadlines_due_soon,
    overdue_deadlines,
    quiet_cases,
    unassigned_cases,
)
from app.services.procedure import engine_settings
from app.services.timeline import local_now
from app.views.auth import recent_login_required
from app.views.csv_cells import safe_cell
from app.views.loading import case_or_404
from app.views.params import code_arg, filter_args, int_arg
from app.wording import WORDING

bp = Blueprint("dashboard", __name__)


def _filters() -> DashboardFilter:
    return DashboardFilter(
        user=current_user,
        lawyer_id=int_arg("lawyer"),
        region=code_arg("region", (r.code for r in REGIONS)),
        rule=code_arg("rule", RULES_BY_ID),
        severity=code_arg("severity", (s.value for s in Severity)),
    )


def _sections(filters: DashboardFilter):
    now = local_now()
    flags = active_flags(db.session, filters, now)
    return {
        "now": now,
        "overdue": overdue_deadlines(db.session, filters, now),
        "soon": deadlines_due_soon(db.session, filters, now),
        "flags": flags,
        "acks": acknowledgements_for(db.session, flags),
        "quiet": quiet_cases(db.session, filters, now.date()),
        "unassigned": unassigned_cases(db.session, filters) if sees_all_cases(current_user) else None,
        "approvals": waiting_approvals(db.session, case_visible(current_user)) if is_approver(current_user) else None,
    }


@bp.route("/dashboard")
def index():
    filters = _filters()
    lawyers = db.session.scalars(select(User).where(User.role == Role.LAWYER).order_by(User.full_name))
    return render_template("dashboard/index.html", filters=filters, lawyers=list(lawyers), rules=RULES,
                           severities=list(Severity), query_args=filter_args(), approval_labels=KIND_LABELS,
                           **_sections(filters))


@bp.route("/dashboard.csv")
@recent_login_required
def export_csv():
    sections = _sections(_filters())
    record_read(db.session, "export", object_type="Dashboard", object_id="csv",
                details={"cases": sorted({d.case.reference for d in sections["overdue"] + sections["soon"]}
                                         | {f.case.reference for f in sections["flags"]})})
    db.session.commit()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "case", "title", "region", "rule", "severity_or_status", "finding", "due", "detail"])
    for name, rows in (("overdue", sections["overdue"]), ("due-soon", sections["soon"])):
        for d in rows:
            status = STATUS_WORDS[Status.NOT_RECORDED] if name == "overdue" else STATUS_WORDS[Status.RUNNING]
            finding = BASIS_WORDS[Basis.ABSENCE] if name == "overdue" else ""
            writer.writerow([safe_cell(v) for v in (
                name, d.case.reference, d.case.title, d.case.region, d.rule, status, finding,
                (d.due or d.latest_due).strftime("%Y-%m-%d %H:%M"), d.note)])
    for f in sections["flags"]:
        writer.writerow([safe_cell(v) for v in (
            "flag", f.case.reference, f.case.title, f.case.region, f.rule, f.severity, BASIS_WORDS[Basis(f.basis)],
            f.action_due.strftime("%Y-%m-%d %H:%M") if f.action_due else "", f.explanation)])
    for case, last_on in sections["quiet"]:
        writer.writerow([safe_cell(v) for v in (
            "quiet", case.reference, case.title, case.region, "stalled-case", "info", BASIS_WORDS[Basis.ABSENCE], "",
            f"last event {last_on}" if last_on else "no events")])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=qorgau-dashboard.csv"})


@bp.route("/cases/<reference>/flags/<int(max=2147483647):flag_id>/acknowledge", methods=["POST"])
def acknowledge(reference: str, flag_id: int):
    if current_user.role not in (Role.SUPERVISOR, Role.ADMIN):
        abort(403)
    case = case_or_404(reference)
    flag = db.session.get(CaseFlag, flag_id)
    if flag is None or flag.case_id != case.id:
        abort(404)
    try:
        comment = clean_text(request.form.get("comment") or "", 2000)
    except ValueError:
        comment = ""
    if not comment:
        flash(_("Say in a comment (up to 2,000 characters) what is being done about the flag."), "error")
    else:
        db.session.add(FlagAcknowledgement(case_id=case.id, flag_key=flag.key, rule=flag.rule, comment=comment,
                                           user_id=current_user.id))
        db.session.commit()
        flash(_("Flag acknowledged; it stays on the case until the timeline resolves it."), "success")
    return redirect(url_for("cases.show", reference=case.reference) + "#flags")


@bp.route("/rules")
def catalogue():
    settings = engine_settings()
    return render_template("dashboard/rules.html", rules=RULES, terms=TERMS, settings=settings,
                           today=local_now().date(), term_words=_term_words)


def _term_words(term: Term) -> str:
    """'15 days', '1 month' in the interface language."""
    return term_words(term, WORDING)
