"""Forms of supervision: approvals, hand-overs, the law's configurable arithmetic."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.forms.common import pairs
from app.services.approvals import KIND_LABELS
from app.services.assignments import HANDOVER_REASONS


class ApprovalRequestForm(FlaskForm):
    kind = SelectField("Decision", choices=pairs((k.value, label) for k, label in KIND_LABELS.items()),
                       validators=[InputRequired()])
    reason = TextAreaField("Why", validators=[InputRequired(message="Say why, for the supervisor who decides"),
                                              Length(max=2000)])


class DecisionForm(FlaskForm):
    decision = RadioField("Decision", choices=pairs([("approve", "Approve"), ("reject", "Reject")]),
                          validators=[InputRequired(message="Approve or reject")])
    comment = TextAreaField("Comment (required to reject)", validators=[Length(max=2000)])


def decision_prefix(approval_id: int) -> str:
    """One decision form per request on the case page, each with its own field ids."""
    return f"approval-{approval_id}"


class HandoverForm(FlaskForm):
    from_user = SelectField("Lawyer handing over", validators=[InputRequired(message="Choose the lawyer")])
    to_user = SelectField("Colleague taking over", validators=[InputRequired(message="Choose the colleague")])
    reason = SelectField("Why", choices=pairs(HANDOVER_REASONS.items()), validators=[InputRequired()])
    until = DateField("Back on (a leave)", validators=[Optional()])
    note = TextAreaField("Note", validators=[Length(max=2000)])


class RuleValueForm(FlaskForm):
    term = SelectField("Term", validators=[InputRequired()])
    amount = IntegerField("Value (empty: the law's value)",
                          validators=[Optional(), NumberRange(min=1, max=100_000)])


class CalendarDayForm(FlaskForm):
    day = DateField("Day", validators=[InputRequired(message="Give the day")])
    working = SelectField("The day is", choices=pairs([("off", "a day off"), ("working", "a working day")]))
    name = StringField("Why (decree, holiday)", validators=[InputRequired(message="Say what the day is"),
                                                           Length(max=200)])
