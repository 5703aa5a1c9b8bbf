from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app.forms.common import pairs
from app.models import Role


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])


class CodeForm(FlaskForm):
    code = StringField("Six-digit code from your authenticator app",
                       validators=[DataRequired(), Length(max=12)], render_kw={"autocomplete": "one-time-code",
                                                                                "inputmode": "numeric"})


class ReauthForm(FlaskForm):
    password = PasswordField("Your password, to confirm it is you", validators=[DataRequired(), Length(max=1000)])


class UserForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    full_name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    role = SelectField("Role", choices=pairs((r.value, r.value.title()) for r in Role), validate_choice=False)
    password = PasswordField("Initial password", validators=[DataRequired(), Length(max=1000)])
