"""Forms of supervision: approvals, hand-overs, the law's configurable arithmetic."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.forms.common import pairs
from app.services.approvals import KIND_LABELS
from app.services.assignments import HANDOVER_REASONS


class ApprovalRequestForm(FlaskForm):
    kind = SelectField(_l("Decision"), choices=pairs((k.value, _l(label)) for k, label in KIND_LABELS.items()),
                       validators=[InputRequired()])
    reason = TextAreaField(_l("Why"), validators=[InputRequired(message=_l("Say why, for the supervisor who decides")),
                                                  Length(max=2000)])


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=pairs([("approve", _l("Approve")), ("reject", _l("Reject"))]),
                          validators=[InputRequired(message=_l("Approve or reject"))])
    comment = TextAreaField(_l("Comment (required to reject)"), validators=[Length(max=2000)])


def decision_prefix(approval_id: int) -> str:
    """One decision form per request on the case page, each with its own field ids."""
    return f"approval-{approval_id}"


class HandoverForm(FlaskForm):
    from_user = SelectField(_l("Lawyer handing over"), validators=[InputRequired(message=_l("Choose the lawyer"))])
    to_user = SelectField(_l("Colleague taking over"), validators=[InputRequired(message=_l("Choose the colleague"))])
    reason = SelectField(_l("Why"), choices=pairs(HANDOVER_REASONS.items()), validators=[InputRequired()])
    until = DateField(_l("Back on (a leave)"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])


class RuleValueForm(FlaskForm):
    term = SelectField(_l("Term"), validators=[InputRequired()])
    amount = IntegerField(_l("Value (empty: the law's value)"),
                          validators=[Optional(), NumberRange(min=1, max=100_000)])


class CalendarDayForm(FlaskForm):
    day = DateField(_l("Day"), validators=[InputRequired(message=_l("Give the day"))])
    working = SelectField(_l("The day is"), choices=pairs([("off", _l("a day off")), ("working", _l("a working day"))]))
    name = StringField(_l("Why (decree, holiday)"), validators=[InputRequired(message=_l("Say what the day is")),
                                                               Length(max=200)])
