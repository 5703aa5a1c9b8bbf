"""The deadlines of DOMAIN.md §5, one function each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from app.procedure.casefile import CaseFile, Fact
from app.procedure.law import GRAVE_QUALIFICATIONS
from app.procedure.phrase import Phrase
from app.procedure.results import Deadline, Status
from app.procedure.rules import Context, event_label, rule
from app.procedure.rules.matching import (
    CLOSING_DECISIONS,
    PROSECUTOR_FORUMS,
    appeals_after,
    cites,
    decisions_of_appeals,
    resumption_of,
    service_of,
)
from app.procedure.when import When

IMPLIES_REGISTRATION = ("registered_urpti", "investigation_opened", "investigation_terminated",
                        "investigation_suspended", "indictment_sent_to_court")


@rule("registration-24h")
def registration(ctx: Context) -> Iterator[Deadline]:
    for complaint in ctx.case.of_type("complaint_filed"):
        end = ctx.case.first_after(complaint, "registered_urpti")
        implied = ctx.case.first_after(complaint, *IMPLIES_REGISTRATION)
        if end is None and implied is not None:
            yield ctx.unknowable("registration-24h", complaint,
                                 Phrase("registered on a date not recorded (implied by the %(event)s of %(when)s)",
                                        event=event_label(implied.type), when=str(implied.when)))
            continue
        yield ctx.deadline("registration-24h", complaint, "registration", end)


@rule("forwarding-3d")
def forwarding(ctx: Context) -> Iterator[Deadline]:
    for forwarded in ctx.case.of_type("forwarded_without_registration"):
        complaints = ctx.case.before(forwarded, "complaint_filed")
        if complaints:
            yield ctx.deadline("forwarding-3d", complaints[-1], "forwarding", forwarded)


def _custody_pairs(ctx: Context, rule_id: str, term_name: str, start_type: str, *end_types: str):
    for start in ctx.case.of_type(start_type):
        yield ctx.deadline(rule_id, start, term_name, ctx.case.first_after(start, *end_types))


@rule("delivery-3h")
def delivery(ctx: Context) -> Iterator[Deadline]:
    yield from _custody_pairs(ctx, "delivery-3h", "delivery", "apprehension", "detention_recorded")


@rule("prosecutor-notified-12h")
def prosecutor_notified(ctx: Context) -> Iterator[Deadline]:
    yield from _custody_pairs(ctx, "prosecutor-notified-12h", "prosecutor-notified",
                              "detention_recorded", "prosecutor_notified")


@rule("relatives-12h")
def relatives(ctx: Context) -> Iterator[Deadline]:
    yield from _custody_pairs(ctx, "relatives-12h", "relatives", "apprehension", "relatives_notified")


def custody_term_name(ctx: Context, apprehension: Fact) -> str:
    """The custody limit of this apprehension: a minor's 24 h, the 72 h of the offences
    CPC 131(4) names when the person is held for one of them, else an adult's 48 h."""
    if ctx.case.minor:
        return "custody-minor"
    suspected = apprehension.get("suspected_of") or ""
    if any(cites(suspected, article) for article in GRAVE_QUALIFICATIONS):
        return "custody-grave"
    return "custody-adult"


@rule("custody-48h")
def custody(ctx: Context) -> Iterator[Deadline]:
    for start in ctx.case.of_type("apprehension"):
        term_name = custody_term_name(ctx, start)
        note = ""
        if term_name == "custody-adult" and not start.get("suspected_of"):
            note = Phrase("the offence the person was held for is not recorded: an adult's 48 hours are assumed "
                          "(72 hours for terrorism, extremism, mass riots and particularly grave crimes)")
        yield ctx.deadline("custody-48h", start, term_name,
                           ctx.case.first_after(start, "court_authorization", "release"), note=note)


CUSTODY_FACILITIES = ("ivs", "sizo", "colony")


def in_custody_facility(exam: Fact) -> bool:
    """An examination in an IVS, SIZO or colony, or an admission examination where the record
    does not say the place (admission is to a custody facility)."""
    place = exam.get("place_type")
    return place in CUSTODY_FACILITIES or (place is None and exam.get("kind") == "admission")


@rule("injury-report-24h")
def injury_report(ctx: Context) -> Iterator[Deadline]:
    reported_since_last = True
    for event in ctx.case.events:
        if event.type == "injury_reported_to_prosecutor":
            reported_since_last = True
        elif (event.type == "medical_exam" and event.get("injuries") is True and reported_since_last
              and in_custody_facility(event)):
            reported_since_last = False  # later exams of the same injuries start no new term
            end = ctx.case.first_after(event, "injury_reported_to_prosecutor")
            yield ctx.deadline("injury-report-24h", event, "injury-report", end)


@rule("prosecutor-decides-complaint")
def prosecutor_decides(ctx: Context) -> Iterator[Deadline]:
    decisions = decisions_of_appeals(ctx.case)
    for appeal in ctx.case.of_type("appeal_filed"):
        if appeal.get("to_body") in PROSECUTOR_FORUMS:
            yield ctx.deadline("prosecutor-decides-complaint", appeal, "prosecutor-decides",
                               decisions.get(appeal))


@rule("investigating-judge-decides")
def judge_decides(ctx: Context) -> Iterator[Deadline]:
    decisions = decisions_of_appeals(ctx.case)
    for appeal in ctx.case.of_type("appeal_filed"):
        if appeal.get("to_body") == "investigating_judge":
            yield ctx.deadline("investigating-judge-decides", appeal, "investigating-judge-decides",
                               decisions.get(appeal))


def quashed(ctx: Context, deadline: Deadline, decision: Fact) -> Deadline:
    """A complaint term against a termination quashed before the term ended: the termination
    no longer stands, so nothing is to be complained of (met, with the resumption as its end)."""
    if deadline.outcome is not None or deadline.latest_due is None:
        return deadline
    resumption = resumption_of(ctx.case, decision)
    if resumption is None or resumption.when.start > deadline.latest_due:
        return deadline
    note = Phrase("the termination was quashed (investigation resumed %(when)s)", when=str(resumption.when))
    return replace(deadline, end_event=resumption.ref, outcome=Status.MET, note=note)


@rule("appeal-to-investigating-judge-15d")
def appeal_to_judge(ctx: Context) -> Iterator[Deadline]:
    case = ctx.case
    for decision in case.of_type(*CLOSING_DECISIONS):
        service = service_of(case, decision)
        # a complaint counts from the decision on: one filed before the service cannot be late
        filed = next(iter(appeals_after(case, decision, "investigating_judge")), None)
        if service is None:
            if filed is not None:
                yield Deadline("appeal-to-investigating-judge-15d", decision.ref, None, None, None, filed.ref,
                               Status.MET, Phrase("the decision was never served; the complaint was filed anyway"))
                continue
            yield ctx.unknowable("appeal-to-investigating-judge-15d", decision,
                                 Phrase("the decision was never served, so the 15 days cannot be counted"))
            continue
        yield quashed(ctx, ctx.deadline("appeal-to-investigating-judge-15d", service, "appeal-to-investigating-judge",
                                        filed), decision)
    decisions = decisions_of_appeals(case)
    for appeal, decided in decisions.items():
        if appeal.get("to_body") in PROSECUTOR_FORUMS and decided.get("outcome") == "rejected":
            end = next(iter(appeals_after(case, decided, "investigating_judge")), None)
            yield ctx.deadline("appeal-to-investigating-judge-15d", decided, "appeal-to-investigating-judge",
                               end, note=Phrase("from the prosecutor's refusal"))


@rule("termination-complaint-1y")
def termination_complaint(ctx: Context) -> Iterator[Deadline]:
    for decision in ctx.case.of_type("investigation_terminated"):
        appeals = appeals_after(ctx.case, decision)
        aimed = [a for a in appeals if a.get("against") == decision.ref] or appeals
        yield quashed(ctx, ctx.deadline("termination-complaint-1y", decision, "termination-complaint",
                                        aimed[0] if aimed else None), decision)


@rule("appeal-investigating-judge-ruling-3d")
def appeal_judge_ruling(ctx: Context) -> Iterator[Deadline]:
    for appeal, ruling in decisions_of_appeals(ctx.case).items():
        if appeal.get("to_body") == "investigating_judge" and ruling.get("outcome") in ("rejected", "partly"):
            end = next(iter(appeals_after(ctx.case, ruling, "regional_court")), None)
            yield ctx.deadline("appeal-investigating-judge-ruling-3d", ruling,
                               "appeal-investigating-judge-ruling", end)


@rule("appeal-verdict-15d")
def appeal_verdict(ctx: Context) -> Iterator[Deadline]:
    """Every verdict: the victim's side may appeal an acquittal, a dismissal or a lenient sentence."""
    for verdict in ctx.case.of_type("verdict"):
        end = next(iter(appeals_after(ctx.case, verdict, "appellate_court")), None)
        yield ctx.deadline("appeal-verdict-15d", verdict, "appeal-verdict", end)


INVESTIGATION_ENDS = ("investigation_terminated", "investigation_suspended", "indictment_sent_to_court",
                      "plea_bargain", "investigation_extended")
_FORM_TERMS = {"inquiry": "investigation-inquiry", "protocol_form": "investigation-inquiry",
               "accelerated": "investigation-accelerated", "full_investigation": "investigation-preliminary"}


@rule("investigation-term")
def investigation_term(ctx: Context) -> Iterator[Deadline]:
    case = ctx.case
    for registration in case.of_type("registered_urpti"):
        opened = case.first_after(registration, "investigation_opened")
        form = opened.get("form") if opened else None
        term_name = _FORM_TERMS.get(form, "investigation-preliminary")
        note = "" if form else Phrase("form of investigation not recorded: the 2-month preliminary term is assumed")
        end = case.first_after(registration, *INVESTIGATION_ENDS)
        yield ctx.deadline("investigation-term", registration, term_name, end, note=note)
        yield from _extensions(ctx, end)
    for resumption in case.of_type("investigation_resumed"):
        end = case.first_after(resumption, *INVESTIGATION_ENDS)
        yield ctx.deadline("investigation-term", resumption, "investigation-resumed", end,
                           note=Phrase("restarted by the resumption of the investigation"))
        yield from _extensions(ctx, end)


def _extensions(ctx: Context, end: Fact | None) -> Iterator[Deadline]:
    """The terms an extension sets, one after the other while the investigation is extended."""
    while end is not None and end.type == "investigation_extended":
        until = When.parse(end.get("until"))
        following = ctx.case.first_after(end, *INVESTIGATION_ENDS)
        yield ctx.deadline_for_date("investigation-term", end, until.latest().date(), following,
                                    note=Phrase("extended until %(until)s", until=str(until)))
        end = following


def injuries_alleged(case: CaseFile) -> Fact | None:
    """The first event that makes injuries known: a complaint alleging them, or a medical
    examination finding them."""
    return next((e for e in case.events if (e.type == "complaint_filed" and e.get("injuries_alleged") is True)
                 or (e.type == "medical_exam" and e.get("injuries") is True)), None)


@rule("forensic-exam-3d")
def forensic_exam(ctx: Context) -> Iterator[Deadline]:
    start = injuries_alleged(ctx.case)
    if start is not None:
        ordered = ctx.case.first_after(start, "forensic_exam_ordered", "forensic_exam_result")
        yield ctx.deadline("forensic-exam-3d", start, "forensic-exam-ordered", ordered, kind="forensic_fme")


@rule("evidence-preservation-30d")
def evidence_preservation(ctx: Context) -> Iterator[Deadline]:
    """From each apprehension or incident, unless a term from an earlier one still ran then
    (one request preserves the footage of one episode)."""
    covered_until = None
    for start in ctx.case.of_type("apprehension", "incident"):
        if covered_until is not None and start.when.start <= covered_until:
            continue
        requested = ctx.case.first_after(start, "evidence_preservation_requested")
        deadline = ctx.deadline("evidence-preservation-30d", start, "evidence-preservation", requested)
        covered_until = deadline.latest_due
        yield deadline


@rule("asylum-appeal-1m")
def asylum_appeal(ctx: Context) -> Iterator[Deadline]:
    for refusal in ctx.case.of_type("asylum_refused"):
        yield ctx.deadline("asylum-appeal-1m", refusal, "asylum-appeal",
                           ctx.case.first_after(refusal, "asylum_appeal_filed"))


@rule("vcf-application-3y")
def vcf_application(ctx: Context) -> Iterator[Deadline]:
    for recognition in ctx.case.of_type("victim_status_recognized"):
        yield ctx.deadline("vcf-application-3y", recognition, "vcf-application",
                           ctx.case.first_after(recognition, "compensation_claimed", "compensation_paid"))


DOMESTIC_DECISIONS = ("investigation_terminated", "registration_refused", "written_off", "appeal_decided",
                      "verdict", "asylum_appeal_decided")


@rule("hrc-5y")
def hrc_window(ctx: Context) -> Iterator[Deadline]:
    case = ctx.case
    communications = case.of_type("un_communication_submitted")
    if any(c.get("committee") != "HRC" for c in communications):
        return  # the matter went to another committee
    decisions = case.of_type(*DOMESTIC_DECISIONS)
    if communications:  # judge the submission against the last decision before it
        decisions = case.before(communications[0], *DOMESTIC_DECISIONS) or decisions
    if decisions:
        last = decisions[-1]
        end = next((c for c in case.after(last, "un_communication_submitted")), None)
        yield ctx.deadline("hrc-5y", last, "hrc", end)


@rule("un-state-observations-6m")
def un_state_observations(ctx: Context) -> Iterator[Deadline]:
    """Six months from the transmittal for the State's observations (CAT art. 22(3), OP1 art. 4(2))."""
    for registered in ctx.case.of_type("un_case_registered"):
        yield ctx.deadline("un-state-observations-6m", registered, "un-state-observations",
                           ctx.case.first_after(registered, "state_observations_received"))


@rule("un-letter-deadline")
def un_letter_deadline(ctx: Context) -> Iterator[Deadline]:
    """The date a committee's letter sets for a reply; met by the next letter to the committee or the comments."""
    for letter in ctx.case.of_type("un_correspondence"):
        if letter.get("direction") != "from_committee" or not letter.get("deadline"):
            continue
        replies = [e for e in ctx.case.after(letter, "un_correspondence", "author_comments_submitted")
                   if e.type == "author_comments_submitted" or e.get("direction") == "to_committee"]
        yield ctx.deadline_for_date("un-letter-deadline", letter, When.parse(letter.get("deadline")).day,
                                    replies[0] if replies else None)


@rule("follow-up-cat")
def follow_up_cat(ctx: Context) -> Iterator[Deadline]:
    yield from _follow_up(ctx, "CAT", "follow-up-cat")


@rule("follow-up-hrc")
def follow_up_hrc(ctx: Context) -> Iterator[Deadline]:
    yield from _follow_up(ctx, "HRC", "follow-up-hrc")


@rule("compensation-payment")
def compensation_payment(ctx: Context) -> Iterator[Deadline]:
    """The date an award sets for its payment; met by the next payment recorded after the award."""
    for award in ctx.case.of_type("compensation_awarded"):
        if award.get("pay_by"):
            yield ctx.deadline_for_date("compensation-payment", award, When.parse(award.get("pay_by")).day,
                                        ctx.case.first_after(award, "compensation_paid"))


def _follow_up(ctx: Context, committee: str, rule_id: str) -> Iterator[Deadline]:
    """Only Views that find a violation ask the State to report what it did (a finding not
    recorded starts no term: the record does not show that a report is owed)."""
    for views in ctx.case.of_type("un_views_adopted"):
        if views.get("violation_found") is not True or views.get("kind") not in (None, "views"):
            continue
        submitted = ctx.case.before(views, "un_communication_submitted")
        if submitted and submitted[-1].get("committee") == committee:
            yield ctx.deadline(rule_id, views, rule_id, ctx.case.first_after(views, "state_follow_up_reply"))
