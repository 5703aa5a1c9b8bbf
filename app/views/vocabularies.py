"""The HURIDOCS vocabularies, for admins: see the terms as a tree, add a term, correct labels,
deactivate or reactivate a term. Terms are never deleted: events keep the codes they hold."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.forms.common import show_errors
from app.forms.vocabularies import TermForm, TermLabelsForm
from app.models import Role, VocabularyTerm
from app.procedure.vocabulary import CONTROLLED_VOCABULARIES, CONTROLLED_VOCABULARIES_BY_NAME
from app.services.errors import Invalid
from app.services.vocabularies import add_term, depth, set_active, terms, update_term, vocabulary_sizes
from app.views.auth import recent_login_required
from app.views.params import code_arg, int_arg, parse_version
from app.wording import said

bp = Blueprint("vocabularies", __name__, url_prefix="/admin/vocabularies")

ADD_PREFIX, EDIT_PREFIX = "new", "edit"


@bp.before_request
def require_admin():
    if current_user.role != Role.ADMIN:
        abort(403)


def _page(vocabulary: str, *, add_form: TermForm | None = None, edit_form: TermLabelsForm | None = None,
          editing: VocabularyTerm | None = None, status: int = 200):
    if add_form is None:
        add_form = TermForm(formdata=None, prefix=ADD_PREFIX)
    add_form.vocabulary.data = vocabulary
    listed = terms(db.session, vocabulary, active_only=False)
    top = min((depth(t.code) for t in listed), default=1)
    return render_template(
        "vocabularies/index.html", vocabularies=CONTROLLED_VOCABULARIES, sizes=vocabulary_sizes(db.session),
        current=CONTROLLED_VOCABULARIES_BY_NAME[vocabulary], terms=listed, top=top, depth=depth,
        add_form=add_form, edit_form=edit_form, editing=editing), status


def _term_or_404(value: str | None) -> VocabularyTerm:
    term_id = parse_version(value)
    term = db.session.get(VocabularyTerm, term_id) if term_id > 0 else None
    if term is None:
        abort(404)
    return term


def _back(term: VocabularyTerm):
    return redirect(url_for("vocabularies.index", vocabulary=term.vocabulary) + f"#term-{term.code}")


@bp.route("")
def index():
    vocabulary = code_arg("vocabulary", CONTROLLED_VOCABULARIES_BY_NAME) or CONTROLLED_VOCABULARIES[0].name
    editing = None
    edit_form = None
    term_id = int_arg("term")
    if term_id is not None:
        editing = db.session.get(VocabularyTerm, term_id)
        if editing is None or editing.vocabulary != vocabulary:
            abort(404)
        edit_form = TermLabelsForm(formdata=None, prefix=EDIT_PREFIX, term_id=str(editing.id),
                                   label_en=editing.label_en, label_ru=editing.label_ru)
    return _page(vocabulary, edit_form=edit_form, editing=editing)


@bp.route("/terms", methods=["POST"])
@recent_login_required
def add():
    form = TermForm(prefix=ADD_PREFIX)
    posted = form.vocabulary.data
    vocabulary = posted if posted in CONTROLLED_VOCABULARIES_BY_NAME else CONTROLLED_VOCABULARIES[0].name
    if form.validate_on_submit():
        try:
            term = add_term(db.session, posted, form.code.data, form.label_en.data, form.label_ru.data)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors, {"vocabulary": "(the page)"})  # a hidden field: said at the top
        else:
            db.session.commit()
            flash(_("%(code)s %(label)s added to %(vocabulary)s.", code=term.code, label=term.label_en,
                    vocabulary=_(CONTROLLED_VOCABULARIES_BY_NAME[term.vocabulary].title)), "success")
            return _back(term)
    return _page(vocabulary, add_form=form, status=422)


@bp.route("/terms/labels", methods=["POST"])
@recent_login_required
def edit():
    form = TermLabelsForm(prefix=EDIT_PREFIX)
    term = _term_or_404(form.term_id.data)
    if form.validate_on_submit():
        try:
            update_term(db.session, term, form.label_en.data, form.label_ru.data)
        except Invalid as exc:
            db.session.rollback()
            show_errors(form, exc.errors)
        else:
            db.session.commit()
            flash(_("%(code)s: labels saved.", code=term.code), "success")
            return _back(term)
    return _page(term.vocabulary, edit_form=form, editing=term, status=422)


@bp.route("/terms/active", methods=["POST"])
@recent_login_required
def activate():
    term = _term_or_404(request.form.get("term_id"))
    wanted = request.form.get("active")
    try:
        if wanted not in ("yes", "no"):
            raise Invalid({"active": _("choose to deactivate or to reactivate the term")})
        set_active(db.session, term, wanted == "yes")
    except Invalid as exc:
        db.session.rollback()
        flash(f"{term.code}: " + "; ".join(said(e) for e in exc.errors.values()), "error")
    else:
        db.session.commit()
        if term.active:
            flash(_("%(code)s %(label)s reactivated: events can choose it again.", code=term.code,
                    label=term.label_en), "success")
        else:
            flash(_("%(code)s %(label)s deactivated: new events can no longer choose it; events that hold it "
                    "keep it.", code=term.code, label=term.label_en), "success")
    return _back(term)
