"""Who submits the communication, and how the text names them (DOMAIN.md §9).

The victim submits, or, for a deceased victim, the family (named, with their relation); a minor or a
person without legal capacity through a parent or guardian. The representative is the assigned lawyer.
Every field of the form the record does not hold is left as a visible question, never filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.drafts.language import date_phrase, format_when
from app.drafts.model import DraftInput, PersonView, question
from app.procedure.consent import asks_anonymity, consent_to_file
from app.procedure.when import InvalidWhen, When

_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LATIN = re.compile(r"[A-Za-z]")

# The nationalities of the region as a Russian form names them; any other is asked in Russian.
COUNTRIES_RU = {
    "kazakhstan": "Республика Казахстан", "republic of kazakhstan": "Республика Казахстан",
    "russia": "Российская Федерация", "russian federation": "Российская Федерация",
    "uzbekistan": "Республика Узбекистан", "kyrgyzstan": "Кыргызская Республика",
    "tajikistan": "Республика Таджикистан", "turkmenistan": "Туркменистан", "china": "Китайская Народная Республика",
    "ukraine": "Украина", "belarus": "Республика Беларусь", "azerbaijan": "Азербайджанская Республика",
    "afghanistan": "Исламская Республика Афганистан", "stateless": "лицо без гражданства",
}

RELATION = {  # what the relative is to the victim
    "en": {"parent": "parent", "spouse": "spouse", "child": "child", "sibling": "sibling", "guardian": "guardian"},
    "ru": {"parent": "родитель", "spouse": "супруг", "child": "ребёнок", "sibling": "брат или сестра",
           "guardian": "опекун"},
}
RELATION_BY_SEX = {
    ("en", "parent", "male"): "father", ("en", "parent", "female"): "mother",
    ("en", "spouse", "male"): "husband", ("en", "spouse", "female"): "wife",
    ("en", "child", "male"): "son", ("en", "child", "female"): "daughter",
    ("en", "sibling", "male"): "brother", ("en", "sibling", "female"): "sister",
    ("ru", "parent", "male"): "отец", ("ru", "parent", "female"): "мать",
    ("ru", "spouse", "male"): "муж", ("ru", "spouse", "female"): "жена",
    ("ru", "child", "male"): "сын", ("ru", "child", "female"): "дочь",
    ("ru", "sibling", "male"): "брат", ("ru", "sibling", "female"): "сестра",
    ("ru", "guardian", "female"): "опекун",
}


def russian_spelling(*names: str | None) -> str | None:
    """The first of the names written in Cyrillic only: the spelling a Russian text uses."""
    for name in names:
        if name and _CYRILLIC.search(name) and not _LATIN.search(name):
            return name.strip()
    return None


@dataclass(frozen=True)
class Named:
    """How a text names a person: in full at first mention, then short ("Mr. Zhilin", «г-н Жилин»)."""

    full: str
    short: str
    sex: str | None

    def agree(self, masculine: str, feminine: str, unknown: str | None = None) -> str:
        if self.sex == "female":
            return feminine
        if self.sex == "male":
            return masculine
        return unknown if unknown is not None else masculine


def named(person: PersonView | None, language: str) -> Named:
    if person is None:
        return Named(question("the victim is not recorded among the parties" if language == "en"
                              else "потерпевший не указан среди участников дела"), "", None)
    if language == "ru":
        full = person.name_ru or russian_spelling(person.name)
        if not full:
            ask = question(f"укажите написание имени кириллицей: {person.name or person.description or ''}".strip())
            return Named(ask, ask, person.sex)
    else:
        full = person.name
        if not full:
            ask = question(f"name not recorded: {person.description or ''}".strip(" :"))
            return Named(ask, ask, person.sex)
    surname = full.split()[-1]
    title = {"en": {"male": "Mr", "female": "Ms"}, "ru": {"male": "г-н", "female": "г-жа"}}[language]
    short = f"{title[person.sex]} {surname}" if person.sex in title else full
    return Named(full, short, person.sex)


def relation_word(kind: str, relative: PersonView, language: str) -> str:
    return RELATION_BY_SEX.get((language, kind, relative.sex or ""), RELATION[language].get(kind, kind))


def minor_now(person: PersonView | None, was_minor: bool, today: date) -> bool | None:
    """Whether the victim is a minor on the day of the draft: True, False, or None (the record cannot say)."""
    if person is not None and person.birth_date:
        try:
            born = When.parse(person.birth_date)
        except InvalidWhen:
            return None if was_minor else False
        earliest, latest = born.start.date(), born.latest().date()
        if _years(latest, today) >= 18:
            return False
        if _years(earliest, today) < 18:
            return True
        return None
    return None if was_minor else False


def _years(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass
class Authors:
    """The author block: its lines, and who the text calls the author."""

    lines: list[str]
    plural: bool  # "the authors" (a family)
    on_behalf: bool  # a parent, guardian or the family acts for the victim


def author_block(data: DraftInput) -> Authors:
    language, ru, cat = data.language, data.language == "ru", data.committee == "CAT"
    victim = data.victims[0] if data.victims else None
    case = data.case_file
    who = named(victim, language)
    role = ("Заявитель" if cat else "Автор") if ru else ("Complainant" if cat else "Author")
    lines: list[str] = []
    dead = bool(case.of_type("death_in_custody"))
    relatives = list(victim.relatives) if victim else []
    capacity = case.of_type("legal_capacity_ruling")
    incapable = bool(capacity) and capacity[-1].get("capacity") in ("none", "limited")
    minor = minor_now(victim, case.minor, data.today)
    consent = consent_to_file(case, data.committee)
    if consent.in_force and consent.given.get("by") == "victim_of_age":
        minor = False  # the record shows the victim, once of age, consented
    on_behalf = plural = False
    if dead:
        family = [(kind, p) for kind, p in relatives if kind in ("parent", "spouse", "child", "sibling")]
        died = case.of_type("death_in_custody")[0].when
        on = date_phrase(died, language)
        on = on[0].lower() + on[1:]
        lines.append(f"{'Предполагаемая жертва' if ru else 'Victim'}: "
                     f"{who.full}" + (f", {who.agree('скончался', 'скончалась', 'скончавшийся')} под стражей {on}"
                                      if ru else f", who died in custody {on}"))
        lines += _details(victim, language, address=False)
        if family:
            plural, on_behalf = len(family) > 1, True
            for kind, relative in family:
                lines += _person_lines(relative, role, f"{relation_word(kind, relative, language)} "
                                       + ("потерпевшего" if ru else "of the victim"), language)
        else:
            on_behalf = True
            lines.append(f"{role}: " + question(
                "члены семьи потерпевшего, подающие сообщение (внесите их и их родство с потерпевшим)" if ru else
                "the family members who submit the communication (record them and their tie to the victim)"))
    elif minor is True or incapable:
        guardians = [(kind, p) for kind, p in relatives if kind in ("parent", "guardian")]
        lines.append(f"{'Потерпевший' if ru else 'Victim'}: {who.full}")
        lines += _details(victim, language)
        on_behalf = True
        if guardians:
            kind, relative = guardians[0]
            lines += _person_lines(relative, role, f"{relation_word(kind, relative, language)} "
                                   + ("потерпевшего, действующий от его имени" if ru else
                                      "of the victim, acting on the victim's behalf"), language)
        else:
            lines.append(f"{role}: " + question(
                "родитель или опекун, действующий от имени потерпевшего (внесите его и его родство)" if ru else
                "the parent or guardian acting on the victim's behalf (record them and their tie to the victim)"))
    else:
        lines += _person_lines(victim, role, "", language) if victim else [f"{role}: {who.full}"]
        if minor is None:
            lines.append(question(
                "потерпевший был несовершеннолетним: подтвердите, что на дату подачи ему исполнилось 18 лет; "
                "иначе сообщение подаёт родитель или опекун" if ru else
                "the victim was a minor: confirm the victim is now 18 or older; otherwise a parent or guardian "
                "submits on the victim's behalf"))
        else:
            lines.append(("Заявитель является жертвой." if cat else "Автор является жертвой.") if ru else
                         f"The {'complainant' if cat else 'author'} is the victim.")
    if capacity and capacity[-1].get("capacity") is None:
        lines.append(question(
            f"суд вынес решение о дееспособности потерпевшего ({format_when(capacity[-1].when, 'ru')}), но в "
            "материалах не сказано какое: установите дееспособность и кто вправе дать согласие на сообщение" if ru
            else f"a court ruled on the victim's capacity ({format_when(capacity[-1].when, 'en')}), but the record "
            "does not say what it found: establish the victim's legal capacity and who may authorise the "
            "communication"))
    lines += _representative_lines(data)
    if asks_anonymity(case):
        lines.append(("Заявитель просит Комитет не раскрывать в своём решении имя потерпевшего и сведения, "
                      "позволяющие установить его личность." if cat else
                      "Автор просит Комитет не раскрывать в своих соображениях имя потерпевшего и сведения, "
                      "позволяющие установить его личность.") if ru else
                     f"The {'complainant requests' if cat else 'author requests'} that the Committee not publish "
                     "the name or any identifying details of the victim.")
    elif minor is not False and (case.minor or minor):
        lines.append(question("потерпевший несовершеннолетний: уточните, просит ли семья не раскрывать его имя, "
                              "и внесите это в согласие" if ru else
                              "the victim is or was a child: ask whether the family wants the name withheld, and "
                              "record it in the consent"))
    return Authors(lines, plural, on_behalf)


def _person_lines(person: PersonView, role: str, relation: str, language: str) -> list[str]:
    who = named(person, language)
    head = f"{role}: {who.full}" + (f", {relation}" if relation else "")
    return [head, *_details(person, language)]


def _details(person: PersonView | None, language: str, *, address: bool = True) -> list[str]:
    ru = language == "ru"
    if person is None:
        return []
    blank = question("в материалах не указано" if ru else "not in the case file")
    born = format_when(When.parse(person.birth_date), language) if person.birth_date else blank
    nationality = person.nationality or blank
    if ru and person.nationality and _LATIN.search(person.nationality):
        nationality = COUNTRIES_RU.get(person.nationality.strip().lower()) or question(
            f"гражданство на русском языке: {person.nationality}")
    where = person.address or blank
    if ru:
        lines = [f"Дата рождения: {born}", f"Гражданство: {nationality}", f"Адрес для корреспонденции: {where}"]
    else:
        lines = [f"Date of birth: {born}", f"Nationality: {nationality}", f"Address for correspondence: {where}"]
    return lines if address else lines[:2]


def _representative_lines(data: DraftInput) -> list[str]:
    ru = data.language == "ru"
    rep = data.representative
    label = "Представитель" if ru else "Representative"
    if rep is None:
        return [f"{label}: " + question("адвокат по делу не назначен" if ru else "no lawyer is assigned to the case")]
    blank = question("не указано в «Моих данных»" if ru else "not given under 'My details'")
    name = rep.name
    if ru and _LATIN.search(name):
        name = question(f"ФИО представителя кириллицей: {rep.name}")
    parts = [f"{label}: {name}"]
    parts.append(("Членство в коллегии адвокатов: " if ru else "Bar membership: ") + (rep.bar or blank))
    parts.append(("Организация: " if ru else "Organisation: ") + (rep.organisation or blank))
    parts.append(("Адрес для корреспонденции: " if ru else "Address for correspondence: ") + (rep.address or blank))
    if rep.email:
        parts.append(("Электронная почта: " if ru else "E-mail: ") + rep.email)
    state = consent_to_file(data.case_file, data.committee)
    signed = state.in_force and any(d.event == state.given.ref for d in data.documents)
    if signed:
        parts.append("Письменное согласие и доверенность прилагаются (см. перечень приложений)." if ru else
                     "The written consent and authorization are annexed (see the list of annexes).")
    elif state.in_force:
        parts.append(question("согласие внесено в материалы, но подписанный документ не привязан к событию: "
                              "приложите его" if ru else
                              "the consent is recorded, but the signed document is not linked to its event: annex it"))
    else:
        parts.append(question("письменное согласие на подачу сообщения в материалах не отражено: получите его и "
                              "приложите" if ru else
                              "no written consent to the communication is recorded: obtain it and annex it"))
    return parts
