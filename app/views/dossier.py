"""Downloading a case's dossier (ZIP): a sensitive export, behind a recent password and audited."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, render_template, send_file

from app.extensions import db
from app.procedure.law import RULES_BY_ID
from app.services.audit import record_read
from app.services.dashboard import case_deadlines, case_flags
from app.services.dossier import build_dossier
from app.services.timeline import local_now
from app.views.auth import recent_login_required
from app.views.files import vault
from app.views.loading import case_or_404

bp = Blueprint("dossier", __name__)


@bp.route("/cases/<reference>/dossier.zip")
@recent_login_required
def download(reference: str):
    case = case_or_404(reference)
    now = local_now()
    summary = render_template("dossier/summary.html", case=case, now=now, rules=RULES_BY_ID,
                              flags=case_flags(db.session, case.id, now),
                              deadlines=case_deadlines(db.session, case.id),
                              events_by_id={e.id: e for e in case.events})
    dossier = build_dossier(db.session, case, vault(), summary, now)
    record_read(db.session, "export", case=case, object_type="Dossier", object_id=case.reference,
                details={"files": dossier.files, "left_out": dossier.failed})
    db.session.commit()
    return send_file(BytesIO(dossier.data), mimetype="application/zip", as_attachment=True,
                     download_name=f"{case.reference}-dossier-{now:%Y%m%d}.zip", max_age=0)
