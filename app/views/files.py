"""Evidence files: upload to a case, download through an authorized route, archive."""

from __future__ import annotations

import io

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.forms.common import pairs, show_errors
from app.forms.files import FileDetailsForm
from app.models import EvidenceFile
from app.services.audit import record_read
from app.services.errors import Invalid
from app.services.files import IntegrityFailure, Vault, archive, describe, load, store
from app.views.loading import case_or_404
from app.wording import said

bp = Blueprint("files", __name__)


def vault() -> Vault:
    return Vault.from_config(current_app.config["FILES_DIR"], current_app.config["FILE_KEY"])


def file_or_404(case, file_id: int) -> EvidenceFile:
    record = db.session.scalar(select(EvidenceFile).where(EvidenceFile.id == file_id,
                                                          EvidenceFile.case_id == case.id))
    if record is None:
        abort(404)
    return record


@bp.route("/cases/<reference>/files", methods=["POST"])
def upload(reference: str):
    limit = current_app.config["MAX_UPLOAD_BYTES"]  # the body limit is raised by app.allow_file_uploads
    case = case_or_404(reference)
    upload = request.files.get("file")
    try:
        record = store(db.session, vault(), case, filename=upload.filename if upload else "",
                       data=upload.read(limit + 1) if upload else b"", description=request.form.get("description"),
                       user=current_user, max_size=limit)
    except Invalid as exc:
        db.session.rollback()
        flash(_("Nothing was uploaded: %(errors)s", errors="; ".join(said(e) for e in exc.errors.values())), "error")
    else:
        db.session.commit()
        flash(_("%(name)s stored encrypted (SHA-256 %(sha256)s…).", name=record.original_name,
                sha256=record.sha256[:12]), "success")
    return redirect(url_for("cases.show", reference=case.reference) + "#files")


@bp.route("/cases/<reference>/files/<int(max=2147483647):file_id>")
def download(reference: str, file_id: int):
    case = case_or_404(reference)
    record = file_or_404(case, file_id)
    try:
        data = load(vault(), record)
    except (IntegrityFailure, FileNotFoundError) as exc:
        current_app.logger.error("evidence file integrity failure: %s", exc)
        record_read(db.session, "integrity-failure", case=case, object_type="EvidenceFile",
                    object_id=str(record.id), details={"error": str(exc)})
        db.session.commit()
        abort(409, description=_("This file failed its integrity check and is not served. "
                                 "The failure is recorded; restore the file from a backup."))
    record_read(db.session, "download", case=case, object_type="EvidenceFile", object_id=str(record.id),
                details={"sha256": record.sha256})
    db.session.commit()
    # send_file writes the name as RFC 6266/5987 asks: an ASCII fallback and the UTF-8 original.
    return send_file(io.BytesIO(data), mimetype=record.content_type, as_attachment=True,
                     download_name=record.original_name, max_age=0)


@bp.route("/cases/<reference>/files/<int(max=2147483647):file_id>/archive", methods=["POST"])
def archive_file(reference: str, file_id: int):
    case = case_or_404(reference)
    record = file_or_404(case, file_id)
    archive(db.session, record)
    db.session.commit()
    flash(_("%(name)s archived: it is kept, but no longer listed.", name=record.original_name), "success")
    return redirect(url_for("cases.show", reference=case.reference) + "#files")


@bp.route("/cases/<reference>/files/<int(max=2147483647):file_id>/details", methods=["GET", "POST"])
def details(reference: str, file_id: int):
    """What the file documents (an event), its language and translation: its line among the annexes."""
    case = case_or_404(reference)
    record = file_or_404(case, file_id)
    form = FileDetailsForm(obj=record) if request.method == "GET" else FileDetailsForm()
    form.event.choices = pairs([("", "—")] + [(e.uid, f"{e.when} · {_(e.event_type.label)}") for e in case.timeline])
    if request.method == "GET":
        form.event.data = next((e.uid for e in case.events if e.id == record.event_id), "")
    elif form.validate_on_submit():
        try:
            describe(db.session, case, record, description=form.description.data, event_uid=form.event.data,
                     language=form.language.data, translation=form.translation.data)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("%(name)s: details saved.", name=record.original_name), "success")
            return redirect(url_for("cases.show", reference=case.reference) + "#files")
    return render_template("cases/file_details.html", case=case, record=record, form=form), \
        422 if form.errors else 200
