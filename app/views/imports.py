"""Importing cases from a spreadsheet: upload, a preview with every problem, then confirm.

Nothing is written before the confirmation. The preview's token travels as a form field,
never in a URL; the upload waits server-side (app.services.spreadsheet.PendingImports).
Uploads are larger than the site's form limit, so this blueprint sets its own limit first and
checks the CSRF token itself afterwards.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.interchange.spreadsheet import (
    MAX_EVENT_ROWS,
    MAX_ROWS,
    XLSX_MIME,
    Upload,
    template_csv,
    template_xlsx,
)
from app.services.spreadsheet import (
    IMPORT_ROLES,
    ImportRefused,
    PendingImports,
    check_upload,
    confirm_import,
    possible_duplicates,
)
from app.views.auth import recent_login_required

bp = Blueprint("imports", __name__, url_prefix="/import")
MAX_PROBLEMS_SHOWN = 500


@bp.before_request
def require_importer():
    if current_user.role not in IMPORT_ROLES:
        abort(403)


def pending_imports() -> PendingImports:
    folder = current_app.config.get("IMPORTS_DIR") or Path(current_app.instance_path) / "imports"
    return PendingImports(folder, current_app.config["FILE_KEY"])


def _upload_page(problems=(), status: int = 200):
    return render_template("imports/upload.html", problems=list(problems)[:MAX_PROBLEMS_SHOWN],
                           more=max(0, len(problems) - MAX_PROBLEMS_SHOWN), max_cases=MAX_ROWS,
                           max_events=MAX_EVENT_ROWS,
                           max_bytes=current_app.config["MAX_UPLOAD_BYTES"]), status


def _read_file(name: str, limit: int) -> tuple[Upload | None, str | None]:
    storage = request.files.get(name)
    if storage is None or not storage.filename:
        return None, None
    data = storage.read(limit + 1)
    if len(data) > limit:
        return None, _("%(file)s: the file is over %(size)d MB: import it in parts", file=storage.filename,
                       size=limit // 2**20)
    return Upload(storage.filename, data), None


@bp.route("", methods=["GET", "POST"])
@recent_login_required
def upload():
    if request.method == "GET":
        return _upload_page()
    limit = current_app.config["MAX_UPLOAD_BYTES"]  # the body limit is raised by app.allow_file_uploads
    cases, too_big = _read_file("cases", limit)
    events, events_too_big = _read_file("events", limit)
    errors = [e for e in (too_big, events_too_big) if e]
    if cases is None and not too_big:
        errors.insert(0, _("Choose the spreadsheet of cases (XLSX or CSV)."))
    if errors:
        return _upload_page(errors, 422)
    conversion = check_upload(db.session, cases, events)
    if conversion.document is None:
        db.session.rollback()
        return _upload_page([str(p) for p in conversion.problems], 422)
    duplicates = possible_duplicates(db.session, conversion.document, conversion, current_user)
    token = pending_imports().save(conversion, [f for f in (cases, events) if f], current_user)
    db.session.rollback()  # nothing was written, and nothing may be
    document = conversion.document
    people = {p.key: p for p in document.people}
    return render_template(
        "imports/preview.html", token=token, document=document, cases=document.cases, people=people,
        victims={c.reference: next((people[p.person] for p in c.parties if p.role == "victim"), None)
                 for c in document.cases},
        case_rows=conversion.case_rows, event_rows=conversion.event_rows,
        event_count=sum(len(c.events) for c in document.cases), duplicates=duplicates,
        files=[f.filename for f in (cases, events) if f])


@bp.route("/confirm", methods=["POST"])
@recent_login_required
def confirm():
    pending = pending_imports().take(request.form.get("token", ""), current_user)
    if pending is None:
        flash(_("Nothing was imported: this preview is no longer available (it was imported or cancelled "
                "already, or is over an hour old). Upload the file again."), "error")
        return redirect(url_for("imports.upload"))
    try:
        references = [c.reference for c in confirm_import(db.session, pending, current_user)]
    except ImportRefused as exc:
        db.session.rollback()
        return _upload_page([str(p) for p in exc.problems], 422)
    try:
        db.session.commit()
    except IntegrityError:  # a reference taken by someone else a moment ago
        db.session.rollback()
        return _upload_page([_("Nothing was imported: one of the references was created by someone else "
                               "meanwhile. Upload the file again to see which.")], 409)
    shown = ", ".join(references[:10])
    if len(references) > 10:
        shown = _("%(references)s and %(count)d more", references=shown, count=len(references) - 10)
    flash(ngettext("Imported %(num)d case: %(references)s.", "Imported %(num)d cases: %(references)s.",
                   len(references), references=shown), "success")
    return redirect(url_for("cases.index"))


@bp.route("/cancel", methods=["POST"])
def cancel():
    pending_imports().discard(request.form.get("token", ""), current_user)
    flash(_("Nothing was imported."), "info")
    return redirect(url_for("imports.upload"))


@bp.route("/template.csv")
def template_csv_file():
    sheet = "events" if request.args.get("sheet") == "events" else "cases"
    return current_app.response_class(
        template_csv(sheet), mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=qorgau-{sheet}.csv"})


@bp.route("/template.xlsx")
def template_xlsx_file():
    return current_app.response_class(
        template_xlsx(), mimetype=XLSX_MIME,
        headers={"Content-Disposition": "attachment; filename=qorgau-import.xlsx"})
