"""Red flags of appeal terms and of authorities that do not decide in time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from app.procedure.calendar import working_days_before
from app.procedure.law import RULES_BY_ID
from app.procedure.phrase import Day, Label, Phrase
from app.procedure.results import Flag, Severity, Status
from app.procedure.rules import Context, rule

APPEAL_TERMS = ("appeal-to-investigating-judge-15d", "termination-complaint-1y",
                "appeal-investigating-judge-ruling-3d", "appeal-verdict-15d", "asylum-appeal-1m")
WARNING_WORKING_DAYS = 3


@rule("appeal-deadline")
def appeal_deadline(ctx: Context) -> Iterator[Flag]:
    for deadline in ctx.of_rule(*APPEAL_TERMS):
        if deadline.outcome in (Status.MET, Status.CANNOT_COMPUTE) or deadline.latest_due is None:
            continue
        events = [deadline.from_event]
        if deadline.outcome is None and deadline.due is not None:
            warn_from = datetime.combine(
                working_days_before(deadline.due.due_day, WARNING_WORKING_DAYS, ctx.calendar), time(0, 0))
            yield ctx.flag("appeal-deadline", events,
                           Phrase("The term of \"%(rule)s\" ends on %(day)s.",
                                  rule=Label(RULES_BY_ID[deadline.rule].title), day=Day(deadline.due.due.date())),
                           severity=Severity.HIGH, action=Phrase("File the appeal."), action_due=deadline.due.due,
                           active_from=warn_from, active_until=deadline.latest_due + timedelta(minutes=1))
        if deadline.outcome is Status.MISSED:
            passed = Phrase("The term of \"%(rule)s\" passed without an appeal (the appeal came late).",
                            rule=Label(RULES_BY_ID[deadline.rule].title))
        else:
            passed = Phrase("The term of \"%(rule)s\" passed without an appeal.",
                            rule=Label(RULES_BY_ID[deadline.rule].title))
        yield ctx.flag("appeal-deadline", events + ([deadline.end_event] if deadline.end_event else []), passed,
                       severity=Severity.CRITICAL,
                       action=Phrase("Ask for the term to be restored (CPC 50) and file the appeal at once."),
                       active_from=deadline.latest_due + timedelta(minutes=1))


@rule("authority-overdue")
def authority_overdue(ctx: Context) -> Iterator[Flag]:
    for deadline in ctx.of_rule("prosecutor-decides-complaint", "investigating-judge-decides"):
        if deadline.rule.startswith("prosecutor"):
            explanation = Phrase("The prosecutor has not decided the complaint within its term.")
            action = Phrase("Complain to the higher prosecutor about the delay.")
        else:
            explanation = Phrase("The investigating judge has not decided the complaint within its term.")
            action = Phrase("Complain to the higher investigating judge about the delay.")
        flag = ctx.flag_when_not_met("authority-overdue", deadline, explanation, action=action, keep_when_late=False)
        if flag:
            yield flag
