"""The language switch in the page header."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from app.forms.common import pairs
from app.i18n import LANGUAGES


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=pairs(LANGUAGES.items()))
