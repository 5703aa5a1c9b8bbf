"""The provisions a communication invokes, to the paragraph, and the events that support each (DOMAIN.md §9).

A provision is suggested only when the record holds events that meet it, and the suggestion names them,
so the lawyer sees why before confirming it. Some provisions are never suggested because the record
cannot show what they need (CAT art. 15 and ICCPR art. 14(3)(g): that a statement obtained under torture
was used; ICCPR art. 21: an assembly): the lawyer adds them, and the draft then asks for the facts.
ICCPR art. 2(3) is invoked only read with a substantive article.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from app.procedure.casefile import CaseFile
from app.procedure.results import Basis, Evaluation


@dataclass(frozen=True)
class Provision:
    code: str  # "CAT-2(1)", "ICCPR-10(2)(b)"
    article: str  # "2(1)"
    en: str  # what it protects, for the lawyer's choice
    ru: str
    cited_ru: str  # how a Russian text cites it: «пункт 1 статьи 2»


def _ru(article: str) -> str:
    """«статья 7», «пункт 1 статьи 2», «пункт 2 b) статьи 10», as UN Russian texts cite them."""
    parts = article.replace(")", "").split("(")
    if len(parts) == 1:
        return f"статья {parts[0]}"
    if len(parts) == 2:
        return f"пункт {parts[1]} статьи {parts[0]}"
    return f"пункт {parts[1]} {parts[2]}) статьи {parts[0]}"


def _p(code: str, en: str, ru: str) -> Provision:
    article = code.split("-", 1)[1]
    return Provision(code, article, en, ru, _ru(article))


CAT = (
    _p("CAT-1", "definition of torture", "определение пытки"),
    _p("CAT-2(1)", "effective measures to prevent torture", "эффективные меры по предупреждению пыток"),
    _p("CAT-3", "non-refoulement", "недопустимость высылки при угрозе пыток"),
    _p("CAT-11", "review of custody and interrogation", "надзор за содержанием под стражей и допросами"),
    _p("CAT-12", "prompt and impartial investigation", "быстрое и беспристрастное расследование"),
    _p("CAT-13", "right to complain, protection of the complainant",
       "право на жалобу и защита заявителя"),
    _p("CAT-14", "redress and rehabilitation", "возмещение и реабилитация"),
    _p("CAT-15", "exclusion of statements obtained by torture", "недопустимость показаний, полученных под пыткой"),
    _p("CAT-16", "cruel, inhuman or degrading treatment",
       "жестокое, бесчеловечное или унижающее достоинство обращение"),
)
ICCPR = (
    _p("ICCPR-2(3)", "effective remedy (read with a substantive article)",
       "эффективное средство правовой защиты (во взаимосвязи с материальной статьёй)"),
    _p("ICCPR-6(1)", "right to life", "право на жизнь"),
    _p("ICCPR-7", "torture and ill-treatment", "пытки и жестокое обращение"),
    _p("ICCPR-9(1)", "arbitrary detention", "произвольное задержание"),
    _p("ICCPR-9(2)", "to be informed of the reasons for arrest", "право знать причины ареста"),
    _p("ICCPR-9(3)", "to be brought promptly before a judge", "право быть незамедлительно доставленным к судье"),
    _p("ICCPR-9(4)", "to take proceedings before a court on the detention",
       "право на судебную проверку законности задержания"),
    _p("ICCPR-10(1)", "humane treatment in detention", "гуманное обращение с лишёнными свободы"),
    _p("ICCPR-10(2)(b)", "juveniles separated from adults", "раздельное содержание несовершеннолетних"),
    _p("ICCPR-14(3)(g)", "not to be compelled to confess", "право не быть принуждаемым к признанию вины"),
    _p("ICCPR-21", "peaceful assembly", "мирные собрания"),
    _p("ICCPR-24(1)", "protection of the child", "защита ребёнка"),
)
BY_COMMITTEE = {"CAT": CAT, "HRC": ICCPR}
BY_CODE = {p.code: p for p in CAT + ICCPR}
# Drafts saved before provisions were cited to the paragraph.
FORMER_CODES = {"CAT-2": "CAT-2(1)", "ICCPR-9": "ICCPR-9(1)", "ICCPR-10": "ICCPR-10(1)",
                "ICCPR-14": "ICCPR-14(3)(g)", "ICCPR-24": "ICCPR-24(1)"}
NEVER_SUGGESTED = ("CAT-15", "ICCPR-14(3)(g)", "ICCPR-21", "ICCPR-9(2)", "ICCPR-9(4)")


def current_codes(codes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(FORMER_CODES.get(code, code) for code in codes))


@dataclass(frozen=True)
class Suggestion:
    code: str
    events: tuple[Hashable, ...]  # the events that meet it
    flags: tuple[str, ...]  # the red flags on record that support it


ILL_TREATMENT = ("incident", "death_in_custody")
INJURY_EVIDENCE = ("medical_exam", "forensic_exam_result")
CUSTODY_FLAGS = ("unofficial-place-of-detention", "custody-over-limit", "detention-time-gap",
                 "no-medical-exam-on-detention", "relatives-not-notified", "no-lawyer-from-actual-detention",
                 "interrogation-without-lawyer", "minor-without-representative", "minor-parents-not-notified",
                 "minor-long-or-night-interrogation", "minor-held-with-adults")
INVESTIGATION_FLAGS = ("unregistered-complaint", "forwarded-to-implicated-body", "torture-as-cruel-treatment",
                       "investigated-by-implicated-agency", "no-forensic-exam", "no-psychological-exam",
                       "evidence-ignored", "terminated-lack-of-evidence", "decision-not-served",
                       "investigation-overdue", "qualified-as-lesser-offence", "not-investigated-by-prosecutor",
                       "video-evidence-lost", "plea-bargain-in-torture-case")
COMPLAINT_FLAGS = ("reprisal", "forwarded-to-implicated-body", "decision-not-served", "unregistered-complaint",
                   "victim-held-by-implicated-ministry")
INVESTIGATION_EVENTS = ("complaint_filed", "registered_urpti", "forwarded_without_registration", "registration_refused",
                        "written_off", "qualification_changed", "investigation_opened", "investigation_terminated",
                        "decision_served", "appeal_filed", "appeal_decided", "not_done")
REMOVAL = ("asylum_applied", "asylum_refused", "asylum_appeal_filed", "expulsion_ordered", "deported")


def suggest_for_case(committee: str, case: CaseFile, evaluation: Evaluation) -> list[Suggestion]:
    """The provisions the record supports, each with its events and flags, in the treaty's order."""
    # only the flags the record shows: an absence is a question for the lawyer, not a violation to allege
    flags: dict[str, list[Hashable]] = {}
    for flag in evaluation.flags:
        if flag.basis is Basis.RECORD:
            flags.setdefault(flag.rule, []).extend(flag.events)
    record = _Record(case, flags)
    out = _cat(record) if committee == "CAT" else _hrc(record)
    order = [p.code for p in BY_COMMITTEE[committee]]
    return sorted(out, key=lambda s: order.index(s.code))


class _Record:
    """The events and flags a suggestion rests on."""

    def __init__(self, case: CaseFile, flags: dict[str, list[Hashable]]) -> None:
        self.case, self.flags = case, flags
        self.ill = self.refs(*ILL_TREATMENT) + tuple(
            e.ref for e in case.events if e.type in INJURY_EVIDENCE
            and (e.get("injuries") or e.get("finding") == "consistent"))
        self.death = self.refs("death_in_custody")
        self.custody = self.refs("apprehension", "interrogation", "held_with_adults")
        self.investigation = self.refs(*INVESTIGATION_EVENTS)
        self.removal = self.refs(*REMOVAL) if self.refs("expulsion_ordered", "deported") else ()
        self.investigation_failed = any(r in flags for r in INVESTIGATION_FLAGS)

    def refs(self, *types: str) -> tuple[Hashable, ...]:
        return tuple(e.ref for e in self.case.events if e.type in types)

    def has(self, *rules: str) -> bool:
        return any(r in self.flags for r in rules)

    def suggest(self, code: str, events: Iterable[Hashable], rules: Iterable[str]) -> Suggestion:
        rules = tuple(r for r in rules if r in self.flags)
        flagged = [ref for r in rules for ref in self.flags[r]]
        return Suggestion(code, tuple(dict.fromkeys([*events, *flagged])), rules)


def _cat(r: _Record) -> list[Suggestion]:
    out = []
    if r.ill:
        out += [r.suggest("CAT-1", r.ill, ()), r.suggest("CAT-2(1)", r.custody, CUSTODY_FLAGS)]
    if r.removal:
        out.append(r.suggest("CAT-3", r.removal, ("refoulement-risk",)))
    if r.has("unofficial-place-of-detention", "custody-over-limit", "detention-time-gap", "minor-held-with-adults",
             "minor-long-or-night-interrogation"):
        out.append(r.suggest("CAT-11", r.custody, CUSTODY_FLAGS))
    # a complaint is an allegation of ill-treatment: art. 12 applies to it even before an incident is recorded
    if (r.ill or r.death or r.refs("complaint_filed")) and (r.investigation_failed or r.death) and r.investigation:
        out.append(r.suggest("CAT-12", r.investigation, INVESTIGATION_FLAGS))
        out.append(r.suggest("CAT-14", r.refs("investigation_terminated", "compensation_claimed", "compensation_paid"),
                             ("compensation-below-minimum",)))
    if r.refs("complaint_filed") and r.has(*COMPLAINT_FLAGS):
        out.append(r.suggest("CAT-13", r.refs("complaint_filed", "reprisal"), COMPLAINT_FLAGS))
    if r.ill:  # in the alternative, should the Committee not find torture
        out.append(r.suggest("CAT-16", r.ill, ("minor-held-with-adults", "no-medical-care")))
    return out


def _hrc(r: _Record) -> list[Suggestion]:
    out = []
    if r.death:
        out.append(r.suggest("ICCPR-6(1)", r.death, ("death-in-custody",)))
    if r.ill or r.removal:
        out.append(r.suggest("ICCPR-7", r.ill or r.removal, ("refoulement-risk",)))
    if out and (r.investigation_failed or r.death) and r.investigation:  # 2(3) only with a substantive article
        out.append(r.suggest("ICCPR-2(3)", r.investigation, INVESTIGATION_FLAGS))
    if r.has("unofficial-place-of-detention", "custody-over-limit", "detention-time-gap"):
        out.append(r.suggest("ICCPR-9(1)", r.custody, ("unofficial-place-of-detention", "detention-time-gap")))
    if r.has("custody-over-limit"):
        out.append(r.suggest("ICCPR-9(3)", r.custody, ("custody-over-limit",)))
    if r.has("no-medical-care"):
        out.append(r.suggest("ICCPR-10(1)", r.custody, ("no-medical-care",)))
    if r.has("minor-held-with-adults"):
        out.append(r.suggest("ICCPR-10(2)(b)", r.refs("held_with_adults"), ("minor-held-with-adults",)))
    if r.case.minor and (r.ill or r.custody):
        out.append(r.suggest("ICCPR-24(1)", r.ill + r.custody, ("minor-without-representative",
                                                                 "minor-parents-not-notified",
                                                                 "minor-long-or-night-interrogation")))
    return out


def suggested_codes(committee: str, case: CaseFile, evaluation: Evaluation) -> list[str]:
    return [s.code for s in suggest_for_case(committee, case, evaluation)]
