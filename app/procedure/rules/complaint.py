"""Red flags of the complaint and the investigation."""

from __future__ import annotations

from collections.abc import Iterator

from app.procedure.law import LESSER_OFFENCES, PROSECUTORS_INVESTIGATE_TORTURE_FROM
from app.procedure.phrase import Label, Phrase
from app.procedure.results import Basis, Flag
from app.procedure.rules import IMPLICATED_BODIES, Context, by, rule
from app.procedure.rules.deadlines import IMPLIES_REGISTRATION
from app.procedure.rules.matching import PROSECUTOR_FORUMS, cites, qualifications, resumption_of, service_of
from app.procedure.vocabulary import BODIES, label_of

LACK_OF_EVIDENCE = {"no_event": Phrase("no event of a crime, CPC 35(1)(1)"),
                    "no_corpus_delicti": Phrase("no corpus delicti, CPC 35(1)(2)"),
                    "cpc_35_1_unstated": Phrase("CPC 35(1), the paragraph not stated in the record")}



def body_label(code: str | None) -> Label | Phrase:
    """A body as its name (translated), not its code."""
    return Label(label_of(BODIES, code)) if code else Phrase("an unknown body")


def implicated(ctx: Context, body: str | None) -> bool:
    return body is not None and body in IMPLICATED_BODIES.get(ctx.case.perpetrator_agency or "", set())


@rule("unregistered-complaint")
def unregistered_complaint(ctx: Context) -> Iterator[Flag]:
    for deadline in ctx.of_rule("registration-24h"):
        complaint = ctx.case.by_ref(deadline.from_event)
        end = ctx.case.by_ref(deadline.end_event) if deadline.end_event is not None else None
        if (end is not None and end.type != "not_done") or list(ctx.case.after(
                complaint, "forwarded_without_registration", *IMPLIES_REGISTRATION)):
            continue
        flag = ctx.flag_when_not_met(
            "unregistered-complaint", deadline,
            Phrase("The complaint of %(when)s was not entered in the URPTI within the registration term.",
                   when=str(complaint.when)),
            Phrase("No registration of the complaint of %(when)s in the URPTI is recorded by %(due)s.",
                   when=str(complaint.when), due=by(deadline)),
            action=Phrase("Complain to the prosecutor (CPC 105) that the report was not registered."),
            absent_action=Phrase("Find out whether the complaint was registered (ask for its URPTI number), or "
                                 "demand registration from the prosecutor (CPC 105)."))
        if flag:
            yield flag


@rule("forwarded-to-implicated-body")
def forwarded_to_implicated(ctx: Context) -> Iterator[Flag]:
    for forwarded in ctx.case.of_type("forwarded_without_registration"):
        if forwarded.get("implicated") is True or implicated(ctx, forwarded.get("to_body")):
            yield ctx.flag("forwarded-to-implicated-body", [forwarded.ref],
                           Phrase("The complaint was forwarded (%(when)s) without registration to %(body)s, the "
                                  "agency of the alleged perpetrators.", when=str(forwarded.when),
                                  body=body_label(forwarded.get("to_body"))),
                           action=Phrase("Complain to the prosecutor and demand registration and an independent "
                                         "investigation."))


@rule("torture-as-cruel-treatment")
def torture_as_cruel_treatment(ctx: Context) -> Iterator[Flag]:
    found = qualifications(ctx.case)
    if not found:
        return
    event, text = found[-1]
    official = ctx.case.perpetrator_agency not in (None, "other", "unknown")
    injuries = any(e.get("injuries") is True for e in ctx.case.of_type("medical_exam"))
    if cites(text, "146", "1") and official and injuries:
        yield ctx.flag("torture-as-cruel-treatment", [event.ref],
                       Phrase("Qualified as %(qualification)s (cruel treatment, investigated by the police) although "
                              "an official is accused and injuries are recorded.", qualification=str(text)),
                       action=Phrase("Ask the prosecutor to requalify under CC 146(2) (torture) and take over the "
                                     "case."))


@rule("investigated-by-implicated-agency")
def investigated_by_implicated(ctx: Context) -> Iterator[Flag]:
    for opened in ctx.case.of_type("investigation_opened"):
        if implicated(ctx, opened.get("investigating_body")):
            yield ctx.flag("investigated-by-implicated-agency", [opened.ref],
                           Phrase("The investigation is conducted by %(body)s, the agency of the alleged "
                                  "perpetrators.", body=body_label(opened.get("investigating_body"))),
                           action=Phrase("Ask for the case to be transferred to the prosecutor's office."))


@rule("no-forensic-exam")
def no_forensic_exam(ctx: Context) -> Iterator[Flag]:
    yield from ctx.flags_when_not_met(
        "no-forensic-exam", ("forensic-exam-3d",),
        Phrase("No forensic examination was ordered within 3 days of the injuries becoming known."),
        lambda deadline: Phrase("No forensic examination is recorded as ordered by %(due)s, 3 days after the "
                                "injuries became known.", due=by(deadline)),
        action=Phrase("Request a forensic medical examination (FME) at once."),
        absent_action=Phrase("Find out whether a forensic medical examination was ordered, or request one at once."))


@rule("no-psychological-exam")
def no_psychological_exam(ctx: Context) -> Iterator[Flag]:
    alleged = ctx.case.of_type("complaint_filed", "incident")
    if not alleged:
        return
    done = [e for e in ctx.case.events if e.type in ("medical_exam", "forensic_exam_ordered", "forensic_exam_result")
            and (e.get("kind") == "forensic_fppe" or e.get("istanbul_protocol") is True)]
    if done:
        return
    missing = ctx.not_done(alleged[0], ("forensic_exam_ordered",), alleged[0].when.start, kind="forensic_fppe")
    if missing is not None:
        yield ctx.flag("no-psychological-exam", [alleged[0].ref, missing.ref],
                       Phrase("Torture is alleged but no psychological (FPPE) or Istanbul-Protocol examination was "
                              "carried out (%(when)s).", when=str(missing.when)),
                       step="forensic_exam_ordered",
                       action=Phrase("Request a forensic psychological-psychiatric examination."))
        return
    yield ctx.flag("no-psychological-exam", [alleged[0].ref],
                   Phrase("Torture is alleged but no psychological (FPPE) or Istanbul-Protocol examination is "
                          "recorded."), basis=Basis.ABSENCE, step="forensic_exam_ordered",
                   action=Phrase("Find out whether a psychological examination was done, or request a forensic "
                                 "psychological-psychiatric examination."))


@rule("evidence-ignored")
def evidence_ignored(ctx: Context) -> Iterator[Flag]:
    for termination in ctx.case.of_type("investigation_terminated"):
        consistent = [r for r in ctx.case.before(termination, "forensic_exam_result")
                      if r.get("finding") == "consistent"]
        if consistent:
            yield ctx.flag("evidence-ignored", [consistent[-1].ref, termination.ref],
                           Phrase("The investigation was terminated (%(when)s) although a forensic result "
                                  "(%(result)s) is consistent with the victim's account.",
                                  when=str(termination.when), result=str(consistent[-1].when)),
                           action=Phrase("Cite the forensic result in the complaint against the termination."))


@rule("terminated-lack-of-evidence")
def terminated_lack_of_evidence(ctx: Context) -> Iterator[Flag]:
    for termination in ctx.case.of_type("investigation_terminated"):
        ground = termination.get("ground")
        if ground in LACK_OF_EVIDENCE:
            service = service_of(ctx.case, termination)
            start = service.ref if service is not None else termination.ref
            judge = next((d for d in ctx.of_rule("appeal-to-investigating-judge-15d")
                          if d.from_event == start and d.outcome is None and d.due), None)
            resumption = resumption_of(ctx.case, termination)
            yield ctx.flag("terminated-lack-of-evidence", [termination.ref],
                           Phrase("Terminated (%(when)s) on the ground of %(ground)s.", when=str(termination.when),
                                  ground=LACK_OF_EVIDENCE[ground]),
                           action=Phrase("Complain to the investigating judge (CPC 106) within 15 days of service."),
                           action_due=judge.due.due if judge and judge.due else None,
                           active_until=resumption.when.start if resumption is not None else None)


@rule("decision-not-served")
def decision_not_served(ctx: Context) -> Iterator[Flag]:
    for termination in ctx.case.of_type("investigation_terminated"):
        service = service_of(ctx.case, termination)
        deadline = ctx.deadline("decision-not-served", termination, "decision-served", service)
        flag = ctx.flag_when_not_met(
            "decision-not-served", deadline,
            Phrase("The termination of %(when)s was not served within 3 days: the appeal clock cannot be checked "
                   "and may be running out.", when=str(termination.when)),
            Phrase("No service of the termination of %(when)s is recorded by %(due)s: the appeal clock cannot be "
                   "checked and may be running out.", when=str(termination.when), due=by(deadline)),
            action=Phrase("Demand a copy of the decision in writing, and complain at once to be safe."),
            absent_action=Phrase("Find out whether and when the decision was served; demand a copy in writing, and "
                                 "complain at once to be safe."),
            keep_when_late=False)
        if flag:
            yield flag


@rule("investigation-overdue")
def investigation_overdue(ctx: Context) -> Iterator[Flag]:
    yield from ctx.flags_when_not_met(
        "investigation-overdue", ("investigation-term",),
        Phrase("The investigation went on beyond its term with no extension."),
        lambda deadline: Phrase("No end of the investigation and no extension is recorded by %(due)s, the end of "
                                "its term.", due=by(deadline)),
        action=Phrase("Ask the prosecutor why the term was exceeded."),
        absent_action=Phrase("Find out whether the investigation was extended, ended or suspended; if not, ask the "
                             "prosecutor why the term was exceeded."),
        keep_when_late=False)


@rule("qualified-as-lesser-offence")
def qualified_as_lesser_offence(ctx: Context) -> Iterator[Flag]:
    found = qualifications(ctx.case)
    if not found:
        return
    event, text = found[-1]
    official = ctx.case.perpetrator_agency not in (None, "other", "unknown")
    injuries = any(e.get("injuries") is True for e in ctx.case.of_type("medical_exam"))
    if official and injuries and not cites(text, "146") and any(cites(text, a) for a in LESSER_OFFENCES):
        yield ctx.flag("qualified-as-lesser-offence", [event.ref],
                       Phrase("Qualified as %(qualification)s, not as torture (CC 146), although an official is "
                              "accused and injuries are recorded.", qualification=str(text)),
                       action=Phrase("Ask the prosecutor to requalify under CC 146 and to take over the "
                                     "investigation."))


@rule("not-investigated-by-prosecutor")
def not_investigated_by_prosecutor(ctx: Context) -> Iterator[Flag]:
    if not any(cites(text, "146") for _, text in qualifications(ctx.case)):
        return
    for opened in ctx.case.of_type("investigation_opened"):
        body = opened.get("investigating_body") or opened.body
        if opened.when.start.date() >= PROSECUTORS_INVESTIGATE_TORTURE_FROM and body and body not in PROSECUTOR_FORUMS \
                and body not in ("special_prosecutor", "unknown"):
            yield ctx.flag("not-investigated-by-prosecutor", [opened.ref],
                           Phrase("A torture case (CC 146) opened on %(when)s is investigated by %(body)s, not by the "
                                  "prosecutor's office.", when=str(opened.when), body=body_label(body)),
                           action=Phrase("Demand that the prosecutor's office take over the investigation "
                                         "(CPC 187)."))


@rule("plea-bargain-in-torture-case")
def plea_bargain_in_torture_case(ctx: Context) -> Iterator[Flag]:
    if not any(cites(text, "146") for _, text in qualifications(ctx.case)):
        return
    for event in ctx.case.events:
        if event.type == "plea_bargain" or (event.type == "investigation_terminated"
                                            and event.get("ground") == "plea_bargain"):
            yield ctx.flag("plea-bargain-in-torture-case", [event.ref],
                           Phrase("A plea bargain (%(when)s) in a case qualified under CC 146.", when=str(event.when)),
                           action=Phrase("Object to the plea bargain before the court and the prosecutor."))
