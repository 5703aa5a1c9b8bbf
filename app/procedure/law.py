"""The rule table: every deadline and red flag, its legal basis, and each legal number once.

Values DOMAIN.md marks *(verify)* were read only in secondary sources: they are
configurable (``Settings``) and the rule catalogue shows them as such. A term that the law
changed carries the date from which each value applies; an event is judged by the value
in force on its date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from app.procedure.calendar import Term, Unit
from app.procedure.results import Severity

H, D, M, Y = Unit.HOURS, Unit.DAYS, Unit.MONTHS, Unit.YEARS
ALWAYS = date(1900, 1, 1)


@dataclass(frozen=True)
class LegalTerm:
    """A term as the law sets it, possibly changed over time: ((since, term), ...)."""

    name: str
    versions: tuple[tuple[date, Term], ...]
    basis: str
    verify: bool = False

    def in_force(self, on: date) -> Term:
        applicable = [term for since, term in self.versions if since <= on]
        return applicable[-1] if applicable else self.versions[0][1]

    @property
    def current(self) -> Term:
        return self.versions[-1][1]


def _term(name: str, amount: int, unit: Unit, basis: str, *, movable: bool = True,
          verify: bool = False) -> LegalTerm:
    return LegalTerm(name, ((ALWAYS, Term(amount, unit, movable)),), basis, verify)


TERMS: Mapping[str, LegalTerm] = {t.name: t for t in (
    _term("registration", 24, H, "CPC 179(1), 185; Prosecutor General's Order No. 89 of 19.09.2014 (24 h)",
          verify=True),
    _term("forwarding", 3, D, "CPC 181(5)"),
    _term("delivery", 3, H, "CPC 129, 131(2)", movable=False),
    _term("prosecutor-notified", 12, H, "CPC 131(3)", movable=False),
    LegalTerm("custody-adult", ((ALWAYS, Term(72, H, False)), (date(2018, 1, 1), Term(48, H, False))),
              "CPC 131(4) (48 h since the 2018 amendment, 72 h before); absolute cap 72 h, CPC 128(5)",
              verify=True),
    _term("custody-minor", 24, H, "CPC 131(4)", movable=False),
    _term("custody-grave", 72, H, "CPC 131(4), 128(5) (terrorism, extremism, mass riots, particularly "
          "grave crimes)", movable=False),
    _term("relatives", 12, H, "CPC 135; Custody Act art. 7(4)", movable=False),
    _term("minor-representative-notified", 3, H, "CPC 135 (a minor's legal representative notified at once); "
          "Beijing Rules 10.1", movable=False, verify=True),
    _term("minor-interrogation-session", 2, H, "CPC, chapter on proceedings against minors (questioning without "
          "a break); Beijing Rules 10.3", movable=False, verify=True),
    _term("minor-interrogation-day", 4, H, "CPC, chapter on proceedings against minors (questioning in a day); "
          "Beijing Rules 10.3", movable=False, verify=True),
    _term("injury-report", 24, H, "CPC 101(2) (torture complaints from detention sent to the prosecutor at once)",
          movable=False),
    _term("prosecutor-decides", 7, D, "CPC 105(2) (3 days for complaints on detention, suspect status "
          "or qualification; up to 15 days in exceptional cases)"),
    _term("appeal-to-investigating-judge", 15, D, "CPC 106(5)"),
    _term("investigating-judge-decides", 3, D, "CPC 106(6) (10 days with a hearing)"),
    _term("termination-complaint", 1, Y, "CPC 102"),
    _term("appeal-investigating-judge-ruling", 3, D, "CPC 107"),
    _term("appeal-verdict", 15, D, "CPC 418(1)"),
    _term("investigation-inquiry", 1, M, "CPC 192"),
    _term("investigation-preliminary", 2, M, "CPC 192"),
    _term("investigation-accelerated", 15, D, "CPC 190(3)"),
    _term("investigation-resumed", 1, M, "CPC 192 (the term of an investigation resumed after its termination "
          "was quashed)", verify=True),
    _term("asylum-appeal", 1, M, "APPC 136(1),(6); Refugees Act 8(1)(4)-(5)"),
    _term("vcf-application", 3, Y, "Victims Compensation Fund Act arts. 8-9"),
    _term("hrc", 5, Y, "HRC rules of procedure, rule 99(c)", verify=True),
    _term("cat-delay", 5, Y, "CAT rules of procedure, rule 113(f) (no fixed term: a delay that makes the "
          "examination unduly difficult)", verify=True),
    _term("un-state-observations", 6, M, "CAT art. 22(3); ICCPR OP1 art. 4(2) (six months, in the treaties' "
          "own words)", movable=False),
    _term("un-reply-warning", 10, D, "working days before a reply to a committee is due: the coalition's practice "
          "(a reply is prepared over two working weeks)", verify=True),
    _term("follow-up-cat", 90, D, "CAT rules of procedure, rule 118", verify=True),
    _term("follow-up-hrc", 180, D, "HRC Views' standard request", verify=True),
    _term("forensic-exam-ordered", 3, D, "CAT art. 12 (a prompt investigation); Istanbul Protocol (examined "
          "before injuries fade)", verify=True),
    _term("evidence-preservation", 30, D, "CAT arts. 12-13 (evidence secured for a prompt and impartial "
          "investigation)"),
    _term("medical-exam-on-detention", 3, H, "CPC 131(2)", movable=False),
    _term("medical-care", 24, H, "CAT art. 2(1), General Comment No. 2 para. 13 (prompt independent medical "
          "assistance)", movable=False, verify=True),
    _term("decision-served", 3, D, "CPC 106(5), 102 (the appeal terms run from the decision's service); "
          "CAT art. 13", verify=True),
    _term("stalled", 90, D, "CAT art. 12 (promptness); 90 days is the coalition's supervision practice"),
    _term("hrc-window-warning", 54, M, "HRC rules of procedure, rule 99(c): a warning six months before its "
          "five years end"),
)}

# Criminal Code articles whose suspects may be held 72 h before a court decides (CPC 131(4)):
# terrorism and extremism offences and mass riots. (verify) against the current Code.
GRAVE_QUALIFICATIONS = ("255", "256", "257", "258", "259", "260", "261", "262", "263", "272")

# Night, when a minor may not be questioned (CPC, juvenile chapter; verify the hours).
NIGHT_FROM, NIGHT_UNTIL = time(22, 0), time(6, 0)
# Offences an official's ill-treatment is qualified as instead of torture (CC 146): abuse and excess of
# power (362), harm to health, battery and torment (106-110) (verify against the current Code).
LESSER_OFFENCES = ("362", "106", "107", "108", "109", "110")
# Torture (CC 146) is investigated by prosecutors from this day (CPC 187 as amended; State replies ¶185).
PROSECUTORS_INVESTIGATE_TORTURE_FROM = date(2023, 1, 1)

# Victims Compensation Fund Act art. 7: minimum payments in MCI, and the MCI of each year.
VCF_MINIMUM_MCI = {"torture": 30, "grave_harm": 40, "death": 50}
MCI_TENGE = {2021: 2917, 2022: 3063, 2023: 3450, 2024: 3692, 2025: 3932, 2026: 4325}


@dataclass(frozen=True)
class Rule:
    """A deadline or red flag: what raises it, its legal basis (law only: a code, a treaty, a
    committee's rule) and, apart, the public sources that show the practice it answers."""

    id: str
    kind: str  # "deadline" or "flag"
    title: str
    raised_when: str
    basis: str
    severity: Severity | None = None  # flags only; some flags choose per case
    terms: tuple[str, ...] = ()  # TERMS the rule uses
    steps: tuple[str, ...] = ()  # the event types a term waits for: their absence is what it finds
    sources: str = ""  # practice sources (reports, submissions), never the basis

    @property
    def verify(self) -> bool:
        return any(TERMS[name].verify for name in self.terms)


def _d(rule_id: str, title: str, raised_when: str, basis: str, *terms: str, steps: tuple[str, ...],
       sources: str = "") -> Rule:
    return Rule(rule_id, "deadline", title, raised_when, basis, None, terms, steps, sources)


def _f(rule_id: str, severity: Severity | None, title: str, raised_when: str, basis: str,
       *terms: str, steps: tuple[str, ...] = (), sources: str = "") -> Rule:
    return Rule(rule_id, "flag", title, raised_when, basis, severity, terms, steps, sources)


C, HI, ME, IN = Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.INFO
NGO = "NGO coalition's joint submission to the CAT, 76th session (2023)"
STATE = "Kazakhstan's replies to the CAT list of issues (CAT/C/KAZ/RQ/4)"
INDEX = "Index on Torture, Kazakhstan 2023"
CAT_RECORD = "CAT summary record of the dialogue with Kazakhstan (2023)"
CED = "Kazakhstan's initial report to the CED"
APPEALS = ("appeal_filed",)
INVESTIGATION_STEPS = ("investigation_terminated", "investigation_suspended", "indictment_sent_to_court",
                       "investigation_extended")

RULES: tuple[Rule, ...] = (
    # deadlines (DOMAIN.md §5)
    _d("registration-24h", "Registration in the URPTI", "complaint_filed → registered_urpti",
       "CPC 179(1), 185; Prosecutor General's Order No. 89 of 19.09.2014", "registration",
       steps=("registered_urpti",), sources=f"{STATE}, para. 183"),
    _d("forwarding-3d", "Forwarding to the competent body", "complaint_filed → forwarded_without_registration",
       "CPC 181(5)", "forwarding", steps=("forwarded_without_registration",)),
    _d("delivery-3h", "Delivery and detention record", "apprehension → detention_recorded",
       "CPC 129, 131(2)", "delivery", steps=("detention_recorded",), sources=f"{CED}, para. 90"),
    _d("prosecutor-notified-12h", "Prosecutor notified of the detention",
       "detention_recorded → prosecutor_notified", "CPC 131(3)", "prosecutor-notified",
       steps=("prosecutor_notified",)),
    _d("custody-48h", "Custody before a court decides",
       "apprehension → court_authorization or release (48 h adults, 24 h minors, 72 h grave crimes)",
       "CPC 131(4), 128(5), 133(2)", "custody-adult", "custody-minor", "custody-grave",
       steps=("court_authorization", "release")),
    _d("relatives-12h", "Relatives notified", "apprehension → relatives_notified",
       "CPC 135; Custody Act art. 7(4)", "relatives", steps=("relatives_notified",), sources=f"{CED}, para. 107"),
    _d("injury-report-24h", "Injuries reported to the prosecutor",
       "medical_exam with injuries in a custody facility (IVS, SIZO, colony, or on admission) → "
       "injury_reported_to_prosecutor", "CPC 101(2)", "injury-report",
       steps=("injury_reported_to_prosecutor",), sources=f"{CED}, para. 95"),
    _d("prosecutor-decides-complaint", "Prosecutor decides a complaint",
       "appeal_filed to the prosecutor → appeal_decided", "CPC 105(2)", "prosecutor-decides",
       steps=("appeal_decided",)),
    _d("appeal-to-investigating-judge-15d", "Complaint to the investigating judge",
       "decision_served (or the prosecutor's refusal) → appeal_filed to the investigating judge",
       "CPC 106(5)", "appeal-to-investigating-judge", steps=APPEALS),
    _d("investigating-judge-decides", "Investigating judge decides",
       "appeal_filed to the investigating judge → appeal_decided", "CPC 106(6)",
       "investigating-judge-decides", steps=("appeal_decided",)),
    _d("termination-complaint-1y", "Complaint against a termination", "investigation_terminated → appeal_filed",
       "CPC 102", "termination-complaint", steps=APPEALS),
    _d("appeal-investigating-judge-ruling-3d", "Appeal against the investigating judge's ruling",
       "ruling (appeal_decided) → appeal_filed to the regional court", "CPC 107",
       "appeal-investigating-judge-ruling", steps=APPEALS),
    _d("appeal-verdict-15d", "Appeal against a verdict",
       "every verdict → an appeal by the victim's side to the appellate court", "CPC 418(1) (all parties, the "
       "victim included)", "appeal-verdict", steps=APPEALS),
    _d("investigation-term", "Investigation term",
       "registered_urpti or investigation_resumed → termination, suspension, indictment or investigation_extended",
       "CPC 192, 190(3)", "investigation-inquiry", "investigation-preliminary", "investigation-accelerated",
       "investigation-resumed", steps=INVESTIGATION_STEPS),
    _d("forensic-exam-3d", "Forensic examination ordered",
       "first complaint_filed alleging injuries, or first medical_exam with injuries → forensic_exam_ordered",
       "CAT art. 12; Istanbul Protocol", "forensic-exam-ordered", steps=("forensic_exam_ordered",),
       sources=f"{STATE}, para. 183; {INDEX}"),
    _d("evidence-preservation-30d", "Preservation of CCTV footage requested",
       "apprehension or incident → evidence_preservation_requested", "CAT arts. 12-13",
       "evidence-preservation", steps=("evidence_preservation_requested",),
       sources=f"{NGO} (footage kept 30 days, Government report 2018)"),
    _d("asylum-appeal-1m", "Asylum appeal to court", "asylum_refused → asylum_appeal_filed",
       "APPC 136(1),(6); Refugees Act 8(1)(4)-(5)", "asylum-appeal", steps=("asylum_appeal_filed",)),
    _d("vcf-application-3y", "Application to the Victims Compensation Fund",
       "victim_status_recognized → compensation_claimed", "Victims Compensation Fund Act 8-9", "vcf-application",
       steps=("compensation_claimed",)),
    _d("hrc-5y", "Human Rights Committee communication",
       "last domestic decision → un_communication_submitted to the HRC (5 years; the 3 years after "
       "another international procedure are not derived)", "HRC rules of procedure, rule 99(c)",
       "hrc", steps=("un_communication_submitted",)),
    _d("un-state-observations-6m", "State party's observations on the communication",
       "un_case_registered (the transmittal to the State) → state_observations_received",
       "CAT art. 22(3), CAT rules of procedure, rule 115(3); ICCPR OP1 art. 4(2)", "un-state-observations",
       steps=("state_observations_received",)),
    _d("un-letter-deadline", "Reply to the committee's letter",
       "un_correspondence from the committee with a deadline → a letter to the committee or comments",
       "the committee's letter (the date it sets)", steps=("un_correspondence", "author_comments_submitted")),
    _d("compensation-payment", "Compensation paid as awarded",
       "compensation_awarded with a date to be paid by → compensation_paid",
       "the judgment, the Fund's decision or the committee's Views (the date they set)",
       steps=("compensation_paid",)),
    _d("follow-up-cat", "State follow-up to CAT Views", "un_views_adopted finding a violation → state_follow_up_reply",
       "CAT rule 118", "follow-up-cat", steps=("state_follow_up_reply",)),
    _d("follow-up-hrc", "State follow-up to HRC Views", "un_views_adopted finding a violation → state_follow_up_reply",
       "HRC Views' standard request", "follow-up-hrc", steps=("state_follow_up_reply",)),
    # red flags (DOMAIN.md §6)
    _f("unregistered-complaint", C, "Complaint not registered",
       "no registered_urpti within the registration term, and none later, nor a forwarding",
       "CPC 179, 185", "registration", steps=("registered_urpti",), sources=INDEX),
    _f("forwarded-to-implicated-body", C, "Forwarded to the implicated body",
       "forwarded_without_registration to the agency of the alleged perpetrators",
       "CPC 179, 185, 181(5); CAT art. 12 (an impartial investigation)",
       sources=f"CAT concluding observations 2014 (CAT/C/KAZ/CO/3), rec. 8(a); {NGO} (kettling, Ayniyazov)"),
    _f("torture-as-cruel-treatment", HI, "Torture qualified as cruel treatment",
       "qualified CC 146(1) while an official perpetrator and injuries or a demanded confession are recorded",
       "CC 146 (2023 wording); CPC 191(2), 187(2), 193(1-1)"),
    _f("investigated-by-implicated-agency", HI, "Investigated by the implicated agency",
       "investigating_body is the alleged perpetrators' agency", "CAT art. 12 (an impartial investigation)",
       sources="CAT concluding observations 2014 (CAT/C/KAZ/CO/3), rec. 8(a)"),
    _f("no-forensic-exam", HI, "No forensic examination ordered",
       "no forensic_exam_ordered within 3 days of the first complaint alleging injuries or the first medical "
       "examination finding them (before registration too)", "CAT art. 12; Istanbul Protocol",
       "forensic-exam-ordered", steps=("forensic_exam_ordered",), sources=f"{STATE}, para. 183; {INDEX}"),
    _f("no-psychological-exam", ME, "No psychological examination",
       "torture alleged and no FPPE or Istanbul-Protocol examination recorded",
       "Istanbul Protocol; CAT art. 14 (rehabilitation needs established)", steps=("forensic_exam_ordered",),
       sources=INDEX),
    _f("evidence-ignored", HI, "Evidence ignored", "termination while a forensic result is consistent "
       "with the account", "CAT arts. 12-13 (an effective investigation)", sources=f"{NGO} (Ayniyazov)"),
    _f("terminated-lack-of-evidence", HI, "Terminated for lack of evidence",
       "terminated under CPC 35(1)(1) or (2), or under CPC 35(1) with the paragraph not stated; ends when the "
       "termination is quashed", "CPC 35(1); CAT arts. 12-13", sources=f"{NGO}; {INDEX}"),
    _f("decision-not-served", C, "Decision not served",
       "termination with no decision_served within 3 days: the appeal clock cannot be checked",
       "CPC 106(5), 102; CAT art. 13", "decision-served", steps=("decision_served",),
       sources=f"{NGO} (Kazantsev)"),
    _f("appeal-deadline", None, "Appeal deadline",
       "an appeal term is running: due within 3 working days = high; passed without appeal = critical",
       "CPC 106(5), 102, 107, 418(1); APPC 136", "appeal-to-investigating-judge", "termination-complaint",
       "appeal-investigating-judge-ruling", "appeal-verdict", "asylum-appeal", steps=APPEALS),
    _f("authority-overdue", ME, "Authority overdue",
       "the prosecutor or judge has not decided a complaint within its term", "CPC 105(2), 106(6), 107(5)",
       "prosecutor-decides", "investigating-judge-decides", steps=("appeal_decided",)),
    _f("no-medical-exam-on-detention", HI, "No medical examination on detention",
       "a detention record with no medical exam within 3 h", "CPC 131(2)", "medical-exam-on-detention",
       steps=("medical_exam",)),
    _f("investigation-overdue", ME, "Investigation overdue",
       "investigation open beyond its term with no extension", "CPC 192", "investigation-inquiry",
       "investigation-preliminary", "investigation-accelerated", "investigation-resumed",
       steps=INVESTIGATION_STEPS),
    _f("custody-over-limit", C, "Custody over the limit",
       "no court authorisation or release within 48 h (24 h minor, 72 h grave crimes)", "CPC 131(4), 128(5)",
       "custody-adult", "custody-minor", "custody-grave", steps=("court_authorization", "release")),
    _f("detention-time-gap", HI, "Detention recorded late or misdated",
       "detention_recorded more than 3 h after apprehension, or a recorded time later than the actual one",
       "CPC 129, 131(2); CC 414", "delivery", sources=f"{CED}, para. 90"),
    _f("relatives-not-notified", HI, "Relatives not notified", "no notification within 12 h",
       "CPC 135; Custody Act art. 7(4)", "relatives", steps=("relatives_notified",), sources=f"{CED}, para. 107"),
    _f("no-lawyer-from-actual-detention", None, "No lawyer from the actual detention",
       "an interrogation after an apprehension with no lawyer_access before it (high; critical for a minor)",
       "CPC 64, 66, 67 (a defender from the moment of actual detention; parts to verify); CAT art. 2(1), "
       "General Comment No. 2 para. 13", steps=("lawyer_access",),
       sources="CAT concluding observations 2014 (CAT/C/KAZ/CO/3), rec. 11"),
    _f("minor-parents-not-notified", C, "Minor's legal representative not notified",
       "a minor's legal representative not notified within 3 h of the apprehension",
       "CPC 135; Beijing Rules 10.1", "minor-representative-notified", steps=("relatives_notified",)),
    _f("minor-without-representative", C, "Minor interrogated without lawyer or representative",
       "a minor interrogated without lawyer or legal representative",
       "Beijing Rules 10.1; CRC art. 40(2)(b)(ii)", sources=f"{NGO} (Kazantsev)"),
    _f("minor-long-or-night-interrogation", HI, "Minor questioned too long or at night",
       "a minor interrogated more than 2 h without a break, more than 4 h in a day, or at night (22:00-06:00)",
       "CPC, chapter on proceedings against minors (articles to verify); Beijing Rules 10.3",
       "minor-interrogation-session", "minor-interrogation-day"),
    _f("minor-held-with-adults", HI, "Minor held with adults", "held_with_adults",
       "ICCPR 10(2)(b), 10(3); Beijing Rules 13.4; CRC art. 37(c)"),
    _f("interrogation-without-lawyer", HI, "Interrogation without a lawyer", "interrogation with_lawyer = false",
       "CPC 64, 66 (verify parts); CAT art. 2(1), General Comment No. 2 para. 13",
       sources="CAT concluding observations 2014 (CAT/C/KAZ/CO/3), rec. 11"),
    _f("unofficial-place-of-detention", HI, "Unofficial place of detention",
       "place_type military unit, sports hall, other/unofficial", "CPC 128, 131; CAT art. 2(1), General "
       "Comment No. 2 para. 13 (held only in officially recognised places)", sources=f"{NGO} (Taraz, Atyrau)"),
    _f("no-medical-care", HI, "No medical care",
       "injuries recorded and no medical exam or care within 24 h, or injuries found in a custody facility not "
       "reported to the prosecutor within 24 h", "CPC 101(2); CAT art. 2(1), General Comment No. 2 para. 13",
       "medical-care", "injury-report", steps=("medical_exam",), sources=f"{CED}, para. 95; {NGO}"),
    _f("victim-held-by-implicated-ministry", HI, "Victim held by the implicated ministry",
       "complainant still in custody of the accused officers' ministry and no transfer or safety measure",
       "CAT art. 13 (complainants protected against ill-treatment and intimidation)",
       steps=("safety_measure_granted",), sources=f"{NGO}; {STATE}, para. 187"),
    _f("reprisal", C, "Reprisal", "any reprisal event", "CAT art. 13"),
    _f("plea-bargain-in-torture-case", HI, "Plea bargain in a torture case",
       "plea bargain in a case qualified under CC 146", "CPC 612; CC 67", sources=NGO),
    _f("qualified-as-lesser-offence", HI, "Qualified as a lesser offence",
       "qualification CC 362 (abuse of power), 110 or another article instead of CC 146 while an official is "
       "accused and injuries are recorded", "CC 146; CAT arts. 1, 4",
       sources=f"{NGO}; {STATE}, para. 195"),
    _f("not-investigated-by-prosecutor", HI, "Torture not investigated by the prosecutor",
       "a CC 146 investigation opened on or after 1 January 2023 by a body other than the prosecutor's office",
       "CPC 187 (part to verify): torture investigated by prosecutors since 1 January 2023",
       sources=f"{STATE}, para. 185"),
    _f("refoulement-risk", C, "Risk of refoulement",
       "expulsion_ordered or deported before the asylum appeal term ended or the appeal was decided",
       "CAT art. 3; Refugees Act 8(1)(5); Code of Administrative Offences 829-14(2); CAT rule 114",
       "asylum-appeal", sources=f"{NGO} (Zhilin)"),
    _f("death-in-custody", C, "Death in custody",
       "death_in_custody: requires an opened investigation and an independent autopsy",
       "ICCPR art. 6; CAT arts. 12-13; Minnesota Protocol", sources=f"{STATE}, paras. 169-171; {CAT_RECORD}"),
    _f("video-evidence-lost", HI, "Video evidence lost", "video_evidence_lost",
       "CAT arts. 12-13 (evidence secured)", sources=f"{CAT_RECORD}; {NGO}"),
    _f("hrc-window-closing", HI, "HRC window closing",
       "4.5 years since the last domestic decision and no submission recorded", "HRC rules of procedure, "
       "rule 99(c)", "hrc", "hrc-window-warning", steps=("un_communication_submitted",)),
    _f("cat-delay", ME, "Long delay before the CAT",
       "more than 5 years since the last domestic decision and no CAT submission recorded",
       "CAT rules of procedure, rule 113(f)", "cat-delay", steps=("un_communication_submitted",)),
    _f("consent-missing", C, "No consent to the communication",
       "a communication submitted with no consent_given covering that committee before it (for a minor or a person "
       "without capacity: by a parent or guardian; for the deceased: by next of kin), or after its withdrawal",
       "HRC rules of procedure, rule 99(b); CAT rules of procedure, rule 113(a)", steps=("consent_given",)),
    _f("un-reply-due", HI, "Reply to the UN committee due",
       "a reply the committee's letter asks for, or the State's observations, due within 10 working days or passed",
       "the committee's letter; CAT art. 22(3); ICCPR OP1 art. 4(2)", "un-state-observations", "un-reply-warning",
       steps=("un_correspondence", "author_comments_submitted", "state_observations_received")),
    _f("interim-measures-breached", C, "Interim measures breached",
       "un_interim_measures_breached, or deported after interim measures were requested or granted",
       "CAT rules of procedure, rule 114; HRC rules of procedure, rule 94; a breach of the State's obligations "
       "under CAT art. 22 and ICCPR OP1 art. 1"),
    _f("follow-up-overdue", ME, "Follow-up overdue", "State reply to Views overdue",
       "CAT rule 118(5); HRC Views (standard paragraph)", "follow-up-cat", "follow-up-hrc",
       steps=("state_follow_up_reply",)),
    _f("compensation-below-minimum", ME, "Compensation below the legal minimum",
       "Victims Compensation Fund payment below 30 MCI (torture), 40 MCI (grave harm), 50 MCI (death)",
       "Victims Compensation Fund Act art. 7; annual budget laws (MCI)", sources=f"{NGO} (Taldykorgan)"),
    _f("compensation-unpaid", ME, "Compensation awarded, not paid",
       "compensation_awarded with a date to be paid by, and no compensation_paid by that date",
       "the judgment or decision that awarded it; CAT art. 14; ICCPR art. 2(3)", steps=("compensation_paid",)),
    _f("stalled-case", IN, "Stalled case", "an open case with no event for 90 days",
       "CAT art. 12 (promptness)", "stalled"),
)

RULES_BY_ID: Mapping[str, Rule] = {r.id: r for r in RULES}


@dataclass(frozen=True)
class Settings:
    """Overrides of *(verify)* terms: term name → amount in the term's own unit."""

    overrides: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, amount in self.overrides.items():
            if name not in TERMS or not TERMS[name].verify:
                raise ValueError(f"{name!r} is not a configurable term; "
                                 f"configurable: {', '.join(n for n, t in TERMS.items() if t.verify)}")
            if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
                raise ValueError(f"{name}: the amount must be a positive whole number")

    def term(self, name: str, on: date) -> Term:
        """The term in force on ``on``; an override replaces only the current value, so events
        from before a change in the law are still judged by the law of their day."""
        legal = TERMS[name]
        term = legal.in_force(on)
        if name in self.overrides and term is legal.current:
            return Term(self.overrides[name], term.unit, term.movable)
        return term
