"""Red flags of appeal terms and of authorities that do not decide in time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from app.procedure.calendar import working_days_before
from app.procedure.law import RULES_BY_ID
from app.procedure.phrase import Day, Label, Phrase
from app.procedure.results import Basis, Flag, Severity, Status
from app.procedure.rules import Context, by, rule

APPEAL_TERMS = ("appeal-to-investigating-judge-15d", "termination-complaint-1y",
                "appeal-investigating-judge-ruling-3d", "appeal-verdict-15d", "asylum-appeal-1m")
WARNING_WORKING_DAYS = 3


@rule("appeal-deadline")
def appeal_deadline(ctx: Context) -> Iterator[Flag]:
    for deadline in ctx.of_rule(*APPEAL_TERMS):
        if deadline.outcome in (Status.MET, Status.CANNOT_COMPUTE, Status.ENDED_BY_DEATH) \
                or deadline.latest_due is None:
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
        title = Label(RULES_BY_ID[deadline.rule].title)
        end = ctx.case.by_ref(deadline.end_event) if deadline.end_event is not None else None
        if deadline.outcome is None:
            yield ctx.flag("appeal-deadline", events,
                           Phrase("No appeal is recorded by %(due)s, the end of the term of \"%(rule)s\".",
                                  due=by(deadline), rule=title),
                           severity=Severity.CRITICAL, basis=Basis.ABSENCE, step="appeal_filed",
                           action=Phrase("Find out whether an appeal was filed; if not, ask for the term to be "
                                         "restored (CPC 50) and file it at once."),
                           active_from=deadline.latest_due + timedelta(minutes=1))
            continue
        if end is not None and end.type == "not_done":
            passed = Phrase("The term of \"%(rule)s\" passed without an appeal.", rule=title)
        else:
            passed = Phrase("The term of \"%(rule)s\" passed without an appeal (the appeal came late).", rule=title)
        yield ctx.flag("appeal-deadline", events + [deadline.end_event], passed,
                       severity=Severity.CRITICAL, step="appeal_filed",
                       action=Phrase("Ask for the term to be restored (CPC 50) and file the appeal at once."),
                       active_from=deadline.latest_due + timedelta(minutes=1))


@rule("authority-overdue")
def authority_overdue(ctx: Context) -> Iterator[Flag]:
    for deadline in ctx.of_rule("prosecutor-decides-complaint", "investigating-judge-decides"):
        if deadline.rule.startswith("prosecutor"):
            record = Phrase("The prosecutor did not decide the complaint within its term.")
            absent = Phrase("No decision of the prosecutor on the complaint is recorded by %(due)s, the end of its "
                            "term.", due=by(deadline))
            action = Phrase("Complain to the higher prosecutor about the delay.")
        else:
            record = Phrase("The investigating judge did not decide the complaint within its term.")
            absent = Phrase("No ruling of the investigating judge on the complaint is recorded by %(due)s, the end of "
                            "its term.", due=by(deadline))
            action = Phrase("Complain to the higher investigating judge about the delay.")
        flag = ctx.flag_when_not_met("authority-overdue", deadline, record, absent, action=action,
                                     absent_action=Phrase("Find out whether a decision was made; if not, complain "
                                                          "about the delay."),
                                     keep_when_late=False)
        if flag:
            yield flag
