"""The two languages of the drafts (both official UN languages): words and dates."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from app.procedure.when import Precision, When

LANGUAGES = ("en", "ru")

_DATE_FORMATS = {
    "en": {Precision.DAY: "d MMMM y", Precision.MONTH: "MMMM y", Precision.YEAR: "y"},
    "ru": {Precision.DAY: "d MMMM y 'г.'", Precision.MONTH: "LLLL y 'г.'", Precision.YEAR: "y 'г.'"},
}


def format_when(when: When, language: str) -> str:
    """A date as a UN document writes it: '8 January 2021, 03:00' / '8 января 2021 г., 03:00'."""
    precision = min(when.precision, Precision.DAY)
    text = format_date(when.day, _DATE_FORMATS[language][Precision(precision)], locale=language)
    if when.precision is Precision.MINUTE:
        text += f", {when.start:%H:%M}"
    return text


_MONTHS_IN_RU = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                 "октябре", "ноябре", "декабре")


def date_phrase(when: When, language: str) -> str:
    """How a sentence opens on a date: 'On 8 January 2021', 'In January 2021', 'In 2021';
    '8 января 2021 г.', 'В январе 2021 г.', 'В 2021 г.'."""
    if when.precision >= Precision.DAY:
        text = format_when(when, language)
        return text if language == "ru" else f"On {text}"
    if language == "ru":
        if when.precision is Precision.MONTH:
            return f"В {_MONTHS_IN_RU[when.start.month - 1]} {when.start.year} г."
        return f"В {when.start.year} г."
    return f"In {format_when(when, language)}"


def format_day(day: date, language: str) -> str:
    return format_date(day, _DATE_FORMATS[language][Precision.DAY], locale=language)


SECTION_TITLES = {
    "author": {"en": "Information on the author and the victim",
               "ru": "Информация об авторе и жертве"},
    "state": {"en": "State party concerned and provisions violated",
              "ru": "Государство-участник и нарушенные положения"},
    "exhaustion": {"en": "Exhaustion of domestic remedies", "ru": "Исчерпание внутренних средств правовой защиты"},
    "other_procedures": {"en": "Other international procedures", "ru": "Другие международные процедуры"},
    "facts": {"en": "Facts of the complaint", "ru": "Факты, изложенные в жалобе"},
    "complaint": {"en": "Substance of the complaint", "ru": "Существо жалобы"},
    "requests": {"en": "Requests to the Committee", "ru": "Просьбы к Комитету"},
    "annexes": {"en": "List of annexes", "ru": "Перечень приложений"},
}

WORDS = {
    "en": {
        "committee_CAT": "Committee against Torture",
        "committee_HRC": "Human Rights Committee",
        "title_CAT": "Communication under article 22 of the Convention against Torture and Other Cruel, "
                     "Inhuman or Degrading Treatment or Punishment",
        "title_HRC": "Communication under the Optional Protocol to the International Covenant on Civil and "
                     "Political Rights",
        "to": "To: the {committee}, Office of the United Nations High Commissioner for Human Rights, Geneva",
        "draft_notice": "Draft prepared from case file {reference} on {date}. To be reviewed by counsel.",
        "victim": "Victim", "author": "Author", "representative": "Representative",
        "unknown": "not recorded", "state_party": "State party: Republic of Kazakhstan",
        "provisions_intro": "The author claims to be a victim of violations by the Republic of Kazakhstan of:",
        "remedies_intro": "The following domestic remedies were used:",
        "remedies_headers": ("Date", "Body", "Document", "Step", "Outcome"),
        "no_remedies": "No domestic remedy is recorded in the case file.",
        "no_other_procedure": "The same matter has not been and is not being examined under another procedure "
                              "of international investigation or settlement.",
        "other_procedure": "{on} a communication was submitted to the {committee}{number}.",
        "annex_none": "No document is recorded in the case file yet.",
        "signature": "Date and signature of the author or the representative:",
        "source": "Source",
    },
    "ru": {
        "committee_CAT": "Комитет против пыток",
        "committee_HRC": "Комитет по правам человека",
        "title_CAT": "Сообщение в соответствии со статьей 22 Конвенции против пыток и других жестоких, "
                     "бесчеловечных или унижающих достоинство видов обращения и наказания",
        "title_HRC": "Сообщение в соответствии с Факультативным протоколом к Международному пакту "
                     "о гражданских и политических правах",
        "to": "Кому: {committee}, Управление Верховного комиссара ООН по правам человека, Женева",
        "draft_notice": "Проект подготовлен {date} по материалам дела {reference}. Подлежит проверке адвокатом.",
        "victim": "Жертва", "author": "Автор", "representative": "Представитель",
        "unknown": "не указано", "state_party": "Государство-участник: Республика Казахстан",
        "provisions_intro": "Автор утверждает, что является жертвой нарушения Республикой Казахстан:",
        "remedies_intro": "Были использованы следующие внутренние средства правовой защиты:",
        "remedies_headers": ("Дата", "Орган", "Документ", "Действие", "Результат"),
        "no_remedies": "В материалах дела не отражено ни одного внутреннего средства правовой защиты.",
        "no_other_procedure": "Этот же вопрос не рассматривался и не рассматривается в рамках другой процедуры "
                              "международного разбирательства или урегулирования.",
        "other_procedure": "{on} сообщение было направлено в {committee}{number}.",
        "annex_none": "В материалах дела пока нет документов.",
        "signature": "Дата и подпись автора или представителя:",
        "source": "Источник",
    },
}


def word(language: str, key: str, **values: str) -> str:
    return WORDS[language][key].format(**values) if values else WORDS[language][key]
