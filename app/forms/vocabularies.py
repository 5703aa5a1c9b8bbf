"""Forms of the vocabulary administration. They check nothing themselves: the service does,
so that its messages are the ones shown."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField

LABEL_HINT = _l("one line, up to 300 characters")


class TermForm(FlaskForm):
    """A new term of the vocabulary named in the hidden field."""

    vocabulary = HiddenField()
    code = StringField(_l("Code"), description=_l("two digits per level, dotted, under an existing broader term: "
                                                  "e.g. 03.01.90 under 03.01"))
    label_en = StringField(_l("English label"), description=LABEL_HINT)
    label_ru = StringField(_l("Russian label"), description=LABEL_HINT)


class TermLabelsForm(FlaskForm):
    """A term's corrected labels; its code never changes (events store it)."""

    term_id = HiddenField()
    label_en = StringField(_l("English label"), description=LABEL_HINT)
    label_ru = StringField(_l("Russian label"), description=LABEL_HINT)
