"""The law's configurable arithmetic, for admins: values of the *(verify)* terms and the days
the government declared off or working. Each change recomputes the dates it can move."""

from __future__ import annotations

from datetime import date

import holidays
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.forms.common import pairs, show_errors
from app.forms.supervision import CalendarDayForm, RuleValueForm
from app.models import CalendarAdjustment, Role, RuleSetting
from app.procedure.calendar import Term, Unit
from app.procedure.law import TERMS
from app.procedure.phrase import term_words
from app.services.errors import Invalid
from app.services.lawsettings import configurable_terms, remove_calendar_day, set_calendar_day, set_rule_value
from app.services.procedure import RecomputeReport
from app.services.timeline import local_now
from app.views.auth import recent_login_required
from app.wording import WORDING

bp = Blueprint("law", __name__, url_prefix="/admin/law")


@bp.before_request
def require_admin():
    if current_user.role != Role.ADMIN:
        abort(403)


def _page(term_form: RuleValueForm | None = None, day_form: CalendarDayForm | None = None, status: int = 200):
    term_form = term_form or RuleValueForm(formdata=None)
    term_form.term.choices = pairs((name, name) for name in configurable_terms())
    year = local_now().year
    return render_template(
        "admin/law.html", term_form=term_form, day_form=day_form or CalendarDayForm(formdata=None),
        terms=[TERMS[name] for name in configurable_terms()], deployment=current_app.config.get("RULE_OVERRIDES", {}),
        settings={s.term: s for s in db.session.scalars(select(RuleSetting))},
        adjustments=list(db.session.scalars(select(CalendarAdjustment).order_by(CalendarAdjustment.day.desc()))),
        holidays=_holidays(year), year=year, term_words=_term_words, amount_words=_amount_words), status


def _term_words(term: Term) -> str:
    """'48 hours', '1 month' in the interface's language."""
    return term_words(term, WORDING)


def _amount_words(amount: int, unit: Unit) -> str:
    return term_words(Term(amount, unit), WORDING)


def _holidays(year: int) -> list[tuple[date, str]]:
    """The holidays the package knows for this year and the next (a holiday on a weekend is listed too)."""
    return sorted(holidays.country_holidays("KZ", years=(year, year + 1)).items())


def _flash_report(report: RecomputeReport) -> None:
    flash(_("Recomputed %(num)d case(s) whose dates this can move; every moved date is shown on its case.",
            num=report.cases), "success")


@bp.route("")
def index():
    return _page()


@bp.route("/terms", methods=["POST"])
@recent_login_required
def term_value():
    form = RuleValueForm()
    form.term.choices = pairs((name, name) for name in configurable_terms())
    if form.validate_on_submit():
        try:
            report = set_rule_value(db.session, form.term.data, form.amount.data, current_user)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            _flash_report(report)
            return redirect(url_for("law.index"))
    return _page(term_form=form, status=422)


@bp.route("/calendar", methods=["POST"])
@recent_login_required
def calendar_day():
    form = CalendarDayForm()
    if form.validate_on_submit():
        try:
            report = set_calendar_day(db.session, form.day.data, working=form.working.data == "working",
                                      name=form.name.data, user=current_user)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            _flash_report(report)
            return redirect(url_for("law.index"))
    return _page(day_form=form, status=422)


@bp.route("/calendar/remove", methods=["POST"])
@recent_login_required
def remove_day():
    try:
        day = date.fromisoformat(request.form.get("day", ""))
        report = remove_calendar_day(db.session, day, current_user)
    except (ValueError, Invalid):
        db.session.rollback()
        flash(_("Choose an adjusted day to remove."), "error")
    else:
        db.session.commit()
        _flash_report(report)
    return redirect(url_for("law.index"))
