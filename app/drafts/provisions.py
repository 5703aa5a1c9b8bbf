"""The provisions a communication can invoke, and which the facts suggest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.procedure.casefile import CaseFile
from app.procedure.results import Basis, Evaluation


@dataclass(frozen=True)
class Provision:
    code: str  # "CAT-1", "ICCPR-7"
    article: str  # "1", "2(3)"
    en: str
    ru: str


CAT = (
    Provision("CAT-1", "1", "definition of torture", "определение пытки"),
    Provision("CAT-2", "2", "duty to prevent torture", "обязанность предупреждать пытки"),
    Provision("CAT-3", "3", "non-refoulement", "недопустимость высылки при угрозе пыток"),
    Provision("CAT-12", "12", "prompt and impartial investigation", "быстрое и беспристрастное расследование"),
    Provision("CAT-13", "13", "right to complain and protection against reprisals",
              "право на жалобу и защита от преследования"),
    Provision("CAT-14", "14", "redress and rehabilitation", "возмещение и реабилитация"),
    Provision("CAT-15", "15", "exclusion of statements obtained by torture",
              "недопустимость показаний, полученных под пыткой"),
    Provision("CAT-16", "16", "cruel, inhuman or degrading treatment",
              "жестокое, бесчеловечное или унижающее достоинство обращение"),
)
ICCPR = (
    Provision("ICCPR-2(3)", "2(3)", "effective remedy", "эффективное средство правовой защиты"),
    Provision("ICCPR-7", "7", "prohibition of torture and ill-treatment", "запрет пыток и жестокого обращения"),
    Provision("ICCPR-9", "9", "liberty and security of person", "право на свободу и личную неприкосновенность"),
    Provision("ICCPR-10", "10", "humane treatment in detention", "гуманное обращение с лишенными свободы"),
    Provision("ICCPR-14", "14", "fair trial guarantees", "гарантии справедливого судебного разбирательства"),
    Provision("ICCPR-24", "24", "protection of the child", "защита ребенка"),
)
BY_COMMITTEE = {"CAT": CAT, "HRC": ICCPR}
BY_CODE = {p.code: p for p in CAT + ICCPR}

_CUSTODY_FLAGS = {"custody-over-limit", "detention-time-gap", "relatives-not-notified",
                  "unofficial-place-of-detention", "no-medical-exam-on-detention"}
_INVESTIGATION_FLAGS = {"unregistered-complaint", "forwarded-to-implicated-body", "investigated-by-implicated-agency",
                        "no-forensic-exam", "evidence-ignored", "terminated-lack-of-evidence", "decision-not-served",
                        "torture-as-cruel-treatment", "death-in-custody", "video-evidence-lost"}


def suggest(committee: str, flags: Iterable[str], *, minor: bool, detained: bool) -> list[str]:
    """Provisions the facts point to, for the lawyer to confirm or change."""
    flags = set(flags)
    if committee == "CAT":
        codes = ["CAT-1", "CAT-2", "CAT-12", "CAT-13", "CAT-14", "CAT-16"]
        if "refoulement-risk" in flags:
            codes = ["CAT-3"] + [c for c in codes if c not in ("CAT-1", "CAT-12", "CAT-13", "CAT-14", "CAT-16")]
        if flags & {"interrogation-without-lawyer", "minor-without-representative"}:
            codes.append("CAT-15")
        return sorted(set(codes), key=lambda c: int(c.split("-")[1]))
    codes = ["ICCPR-7", "ICCPR-2(3)"]
    if detained or flags & _CUSTODY_FLAGS:
        codes += ["ICCPR-9", "ICCPR-10"]
    if flags & {"interrogation-without-lawyer", "minor-without-representative"}:
        codes.append("ICCPR-14")
    if minor:
        codes.append("ICCPR-24")
    order = [p.code for p in ICCPR]
    return sorted(set(codes), key=order.index)


def suggest_for_case(committee: str, case: CaseFile, evaluation: Evaluation) -> list[str]:
    """:func:`suggest` from a case's timeline and its evaluation."""
    # the flags the record shows: an absence is a question for the lawyer, not a violation to allege
    return suggest(committee, [f.rule for f in evaluation.flags if f.basis is Basis.RECORD], minor=case.minor,
                   detained=bool(case.of_type("apprehension")))


def investigation_failed(flags: Iterable[str]) -> bool:
    return bool(set(flags) & _INVESTIGATION_FLAGS)
