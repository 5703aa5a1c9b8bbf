"""Building a communication from a case: sections of numbered paragraphs with sources.

Narrative sections (facts, remedies, other procedures, complaint, requests) are plain
text a lawyer can rewrite: paragraphs separated by a blank line, each source written as
``[[source]]`` where its footnote goes. The other sections (author, provisions, remedies
table, annexes) are always built from the current case file.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.drafts.language import SECTION_TITLES, date_phrase, format_day, format_when, word
from app.drafts.phrases import FORUM_EN, FORUM_RU, GROUND, OUTCOME, body_name, sentence
from app.drafts.provisions import BY_CODE
from app.procedure.casefile import CaseFile
from app.procedure.results import Basis, Evaluation, Flag
from app.procedure.when import When

EDITABLE = ("facts", "exhaustion", "other_procedures", "complaint", "requests")
ORDER = ("author", "state", "exhaustion", "other_procedures", "facts", "complaint", "requests", "annexes")
_MARKER = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)
REMEDY_TYPES = ("complaint_filed", "forwarded_without_registration", "registration_refused", "written_off",
                "investigation_terminated", "decision_served", "appeal_filed", "appeal_decided", "verdict",
                "asylum_appeal_filed", "asylum_appeal_decided")
NOT_FACTS = ("authorization_signed", "consent_given", "consent_withdrawn", "other_international_procedure")


def is_remedy(event: EventView) -> bool:
    """A step of the domestic remedies; the victim's own trial is none (Zhilin's conviction)."""
    return event.type in REMEDY_TYPES and not (event.type == "verdict" and event.fields.get("defendant") == "victim")


@dataclass(frozen=True)
class EventView:
    ref: Hashable
    type: str
    when: When
    body: str | None
    fields: dict[str, Any]
    source: str
    document_number: str | None = None
    document_title: str | None = None


@dataclass
class DraftInput:
    reference: str
    committee: str  # "CAT" or "HRC"
    language: str  # "en" or "ru"
    provisions: list[str]
    today: date
    victims: list[str]
    complainants: list[str]
    counsel: list[str]
    events: list[EventView]
    case_file: CaseFile
    evaluation: Evaluation
    texts: dict[str, str] = field(default_factory=dict)  # a lawyer's versions of EDITABLE sections


@dataclass
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str]  # may carry [[source]] markers
    numbered: bool = True
    table: Table | None = None
    editable: bool = False


@dataclass
class Draft:
    title: str
    to: str
    notice: str
    sections: list[Section]
    language: str


def split_sources(text: str) -> list[tuple[str, str | None]]:
    """A paragraph as (text, source) pieces: the source belongs at the end of its text."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in _MARKER.finditer(text):
        pieces.append((text[position:match.start()].rstrip(), match.group(1).strip()))
        position = match.end()
    if text[position:].strip():
        pieces.append((text[position:].rstrip(), None))
    return pieces


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def generate_texts(data: DraftInput) -> dict[str, str]:
    """The generated version of every narrative section."""
    return {
        "facts": "\n\n".join(_fact_paragraphs(data)),
        "exhaustion": "\n\n".join(_exhaustion_paragraphs(data)),
        "other_procedures": "\n\n".join(_other_procedure_paragraphs(data)),
        "complaint": "\n\n".join(_complaint_paragraphs(data)),
        "requests": "\n\n".join(_request_paragraphs(data)),
    }


def build(data: DraftInput) -> Draft:
    language = data.language
    generated = generate_texts(data)
    texts = {key: data.texts.get(key) or generated[key] for key in EDITABLE}
    sections = {
        "author": Section("author", "", _author_lines(data), numbered=False),
        "state": Section("state", "", [word(language, "state_party"), word(language, "provisions_intro")]
                         + [_provision_line(code, language) for code in data.provisions], numbered=False),
        "exhaustion": Section("exhaustion", "", paragraphs_of(texts["exhaustion"]), table=_remedies_table(data),
                              editable=True),
        "annexes": Section("annexes", "", _annexes(data), numbered=False),
    }
    for key in ("other_procedures", "facts", "complaint", "requests"):
        sections[key] = Section(key, "", paragraphs_of(texts[key]), editable=True)
    for key, section in sections.items():
        section.title = SECTION_TITLES[key][language]
    committee = word(language, f"committee_{data.committee}")
    return Draft(
        title=word(language, f"title_{data.committee}"),
        to=word(language, "to", committee=committee),
        notice=word(language, "draft_notice", reference=data.reference, date=format_day(data.today, language)),
        sections=[sections[key] for key in ORDER],
        language=language,
    )


def _no(language: str) -> str:
    return "№" if language == "ru" else "No."


def _author_lines(data: DraftInput) -> list[str]:
    language = data.language
    unknown = word(language, "unknown")
    lines = [f"{word(language, 'victim')}: {', '.join(data.victims) or unknown}"]
    authors = data.complainants or data.victims
    lines.append(f"{word(language, 'author')}: {', '.join(authors) or unknown}")
    lines.append(f"{word(language, 'representative')}: {', '.join(data.counsel) or unknown}")
    return lines


def _provision_line(code: str, language: str) -> str:
    provision = BY_CODE[code]
    instrument = ("Convention against Torture" if code.startswith("CAT") else "International Covenant on Civil "
                  "and Political Rights") if language == "en" else (
        "Конвенции против пыток" if code.startswith("CAT") else "Международного пакта о гражданских и "
        "политических правах")
    if language == "en":
        return f"article {provision.article} of the {instrument} ({provision.en})"
    return f"статьи {provision.article} {instrument} ({provision.ru})"


def _fact_paragraphs(data: DraftInput) -> list[str]:
    return [f"{sentence(e.type, e.when, e.body, _readable_fields(e, data), data.language)} [[{e.source}]]"
            for e in data.events if e.type not in NOT_FACTS]


def _readable_fields(event: EventView, data: DraftInput) -> dict[str, Any]:
    """Event references become the date of the event they point at."""
    by_ref = {e.ref: e for e in data.events}
    fields = dict(event.fields)
    for name in ("against", "decision"):
        if fields.get(name) in by_ref:
            fields[name] = format_when(by_ref[fields[name]].when, data.language)
    return fields


def _remedies_table(data: DraftInput) -> Table:
    language = data.language
    rows = []
    for event in data.events:
        if not is_remedy(event):
            continue
        document = " ".join(p for p in (event.document_title,
                                        event.document_number and f"{_no(language)} {event.document_number}")
                            if p) or "—"
        step, outcome = _remedy_step(event, language)
        body = event.fields.get("to_body") if event.type in ("complaint_filed", "forwarded_without_registration") \
            else event.body
        rows.append((format_when(event.when, language), body_name(body, language), document, step, outcome))
    return Table(word(language, "remedies_headers"), rows)


def _remedy_step(event: EventView, language: str) -> tuple[str, str]:
    ru = language == "ru"
    if event.type == "appeal_filed":
        forum = (FORUM_RU if ru else FORUM_EN).get(event.fields.get("to_body"), "")
        return (("Жалоба " if ru else "Complaint ") + forum, "")
    if event.type == "appeal_decided":
        return ("Решение по жалобе" if ru else "Decision on the complaint",
                OUTCOME[language].get(event.fields.get("outcome"), ""))
    if event.type == "investigation_terminated":
        return ("Прекращение расследования" if ru else "Investigation terminated",
                GROUND[language].get(event.fields.get("ground"), ""))
    if event.type == "verdict":
        return ("Приговор" if ru else "Verdict", sentence(event.type, event.when, event.body, event.fields,
                                                          language).split(": ", 1)[-1].rstrip("."))
    return (STEPS[event.type][1 if ru else 0], "")


STEPS = {
    "complaint_filed": ("Complaint filed", "Подача жалобы"),
    "forwarded_without_registration": ("Forwarded without registration", "Направление без регистрации"),
    "registration_refused": ("Registration refused", "Отказ в регистрации"),
    "written_off": ("Written off without investigation", "Списание без расследования"),
    "decision_served": ("Decision served", "Вручение решения"),
    "asylum_appeal_filed": ("Appeal against the refusal of asylum", "Обжалование отказа в убежище"),
    "asylum_appeal_decided": ("Decision on the asylum appeal", "Решение по жалобе об убежище"),
}


def _exhaustion_paragraphs(data: DraftInput) -> list[str]:
    language = data.language
    steps = [e for e in data.events if is_remedy(e)]
    if not steps:
        return [word(language, "no_remedies")]
    paragraphs = [word(language, "remedies_intro") + " "
                  + " ".join(f"{sentence(e.type, e.when, e.body, _readable_fields(e, data), language)} [[{e.source}]]"
                             for e in steps)]
    if any(f.rule == "decision-not-served" for f in on_record(data)):
        paragraphs.append(
            "Решение о прекращении расследования не было вручено потерпевшему, поэтому срок его обжалования "
            "следственному судье (ст. 106 УПК) не мог быть соблюден: это средство правовой защиты было фактически "
            "недоступным." if language == "ru" else
            "The termination decision was never served on the victim, so the term to complain to the investigating "
            "judge (CPC art. 106) could not be observed: that remedy was not available in practice.")
    return paragraphs


def _other_procedure_paragraphs(data: DraftInput) -> list[str]:
    language = data.language
    others = [e for e in data.events if e.type == "un_communication_submitted"]
    if not others:
        return [word(language, "no_other_procedure")]
    paragraphs = []
    for event in others:
        committee = event.fields.get("committee", "")
        name = word(language, f"committee_{committee}") if committee in ("CAT", "HRC") else committee
        number = f" ({_no(language)} {event.fields['number']})" if event.fields.get("number") else ""
        paragraphs.append(word(language, "other_procedure", on=date_phrase(event.when, language),
                               committee=name, number=number) + f" [[{event.source}]]")
    return paragraphs


ARGUMENTS = {
    "minor-without-representative": ("The victim, a child, was interrogated without a lawyer or a legal "
                                     "representative.",
                                     "Жертва, несовершеннолетний, была допрошена без адвоката и без законного "
                                     "представителя."),
    "interrogation-without-lawyer": ("The victim was interrogated without a lawyer.",
                                     "Жертва была допрошена без адвоката."),
    "unofficial-place-of-detention": ("The victim was held in an unofficial place of detention.",
                                      "Жертва содержалась в неофициальном месте лишения свободы."),
    "custody-over-limit": ("The victim was held beyond the legal custody limit without a court decision.",
                           "Жертва содержалась под стражей сверх установленного законом срока без решения суда."),
    "no-medical-care": ("The victim's injuries were neither treated nor reported in time.",
                        "Телесные повреждения жертвы не были своевременно ни вылечены, ни зафиксированы прокурором."),
    "forwarded-to-implicated-body": ("The complaint was sent, without registration, to the agency whose officers "
                                     "were accused.",
                                     "Жалоба без регистрации была направлена в ведомство, сотрудники которого "
                                     "обвинялись."),
    "unregistered-complaint": ("The complaint was never registered as a criminal report.",
                               "Жалоба так и не была зарегистрирована как сообщение о преступлении."),
    "evidence-ignored": ("The investigation was closed although forensic findings supported the victim's account.",
                         "Расследование было прекращено, хотя выводы экспертизы подтверждали показания жертвы."),
    "terminated-lack-of-evidence": ("The investigation was terminated under article 35(1) of the Code of Criminal "
                                    "Procedure, without anyone being charged.",
                                    "Расследование было прекращено по основанию части 1 статьи 35 УПК, никому не "
                                    "было предъявлено обвинение."),
    "decision-not-served": ("The decision closing the investigation was not served, depriving the victim of an "
                            "appeal.",
                            "Решение о прекращении расследования не было вручено, что лишило жертву возможности "
                            "обжалования."),
    "investigated-by-implicated-agency": ("The investigation was entrusted to the agency of the alleged perpetrators.",
                                          "Расследование было поручено ведомству предполагаемых виновных."),
    "death-in-custody": ("The victim died in the custody of the State.", "Жертва скончалась под стражей государства."),
    "reprisal": ("The victim was subjected to reprisals for complaining.",
                 "Жертва подверглась преследованию за подачу жалобы."),
    "refoulement-risk": ("The victim was expelled while the asylum procedure, including the appeal, was not over.",
                         "Жертва была выслана до завершения процедуры предоставления убежища, включая обжалование."),
    "video-evidence-lost": ("Video evidence was lost.", "Видеодоказательства были утрачены."),
}


def on_record(data: DraftInput) -> list[Flag]:
    """The red flags the record shows (DOMAIN.md §8): an absence is a question for the lawyer, never
    a statement to a committee."""
    return [f for f in data.evaluation.flags if f.basis is Basis.RECORD]


def _complaint_paragraphs(data: DraftInput) -> list[str]:
    language = data.language
    flags = list(dict.fromkeys(f.rule for f in on_record(data) if f.rule in ARGUMENTS))
    arguments = " ".join(ARGUMENTS[rule][1 if language == "ru" else 0] for rule in flags)
    paragraphs = []
    for code in data.provisions:
        line = _provision_line(code, language)
        paragraphs.append(f"Автор утверждает, что государство-участник нарушило положения {line}."
                           if language == "ru" else
                           f"The author claims that the State party violated {line}.")
    if arguments:
        paragraphs.append(("В частности: " if language == "ru" else "In particular: ") + arguments)
    return paragraphs


def _request_paragraphs(data: DraftInput) -> list[str]:
    language = data.language
    ru = language == "ru"
    articles = ", ".join(BY_CODE[c].article for c in data.provisions) or "—"
    paragraphs = [
        (f"Автор просит Комитет признать нарушение статей {articles}." if ru else
         f"The author requests the Committee to find a violation of articles {articles}."),
        ("Автор просит Комитет рекомендовать государству-участнику провести быстрое, беспристрастное и эффективное "
         "расследование, привлечь виновных к ответственности и предоставить жертве полное возмещение, включая "
         "компенсацию и реабилитацию." if ru else
         "The author requests the Committee to recommend that the State party conduct a prompt, impartial and "
         "effective investigation, prosecute those responsible and provide the victim with full redress, including "
         "compensation and rehabilitation."),
    ]
    urgent = {f.rule for f in on_record(data)} & {"refoulement-risk", "reprisal"}
    if urgent:
        rule = "114" if data.committee == "CAT" else "94"
        reason = ("угрозы высылки" if "refoulement-risk" in urgent else "преследования") if ru else (
            "the risk of removal" if "refoulement-risk" in urgent else "the reprisals")
        paragraphs.insert(0, (
            f"Ввиду {reason} автор просит Комитет в соответствии с правилом {rule} его правил процедуры "
            "незамедлительно запросить у государства-участника временные меры для предотвращения непоправимого "
            "вреда жертве." if ru else
            f"In view of {reason}, the author requests the Committee, under rule {rule} of its rules of procedure, "
            "to ask the State party without delay to take interim measures to avoid irreparable harm to the victim."))
    return paragraphs


def _annexes(data: DraftInput) -> list[str]:
    language = data.language
    annexes = []
    for event in data.events:
        if not (event.document_title or event.document_number):
            continue
        label = event.document_title or sentence(event.type, event.when, event.body, {}, language).rstrip(".")
        number = f" {_no(language)} {event.document_number}" if event.document_number else ""
        annexes.append(f"{label}{number} ({format_when(event.when, language)})")
    for event in data.events:
        if event.type == "authorization_signed":
            kind = event.fields.get("kind")
            label = {"consent": ("Consent of the victim", "Согласие жертвы"),
                     "power_of_attorney": ("Power of attorney", "Доверенность")}.get(kind, (kind, kind))
            annexes.append(f"{label[1 if language == 'ru' else 0]} ({format_when(event.when, language)})")
    if not annexes:
        return [word(language, "annex_none")]
    prefix = "Приложение" if language == "ru" else "Annex"
    return [f"{prefix} {i}. {text}" for i, text in enumerate(annexes, 1)]
