"""``/un``: every UN communication of the cases the user may see, by committee and stage, what is
due next, decisions with remedies not shown as implemented and interim measures breached;
filters and a CSV in words (docs/un-case-file.md)."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.procedure.law import RULES_BY_ID
from app.procedure.un_file import STAGE_ORDER
from app.procedure.vocabulary import COMMITTEES, REMEDIES, label_of
from app.services.audit import record_read
from app.services.timeline import local_now
from app.services.un_file import OverviewFilter, OverviewRow, un_overview
from app.views.auth import recent_login_required
from app.views.csv_cells import safe_cell
from app.views.template_helpers import due_words, status_words, tr, un_stage_words

bp = Blueprint("un", __name__)

ATTENTION = ("due", "breached", "remedies")


def _filters() -> OverviewFilter:
    """Unknown values are ignored: a filter narrows, it never errs."""
    committee = request.args.get("committee") or None
    stage = request.args.get("stage") or None
    attention = request.args.get("attention") or None
    return OverviewFilter(
        committee=committee if committee in {c.code for c in COMMITTEES} else None,
        stage=stage if stage in {s.value for s in STAGE_ORDER} else None,
        attention=attention if attention in ATTENTION else None)


@bp.route("/un")
def index():
    filters = _filters()
    rows = un_overview(db.session, current_user, filters)
    return render_template("un/index.html", rows=rows, filters=filters, now=local_now(), rules=RULES_BY_ID,
                           committees=COMMITTEES, stages=un_stage_words())


@bp.route("/un.csv")
@recent_login_required
def export_csv():
    rows = un_overview(db.session, current_user, _filters())
    record_read(db.session, "export", object_type="UN communications", object_id="csv",
                details={"cases": sorted({r.case.reference for r in rows})})
    db.session.commit()
    russian = str(get_locale()) in ("ru", "kk")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if russian else ",")
    writer.writerow([_("Case"), _("Title"), _("Committee"), _("Number"), _("Stage"), _("Next due"), _("Due"),
                     _("Status"), _("Decision"), _("Violation found"), _("Remedies not shown as implemented"),
                     _("Interim measures breached")])
    now = local_now()
    for row in rows:
        writer.writerow([safe_cell(v) for v in _csv_row(row, now)])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=qorgau-un.csv"})


def _csv_row(row: OverviewRow, now) -> list[str]:
    c = row.file.communication
    due = row.file.next_due
    decision = c.decision
    violation = "" if decision is None else {True: _("yes"), False: _("no")}.get(c.violation_found, _("not recorded"))
    return [
        row.case.reference, row.case.title, tr(label_of(COMMITTEES, c.committee)) if c.committee else "",
        c.number or "", un_stage_words()[c.stage.value],
        tr(RULES_BY_ID[due.rule].title) if due else "",
        due_words(due.due or due.latest_due, due.in_hours) if due else "",
        status_words(due.status_at(now)) if due else "",
        str(decision.when) if decision else "", violation,
        "; ".join(tr(label_of(REMEDIES, r.code)) for r in c.remedies_pending),
        "; ".join(str(e.when) for e in c.interim.breaches)]
