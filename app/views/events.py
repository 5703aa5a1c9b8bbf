"""Recording, correcting and reviewing the history of timeline events."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.forms.common import pairs, show_errors
from app.forms.events import (
    RetractForm,
    error_field_names,
    error_labels,
    event_form_class,
    fill_from_event,
    form_to_raw,
)
from app.models import CaseFlag
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME
from app.services import timeline
from app.services.approvals import NeedsApproval, approval_notice, authorise_event, mark_used
from app.services.audit import record_read
from app.services.cases import linked_cases
from app.services.errors import CONFLICT, Conflict, Invalid
from app.services.timeline import correct_event, record_event_in_cases
from app.views.loading import case_or_404, event_or_404
from app.views.params import parse_version
from app.wording import said

bp = Blueprint("events", __name__, url_prefix="/cases/<reference>/events")


@bp.route("/new", methods=["GET", "POST"])
def new(reference: str):
    case = case_or_404(reference)
    type_name = request.args.get("type")
    if not type_name:
        return render_template("events/choose_type.html", case=case)
    event_type = EVENT_TYPES_BY_NAME.get(type_name) or abort(404)
    form = event_form_class(event_type, case.timeline)()
    linked = linked_cases(case, current_user)
    form.also_cases.choices = pairs((c.reference, f"{c.reference} · {c.title}") for c in linked)
    if form.validate_on_submit():
        chosen = set(form.also_cases.data or [])
        cases = [case] + [c for c in linked if c.reference in chosen]
        try:
            events = record_event_in_cases(db.session, cases, form_to_raw(form, event_type), user=current_user)
            # Checked once the event itself is valid, so the lawyer sees the field errors first.
            approvals = [authorise_event(db.session, c, event_type.name, current_user, events[0].fields)
                         for c in cases]
            for approval, event in zip(approvals, events, strict=True):
                mark_used(db.session, approval, event)
        except NeedsApproval as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors, error_field_names(event_type), error_labels(event_type))
        except StaleDataError:
            db.session.rollback()
            form.form_errors.append(CONFLICT)
        else:
            db.session.commit()
            others = len(events) - 1
            what = {"event": _(event_type.label), "when": events[0].when}
            if others:
                flash(ngettext("%(event)s of %(when)s recorded (and in %(num)d linked case).",
                               "%(event)s of %(when)s recorded (and in %(num)d linked cases).", others, **what),
                      "success")
            else:
                flash(_("%(event)s of %(when)s recorded.", **what), "success")
            return redirect(url_for("cases.show", reference=case.reference) + f"#event-{events[0].id}")
    status = 422 if form.errors or form.form_errors else 200
    return render_template("events/form.html", case=case, form=form, event_type=event_type, event=None,
                           approval_notice=approval_notice(db.session, case, event_type.name, current_user)), status


@bp.route("/<int(max=2147483647):event_id>/edit", methods=["GET", "POST"])
def edit(reference: str, event_id: int):
    case = case_or_404(reference)
    event = event_or_404(case, event_id)
    event_type = event.event_type
    form = event_form_class(event_type, [e for e in case.timeline if e is not event])()
    if request.method == "GET":
        fill_from_event(form, event)
    elif form.validate_on_submit():
        try:
            correct_event(db.session, event, form_to_raw(form, event_type), user=current_user,
                          reason=form.reason.data, expected_version=parse_version(form.version.data))
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors, error_field_names(event_type), error_labels(event_type))
        except (Conflict, StaleDataError):
            db.session.rollback()
            form.form_errors.append(CONFLICT)
        else:
            db.session.commit()
            flash(_("Event corrected; the earlier version is kept in its history."), "success")
            return redirect(url_for("cases.show", reference=case.reference) + f"#event-{event.id}")
    status = 422 if form.errors else 200
    return render_template("events/form.html", case=case, form=form, event_type=event_type,
                           event=event), status


@bp.route("/<int(max=2147483647):event_id>/history")
def history(reference: str, event_id: int):
    case = case_or_404(reference)
    event = event_or_404(case, event_id)
    record_read(db.session, "view", case=case, object_type="EventHistory", object_id=str(event.id))
    db.session.commit()
    return render_template("events/history.html", case=case, event=event)


@bp.route("/not-done/<int(max=2147483647):flag_id>", methods=["POST"])
def confirm_absence(reference: str, flag_id: int):
    """One step from an absence flag: "I checked: it was not done"."""
    case = case_or_404(reference)
    flag = db.session.get(CaseFlag, flag_id)
    if flag is None or flag.case_id != case.id:
        abort(404)
    try:
        event = timeline.confirm_absence(db.session, case, flag, user=current_user, note=request.form.get("note", ""))
    except Invalid as exc:
        db.session.rollback()
        for message in exc.errors.values():
            flash(said(message), "error")
        return redirect(url_for("cases.show", reference=case.reference) + "#flags")
    db.session.commit()
    flash(_("Recorded as not done, from the lawyer's file: the red flag now rests on the record. To undo it, "
            "retract that event."), "success")
    return redirect(url_for("cases.show", reference=case.reference) + f"#event-{event.id}")


@bp.route("/<int(max=2147483647):event_id>/retract", methods=["GET", "POST"])
def retract(reference: str, event_id: int):
    case = case_or_404(reference)
    event = event_or_404(case, event_id)
    form = RetractForm()
    if request.method == "GET":
        form.version.data = str(event.version)
    elif form.validate_on_submit():
        try:
            timeline.retract_event(db.session, event, user=current_user, reason=form.reason.data,
                                   expected_version=parse_version(form.version.data))
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        except (Conflict, StaleDataError):
            db.session.rollback()
            form.form_errors.append(CONFLICT)
        else:
            db.session.commit()
            flash(_("Event retracted: it has left the timeline and stays in its history."), "success")
            return redirect(url_for("cases.show", reference=case.reference) + "#timeline")
    status = 422 if form.errors or form.form_errors else 200
    return render_template("events/retract.html", case=case, event=event, form=form), status


@bp.route("/<int(max=2147483647):event_id>/move", methods=["POST"])
def move(reference: str, event_id: int):
    """Up or down among the events whose dates overlap: the lawyer's order decides there."""
    case = case_or_404(reference)
    event = event_or_404(case, event_id)
    step = {"up": -1, "down": 1}.get(request.form.get("to", "")) or abort(400)
    if timeline.move_event(db.session, event, step):
        db.session.commit()
    else:
        flash(_("This event cannot move there: the dates or a reference decide its place."), "error")
    return redirect(url_for("cases.show", reference=case.reference) + f"#event-{event.id}")
