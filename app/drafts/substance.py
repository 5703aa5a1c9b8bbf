"""The complaint, article by article: the law, the facts of the record that meet it, the breaches the record
shows, and the committees' own case law (DOMAIN.md §9).

What the record cannot show (the purpose of the ill-treatment, the pain as the victim recounts it, which
statement was used in evidence) is asked of counsel as a visible question, never filled in.
"""

from __future__ import annotations

import re
from collections.abc import Hashable

from app.drafts.authors import Named
from app.drafts.language import date_phrase, format_day, format_of, format_when
from app.drafts.model import HEADING, CaseLawView, DraftInput, EventView, question
from app.drafts.phrases import BODY_RU_BY, body_name
from app.drafts.provisions import BY_CODE
from app.procedure.results import Basis, Flag

# What each provision requires, as the treaty and the committees put it: law, not fact.
STANDARD = {
    "CAT-1": ("Article 1 of the Convention defines torture as any act by which severe pain or suffering, physical or "
              "mental, is intentionally inflicted on a person for such purposes as obtaining a confession, punishing "
              "or intimidating, by or at the instigation of or with the consent or acquiescence of a public official "
              "or other person acting in an official capacity.",
              "Статья 1 Конвенции определяет пытку как любое действие, которым какому-либо лицу умышленно причиняется "
              "сильная боль или страдание, физическое или нравственное, чтобы получить от него признание, наказать "
              "или запугать его, когда такая боль или страдание причиняются государственным должностным лицом или "
              "иным лицом, выступающим в официальном качестве, или по их подстрекательству, или с их ведома или "
              "молчаливого согласия."),
    "CAT-2(1)": ("Under article 2(1), the State party must take effective legislative, administrative, judicial or "
                 "other measures to prevent acts of torture, including the fundamental safeguards owed from the outset "
                 "of deprivation of liberty: prompt access to a lawyer and to a doctor, and notification of relatives.",
                 "Согласно пункту 1 статьи 2 государство-участник обязано принимать эффективные законодательные, "
                 "административные, судебные и другие меры для предупреждения актов пыток, включая основные "
                 "гарантии с момента фактического лишения свободы: незамедлительный доступ к адвокату и врачу и "
                 "уведомление родственников."),
    "CAT-3": ("Article 3 prohibits the expulsion, return or extradition of a person to another State where there are "
              "substantial grounds for believing that the person would be in danger of being subjected to torture; "
              "the person must have an effective opportunity to challenge the removal before it is carried out.",
              "Статья 3 запрещает высылать, возвращать или выдавать лицо другому государству, если существуют "
              "серьёзные основания полагать, что ему может угрожать там применение пыток; лицо должно иметь "
              "эффективную возможность обжаловать высылку до её исполнения."),
    "CAT-11": ("Article 11 requires the State party to keep under systematic review its rules and practices of "
               "interrogation and of custody, with a view to preventing torture.",
               "Статья 11 обязывает государство-участник систематически рассматривать правила, инструкции, методы и "
               "практику проведения допросов и содержания под стражей в целях предотвращения пыток."),
    "CAT-12": ("Article 12 requires the competent authorities to proceed to a prompt and impartial investigation "
               "wherever there is reasonable ground to believe that an act of torture has been committed.",
               "Статья 12 требует, чтобы компетентные органы проводили быстрое и беспристрастное расследование, "
               "когда имеются достаточные основания полагать, что было совершено действие, являющееся пыткой."),
    "CAT-13": ("Article 13 guarantees the right to complain to, and to have the case promptly and impartially examined "
               "by, the competent authorities, and requires that the complainant be protected against ill-treatment "
               "or intimidation as a consequence of the complaint.",
               "Статья 13 гарантирует право на подачу жалобы компетентным органам и на быстрое и беспристрастное "
               "рассмотрение дела, а также защиту заявителя от жестокого обращения или запугивания в связи с "
               "жалобой."),
    "CAT-14": ("Article 14 guarantees the victim redress and an enforceable right to fair and adequate compensation, "
               "including the means for as full rehabilitation as possible; in the event of death, the dependants are "
               "entitled to compensation.",
               "Статья 14 гарантирует жертве возмещение и подкреплённое правовой санкцией право на справедливую и "
               "адекватную компенсацию, включая средства для возможно более полной реабилитации; в случае смерти "
               "право на компенсацию имеют её иждивенцы."),
    "CAT-15": ("Article 15 requires that any statement established to have been made as a result of torture not be "
               "invoked as evidence in any proceedings.",
               "Статья 15 требует, чтобы любое заявление, которое, как установлено, было сделано под пыткой, не "
               "использовалось в качестве доказательства в ходе любого судебного разбирательства."),
    "CAT-16": ("Article 16 requires the State party to prevent other acts of cruel, inhuman or degrading treatment "
               "or punishment committed by or with the acquiescence of a public official, and applies articles 10 to "
               "13 to them.",
               "Статья 16 обязывает государство-участник предупреждать другие акты жестокого, бесчеловечного или "
               "унижающего достоинство обращения и наказания, совершаемые государственным должностным лицом или с "
               "его молчаливого согласия, и распространяет на них статьи 10–13."),
    "ICCPR-2(3)": ("Article 2(3), read with the substantive articles invoked, requires an effective remedy: a prompt, "
                   "thorough and impartial investigation of the allegations, the prosecution of those responsible and "
                   "full reparation.",
                   "Пункт 3 статьи 2 во взаимосвязи с указанными материальными статьями требует эффективного "
                   "средства правовой защиты: быстрого, тщательного и беспристрастного расследования, привлечения "
                   "виновных к ответственности и полного возмещения."),
    "ICCPR-6(1)": ("Article 6(1) protects the right to life; when a person dies in custody, the State party must "
                   "provide a plausible explanation and investigate the death promptly, effectively and independently.",
                   "Пункт 1 статьи 6 защищает право на жизнь; в случае смерти лица под стражей государство-участник "
                   "обязано дать правдоподобное объяснение и быстро, эффективно и независимо расследовать смерть."),
    "ICCPR-7": ("Article 7 prohibits torture and cruel, inhuman or degrading treatment, absolutely and without "
                "exception.",
                "Статья 7 абсолютно и без исключений запрещает пытки и жестокое, бесчеловечное или унижающее "
                "достоинство обращение."),
    "ICCPR-9(1)": ("Article 9(1) prohibits arbitrary arrest and detention and any deprivation of liberty other than on "
                   "grounds and in accordance with procedures established by law.",
                   "Пункт 1 статьи 9 запрещает произвольный арест и содержание под стражей, а также лишение свободы "
                   "иначе как на основаниях и в соответствии с процедурой, установленными законом."),
    "ICCPR-9(2)": ("Article 9(2) requires that anyone arrested be informed at the time of arrest of the reasons for it "
                   "and promptly of any charges.",
                   "Пункт 2 статьи 9 требует сообщать каждому арестованному при аресте причины ареста и в срочном "
                   "порядке любое предъявленное обвинение."),
    "ICCPR-9(3)": ("Article 9(3) requires that anyone arrested on a criminal charge be brought promptly before a "
                   "judge.",
                   "Пункт 3 статьи 9 требует, чтобы каждый задержанный по уголовному обвинению в срочном порядке "
                   "доставлялся к судье."),
    "ICCPR-9(4)": ("Article 9(4) entitles anyone deprived of liberty to take proceedings before a court on the "
                   "lawfulness of the detention.",
                   "Пункт 4 статьи 9 даёт каждому лишённому свободы право на разбирательство его дела в суде на "
                   "предмет законности задержания."),
    "ICCPR-10(1)": ("Article 10(1) requires that all persons deprived of their liberty be treated with humanity and "
                    "with respect for their inherent dignity.",
                    "Пункт 1 статьи 10 требует гуманного обращения со всеми лишёнными свободы и уважения их "
                    "достоинства."),
    "ICCPR-10(2)(b)": ("Article 10(2)(b) requires that accused juveniles be separated from adults.",
                       "Пункт 2 b) статьи 10 требует, чтобы обвиняемые несовершеннолетние содержались отдельно от "
                       "совершеннолетних."),
    "ICCPR-14(3)(g)": ("Article 14(3)(g) guarantees the right not to be compelled to testify against oneself or to "
                       "confess guilt.",
                       "Пункт 3 g) статьи 14 гарантирует право не быть принуждаемым к даче показаний против самого "
                       "себя или к признанию себя виновным."),
    "ICCPR-21": ("Article 21 protects the right of peaceful assembly.", "Статья 21 защищает право на мирные собрания."),
    "ICCPR-24(1)": ("Article 24(1) entitles every child to the measures of protection required by the status of a "
                    "minor.",
                    "Пункт 1 статьи 24 гарантирует каждому ребёнку меры защиты, необходимые в его положении как "
                    "малолетнего."),
}

# A breach the record shows (a red flag with basis "record"), as counsel argues it.
BREACH = {
    "no-lawyer-from-actual-detention": ("On {on} the victim was questioned without having had access to a lawyer "
                                        "since the actual apprehension.",
                                        "{on} {v} был[|а] допрошен[|а], не имея доступа к адвокату с момента "
                                        "фактического задержания."),
    "interrogation-without-lawyer": ("The victim was interrogated without a lawyer ({on}).",
                                     "{V} был[|а] допрошен[|а] без адвоката ({on})."),
    "minor-without-representative": ("The victim, a child, was interrogated without a lawyer or a legal "
                                     "representative ({on}).",
                                     "{V}, будучи несовершеннолетн[им|ей], был[|а] допрошен[|а] без адвоката и "
                                     "законного представителя ({on})."),
    "minor-parents-not-notified": ("The child's legal representative was not notified of the apprehension in time "
                                   "({on}).",
                                   "Законный представитель несовершеннолетнего не был своевременно уведомлён о "
                                   "задержании ({on})."),
    "minor-long-or-night-interrogation": ("The child was interrogated for longer than the law allows or at night "
                                          "({on}).",
                                          "Несовершеннолетний допрашивался дольше, чем допускает закон, или в ночное "
                                          "время ({on})."),
    "minor-held-with-adults": ("The child was held together with adults ({on}).",
                               "Несовершеннолетний содержался вместе со взрослыми ({on})."),
    "unofficial-place-of-detention": ("The victim was held in an unofficial place of detention ({on}).",
                                      "{V} содержал[ся|ась] в неофициальном месте лишения свободы ({on})."),
    "custody-over-limit": ("The victim was held beyond the legal custody limit without a court decision ({on}).",
                           "{V} содержал[ся|ась] под стражей сверх установленного законом срока без решения "
                           "суда ({on})."),
    "detention-time-gap": ("The detention record gives a later time than the actual apprehension ({on}).",
                           "В протоколе задержания указано более позднее время, чем время фактического задержания "
                           "({on})."),
    "relatives-not-notified": ("The relatives were not notified of the detention in time ({on}).",
                               "Родственники не были своевременно уведомлены о задержании ({on})."),
    "no-medical-care": ("The injuries were neither treated nor reported to the prosecutor in time ({on}).",
                        "Телесные повреждения не были своевременно ни вылечены, ни доведены до сведения прокурора "
                        "({on})."),
    "forwarded-to-implicated-body": ("{when} the complaint was sent, without registration, to the agency whose "
                                     "officers were accused.",
                                     "{when} жалоба без регистрации была направлена в ведомство, сотрудники которого "
                                     "обвинялись."),
    "unregistered-complaint": ("The record shows that the complaint was not entered in the Unified Register of "
                               "Pre-Trial Investigations ({on}).",
                               "Материалы показывают, что жалоба не была внесена в Единый реестр досудебных "
                               "расследований ({on})."),
    "torture-as-cruel-treatment": ("The allegations of torture were qualified as a lesser offence ({on}).",
                                   "Заявления о пытках были квалифицированы как менее тяжкое правонарушение ({on})."),
    "qualified-as-lesser-offence": ("The acts were qualified as a lesser offence than torture ({on}).",
                                    "Деяния были квалифицированы как менее тяжкое правонарушение, чем пытка ({on})."),
    "investigated-by-implicated-agency": ("The investigation was entrusted to the agency of the alleged perpetrators "
                                          "({on}).",
                                          "Расследование было поручено ведомству предполагаемых виновных ({on})."),
    "not-investigated-by-prosecutor": ("The investigation was not conducted by the prosecutor's office, as the law "
                                       "requires for torture since 2023 ({on}).",
                                       "Расследование проводилось не органами прокуратуры, как того требует закон в "
                                       "отношении пыток с 2023 г. ({on})."),
    "evidence-ignored": ("The investigation was closed although forensic findings supported the victim's account "
                         "({on}).",
                         "Расследование было прекращено, хотя выводы экспертизы подтверждали показания "
                         "{v_gen} ({on})."),
    "terminated-lack-of-evidence": ("{when} the investigation was terminated under article 35(1) of the Code of "
                                    "Criminal Procedure.",
                                    "{when} расследование было прекращено на основании части 1 статьи 35 УПК "
                                    "Республики Казахстан."),
    "decision-not-served": ("The decision of {on} closing the investigation was not served on the victim.",
                            "Постановление от {on} о прекращении расследования не было вручено {v_dat}."),
    "no-forensic-exam": ("The record shows that no forensic examination was ordered ({on}).",
                         "Материалы показывают, что судебно-медицинская экспертиза не назначалась ({on})."),
    "video-evidence-lost": ("Video recordings that were evidence were lost ({on}).",
                            "Видеозаписи, являвшиеся доказательствами, были утрачены ({on})."),
    "reprisal": ("The victim was subjected to reprisals after complaining ({on}).",
                 "{V} подверг[ся|лась] преследованию после подачи жалобы ({on})."),
    "reprisal/pressure_to_withdraw": ("The victim was pressured to withdraw the complaint ({on}).",
                                      "На {v_acc} оказывалось давление с целью отзыва жалобы ({on})."),
    "reprisal/threat": ("The victim was threatened after complaining ({on}).",
                        "{V} подвергал[ся|ась] угрозам после подачи жалобы ({on})."),
    "victim-held-by-implicated-ministry": ("The victim remained in the custody of the ministry whose officers were "
                                           "accused ({on}).",
                                           "{V} оставал[ся|ась] под стражей в ведомстве, сотрудники которого "
                                           "обвинялись ({on})."),
    "refoulement-risk": ("The victim was removed while the asylum procedure, including the term to appeal, was not "
                         "over ({on}).",
                         "{V} был[|а] выслан[|а] до завершения процедуры предоставления убежища, включая срок "
                         "обжалования ({on})."),
    "plea-bargain-in-torture-case": ("The case was closed by a plea bargain ({on}).",
                                     "Дело было завершено процессуальным соглашением ({on})."),
    "compensation-below-minimum": ("The compensation paid was below the legal minimum ({on}).",
                                   "Выплаченная компенсация была ниже установленного законом минимума ({on})."),
    "investigation-overdue": ("The investigation exceeded its legal term ({on}).",
                              "Расследование вышло за установленный законом срок ({on})."),
}
UNTIL = ("no-lawyer-from-actual-detention", "refoulement-risk")  # dated by the breach's last event
SUPERSEDED_BY = {"interrogation-without-lawyer": "minor-without-representative"}
# Which breaches each provision rests on.
BREACHES_OF = {
    "CAT-2(1)": ("no-lawyer-from-actual-detention", "interrogation-without-lawyer", "minor-without-representative",
                 "minor-parents-not-notified", "relatives-not-notified", "unofficial-place-of-detention",
                 "custody-over-limit", "detention-time-gap", "no-medical-care"),
    "CAT-3": ("refoulement-risk",),
    "CAT-11": ("unofficial-place-of-detention", "custody-over-limit", "detention-time-gap",
               "minor-long-or-night-interrogation"),
    "CAT-16": ("minor-held-with-adults", "no-medical-care"),
    "CAT-12": ("forwarded-to-implicated-body", "unregistered-complaint", "torture-as-cruel-treatment",
               "qualified-as-lesser-offence", "investigated-by-implicated-agency", "not-investigated-by-prosecutor",
               "no-forensic-exam", "evidence-ignored", "video-evidence-lost", "terminated-lack-of-evidence",
               "investigation-overdue", "plea-bargain-in-torture-case"),
    "CAT-13": ("forwarded-to-implicated-body", "decision-not-served", "reprisal", "victim-held-by-implicated-ministry"),
    "CAT-14": ("terminated-lack-of-evidence", "compensation-below-minimum"),
    "ICCPR-7": ("refoulement-risk", "no-medical-care"),
    "ICCPR-2(3)": ("forwarded-to-implicated-body", "unregistered-complaint", "torture-as-cruel-treatment",
                   "qualified-as-lesser-offence", "investigated-by-implicated-agency", "not-investigated-by-prosecutor",
                   "no-forensic-exam", "evidence-ignored", "video-evidence-lost", "terminated-lack-of-evidence",
                   "decision-not-served", "investigation-overdue"),
    "ICCPR-9(1)": ("unofficial-place-of-detention", "detention-time-gap"),
    "ICCPR-9(3)": ("custody-over-limit",),
    "ICCPR-10(1)": ("no-medical-care",),
    "ICCPR-10(2)(b)": ("minor-held-with-adults",),
    "ICCPR-24(1)": ("minor-without-representative", "minor-parents-not-notified", "minor-long-or-night-interrogation",
                    "minor-held-with-adults"),
}
# Provisions argued together under one heading: the first is the heading's article.
READ_WITH = {"CAT-1": ("CAT-2(1)",)}
ILL = ("incident", "death_in_custody")
BODY_EN_BY = {"police": "police officers", "national_guard": "members of the National Guard",
              "military": "members of the armed forces"}


_FORMS = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")


def agree(template: str, who: Named, language: str) -> str:
    """A Russian template agreed with the victim's sex: "{V} был[|а] выслан[|а]". Where the record does not give
    the sex, the victim is «предполагаемая жертва» (a feminine noun, correct for anyone)."""
    if language != "ru":
        return template
    known = who.sex in ("male", "female")
    subject = who.short if known and who.short else "предполагаемая жертва"
    feminine = who.sex == "female" or not known
    # a name is not declined here (that needs a dictionary): the oblique cases use the procedural status
    if known:
        oblique = {"v_dat": "потерпевшей" if feminine else "потерпевшему",
                   "v_gen": "потерпевшей" if feminine else "потерпевшего",
                   "v_acc": "потерпевшую" if feminine else "потерпевшего"}
    else:
        oblique = {"v_dat": "предполагаемой жертве", "v_gen": "предполагаемой жертвы", "v_acc": "предполагаемую жертву"}
    text = _FORMS.sub(lambda m: m.group(2) if feminine else m.group(1), template)
    return text.replace("{V}", subject[0].upper() + subject[1:]).replace("{v}", subject) \
        .replace("{v_dat}", oblique["v_dat"]).replace("{v_gen}", oblique["v_gen"]).replace("{v_acc}", oblique["v_acc"])


def article_phrase(code: str, language: str) -> str:
    provision = BY_CODE[code]
    return provision.cited_ru if language == "ru" else f"article {provision.article}"


def instrument(committee: str, language: str) -> str:
    if language == "ru":
        return "Конвенции" if committee == "CAT" else "Пакта"
    return "of the Convention" if committee == "CAT" else "of the Covenant"


def heading_of(codes: list[str], committee: str, language: str) -> str:
    first, *rest = codes
    if first == "ICCPR-2(3)" and rest:
        if language == "ru":
            return (f"{HEADING}Пункт 3 статьи 2 во взаимосвязи с "
                    + " и ".join(_instrumental(article_phrase(c, "ru")) for c in rest) + " Пакта")
        return (f"{HEADING}Article 2(3), read with " + " and ".join(article_phrase(c, "en") for c in rest)
                + ", of the Covenant")
    if language == "ru":
        text = article_phrase(first, "ru")
        text = text[0].upper() + text[1:]
        if rest:
            text += " во взаимосвязи с " + " и ".join(_instrumental(article_phrase(c, "ru")) for c in rest)
        return f"{HEADING}{text} {instrument(committee, 'ru')}"
    text = "Article " + BY_CODE[first].article
    if rest:
        text += ", read with " + " and ".join(article_phrase(c, "en") for c in rest) + ","
    return f"{HEADING}{text} {instrument(committee, 'en')}"


def _instrumental(cited: str) -> str:
    """«пункт 1 статьи 2» → «пунктом 1 статьи 2», «статья 1» → «статьёй 1»."""
    if cited.startswith("пункт "):
        return "пунктом " + cited[len("пункт "):]
    return "статьёй " + cited[len("статья "):]


def groups(codes: list[str]) -> list[list[str]]:
    """The provisions as the complaint argues them: art. 1 with 2(1); art. 2(3) last, read with the substantive
    articles."""
    out: list[list[str]] = []
    taken: set[str] = set()
    for code in codes:
        if code in taken or code == "ICCPR-2(3)":
            continue
        group = [code] + [c for c in READ_WITH.get(code, ()) if c in codes]
        taken.update(group)
        out.append(group)
    if "ICCPR-2(3)" in codes:
        out.append(["ICCPR-2(3)", *[c for c in codes if c in ("ICCPR-6(1)", "ICCPR-7")]])
    return out


def complaint_paragraphs(data: DraftInput, who: Named, author: str, footnote) -> list[str]:
    """The complaint section's paragraphs: per provision group, law, record, breaches, case law, conclusion.
    ``footnote(event)`` gives an event's [[source]] marker; ``author`` is how the text calls the author."""
    language, ru = data.language, data.language == "ru"
    by_ref = {e.ref: e for e in data.events}
    record = [f for f in data.evaluation.flags if f.basis is Basis.RECORD]
    out: list[str] = []
    cited: set[str] = set()  # each decision or comment once, under the first article it supports
    for group in groups(data.provisions):
        out.append(heading_of(group, data.committee, language))
        argued = group[:1] if group[0] == "ICCPR-2(3)" else group
        for code in argued:
            out.append(STANDARD[code][1 if ru else 0])
        facts = _facts_for(group, data, who, footnote)
        out += facts
        breaches = _breaches(argued, record, by_ref, language, footnote, who)
        if not breaches and group[0] in ("CAT-12", "ICCPR-2(3)"):
            out.append(question("изложите, какое расследование было проведено и почему оно не было быстрым, "
                                "беспристрастным и эффективным" if ru else
                                "set out what investigation was conducted and why it was not prompt, impartial and "
                                "effective"))
        if breaches:
            out.append(("Материалы дела показывают следующие процессуальные нарушения. " if ru else
                        "The record shows the following procedural breaches. ") + " ".join(breaches))
        for law in [law for law in _case_law(group, record, data.case_law, data.committee)
                    if law.key not in cited][:2]:
            cited.add(law.key)
            out.append(_cite_law(law, language))
        articles = _and([article_phrase(c, "ru") for c in argued], "ru") if ru else articles_en(argued)
        if argued != group:
            articles += (" во взаимосвязи с " + _and([_instrumental(article_phrase(c, "ru")) for c in group[1:]], "ru")
                         if ru else ", read with " + articles_en(group[1:]))
        if ru:
            out.append(f"{author[0].upper() + author[1:]} утверждает, что государство-участник нарушило "
                       f"{_accusative(articles)} {instrument(data.committee, 'ru')}.")
        else:
            out.append(f"{author[0].upper() + author[1:]} therefore submits that the State party violated {articles} "
                       f"{instrument(data.committee, 'en')}.")
    return out


def _and(items: list[str], language: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" и " if language == "ru" else " and ") + items[-1]


def articles_en(codes: list[str]) -> str:
    """"article 7", "articles 1, 2(1) and 12": as the committees' English cites several articles."""
    numbers = [BY_CODE[c].article for c in codes]
    return ("article " if len(numbers) == 1 else "articles ") + _and(numbers, "en")


def _accusative(cited: str) -> str:
    return cited.replace("статья ", "статью ")


def _facts_for(group: list[str], data: DraftInput, who: Named, footnote) -> list[str]:
    """The facts of the record that meet the group's first article; a question where the record cannot say."""
    ru = data.language == "ru"
    code = group[0]
    removal = any(e.type in ("expulsion_ordered", "deported") for e in data.events)
    if code == "CAT-16" and "CAT-1" in data.provisions:
        return ["В качестве альтернативного довода, если Комитет не признает изложенные действия пыткой, заявитель "
                "утверждает, что они представляют собой жестокое, бесчеловечное или унижающее достоинство обращение "
                "по смыслу статьи 16." if ru else
                "In the alternative, should the Committee not find that the acts set out above amount to torture, the "
                "complainant submits that they constitute cruel, inhuman or degrading treatment within the meaning "
                "of article 16."]
    if code in ("CAT-1", "CAT-16", "ICCPR-7") and data.case_file.of_type(*ILL):
        return _ill_treatment(code, data, who, footnote)
    if code == "ICCPR-7" and removal:
        return ["Статья 7 запрещает также высылку лица в страну, где ему угрожает такое обращение." if ru else
                "Article 7 also prohibits exposing a person to that danger by removal to another country.",
                question("изложите, в чём состояла личная и реальная опасность такого обращения в стране "
                         "назначения, и доказательства этого" if ru else
                         "set out the personal and real risk of such treatment in the country of destination, and "
                         "its evidence")]
    if code == "ICCPR-6(1)":
        return [(f"{date_phrase(death.when, 'ru')} " + agree("{v} скончал[ся|ась] под стражей.", who, "ru")
                 if ru else f"{date_phrase(death.when, 'en')} {who.short} died in custody.") + footnote(death)
                for death in data.events if death.type == "death_in_custody"]
    if code in ("CAT-15", "ICCPR-14(3)(g)"):
        return [question("какое заявление, полученное под пыткой, было использовано в качестве доказательства и в "
                         "каком решении" if ru else
                         "which statement obtained under torture was used as evidence, and in which decision")]
    if code == "ICCPR-21":
        return [question("в каком собрании участвовал потерпевший и как было ограничено это право" if ru else
                         "which assembly the victim took part in, and how the right was restricted")]
    if code == "CAT-3" and removal:
        return [question("изложите, в чём состояла личная и реальная опасность пыток в стране назначения, и "
                         "доказательства этого" if ru else
                         "set out the personal and real risk of torture in the country of destination, and its "
                         "evidence")]
    return []


def _ill_treatment(code: str, data: DraftInput, who: Named, footnote) -> list[str]:
    """The elements of torture or ill-treatment the record meets: the acts, the injuries, the official, the custody."""
    language, ru = data.language, data.language == "ru"
    out: list[str] = []
    ill = [e for e in data.events if e.type in ILL]
    dates = ", ".join(dict.fromkeys(format_when(e.when, language) for e in ill))
    injuries = [e for e in data.events if (e.type == "medical_exam" and e.fields.get("injuries"))
                or (e.type == "forensic_exam_result" and e.fields.get("finding") == "consistent")]
    agency = data.case_file.perpetrator_agency
    if ru:
        out.append(agree("Как изложено выше, {v} подверг[ся|лась] жестокому обращению", who, "ru")
                   + f" ({dates}).{''.join(footnote(e) for e in ill[:1])}")
    else:
        out.append(f"As set out above, {who.short} was subjected to ill-treatment ({dates})."
                   f"{''.join(footnote(e) for e in ill[:1])}")
    if injuries:
        days = ", ".join(dict.fromkeys(format_when(e.when, language) for e in injuries))
        out.append((f"Телесные повреждения отмечены при медицинских осмотрах ({days})."
                    if ru else f"Medical examinations recorded injuries ({days}).")
                   + "".join(footnote(e) for e in injuries[:2]))
    else:
        dead = bool(data.case_file.of_type("death_in_custody"))
        if dead:
            out.append(question("опишите боль и страдания так, как их описывают родственники, свидетели и "
                                "судебно-медицинские заключения" if ru else
                                "describe the pain and suffering as relatives, witnesses and the forensic reports "
                                "describe them"))
        else:
            out.append(question("опишите боль и страдания так, как о них рассказывает потерпевший, и приведите "
                                "медицинские доказательства" if ru else
                                "describe the pain and suffering as the victim recounts them, with the medical "
                                "evidence"))
    if agency and agency not in ("unknown", "other") and not ru:
        by = BODY_EN_BY.get(agency, "officers of " + body_name(agency, "en"))
        out.append(f"The acts were committed by {by}, public officials acting in an official capacity.")
    elif agency and agency not in ("unknown", "other"):
        by = BODY_RU_BY.get(agency, f"сотрудниками органа «{body_name(agency, 'ru')}»")
        out.append(f"Эти действия совершены {by}, то есть государственными должностными лицами, "
                   "действовавшими в официальном качестве.")
    else:
        out.append(question("кто совершил эти действия и в каком качестве" if ru else
                            "who committed the acts, and in what official capacity"))
    if code == "CAT-1":
        out.append(question("укажите цель (получение признания, наказание, запугивание), как её показывают "
                            "материалы" if ru else
                            "state the purpose (to obtain a confession, to punish, to intimidate) as the record "
                            "shows it"))
    if _in_custody_when_hurt(data):
        out.append(agree("Изложенное выше происходило, когда {v} находил[ся|ась] под стражей после фактического "
                         "задержания; за любое повреждение, полученное лицом под стражей, государство-участник "
                         "обязано дать правдоподобное объяснение.", who, "ru") if ru
                   else "The acts set out above took place while the victim was in custody after the actual "
                   "apprehension; it is for the State party to give a plausible explanation of any injury a person "
                   "sustains in custody.")
    return out


def _in_custody_when_hurt(data: DraftInput) -> bool:
    """An apprehension recorded before the ill-treatment (or the death) and no release in between."""
    held = False
    for event in data.events:
        if event.type == "apprehension":
            held = True
        elif event.type == "release":
            held = False
        elif event.type in ILL and held:
            return True
    return False


def _breaches(group: list[str], record: list[Flag], by_ref: dict[Hashable, EventView], language: str,
              footnote, who: Named) -> list[str]:
    wanted = [rule for code in group for rule in BREACHES_OF.get(code, ())]
    out = []
    present = {f.rule for f in record}
    for rule in dict.fromkeys(wanted):
        if rule in SUPERSEDED_BY and SUPERSEDED_BY[rule] in present:
            continue
        flags = [f for f in record if f.rule == rule]
        if not flags or rule not in BREACH:
            continue
        events = [by_ref[r] for f in flags for r in f.events if r in by_ref]
        # the breach is dated by the step it concerns (the decision not served), or by its end ("until")
        dated = events[-1] if rule in UNTIL else events[0] if events else None
        on = format_of(dated.when, language) if dated else ""
        when = date_phrase(dated.when, language) if dated else ""
        template = BREACH.get(f"{rule}/{dated.fields.get('kind')}", BREACH[rule]) if dated else BREACH[rule]
        if rule in UNTIL and dated is not None:
            on = format_when(dated.when, language)
        text = agree(template[1 if language == "ru" else 0], who, language).format(on=on, when=when)
        text = re.sub(r"\.\.$", ".", text.replace(" ()", "")).strip()
        out.append(text[0].upper() + text[1:] + (footnote(events[-1]) if events else ""))
    return out


def _case_law(group: list[str], record: list[Flag], library: list[CaseLawView], committee: str) -> list[CaseLawView]:
    rules = {f.rule for f in record}
    # an entry tied to red flags is cited only where the record shows one of them (a death-in-custody holding
    # does not argue a case of no death)
    fitting = [law for law in library if set(law.provisions) & set(group) and law.committee == committee
               and (not law.rules or set(law.rules) & rules)]
    # those supporting a breach on record first, then decisions against Kazakhstan before general comments
    return sorted(fitting, key=lambda law: (not (set(law.rules) & rules), law.kind == "general_comment"))


def _cite_law(law: CaseLawView, language: str) -> str:
    text = _citation(law, language)
    if not law.verified:
        text += " " + question("сверьте символ, дату и номера пунктов с текстом документа: в библиотеке они не "
                               "проверены" if language == "ru" else
                               "check the symbol, date and paragraph numbers against the text itself: the library "
                               "has not verified them")
    return text


def _citation(law: CaseLawView, language: str) -> str:
    if language == "ru":
        if law.kind == "general_comment":
            return f"См. {law.title_ru}, {law.symbol}: {law.holding_ru}"
        kind = "решение" if law.kind == "decision" else "соображения"
        when = f" от {format_day(law.adopted, 'ru')}" if law.adopted else ""
        return f"См. {law.title_ru}, {law.symbol}, {kind}{when}: {law.holding_ru}"
    if law.kind == "general_comment":
        return f"See {law.title_en}, {law.symbol}: {law.holding_en}"
    kind = "decision" if law.kind == "decision" else "Views"
    when = f" of {format_day(law.adopted, 'en')}" if law.adopted else ""
    return f"See {law.title_en}, {law.symbol}, {kind}{when}: {law.holding_en}"
