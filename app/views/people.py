"""People: search across spellings, a person's cases, editing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.forms.cases import PersonForm
from app.forms.common import show_errors
from app.services.access import can_see_case
from app.services.errors import CONFLICT, Conflict, Invalid
from app.services.people import find_people, update_person
from app.views.loading import person_or_404
from app.views.params import parse_version, text_arg

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.route("/")
def index():
    query = text_arg("q") or ""
    return render_template("people/index.html", people=find_people(db.session, query, current_user, limit=200),
                           query=query)


@bp.route("/<int(max=2147483647):person_id>")
def show(person_id: int):
    person = person_or_404(person_id)
    parties = [p for p in person.parties if can_see_case(current_user, p.case)]
    return render_template("people/show.html", person=person, parties=parties)


@bp.route("/<int(max=2147483647):person_id>/edit", methods=["GET", "POST"])
def edit(person_id: int):
    person = person_or_404(person_id)
    form = PersonForm(obj=person) if request.method == "GET" else PersonForm()
    if request.method == "GET":
        form.aliases.data = "\n".join(person.aliases or [])
        form.version.data = str(person.version)
    if form.validate_on_submit():
        try:
            update_person(db.session, person, {
                "name": form.name.data, "description": form.description.data,
                "notes": form.notes.data, "aliases": (form.aliases.data or "").splitlines(),
            }, expected_version=parse_version(form.version.data))
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        except (Conflict, StaleDataError):
            db.session.rollback()
            form.form_errors.append(CONFLICT)
        else:
            db.session.commit()
            flash(_("Person saved."), "success")
            return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/form.html", form=form, person=person), 422 if form.errors else 200
