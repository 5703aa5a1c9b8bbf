"""The reminders page: what the daily digest holds for the user today, and what was e-mailed."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from app.extensions import db
from app.models import Role
from app.services.procedure import engine_calendar
from app.services.reminders import recent_deliveries, reminders_for, sent_keys
from app.services.timeline import local_now

bp = Blueprint("reminders", __name__)


@bp.route("/reminders")
def mine():
    reminders = reminders_for(db.session, current_user, local_now(), engine_calendar())
    return render_template(
        "reminders/index.html", reminders=reminders, sent=sent_keys(db.session, current_user),
        deliveries=recent_deliveries(db.session, current_user),
        failing=recent_deliveries(db.session, None) if current_user.role == Role.ADMIN else [],
        mail_configured=bool(current_app.config.get("MAIL_SERVER")))
