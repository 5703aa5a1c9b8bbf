from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField

from app.drafts.builder import EDITABLE
from app.drafts.language import SECTION_TITLES
from app.forms.cases import MultiCheckboxField
from app.forms.common import pairs
from app.i18n import current_language


class NewDraftForm(FlaskForm):
    committee = SelectField(_l("Committee"), choices=pairs([("CAT", _l("Committee against Torture (art. 22)")),
                                                           ("HRC", _l("Human Rights Committee (OP1)"))]),
                            validate_choice=False)
    # The languages a draft is written in, each named in itself.
    language = SelectField(_l("Language of the draft"), choices=pairs([("en", "English"), ("ru", "Русский")]),
                           validate_choice=False)
    provisions = MultiCheckboxField(_l("Provisions invoked"), choices=[], validate_choice=False)


def edit_form_class():
    """Made per request: the sections are headed as the draft's Russian or English text heads them,
    in Russian for the Russian and Kazakh interfaces."""
    language = "ru" if current_language() in ("ru", "kk") else "en"
    attrs = {key: TextAreaField(SECTION_TITLES[key][language],
                                description=_l("Paragraphs are separated by a blank line; [[source]] makes a "
                                               "footnote."))
             for key in EDITABLE}
    attrs["provisions"] = MultiCheckboxField(_l("Provisions invoked"), choices=[], validate_choice=False)
    attrs["based_on"] = HiddenField()
    return type("EditDraftForm", (FlaskForm,), attrs)
