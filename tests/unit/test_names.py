"""Names across scripts: keys, similarity and the likely-same threshold (app/services/names.py)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.names import (
    LIKELY_SAME,
    is_likely_same,
    name_keys,
    search_keys,
    search_scores,
    similarity,
    spelling_keys,
    stored_keys,
)

# Spellings of one surname each, as the sources show them (DOMAIN.md §1).
SAME = [
    ("Айниязов", "Ayniyazov", "Aynizov", "Ainiyazov"),
    ("Калиев", "Kaliev", "Kaliyev"),
    ("Отепбаев", "Otepbaev", "Otepbayev"),
    ("Жумабаев", "Жұмабаев", "Zhumabaev", "Zhumabayev", "Jumabaev"),
    ("Ахметов", "Akhmetov", "Ahmetov"),
    ("Қуаныш", "Куаныш", "Kuanysh", "Quanysh"),
    ("Ерлан", "Yerlan", "Erlan"),
    ("Есенов", "Yesenov", "Esenov"),
    ("Токаев", "Тоқаев", "Tokaev", "Tokayev"),
    ("Казанцев", "Kazantsev", "Kazantzev"),
    ("Садыков", "Sadykov", "Sadikov"),
    ("Касымов", "Kasymov", "Kassymov"),
    ("Джаксыбеков", "Dzhaksybekov", "Jaksybekov"),
    ("Байрамов", "Bayramov", "Bairamov"),
    ("Асель", "Assel", "Asel"),
    ("Данияр", "Daniyar", "Daniiar"),
    ("Юсупов", "Yusupov", "Iusupov"),
    ("Пётр", "Pyotr", "Petr"),
    ("Шарипов", "Sharipov", "Şarıpov"),        # Kazakh Latin alphabet of 2021
    ("Ғалым", "Galym", "Ghalym"),
    ("Максим", "Maksim", "Maxim"),
]
DIFFERENT = [
    ("Ayniyazov", "Nazarbayev"),
    ("Айниязов", "Назарбаев"),
    ("Otepbaev", "Ospanov"),
    ("Отепбаев", "Оспанов"),
    ("Kaliev", "Aliev"),        # a dropped first letter is another surname
    ("Kaliev", "Kaliyeva"),     # the same family name of a woman: another person
    ("Калиев", "Kalieva"),
    ("Ruslan", "Ruslana"),
    ("Marat", "Murat"),
    ("Kim", "Kima"),
    ("Serik", "Berik"),
    ("Nurlan", "Nurlanov"),
]


def _pairs(groups):
    for group in groups:
        yield from itertools.combinations(group, 2)


@pytest.mark.parametrize(("a", "b"), list(_pairs(SAME)))
def test_spellings_of_one_name_are_likely_the_same_both_ways(a, b):
    assert is_likely_same(a, b)
    assert is_likely_same(b, a)
    assert similarity(a, b) == similarity(b, a) >= LIKELY_SAME


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_other_names_are_not_the_same_either_way(a, b):
    assert not is_likely_same(a, b)
    assert not is_likely_same(b, a)
    assert similarity(a, b) == similarity(b, a) < LIKELY_SAME


def test_every_script_and_spelling_has_the_same_key_but_a_dropped_letter():
    assert {name_keys(s)[0] for s in ("Айниязов", "Ayniyazov", "Ainiyazov", "АЙНИЯЗОВ")} == {"ainiazov"}
    assert name_keys("Aynizov") == ["ainizov"]  # one letter short: found by similarity, not by key
    assert similarity("Aynizov", "Ayniyazov") == pytest.approx(0.875)
    assert {name_keys(s)[0] for s in ("Калиев", "Kaliev", "Kaliyev", "KALIYEV")} == {"kaliev"}
    assert {name_keys(s)[0] for s in ("Отепбаев", "Otepbaev", "Otepbayev")} == {"otepbaev"}


def test_kazakh_letters_become_latin():
    assert name_keys("Әлия Нұрланқызы Ғабитова") == name_keys("Aliya Nurlankyzy Gabitova")
    assert name_keys("Еңсебаев Үмбетов Өмірзақ Һ") == ["ensebaev", "umbetov", "omirzak", "h"]


def test_keys_are_per_word_in_order_without_repeats_or_punctuation():
    assert name_keys("Kuanysh  Ayniyazov, K.A. Ainiyazov") == ["kuanish", "ainiazov", "k", "a"]
    assert name_keys("Асель Ким-Ли") == ["asel", "kim", "li"]
    assert name_keys("") == name_keys(None) == name_keys(" .,- ") == []
    assert stored_keys(["Kuanysh Ayniyazov", "Айниязов Қуаныш", None, "Aynizov K."]) == " kuanish ainiazov | ainizov k "
    assert stored_keys([None, ""]) == ""


def test_stored_keys_keep_each_spelling_apart_from_the_description():
    stored = stored_keys(["Калиев Ерлан", "Kaliyev Y."], "брат потерпевшего")
    assert stored == " kaliev erlan | kaliev i # brat poterpevshego "
    assert spelling_keys(stored) == [["kaliev", "erlan"], ["kaliev", "i"]]
    assert search_keys(stored) == ["kaliev", "erlan", "kaliev", "i", "brat", "poterpevshego"]
    assert stored_keys([None], "шесть сотрудников") == " # shest sotrudnikov "
    assert spelling_keys(" # shest sotrudnikov ") == [] == spelling_keys("")
    assert search_keys(" # shest sotrudnikov ") == ["shest", "sotrudnikov"]


def test_whole_names_in_any_order_initials_and_patronymics():
    assert is_likely_same("Kuanysh Ayniyazov", "Айниязов Қуаныш")
    assert is_likely_same("K. Ayniyazov", "Kuanysh Aynizov")
    assert is_likely_same("Калиев Ерлан Серикович", "Yerlan Kaliyev")
    assert is_likely_same("Калиев Ерлан", "Kaliyev Y.")
    assert not is_likely_same("Калиев Ерлан", "Kaliyev A.")
    assert is_likely_same("Kaliev", "Arman Kaliev")  # a surname alone may be anyone of that name
    assert not is_likely_same("Arman Kaliev", "Serik Kaliev")
    assert not is_likely_same("K. A.", "Kuanysh Ayniyazov")  # initials alone are not enough
    assert is_likely_same("K. A.", "K.A.")
    assert not is_likely_same("Y.", "E.")  # either way round
    assert not is_likely_same("", "Kaliev")
    assert similarity("", "") == 0.0


names = st.text(alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
                                         "abcdefghijklmnopqrstuvwxyzäğıñöşūü -.'"), max_size=30)


@given(names, names)
def test_similarity_is_symmetric_and_between_0_and_1(a, b):
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in name_keys(a))
    if name_keys(a):
        assert is_likely_same(a, a)


def test_search_scores_each_query_word_against_the_best_key():
    keys = search_keys(stored_keys(["Kuanysh Ayniyazov"]))
    assert search_scores(name_keys("Айниязов"), keys) == [1.0]
    assert search_scores(name_keys("Ayni"), keys) == [0.9]  # a partly typed word
    assert search_scores(name_keys("Aynizov Kuanysh"), keys) == [pytest.approx(0.875), 1.0]
    assert min(search_scores(name_keys("Nazarbayev Kuanysh"), keys)) < LIKELY_SAME
    assert search_scores(name_keys("Kaliev"), []) == [0.0]
