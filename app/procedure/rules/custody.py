"""Red flags of custody: time limits, safeguards, places, injuries, deaths."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from app.procedure.phrase import Phrase
from app.procedure.results import Flag
from app.procedure.rules import Context, describe, rule
from app.procedure.when import When

UNOFFICIAL_PLACES = {"military_unit", "sports_hall", "other_unofficial"}


@rule("custody-over-limit")
def custody_over_limit(ctx: Context) -> Iterator[Flag]:
    if ctx.case.minor:
        explanation = Phrase("No court authorisation or release within the custody limit (24 h for a minor) after "
                             "the apprehension.")
    else:
        explanation = Phrase("No court authorisation or release within the custody limit (CPC 131(4)) after the "
                             "apprehension.")
    yield from ctx.flags_when_not_met(
        "custody-over-limit", ("custody-48h",), explanation,
        action=Phrase("Demand release and complain to the prosecutor and the investigating judge at once."))


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
    yield from ctx.flags_when_not_met("relatives-not-notified", ("relatives-12h",),
                                      Phrase("Relatives were not notified within 12 hours of the apprehension."))


@rule("no-medical-exam-on-detention")
def no_medical_exam_on_detention(ctx: Context) -> Iterator[Flag]:
    for record in ctx.case.of_type("detention_recorded"):
        deadline = ctx.deadline("no-medical-exam-on-detention", record, "medical-exam-on-detention",
                                ctx.case.first_after(record, "medical_exam"))
        flag = ctx.flag_when_not_met("no-medical-exam-on-detention", deadline,
                                     Phrase("No medical examination within 3 hours of the detention record."),
                                     action=Phrase("Request an independent medical examination."))
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


@rule("no-medical-care")
def no_medical_care(ctx: Context) -> Iterator[Flag]:
    yield from ctx.flags_when_not_met(
        "no-medical-care", ("injury-report-24h",),
        Phrase("Injuries were recorded but not reported to the prosecutor within 24 hours."),
        action=Phrase("Report the injuries to the prosecutor and request a forensic examination."))
    for exam in ctx.case.of_type("medical_exam"):
        if exam.get("kind") == "admission" and exam.get("injuries") is True:
            care = next((e for e in ctx.case.after(exam, "medical_exam") if e.get("kind") != "admission"), None)
            deadline = ctx.deadline("no-medical-care", exam, "medical-care", care)
            flag = ctx.flag_when_not_met(
                "no-medical-care", deadline,
                Phrase("Injuries recorded on admission (%(when)s) and no medical care within 24 hours.",
                       when=str(exam.when)),
                action=Phrase("Demand medical care and an independent examination."))
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
                       Phrase("Reprisal: %(kind)s (%(when)s).", kind=str(kind).replace("_", " ") if kind
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
    protected = [e for e in case.after(first, "safety_measure_granted", "transfer")
                 if e.type == "safety_measure_granted" or (e.get("ministry") not in (None, "interior"))]
    if not protected:
        yield ctx.flag("victim-held-by-implicated-ministry", [first.ref],
                       Phrase("The complainant is still held by the ministry of the officers accused, with no "
                              "transfer or safety measure recorded."),
                       action=Phrase("Request a transfer to a facility of another ministry and safety measures."))
