"""Red flags of asylum and of the UN procedures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from app.procedure.calendar import compute_due
from app.procedure.casefile import Fact
from app.procedure.consent import consent_to_file
from app.procedure.phrase import Phrase
from app.procedure.results import Basis, Flag
from app.procedure.rules import Context, by, rule
from app.procedure.rules.deadlines import DOMESTIC_DECISIONS


@rule("refoulement-risk")
def refoulement_risk(ctx: Context) -> Iterator[Flag]:
    case = ctx.case
    appeal_terms = {d.from_event: d for d in ctx.of_rule("asylum-appeal-1m")}
    for removal in case.of_type("expulsion_ordered", "deported"):
        refusals = case.before(removal, "asylum_refused")
        if not refusals:
            continue
        refusal = refusals[-1]
        term = appeal_terms.get(refusal.ref)
        term_running = term is not None and term.earliest_due is not None and removal.when.start <= term.latest_due
        appeals = [a for a in case.before(removal, "asylum_appeal_filed") if a.when.start >= refusal.when.start]
        undecided = bool(appeals) and not [d for d in case.before(removal, "asylum_appeal_decided")
                                           if d.when.start >= appeals[-1].when.start]
        if term_running or undecided:
            yield ctx.flag("refoulement-risk", [refusal.ref, removal.ref],
                           _removed(removal, undecided),
                           action=Phrase("Request interim measures from the Committee against Torture (rule 114) "
                                         "at once."))


def _removed(removal: Fact, undecided: bool) -> Phrase:
    """'Deported (…) while the appeal … was undecided.' or 'Expulsion ordered (…) before the term … had ended.'"""
    when = str(removal.when)
    if removal.type == "deported":
        if undecided:
            return Phrase("Deported (%(when)s) while the appeal against the asylum refusal was undecided.", when=when)
        return Phrase("Deported (%(when)s) before the term to appeal the asylum refusal had ended.", when=when)
    if undecided:
        return Phrase("Expulsion ordered (%(when)s) while the appeal against the asylum refusal was undecided.",
                      when=when)
    return Phrase("Expulsion ordered (%(when)s) before the term to appeal the asylum refusal had ended.", when=when)


@rule("hrc-window-closing")
def hrc_window_closing(ctx: Context) -> Iterator[Flag]:
    for deadline in ctx.of_rule("hrc-5y"):
        if deadline.outcome is not None or deadline.latest_due is None:
            continue
        start = ctx.case.by_ref(deadline.from_event)
        warning = compute_due(start.when.latest(), ctx.settings.term("hrc-window-warning", start.when.day),
                              ctx.calendar)
        window = {"action_due": deadline.due.due if deadline.due else None,
                  "active_from": warning.due + timedelta(minutes=1),
                  "active_until": deadline.latest_due + timedelta(minutes=1)}
        missing = ctx.not_done(start, ("un_communication_submitted",), start.when.start)
        if missing is not None:
            yield ctx.flag("hrc-window-closing", [deadline.from_event, missing.ref],
                           Phrase("Four and a half years have passed since the last domestic decision (%(when)s) and "
                                  "no communication has been sent to the Human Rights Committee; the five years end "
                                  "on %(due)s.", when=str(start.when), due=by(deadline)),
                           step="un_communication_submitted",
                           action=Phrase("Submit the communication before the five years end."), **window)
            continue
        yield ctx.flag("hrc-window-closing", [deadline.from_event],
                       Phrase("Four and a half years have passed since the last domestic decision (%(when)s) and no "
                              "communication to the Human Rights Committee is recorded; the five years end on "
                              "%(due)s.", when=str(start.when), due=by(deadline)),
                       basis=Basis.ABSENCE, step="un_communication_submitted",
                       action=Phrase("Submit the communication before the five years end, or record it if it was "
                                     "sent."), **window)


@rule("cat-delay")
def cat_delay(ctx: Context) -> Iterator[Flag]:
    """No fixed term before the CAT, but a long silence after the last domestic decision may be held
    against the complainant (rule 113(f)): said once more than five years have passed."""
    case = ctx.case
    if case.of_type("un_communication_submitted"):
        return
    decisions = case.of_type(*DOMESTIC_DECISIONS)
    if not decisions:
        return
    last = decisions[-1]
    term = ctx.settings.term("cat-delay", last.when.day)
    since = compute_due(last.when.latest(), term, ctx.calendar).due
    missing = ctx.not_done(last, ("un_communication_submitted",), last.when.start)
    if missing is not None:
        yield ctx.flag("cat-delay", [last.ref, missing.ref],
                       Phrase("More than %(term)s have passed since the last domestic decision (%(when)s) and no "
                              "communication has been sent to the Committee against Torture.", term=term,
                              when=str(last.when)),
                       step="un_communication_submitted",
                       action=Phrase("Explain the delay in the communication (CAT rule 113(f)) and submit it without "
                                     "further delay."),
                       active_from=since + timedelta(minutes=1))
        return
    yield ctx.flag("cat-delay", [last.ref],
                   Phrase("More than %(term)s have passed since the last domestic decision (%(when)s) and no "
                          "communication to the Committee against Torture is recorded.", term=term,
                          when=str(last.when)),
                   basis=Basis.ABSENCE, step="un_communication_submitted",
                   action=Phrase("Explain the delay in the communication (CAT rule 113(f)) and submit it without "
                                 "further delay, or record it if it was sent."),
                   active_from=since + timedelta(minutes=1))


@rule("follow-up-overdue")
def follow_up_overdue(ctx: Context) -> Iterator[Flag]:
    yield from ctx.flags_when_not_met(
        "follow-up-overdue", ("follow-up-cat", "follow-up-hrc"),
        Phrase("The State's reply on the follow-up to the Views came late."),
        lambda deadline: Phrase("No State reply on the follow-up to the Views is recorded by %(due)s.",
                                due=by(deadline)),
        action=Phrase("Inform the Committee's follow-up rapporteur."),
        absent_action=Phrase("Find out from the Committee's follow-up reports whether the State replied; if not, "
                             "inform the follow-up rapporteur."),
        keep_when_late=False)


# Who must consent, when one person must (a minor's parent or guardian are said together, below).
GIVERS = {"victim": Phrase("the victim"), "guardian": Phrase("the guardian"), "next_of_kin": Phrase("the next of kin")}


def who_consents(state) -> Phrase:
    """Who may give the consent, as a phrase: a minor's parent or guardian are said together."""
    return GIVERS[state.givers[0]] if len(state.givers) == 1 else Phrase("a parent or the guardian")


@rule("consent-missing")
def consent_missing(ctx: Context) -> Iterator[Flag]:
    """A communication filed without the consent of who may give it (DOMAIN.md §6 additions). A draft
    without it is stopped by the admissibility check and the submission's approval."""
    for submission in ctx.case.of_type("un_communication_submitted"):
        committee = submission.get("committee") or ""
        state = consent_to_file(ctx.case, committee, before=submission)
        if state.in_force:
            continue
        who = who_consents(state)
        action = Phrase("Obtain the written consent and send it to the Committee, or withdraw the communication.")
        if state.withdrawn is not None:
            yield ctx.flag("consent-missing", [submission.ref, state.withdrawn.ref],
                           Phrase("The communication of %(when)s was submitted after the consent to it was withdrawn "
                                  "(%(withdrawn)s).", when=str(submission.when), withdrawn=str(state.withdrawn.when)),
                           step="consent_given", action=action)
            continue
        yield ctx.flag("consent-missing", [submission.ref],
                       Phrase("No consent of %(who)s to the communication of %(when)s is recorded before it.",
                              who=who, when=str(submission.when)),
                       basis=Basis.ABSENCE, step="consent_given",
                       action=Phrase("Find out whether %(who)s consented in writing; record the consent with the "
                                     "signed document, or obtain it.", who=who))


@rule("un-reply-due")
def un_reply_due(ctx: Context) -> Iterator[Flag]:
    """A reply the committee's letter asks for, or the State's observations, due within the warning's working days
    (basis record: the letter or the transmittal is recorded), then, the date passed with no reply recorded, an
    absence to find out; the reply ends either when it came."""
    for deadline in ctx.of_rule("un-letter-deadline", "un-state-observations-6m"):
        if deadline.latest_due is None:
            continue
        letter = deadline.rule == "un-letter-deadline"
        start = ctx.case.by_ref(deadline.from_event)
        end = ctx.case.by_ref(deadline.end_event) if deadline.end_event is not None else None
        replied = end.when.start if end is not None and end.type != "not_done" else None
        due = deadline.latest_due + timedelta(minutes=1)
        warning = datetime.combine(_working_days_before(
            ctx, deadline.latest_due.date(), ctx.settings.term("un-reply-warning", start.when.day).amount),
            datetime.min.time())
        if replied is None or replied > warning:
            yield ctx.flag("un-reply-due", [deadline.from_event], _due_soon(letter, start, deadline),
                           action=Phrase("Send the reply, or ask the committee for more time before the date.")
                           if letter else
                           Phrase("Prepare the comments; once the term passes without observations, ask the "
                                  "committee to proceed on the basis of the communication."),
                           active_from=warning, active_until=min(replied, due) if replied else due)
        if end is not None and end.type == "not_done":
            yield ctx.flag("un-reply-due", [deadline.from_event, end.ref],
                           Phrase("The record shows that no reply to the committee's letter of %(when)s was sent by "
                                  "%(due)s.", when=str(start.when), due=by(deadline)) if letter else
                           Phrase("The record shows that the State party sent no observations by %(due)s.",
                                  due=by(deadline)),
                           action=Phrase("Write to the committee at once."), active_from=due)
        elif replied is None or replied > due:
            yield ctx.flag("un-reply-due", [deadline.from_event],
                           Phrase("No reply to the committee's letter of %(when)s is recorded by %(due)s.",
                                  when=str(start.when), due=by(deadline)) if letter else
                           Phrase("No observations of the State party are recorded by %(due)s, six months after the "
                                  "transmittal of %(when)s.", when=str(start.when), due=by(deadline)),
                           basis=Basis.ABSENCE, step="un_correspondence" if letter else "state_observations_received",
                           action=Phrase("Find out whether the reply went; if not, send it with a request to accept "
                                         "it late.") if letter else
                           Phrase("Find out from the committee whether the State replied; if not, ask it to "
                                  "proceed on the basis of the communication."),
                           active_from=due, active_until=replied)


def _due_soon(letter: bool, start: Fact, deadline) -> Phrase:
    if letter:
        return Phrase("The committee's letter of %(when)s asks for a reply by %(due)s.", when=str(start.when),
                      due=by(deadline))
    return Phrase("The State party's observations on the communication transmitted on %(when)s are due by %(due)s.",
                  when=str(start.when), due=by(deadline))


def _working_days_before(ctx: Context, due: date, days: int) -> date:
    """The day ``days`` working days before ``due`` on the Kazakh calendar (the lawyer's working days)."""
    day, left = due, days
    while left > 0:
        day -= timedelta(days=1)
        if ctx.calendar.is_working_day(day):
            left -= 1
    return day


@rule("interim-measures-breached")
def interim_measures_breached(ctx: Context) -> Iterator[Flag]:
    """A breach the record shows: recorded as such, or a removal after interim measures were requested."""
    for breach in ctx.case.of_type("un_interim_measures_breached"):
        yield ctx.flag("interim-measures-breached", [breach.ref],
                       Phrase("The State party did not respect the interim measures (%(when)s).",
                              when=str(breach.when)),
                       action=Phrase("Inform the committee at once and ask it to reiterate its request."))
    for request in ctx.case.of_type("un_interim_measures_requested", "un_interim_measures_granted"):
        removal = ctx.case.first_after(request, "deported")
        if removal is not None and not ctx.case.of_type("un_interim_measures_breached"):
            yield ctx.flag("interim-measures-breached", [request.ref, removal.ref],
                           Phrase("The victim was removed (%(removed)s) after interim measures were requested "
                                  "(%(requested)s).", removed=str(removal.when), requested=str(request.when)),
                           action=Phrase("Inform the committee at once and ask it to reiterate its request."))
            return
