"""Personal calendar feeds: the secret-token URL a calendar program subscribes to."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.extensions import csrf, db
from app.models import CalendarToken
from app.services.audit import record_read
from app.services.calendar_feed import feed, issue_token, revoke_token, user_for_token
from app.services.timeline import local_now
from app.views.auth import recent_login_required

bp = Blueprint("calendar", __name__, url_prefix="/calendar")


@bp.route("/")
def index():
    tokens = db.session.scalars(select(CalendarToken).where(CalendarToken.user_id == current_user.id)
                                .order_by(CalendarToken.created_at.desc()))
    return render_template("dashboard/calendar.html", tokens=list(tokens), new_url=None)


@bp.route("/tokens", methods=["POST"])
@recent_login_required
def new_token():
    token = issue_token(db.session, current_user)
    db.session.commit()
    tokens = db.session.scalars(select(CalendarToken).where(CalendarToken.user_id == current_user.id)
                                .order_by(CalendarToken.created_at.desc()))
    url = url_for("calendar.feed_ics", token=token, _external=True)
    return render_template("dashboard/calendar.html", tokens=list(tokens), new_url=url)


@bp.route("/tokens/<int(max=2147483647):token_id>/revoke", methods=["POST"])
def revoke(token_id: int):
    if not revoke_token(db.session, current_user, token_id):
        abort(404)
    db.session.commit()
    flash(_("The calendar link is revoked: calendars using it get nothing more."), "success")
    return redirect(url_for("calendar.index"))


@bp.route("/feed/<token>.ics")
@csrf.exempt
def feed_ics(token: str):
    user = user_for_token(db.session, token)
    if user is None:
        abort(404)
    body = feed(db.session, user, local_now())
    db.session.info["audit_actor"] = f"calendar feed of {user.email}"
    record_read(db.session, "export", object_type="CalendarFeed", object_id=str(user.id))
    db.session.commit()
    return Response(body, mimetype="text/calendar",
                    headers={"Cache-Control": "private, no-store"})
