"""How a communication's footnotes cite what an event rests on (DOMAIN.md §9).

An event's ``source`` is written for the case file: "NGO-...-76th-session.txt, part 'Non-Refoulement',
para. 9 (line 367)". A committee reads it as a citation: the report by its title, the part and the
paragraph; never a file name or a line number. The public documents the seed cases come from are
named here in English and in Russian; any other source (a lawyer's own note of a document) is
cited as written, without its line number.
"""

from __future__ import annotations

import re

# The public documents of the record (../shared/sources), as a footnote names them.
REPORTS = {
    "NGO-coalition-joint-submission-to-CAT-76th-session.txt": (
        "NGO Coalition of Kazakhstan against Torture, International Partnership for Human Rights and World "
        "Organisation against Torture, Joint NGO Submission to the 76th Session of the United Nations Committee "
        "against Torture on Kazakhstan, 21 March 2023",
        "Коалиция НПО Казахстана против пыток, Международное партнёрство за права человека и Всемирная организация "
        "против пыток, совместный доклад НПО к 76-й сессии Комитета ООН против пыток по Казахстану, "
        "21 марта 2023 г."),
    "state-replies-to-list-of-issues-CAT-C-KAZ-RQ-4.txt": (
        "Replies of Kazakhstan to the list of issues in relation to its fourth periodic report, CAT/C/KAZ/RQ/4",
        "Ответы Казахстана на перечень вопросов в связи с его четвёртым периодическим докладом, CAT/C/KAZ/RQ/4"),
    "CAT-summary-record-dialogue-with-Kazakhstan-2023.txt": (
        "Committee against Torture, summary record of the consideration of the fourth periodic report of "
        "Kazakhstan (2023)",
        "Комитет против пыток, краткий отчёт о рассмотрении четвёртого периодического доклада Казахстана "
        "(2023 г.)"),
    "index-on-torture-kazakhstan-2023.txt": (
        "NGO Coalition of Kazakhstan against Torture, Index on Torture: Main Developments in 2023, Kazakhstan",
        "Коалиция НПО Казахстана против пыток, «Индекс пыток»: основные события 2023 г., Казахстан"),
    "kazakhstan-initial-report-to-CED.txt": (
        "Initial report of Kazakhstan to the Committee on Enforced Disappearances",
        "Первоначальный доклад Казахстана Комитету по насильственным исчезновениям"),
}

# The parts and sections of those reports, as the Russian footnotes name them.
HEADINGS_RU = {
    "New concerns that have not been raised in the previous reporting cycles":
        "Новые проблемы, не затрагивавшиеся в предыдущих циклах отчётности",
    "Legal safeguards": "Правовые гарантии",
    "Investigation and accountability for torture": "Расследование пыток и ответственность за них",
    "Rehabilitation and redress for victims of torture and ill-treatment":
        "Реабилитация и возмещение ущерба жертвам пыток и жестокого обращения",
    "Positive developments": "Позитивные изменения",
    "Non-Refoulement": "Невысылка",
    "Detention conditions": "Условия содержания под стражей",
    "Police kettling": "Окружение протестующих полицией («котёл»)",
    "Ineffective investigation of torture during the January 2022 events":
        "Неэффективное расследование пыток во время январских событий 2022 г.",
    "Investigations into the deaths resulting from torture in relation to January 2022":
        "Расследование смертей в результате пыток в связи с январскими событиями 2022 г.",
    "Violation of legal safeguards against torture in other than January 2022 events":
        "Нарушение правовых гарантий от пыток вне январских событий 2022 г.",
    "Violation of safeguards against torture during the January 2022 events":
        "Нарушение гарантий от пыток во время январских событий 2022 г.",
    "Accountability for torture": "Ответственность за пытки",
    "Implementation of UN CAT Views on individual communications":
        "Выполнение решений Комитета против пыток по индивидуальным жалобам",
    "Criminalisation of torture and ill-treatment": "Криминализация пыток и жестокого обращения",
    "Inability to transfer prisoners reporting torture from Ministry of Interior facilities":
        "Невозможность перевода заключённых, сообщивших о пытках, из учреждений Министерства внутренних дел",
}
SPEAKERS_RU = {"Ms. Pūce": "г-жи Пуце", "Ms. Racu": "г-жи Раку"}
COUNSELS_FILE = {"en": "Counsel's file", "ru": "Материалы адвоката"}

_LINE = re.compile(r"\s*\(lines? [\d–,\s-]+\)")
_PARA = re.compile(r"^(?P<where>.*?),?\s*(?:paras?\.|п\.)\s*(?P<para>[\d.]+)$")
_FILE = re.compile(r"^(?P<file>[\w.-]+\.txt)(?:,\s*(?P<rest>.*))?$", re.DOTALL)
_QUOTED = re.compile(r"'([^']+)'")
_DECISION = re.compile(r"^CAT decision (?P<symbol>CAT/C/[\w/]+) \((?P<name>\w+) v\. Kazakhstan\), adopted "
                       r"(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})")
COMPLAINANTS_RU = {"Evloev": "Евлоев", "Yevloyev": "Евлоев", "Gerasimov": "Герасимов", "Bayramov": "Байрамов"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")
_COUNSEL = re.compile(r"^(lawyer's file|counsel's file|материалы адвоката)\b", re.IGNORECASE)


def cite(source: str, language: str) -> str:
    """One event's ``source`` as its footnote cites it: each document by title, part and paragraph."""
    pieces = [_cite_one(p.strip(), language) for p in _split(source or "") if p.strip()]
    # several paragraphs of one part of one report: cited once, "paras. 8 and 10"
    grouped: dict[str, list[str]] = {}
    for piece in dict.fromkeys(pieces):
        match = _PARA.match(piece)
        if match:
            grouped.setdefault(match.group("where"), []).append(match.group("para"))
        else:
            grouped.setdefault(piece, [])
    out = []
    for where, paras in grouped.items():
        if not paras:
            out.append(where)
        elif len(paras) == 1:
            out.append(f"{where}, {'п.' if language == 'ru' else 'para.'} {paras[0]}")
        else:
            joined = ", ".join(paras[:-1]) + (" и " if language == "ru" else " and ") + paras[-1]
            out.append(f"{where}, {'пп.' if language == 'ru' else 'paras.'} {joined}")
    return "; ".join(out)


def _split(source: str) -> list[str]:
    """The documents of a source, split at the semicolons between them (not those inside brackets)."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(source):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth <= 0:
            pieces.append(source[start:index])
            start = index + 1
    return [*pieces, source[start:]]


def _cite_one(piece: str, language: str) -> str:
    piece = _LINE.sub("", piece).strip()
    counsel = _COUNSEL.match(piece)
    if counsel:
        rest = piece[counsel.end():].lstrip(" ,:")
        return COUNSELS_FILE[language] + (f", {rest}" if rest else "")
    decision = _DECISION.match(piece)
    if decision:
        return _cite_decision(decision, language)
    match = _FILE.match(piece)
    if not match or match.group("file") not in REPORTS:
        return piece
    title = REPORTS[match.group("file")][1 if language == "ru" else 0]
    rest = _locator(match.group("rest") or "", language)
    return f"{title}, {rest}" if rest else title


def _cite_decision(match: re.Match, language: str) -> str:
    """"CAT decision CAT/C/48/D/433/2010 (Gerasimov v. Kazakhstan), adopted 24 May 2012", as a footnote cites it."""
    symbol, name, day, month, year = match.group("symbol", "name", "day", "month", "year")
    if language == "en":
        return f"Committee against Torture, {name} v. Kazakhstan ({symbol}), decision of {day} {month} {year}"
    month_ru = MONTHS_RU[MONTHS.index(month)] if month in MONTHS else month
    return (f"Комитет против пыток, {COMPLAINANTS_RU.get(name, name)} против Казахстана ({symbol}), решение от "
            f"{day} {month_ru} {year} г.")


def _locator(rest: str, language: str) -> str:
    """"part 'X', section II 'Y', para. 9" as the footnote's language writes it."""
    # The summary record's opening heading names the report under review: the title says it already.
    rest = re.sub(r"^'Fourth periodic report of Kazakhstan[^']*',\s*", "", rest)
    rest = rest.replace("(the date)", "").strip(" ,")
    if language == "en":
        return _QUOTED.sub(lambda m: f"“{m.group(1)}”", rest)
    rest = _QUOTED.sub(lambda m: f"«{HEADINGS_RU.get(m.group(1), m.group(1))}»", rest)
    for speaker, genitive in SPEAKERS_RU.items():
        rest = rest.replace(f"statement of {speaker} (Country Rapporteur)", f"выступление {genitive} (докладчик "
                            "по стране)")
    rest = re.sub(r"\bpart\b", "раздел", rest)
    rest = re.sub(r"\bsection\b", "подраздел", rest)
    rest = re.sub(r"\bparas?\.\s*", "п. ", rest)
    return re.sub(r"\btitle page\b", "титульный лист", rest)


SHORT = {
    "NGO-coalition-joint-submission-to-CAT-76th-session.txt": ("Joint NGO Submission", "Совместный доклад НПО"),
    "state-replies-to-list-of-issues-CAT-C-KAZ-RQ-4.txt": ("CAT/C/KAZ/RQ/4", "CAT/C/KAZ/RQ/4"),
    "CAT-summary-record-dialogue-with-Kazakhstan-2023.txt": ("Summary record (2023)", "Краткий отчёт (2023 г.)"),
    "index-on-torture-kazakhstan-2023.txt": ("Index on Torture 2023", "«Индекс пыток» 2023 г."),
    "kazakhstan-initial-report-to-CED.txt": ("Initial report to the CED", "Первоначальный доклад КНИ"),
}


def shorten(notes: list[str], language: str) -> list[str]:
    """Footnotes in document order, each report cited in full once, then by its short title with the note of
    the full citation ("Joint NGO Submission (note 1), para. 9"), and as "ibid." within the same note."""
    index = 1 if language == "ru" else 0
    first: dict[str, int] = {}
    out: list[str] = []
    previous = ""  # the last place the previous note cited, without its paragraph
    for number, note in enumerate(notes, 1):
        pieces = []
        for piece in note.split("; "):
            for name, titles in REPORTS.items():
                title = titles[index]
                if not piece.startswith(title):
                    continue
                if any(p.startswith((title, SHORT[name][index])) for p in pieces[-1:]):
                    piece = ("там же" if language == "ru" else "ibid.") + piece[len(title):]
                elif name in first:
                    word = "сноска" if language == "ru" else "note"
                    piece = f"{SHORT[name][index]} ({word} {first[name]})" + piece[len(title):]
                else:
                    first[name] = number
                break
            pieces.append(piece)
        last = _PARA.match(pieces[-1])
        where = _PARA.match(pieces[0])
        if where and previous and where.group("where") == previous:  # the same place as the note before
            pieces[0] = ("Там же" if language == "ru" else "Ibid.") + pieces[0][len(previous):]
        previous = last.group("where") if last else ""
        out.append("; ".join(pieces))
    return out


