"""The form of the case-law library's administration; the service checks the values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from app.forms.cases import MultiCheckboxField
from app.forms.common import pairs


class CaseLawForm(FlaskForm):
    committee = SelectField(_l("Committee"), choices=pairs([("CAT", _l("Committee against Torture")),
                                                           ("HRC", _l("Human Rights Committee"))]),
                            validate_choice=False)
    kind = SelectField(_l("Kind"), choices=pairs([("decision", _l("Decision on a complaint (CAT)")),
                                                 ("views", _l("Views (HRC)")),
                                                 ("general_comment", _l("General comment"))]),
                       validate_choice=False)
    title_en = StringField(_l("Title in English"), description=_l("e.g. Gerasimov v. Kazakhstan"))
    title_ru = StringField(_l("Title in Russian"), description=_l("as the committee's Russian text writes it"))
    symbol = StringField(_l("Document symbol"), description=_l("e.g. CAT/C/48/D/433/2010"))
    adopted = StringField(_l("Adopted on"), description=_l("YYYY-MM-DD"))
    holding_en = TextAreaField(_l("Holding in English"),
                               description=_l("one sentence, ending with the paragraph: (para. 12.4)"))
    holding_ru = TextAreaField(_l("Holding in Russian"), description=_l("the same, ending with (пункт 12.4)"))
    provisions = MultiCheckboxField(_l("Provisions it supports"), choices=[], validate_choice=False)
    rules = MultiCheckboxField(_l("Red flags it supports"), choices=[], validate_choice=False)
    verified = BooleanField(_l("Checked against the text itself (symbol, date, paragraphs)"),
                            description=_l("Drafts ask counsel to check an entry that is not."))
    verified_from = TextAreaField(_l("Where it was checked, and what remains to check"))
    active = BooleanField(_l("Cited in drafts"))
