"""The case list, a case's page, and creating and editing cases and their people."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.forms.cases import CaseForm, PartyForm
from app.forms.common import pairs, show_errors
from app.forms.supervision import ApprovalRequestForm, DecisionForm, decision_prefix
from app.models import Case, Person, Role, User
from app.procedure.law import RULES_BY_ID
from app.procedure.stage import STAGES
from app.procedure.vocabulary import REGIONS
from app.services.access import person_visible
from app.services.approvals import KIND_LABELS, STATUS_LABELS, case_approvals, is_approver
from app.services.assignments import assignment_history
from app.services.audit import record_read
from app.services.cases import CaseFilter, add_party, case_list_query, create_case, update_case
from app.services.dashboard import acknowledgements_for, case_deadlines, case_flags
from app.services.errors import CONFLICT, Conflict, Invalid
from app.services.files import case_files
from app.services.lawsettings import deadline_changes
from app.services.people import create_person, find_people, likely_duplicates, new_person_confirmation
from app.services.timeline import local_now, movable_events
from app.services.un_file import un_panel
from app.views.loading import case_or_404
from app.views.params import code_arg, filter_args, int_arg, page_arg, parse_version, text_arg

bp = Blueprint("cases", __name__)
REGION_CODES = frozenset(r.code for r in REGIONS)


@bp.route("/")
def index():
    filters = CaseFilter(
        stage=code_arg("stage", STAGES),
        region=code_arg("region", REGION_CODES),
        lawyer_id=int_arg("lawyer"),
        text=text_arg("q"),
        incident=text_arg("incident", 100),
    )
    page = db.paginate(case_list_query(filters, current_user), page=page_arg(),
                       per_page=current_app.config["CASES_PER_PAGE"], error_out=False)
    lawyers = db.session.scalars(select(User).where(User.role == Role.LAWYER).order_by(User.full_name))
    return render_template("cases/index.html", page=page, filters=filters, lawyers=list(lawyers),
                           query_args=filter_args())


def _case_data(form: CaseForm) -> dict:
    return {name: form[name].data for name in
            ("title", "region", "city", "place_type", "perpetrator_agency", "victim_flags",
             "incident", "summary", "summary_ru", "summary_in_draft")}


@bp.route("/cases/new", methods=["GET", "POST"])
def new():
    form = CaseForm()
    if form.validate_on_submit():
        try:
            case = create_case(db.session, reference=form.reference.data, data=_case_data(form),
                               created_by=current_user)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            try:
                db.session.commit()
            except IntegrityError:  # the same reference saved a moment ago by someone else
                db.session.rollback()
                show_errors(form, {"reference": _("already exists")})
                return render_template("cases/form.html", form=form, case=None), 422
            flash(_("Case %(reference)s created. Add its people and its first events.", reference=case.reference),
                  "success")
            return redirect(url_for("cases.show", reference=case.reference))
    return render_template("cases/form.html", form=form, case=None), 422 if form.errors else 200


@bp.route("/cases/<reference>")
def show(reference: str):
    case = case_or_404(reference)
    record_read(db.session, "view", case=case)
    page = case_page(case)  # rendered before the commit, which would expire (and reload) the whole case
    db.session.commit()
    return page


def files_by_event(files: list) -> dict[int, list]:
    """The documents of each event, as the timeline lists them under it."""
    found: dict[int, list] = {}
    for record in files:
        if record.event_id is not None:
            found.setdefault(record.event_id, []).append(record)
    return found


def case_page(case: Case, *, status: int = 200, request_form: ApprovalRequestForm | None = None,
              decision_form: DecisionForm | None = None):
    """The case page; the supervision forms come back filled with their errors after a refusal."""
    now = local_now()
    timeline = case.timeline
    files = case_files(db.session, case)
    flags = case_flags(db.session, case.id, now)
    approvals = case_approvals(db.session, case.id)
    deadlines = case_deadlines(db.session, case.id)
    decision_forms = {a.id: DecisionForm(prefix=decision_prefix(a.id), formdata=None) for a in approvals}
    if decision_form is not None:
        decision_forms[int(decision_form._prefix.split("-")[1])] = decision_form
    return render_template(
        "cases/show.html", case=case, flags=flags, deadlines=deadlines, un=un_panel(case, deadlines),
        acks=acknowledgements_for(db.session, flags), now=now, rules=RULES_BY_ID,
        events_by_id={e.id: e for e in case.events}, events_by_uid={e.uid: e for e in case.events},
        timeline=timeline, movable=movable_events(timeline), files=files, files_by_event=files_by_event(files),
        approvals=approvals, approval_labels=KIND_LABELS, approval_statuses=STATUS_LABELS,
        decision_forms=decision_forms,
        request_form=request_form or ApprovalRequestForm(formdata=None), is_approver=is_approver(current_user),
        assignment_history=assignment_history(db.session, case.id),
        deadline_changes=deadline_changes(db.session, case.id)), status


@bp.route("/cases/<reference>/edit", methods=["GET", "POST"])
def edit(reference: str):
    case = case_or_404(reference)
    form = CaseForm(obj=case) if request.method == "GET" else CaseForm()
    if request.method == "GET":
        form.victim_flags.data = case.victim_flags
        form.version.data = str(case.version)
    if form.validate_on_submit():
        try:
            update_case(db.session, case, data=_case_data(form), expected_version=parse_version(form.version.data))
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        except (Conflict, StaleDataError):
            db.session.rollback()
            form.form_errors.append(CONFLICT)
        else:
            db.session.commit()
            flash(_("Case saved."), "success")
            return redirect(url_for("cases.show", reference=case.reference))
    return render_template("cases/form.html", form=form, case=case), 422 if form.errors else 200


@bp.route("/cases/<reference>/people/new", methods=["GET", "POST"])
def add_person(reference: str):
    case = case_or_404(reference)
    query = text_arg("q") or ""
    form = PartyForm()
    candidates = find_people(db.session, query, current_user) if query else []
    form.person_id.choices = pairs([("", _("— a new person —"))] + [
        (str(p.id), p.display_name) for p in candidates])
    duplicates: list[Person] = []
    spellings = [form.name.data, *(form.aliases.data or "").splitlines()]
    if form.validate_on_submit():
        choice = request.form.get("use_person") or ""  # from the list of possible duplicates
        try:
            person_id = -1 if choice == "new" else parse_version(choice or form.person_id.data)  # -1: a new one
            if person_id > 0:
                person = db.session.scalar(select(Person).where(Person.id == person_id,
                                                                person_visible(current_user, Person.id)))
                if person is None:  # missing, or only in cases out of this user's reach: the same answer
                    raise Invalid({"person_id": _("this person no longer exists; search again")})
            else:
                confirmed = choice == "new" and request.form.get("checked_for") == new_person_confirmation(spellings)
                duplicates = [] if confirmed else likely_duplicates(db.session, spellings, current_user)
                if duplicates:  # nothing is written until the lawyer chooses one or confirms
                    raise Invalid({"name": _("someone already known may be this person: "
                                             "choose them below, or confirm that this is a new person")})
                person = create_person(db.session, {
                    "name": form.name.data, "description": form.description.data,
                    "aliases": (form.aliases.data or "").splitlines()})
            add_party(db.session, case, person, form.role.data, form.notes.data)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("%(person)s added to %(reference)s.", person=person.display_name, reference=case.reference),
                  "success")
            return redirect(url_for("cases.show", reference=case.reference))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("cases/add_person.html", case=case, form=form, query=query,
                           candidates=candidates, duplicates=duplicates,
                           checked_for=new_person_confirmation(spellings) if duplicates else ""), status
