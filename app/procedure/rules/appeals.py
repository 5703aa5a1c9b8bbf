"""Red flags of appeal terms and of authorities that do not decide in time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from app.procedure.calendar import working_days_before
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
                           f"The {deadline.rule} term ends on {deadline.due.due:%a %d %b %Y}.",
                           severity=Severity.HIGH, action="File the appeal.", action_due=deadline.due.due,
                           active_from=warn_from, active_until=deadline.latest_due + timedelta(minutes=1))
        yield ctx.flag("appeal-deadline", events + ([deadline.end_event] if deadline.end_event else []),
                       f"The {deadline.rule} term passed without an appeal"
                       + (" (the appeal came late)." if deadline.outcome is Status.MISSED else "."),
                       severity=Severity.CRITICAL,
                       action="Ask for the term to be restored (CPC 50) and file the appeal at once.",
                       active_from=deadline.latest_due + timedelta(minutes=1))


@rule("authority-overdue")
def authority_overdue(ctx: Context) -> Iterator[Flag]:
    for deadline in ctx.of_rule("prosecutor-decides-complaint", "investigating-judge-decides"):
        who = "prosecutor" if deadline.rule.startswith("prosecutor") else "investigating judge"
        flag = ctx.flag_when_not_met("authority-overdue", deadline,
                                     f"The {who} has not decided the complaint within its term.",
                                     action=f"Complain to the higher {who} about the delay.",
                                     keep_when_late=False)
        if flag:
            yield flag
