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


_MONTHS_OF_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                 "ноября", "декабря")


def format_of(when: When, language: str) -> str:
    """A date after "of" / «от»: «от 8 января 2021 г.», «от января 2021 г.» (a month in the genitive)."""
    if language == "ru" and when.precision is Precision.MONTH:
        return f"{_MONTHS_OF_RU[when.start.month - 1]} {when.start.year} г."
    return format_when(when, language)


def format_day(day: date, language: str) -> str:
    return format_date(day, _DATE_FORMATS[language][Precision.DAY], locale=language)


SECTION_TITLES = {
    "author": {"en": "Information on the author", "ru": "Информация об авторе"},
    "state": {"en": "State party concerned and provisions violated",
              "ru": "Соответствующее государство-участник и нарушенные положения"},
    "exhaustion": {"en": "Exhaustion of domestic remedies", "ru": "Исчерпание внутренних средств правовой защиты"},
    "other_procedures": {"en": "Other international procedures", "ru": "Другие процедуры международного "
                                                                         "разбирательства"},
    "facts": {"en": "Facts of the complaint", "ru": "Факты, изложенные в жалобе"},
    "complaint": {"en": "The complaint", "ru": "Существо жалобы"},
    "requests": {"en": "Requests to the Committee", "ru": "Просьбы к Комитету"},
    "annexes": {"en": "List of annexes", "ru": "Перечень приложений"},
}
# The CAT's form speaks of the complainant («заявитель»), the HRC's of the author («автор»).
CAT_TITLES = {"author": {"en": "Information on the complainant", "ru": "Информация о заявителе"}}


def section_title(key: str, language: str, committee: str) -> str:
    return (CAT_TITLES if committee == "CAT" and key in CAT_TITLES else SECTION_TITLES)[key][language]


WORDS = {
    "en": {
        "committee_CAT": "Committee against Torture",
        "committee_HRC": "Human Rights Committee",
        "title_CAT": "Communication under article 22 of the Convention against Torture and Other Cruel, "
                     "Inhuman or Degrading Treatment or Punishment",
        "title_HRC": "Communication under the Optional Protocol to the International Covenant on Civil and "
                     "Political Rights",
        "to": "To: the {committee}, c/o Petitions and Urgent Actions Section, Office of the United Nations High "
              "Commissioner for Human Rights, United Nations Office at Geneva, 1211 Geneva 10, Switzerland "
              "(petitions@ohchr.org)",
        "draft_notice": "Draft prepared from case file {reference} on {date}. To be reviewed by counsel; the "
                        "highlighted passages in square brackets are questions for counsel, not text to send.",
        "blocked": "NOT ADMISSIBLE AS IT STANDS. Built at counsel's request despite: {reasons}",
        "unknown": "not recorded",
        "remedies_headers": ("Date", "Body", "Document", "Step", "Outcome"),
        "signature": "Date and signature of the author or the representative:",
        "signature_CAT": "Date and signature of the complainant or the representative:",
    },
    "ru": {
        "committee_CAT": "Комитет против пыток",
        "committee_HRC": "Комитет по правам человека",
        "title_CAT": "Жалоба в соответствии со статьёй 22 Конвенции против пыток и других жестоких, "
                     "бесчеловечных или унижающих достоинство видов обращения и наказания",
        "title_HRC": "Сообщение в соответствии с Факультативным протоколом к Международному пакту "
                     "о гражданских и политических правах",
        "to": "{committee_to}, через Секцию петиций и срочных действий Управления Верховного комиссара Организации "
              "Объединённых Наций по правам человека, Отделение Организации Объединённых Наций в Женеве, "
              "1211 Женева 10, Швейцария (petitions@ohchr.org)",
        "committee_to_CAT": "Комитету против пыток",
        "committee_to_HRC": "Комитету по правам человека",
        "draft_notice": "Проект подготовлен {date} по материалам дела {reference}. Подлежит проверке адвокатом; "
                        "выделенные фрагменты в квадратных скобках — вопросы адвокату, а не текст для отправки.",
        "blocked": "В НЫНЕШНЕМ ВИДЕ НЕПРИЕМЛЕМО. Проект составлен по просьбе адвоката, несмотря на следующее: "
                   "{reasons}",
        "unknown": "не указано",
        "remedies_headers": ("Дата", "Орган", "Документ", "Действие", "Результат"),
        "signature": "Дата и подпись автора или представителя:",
        "signature_CAT": "Дата и подпись заявителя или представителя:",
    },
}


def word(language: str, key: str, **values: str) -> str:
    return WORDS[language][key].format(**values) if values else WORDS[language][key]
