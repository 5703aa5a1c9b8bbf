"""UN communication drafts: admissibility check, generation, preview, DOCX, edits, versions."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.drafts.docx_renderer import render_docx
from app.drafts.layout import lay_out
from app.drafts.provisions import BY_CODE, BY_COMMITTEE, suggest_for_case
from app.extensions import db
from app.forms.common import pairs, show_errors
from app.forms.drafts import NewDraftForm, edit_form_class
from app.i18n import current_language
from app.models import Draft
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME
from app.services.audit import record_read
from app.services.drafts import (
    COMMITTEES,
    EditsWouldBeLost,
    admissibility,
    create_draft,
    document_and_findings,
    document_of,
    draft_input,
    regenerate,
    save_edits,
)
from app.services.errors import Conflict, Invalid
from app.services.timeline import local_now
from app.views.loading import case_or_404, draft_or_404
from app.views.params import int_arg, parse_version

bp = Blueprint("drafts", __name__)


def _provision_choices(committee: str):
    """The committee's provisions, described in Russian for the Russian and Kazakh interfaces."""
    russian = current_language() in ("ru", "kk")
    return pairs((p.code, _("art. %(article)s — %(provision)s", article=p.article, provision=p.ru if russian else p.en))
                 for p in BY_COMMITTEE[committee])


@bp.route("/cases/<reference>/drafts/new", methods=["GET", "POST"])
def new(reference: str):
    case = case_or_404(reference)
    committee = request.values.get("committee", "CAT")
    if committee not in COMMITTEES:
        abort(404)
    now = local_now()
    form = NewDraftForm(committee=committee)
    form.provisions.choices = _provision_choices(committee)
    data = draft_input(case, committee=committee, language="en", provisions=None, now=now)
    if request.method == "GET":
        form.provisions.data = data.provisions
    elif form.validate_on_submit():
        try:
            draft = create_draft(db.session, case, committee=committee, language=form.language.data,
                                 provisions=form.provisions.data or [], user=current_user, now=now)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("Draft generated from the case file. Review every paragraph before it goes anywhere."),
                  "success")
            return redirect(url_for("drafts.show", draft_id=draft.id))
    findings = admissibility(db.session, case, committee, now)
    status = 422 if form.errors else 200
    return render_template("drafts/new.html", case=case, form=form, committee=committee, findings=findings,
                           committees=COMMITTEES, drafts=_drafts_of(case), reasons=_reasons(data)), status


def _reasons(data):
    """Why each provision is suggested: the events of the record that meet it."""
    russian = current_language() in ("ru", "kk")
    by_ref = {e.ref: e for e in data.events}
    out = []
    for suggestion in suggest_for_case(data.committee, data.case_file, data.evaluation):
        provision = BY_CODE[suggestion.code]
        events = [by_ref[r] for r in suggestion.events if r in by_ref]
        out.append((_("art. %(article)s — %(provision)s", article=provision.article,
                      provision=provision.ru if russian else provision.en),
                    [(e.when, EVENT_TYPES_BY_NAME[e.type].label) for e in events]))
    return out


def _drafts_of(case):
    return list(db.session.scalars(select(Draft).where(Draft.case_id == case.id).order_by(Draft.created_at.desc())))


def _version(draft: Draft):
    number = int_arg("version") or draft.latest.number
    version = next((v for v in draft.versions if v.number == number), None)
    if version is None:
        abort(404)
    return version


@bp.route("/drafts/<int(max=2147483647):draft_id>")
def show(draft_id: int):
    draft = draft_or_404(draft_id)
    version = _version(draft)
    record_read(db.session, "view", case=draft.case, object_type="Draft", object_id=str(draft.id),
                details={"version": version.number})
    now = local_now()
    document, findings = document_and_findings(draft, version, now)
    page = render_template("drafts/show.html", draft=draft, version=version, document=document,
                           layout=lay_out(document), findings=findings)
    db.session.commit()  # after rendering: a commit expires the draft and its case
    return page


@bp.route("/drafts/<int(max=2147483647):draft_id>/docx")
def docx(draft_id: int):
    draft = draft_or_404(draft_id)
    version = _version(draft)
    content = render_docx(document_of(draft, version, local_now()))
    record_read(db.session, "download", case=draft.case, object_type="Draft", object_id=str(draft.id),
                details={"version": version.number, "format": "docx"})
    db.session.commit()
    name = f"{draft.case.reference}-{draft.committee}-{draft.language}-v{version.number}.docx"
    return Response(content, headers={"Content-Disposition": f"attachment; filename={name}"},
                    mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@bp.route("/drafts/<int(max=2147483647):draft_id>/edit", methods=["GET", "POST"])
def edit(draft_id: int):
    draft = draft_or_404(draft_id)
    form = edit_form_class()()
    form.provisions.choices = _provision_choices(draft.committee)
    if request.method == "GET":
        for key, text in draft.latest.texts.items():
            form[key].data = text
        form.provisions.data = draft.provisions
        form.based_on.data = str(draft.latest.number)
    elif form.validate_on_submit():
        texts = {key: form[key].data or "" for key in draft.latest.texts}
        try:
            version = save_edits(db.session, draft, texts, provisions=form.provisions.data or [],
                                 user=current_user, based_on=parse_version(form.based_on.data))
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        except Conflict as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Saved as version %(number)d.", number=version.number), "success")
            return redirect(url_for("drafts.show", draft_id=draft.id))
    return render_template("drafts/edit.html", draft=draft, form=form), 422 if form.errors else 200


@bp.route("/drafts/<int(max=2147483647):draft_id>/regenerate", methods=["POST"])
def regenerate_view(draft_id: int):
    draft = draft_or_404(draft_id)
    choice = request.form.get("edits")
    keep = {"keep": True, "replace": False}.get(choice)
    try:
        version = regenerate(db.session, draft, keep_edits=keep, user=current_user, now=local_now())
    except EditsWouldBeLost as exc:
        db.session.rollback()
        return render_template("drafts/confirm_regenerate.html", draft=draft, sections=exc.sections), 409
    db.session.commit()
    if keep:
        flash(_("Regenerated from the case file as version %(number)d. Your edited sections were kept.",
                number=version.number), "success")
    else:
        flash(_("Regenerated from the case file as version %(number)d.", number=version.number), "success")
    return redirect(url_for("drafts.show", draft_id=draft.id))

