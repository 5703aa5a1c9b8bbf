"""What a file is for a communication: the event it documents, its language, its translation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from app.forms.common import pairs
from app.services.files import FILE_LANGUAGES, TRANSLATIONS


class FileDetailsForm(FlaskForm):
    description = StringField(_l("Description"), description=_l(
        "how the annexes name it, e.g. Decision of the Anti-Corruption Agency to terminate the investigation"))
    event = SelectField(_l("The event it documents"), choices=[], validate_choice=False)
    language = SelectField(_l("Language of the document"), validate_choice=False,
                           choices=pairs([("", "—")] + [(code, _l(label)) for code, label in FILE_LANGUAGES]))
    translation = SelectField(_l("Translation"), validate_choice=False,
                              choices=pairs([("", "—")] + [(code, _l(label)) for code, label in TRANSLATIONS]))
