from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField

from app.drafts.builder import EDITABLE
from app.drafts.language import SECTION_TITLES
from app.forms.cases import MultiCheckboxField
from app.forms.common import pairs


class NewDraftForm(FlaskForm):
    committee = SelectField("Committee", choices=pairs([("CAT", "Committee against Torture (art. 22)"),
                                                       ("HRC", "Human Rights Committee (OP1)")]),
                            validate_choice=False)
    language = SelectField("Language of the draft", choices=pairs([("en", "English"), ("ru", "Русский")]),
                           validate_choice=False)
    provisions = MultiCheckboxField("Provisions invoked", choices=[], validate_choice=False)


def edit_form_class():
    attrs = {key: TextAreaField(SECTION_TITLES[key]["en"],
                                description="Paragraphs are separated by a blank line; [[source]] makes a footnote.")
             for key in EDITABLE}
    attrs["provisions"] = MultiCheckboxField("Provisions invoked", choices=[], validate_choice=False)
    attrs["based_on"] = HiddenField()
    return type("EditDraftForm", (FlaskForm,), attrs)
