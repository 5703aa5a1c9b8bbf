"""People: search across spellings, a person's cases and family, editing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.forms.cases import PersonForm, RelationForm
from app.forms.common import pairs, show_errors
from app.models import CaseParty, Person, PersonRelation
from app.services.access import can_see_case, person_visible
from app.services.audit import record_read
from app.services.errors import CONFLICT, Conflict, Invalid
from app.services.people import find_people, update_person
from app.services.person_details import CONTACT_FIELDS, add_relation, contact_of, remove_relation, set_details
from app.views.loading import person_or_404
from app.views.params import parse_version, text_arg

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.route("/")
def index():
    query = text_arg("q") or ""
    return render_template("people/index.html", people=find_people(db.session, query, current_user, limit=200),
                           query=query)


def _relatives_to_choose(person: Person) -> list[Person]:
    """The people who share a visible case with ``person``: the family a communication can name."""
    case_ids = [p.case_id for p in person.parties if can_see_case(current_user, p.case)]
    if not case_ids:
        return []
    others = db.session.scalars(select(Person).join(CaseParty, CaseParty.person_id == Person.id)
                                .where(CaseParty.case_id.in_(case_ids), Person.id != person.id,
                                       person_visible(current_user, Person.id)).distinct())
    return sorted(others, key=lambda p: p.display_name)


def _relation_form(person: Person, form: RelationForm | None = None) -> RelationForm:
    form = form or RelationForm(formdata=None)
    form.relative_id.choices = pairs([("", "—")] + [(str(p.id), p.display_name) for p in _relatives_to_choose(person)])
    return form


@bp.route("/<int(max=2147483647):person_id>")
def show(person_id: int, relation_form: RelationForm | None = None, status: int = 200):
    person = person_or_404(person_id)
    parties = [p for p in person.parties if can_see_case(current_user, p.case)]
    record_read(db.session, "view", object_type="Person", object_id=str(person.id))
    db.session.commit()
    reverse = db.session.scalars(select(PersonRelation).where(PersonRelation.relative_id == person.id,
                                                              person_visible(current_user, PersonRelation.person_id)))
    return render_template("people/show.html", person=person, parties=parties, contact=contact_of(person),
                           relations=[r for r in person.relations], reverse=list(reverse),
                           relation_form=_relation_form(person, relation_form)), status


@bp.route("/<int(max=2147483647):person_id>/edit", methods=["GET", "POST"])
def edit(person_id: int):
    person = person_or_404(person_id)
    form = PersonForm(obj=person) if request.method == "GET" else PersonForm()
    if request.method == "GET":
        form.aliases.data = "\n".join(person.aliases or [])
        form.version.data = str(person.version)
        for name, value in contact_of(person).items():
            form[name].data = value
    if form.validate_on_submit():
        try:
            update_person(db.session, person, {
                "name": form.name.data, "description": form.description.data,
                "notes": form.notes.data, "aliases": (form.aliases.data or "").splitlines(),
            }, expected_version=parse_version(form.version.data))
            set_details(db.session, person, {name: form[name].data for name in (
                "birth_date", "sex", "nationality", *(n for n, _limit in CONTACT_FIELDS))})
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


@bp.route("/<int(max=2147483647):person_id>/relations", methods=["POST"])
def relate(person_id: int):
    person = person_or_404(person_id)
    form = _relation_form(person, RelationForm())
    relative = next((p for p in _relatives_to_choose(person) if str(p.id) == form.relative_id.data), None)
    if form.validate_on_submit():
        try:
            if relative is None:
                raise Invalid({"relative_id": _("choose a person of the same case")})
            add_relation(db.session, person, form.kind.data, relative)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("Family tie recorded."), "success")
            return redirect(url_for("people.show", person_id=person.id) + "#family")
    return show(person.id, relation_form=form, status=422)


@bp.route("/<int(max=2147483647):person_id>/relations/<int(max=2147483647):relation_id>/remove", methods=["POST"])
def unrelate(person_id: int, relation_id: int):
    person = person_or_404(person_id)
    relation = next((r for r in person.relations if r.id == relation_id), None) or abort(404)
    remove_relation(db.session, relation)
    db.session.commit()
    flash(_("Family tie removed."), "success")
    return redirect(url_for("people.show", person_id=person.id) + "#family")
