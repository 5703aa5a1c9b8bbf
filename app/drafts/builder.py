"""Building a communication from a case file: sections of paragraphs with their sources (DOMAIN.md §7–§9).

It states only what the record shows (§8): facts come from events, each with its source; a red flag
enters the argument only when the record shows the breach; whatever the form needs and the record
lacks is a visible question for counsel. The narrative sections (facts, exhaustion, other procedures,
complaint, requests) are plain text a lawyer can rewrite (conventions in ``app.drafts.model``); the
author block, the provisions and the annexes are always rebuilt from the current case file.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import timedelta

from app.drafts.authors import author_block, named
from app.drafts.citations import cite
from app.drafts.language import date_phrase, format_day, format_of, format_when, section_title, word
from app.drafts.model import (  # noqa: F401  (re-exported: the app and the tests import them from here)
    CaseLawView,
    DocumentView,
    Draft,
    DraftInput,
    EventView,
    PersonView,
    Representative,
    Section,
    Table,
    paragraphs_of,
    question,
    split_sources,
)
from app.drafts.phrases import FORUM_EN, FORUM_RU, GROUND, OUTCOME, body_name, sentence
from app.drafts.provisions import BY_CODE
from app.drafts.substance import _and, articles_en, complaint_paragraphs
from app.procedure.results import Basis, Flag

EDITABLE = ("facts", "exhaustion", "other_procedures", "complaint", "requests")
ORDER = ("author", "state", "exhaustion", "other_procedures", "facts", "complaint", "requests", "annexes")
REMEDY_TYPES = ("complaint_filed", "forwarded_without_registration", "registration_refused", "written_off",
                "investigation_terminated", "investigation_resumed", "decision_served", "appeal_filed",
                "appeal_decided", "verdict", "asylum_appeal_filed", "asylum_appeal_decided")
NOT_FACTS = ("authorization_signed", "consent_given", "consent_withdrawn", "other_international_procedure",
             # the committee's own file, after the submission
             "un_case_registered", "un_correspondence", "state_observations_received", "author_comments_submitted",
             "follow_up_assessment", "state_follow_up_reply", "implementation")
DECISIONS = ("investigation_terminated", "appeal_decided", "verdict", "asylum_refused", "asylum_appeal_decided",
             "expulsion_ordered", "registration_refused", "written_off", "forwarded_without_registration")
MEDICAL = ("medical_exam", "forensic_exam_result")
UN_LANGUAGES = ("en", "ru", "fr", "es", "ar", "zh")


def is_remedy(event: EventView) -> bool:
    """A step of the domestic remedies; the victim's own trial is none (Zhilin's conviction)."""
    return event.type in REMEDY_TYPES and not (event.type == "verdict" and event.fields.get("defendant") == "victim")


def on_record(data: DraftInput) -> list[Flag]:
    """The red flags the record shows (DOMAIN.md §8): an absence is a question for the lawyer, never
    a statement to a committee."""
    return [f for f in data.evaluation.flags if f.basis is Basis.RECORD]


class _Context:
    """What every section of one draft shares: the annex numbers and how the text names the parties."""

    def __init__(self, data: DraftInput) -> None:
        self.data = data
        self.language = data.language
        self.ru = data.language == "ru"
        self.cat = data.committee == "CAT"
        order = {e.ref: i for i, e in enumerate(data.events)}
        linked = [d for d in data.documents if d.event in order]
        linked.sort(key=lambda d: order[d.event])
        self.annexes: list[DocumentView] = linked
        self.annex_of = {d.ref: i for i, d in enumerate(linked, 1)}
        self.docs_of: dict[Hashable, list[DocumentView]] = {}
        for document in linked:
            self.docs_of.setdefault(document.event, []).append(document)
        self.by_ref = {e.ref: e for e in data.events}
        self.victim = data.victims[0] if data.victims else None
        self.who = named(self.victim, self.language)
        self.authors = author_block(data)

    @property
    def author(self) -> str:
        """How the text calls the author: «заявитель», "the authors"."""
        if self.ru:
            return ("заявители" if self.cat else "авторы") if self.authors.plural else ("заявитель" if self.cat
                                                                                       else "автор")
        noun = "complainant" if self.cat else "author"
        return f"the {noun}s" if self.authors.plural else f"the {noun}"

    def footnote(self, event: EventView) -> str:
        """The event's sources as one footnote: the primary documents first, then the reports."""
        parts = []
        for document in self.docs_of.get(event.ref, []):
            parts.append(f"{'Приложение' if self.ru else 'Annex'} {self.annex_of[document.ref]}: {document.title}")
        if event.document_title and not self.docs_of.get(event.ref):
            number = f" {'№' if self.ru else 'No.'} {event.document_number}" if event.document_number else ""
            title = event.document_title
            if self.ru and _latin(title):
                title = question(f"название документа на русском языке: {title}")
            parts.append(f"{title}{number}, {format_when(event.when, self.language)}")
        cited = cite(event.source, self.language)
        if cited:
            parts.append(cited)
        return f" [[{'; '.join(parts)}]]" if parts else ""


def _latin(text: str) -> bool:
    import re

    return bool(re.search(r"[A-Za-z]{2,}", text))


SECTIONS = {
    "facts": lambda c: _facts(c),
    "exhaustion": lambda c: _exhaustion(c),
    "other_procedures": lambda c: _other_procedures(c),
    "complaint": lambda c: complaint_paragraphs(c.data, c.who, c.author, c.footnote),
    "requests": lambda c: _requests(c),
}


def generate_texts(data: DraftInput, *, only: tuple[str, ...] = EDITABLE, context: _Context | None = None
                   ) -> dict[str, str]:
    """The generated version of the narrative sections (``only`` those)."""
    context = context or _Context(data)
    return {key: "\n\n".join(SECTIONS[key](context)) for key in only}


def build(data: DraftInput, *, blocked: str | None = None) -> Draft:
    """The draft; ``blocked`` (the admissibility blockers in words) marks one built despite them."""
    context = _Context(data)
    language = data.language
    missing = tuple(key for key in EDITABLE if not data.texts.get(key))  # a saved version has them all
    texts = {**{key: data.texts[key] for key in EDITABLE if key not in missing},
             **generate_texts(data, only=missing, context=context)}
    sections = {
        "author": Section("author", "", context.authors.lines, numbered=False),
        "state": Section("state", "", _state(context), numbered=False),
        "exhaustion": Section("exhaustion", "", paragraphs_of(texts["exhaustion"]), table=_remedies_table(context),
                              editable=True),
        "annexes": Section("annexes", "", _annexes(context), numbered=False),
    }
    for key in ("other_procedures", "facts", "complaint", "requests"):
        sections[key] = Section(key, "", paragraphs_of(texts[key]), editable=True)
    for key, section in sections.items():
        section.title = section_title(key, language, data.committee)
    committee = word(language, f"committee_{data.committee}")
    to = word(language, "to", committee=committee,
              **({"committee_to": word("ru", f"committee_to_{data.committee}")} if language == "ru" else {}))
    return Draft(
        title=word(language, f"title_{data.committee}"),
        to=to,
        notice=word(language, "draft_notice", reference=data.reference, date=format_day(data.today, language)),
        sections=[sections[key] for key in ORDER],
        language=language,
        blocked=word(language, "blocked", reasons=blocked) if blocked else None,
    )


# --- II. State party and provisions ----------------------------------------------------------------------
def _state(context: _Context) -> list[str]:
    data, ru = context.data, context.ru
    lines = ["Государство-участник: Республика Казахстан" if ru else "State party: Republic of Kazakhstan"]
    if not data.provisions:
        return [*lines, question("выберите нарушенные положения" if ru else "choose the provisions violated")]
    if ru:
        treaty = "Конвенции против пыток" if context.cat else "Международного пакта о гражданских и политических правах"
        lines.append(f"{context.author.capitalize()} "
                     f"{'утверждают' if context.authors.plural else 'утверждает'}, что Республика Казахстан нарушила "
                     f"следующие положения {treaty}:")
        lines += [f"— {BY_CODE[c].cited_ru} ({BY_CODE[c].ru})" for c in data.provisions]
    else:
        treaty = "Convention against Torture" if context.cat else "International Covenant on Civil and Political Rights"
        lines.append(f"{context.author.capitalize()} {'claim' if context.authors.plural else 'claims'} that the "
                     f"Republic of Kazakhstan violated the following provisions of the {treaty}:")
        lines += [f"— article {BY_CODE[c].article} ({BY_CODE[c].en})" for c in data.provisions]
    return lines


# --- V. Facts ----------------------------------------------------------------------------------------------
def _facts(context: _Context) -> list[str]:
    data, ru, language = context.data, context.ru, context.language
    out: list[str] = []
    if data.summary_in_draft:
        summary = data.summary_ru if ru else data.summary
        if summary:
            out += paragraphs_of(summary)
        elif ru:
            out.append(question("краткое изложение дела на русском языке не внесено (поле «Краткое изложение на "
                                "русском языке»)"))
    missing: list[str] = []
    for event in data.events:
        if event.type in NOT_FACTS:
            continue
        text = event.narrative_ru if ru else event.narrative
        if not text:
            text = sentence(event.type, event.when, event.body, _readable_fields(event, data), language)
            if ru:
                missing.append(format_when(event.when, "ru"))
        out.append(text.strip() + context.footnote(event))
    if missing:
        out.append(question("русский текст для сообщения не внесён для событий от " + ", ".join(missing)
                            + ": до его внесения они изложены кратким стандартным предложением"))
    return out or [question("в материалах дела нет событий" if ru else "the case file holds no events")]


def _readable_fields(event: EventView, data: DraftInput) -> dict:
    """Event references become the date of the event they point at."""
    by_ref = {e.ref: e for e in data.events}
    fields = dict(event.fields)
    for name in ("against", "decision", "refers_to"):
        if fields.get(name) in by_ref:
            fields[name] = format_when(by_ref[fields[name]].when, data.language)
    return fields


# --- III. Exhaustion -----------------------------------------------------------------------------------
def _remedies_table(context: _Context) -> Table:
    language, ru = context.language, context.ru
    rows = []
    for event in context.data.events:
        if not is_remedy(event):
            continue
        documents = context.docs_of.get(event.ref, [])
        if documents:
            document = "; ".join(f"{'Приложение' if ru else 'Annex'} {context.annex_of[d.ref]}" for d in documents)
        else:
            title = event.document_title or ""
            if ru and title and _latin(title):
                title = question("название на русском языке")
            document = " ".join(p for p in (title, event.document_number
                                            and f"{'№' if ru else 'No.'} {event.document_number}") if p) or "—"
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
    "investigation_resumed": ("Termination quashed, investigation resumed",
                              "Отмена постановления о прекращении, возобновление расследования"),
    "asylum_appeal_filed": ("Appeal against the refusal of asylum", "Обжалование отказа в убежище"),
    "asylum_appeal_decided": ("Decision on the asylum appeal", "Решение по жалобе об убежище"),
}


def _exhaustion(context: _Context) -> list[str]:
    data, ru, language = context.data, context.ru, context.language
    steps = [e for e in data.events if is_remedy(e)]
    author = context.author
    Author = author[0].upper() + author[1:]
    deported = next((e for e in data.events if e.type == "deported"), None)
    if not steps and deported is not None and any(f.rule == "refoulement-risk" for f in on_record(data)):
        return [(f"Применительно к статье 3 исчерпанию подлежат лишь средства правовой защиты, приостанавливающие "
                 f"высылку. {date_phrase(deported.when, 'ru')} {author} был выслан до истечения срока "
                 "обжалования отказа в предоставлении убежища, что лишило эти средства всякой эффективности."
                 if ru else
                 "Under article 3, only remedies with suspensive effect need be exhausted. "
                 f"{date_phrase(deported.when, 'en')} {author} was removed before the term to appeal against the "
                 "refusal of asylum had run out, which deprived those remedies of any effect.")
                + context.footnote(deported),
                question("укажите, когда было вручено решение об отказе в убежище и обжаловались ли отказ или "
                         "приговор" if ru else
                         "state when the refusal of asylum was served, and whether the refusal or the judgment was "
                         "appealed")]
    if not steps:
        return [question("в материалах не отражено ни одной жалобы: укажите использованные средства правовой защиты "
                         "или объясните, почему они были недоступны или неэффективны" if ru else
                         "no complaint or appeal is recorded: state the remedies used, or why none was available or "
                         "effective")]
    out = [("Внутренние средства правовой защиты, использованные по делу, приведены в таблице ниже." if ru else
            "The domestic remedies used are set out in the table below.")]
    record = {f.rule: f for f in on_record(data)}
    argued = []
    forwarded = [e for e in data.events if e.type == "forwarded_without_registration"]
    if "forwarded-to-implicated-body" in record and forwarded:
        event = forwarded[0]
        argued.append((f"{date_phrase(event.when, 'ru')} жалоба без регистрации была направлена в ведомство, "
                       "сотрудники которого обвинялись; такое средство правовой защиты не может быть эффективным."
                       if ru else
                       f"{date_phrase(event.when, 'en')} the complaint was forwarded, without registration, to the "
                       "agency whose officers were accused; a remedy left to the accused agency cannot be effective.")
                      + context.footnote(event))
    for event in [e for e in data.events if e.type == "investigation_terminated"]:
        ground = GROUND[language].get(event.fields.get("ground"), "")
        appeals = [e for e in data.events if e.type == "appeal_filed" and e.fields.get("against") == event.ref]
        text = (f"{date_phrase(event.when, 'ru')} расследование было прекращено {ground}." if ru else
                f"{date_phrase(event.when, 'en')} the investigation was terminated {ground}.").replace(" .", ".")
        out_text = text + context.footnote(event)
        for appeal in appeals:
            forum = (FORUM_RU if ru else FORUM_EN).get(appeal.fields.get("to_body"), "")
            out_text += (f" {date_phrase(appeal.when, 'ru')} это постановление было обжаловано {forum}." if ru else
                         f" {date_phrase(appeal.when, 'en')} a complaint against it was made {forum}.") \
                + context.footnote(appeal)
        argued.append(out_text)
    not_served = [e for e in data.events if e.type == "not_done" and e.fields.get("step") == "decision_served"]
    if "decision-not-served" in record and not_served:
        event = not_served[0]
        argued.append(("Постановление о прекращении расследования не было вручено потерпевшему, поэтому срок его "
                       "обжалования следственному судье (статья 106 УПК Республики Казахстан) не мог быть соблюдён: "
                       "это средство правовой защиты было фактически недоступно." if ru else
                       "The decision terminating the investigation was not served on the victim, so the term to "
                       "complain to the investigating judge (article 106 of the Code of Criminal Procedure) could not "
                       "be observed: that remedy was not available in practice.") + context.footnote(event))
    out += argued
    if any(f.rule == "cat-delay" for f in data.evaluation.flags) and context.cat:
        out.append(question("с последнего внутреннего решения прошло более пяти лет: объясните задержку (правило "
                            "113(f) правил процедуры Комитета)" if ru else
                            "more than five years have passed since the last domestic decision: explain the delay "
                            "(rule 113(f) of the Committee's rules of procedure)"))
    pending = [e for e in data.events if e.type == "appeal_filed"
               and not any(d.type == "appeal_decided" for d in data.events[data.events.index(e) + 1:])]
    if pending:
        out.append(question("решение по жалобе от " + format_of(pending[-1].when, "ru") + " в материалах не отражено: "
                            "выясните его или обоснуйте, почему рассмотрение неоправданно затягивается или не может "
                            "быть эффективным" if ru else
                            "no decision on the complaint of " + format_when(pending[-1].when, "en") + " is recorded: "
                            "find it out, or argue why the remedy is unreasonably prolonged or cannot be effective"))
    article = "пункта 5 b) статьи 22 Конвенции" if context.cat and ru else \
        "пункта 2 b) статьи 5 Факультативного протокола" if ru else \
        "article 22(5)(b) of the Convention" if context.cat else "article 5(2)(b) of the Optional Protocol"
    plural = context.authors.plural
    last = steps[-1]
    closed = last.type in ("appeal_decided", "verdict", "asylum_appeal_decided") and not pending
    if closed:
        out.append(f"{Author} {'утверждают' if plural else 'утверждает'}, что имеющиеся внутренние средства правовой "
                   f"защиты исчерпаны по смыслу {article}." if ru else
                   f"{Author} {'submit' if plural else 'submits'} that the available domestic remedies have been "
                   f"exhausted within the meaning of {article}.")
    else:
        out.append(f"{Author} {'утверждают' if plural else 'утверждает'}, что имеющиеся внутренние средства правовой "
                   f"защиты исчерпаны либо являются неэффективными или неоправданно затянутыми по смыслу {article}."
                   if ru else
                   f"{Author} {'submit' if plural else 'submits'} that the available domestic remedies have been "
                   f"exhausted or are ineffective and unreasonably prolonged within the meaning of {article}.")
    return out


# --- IV. Other procedures ----------------------------------------------------------------------------------
def _other_procedures(context: _Context) -> list[str]:
    data, ru, language = context.data, context.ru, context.language
    out = []
    for event in data.events:
        if event.type == "other_international_procedure":
            status = {"pending": ("находится на рассмотрении", "is pending"),
                      "concluded": ("рассмотрение завершено", "has been concluded")}.get(event.fields.get("status"))
            procedure = event.fields.get("procedure", "")
            if ru and _latin(procedure):
                procedure = question(f"название процедуры на русском языке: {procedure}")
            reference = f" ({event.fields['reference']})" if event.fields.get("reference") else ""
            if ru:
                out.append(f"{date_phrase(event.when, 'ru')} этот же вопрос был представлен на рассмотрение: "
                           f"{procedure}{reference}" + (f"; {status[0]}." if status else ".") + context.footnote(event))
            else:
                out.append(f"{date_phrase(event.when, 'en')} the same matter was submitted to {procedure}{reference}"
                           + (f"; it {status[1]}." if status else ".") + context.footnote(event))
        elif event.type == "un_communication_submitted" and event.fields.get("committee") != data.committee:
            committee = event.fields.get("committee", "")
            name = word(language, f"committee_{committee}") if committee in ("CAT", "HRC") else committee
            number = f" ({'№' if ru else 'No.'} {event.fields['number']})" if event.fields.get("number") else ""
            out.append((f"{date_phrase(event.when, 'ru')} сообщение было направлено в {name}{number}." if ru else
                        f"{date_phrase(event.when, 'en')} a communication was submitted to the {name}{number}.")
                       + context.footnote(event))
    confirmed = [e for e in data.events if e.type == "not_done" and e.fields.get("step")
                 in ("other_international_procedure", "un_communication_submitted")]
    if not out and confirmed:
        event = confirmed[-1]
        out.append(("Этот же вопрос не рассматривался и не рассматривается в рамках другой процедуры международного "
                    "разбирательства или урегулирования." if ru else
                    "The same matter has not been and is not being examined under another procedure of international "
                    "investigation or settlement.") + context.footnote(event))
    if not out:
        out.append(question("представлялся ли этот же вопрос в другую международную процедуру (другой комитет ООН, "
                            "специальную процедуру, например Рабочую группу по произвольным задержаниям)? Внесите "
                            "это событие или подтвердите, что нет" if ru else
                            "has the same matter been submitted to another international procedure (another UN "
                            "committee, a special procedure such as the Working Group on Arbitrary Detention)? "
                            "Record it, or confirm that it has not"))
    return out


# --- VII. Requests -------------------------------------------------------------------------------------------
def _requests(context: _Context) -> list[str]:
    data, ru = context.data, context.ru
    case = data.case_file
    author = context.author
    Author = author[0].upper() + author[1:]
    plural = context.authors.plural
    asks = ("просят" if plural else "просит") if ru else ("request" if plural else "requests")
    out = []
    interim = _interim_measures(context)
    if interim:
        rule = "114" if context.cat else "94"
        out.append(f"{Author} {asks} Комитет в соответствии с правилом {rule} его правил процедуры незамедлительно "
                    f"обратиться к государству-участнику с просьбой о принятии временных мер: {interim}." if ru else
                    f"{Author} {asks} the Committee, under rule {rule} of its rules of procedure, to ask the State "
                    f"party without delay to take interim measures: {interim}.")
    if data.provisions:
        if ru:
            cited = _and([BY_CODE[c].cited_ru.replace("статья ", "статью ") for c in data.provisions], "ru")
            out.append(f"{Author} {asks} Комитет признать, что государство-участник нарушило {cited} "
                       f"{'Конвенции' if context.cat else 'Пакта'}.")
        else:
            cited = articles_en(data.provisions)
            out.append(f"{Author} {asks} the Committee to find that the State party violated {cited} "
                       f"{'of the Convention' if context.cat else 'of the Covenant'}.")
    dead = bool(case.of_type("death_in_custody"))
    # an investigation is asked for where the record holds ill-treatment or the complaint invokes its duty
    ill = bool(case.of_type("incident", "death_in_custody", "medical_exam", "forensic_exam_result")) or bool(
        {"CAT-12", "CAT-14", "ICCPR-2(3)"} & set(data.provisions))
    removed = bool(case.of_type("deported"))
    remedies = []
    if ill:
        remedies.append("провести быстрое, беспристрастное и эффективное расследование, привлечь виновных к "
                        "ответственности и наказать их соразмерно тяжести содеянного" if ru else
                        "conduct a prompt, impartial and effective investigation, and prosecute and punish those "
                        "responsible in proportion to the gravity of their acts")
    if dead:
        remedies.append("предоставить семье потерпевшего полное возмещение, включая справедливую и адекватную "
                        "компенсацию" if ru else
                        "provide the victim's family with full reparation, including fair and adequate compensation")
    elif ill:
        remedies.append("предоставить потерпевшему полное возмещение, включая справедливую и адекватную компенсацию и "
                        "средства для возможно более полной реабилитации" if ru else
                        "provide the victim with full redress, including fair and adequate compensation and the means "
                        "for as full rehabilitation as possible")
    if removed:
        remedies.append("установить местонахождение и положение потерпевшего в стране, куда он был выслан, следить "
                        "за ним и принять меры, чтобы он не подвергся там пыткам, а также обеспечить ему возможность "
                        "вернуться и повторно подать ходатайство об убежище" if ru else
                        "ascertain the victim's whereabouts and situation in the country of removal, monitor it and "
                        "take steps to ensure that he is not subjected to torture there, and make it possible for him "
                        "to return and have his asylum claim examined anew")
    remedies.append("принять меры для предотвращения подобных нарушений в будущем" if ru else
                    "take measures to prevent similar violations in the future")
    out.append((f"{Author} {asks} Комитет рекомендовать государству-участнику: " if ru else
                f"{Author} {asks} the Committee to recommend that the State party: ") + "; ".join(remedies) + ".")
    return out


def _interim_measures(context: _Context) -> str:
    """The measure a present risk calls for (§9): a removal not yet carried out, a recent reprisal, a victim
    still held by the ministry of the accused officers. Nothing for a risk that is past."""
    data, ru = context.data, context.ru
    case = data.case_file
    measures = []
    ordered = case.of_type("expulsion_ordered")
    if ordered and not case.of_type("deported"):
        measures.append("не высылать потерпевшего, пока Комитет рассматривает сообщение" if ru else
                        "not to remove the victim while the Committee is considering the communication")
    recent = [e for e in case.of_type("reprisal") if e.when.latest().date() >= data.today - timedelta(days=90)]
    if recent:
        measures.append("защитить потерпевшего и его семью от преследования в связи с сообщением" if ru else
                        "protect the victim and the family from reprisals for the communication")
    if any(f.rule == "victim-held-by-implicated-ministry" for f in on_record(data)) \
            and "in_custody_now" in case.victim_flags:
        measures.append("перевести потерпевшего из-под контроля ведомства, сотрудники которого обвиняются, и "
                        "обеспечить ему независимое медицинское освидетельствование" if ru else
                        "transfer the victim out of the control of the ministry whose officers are accused, and "
                        "ensure an independent medical examination")
    return "; ".join(measures)


# --- VIII. Annexes ---------------------------------------------------------------------------------------------
def _annexes(context: _Context) -> list[str]:
    ru, language = context.ru, context.language
    out = []
    for number, document in enumerate(context.annexes, 1):
        event = context.by_ref[document.event]
        title = document.title
        if ru and _latin(title):
            title = question(f"название на русском языке: {title}")
        out.append(f"{'Приложение' if ru else 'Annex'} {number}. {title} ({format_when(event.when, language)}; "
                   f"{_language_status(document, ru)})")
    if not out:
        out.append(question("к событиям дела не привязано ни одного документа" if ru else
                            "no document of the case is linked to an event yet"))
    missing = _checklist(context)
    if missing:
        out.append("Недостающие документы (проверьте перед отправкой):" if ru else
                   "Still missing (check before sending):")
        out += [question(item) for item in missing]
    return out


LANGUAGE_NAMES = {"ru": ("Russian", "русский"), "kk": ("Kazakh", "казахский"), "en": ("English", "английский"),
                  "other": ("another language", "иной язык")}


def _language_status(document: DocumentView, ru: bool) -> str:
    name = LANGUAGE_NAMES.get(document.language or "")
    original = (f"язык оригинала: {name[1]}" if ru else f"original in {name[0]}") if name else \
        ("язык оригинала не указан" if ru else "language not recorded")
    translation = {"attached": ("перевод прилагается", "translation attached"),
                   "needed": ("перевод требуется", "translation needed"),
                   "none": ("перевод не требуется", "no translation needed")}.get(document.translation or "")
    return original + (f"; {translation[0 if ru else 1]}" if translation else "")


def _checklist(context: _Context) -> list[str]:
    """What a committee expects and the file lacks: the authorization, the decisions complained of, the medical
    records, the translations."""
    data, ru, language = context.data, context.ru, context.language
    missing = []
    consent = [e for e in data.events if e.type in ("consent_given", "authorization_signed")]
    if not any(context.docs_of.get(e.ref) for e in consent):
        missing.append("подписанное согласие и доверенность представителя" if ru else
                       "the signed consent and the representative's authorization")
    for event in data.events:
        if context.docs_of.get(event.ref):
            continue
        when = format_of(event.when, language)
        if event.type in DECISIONS and not (event.type == "verdict" and event.fields.get("defendant") == "victim"):
            missing.append(f"копия решения от {when} ({STEP_NAMES.get(event.type, ('', ''))[1]})" if ru else
                           f"a copy of the decision of {when} ({STEP_NAMES.get(event.type, ('', ''))[0]})")
        elif event.type in MEDICAL:
            missing.append(f"медицинский документ от {when}" if ru else f"the medical record of {when}")
    for document in context.annexes:
        if document.translation == "needed" or (document.language not in (None, *UN_LANGUAGES)
                                                and document.translation != "attached"):
            missing.append(f"перевод приложения {context.annex_of[document.ref]} на официальный язык ООН" if ru else
                           f"a translation of annex {context.annex_of[document.ref]} into an official UN language")
    return missing


STEP_NAMES = {
    "investigation_terminated": ("termination of the investigation", "прекращение расследования"),
    "appeal_decided": ("decision on the complaint", "решение по жалобе"),
    "verdict": ("verdict", "приговор"),
    "asylum_refused": ("refusal of asylum", "отказ в убежище"),
    "asylum_appeal_decided": ("decision on the asylum appeal", "решение по жалобе об убежище"),
    "expulsion_ordered": ("expulsion order", "решение о выдворении"),
    "registration_refused": ("refusal to register the complaint", "отказ в регистрации жалобы"),
    "written_off": ("writing-off of the complaint", "списание жалобы"),
    "forwarded_without_registration": ("forwarding without registration", "направление без регистрации"),
}
