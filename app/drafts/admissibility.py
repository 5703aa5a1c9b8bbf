"""What stands in the way of a communication, checked before drafting.

Blockers make a communication inadmissible as the file stands; warnings need an argument
in the draft. Each finding says what to do about it, as a Phrase (app/procedure/phrase.py):
its English text, said in the reader's language on the draft pages. Committees are codes
(CAT, HRC) in every language; dates keep the form the English writes them in.

Plain Python: no Flask.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.procedure.casefile import CaseFile
from app.procedure.consent import consent_to_file
from app.procedure.phrase import Label, Phrase
from app.procedure.results import Evaluation, Status
from app.procedure.rules.international import who_consents
from app.procedure.vocabulary import COMMITTEES, EVENT_TYPES_BY_NAME, label_of


@dataclass(frozen=True)
class Procedure:
    """Whether Kazakhstan accepted a committee's individual communications (an admin edits this)."""

    committee: str
    available: bool
    in_force_since: date | None = None
    note: str = ""


# DOMAIN.md §7; the app keeps an editable copy in the database.
DEFAULT_PROCEDURES = (
    Procedure("CAT", True, date(2008, 2, 21), "art. 22 declaration made in 2008 (CAT/C/KAZ/CO/2)"),
    Procedure("HRC", True, date(2009, 9, 30), "ICCPR OP1 in force 30.09.2009; acts or omissions after that "
              "date only (the ratification law's declaration)"),
    Procedure("CEDAW", True, None, "OP ratified 2001"),
    Procedure("CRPD", True, None, "OP ratified 2023"),
    Procedure("CED", False, None, "no art. 31 declaration found: not available"),
)


@dataclass(frozen=True)
class Finding:
    level: str  # "blocker" or "warning"
    code: str
    message: Phrase  # its English text; said in the reader's language with app.wording.said


ILL_TREATMENT = ("incident", "apprehension", "interrogation", "death_in_custody", "reprisal", "expulsion_ordered",
                 "deported")


def check(case: CaseFile, evaluation: Evaluation, committee: str, procedures: dict[str, Procedure],
          as_of: datetime) -> list[Finding]:
    findings = [*_procedure(case, committee, procedures), *_remedies(case, evaluation),
                *_other_bodies(case, committee), *_consent(case, committee)]
    if committee == "HRC":
        findings += _hrc_window(evaluation, as_of, procedures)
    elif any(f.rule == "cat-delay" for f in evaluation.flags):
        findings.append(Finding("warning", "cat-delay",
                                Phrase("More than five years have passed since the last domestic decision: the "
                                       "Committee against Torture sets no fixed term, but a delay that makes the "
                                       "examination unduly difficult must be explained (rule 113(f)).")))
    return sorted(findings, key=lambda f: f.level != "blocker")


def _procedure(case: CaseFile, committee: str, procedures: dict[str, Procedure]):
    procedure = procedures.get(committee)
    if procedure is None or not procedure.available:
        if procedure and procedure.note:  # the note is the admin's own text, shown as written
            message = Phrase("Kazakhstan has not accepted individual communications to %(committee)s (%(note)s).",
                             committee=committee, note=procedure.note)
        else:
            message = Phrase("Kazakhstan has not accepted individual communications to %(committee)s.",
                             committee=committee)
        yield Finding("blocker", "procedure-not-accepted", message)
        return
    if procedure.in_force_since:
        facts = case.of_type(*ILL_TREATMENT)
        before = [e for e in facts if e.when.latest().date() < procedure.in_force_since]
        if facts and len(before) == len(facts):
            yield Finding("blocker", "ratione-temporis",
                          Phrase("Every recorded fact predates %(since)s, when the procedure took effect for "
                                 "Kazakhstan: argue a continuing violation or choose another committee.",
                                 since=_dotted(procedure.in_force_since)))
        elif before:
            yield Finding("warning", "ratione-temporis",
                          Phrase("Some facts predate %(since)s: the Committee can examine only what happened "
                                 "after, or continuing effects.", since=_dotted(procedure.in_force_since)))


def _remedies(case: CaseFile, evaluation: Evaluation):
    complaints = case.of_type("complaint_filed", "appeal_filed", "asylum_appeal_filed")
    if not complaints:
        yield Finding("blocker", "remedies-not-used",
                      Phrase("No complaint or appeal is recorded: domestic remedies have not been used."))
    decided = len(case.of_type("appeal_decided"))
    if len(case.of_type("appeal_filed")) > decided:
        yield Finding("blocker", "remedies-pending",
                      Phrase("An appeal is still undecided: wait for the decision, or argue that the remedy is "
                             "unreasonably prolonged or ineffective."))
    if "investigation" in evaluation.stages:
        yield Finding("warning", "investigation-open",
                      Phrase("The investigation is still open: argue that it is ineffective or unreasonably "
                             "prolonged."))
    for termination in case.of_type("investigation_terminated"):
        if not list(case.after(termination, "appeal_filed")):
            yield Finding("blocker", "termination-not-appealed",
                          Phrase("The termination of %(when)s was never appealed: complain to the investigating "
                                 "judge (CPC 106) or explain why that remedy was not available.",
                                 when=str(termination.when)))
    if any(f.rule == "decision-not-served" for f in evaluation.flags):
        yield Finding("warning", "decision-not-served",
                      Phrase("A decision was never served: explain in the draft why its appeal term could not "
                             "be used."))


def _other_bodies(case: CaseFile, committee: str):
    """The same matter elsewhere, only as the record shows it: the CAT examines no matter that has been or is
    being examined elsewhere (art. 22(5)(a)); the HRC none being examined at the same time (OP1 art. 5(2)(a))."""
    known = False
    for submitted in case.of_type("un_communication_submitted"):
        known = True
        other = submitted.get("committee")
        if other != committee:
            yield Finding("blocker", "same-matter-elsewhere",
                          Phrase("The same matter was submitted to %(other)s on %(when)s: a committee will not "
                                 "examine a matter pending before or decided by another international body.",
                                 other=str(other), when=str(submitted.when)))
        else:
            yield Finding("warning", "already-submitted",
                          Phrase("A communication to %(committee)s is already recorded (%(when)s).",
                                 committee=committee, when=str(submitted.when)))
    for other in case.of_type("other_international_procedure"):
        known = True
        pending = other.get("status") != "concluded"
        if committee == "CAT":
            yield Finding("blocker", "same-matter-elsewhere",
                          Phrase("The record shows the matter before %(procedure)s (%(when)s): CAT art. 22(5)(a) bars "
                                 "a matter that has been or is being examined elsewhere.",
                                 procedure=str(other.get("procedure") or ""), when=str(other.when)))
        elif pending:
            yield Finding("blocker", "same-matter-elsewhere",
                          Phrase("The record shows the matter before %(procedure)s (%(when)s): OP1 art. 5(2)(a) bars "
                                 "a matter being examined elsewhere at the same time.",
                                 procedure=str(other.get("procedure") or ""), when=str(other.when)))
        else:
            yield Finding("warning", "same-matter-concluded",
                          Phrase("The record shows the matter examined by %(procedure)s (%(when)s, concluded): the "
                                 "Committee may examine it, unless a reservation of the State says otherwise.",
                                 procedure=str(other.get("procedure") or ""), when=str(other.when)))
    confirmed = any(f.get("step") in ("other_international_procedure", "un_communication_submitted")
                    for f in case.of_type("not_done"))
    if not known and not confirmed:
        yield Finding("warning", "same-matter-unknown",
                      Phrase("The record does not say whether the same matter was submitted to another "
                             "international procedure: ask, and record the answer (the draft shows the question)."))




def _consent(case: CaseFile, committee: str):
    """Who may consent, and whether the record holds a consent in force (DOMAIN.md §9; HRC rule 99(b), CAT rule
    113(a))."""
    state = consent_to_file(case, committee)
    if state.in_force:
        return
    who = who_consents(state)
    if state.withdrawn is not None:
        yield Finding("blocker", "consent-withdrawn",
                      Phrase("The consent to the communication was withdrawn on %(when)s: nothing may be drafted "
                             "for submission or sent unless it is given again.", when=str(state.withdrawn.when)))
    else:
        yield Finding("blocker", "consent-missing",
                      Phrase("No written consent of %(who)s to a communication to the %(committee)s is recorded: "
                             "record it (event '%(event)s', with the signed document) before submitting.",
                             who=who, committee=Label(label_of(COMMITTEES, committee)),
                             event=Label(EVENT_TYPES_BY_NAME["consent_given"].label)))


def _hrc_window(evaluation: Evaluation, as_of: datetime, procedures: dict[str, Procedure]):
    for deadline in evaluation.deadlines:
        if deadline.rule != "hrc-5y":
            continue
        status = deadline.status(as_of)
        if status in (Status.MISSED, Status.NOT_RECORDED):
            cat = procedures.get("CAT")
            if cat is not None and cat.available:
                yield Finding("blocker", "hrc-five-years",
                              Phrase("More than five years have passed since the last domestic decision: the Committee "
                                     "may find the communication an abuse of the right of submission (rule 99(c)) "
                                     "unless the delay is justified. The Committee against Torture sets no fixed "
                                     "term (rule 113(f)): draft to the CAT instead."))
            else:
                yield Finding("blocker", "hrc-five-years",
                              Phrase("More than five years have passed since the last domestic decision: the Committee "
                                     "may find the communication an abuse of the right of submission (rule 99(c)) "
                                     "unless the delay is justified."))
        elif any(f.rule == "hrc-window-closing" for f in evaluation.flags):
            yield Finding("warning", "hrc-window-closing",
                          Phrase("The five years since the last domestic decision end soon: submit before "
                                 "%(day)s.", day=_dotted(deadline.due.due)) if deadline.due
                          else Phrase("The five-year window closes soon."))


def _dotted(day: date | datetime) -> str:
    """A day as the findings write it in every language: 21.02.2008."""
    return f"{day:%d.%m.%Y}"
