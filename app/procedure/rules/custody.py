"""Red flags of custody: time limits, safeguards, places, injuries, deaths."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from app.procedure.casefile import Fact
from app.procedure.law import NIGHT_FROM, NIGHT_UNTIL
from app.procedure.phrase import Label, Phrase
from app.procedure.results import Basis, Deadline, Flag, Severity
from app.procedure.rules import Context, by, describe, rule
from app.procedure.vocabulary import EVENT_TYPES_BY_NAME, label_of
from app.procedure.when import Precision, When

UNOFFICIAL_PLACES = {"military_unit", "sports_hall", "other_unofficial"}
REPRISAL_KINDS = EVENT_TYPES_BY_NAME["reprisal"].field("kind").choices


@rule("custody-over-limit")
def custody_over_limit(ctx: Context) -> Iterator[Flag]:
    if ctx.case.minor:
        record = Phrase("No court authorisation or release within the custody limit (24 h for a minor) after the "
                        "apprehension.")

        def absent(deadline: Deadline) -> Phrase:
            return Phrase("No court authorisation or release is recorded by %(due)s, the end of the custody limit "
                          "(24 h for a minor).", due=by(deadline))
    else:
        record = Phrase("No court authorisation or release within the custody limit (CPC 131(4)) after the "
                        "apprehension.")

        def absent(deadline: Deadline) -> Phrase:
            return Phrase("No court authorisation or release is recorded by %(due)s, the end of the custody limit "
                          "(CPC 131(4)).", due=by(deadline))
    yield from ctx.flags_when_not_met(
        "custody-over-limit", ("custody-48h",), record, absent,
        action=Phrase("Demand release and complain to the prosecutor and the investigating judge at once."),
        absent_action=Phrase("Find out whether and when a court authorised the custody or the person was released; "
                             "if neither, demand release and complain at once."))


@rule("detention-time-gap")
def detention_time_gap(ctx: Context) -> Iterator[Flag]:
    for record in ctx.case.of_type("detention_recorded"):
        apprehensions = ctx.case.before(record, "apprehension")
        if not apprehensions:
            continue
        apprehension = apprehensions[-1]
        late = record.when.start - apprehension.when.latest() > timedelta(hours=3)
        recorded = record.get("recorded_time")
        misdated = recorded is not None and When.parse(recorded).start > apprehension.when.latest()
        if late and misdated:
            text = Phrase("The detention was recorded more than 3 hours after the actual apprehension; the protocol "
                          "gives %(recorded)s, later than the actual apprehension (%(apprehension)s).",
                          recorded=str(recorded), apprehension=str(apprehension.when))
        elif late:
            text = Phrase("The detention was recorded more than 3 hours after the actual apprehension.")
        elif misdated:
            text = Phrase("The protocol gives %(recorded)s, later than the actual apprehension (%(apprehension)s).",
                          recorded=str(recorded), apprehension=str(apprehension.when))
        else:
            continue
        yield ctx.flag("detention-time-gap", [apprehension.ref, record.ref], text,
                       action=Phrase("Ask the prosecutor to correct the record; the custody clock runs from the "
                                     "actual apprehension."))


@rule("relatives-not-notified")
def relatives_not_notified(ctx: Context) -> Iterator[Flag]:
    yield from ctx.flags_when_not_met(
        "relatives-not-notified", ("relatives-12h",),
        Phrase("Relatives were not notified within 12 hours of the apprehension."),
        lambda deadline: Phrase("No notification of relatives is recorded by %(due)s, 12 hours after the "
                                "apprehension.", due=by(deadline)),
        absent_action=Phrase("Find out from the family whether and when they were told of the detention."))


@rule("no-medical-exam-on-detention")
def no_medical_exam_on_detention(ctx: Context) -> Iterator[Flag]:
    for record in ctx.case.of_type("detention_recorded"):
        deadline = ctx.deadline("no-medical-exam-on-detention", record, "medical-exam-on-detention",
                                ctx.case.first_after(record, "medical_exam"))
        flag = ctx.flag_when_not_met(
            "no-medical-exam-on-detention", deadline,
            Phrase("No medical examination within 3 hours of the detention record."),
            Phrase("No medical examination is recorded by %(due)s, 3 hours after the detention record.",
                   due=by(deadline)),
            action=Phrase("Request an independent medical examination."),
            absent_action=Phrase("Find out whether the person was examined on detention (ask for the record), or "
                                 "request an independent medical examination."))
        if flag:
            yield flag


def _minor_severity(ctx: Context) -> Severity:
    return Severity.CRITICAL if ctx.case.minor else Severity.HIGH


@rule("no-lawyer-from-actual-detention")
def no_lawyer_from_actual_detention(ctx: Context) -> Iterator[Flag]:
    """The first interrogation after each apprehension that no lawyer's access came before."""
    case = ctx.case
    order = {event: index for index, event in enumerate(case.events)}
    for apprehension in case.of_type("apprehension"):
        release = case.first_after(apprehension, "release")
        lawyer = case.first_after(apprehension, "lawyer_access")
        for act in case.after(apprehension, "interrogation"):
            if (release is not None and order[release] < order[act]) or act.get("with_lawyer") is True or (
                    lawyer is not None and order[lawyer] < order[act]):
                break
            when = str(act.when)
            if act.get("with_lawyer") is False:
                yield ctx.flag("no-lawyer-from-actual-detention", [apprehension.ref, act.ref],
                               Phrase("Interrogated (%(when)s) after the actual apprehension with no lawyer present.",
                                      when=when), severity=_minor_severity(ctx), step="lawyer_access",
                               action=Phrase("Move to exclude the statements as inadmissible and complain to the "
                                             "prosecutor."))
                break
            missing = ctx.not_done(apprehension, ("lawyer_access",), act.when.start)
            if missing is not None:
                yield ctx.flag("no-lawyer-from-actual-detention", [apprehension.ref, act.ref, missing.ref],
                               Phrase("No lawyer had access before the interrogation of %(when)s after the actual "
                                      "apprehension.", when=when), severity=_minor_severity(ctx), step="lawyer_access",
                               action=Phrase("Move to exclude the statements as inadmissible and complain to the "
                                             "prosecutor."))
                break
            yield ctx.flag("no-lawyer-from-actual-detention", [apprehension.ref, act.ref],
                           Phrase("No lawyer's access is recorded before the interrogation of %(when)s after the "
                                  "actual apprehension.", when=when), severity=_minor_severity(ctx),
                           basis=Basis.ABSENCE, step="lawyer_access",
                           action=Phrase("Find out whether a lawyer was present from the actual detention; if not, "
                                         "move to exclude the statements."))
            break


@rule("minor-parents-not-notified")
def minor_parents_not_notified(ctx: Context) -> Iterator[Flag]:
    if not ctx.case.minor:
        return
    for apprehension in ctx.case.of_type("apprehension"):
        deadline = ctx.deadline("minor-parents-not-notified", apprehension, "minor-representative-notified",
                                ctx.case.first_after(apprehension, "relatives_notified"))
        flag = ctx.flag_when_not_met(
            "minor-parents-not-notified", deadline,
            Phrase("The minor's parents or legal representative were not notified within 3 hours of the "
                   "apprehension."),
            Phrase("No notification of the minor's parents or legal representative is recorded by %(due)s, 3 hours "
                   "after the apprehension.", due=by(deadline)),
            action=Phrase("Complain to the prosecutor and move to exclude what the minor said before they came."),
            absent_action=Phrase("Find out from the family when they were told of the detention; if late, complain "
                                 "to the prosecutor."))
        if flag:
            yield flag


@rule("minor-without-representative")
def minor_without_representative(ctx: Context) -> Iterator[Flag]:
    if not ctx.case.minor:
        return
    for interrogation in ctx.case.of_type("interrogation"):
        if interrogation.get("with_lawyer") is False and interrogation.get("with_legal_representative") is False:
            yield ctx.flag("minor-without-representative", [interrogation.ref],
                           Phrase("A minor was interrogated (%(when)s) without a lawyer or a legal representative.",
                                  when=str(interrogation.when)),
                           action=Phrase("Move to exclude the statement and complain to the prosecutor."))


@rule("interrogation-without-lawyer")
def interrogation_without_lawyer(ctx: Context) -> Iterator[Flag]:
    for interrogation in ctx.case.of_type("interrogation"):
        if interrogation.get("with_lawyer") is False:
            yield ctx.flag("interrogation-without-lawyer", [interrogation.ref],
                           Phrase("Interrogated without a lawyer (%(when)s).", when=str(interrogation.when)),
                           action=Phrase("Move to exclude the statement as inadmissible."))


@rule("unofficial-place-of-detention")
def unofficial_place(ctx: Context) -> Iterator[Flag]:
    for event in ctx.case.of_type("apprehension", "transfer"):
        if event.get("place_type") in UNOFFICIAL_PLACES:
            yield ctx.flag("unofficial-place-of-detention", [event.ref],
                           Phrase("Held in an unofficial place (%(place)s).",
                                  place=str(event.get("place") or event.get("place_type"))))


@rule("minor-long-or-night-interrogation")
def minor_long_or_night_interrogation(ctx: Context) -> Iterator[Flag]:
    """Only what the record times: a start or end known to the minute."""
    if not ctx.case.minor:
        return
    by_day: dict[object, list[tuple[Fact, timedelta]]] = {}
    for act in ctx.case.of_type("interrogation"):
        start = act.when.start if act.when.precision is Precision.MINUTE else None
        until = When.parse(act.get("until")) if act.get("until") else None
        end = until.start if until is not None and until.precision is Precision.MINUTE else None
        session = ctx.settings.term("minor-interrogation-session", act.when.day)
        at_night = [moment for moment in (start, end) if moment is not None and _at_night(moment)]
        if start is not None and end is not None and end > start:
            by_day.setdefault(start.date(), []).append((act, end - start))
            if end - start > timedelta(hours=session.amount):
                yield ctx.flag("minor-long-or-night-interrogation", [act.ref],
                               Phrase("A minor was questioned for %(hours)s hours without a break (%(when)s); the "
                                      "limit is %(limit)s hours.", hours=_hours(end - start), when=str(act.when),
                                      limit=str(session.amount)),
                               action=Phrase("Move to exclude the statement and complain to the prosecutor."))
                continue
        if at_night:
            yield ctx.flag("minor-long-or-night-interrogation", [act.ref],
                           Phrase("A minor was questioned at night (%(when)s).", when=str(act.when)),
                           action=Phrase("Move to exclude the statement and complain to the prosecutor."))
    for day, sessions in by_day.items():
        limit = ctx.settings.term("minor-interrogation-day", day)
        total = sum((length for _, length in sessions), timedelta())
        if len(sessions) > 1 and total > timedelta(hours=limit.amount):
            yield ctx.flag("minor-long-or-night-interrogation", [act.ref for act, _ in sessions],
                           Phrase("A minor was questioned for %(hours)s hours in one day; the limit is %(limit)s "
                                  "hours.", hours=_hours(total), limit=str(limit.amount)),
                           action=Phrase("Move to exclude the statements and complain to the prosecutor."))


def _at_night(moment: datetime) -> bool:
    return moment.time() >= NIGHT_FROM or moment.time() < NIGHT_UNTIL


def _hours(length: timedelta) -> str:
    hours = length.total_seconds() / 3600
    return f"{hours:.1f}".rstrip("0").rstrip(".")


@rule("minor-held-with-adults")
def minor_held_with_adults(ctx: Context) -> Iterator[Flag]:
    if not ctx.case.minor:
        return
    for event in ctx.case.of_type("held_with_adults"):
        yield ctx.flag("minor-held-with-adults", [event.ref],
                       Phrase("A minor was held with adults (%(when)s).", when=str(event.when)),
                       action=Phrase("Demand separation from adults at once and complain to the prosecutor."))


@rule("no-medical-care")
def no_medical_care(ctx: Context) -> Iterator[Flag]:
    yield from ctx.flags_when_not_met(
        "no-medical-care", ("injury-report-24h",),
        Phrase("Injuries found in custody were not reported to the prosecutor within 24 hours."),
        lambda deadline: Phrase("No report to the prosecutor of the injuries found in custody is recorded by "
                                "%(due)s.", due=by(deadline)),
        action=Phrase("Report the injuries to the prosecutor and request a forensic examination."),
        absent_action=Phrase("Find out whether the facility reported the injuries to the prosecutor; report them "
                             "yourself and request a forensic examination."))
    for exam in ctx.case.of_type("medical_exam"):
        if exam.get("kind") == "admission" and exam.get("injuries") is True:
            care = next((e for e in ctx.case.after(exam, "medical_exam") if e.get("kind") != "admission"), None)
            deadline = ctx.deadline("no-medical-care", exam, "medical-care", care)
            flag = ctx.flag_when_not_met(
                "no-medical-care", deadline,
                Phrase("Injuries recorded on admission (%(when)s) and no medical care within 24 hours.",
                       when=str(exam.when)),
                Phrase("Injuries recorded on admission (%(when)s) and no medical care is recorded by %(due)s.",
                       when=str(exam.when), due=by(deadline)),
                action=Phrase("Demand medical care and an independent examination."),
                absent_action=Phrase("Find out whether the person received medical care; demand it and an "
                                     "independent examination."))
            if flag:
                yield flag


@rule("death-in-custody")
def death_in_custody(ctx: Context) -> Iterator[Flag]:
    for death in ctx.case.of_type("death_in_custody"):
        investigated = bool(list(ctx.case.after(death, "investigation_opened", "registered_urpti")))
        autopsy = any(e.get("kind") in ("forensic_fme", "independent") for e in ctx.case.after(
            death, "forensic_exam_ordered", "forensic_exam_result", "medical_exam"))
        if not investigated and not autopsy:
            detail = Phrase("No investigation has been recorded as opened; no independent autopsy is recorded.")
        elif not investigated:
            detail = Phrase("No investigation has been recorded as opened.")
        elif not autopsy:
            detail = Phrase("No independent autopsy is recorded.")
        else:
            detail = Phrase("An investigation and an autopsy are recorded.")
        cause = death.get("declared_cause")
        yield ctx.flag("death-in-custody", [death.ref],
                       Phrase("Death in custody (%(when)s, declared cause: %(cause)s). %(detail)s",
                              when=str(death.when), cause=str(cause) if cause else Phrase("not recorded"),
                              detail=detail),
                       action=Phrase("Demand an effective investigation and an independent autopsy (Minnesota "
                                     "Protocol)."))


@rule("reprisal")
def reprisal(ctx: Context) -> Iterator[Flag]:
    for event in ctx.case.of_type("reprisal"):
        kind = event.get("kind")
        yield ctx.flag("reprisal", [event.ref],
                       Phrase("Reprisal: %(kind)s (%(when)s).", kind=Label(label_of(REPRISAL_KINDS, kind)) if kind
                              else Phrase("unspecified"), when=str(event.when)),
                       action=Phrase("Request safety measures, report the reprisal to the prosecutor and consider UN "
                                     "interim measures."))


@rule("video-evidence-lost")
def video_evidence_lost(ctx: Context) -> Iterator[Flag]:
    for event in ctx.case.of_type("video_evidence_lost"):
        yield ctx.flag("video-evidence-lost", [event.ref],
                       Phrase("Video evidence was lost (%(event)s).", event=describe(event)),
                       action=Phrase("Demand an inquiry into the loss and secure the remaining recordings."))


@rule("victim-held-by-implicated-ministry")
def victim_held_by_implicated_ministry(ctx: Context) -> Iterator[Flag]:
    case = ctx.case
    if "in_custody_now" not in case.victim_flags or case.perpetrator_agency not in (
            "police", "dis", "penitentiary", "national_guard"):
        return
    complaints = case.of_type("complaint_filed")
    if not complaints:
        return
    first = complaints[0]
    # protected: a safety measure, a transfer to another ministry's facility, or a placement in a
    # psychiatric institution (health, not interior)
    protected = [e for e in case.after(first, "safety_measure_granted", "transfer", "psychiatric_placement")
                 if e.type != "transfer" or e.get("ministry") not in (None, "interior")]
    if protected:
        return
    action = Phrase("Request a transfer to a facility of another ministry and safety measures.")
    missing = ctx.not_done(first, ("safety_measure_granted",), first.when.start)
    absent_action = Phrase("Find out whether the complainant was moved or protected; if not, request a transfer to a "
                           "facility of another ministry and safety measures.")
    if missing is not None:
        yield ctx.flag("victim-held-by-implicated-ministry", [first.ref, missing.ref],
                       Phrase("The complainant is still held by the ministry of the officers accused, with no "
                              "transfer or safety measure."), step="safety_measure_granted", action=action)
        return
    yield ctx.flag("victim-held-by-implicated-ministry", [first.ref],
                   Phrase("The complainant is still held by the ministry of the officers accused, with no "
                          "transfer or safety measure recorded."), basis=Basis.ABSENCE, step="safety_measure_granted",
                   action=absent_action)
