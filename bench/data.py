"""Word lists for the synthetic archive: names in Cyrillic and Latin, places, texts.

Surnames carry their Cyrillic form and the Latin spellings the sources show for such names
(Ayniyazov / Ainiyazov / Aynizov, Kaliev / Kaliyev, Otepbaev / Otepbayev: DOMAIN.md §1), so
that a search in one script must find records written in the other.
"""

from __future__ import annotations

# (Cyrillic, Latin spellings...) — masculine forms; feminine forms add "а" / "a".
SURNAMES = (
    ("Айниязов", "Ayniyazov", "Ainiyazov", "Aynizov"),
    ("Калиев", "Kaliev", "Kaliyev"),
    ("Отепбаев", "Otepbaev", "Otepbayev"),
    ("Нурланов", "Nurlanov"),
    ("Сейтказиев", "Seitkaziev", "Seytkaziyev"),
    ("Жумабаев", "Zhumabaev", "Zhumabayev", "Jumabaev"),
    ("Ахметов", "Akhmetov", "Ahmetov"),
    ("Байрамов", "Bayramov", "Bairamov"),
    ("Герасимов", "Gerasimov"),
    ("Казанцев", "Kazantsev", "Kazantzev"),
    ("Жилин", "Zhilin", "Jilin"),
    ("Токаев", "Tokaev", "Tokayev"),
    ("Мусин", "Musin"),
    ("Садыков", "Sadykov", "Sadikov"),
    ("Есенов", "Yesenov", "Esenov"),
    ("Омаров", "Omarov"),
    ("Искаков", "Iskakov"),
    ("Бекмухамбетов", "Bekmukhambetov", "Bekmuhambetov"),
    ("Кенжебеков", "Kenzhebekov", "Kenjebekov"),
    ("Абдрахманов", "Abdrakhmanov", "Abdrahmanov"),
    ("Тулегенов", "Tulegenov"),
    ("Шарипов", "Sharipov"),
    ("Сатпаев", "Satpaev", "Satpayev"),
    ("Муканов", "Mukanov"),
    ("Касымов", "Kasymov", "Kassymov"),
    ("Утемисов", "Utemisov"),
    ("Джаксыбеков", "Dzhaksybekov", "Jaksybekov"),
    ("Ержанов", "Yerzhanov", "Erzhanov"),
    ("Ибраев", "Ibraev", "Ibrayev"),
    ("Рахимбаев", "Rakhimbaev", "Rahimbayev"),
    ("Смагулов", "Smagulov"),
    ("Баймуханов", "Baimukhanov", "Baymukhanov"),
    ("Темирбеков", "Temirbekov"),
    ("Нуриев", "Nuriev", "Nuriyev"),
    ("Кусаинов", "Kusainov", "Kussainov"),
    ("Ким", "Kim"),
    ("Иванов", "Ivanov"),
    ("Петренко", "Petrenko"),
    ("Шевченко", "Shevchenko"),
    ("Мамедов", "Mamedov"),
    ("Юсупов", "Yusupov", "Iusupov"),
    ("Алиев", "Aliev", "Aliyev"),
    ("Турсунов", "Tursunov"),
    ("Саркисов", "Sarkisov"),
    ("Давлетов", "Davletov"),
    ("Мухтаров", "Mukhtarov", "Muhtarov"),
)

# (Cyrillic, Latin spellings...)
MALE_NAMES = (
    ("Куаныш", "Kuanysh", "Quanysh"), ("Ержан", "Yerzhan", "Erzhan"), ("Данияр", "Daniyar", "Daniiar"),
    ("Асхат", "Askhat", "Ashat"), ("Нурлан", "Nurlan"), ("Бауыржан", "Bauyrzhan", "Baurzhan"),
    ("Михаил", "Mikhail", "Mihail"), ("Арман", "Arman"), ("Серик", "Serik"), ("Тимур", "Timur"),
    ("Дархан", "Darkhan", "Darhan"), ("Еркебулан", "Yerkebulan"), ("Руслан", "Ruslan"),
    ("Алибек", "Alibek"), ("Максим", "Maksim", "Maxim"), ("Жандос", "Zhandos"), ("Айдос", "Aidos", "Aydos"),
    ("Галым", "Galym"), ("Мурат", "Murat"), ("Олжас", "Olzhas"),
)
FEMALE_NAMES = (
    ("Айзат", "Aizat", "Ayzat"), ("Гульзада", "Gulzada", "Gulzhada"), ("Динара", "Dinara"),
    ("Алия", "Aliya", "Aliia"), ("Сауле", "Saule"), ("Мадина", "Madina"), ("Елена", "Yelena", "Elena"),
    ("Жанар", "Zhanar"), ("Асель", "Assel", "Asel"), ("Назерке", "Nazerke"),
)

# region code: (weight, ((city Latin, city Cyrillic), ...))
REGIONS = {
    "almaty_city": (18, (("Almaty", "Алматы"),)),
    "astana": (10, (("Astana", "Астана"),)),
    "shymkent": (8, (("Shymkent", "Шымкент"),)),
    "karaganda": (7, (("Karaganda", "Караганда"), ("Temirtau", "Темиртау"))),
    "zhambyl": (6, (("Taraz", "Тараз"),)),
    "almaty_region": (5, (("Konaev", "Конаев"), ("Kaskelen", "Каскелен"))),
    "zhetysu": (4, (("Taldykorgan", "Талдыкорган"),)),
    "mangystau": (5, (("Aktau", "Актау"), ("Zhanaozen", "Жанаозен"))),
    "atyrau": (4, (("Atyrau", "Атырау"),)),
    "aktobe": (4, (("Aktobe", "Актобе"),)),
    "turkistan": (5, (("Turkistan", "Туркестан"), ("Kentau", "Кентау"))),
    "east_kazakhstan": (4, (("Ust-Kamenogorsk", "Усть-Каменогорск"),)),
    "abai": (3, (("Semey", "Семей"),)),
    "pavlodar": (3, (("Pavlodar", "Павлодар"), ("Ekibastuz", "Экибастуз"))),
    "kostanay": (3, (("Kostanay", "Костанай"), ("Rudny", "Рудный"))),
    "kyzylorda": (3, (("Kyzylorda", "Кызылорда"),)),
    "west_kazakhstan": (2, (("Uralsk", "Уральск"),)),
    "north_kazakhstan": (2, (("Petropavlovsk", "Петропавловск"),)),
    "akmola": (2, (("Kokshetau", "Кокшетау"),)),
    "ulytau": (1, (("Zhezkazgan", "Жезказган"),)),
}

# place type: (weight, English phrase, Russian phrase)
PLACES = {
    "police_station": (40, "police station", "отделе полиции"),
    "ivs": (15, "temporary detention facility (IVS)", "ИВС"),
    "sizo": (10, "pre-trial detention centre", "СИЗО"),
    "colony": (15, "penal colony", "исправительной колонии"),
    "public_place": (10, "street", "на улице"),
    "military_unit": (3, "military unit", "воинской части"),
    "sports_hall": (2, "sports hall", "спортзале"),
    "hospital": (2, "hospital", "больнице"),
    "other_unofficial": (3, "unofficial place of detention", "неофициальном месте содержания"),
}

# alleged perpetrators' agency: weight (the coalition's cases: mostly police and penitentiary staff)
AGENCIES = {"police": 55, "penitentiary": 18, "nsc": 6, "national_guard": 6, "dis": 4, "military": 3,
            "aca": 2, "other": 3, "unknown": 3}

OFFICER_GROUPS = (
    "{n} officers in civilian clothes", "{n} police officers of the {city} police department",
    "officers of the {city} temporary detention facility", "masked special-forces officers",
    "guards of the penal colony near {city}", "сотрудники полиции г. {city_ru} ({n} человек)",
    "неустановленные сотрудники ИВС г. {city_ru}", "конвойные СИЗО г. {city_ru}",
    "operational officers of the criminal police, {city}", "сотрудники КНБ в гражданской одежде",
)
RANKS = ("Captain", "Major", "Lieutenant", "Senior Lieutenant", "капитан", "майор", "лейтенант")

TITLES_EN = (
    "{surname}: beaten at the {place} in {city}",
    "{surname}: torture to extract a confession, {city}",
    "{surname}: ill-treatment during apprehension in {city}",
    "{surname}: electric shocks and suffocation at the {place}",
    "{surname}: beaten by guards, {city}",
    "{surname}: denied medical care in custody",
)
TITLES_RU = (
    "{surname}: избиение в {place} г. {city}",
    "{surname}: пытки с целью получения признания, {city}",
    "{surname}: жестокое обращение при задержании, г. {city}",
    "{surname}: избиение сотрудниками, {city}",
)
DEATH_TITLE = "Death in custody of {surname}, {city}"

SUMMARY_SENTENCES = (
    "The victim states that officers beat him with fists and batons to obtain a confession.",
    "He was held for several hours before any protocol of detention was drawn up.",
    "Relatives learned of the detention only the next day.",
    "A medical examination on admission recorded bruises on the back and wrists.",
    "The complaint was first forwarded to the internal security department of the same police.",
    "Потерпевший утверждает, что его избивали и надевали на голову пакет.",
    "Адвокат не был допущен к подзащитному в течение суток.",
    "Жалоба была перенаправлена в ДСБ без регистрации в ЕРДР.",
    "The investigator refused to order a forensic psychological examination.",
    "Witnesses in the same cell heard screams from the interrogation room.",
    "Видеозаписи из коридора ИВС, по данным следствия, не сохранились.",
    "The victim was pressured to withdraw the complaint after his transfer.",
)

NOTES = (
    "Copy obtained by the lawyer on request.",
    "The date is given in the decision; the envelope was postmarked later.",
    "Копия получена адвокатом по запросу.",
    "The victim's account is consistent with the medical record.",
    "Ответ подписан заместителем прокурора области.",
    "Hearing postponed once at the request of the prosecutor.",
    "The decision does not name the officers questioned.",
    "Решение направлено по почте; дата вручения со слов потерпевшего.",
)

SOURCES = (
    "lawyer's file",
    "lawyer's file: copy of the complaint",
    "decision No. {n} of the {body}",
    "letter of the {body} No. {n}",
    "постановление № {n}",
    "ответ прокуратуры № {n}",
    "forensic report No. {n}",
    "NPM visit report, section {k}",
    "court record No. {n}",
)

EVENT_SOURCES = {
    "apprehension": ("victim's statement to the lawyer", "lawyer's file"),
    "detention_recorded": ("protocol of detention No. {n}", "протокол задержания № {n}"),
    "medical_exam": ("medical certificate No. {n}", "справка медицинского освидетельствования № {n}"),
    "forensic_exam_result": ("forensic report No. {n}", "заключение эксперта № {n}"),
}

COMPLAINT_BODIES = (("prosecutor", 45), ("aca", 12), ("special_prosecutor", 12), ("police", 8), ("dis", 5),
                    ("general_prosecutor", 8), ("ombudsman", 5), ("npm", 5))

DECLARED_CAUSES = ("acute heart failure", "suicide", "острая сердечная недостаточность", "pneumonia",
                   "drug overdose")
