"""The case-law library, for admins: the committees' decisions and general comments drafts cite, with
their holdings; correct one, mark it verified, or stop citing it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.drafts.provisions import CAT, ICCPR
from app.extensions import db
from app.forms.caselaw import CaseLawForm
from app.forms.common import pairs, show_errors
from app.i18n import current_language
from app.models import CaseLaw, Role
from app.procedure.engine import FLAG_RULES
from app.procedure.law import RULES_BY_ID
from app.services.caselaw import update_entry
from app.services.errors import Invalid
from app.views.auth import recent_login_required

bp = Blueprint("caselaw", __name__, url_prefix="/admin/case-law")


@bp.before_request
def require_admin():
    if current_user.role != Role.ADMIN:
        abort(403)


@bp.route("")
def index():
    entries = list(db.session.scalars(select(CaseLaw).order_by(CaseLaw.committee, CaseLaw.kind, CaseLaw.key)))
    return render_template("caselaw/index.html", entries=entries, russian=current_language() in ("ru", "kk"))


def _form(entry: CaseLaw | None = None) -> CaseLawForm:
    form = CaseLawForm() if entry is None else CaseLawForm(
        committee=entry.committee, kind=entry.kind, title_en=entry.title_en, title_ru=entry.title_ru,
        symbol=entry.symbol, adopted=entry.adopted.isoformat() if entry.adopted else "", holding_en=entry.holding_en,
        holding_ru=entry.holding_ru, provisions=entry.provisions, rules=entry.rules, verified=entry.verified,
        verified_from=entry.note or "", active=entry.active)
    russian = current_language() in ("ru", "kk")
    form.provisions.choices = pairs(
        (p.code, _("%(treaty)s art. %(article)s — %(provision)s", treaty="CAT" if p in CAT else "ICCPR",
                   article=p.article, provision=p.ru if russian else p.en)) for p in CAT + ICCPR)
    form.rules.choices = pairs((rule, _(RULES_BY_ID[rule].title)) for rule in FLAG_RULES)
    return form


@bp.route("/<int(max=2147483647):entry_id>", methods=["GET", "POST"])
@recent_login_required
def edit(entry_id: int):
    entry = db.session.get(CaseLaw, entry_id) or abort(404)
    form = _form(entry) if not CaseLawForm().is_submitted() else _form()
    if form.validate_on_submit():
        try:
            update_entry(db.session, entry, {name: form[name].data for name in (
                "committee", "kind", "title_en", "title_ru", "symbol", "adopted", "holding_en", "holding_ru",
                "provisions", "rules", "verified", "verified_from", "active")})
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("%(title)s: saved.", title=entry.title_en), "success")
            return redirect(url_for("caselaw.index") + f"#entry-{entry.id}")
    return render_template("caselaw/edit.html", entry=entry, form=form), 422 if form.errors else 200
