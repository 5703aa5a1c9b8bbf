from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms.common import pairs
from app.models import Role


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])


class CodeForm(FlaskForm):
    code = StringField(_l("Six-digit code from your authenticator app"),
                       validators=[DataRequired(), Length(max=12)], render_kw={"autocomplete": "one-time-code",
                                                                                "inputmode": "numeric"})


class ReauthForm(FlaskForm):
    password = PasswordField(_l("Your password, to confirm it is you"), validators=[DataRequired(), Length(max=1000)])


class UserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), validate_choice=False)
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), Length(max=1000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()


def role_choices():
    """The roles as the form offers them, in the interface's language (the stored values stay
    English codes; the context tells a user's role from the lawyer a case names)."""
    names = {"lawyer": pgettext("role", "Lawyer"), "supervisor": pgettext("role", "Supervisor"),
             "admin": pgettext("role", "Admin")}
    return pairs((r.value, names.get(r.value, r.value.title())) for r in Role)


class RepresentativeForm(FlaskForm):
    """What a communication says of its representative, the lawyer who signs it."""

    bar = StringField(_l("Bar membership (bar association and licence number)"), validators=[Length(max=300)])
    organisation = StringField(_l("Organisation"), validators=[Length(max=300)])
    postal_address = TextAreaField(_l("Postal address for the committee's letters"), validators=[Length(max=1000)])
